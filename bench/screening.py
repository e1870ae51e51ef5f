"""Screening benchmark: Embargo vs nomenklatura `logic-v1` and `name-based` on the dev set.

`python -m bench screening` prints, in one run:
- accuracy of all three on the same sample (recall, top-1, false alerts, conflicts, per category);
- Embargo on the whole dev set, with examples of misses per failing category;
- speed: batch names/s over ≥ 100k names (the median of BATCH_RUNS runs, each printed),
  match() p50/p95, index build time, memory, and the ratio to logic-v1;
- all shared lists loaded into a new store with `embargo load`: the index built from that
  store in a fresh process (time, memory), then a million names through `embargo screen` as a
  user runs it, whole process (million_through_cli).

Nomenklatura has no candidate retrieval of its own (yente uses Elasticsearch). It is given
Embargo's candidates, converted back to the listed FtM entities, and it scores those itself:
- for accuracy, Embargo's top `NK_CANDIDATES` at threshold 0;
- for speed, as yente runs it by default (`YENTE_CANDIDATES`): the query built as an FtM entity,
  then 50 candidates scored, Embargo's best first, then the rest of what its index retrieves
  (fewer where it retrieves fewer). The ratio to Embargo's top 20 is printed beside it.
Its timing counts the query entity and the scoring only, not retrieval, which flatters it.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from bench import console
from bench.devset import SEED as DEVSET_SEED
from bench.devset import Case, cache_path, list_records, load, negative_names
from embargo.match.types import Query
from embargo.settings import shared_data_dir
from embargo.sources import Record

NK_THRESHOLD = 0.7  # yente's default score threshold, used with every algorithm
NK_CANDIDATES = 20
# What yente's /match scores per query by default: limit 5 x YENTE_MATCH_CANDIDATES 10 (yente's
# docs/deploy/scaling.md: "the number of candidates is limit x YENTE_MATCH_CANDIDATES").
YENTE_CANDIDATES = 50
NK_SAMPLE = {"positive": 500, "negative": 2000, "conflict": 300}
LATENCY_SAMPLE = 2000
THROUGHPUT_NAMES = 100_000
BATCH_RUNS = 3  # the batch is timed this many times, each with new workers
SEED = 7

# The latest file of every source in ../shared/data: what "all shared lists" means for the
# index build time and memory targets.
ALL_LISTS = (
    "ofac/sdn-history/sdn-2024-05-03.csv.gz",
    "ofac/consolidated-2025-12-19/cons_prim.csv",
    "un/un-consolidated-2026-02-27.xml.gz",
    "uk/UK_Sanctions_List-2025-08-11.ods",
    "us-csl/consolidated-2022-05.csv.gz",
    "us-bis-dpl/dpl-2023-11-30.txt",
    "opensanctions/yente-fixture-zala/entities.ftm.json",
    "opensanctions/yente-fixture-t1-eu_fsf/entities.ftm.json",
)
# Files loaded under a source name of their own: two OpenSanctions files are otherwise one
# source, the later a new version of the other.
OWN_SOURCE = {"opensanctions/yente-fixture-t1-eu_fsf/entities.ftm.json": "opensanctions:eu_fsf"}

TARGETS = {
    "recall": (">=", 0.99),
    "top1": (">=", 0.98),
    "false_alerts": ("<=", 0.005),
    "conflicts": ("<=", 0.05),
    "category": (">=", 0.95),
    "candidates": (">=", 0.995),
    "names_per_s": (">=", 20_000),
    "vs_logic_v1": (">=", 50.0),
    "p50_ms": ("<=", 1.0),
    "memory_mib": ("<", 1024.0),
    "build_s": ("<", 5.0),
    "million_s": ("<", 60.0),
}
# "1M names < 60 s, whole process": names for `embargo screen` as a customer file holds them.
MILLION = 1_000_000


def meets(key: str, value: float) -> bool:
    op, target = TARGETS[key]
    return {">=": value >= target, "<=": value <= target, "<": value < target}[op]


def target_text(key: str) -> str:
    op, target = TARGETS[key]
    shown = f"{target:.1%}" if key in ("false_alerts", "conflicts") else f"{target:g}"
    if key in ("recall", "top1", "category"):
        shown = f"{target:.2f}"
    return f"{op.replace('>=', '≥').replace('<=', '≤')} {shown}"


def verdict(key: str, value: float) -> str:
    return "[green]✓[/]" if meets(key, value) else "[red]✗[/]"


# -- results ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one engine answered for one case: alerted entity ids, best first."""

    case: Case
    alerts: list[tuple[str, float]]  # (entity_id, score) at or above the engine's threshold

    @property
    def hit(self) -> bool:
        return any(eid in self.case.expected for eid, _ in self.alerts)

    @property
    def top1(self) -> bool:
        return bool(self.alerts) and self.alerts[0][0] in self.case.expected


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.kind == kind]

    def rate(self, kind: str, test: Callable[[Outcome], bool]) -> float:
        chosen = self.of(kind)
        return sum(map(test, chosen)) / len(chosen) if chosen else float("nan")

    @property
    def recall(self) -> float:
        return self.rate("positive", lambda o: o.hit)

    @property
    def top1(self) -> float:
        return self.rate("positive", lambda o: o.top1)

    @property
    def false_alerts(self) -> float:
        return self.rate("negative", lambda o: bool(o.alerts))

    @property
    def conflicts(self) -> float:
        return self.rate("conflict", lambda o: o.hit)

    @property
    def conflicts_any(self) -> float:
        return self.rate("conflict", lambda o: bool(o.alerts))

    def by_category(self) -> dict[str, tuple[int, float]]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in self.of("positive"):
            groups[o.case.category].append(o)
        return {c: (len(g), sum(o.hit for o in g) / len(g)) for c, g in sorted(groups.items())}


