"""The screening engine: one object built once, `match()` for one query, `screen()` for many."""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import os
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from multiprocessing.pool import AsyncResult
from typing import Any

import numpy as np
from rapidfuzz.distance import Indel

from embargo.index.entities import RELATED_SCHEMATA, EntityInfo, entity_info
from embargo.index.screening import (
    CandidateFinder,
    Expansion,
    NameKey,
    ScreeningIndex,
    analysed_names,
)
from embargo.match.evidence import (
    ID_MATCH,
    MAX_SUPPORT,
    SCHEMA_CONFLICT,
    QueryEvidence,
    load_country_names,
    schemas_compatible,
)
from embargo.match.names import (
    NameScore,
    QueryToken,
    QueryTokenKey,
    name_score,
    name_table,
    prepare_query,
    score_names,
    similarity_rows,
)
from embargo.match.rules import LEGAL_SWAP
from embargo.match.types import Feature, Match, Query
from embargo.memory import gc_paused
from embargo.names import PERSON, NameForm, analyse_name, kind_of_schema
from embargo.names.text import WordReading, word_readings
from embargo.names.titles import office_in_name
from embargo.parallel import fork_map
from embargo.sources.base import Record
from embargo.store import Store
from embargo.store.records import decode

DEFAULT_THRESHOLD = 0.7
MAX_WORKERS = 2
CHUNK = 2000  # queries per unit of work in screen()
# The first chunks a batch's workers take, smaller: both start with nothing worked out, and
# pass on what they work out only after each chunk, so each would otherwise work out the
# common names of its first 2,000 queries (most of what the other's hold) for itself.
FIRST_CHUNKS = (250, 250, 500, 500)
CHUNKS_AHEAD = 2  # chunks per worker sent ahead of the results being yielded
# Distinct queries screen() remembers to answer a repeat from (a customer file repeats common
# names): their keys and results, mostly empty, take about 60 MiB besides the names.
REPEATS_KEPT = 200_000
# A query's fields but its id, in Query's order: what makes two queries the same, and all
# a worker needs of one (Query(*key)).
QueryKey = tuple[str, str, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
CANDIDATE_NAMES = 48  # names scored in full per query
WEAK_ALIAS_FACTOR = 0.9  # weak aliases ("a.k.a." nicknames) are weaker evidence
# An abjad spelling (lyksndrwyh = Aleksandrovich) often reaches its listed token only by scoring.
PREFILTER_SLACK_ABJAD = 0.45
PREFILTER_SLACK = 0.7  # margin on the candidate bound: pairs found only by scoring (not by a blocking key) add to the score but not to the bound


class Screener:
    """Screens names against an in-memory index of listed entities."""

    def __init__(
        self,
        entities: Iterable[EntityInfo],
        threshold: float = DEFAULT_THRESHOLD,
        analysed: Mapping[NameKey, NameForm] | None = None,
    ):
        """`analysed`: names of the entities already read (see ScreeningIndex)."""
        with gc_paused():  # (all of it lives on: see ScreeningIndex)
            self.index = ScreeningIndex(entities, analysed)
            self.finder = CandidateFinder(self.index)
            self.names = name_table(self.index)
        self.threshold = threshold
        self._schema_masks: dict[str, np.ndarray] = {}
        self._query_tokens: dict[QueryTokenKey, QueryToken] = {}  # prepare_query's
        # The compiled kernels keep scratch arrays over all names and tokens: queries of one
        # screener from several threads (an API server's) take turns.
        self._lock = threading.Lock()
        index = self.index
        self._person_names = np.array(
            [index.entities[n.entity].schema == "Person" for n in index.names], dtype=np.uint8
        )

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[str, Record]], threshold: float = DEFAULT_THRESHOLD
    ) -> Screener:
        """Build from (source, Record) pairs."""
        return cls((entity_info(source, record) for source, record in records), threshold)

    @classmethod
    def from_store(
        cls,
        store: Store,
        as_of: date | None = None,
        sources: Iterable[str] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> Screener:
        """Build from the store's records in force at `as_of` (latest when None).

        The records are decoded and their names analysed, some 60% of the work, in two
        processes where the machine has two CPUs (parallel.fork_map): all shared lists build
        in 3.8 s instead of 4.6.
        """
        with gc_paused():  # (until the index is built and frozen: see ScreeningIndex)
            encoded = [
                (version.source, data)
                for version in store.versions_as_of(as_of, sources)
                for data in store.encoded_records(version)
            ]
            read = fork_map(_read_entity, encoded)
            del encoded  # (its memory serves the index)
            analysed: dict[NameKey, NameForm] = {}
            for _, names in read:
                analysed.update(names)
            return cls((info for info, _ in read), threshold, analysed)

    def __len__(self) -> int:
        return len(self.index)

    def match(self, query: Query, threshold: float | None = None, limit: int = 10) -> list[Match]:
        """Listed entities matching one query at or above the threshold, best first."""
        threshold = self.threshold if threshold is None else threshold
        kind = kind_of_schema(query.schema)
        form = analyse_name(query.name, kind)
        with self._lock:
            return self._match(query, form, threshold, limit)

    def screen(
        self,
        queries: Iterable[Query],
        threshold: float | None = None,
        limit: int = 10,
        workers: int | None = None,
    ) -> Iterator[list[Match]]:
        """Match many queries; results in input order, as they are ready.

        Queries are taken in chunks; with more than one worker (default: up to 2, one per
        CPU) chunks are screened in forked processes that share the index copy-on-write and
        keep their caches for the whole batch. Only a few chunks are read ahead of the
        results, so a batch of any size streams. A repeated query (same name and facts) is
        answered from the first one's result, within the last REPEATS_KEPT distinct queries.
        While the batch runs, this process's cyclic garbage collector rests (memory.gc_paused);
        it is on again once the batch ends or the generator is closed.
        """
        threshold = self.threshold if threshold is None else threshold
        if workers is None:
            workers = min(MAX_WORKERS, os.cpu_count() or 1)
        if workers <= 1 or "fork" not in mp.get_all_start_methods():
            with gc_paused():
                for chunk in _distinct_chunks(queries, itertools.repeat(CHUNK), REPEATS_KEPT):
                    yield from chunk.answer(self._screen_chunk(chunk.queries, threshold, limit))
            return
        chunks = _distinct_chunks(
            queries, itertools.chain(FIRST_CHUNKS, itertools.repeat(CHUNK)), REPEATS_KEPT
        )
        first: list[_Chunk] = []
        for chunk in chunks:
            first.append(chunk)
            if sum(c.size for c in first) >= CHUNK:
                break
        else:  # a small batch is not worth starting processes for
            for chunk in first:
                yield from chunk.answer(self._screen_chunk(chunk.queries, threshold, limit))
            return
        # Loaded here, not in each worker: the country names, the first queries' schema masks.
        load_country_names()
        for schema in {query.schema for chunk in first for query in chunk.queries}:
            self._compatible_names(schema)
        global _WORKER
        _WORKER = self
        context = mp.get_context("fork")
        # Each worker passes the token expansions it makes to the others' inboxes.
        inboxes = [context.Queue() for _ in range(workers)]
        started = (inboxes, context.Value("i", 0))
        try:
            with (
                gc_paused(),
                context.Pool(workers, initializer=_start_worker, initargs=started) as pool,
            ):
                pending: deque[tuple[_Chunk, AsyncResult[list[list[Match]]]]] = deque()
                for chunk in itertools.chain(first, chunks):
                    job = pool.apply_async(_screen_in_worker, ((chunk.keys, threshold, limit),))
                    pending.append((chunk, job))
                    if len(pending) > workers * CHUNKS_AHEAD:
                        done, job = pending.popleft()
                        yield from done.answer(job.get())
                while pending:
                    done, job = pending.popleft()
                    yield from done.answer(job.get())
        finally:
            _WORKER = None
            for inbox in inboxes:
                inbox.close()

    def _screen_chunk(self, chunk: list[Query], threshold: float, limit: int) -> list[list[Match]]:
        with gc_paused():
            return [self.match(query, threshold, limit) for query in chunk]

    def candidates(
        self, query: Query, threshold: float | None = None, limit: int = CANDIDATE_NAMES
    ) -> list[str]:
        """Entity ids of the listed names retrieved for scoring (before any is scored), best
        evidence first; `limit` listed names at most (match() scores CANDIDATE_NAMES)."""
        threshold = self.threshold if threshold is None else threshold
        form = analyse_name(query.name, kind_of_schema(query.schema))
        q_weights = self.index.query_weights(form)
        with self._lock:
            names = self._candidate_names(form, q_weights, threshold, query, limit)
        entities = dict.fromkeys(self.index.names[n].entity for n in names.tolist())
        return [self.index.entities[e].entity_id for e in entities]

    def _candidate_names(
        self,
        form: NameForm,
        q_weights: list[float],
        threshold: float,
        query: Query,
        limit: int = CANDIDATE_NAMES,
    ) -> np.ndarray:
        if not form.tokens:
            return np.zeros(0, dtype=np.int32)
        # The candidate evidence divided by the query weight bounds the name score from above;
        # names that cannot reach the threshold even with every supporting feature are skipped.
        slack = PREFILTER_SLACK_ABJAD if form.abjad else PREFILTER_SLACK
        per_weight = max(0.0, threshold - MAX_SUPPORT) * slack
        floor = per_weight * self._bound_weight(form, q_weights)
        # A person cannot be a listed company (nor a vessel a person), however alike the names:
        # where the schema conflict keeps such a match under the threshold, none is a candidate.
        allowed = None
        if 1.0 + MAX_SUPPORT + (ID_MATCH if query.id_number else 0.0) + SCHEMA_CONFLICT < threshold:
            allowed = self._compatible_names(query.schema)
        ids, _ = self.finder.find(form, limit, floor, allowed)
        regrouped = self.index.regrouped(form)
        if regrouped is not None:  # "Was hington Antunez": its letters are listed words
            floor = per_weight * self._bound_weight(regrouped, self.index.query_weights(regrouped))
            more, _ = self.finder.find(regrouped, limit, floor, allowed)
            if len(more):
                ids = np.concatenate((ids, more[~np.isin(more, ids)]))
        return ids

    def _bound_weight(self, form: NameForm, q_weights: list[float]) -> float:
        """The query weight the candidate bound divides by: a legal-form word the listed name
        does not share costs the score only LEGAL_SWAP of its weight (match.align), typos
        included ("RAHMAH CHARITABLE ORGANIZAITON" scores about 0.8 on RAHMAH CHARITABLE
        ORGANIZATION), so it counts that much here."""
        tokens = form.tokens
        legal = self.index.legal_words_among(tokens)
        total = sum(q_weights)
        if form.legal or not legal.isdisjoint(tokens):
            total -= (1.0 - LEGAL_SWAP) * sum(
                w
                for token, w in zip(tokens, q_weights, strict=True)
                if token in legal or token in form.legal
            )
        return total or 1.0

    def _compatible_names(self, schema: str) -> np.ndarray:
        """Which listed names a query of this schema may match, as a mask over all names."""
        mask = self._schema_masks.get(schema)
        if mask is None:
            index = self.index
            compatible = {
                listed: schemas_compatible(schema, listed)
                for listed in {info.schema for info in index.entities}
            }
            mask = np.array(
                [compatible[index.entities[n.entity].schema] for n in index.names], dtype=bool
            )
            self._schema_masks[schema] = mask
        return mask

    def _match(self, query: Query, form: NameForm, threshold: float, limit: int) -> list[Match]:
        index = self.index
        if not form.tokens and not query.id_number:
            return []
        q_weights = index.query_weights(form)
        candidates = self._candidate_names(form, q_weights, threshold, query)
        if not len(candidates) and not query.id_number:
            return []  # most names screened: nothing listed is near enough to compare
        best: dict[int, tuple[float, int, int]] = {}  # entity -> score, name, candidate
        # Name scores that cannot alert with every supporting feature need no explanation,
        # unless an identifier may still bring the entity up.
        below = 0.0 if query.id_number else threshold - MAX_SUPPORT
        # "Präsident Putin": the title of office is evidence where the list gives the position.
        office = office_in_name(query.name) if kind_of_schema(query.schema) == PERSON else None
        if len(candidates):
            prepared = prepare_query(index, form, q_weights, self._query_tokens)
            rows = similarity_rows(index, self.names, prepared, candidates)
            person = self._person_names[candidates]
            agrees = np.zeros(len(candidates), dtype=np.uint8)
            if office is not None:
                for k, nidx in enumerate(candidates.tolist()):
                    info = index.entities[index.names[nidx].entity]
                    agrees[k] = person[k] and office in info.offices
            scores = score_names(
                self.names, index, prepared, rows, candidates, person, agrees, below, below
            )
            # (Most candidates of most queries have too few agreeing parts: -1.0. For the dozen
            # candidates of a typical query, lists beat numpy's selection by 1.5 µs.)
            listed = candidates.tolist()
            for k, score in enumerate(scores.scores.tolist()):
                if score < 0.0:
                    continue
                nidx = listed[k]
                name = index.names[nidx]
                if name.weak:
                    score *= WEAK_ALIAS_FACTOR
                prev = best.get(name.entity)
                if prev is None or score > prev[0]:
                    best[name.entity] = (score, nidx, k)
        if query.id_number:
            for eidx in index.entities_by_id(query.id_number):
                if eidx not in best:
                    best[eidx] = (0.0, -1, -1)
        matches: list[Match] = []
        evidence: QueryEvidence | None = None  # (made for the few names that may alert)
        for eidx, (score, nidx, k) in best.items():
            if score + MAX_SUPPORT < threshold and nidx >= 0 and not query.id_number:
                continue
            if evidence is None:
                evidence = QueryEvidence(query)
            info = index.entities[eidx]
            features = evidence.features(info)
            if office in info.offices:
                positions = "; ".join(info.positions)
                features.append(Feature("office", 0.0, 0.0, f"{office} = listed '{positions}'"))
            total = min(1.0, max(0.0, score + sum(f.value for f in features)))
            if total < threshold:
                continue
            # nidx >= 0: a candidate, scored above (an identifier alone brings nidx -1)
            scored = name_score(index, prepared, scores, k, nidx) if nidx >= 0 else None
            matches.append(
                self._result(query, form, info, nidx, score, scored, features, total, threshold)
            )
        # Equal scores (one party on two lists, spelled alike): the listed spelling closest to
        # the query as written comes first, in either order, then in the same order.
        written = query.name.casefold()
        matches.sort(key=lambda m: (-m.score, *_written_distance(written, m)))
        return matches[:limit]

    def _result(
        self,
        query: Query,
        form: NameForm,
        info: EntityInfo,
        nidx: int,
        name_score: float,
        scored: NameScore | None,
        features: list[Feature],
        total: float,
        threshold: float,
    ) -> Match:
        name = self.index.names[nidx] if nidx >= 0 else None
        name_feature = Feature(
            "name",
            round(name_score, 4),
            1.0,
            (
                ("weak alias; " if name and name.weak else "")
                + ("compared joined; " if scored and scored.compact else "")
                + f"query tokens {list(form.tokens)} vs {list(name.form.tokens) if name else []}"
            ),
        )
        explanation = {
            "features": [
                {"name": f.name, "value": round(f.value, 4), "weight": f.weight, "detail": f.detail}
                for f in [name_feature, *features]
            ],
            "query_name": query.name,
            "matched_name": name.form.text if name else None,
            "alignment": [list(a) for a in scored.alignment] if scored else [],
            "threshold": threshold,
        }
        return Match(
            entity_id=info.entity_id,
            source=info.source,
            source_id=info.source_id,
            schema=info.schema,
            caption=info.caption,
            score=round(total, 4),
            explanation=explanation,
        )


def _read_entity(encoded: tuple[str, bytes]) -> tuple[EntityInfo, dict[NameKey, NameForm]]:
    """A stored record (its source, its data) as the index takes it: what it keeps of the
    entity, and the entity's names analysed."""
    source, data = encoded
    info = entity_info(source, decode(data, RELATED_SCHEMATA))
    return info, analysed_names(info)


def _written_distance(written: str, match: Match) -> tuple[float, float]:
    """How far a listed spelling is from the query as written: in the natural order as well
    as the list's ("DRISSI, Noureddine" is written "Noureddine Drissi"), and as it stands."""
    listed = (match.explanation["matched_name"] or "").casefold()
    as_listed = Indel.normalized_distance(written, listed)
    family, comma, given = listed.partition(",")
    if not comma or "," in given:
        return as_listed, as_listed
    natural = Indel.normalized_distance(written, f"{given.strip()} {family.strip()}")
    return min(as_listed, natural), as_listed


_WORKER: Screener | None = None  # the screener a forked worker inherited
_INBOXES: list[Any] = []  # per worker, a queue of the expansions the other workers made
_NUMBER = 0  # this worker's inbox


def _start_worker(inboxes: list[Any], counter: Any) -> None:
    global _INBOXES, _NUMBER
    assert _WORKER is not None
    # A forked worker has one thread; a lock another thread of the parent held at the fork
    # would stay held in it for ever.
    _WORKER._lock = threading.Lock()
    with counter.get_lock():
        _NUMBER = counter.value % len(inboxes)
        counter.value += 1
    _INBOXES = inboxes
    _fresh_work(_WORKER)  # (from now on kept, to pass on)
    # A worker lives for one batch and makes no reference cycles (see _screen_chunk): between
    # chunks the collector would scan every cache entry the last chunk made (4% of its time).
    gc.disable()


# What one worker passes on to the others after each chunk (_fresh_work).
Work = tuple[list[Expansion], list[tuple[str, WordReading]]]


def _fresh_work(screener: Screener) -> Work:
    """What this process worked out since the last call that a process screening beside it
    would otherwise work out again: the token expansions and word readings it made (the
    first call starts keeping them). Not the token hits: made again from a known expansion in
    5 µs, their arrays cost more to pass on (17% more time in all, tried)."""
    return screener.index.fresh_expansions(), word_readings.fresh()


def _learn_work(screener: Screener, work: Work) -> None:
    """Take another process's _fresh_work (from a screener of the same index) as if done here."""
    expansions, readings = work
    screener.index.learn_expansions(expansions)
    word_readings.learn(readings)


def _screen_in_worker(args: tuple[list[QueryKey], float, int]) -> list[list[Match]]:
    """Screen one chunk; learn the work the other workers did before, and pass on that done
    in it: a new token or word of a batch is otherwise worked out in every worker, as common
    names recur across chunks. Over the 126,521 throughput names, one process expanded 29,741
    tokens and read 29,724 words; two workers, passing on their expansions only, 33,757 and
    45,164; passing on both, 34,320 and 33,649, and from smaller first chunks (FIRST_CHUNKS)
    32,547 and 31,997."""
    keys, threshold, limit = args
    chunk = [Query(*key) for key in keys]
    assert _WORKER is not None
    inbox = _INBOXES[_NUMBER]
    while True:
        try:
            _learn_work(_WORKER, inbox.get_nowait())
        except queue.Empty:
            break
    results = _WORKER._screen_chunk(chunk, threshold, limit)
    fresh = _fresh_work(_WORKER)
    if any(fresh):
        for number, other in enumerate(_INBOXES):
            if number != _NUMBER:
                other.put(fresh)
    return results


class _Chunk:
    """Consecutive input queries: the distinct ones to screen, and for every input position
    the cell its result goes in (a repeat shares the cell of the query it repeats)."""

    def __init__(self) -> None:
        self.queries: list[Query] = []
        self.keys: list[QueryKey] = []  # the queries as sent to workers (tuples pickle fast)
        self.cells: list[list[list[Match]]] = []  # per input position: [result], once known
        self._new: list[list[list[Match]]] = []  # the cells of `queries`, in order

    @property
    def size(self) -> int:
        return len(self.cells)

    def add(self, query: Query, key: QueryKey, cell: list[list[Match]] | None) -> list[list[Match]]:
        """Add one input query; `cell` is the earlier result it repeats, if any."""
        if cell is None:
            cell = []
            self.queries.append(query)
            self.keys.append(key)
            self._new.append(cell)
        self.cells.append(cell)
        return cell

    def answer(self, results: list[list[Match]]) -> Iterator[list[Match]]:
        """The input positions' results in order, given those of `queries`."""
        for cell, result in zip(self._new, results, strict=True):
            cell.append(result)
        for cell in self.cells:
            yield cell[0]  # a repeat comes after the query it repeats: its cell is filled


def _query_key(query: Query) -> QueryKey:
    return (
        query.name,
        query.schema,
        query.birth_date,
        query.nationality,
        query.country,
        query.id_number,
    )


def _distinct_chunks(queries: Iterable[Query], sizes: Iterator[int], kept: int) -> Iterator[_Chunk]:
    """Chunks of input queries, as many in each as the next of `sizes` says, each repeat of
    one of the last `kept` distinct queries pointed at that query's result instead of screened
    again."""
    size = next(sizes)
    recent: dict[QueryKey, list[list[Match]]] = {}
    # The oldest first, to drop in O(1): `del recent[next(iter(recent))]` skips every earlier
    # deletion first, and took 27 s for 600,000 distinct queries with 200,000 kept. (An
    # OrderedDict does it too, with some 40 more bytes a key.)
    order: deque[QueryKey] = deque()
    chunk = _Chunk()
    for query in queries:
        key = _query_key(query)
        repeated = recent.get(key)
        cell = chunk.add(query, key, repeated)
        if repeated is None:
            if len(recent) >= kept:
                del recent[order.popleft()]
            recent[key] = cell
            order.append(key)
        if chunk.size >= size:
            yield chunk
            chunk = _Chunk()
            size = next(sizes)
    if chunk.size:
        yield chunk


__all__ = ["DEFAULT_THRESHOLD", "Screener"]
