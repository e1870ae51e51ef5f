"""List commands: load files, show the lists held, the changes between versions, update."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import typer
from rich.table import Table

from embargo.cli.app import app, console, fail, state
from embargo.sources import SOURCES, known_source, unknown_source
from embargo.sources.base import SourceError
from embargo.store import Changes, LoadResult, Store, StoreError
from embargo.store.loader import list_files, load_file


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (YYYY-MM-DD)")


def _check_source(source: str | None) -> None:
    if source is not None and not known_source(source):
        fail(unknown_source(source))


def _title(source: str) -> str:
    """The source's title, with its dataset (opensanctions:eu_fsf) if it names one."""
    base, _, dataset = source.partition(":")
    info = SOURCES.get(base)
    if info is None:
        return source
    return f"{info.title}: {dataset}" if dataset else info.title


def load_result_dict(name: str, result: LoadResult) -> dict[str, object]:
    v = result.version
    return {
        "file": name,
        "source": v.source,
        "published": v.published.isoformat(),
        "version_id": v.id,
        "created": result.created,
        "records": v.record_count,
        "added": result.added,
        "removed": result.removed,
        "changed": result.changed,
        "problems": [
            {"path": p.path, "location": p.location, "reason": p.reason} for p in result.problems
        ],
    }


def _load_table(rows: list[dict[str, object]]) -> Table:
    table = Table(title="Loaded")
    table.add_column("file", overflow="fold", min_width=10)
    table.add_column("source", overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("records", justify="right", no_wrap=True)
    table.add_column("+add -rm ~chg", no_wrap=True)
    table.add_column("probl.", justify="right", no_wrap=True)
    for row in rows:
        problems = row["problems"]
        assert isinstance(problems, list)
        created = bool(row["created"])
        table.add_row(
            Path(str(row["file"])).name,
            str(row["source"]),
            str(row["published"]),
            str(row["version_id"]),
            str(row["records"]),
            f"+{row['added']} -{row['removed']} ~{row['changed']}" if created else "unchanged",
            str(len(problems)) if created else "",
        )
    return table


PROBLEMS_SHOWN = 3


@app.command()
def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ..., help="List files, directories of them, or .tar.xz/.tar.gz archives of them."
    ),
    source: str = typer.Option(None, "--source", help="Force the source (default: detected)."),
    published: str = typer.Option(
        None, "--published", help="Publication date when the file does not say (YYYY-MM-DD)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    all_problems: bool = typer.Option(
        False,
        "--all-problems",
        help=f"Print every problem (default: the first {PROBLEMS_SHOWN} a file).",
    ),
) -> None:
    """Load list files as new versions (a file already loaded is reported unchanged)."""
    _check_source(source)
    day = _parse_day(published, "--published")
    for path in files:
        if not path.exists():
            fail(f"{path}: no such file or directory")
    rows: list[dict[str, object]] = []
    error: str | None = None
    with Store(state(ctx).db_url) as store:
        try:
            for path in files:
                for item in list_files(path):
                    result = load_file(store, item, source=source, published=day)
                    rows.append(load_result_dict(item.name, result))
        except SourceError as exc:
            error = str(exc)
        except StoreError as exc:
            error = f"store: {exc}"
    if as_json:
        if error is None:
            console.print_json(json.dumps(rows))
    else:
        if rows:
            console.print(_load_table(rows))
        for row in rows:
            problems: list[dict[str, str]] = row["problems"]  # type: ignore[assignment]
            shown = problems if all_problems else problems[:PROBLEMS_SHOWN]
            for problem in shown:
                console.print(
                    f"[yellow]problem[/] {problem['path']} {problem['location']}: "
                    f"{problem['reason']}",
                    highlight=False,
                    soft_wrap=True,
                )
            if len(problems) > len(shown):
                # Every problem is stored with its version; the terminal gets a sample.
                console.print(
                    f"[yellow]… {len(problems) - len(shown)} more problems[/] in {row['file']} "
                    "(--all-problems or --json lists them all)",
                    highlight=False,
                    soft_wrap=True,
                )
    if error is not None:
        kept = f"; the {len(rows)} file(s) loaded before it stay stored" if rows else ""
        fail(f"{error} — nothing of this file was stored{kept}")