def embargo_outcomes(screener: Any, cases: Sequence[Case]) -> Scores:
    started = time.perf_counter()
    results = list(screener.screen([c.query for c in cases]))
    seconds = time.perf_counter() - started
    outcomes = [
        Outcome(case, [(m.entity_id, m.score) for m in matches])
        for case, matches in zip(cases, results, strict=True)
    ]
    return Scores(outcomes, seconds)


def candidate_recall(screener: Any, cases: Sequence[Case]) -> tuple[float, dict[str, float]]:
    """Share of positives whose entity is among the names the index retrieves for scoring."""
    hits: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        if case.kind == "positive":
            found = set(screener.candidates(case.query))
            hits[case.category].append(any(e in found for e in case.expected))
    overall = [h for group in hits.values() for h in group]
    return sum(overall) / max(len(overall), 1), {
        c: sum(g) / len(g) for c, g in sorted(hits.items())
    }


# -- nomenklatura -----------------------------------------------------------------------------


def query_entity(query: Query, number: int) -> Any:
    """The query as an FtM entity, the way yente builds one from a /match request."""
    from followthemoney import model

    schema = model.get(query.schema) or model.get("LegalEntity")
    assert schema is not None
    entity = model.make_entity(schema)
    entity.id = f"query-{number}"
    entity.add("name", query.name, quiet=True, cleaned=True)
    if query.birth_date:
        entity.add("birthDate", query.birth_date, quiet=True)
    nationality = "nationality" if "nationality" in schema.properties else "country"
    entity.add(nationality, list(query.nationality), quiet=True)
    entity.add("country", list(query.country), quiet=True)
    id_prop = "imoNumber" if schema.name == "Vessel" else "idNumber"
    for value in query.id_number:
        entity.add(id_prop, value.removeprefix("IMO ").strip(), quiet=True)
    return entity


def nomenklatura_outcomes(
    algorithm_name: str,
    cases: Sequence[Case],
    candidates: Sequence[Sequence[str]],
    entities: dict[str, Any],
) -> tuple[Scores, list[float]]:
    from nomenklatura.matching import ScoringConfig, get_algorithm

    algorithm = get_algorithm(algorithm_name)
    assert algorithm is not None, algorithm_name
    config = ScoringConfig(weights={}, config={k: v.default for k, v in algorithm.CONFIG.items()})
    outcomes: list[Outcome] = []
    per_name: list[float] = []
    total = 0.0
    for number, (case, ids) in enumerate(zip(cases, candidates, strict=True)):
        started = time.perf_counter()
        query = query_entity(case.query, number)  # (yente builds it from the request too)
        scored = [(eid, algorithm.compare(query, entities[eid], config).score) for eid in ids]
        elapsed = time.perf_counter() - started
        per_name.append(elapsed)
        total += elapsed
        alerts = sorted(((e, s) for e, s in scored if s >= NK_THRESHOLD), key=lambda x: -x[1])
        outcomes.append(Outcome(case, alerts))
    return Scores(outcomes, total), per_name


