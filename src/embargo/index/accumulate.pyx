# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# distutils: language = c++
"""Candidate evidence summed over a query's tokens, in compiled loops.

CandidateFinder.find gathers, for every query, the names its rarest tokens reach and sums each
name's evidence over all query tokens. In numpy that is a dozen array calls per query whose
fixed cost outweighs the work; here it is two passes over the postings into scratch arrays the
size of the index, reset after each query. The same scratch merges the postings of a query
token's related listed tokens into its hits (best_per_name).
"""

from libcpp.algorithm cimport lower_bound, partial_sort, sort
from libcpp.pair cimport pair
from libcpp.vector cimport vector

cimport numpy as cnp

from embargo.index.arrays cimport data, empty, float32s, int32s, uint8s

import numpy as np

cnp.import_array()

cdef enum:
    SEARCH_RATIO = 16  # a posting list this many times longer than the candidates is searched


cdef class EvidenceAccumulator:
    """Scratch space over all listed names, reused by every query of one process."""

    cdef double[::1] score
    cdef unsigned char[::1] mark
    cdef const double[::1] lengths
    cdef double tiebreak

    def __init__(self, const double[::1] lengths, double tiebreak):
        self.score = np.zeros(lengths.shape[0], dtype=np.float64)
        self.mark = np.zeros(lengths.shape[0], dtype=np.uint8)
        self.lengths = lengths
        self.tiebreak = tiebreak

    def best_per_name(self, list postings, list weights):
        """The names in any of the postings (sorted name ids, int32), each with the largest
        of the weights (one a posting list, as float32) it is reached with, sorted by id; and
        the largest weight of all (0.0 if none)."""
        cdef vector[int] touched
        cdef const int* ids
        cdef float w
        cdef double best = 0.0
        cdef Py_ssize_t j, k, n, m
        cdef int i
        for j in range(len(postings)):
            ids = int32s(postings[j], &m)
            w = <float>(<double>weights[j])
            for k in range(m):
                i = ids[k]
                if not self.mark[i]:
                    self.mark[i] = 1
                    self.score[i] = w
                    touched.push_back(i)
                elif w > self.score[i]:
                    self.score[i] = w
        sort(touched.begin(), touched.end())
        n = touched.size()
        out_ids = empty(n, cnp.NPY_INT32)
        out_weights = empty(n, cnp.NPY_FLOAT32)
        cdef int* out_i = <int*>data(out_ids)
        cdef float* out_w = <float*>data(out_weights)
        for k in range(n):
            i = touched[k]
            out_i[k] = i
            out_w[k] = <float>self.score[i]
            best = max(best, self.score[i])
            self.score[i] = 0.0
            self.mark[i] = 0
        return out_ids, out_weights, best

    def find(
        self,
        form,
        dict cache,
        hits,
        dict listed,
        str initial,
        double min_score,
        allowed,
        Py_ssize_t limit,
    ):
        """index.CandidateFinder.find, compiled (read it there): the hits of the name's
        tokens (`cache` by (token, abjad, exact), else `hits(token, exact, abjad)`; an initial
        as `initial` + letter, exactly) and of its adjacent pairs `listed` joined, then
        top() from the heaviest as sources. None if no token hits anything."""
        cdef tuple tokens = form.tokens
        cdef bint marked = len(form.abjad) > 0
        cdef list parts = [], joined = [], sources = []
        cdef double total = 0.0, covered = 0.0, slack
        cdef Py_ssize_t k, n = len(tokens)
        for k in range(n):
            token = tokens[k]
            if len(token) == 1:
                key = (initial + token, "", True)
            else:
                key = (token, form.script(token) if marked else "", False)
            hit = cache.get(key)
            if hit is None:
                hit = hits(key[0], key[2], key[1])
            if len(hit[0]):
                parts.append(hit)
                total += <double>hit[2]
        for k in range(n - 1):
            pair = tokens[k] + tokens[k + 1]
            if pair in listed:
                joined.append(hits(pair, True, ""))
        if not parts and not joined:
            return None
        slack = total - min_score
        for hit in sorted(parts, key=_best_weight, reverse=True):  # stable: ties keep order
            sources.append(hit)
            covered += <double>hit[2]
            if min_score > 0.0 and covered > slack:
                break
        sources.extend(joined)
        return self.top(sources, parts + joined, min_score, allowed, limit)

    def top(self, list sources, list hits, double min_score, allowed, Py_ssize_t limit):
        """The best `limit` names among those the `sources` hits reach, with their evidence.

        sources, hits: tuples starting (sorted name ids int32, weights float32); a name's evidence is the
        sum of its weights over `hits`, added in their order (the order numpy summed in). Names
        under `min_score`, or not marked in `allowed` (a bool mask over all names, or None),
        are dropped. Ranked by evidence less `tiebreak` per listed token, then by name id.
        """
        cdef vector[int] touched
        cdef const int* ids
        cdef const float* weights
        cdef const unsigned char* ok = NULL
        cdef Py_ssize_t k, m, n, size
        cdef int i
        cdef const int* at
        for hit in sources:
            ids = int32s(hit[0], &m)
            for k in range(m):
                i = ids[k]
                if not self.mark[i]:
                    self.mark[i] = 1
                    touched.push_back(i)
        n = touched.size()
        for hit in hits:
            ids = int32s(hit[0], &m)
            weights = float32s(hit[1], &size)
            if size != m:
                raise ValueError("a hit's ids and weights differ in length")
            if m == 0:
                continue
            if m > SEARCH_RATIO * n:
                for k in range(n):
                    i = touched[k]
                    at = lower_bound(ids, ids + m, i)
                    if at != ids + m and at[0] == i:
                        self.score[i] += weights[at - ids]
            else:
                for k in range(m):
                    i = ids[k]
                    if self.mark[i]:
                        self.score[i] += weights[k]
        # (-rank, name id) and the evidence: sorting the pairs ranks best first, ties by id.
        cdef vector[pair[pair[double, int], double]] ranked
        cdef bint check = allowed is not None
        if check:
            ok = uint8s(allowed, &size)
            if size != self.mark.shape[0]:
                raise ValueError("allowed must mark every listed name")
        cdef double s
        for k in range(n):
            i = touched[k]
            s = self.score[i]
            self.score[i] = 0.0
            self.mark[i] = 0
            if s >= min_score and (not check or ok[i]):
                ranked.push_back(
                    pair[pair[double, int], double](
                        pair[double, int](-(s - self.tiebreak * self.lengths[i]), i), s
                    )
                )
        m = ranked.size()
        if m > limit:
            partial_sort(ranked.begin(), ranked.begin() + limit, ranked.end())
            m = limit
        else:
            sort(ranked.begin(), ranked.end())
        out_ids = empty(m, cnp.NPY_INT32)
        out_score = empty(m, cnp.NPY_FLOAT64)
        cdef int* out_i = <int*>data(out_ids)
        cdef double* out_s = <double*>data(out_score)
        for k in range(m):
            out_i[k] = ranked[k].first.second
            out_s[k] = ranked[k].second
        return out_ids, out_score


def _best_weight(hit):
    return hit[2]
