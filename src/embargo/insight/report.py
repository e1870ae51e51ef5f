"""The analyst's digest of a change between two dates: counts by programme and by country, every
added, removed and amended party with its evidence, links and changed fields, and the timeline
chart embedded. HTML is one self-contained file (inline CSS, chart as a data URI); Markdown
embeds the chart the same way."""

from __future__ import annotations

import base64
import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from embargo.insight import cache
from embargo.insight.chart import render
from embargo.insight.countries import country_name
from embargo.insight.errors import InsightError, NoVersion
from embargo.insight.facts import StateFacts
from embargo.insight.history import History, Key, Query
from embargo.store import Changes, Store, Version, natural_key

CHANGE_KINDS = ("added", "removed", "amended")
FORMATS = ("html", "md")


@dataclass
class PartyEntry:
    """One party in the digest, as the version that shows it best states it."""

    change: str  # added / removed / amended
    source: str
    facts: StateFacts
    links: list[dict[str, str]]  # {"direction", "role", "entity_id", "caption"}
    fields: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # amended only

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "entity_id": self.facts.entity_id,
            "source": self.source,
            "source_id": self.facts.source_id,
            "schema": self.facts.schema,
            "caption": self.facts.caption,
            "programs": list(self.facts.programs),
            "evidence": [
                {"kind": e.kind, "country": e.country, "value": e.value}
                for e in self.facts.evidence
            ],
            "links": self.links,
            "fields": self.fields,
        }


@dataclass
class Digest:
    sources: list[str]
    start: date
    end: date
    compared: list[tuple[Version, Version]]
    parties: list[PartyEntry]
    chart_png: bytes
    chart_title: str
    # Sources left out, and why (no version in force on the start date).
    skipped: list[str] = field(default_factory=list)

    def counts(self, by: str) -> list[tuple[str, dict[str, int]]]:
        """Rows of (programme or country, {added, removed, amended}), busiest first."""
        table: dict[str, Counter[str]] = {}
        for party in self.parties:
            if by == "program":
                keys = set(party.facts.programs) or {"(none)"}
            else:
                keys = {f"{country_name(c)} ({c})" for c in party.facts.countries()} or {
                    "(no country stated)"
                }
            for key in keys:
                table.setdefault(key, Counter())[party.change] += 1
        rows = [(k, {c: v[c] for c in CHANGE_KINDS}) for k, v in table.items()]
        rows.sort(key=lambda r: (-sum(r[1].values()), r[0]))
        return rows

    def of(self, change: str) -> list[PartyEntry]:
        return [p for p in self.parties if p.change == change]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "versions": [
                {"source": a.source, "old": a.published.isoformat(), "new": b.published.isoformat()}
                for a, b in self.compared
            ],
            "skipped": self.skipped,
            "by_program": dict(self.counts("program")),
            "by_country": dict(self.counts("country")),
            "parties": [p.to_dict() for p in self.parties],
        }


def _states_at(history: History, step: int) -> dict[Key, int]:
    return {s.key: s.state_id for s in history.active(step)}


def _link_rows(
    entity_id: str,
    facts: StateFacts,
    incoming: dict[str, list[tuple[str, str]]],
    captions: dict[str, str],
) -> list[dict[str, str]]:
    rows = []
    for link in facts.links:
        if link.source == entity_id:
            rows.append(("→", link.role, link.target))
        elif link.target == entity_id:
            rows.append(("←", link.role, link.source))
    rows.extend(("←", role, other) for other, role in incoming.get(entity_id, ()))
    seen: set[tuple[str, str, str]] = set()
    out = []
    for direction, role, other in rows:
        if (direction, role, other) in seen:
            continue
        seen.add((direction, role, other))
        out.append(
            {
                "direction": direction,
                "role": role,
                "entity_id": other,
                "caption": captions.get(other, other),
            }
        )
    return out


def _parties(
    history: History, source: str, changes: Changes, old_step: int, new_step: int
) -> list[PartyEntry]:
    old_states = _states_at(history, old_step)
    new_states = _states_at(history, new_step)
    wanted = set(old_states.values()) | set(new_states.values())
    facts = _facts(history, wanted)
    entries: list[PartyEntry] = []
    for change, refs, states in (
        ("added", changes.added, new_states),
        ("removed", changes.removed, old_states),
        ("amended", changes.changed, new_states),
    ):
        # Captions and incoming links as the version that shows the party stated them.
        pool = {k: facts[s] for k, s in states.items() if s in facts}
        captions = {k[1]: f.caption for k, f in pool.items()}
        incoming: dict[str, list[tuple[str, str]]] = {}
        for f in pool.values():
            for link in f.links:
                other = link.target if link.source == f.entity_id else link.source
                if other != f.entity_id:
                    incoming.setdefault(other, []).append((f.entity_id, link.role))
        for ref in refs:
            state = states.get((source, ref.entity_id))
            if state is None or state not in facts:
                raise InsightError(f"{source} record {ref.source_id} has no stored state")
            f = facts[state]
            fields = {}
            if change == "amended":
                fields = {
                    k: {"old": v.old, "new": v.new} for k, v in getattr(ref, "fields", {}).items()
                }
            entries.append(
                PartyEntry(
                    change, source, f, _link_rows(f.entity_id, f, incoming, captions), fields
                )
            )
    return entries


