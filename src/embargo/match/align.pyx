# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# distutils: language = c++
"""Name scores of a query against its candidate names, aligned in compiled loops.

The rules are those of embargo.match.names (read its module docstring); this is where they
run. A query's token similarities come in as dense matrices over the distinct tokens of its
candidates, each listed name as a run of positions in flat arrays (NameTable), so scoring a
name is a few loops over small numbers, not dictionary and set operations per pair.
"""

from libcpp.algorithm cimport sort
from libcpp.pair cimport pair
from libcpp.vector cimport vector

cimport numpy as cnp

from embargo.index.arrays cimport data, empty, float64_rows, float64s, int32s, uint8s

import numpy as np

from embargo.match import rules

cnp.import_array()


cpdef enum Position:  # what a listed name's position is (NameTable.flags), as bits
    P_LEGAL = 1  # a legal-form word
    P_PARTICLE = 2  # a particle (al, bin, abd)
    P_HONORIFIC = 4
    P_PATRONYMIC = 8
    P_FAMILY = 16  # the family name, where the list says which
    P_MIDDLE = 32  # a middle name, where the list says which
    P_WORD = 64  # more than one letter


cpdef enum QueryToken:  # what a query token is (score_names' q_flags), as bits
    Q_LEGAL = 1
    Q_HONORIFIC = 2
    Q_PART = 4  # a name part: not a particle, not an initial
    Q_WORD = 8  # more than one letter
    Q_ABJAD = 16  # written in an abjad (Arabic, Hebrew): compared by its consonants


cdef double LIST_EXTRA = rules.LIST_EXTRA
cdef double STRONG_PART = rules.STRONG_PART
cdef double PARTIAL_CAP = rules.PARTIAL_CAP
cdef double SINGLE_PART_MIN = rules.SINGLE_PART_MIN
cdef double SINGLE_PART_MIN_OBJECT = rules.SINGLE_PART_MIN_OBJECT
cdef double SINGLE_PART_MIN_ORG = rules.SINGLE_PART_MIN_ORG
cdef double PATRONYMIC_FACTOR = rules.PATRONYMIC_FACTOR
cdef double FAMILY_FACTOR = rules.FAMILY_FACTOR
cdef double MIDDLE_FACTOR = rules.MIDDLE_FACTOR
cdef double LEGAL_FACTOR = rules.LEGAL_FACTOR
cdef double HONORIFIC_FACTOR = rules.HONORIFIC_FACTOR
cdef double LEGAL_SWAP = rules.LEGAL_SWAP
cdef double COMPACT_MIN = rules.COMPACT_MIN
cdef double COMPACT_DISCOUNT = rules.COMPACT_DISCOUNT
cdef double COMPACT_PERSON_MIN = rules.COMPACT_PERSON_MIN

ctypedef unsigned char flag_t

cdef enum:
    PAIR_CODE = 4096  # a pair (i, j) sorts as i * PAIR_CODE + j: names are shorter than that


