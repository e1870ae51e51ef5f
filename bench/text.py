"""Text benchmark: MB/s of running text scanned, and false hits per MB, against a naive baseline.

`python -m bench text` loads every shared list (the latest file per source, as `bench.screening`
does), builds the screener and the mention index, and scans:

- a *negative corpus* naming no listed party: the Python language reference as shipped in the
  standard library (`pydoc_data.topics`, ~0.46 MB of English technical prose) plus Faker
  paragraphs (seeded) in 12 locales — en_US, de_DE, fr_FR, es_ES, it_IT, nl_NL, pl_PL, tr_TR,
  ru_RU, ar_AA, fa_IR, zh_CN — whose "lorem" generators draw real words of each language;
  Faker *names* are deliberately not used: real names can be listed names;
- the news story of 13 Dec 2023 (`../shared/seed`), repeated, for throughput on news.

Speed is CPU time of one process on one core (`time.process_time`), the goal being ≥ 1 MB/s;
wall time is shown too (the machine is shared). Hits per MB on the negative corpus: goal 0.

Reference: the naive approach the automaton replaces — `Screener.match` on every window of 2
and 3 consecutive words (and single words that start with a capital) — measured on a sample
of the same corpus, since it is far too slow for the whole; Embargo is measured on that same
sample too, so the ratio compares like with like.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.table import Table

from bench import console
from bench.screening import ALL_LISTS
from embargo.match import Query, Screener
from embargo.settings import shared_data_dir
from embargo.sources import SourceError, read_list
from embargo.text import scanner_for
from embargo.text.tokens import tokenize

LOCALES = (
    "en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "tr_TR", "ru_RU", "ar_AA",
    "fa_IR", "zh_CN",
)  # fmt: skip
PARAGRAPHS_PER_LOCALE = 300
SEED = 7
NEWS_MB = 1.0
BASELINE_SAMPLE_CHARS = 12_000  # per corpus part: the baseline needs minutes even for this
GOAL_MB_S = 1.0


def negative_corpus() -> list[tuple[str, str]]:
    """(label, text) parts that name no listed party."""
    from pydoc_data.topics import topics

    from faker import Faker

    parts = [("python-docs", "\n\n".join(topics[k] for k in sorted(topics)))]
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(SEED)
        paragraphs = [fake.paragraph(nb_sentences=10) for _ in range(PARAGRAPHS_PER_LOCALE)]
        parts.append((f"faker-{locale}", "\n\n".join(paragraphs)))
    return parts


def load_lists() -> tuple[Screener, dict[str, int], float]:
    data = shared_data_dir()
    pairs = []
    counts: dict[str, int] = {}
    start = time.perf_counter()
    for rel in ALL_LISTS:
        try:
            parsed = read_list(data / rel)
        except SourceError as exc:
            console.print(f"[yellow]skipped {rel}: {exc}[/]")
            continue
        counts[Path(rel).name] = len(parsed)
        pairs.extend((parsed.source, r) for r in parsed.records)
    screener = Screener.from_records(pairs)
    return screener, counts, time.perf_counter() - start


def mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def timed_scan(scanner, text: str) -> tuple[list, float, float]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    mentions = scanner.mentions(text)
    return mentions, time.process_time() - cpu, time.perf_counter() - wall


def naive_windows(screener: Screener, text: str) -> tuple[list[tuple[str, str]], float]:
    """The reference: screen every 2- and 3-word window and every capitalised word."""
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    hits: list[tuple[str, str]] = []
    cpu = time.process_time()
    for i in range(len(words)):
        windows = [words[i : i + n] for n in (2, 3) if i + n <= len(words)]
        if words[i][:1].isupper():
            windows.append(words[i : i + 1])
        for window in windows:
            for m in screener.match(Query(" ".join(window)), limit=1):
                hits.append((" ".join(window), m.caption))
    return hits, time.process_time() - cpu


def run() -> None:
    screener, counts, load_s = load_lists()
    start = time.perf_counter()
    scanner = scanner_for(screener)
    index_s = time.perf_counter() - start

    setup = Table(title="Text benchmark: lists and index")
    setup.add_column("what")
    setup.add_column("value", justify="right")
    for name, n in counts.items():
        setup.add_row(f"records in {name}", f"{n:,}")
    setup.add_row("listed entities", f"{len(screener.index.entities):,}")
    setup.add_row("automaton keys (exact + skeleton)", f"{scanner.index.keys:,}")
    setup.add_row("lists parsed + screener built (s)", f"{load_s:.1f}")
    setup.add_row("mention index built (s)", f"{index_s:.1f}")
    console.print(setup)

    parts = negative_corpus()
    negative = "\n\n".join(text for _, text in parts)
    story = (shared_data_dir().parent / "seed" / "news-2023-12-13.txt").read_text("utf-8")
    news = "\n\n".join([story] * max(1, int(NEWS_MB * 1e6 / len(story.encode("utf-8")))))

    # Cold: first contact with every word (transliteration caches empty for this text).
    _, cold_cpu, cold_wall = timed_scan(scanner, negative)
    found, neg_cpu, neg_wall = timed_scan(scanner, negative)
    news_found, news_cpu, news_wall = timed_scan(scanner, news)

    speed = Table(title="Embargo text scan (one process, one core)")
    for col in ("corpus", "MB", "CPU s", "MB/s (CPU)", "MB/s (wall)", "hits", "hits/MB", "goal"):
        speed.add_column(col, justify="right" if col not in ("corpus", "goal") else "left")
    neg_mb, news_mb = mb(negative), mb(news)
    rows = [
        ("negative, cold caches", neg_mb, cold_cpu, cold_wall, None),
        ("negative", neg_mb, neg_cpu, neg_wall, found),
        (f"news story ×{news.count(story[:40])}", news_mb, news_cpu, news_wall, news_found),
    ]
    for label, size, cpu, wall, hits in rows:
        rate = size / cpu if cpu else float("inf")
        ok = "✓" if rate >= GOAL_MB_S else "✗"
        if hits is not None and label == "negative":
            ok += " / " + ("✓" if not hits else "✗") + " 0 hits"
        speed.add_row(
            label,
            f"{size:.2f}",
            f"{cpu:.2f}",
            f"{rate:.2f}",
            f"{size / wall:.2f}",
            "" if hits is None else str(len(hits)),
            "" if hits is None else f"{len(hits) / size:.2f}",
            f"≥ {GOAL_MB_S} MB/s {ok}",
        )
    console.print(speed)

    if found:
        fp = Table(title="False hits on the negative corpus")
        for col in ("text", "listed as", "score", "count"):
            fp.add_column(col)
        for (text, caption, score), n in Counter(
            (" ".join(m.text.split()), m.caption, m.score) for m in found
        ).most_common(20):
            fp.add_row(text, caption, f"{score:.3f}", str(n))
        console.print(fp)
    per_part = Table(title="Hits per corpus part")
    per_part.add_column("part")
    per_part.add_column("MB", justify="right")
    per_part.add_column("hits", justify="right")
    for label, text in parts:
        per_part.add_row(label, f"{mb(text):.2f}", str(len(scanner.mentions(text))))
    console.print(per_part)

    # Reference on a sample: the first characters of every part, and of the news story.
    sample = "\n\n".join(text[:BASELINE_SAMPLE_CHARS] for _, text in parts)
    sample_mb = mb(sample)
    base_hits, base_cpu = naive_windows(screener, sample)
    ours, ours_cpu, _ = timed_scan(scanner, sample)
    story_base_hits, story_base_cpu = naive_windows(screener, story)
    story_ours, story_cpu, _ = timed_scan(scanner, story)
    ref = Table(title="Side by side with the naive reference (same sample)")
    for col in ("method", "sample", "MB", "CPU s", "MB/s", "hits", "hits/MB", "speed ratio"):
        ref.add_column(col, justify="right" if col not in ("method", "sample") else "left")
    ref.add_row(
        "Embargo automaton + verify", "negative", f"{sample_mb:.3f}", f"{ours_cpu:.2f}",
        f"{sample_mb / ours_cpu:.2f}", str(len(ours)), f"{len(ours) / sample_mb:.1f}",
        f"{base_cpu / ours_cpu:.0f}×",
    )  # fmt: skip
    ref.add_row(
        "naive: match() every 1–3-word window", "negative", f"{sample_mb:.3f}",
        f"{base_cpu:.2f}", f"{sample_mb / base_cpu:.4f}", str(len(base_hits)),
        f"{len(base_hits) / sample_mb:.1f}", "1×",
    )  # fmt: skip
    story_mb = mb(story)
    ref.add_row(
        "Embargo automaton + verify", "news story", f"{story_mb:.4f}", f"{story_cpu:.3f}",
        f"{story_mb / story_cpu:.2f}", str(len(story_ours)), "", f"{story_base_cpu / story_cpu:.0f}×",
    )  # fmt: skip
    ref.add_row(
        "naive: match() every 1–3-word window", "news story", f"{story_mb:.4f}",
        f"{story_base_cpu:.2f}", f"{story_mb / story_base_cpu:.4f}", str(len(story_base_hits)),
        "", "1×",
    )  # fmt: skip
    console.print(ref)
    distinct = Counter(caption for _, caption in story_base_hits)
    console.print(
        f"news story: Embargo found {sorted({m.caption for m in story_ours})}; "
        f"the naive reference found {len(distinct)} distinct listed parties, e.g. "
        f"{[c for c, _ in distinct.most_common(8)]}"
    )