def _facts(history: History, state_ids: set[int]) -> dict[int, StateFacts]:
    return cache.load_facts(history.store.engine, state_ids)


def build(store: Store, start: date, end: date, sources: list[str] | None = None) -> Digest:
    """The digest of what changed between the versions in force on `start` and on `end`."""
    if end < start:
        raise InsightError(f"--to {end} is before --from {start}")
    history = History.load(store, sources)
    compared: list[tuple[Version, Version]] = []
    parties: list[PartyEntry] = []
    skipped: list[str] = []
    for source in history.sources:
        old = store.version_at(source, start)
        new = store.version_at(source, end)
        if old is None or new is None:
            first = store.versions(source)[0].published
            message = f"no version of {source} in force on {start}: the first was published {first}"
            if sources:  # asked for by name: a date before its first version is an error
                raise NoVersion(message)
            skipped.append(message)
            continue
        steps = {v.id: i for i, v in enumerate(history.steps)}
        changes = store.changes(old, new)
        compared.append((old, new))
        parties.extend(_parties(history, source, changes, steps[old.id], steps[new.id]))
    if not compared:
        history.step_at(start)  # raises NoVersion with the first date
        raise NoVersion(f"no source has a version in force on {start}")
    order = {c: i for i, c in enumerate(CHANGE_KINDS)}
    parties.sort(key=lambda p: (order[p.change], p.source, natural_key(p.facts.source_id)))
    # The chart shows the whole stored history up to `end`, so the change sits in its context.
    points = history.timeline(Query(), None, end)
    title = f"{Query().title(history.sources)}: {points[0].date} … {end}" if points else ""
    return Digest(
        history.sources, start, end, compared, parties, render(points, title, "png"), title, skipped
    )