@app.command("lists")
def lists_command(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Each source's latest version: publication date, age, records by schema, versions."""
    today = datetime.now(UTC).date()
    rows = []
    with Store(state(ctx).db_url) as store:
        for source in store.sources():
            versions = store.versions(source)
            latest = versions[-1]
            rows.append(
                {
                    "source": source,
                    "title": _title(source),
                    "version_id": latest.id,
                    "published": latest.published.isoformat(),
                    "age_days": (today - latest.published).days,
                    "records": latest.record_count,
                    "schemas": store.schema_counts(latest),
                    "versions": len(versions),
                    "first_published": versions[0].published.isoformat(),
                }
            )
    if as_json:
        console.print_json(json.dumps(rows))
        return
    if not rows:
        console.print("No lists loaded yet: use `embargo load FILE` or `embargo update`.")
        return
    table = Table(title="Lists")
    for column in ("source", "latest version", "published", "age (days)", "records"):
        table.add_column(column)
    table.add_column("by schema")
    table.add_column("versions", justify="right")
    for row in rows:
        schemas = row["schemas"]
        assert isinstance(schemas, dict)
        table.add_row(
            str(row["source"]),
            str(row["version_id"]),
            str(row["published"]),
            str(row["age_days"]),
            str(row["records"]),
            ", ".join(f"{k} {v}" for k, v in schemas.items()),
            f"{row['versions']} (since {row['first_published']})",
        )
    console.print(table)


def _changes_tables(changes: Changes) -> list[Table]:
    title = (
        f"{changes.old.source}: version {changes.old.id} ({changes.old.published}) → "
        f"{changes.new.id} ({changes.new.published})"
    )
    summary = Table(title=title)
    for column in ("added", "removed", "changed"):
        summary.add_column(column, justify="right")
    summary.add_row(str(len(changes.added)), str(len(changes.removed)), str(len(changes.changed)))
    tables = [summary]
    for label, refs in (("Added", changes.added), ("Removed", changes.removed)):
        if refs:
            table = Table(title=label)
            for column in ("source id", "entity id", "schema", "caption"):
                table.add_column(column)
            for ref in refs:
                table.add_row(ref.source_id, ref.entity_id, ref.schema, ref.caption)
            tables.append(table)
    if changes.changed:
        table = Table(title="Changed")
        for column in ("source id", "entity id", "schema", "caption", "field", "old", "new"):
            table.add_column(column)
        for change in changes.changed:
            first = True
            for name, diff in change.fields.items() or [("", None)]:
                head = (
                    [change.source_id, change.entity_id, change.schema, change.caption]
                    if first
                    else ["", "", "", ""]
                )
                old = "; ".join(diff.old) if diff else ""
                new = "; ".join(diff.new) if diff else ""
                table.add_row(*head, name, old, new)
                first = False
        tables.append(table)
    return tables


@app.command()
def changes(
    ctx: typer.Context,
    source: str = typer.Option(None, "--source", help="Source (optional when only one is held)."),
    old: str = typer.Option(..., "--from", help="Version id or date (the version in force)."),
    new: str = typer.Option(None, "--to", help="Version id or date (default: the latest)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Records added, removed and changed (field by field) between two versions of a list."""
    _check_source(source)
    with Store(state(ctx).db_url) as store:
        if source is None:
            held = store.sources()
            if len(held) != 1:
                fail(f"--source is needed: the store holds {', '.join(held) or 'no lists'}")
            source = held[0]
        try:
            before = store.resolve(source, old)
            after = store.resolve(source, new) if new else store.latest(source)
            assert after is not None
            result = store.changes(before, after)
        except StoreError as exc:
            fail(str(exc))
    if as_json:
        console.print_json(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    for table in _changes_tables(result):
        console.print(table)


@app.command()
def update(
    ctx: typer.Context,
    sources: list[str] = typer.Option(
        None, "--source", help="Sources to update (default: every source with download URLs)."
    ),
    from_dir: Path = typer.Option(
        None, "--from-dir", help="Take the files from this local mirror, not the network."
    ),
    urls: list[str] = typer.Option(
        None, "--url", help="Override a source's URL: SOURCE=URL (repeat for several files)."
    ),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds to wait for a server."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Download the official lists and load what is new; a bad download never becomes a version."""
    from embargo.sources.fetch import UpdateError, parse_url_overrides, update_sources

    for name in sources or []:
        _check_source(name)
    try:
        overrides = parse_url_overrides(urls or [])
    except UpdateError as exc:
        fail(str(exc))
    if from_dir is not None and not from_dir.is_dir():
        fail(f"--from-dir {from_dir}: not a directory")
    with Store(state(ctx).db_url) as store:
        outcomes = update_sources(
            store,
            sources=sources or None,
            urls=overrides,
            from_dir=from_dir,
            timeout=timeout,
        )
    if as_json:
        console.print_json(json.dumps([o.to_dict() for o in outcomes]))
    else:
        table = Table(title="Update")
        for column in ("source", "status", "version", "published", "records", "detail"):
            table.add_column(column)
        for o in outcomes:
            style = {"failed": "red", "loaded": "green"}.get(o.status, "")
            table.add_row(
                o.source,
                f"[{style}]{o.status}[/]" if style else o.status,
                "" if o.version_id is None else str(o.version_id),
                o.published or "",
                "" if o.records is None else str(o.records),
                o.detail,
            )
        console.print(table)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        # The other sources' outcomes are printed above; the store keeps the last good versions.
        fail("; ".join(f"{o.source}: {o.detail}" for o in failed))