def yente_candidates(screener: Any, query: Query) -> list[str]:
    """YENTE_CANDIDATES entity ids for one query, as yente's index would hand them to its
    scorer: Embargo's best-scored first, then the rest of what its index retrieves, by evidence."""
    ranked = [m.entity_id for m in screener.match(query, threshold=0.0, limit=YENTE_CANDIDATES)]
    retrieved = screener.candidates(query, threshold=0.0, limit=4 * YENTE_CANDIDATES)
    return list(dict.fromkeys(ranked + retrieved))[:YENTE_CANDIDATES]


def sample_cases(cases: Sequence[Case], rng: random.Random) -> list[Case]:
    """A stratified sample: positives spread evenly over categories, then negatives, conflicts."""
    out: list[Case] = []
    positives: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        if c.kind == "positive":
            positives[c.category].append(c)
    per = max(1, NK_SAMPLE["positive"] // max(1, len(positives)))
    for group in positives.values():
        out += rng.sample(group, min(per, len(group)))
    for kind in ("negative", "conflict"):
        pool = [c for c in cases if c.kind == kind]
        out += rng.sample(pool, min(NK_SAMPLE[kind], len(pool)))
    return out


# -- speed ------------------------------------------------------------------------------------


def rss_mib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def peak_rss_mib() -> float:
    """This process's peak RSS. Linux's VmHWM is that of the process's own memory since exec;
    ru_maxrss also keeps the high-water mark of the process that forked it (the benchmark, when
    it starts the all-lists measurement), so it is the fallback only."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput_queries(data: Path, cases: Sequence[Case]) -> list[Query]:
    """≥ 100k distinct-as-possible names: all OpenSanctions negatives, then the dev set."""
    names = [Query(name=name, schema="Person") for name in negative_names(data)]
    names += [c.query for c in cases]
    while len(names) < THROUGHPUT_NAMES:
        names += names[: THROUGHPUT_NAMES - len(names)]
    return names


def latency_ms(screener: Any, queries: Sequence[Query]) -> list[float]:
    times: list[float] = []
    for query in queries:
        started = time.perf_counter()
        screener.match(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def all_lists_measure(store_path: str) -> dict[str, Any]:
    """Run in a fresh process: build the index from the store as `embargo match` and `embargo
    screen` do (the latest version of every list in it), report the time and memory."""
    from embargo.match import Screener
    from embargo.store import Store

    with Store(f"sqlite:///{store_path}") as store:
        started = time.perf_counter()
        screener = Screener.from_store(store)
        build = time.perf_counter() - started
    import gc

    gc.collect()
    return {
        "entities": len(screener),
        "build_s": build,
        "rss_mib": rss_mib(),
        "peak_mib": peak_rss_mib(),
    }


def all_lists_in_subprocess(store: Path) -> dict[str, Any] | None:
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "-m", "bench.screening", "--all-lists", str(store)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )
    if proc.returncode != 0:
        console.print(f"[red]all-lists measurement failed:[/] {proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def embargo_command(store: Path, *args: str) -> float | None:
    """Seconds `embargo --db STORE ARGS...` took as a process of its own, None (told why) if it
    failed."""
    root = Path(__file__).resolve().parent.parent
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "embargo", "--db", str(store), *args],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root / "src")},
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        console.print(f"[red]embargo {args[0]} failed:[/] {done.stderr[-2000:]}")
        return None
    return time.perf_counter() - started


def load_all_lists(data: Path, store: Path) -> float | None:
    """Seconds to load ALL_LISTS into `store` with `embargo load`, None if it failed."""
    plain = [str(data / rel) for rel in ALL_LISTS if rel not in OWN_SOURCE]
    total = embargo_command(store, "load", *plain)
    for rel, source in OWN_SOURCE.items():
        seconds = embargo_command(store, "load", str(data / rel), "--source", source)
        total = None if total is None or seconds is None else total + seconds
    return total


def million_names(data: Path, count: int = MILLION, seed: int = SEED) -> list[str]:
    """`count` distinct person names, each the given names of one OpenSanctions negative and
    the family name of another (seeded): as many and as varied as a large customer file, with
    the recurring given and family names real ones have."""
    given: list[list[str]] = []
    family: list[str] = []
    for name in negative_names(data):
        words = name.split()
        if len(words) >= 2:
            given.append(words[:-1])
            family.append(words[-1])
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        names[" ".join([*rng.choice(given), rng.choice(family)])] = None
    return list(names)


def million_through_cli(data: Path, store: Path) -> dict[str, Any] | None:
    """MILLION names through `embargo screen` as a user runs it, against the lists in `store`:
    the whole process timed from outside: start-up, reading the CSV, the index built from the
    store, screening, writing the JSONL."""
    import csv

    with tempfile.TemporaryDirectory(prefix="embargo-bench-") as tmp:
        names, out = Path(tmp) / "names.csv", Path(tmp) / "out.jsonl"
        with names.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "name", "schema"])
            writer.writerows((k, name, "Person") for k, name in enumerate(million_names(data)))
        screen_s = embargo_command(store, "screen", str(names), "-o", str(out))
        if screen_s is None:
            return None
        with out.open(encoding="utf-8") as fh:
            results = [json.loads(line) for line in fh]
    return {
        "screen_s": screen_s,
        "records": len(results),
        "alerted": sum(1 for r in results if r["matches"]),
    }


# -- tables -----------------------------------------------------------------------------------


def fmt_rate(value: float) -> str:
    return "-" if value != value else f"{value:.3f}"


def fmt_pct(value: float) -> str:
    return "-" if value != value else f"{value:.2%}"


def accuracy_table(title: str, columns: dict[str, Scores]) -> Table:
    table = Table(title=title)
    table.add_column("metric")
    for name in columns:
        table.add_column(name, justify="right")
    table.add_column("target", justify="right")
    rows: list[tuple[str, str, Callable[[Scores], float], Callable[[float], str]]] = [
        ("recall (true entity alerted)", "recall", lambda s: s.recall, fmt_rate),
        ("top-1", "top1", lambda s: s.top1, fmt_rate),
        ("false alerts (unlisted names)", "false_alerts", lambda s: s.false_alerts, fmt_pct),
        ("conflicts alerted (on the entry)", "conflicts", lambda s: s.conflicts, fmt_pct),
    ]
    for label, key, get, fmt in rows:
        cells = []
        for scores in columns.values():
            value = get(scores)
            cells.append(f"{fmt(value)} {verdict(key, value) if value == value else ''}")
        table.add_row(label, *cells, target_text(key))
    table.add_row(
        "conflicts with any alert",
        *(fmt_pct(s.conflicts_any) for s in columns.values()),
        "",
    )
    table.add_row(
        "queries (pos / neg / conflict)",
        *(
            f"{len(s.of('positive'))} / {len(s.of('negative'))} / {len(s.of('conflict'))}"
            for s in columns.values()
        ),
        "",
    )
    return table


def category_table(columns: dict[str, Scores]) -> Table:
    table = Table(title="Recall per category (positives)")
    table.add_column("category")
    names = list(columns)
    for name in names:
        table.add_column(f"{name} n", justify="right")
        table.add_column(name, justify="right")
    table.add_column("target", justify="right")
    per = {name: scores.by_category() for name, scores in columns.items()}
    categories = sorted({c for p in per.values() for c in p})
    for category in categories:
        cells: list[str] = []
        for name in names:
            n, value = per[name].get(category, (0, float("nan")))
            cells += [str(n), f"{fmt_rate(value)} {verdict('category', value) if n else ''}"]
        table.add_row(category, *cells, target_text("category"))
    return table


def misses_table(scores: Scores, limit: int = 4) -> Table | None:
    failing = [c for c, (_, value) in scores.by_category().items() if not meets("category", value)]
    if not failing:
        return None
    table = Table(title="Embargo misses in failing categories (query → expected)")
    table.add_column("category")
    table.add_column("query")
    table.add_column("expected (listed name)")
    table.add_column("best alert / none")
    rng = random.Random(SEED)
    for category in failing:
        misses = [o for o in scores.of("positive") if o.case.category == category and not o.hit]
        for o in rng.sample(misses, min(limit, len(misses))):
            best = f"{o.alerts[0][0]} {o.alerts[0][1]:.2f}" if o.alerts else "-"
            table.add_row(
                category, repr(o.case.query.name), f"{o.case.expected[0]} ({o.case.origin})", best
            )
    return table


def false_alert_table(scores: Scores, limit: int = 12) -> Table | None:
    alerts = [o for o in scores.of("negative") if o.alerts]
    if not alerts:
        return None
    table = Table(title=f"Embargo false alerts ({len(alerts)}), a sample")
    table.add_column("negative query")
    table.add_column("category")
    table.add_column("alerted on")
    table.add_column("score", justify="right")
    for o in random.Random(SEED).sample(alerts, min(limit, len(alerts))):
        table.add_row(
            repr(o.case.query.name), o.case.category, o.alerts[0][0], f"{o.alerts[0][1]:.2f}"
        )
    return table


def speed_table(rows: Iterable[tuple[str, str, str, str]]) -> Table:
    table = Table(title="Speed and memory")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_column("", justify="center")
    for row in rows:
        table.add_row(*row)
    return table


# -- an outside test set: moov-io/watchman's cross-script pairs --------------------------------

CROSS_SCRIPT_FILE = "matching/watchman-cross_script_pairs.csv"


@dataclass
class CrossScriptPair:
    query: str
    expected: str
    min_score: float  # watchman's own expectation for its model
    note: str


def cross_script_pairs(data: Path) -> list[CrossScriptPair]:
    import csv

    with open(data / CROSS_SCRIPT_FILE, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return [CrossScriptPair(r[0], r[1], float(r[2]), r[3]) for r in rows]


def cross_script_table(data: Path, records: list[tuple[str, Record]]) -> Table:
    """Each pair's expected name listed as a Person among all dev lists (distractors), queried
    in the other script. Embargo must alert on it (any alert at the best score counts: the set
    has two identical "Kim Jong Un" rows); logic-v1 compares the two names directly."""
    from followthemoney import model
    from nomenklatura.matching import ScoringConfig, get_algorithm

    from embargo.match import Screener

    pairs = cross_script_pairs(data)
    listed: list[tuple[str, Record]] = []
    for number, pair in enumerate(pairs):
        entity = model.make_entity("Person")
        entity.id = f"watchman-{number}"
        entity.add("name", pair.expected)
        listed.append(("watchman", Record(source_id=str(number), entity=entity)))
    screener = Screener.from_records(listed + records)
    algorithm = get_algorithm("logic-v1")
    assert algorithm is not None
    config = ScoringConfig(weights={}, config={k: v.default for k, v in algorithm.CONFIG.items()})
    table = Table(title=f"Cross-script pairs (moov-io/watchman, {len(pairs)}), expected name "
                  "listed among the dev lists")  # fmt: skip
    for column in ("query", "expected", "Embargo", "logic-v1"):
        table.add_column(column, justify="left" if column in ("query", "expected") else "right")
    hits = {"Embargo": 0, "logic-v1": 0}
    for number, pair in enumerate(pairs):
        found = screener.match(Query(name=pair.query, schema="Person"), threshold=0.0, limit=50)
        expected_ids = {f"watchman-{n}" for n, p in enumerate(pairs) if p.expected == pair.expected}
        score = max((m.score for m in found if m.entity_id in expected_ids), default=0.0)
        alerted = score >= screener.threshold and bool(found) and score >= found[0].score
        query = query_entity(Query(name=pair.query, schema="Person"), number)
        reference = algorithm.compare(query, listed[number][1].entity, config).score
        hits["Embargo"] += alerted
        hits["logic-v1"] += reference >= NK_THRESHOLD
        table.add_row(
            pair.query,
            pair.expected,
            f"{score:.2f} {'✓' if alerted else '✗'}",
            f"{reference:.2f} {'✓' if reference >= NK_THRESHOLD else '✗'}",
        )
    table.add_row(
        "alerted", "", f"{hits['Embargo']}/{len(pairs)}", f"{hits['logic-v1']}/{len(pairs)}"
    )
    return table


# -- run --------------------------------------------------------------------------------------


def run() -> None:
    from embargo.match import Screener

    data = shared_data_dir()
    rng = random.Random(SEED)
    rss_start = rss_mib()
    records = list_records(data)
    started = time.perf_counter()
    cached = cache_path(data, DEVSET_SEED).exists()
    cases = load(records, data)
    console.print(
        f"dev set: {len(cases):,} cases ({time.perf_counter() - started:.1f} s, "
        f"{'from the cache' if cached else 'built and cached'} at {cache_path(data, DEVSET_SEED)})"
    )

    started = time.perf_counter()
    screener = Screener.from_records(records)
    build_s = time.perf_counter() - started
    rss_index = rss_mib()

    # Latency first, on queries the engine has not seen (no warm caches).
    latency_queries = [c.query for c in rng.sample(cases, min(LATENCY_SAMPLE, len(cases)))]
    times = latency_ms(screener, latency_queries)

    console.print(
        f"Embargo index over the dev lists: {len(screener):,} entities in {build_s:.1f} s; "
        f"match() on {len(times):,} queries: p50 {percentile(times, 0.5):.2f} ms"
    )
    full = embargo_outcomes(screener, cases)
    console.print(
        f"Embargo screened the dev set in {full.seconds:.1f} s "
        f"({len(cases) / full.seconds:,.0f} names/s)"
    )

    retrieved, per_category = candidate_recall(screener, cases)
    below = ", ".join(
        f"{c} {v:.3f}" for c, v in per_category.items() if v < TARGETS["candidates"][1]
    )
    console.print(
        f"candidate retrieval: the true entity is among the names scored for {retrieved:.4f} of "
        f"the positives (target {target_text('candidates')}) {verdict('candidates', retrieved)}"
        + (f"; below it: {below}" if below else "")
    )

    # Side by side on a sample; nomenklatura scores the candidates Embargo's index retrieves.
    sample = sample_cases(cases, rng)
    entities = {r.entity_id: r.entity for _, r in records}
    candidates = [
        [m.entity_id for m in screener.match(c.query, threshold=0.0, limit=NK_CANDIDATES)]
        for c in sample
    ]
    embargo_sample = embargo_outcomes(screener, sample)
    logic, logic_times = nomenklatura_outcomes("logic-v1", sample, candidates, entities)
    name_based, name_times = nomenklatura_outcomes("name-based", sample, candidates, entities)
    as_yente = [yente_candidates(screener, c.query) for c in sample]
    yente_count = statistics.fmean(len(ids) for ids in as_yente)
    _, yente_times = nomenklatura_outcomes("logic-v1", sample, as_yente, entities)
    console.print(
        f"nomenklatura on {len(sample):,} queries, Embargo's top {NK_CANDIDATES}: logic-v1 "
        f"{logic.seconds:.1f} s, name-based {name_based.seconds:.1f} s; logic-v1 as yente runs "
        f"it ({yente_count:.1f} candidates a query on average): {sum(yente_times):.1f} s"
    )

    console.print(
        accuracy_table(
            f"Accuracy, same {len(sample):,} queries (nomenklatura on Embargo's top-"
            f"{NK_CANDIDATES} candidates; thresholds: Embargo {screener.threshold}, "
            f"nomenklatura {NK_THRESHOLD})",
            {"Embargo": embargo_sample, "logic-v1": logic, "name-based": name_based},
        )
    )
    console.print(
        accuracy_table(f"Embargo on the whole dev set ({len(cases):,} queries)", {"Embargo": full})
    )
    console.print(category_table({"Embargo": full, "logic-v1": logic, "name-based": name_based}))
    for table in (misses_table(full), false_alert_table(full)):
        if table is not None:
            console.print(table)

    console.print(cross_script_table(data, records))

    # Each run forks new workers from this process as it stands, so the runs start alike;
    # the median is the one a short slow spell of a shared machine does not decide.
    queries = throughput_queries(data, cases)
    batch_runs: list[float] = []
    for _ in range(BATCH_RUNS):
        started = time.perf_counter()
        screened = sum(1 for _ in screener.screen(queries))
        batch_runs.append(time.perf_counter() - started)
    batch_s = statistics.median(batch_runs)
    names_per_s = screened / batch_s
    runs_text = ", ".join(f"{screened / seconds:,.0f}" for seconds in batch_runs)
    logic_per_name = statistics.fmean(logic_times)
    yente_per_name = statistics.fmean(yente_times)
    name_per_name = statistics.fmean(name_times)
    embargo_per_name = 1.0 / names_per_s
    ratio = yente_per_name / embargo_per_name
    rss_end = rss_mib()
    # All shared lists, loaded into a new store as a user would (`embargo load`, timed apart):
    # the index is built from it in a fresh process, then a million names are screened.
    with tempfile.TemporaryDirectory(prefix="embargo-bench-") as tmp:
        store = Path(tmp) / "store.db"
        load_s = load_all_lists(data, store)
        scale = all_lists_in_subprocess(store) if load_s is not None else None
        million = million_through_cli(data, store) if load_s is not None else None

    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    rows = [
        (f"batch screen() names/s, median of {BATCH_RUNS} runs", f"{names_per_s:,.0f} ({screened:,} names, {batch_s:.1f} s; runs {runs_text})", target_text("names_per_s"), verdict("names_per_s", names_per_s)),
        ("match() p50 / p95 ms", f"{p50:.2f} / {p95:.2f}", target_text("p50_ms"), verdict("p50_ms", p50)),
        (f"logic-v1 ms per name as yente runs it ({YENTE_CANDIDATES} candidates)", f"{yente_per_name * 1000:.2f} (p95 {percentile(yente_times, 0.95) * 1000:.2f}; {yente_count:.1f} candidates)", "", ""),
        (f"logic-v1 ms per name, Embargo's top {NK_CANDIDATES}", f"{logic_per_name * 1000:.2f} (p95 {percentile(logic_times, 0.95) * 1000:.2f})", "", ""),
        (f"name-based ms per name, Embargo's top {NK_CANDIDATES}", f"{name_per_name * 1000:.2f} (p95 {percentile(name_times, 0.95) * 1000:.2f})", "", ""),
        ("Embargo batch vs logic-v1 as yente runs it (per name)", f"{ratio:,.0f}×", target_text("vs_logic_v1"), verdict("vs_logic_v1", ratio)),
        (f"Embargo batch vs logic-v1 on Embargo's top {NK_CANDIDATES}", f"{logic_per_name / embargo_per_name:,.0f}×", "", ""),
        (f"Embargo batch vs name-based on Embargo's top {NK_CANDIDATES}", f"{name_per_name / embargo_per_name:,.0f}×", "", ""),
        ("dev lists index build (SDN + UN)", f"{build_s:.2f} s, {len(screener):,} entities", "", ""),
        ("process RSS: start / lists+dev set+index / end", f"{rss_start:.0f} / {rss_index:.0f} / {rss_end:.0f} MiB", "", ""),
    ]  # fmt: skip
    if scale is not None:
        rows += [
            ("all shared lists: index build from the store", f"{scale['build_s']:.2f} s, {scale['entities']:,} entities", target_text("build_s"), verdict("build_s", scale["build_s"])),
            ("all shared lists: RSS after build / peak", f"{scale['rss_mib']:.0f} / {scale['peak_mib']:.0f} MiB", target_text("memory_mib"), verdict("memory_mib", scale["peak_mib"])),
        ]  # fmt: skip
    if million is not None:
        seconds = million["screen_s"]
        rows += [
            (f"{million['records']:,} names: `embargo screen`, whole process", f"{seconds:.1f} s ({million['records'] / seconds:,.0f} names/s, {million['alerted']:,} alerted)", target_text("million_s"), verdict("million_s", seconds)),
            ("  (loading the lists into its store first)", f"{load_s:.1f} s", "", ""),
        ]  # fmt: skip
    console.print(speed_table(rows))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--all-lists"]:
        print(json.dumps(all_lists_measure(sys.argv[2])))
    else:
        run()