# -- rendering ---------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
margin:2rem auto;max-width:1240px;color:#1b1b1b;line-height:1.4;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #1f4e79}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#eef3f8}td.n{text-align:right}
section.party{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
section.party h3{margin:.2rem 0}.meta{color:#555;font-size:.9rem}
.added h3{color:#1a7f37}.removed h3{color:#b42318}.amended h3{color:#9a6700}
img{max-width:100%;height:auto;border:1px solid #eee}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _counts_html(title: str, rows: list[tuple[str, dict[str, int]]]) -> str:
    head = "".join(f"<th>{c}</th>" for c in CHANGE_KINDS)
    body = "".join(
        f"<tr><td>{_e(k)}</td>"
        + "".join(f'<td class="n">{v[c]}</td>' for c in CHANGE_KINDS)
        + "</tr>"
        for k, v in rows
    )
    return f"<h2>{_e(title)}</h2><table><tr><th></th>{head}</tr>{body}</table>"


def _party_html(p: PartyEntry) -> str:
    f = p.facts
    parts = [
        f'<section class="party {p.change}" id="{_e(f.entity_id)}">',
        f'<h3 class="caption">{_e(f.caption)}</h3>',
        f'<div class="meta">{_e(p.source)} {_e(f.source_id)} · {_e(f.entity_id)} · {_e(f.schema)}'
        + (f" · programmes: {_e(', '.join(f.programs))}" if f.programs else "")
        + "</div>",
    ]
    if f.evidence:
        rows = "".join(
            f"<tr><td>{_e(e.kind)}</td><td>{_e(country_name(e.country))} ({_e(e.country)})</td>"
            f"<td>{_e(e.value)}</td></tr>"
            for e in f.evidence
        )
        parts.append(
            '<table class="evidence"><tr><th>tie</th><th>country</th><th>as listed</th></tr>'
            f"{rows}</table>"
        )
    if p.links:
        rows = "".join(
            f"<tr><td>{_e(k['direction'])} {_e(k['role'])}</td><td>{_e(k['caption'])}</td>"
            f"<td>{_e(k['entity_id'])}</td></tr>"
            for k in p.links
        )
        parts.append(
            f'<table class="links"><tr><th>link</th><th>party</th><th>id</th></tr>{rows}</table>'
        )
    if p.fields:
        rows = "".join(
            f"<tr><td>{_e(k)}</td><td>{_e('; '.join(v['old']))}</td>"
            f"<td>{_e('; '.join(v['new']))}</td></tr>"
            for k, v in p.fields.items()
        )
        parts.append(
            '<table class="fields"><tr><th>field</th><th>before</th><th>after</th></tr>'
            f"{rows}</table>"
        )
    parts.append("</section>")
    return "".join(parts)


def to_html(d: Digest) -> str:
    chart = base64.b64encode(d.chart_png).decode("ascii")
    compared = "".join(
        f"<li>{_e(a.source)}: version {a.id} of {a.published} ({_e(a.filename or '')}, "
        f"{a.record_count:,} records) → version {b.id} of {b.published} "
        f"({_e(b.filename or '')}, {b.record_count:,} records)</li>"
        for a, b in d.compared
    )
    summary = ", ".join(f"{len(d.of(c))} {c}" for c in CHANGE_KINDS)
    sections = []
    for change in CHANGE_KINDS:
        entries = d.of(change)
        body = "".join(_party_html(p) for p in entries) or "<p>None.</p>"
        sections.append(
            f'<div id="{change}"><h2>{change.capitalize()} ({len(entries)})</h2>{body}</div>'
        )
    title = f"Sanctions list changes {d.start} → {d.end}"
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="summary">{_e(summary)} — {_e(", ".join(d.sources))}</p>',
        f"<ul>{compared}</ul>",
        *(f'<p class="skipped">Not compared: {_e(m)}.</p>' for m in d.skipped),
        f'<figure><img alt="{_e(d.chart_title)}" width="1200" height="600" '
        f'src="data:image/png;base64,{chart}"><figcaption>{_e(d.chart_title)}</figcaption>'
        "</figure>",
        _counts_html("By programme", d.counts("program")),
        _counts_html("By country", d.counts("country")),
        *sections,
        "</body></html>\n",
    ]
    return "".join(parts)


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(d: Digest) -> str:
    chart = base64.b64encode(d.chart_png).decode("ascii")
    lines = [f"# Sanctions list changes {d.start} → {d.end}", ""]
    lines.append(
        ", ".join(f"{len(d.of(c))} {c}" for c in CHANGE_KINDS) + f" — {', '.join(d.sources)}"
    )
    lines.append("")
    for a, b in d.compared:
        lines.append(
            f"- {a.source}: version {a.id} of {a.published} ({a.record_count:,} records) → "
            f"version {b.id} of {b.published} ({b.record_count:,} records)"
        )
    lines += [f"- not compared: {m}" for m in d.skipped]
    lines += ["", f"![{_md(d.chart_title)}](data:image/png;base64,{chart})", ""]
    for title, by in (("By programme", "program"), ("By country", "country")):
        lines += [f"## {title}", "", "| | added | removed | amended |", "|---|---:|---:|---:|"]
        for key, v in d.counts(by):
            lines.append(f"| {_md(key)} | {v['added']} | {v['removed']} | {v['amended']} |")
        lines.append("")
    for change in CHANGE_KINDS:
        entries = d.of(change)
        lines += [f"## {change.capitalize()} ({len(entries)})", ""]
        for p in entries:
            f = p.facts
            lines.append(f"### {_md(f.caption)}")
            lines.append("")
            meta = f"{p.source} {f.source_id} · `{f.entity_id}` · {f.schema}"
            if f.programs:
                meta += f" · programmes: {', '.join(f.programs)}"
            lines += [meta, ""]
            for e in f.evidence:
                lines.append(
                    f"- {e.kind}: {country_name(e.country)} ({e.country}) — {_md(e.value)}"
                )
            for k in p.links:
                lines.append(
                    f"- {k['direction']} {k['role']}: {_md(k['caption'])} (`{k['entity_id']}`)"
                )
            for k, v in p.fields.items():
                lines.append(
                    f"- changed `{k}`: {_md('; '.join(v['old'])) or '—'} → "
                    f"{_md('; '.join(v['new'])) or '—'}"
                )
            lines.append("")
    return "\n".join(lines) + "\n"


def report_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "htm":
        suffix = "html"
    if suffix not in FORMATS:
        raise InsightError(f"{path}: the report must be a .html or .md file")
    return suffix


def write_report(digest: Digest, path: Path) -> None:
    fmt = report_format(path)
    text = to_html(digest) if fmt == "html" else to_markdown(digest)
    path.write_text(text, encoding="utf-8")