cdef class NameTable:
    """Every listed name as a run of token positions in flat arrays, built once per index."""

    cdef const int[::1] start  # name n's positions are start[n] .. start[n + 1] - 1
    cdef const int[::1] tids
    cdef const unsigned char[::1] flags
    cdef const double[::1] weights  # rarity weight of each position's token
    cdef const int[::1] parts  # name parts per name (neither particles nor legal forms)
    cdef const unsigned char[::1] objects  # per name: a vessel, aircraft or vehicle
    cdef const int[::1] joined_lengths  # per name: letters in its tokens, written joined
    cdef int[::1] columns  # scratch: token id -> column of the current query's matrices

    def __init__(
        self, start, tids, flags, weights, parts, objects, joined_lengths, Py_ssize_t n_tokens
    ):
        if len(start) > 1 and int(np.diff(start).max()) >= PAIR_CODE:
            raise ValueError(f"a listed name of {PAIR_CODE} tokens or more")
        self.start = start
        self.tids = tids
        self.flags = flags
        self.weights = weights
        self.parts = parts
        self.objects = objects
        self.joined_lengths = joined_lengths
        self.columns = np.full(n_tokens, -1, dtype=np.int32)

    def distinct_tokens(self, names_array):
        """The distinct token ids of the given names (int32), in order of first appearance."""
        cdef vector[int] found
        cdef Py_ssize_t k, p, n
        cdef const int* names = int32s(names_array, &n)
        cdef int tid
        for k in range(n):
            for p in range(self.start[names[k]], self.start[names[k] + 1]):
                tid = self.tids[p]
                if self.columns[tid] == -1:
                    self.columns[tid] = 0
                    found.push_back(tid)
        out = empty(found.size(), cnp.NPY_INT32)
        cdef int* view = <int*>data(out)
        for k in range(<Py_ssize_t>found.size()):
            view[k] = found[k]
            self.columns[found[k]] = -1
        return out

    def related_matrix(self, tids_array, list related, double min_sim):
        """Per query token (a row), the similarity of each listed token of `tids` (int32, a
        column) among its `related` ones, from `min_sim` up (0.0 elsewhere), and which columns
        are related at all. related: per row, (token ids int32, similarities float64) or
        None."""
        cdef Py_ssize_t i, k, n, nq = len(related), m, size
        cdef const int* tids = int32s(tids_array, &n)
        sims = np.zeros((nq, n), dtype=np.float64)
        known = np.zeros((nq, n), dtype=np.bool_)
        cdef double* s = <double*>data(sims)
        cdef unsigned char* seen = <unsigned char*>data(known)
        cdef const int* rel_tids
        cdef const double* rel_sims
        cdef int c
        for k in range(n):
            self.columns[tids[k]] = k
        try:
            for i in range(nq):
                if related[i] is None:
                    continue
                rel_ids_array, rel_sims_array = related[i]
                rel_tids = int32s(rel_ids_array, &m)
                rel_sims = float64s(rel_sims_array, &size)
                if size != m:
                    raise ValueError("related token ids and similarities differ in length")
                for k in range(m):
                    c = self.columns[rel_tids[k]]
                    if c >= 0:
                        seen[i * n + c] = 1
                        if rel_sims[k] >= min_sim:
                            s[i * n + c] = rel_sims[k]
        finally:
            for k in range(n):
                self.columns[tids[k]] = -1
        return sims, known

    def score_names(
        self,
        names_array,
        tids_array,
        person_array,
        office_array,
        plain_array,
        person_sims_array,
        q_weights_array,
        q_flags_array,
        Py_ssize_t q_length,
        double below,
        double explain,
        joined,
    ):
        """Score each candidate name (match.names.score_names gives the arguments' meaning).

        Returns the scores (-1.0 where a person's name has too few agreeing parts to reach
        `below`), whether each was compared joined, and for names scoring `explain` or more
        their alignment: (query position, list position, similarity) triples, best first.
        """
        # names (int32), tids (int32 columns), person and office (uint8 per name), plain and
        # person_sims (float64, query tokens x columns), q_weights (float64), q_flags (uint8)
        cdef Py_ssize_t k, n, n_tids, nq, size
        cdef const int* names = int32s(names_array, &n)
        cdef const int* tids = int32s(tids_array, &n_tids)
        cdef const unsigned char* person = uint8s(person_array, &size)
        if size != n:
            raise ValueError("person must have one value per name")
        cdef const unsigned char* office = uint8s(office_array, &size)
        if size != n:
            raise ValueError("office must have one value per name")
        cdef const double* q_weights = float64s(q_weights_array, &nq)
        cdef const unsigned char* q_flags = uint8s(q_flags_array, &size)
        if size != nq:
            raise ValueError("q_flags must have one value per query token")
        cdef const double* plain = float64_rows(plain_array, nq, n_tids)
        cdef const double* person_sims = float64_rows(person_sims_array, nq, n_tids)
        for k in range(n_tids):
            self.columns[tids[k]] = k
        scores = empty(n, cnp.NPY_FLOAT64)
        compact = np.zeros(n, dtype=np.uint8)
        cdef double* out = <double*>data(scores)
        cdef unsigned char* out_compact = <unsigned char*>data(compact)
        alignments = [None] * n
        cdef vector[pair[double, int]] aligned
        cdef bint joined_better
        try:
            for k in range(n):
                aligned.clear()
                out[k] = self._score(
                    names[k], person[k], office[k], person_sims if person[k] else plain,
                    n_tids, q_weights, q_flags, nq, q_length, below, joined, aligned,
                    &joined_better,
                )
                out_compact[k] = joined_better
                if out[k] >= explain and not joined_better:
                    alignments[k] = _triples(aligned)
        finally:
            for k in range(n_tids):
                self.columns[tids[k]] = -1
        return scores, compact, alignments

    cdef double _score(
        self,
        int nidx,
        bint person,
        bint office,
        const double* sims,  # query tokens x columns, row after row
        Py_ssize_t columns,
        const double* q_weights,
        const unsigned char* q_flags,
        Py_ssize_t n_query,
        Py_ssize_t q_length,
        double below,
        joined,
        vector[pair[double, int]]& aligned,
        bint* compact,
    ) except? -2.0:
        cdef int first = self.start[nidx], length = self.start[nidx + 1] - first
        cdef int nq = <int>n_query
        cdef int i, j, c, needed, agreeing, q_parts
        cdef double sim
        compact[0] = False
        # Candidate pairs, sorted as (-similarity, -code): best first, and among equals the
        # later query token, then the later listed one (the order match.names documents).
        cdef vector[pair[double, int]] pairs
        cdef vector[flag_t] agrees = vector[flag_t](nq, 0)
        for i in range(nq):
            for j in range(length):
                c = self.columns[self.tids[first + j]]
                sim = sims[i * columns + c]
                if sim > 0.0:
                    pairs.push_back(pair[double, int](-sim, -(i * PAIR_CODE + j)))
                    if sim >= STRONG_PART:
                        agrees[i] = 1
        needed = min(2, max(self.parts[nidx], 1))
        if person:
            q_parts = 0
            for i in range(nq):
                if q_flags[i] & Q_PART:
                    q_parts += 1
            needed = max(needed, min(2, q_parts))
            agreeing = <int>office
            for i in range(nq):
                agreeing += agrees[i]
            if (
                below > PARTIAL_CAP
                and agreeing < needed
                and not self._joined(nidx, length != nq, q_length, COMPACT_PERSON_MIN, joined)
            ):
                return -1.0
        sort(pairs.begin(), pairs.end())
        cdef vector[flag_t] q_used = vector[flag_t](nq, 0)
        cdef vector[flag_t] l_used = vector[flag_t](length, 0)
        cdef double explained = 0.0, linear = 0.0, matched = 0.0
        cdef double missing_query = 0.0, missing_list = 0.0, w
        # A one-part name must be spelled nearly the same (SINGLE_PART_MIN ...): an abjad
        # spelling, whose similarity is its consonants', as for a person.
        cdef double single_min = (
            SINGLE_PART_MIN_OBJECT if self.objects[nidx]
            else SINGLE_PART_MIN if person
            else SINGLE_PART_MIN_ORG
        )
        cdef bint misspelled = False  # a strong part under its single-part minimum
        cdef int strong = <int>office, full = 0, n_aligned = 0
        cdef unsigned char flags
        cdef pair[double, int] p
        for p in pairs:
            i = (-p.second) // PAIR_CODE
            j = (-p.second) % PAIR_CODE
            if q_used[i] or l_used[j]:
                continue
            q_used[i] = 1
            l_used[j] = 1
            sim = -p.first
            flags = self.flags[first + j]
            w = self.weights[first + j]
            if flags & P_LEGAL:
                w *= LEGAL_FACTOR
            elif sim >= STRONG_PART and (not (flags & P_PARTICLE) or not (q_flags[i] & Q_WORD)):
                # An initial stands for the whole given name, Abd al-Khaliq as much as Adel.
                strong += 1
                if q_flags[i] & Q_WORD and flags & P_WORD:
                    full += 1
                # (An initial is no spelling of the name: only words can be misspelled.)
                if q_flags[i] & Q_WORD and sim < (
                    SINGLE_PART_MIN if q_flags[i] & Q_ABJAD else single_min
                ):
                    misspelled = True
            explained += sim * sim * w
            linear += sim * w
            matched += w
            n_aligned += 1
            aligned.push_back(pair[double, int](sim, i * PAIR_CODE + j))
        cdef bint q_legal_left = False, l_legal_left = False
        for i in range(nq):
            if not q_used[i] and q_flags[i] & Q_LEGAL:
                q_legal_left = True
        for j in range(length):
            if not l_used[j] and self.flags[first + j] & P_LEGAL:
                l_legal_left = True
        cdef double legal_cost = LEGAL_SWAP if q_legal_left and l_legal_left else LEGAL_FACTOR
        for i in range(nq):
            if not q_used[i]:
                w = q_weights[i]
                if q_flags[i] & Q_LEGAL:
                    w *= legal_cost
                elif person and q_flags[i] & Q_HONORIFIC:
                    w *= HONORIFIC_FACTOR
                missing_query += w
        for j in range(length):
            if not l_used[j]:
                flags = self.flags[first + j]
                w = self.weights[first + j]
                if flags & P_LEGAL:
                    w *= legal_cost
                elif person and flags & P_HONORIFIC:
                    w *= HONORIFIC_FACTOR
                elif person and flags & P_PATRONYMIC:
                    w *= PATRONYMIC_FACTOR
                elif flags & P_FAMILY:
                    w *= FAMILY_FACTOR
                elif flags & P_MIDDLE:
                    w *= MIDDLE_FACTOR
                missing_list += w
        cdef double score = 0.0, quality
        if matched:
            if n_aligned == 1:
                explained = linear  # one part: nothing to compound with
            quality = explained / (matched + missing_query)
            score = quality * (1.0 - LIST_EXTRA * missing_list / (matched + missing_list))
        cdef double together = self._joined(nidx, length != nq, q_length, COMPACT_MIN, joined)
        if together and together - COMPACT_DISCOUNT > score:
            score = together - COMPACT_DISCOUNT
            compact[0] = True
        if (
            (not compact[0] or person and together < COMPACT_PERSON_MIN)
            and (strong < needed or full == 0)
            or needed == 1
            and not compact[0]
            and misspelled
        ):
            score = min(score, PARTIAL_CAP)
        return score

    cdef double _joined(
        self, int nidx, bint regrouped, Py_ssize_t q_length, double cutoff, joined
    ) except? -2.0:
        """match.names._joined_similarity, called only where its length bound may pass."""
        cdef Py_ssize_t l_length = self.joined_lengths[nidx]
        cdef Py_ssize_t total = q_length + l_length
        if (
            not regrouped
            or min(q_length, l_length) < 6
            or abs(q_length - l_length) > (1 - cutoff) * total
        ):
            return 0.0
        return joined(nidx, cutoff)


cdef list _triples(vector[pair[double, int]]& aligned):
    cdef list out = []
    cdef Py_ssize_t k
    for k in range(<Py_ssize_t>aligned.size()):
        code = aligned[k].second
        out.append((code // PAIR_CODE, code % PAIR_CODE, aligned[k].first))
    return out
