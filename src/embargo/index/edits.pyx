# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# distutils: language = c++
"""Which query tokens are within an edit similarity of which listed tokens, in compiled loops.

The scorer compares a query token by spelling only with the listed tokens a cheap bound
admits (match.names._alignable): OSA edit similarity (transpositions count once, RapidFuzz's
normalisation 1 - distance / longer length) at a cutoff, of the tokens, their phonetic forms and
their consonant skeletons. Here the listed side is kept in flat arrays built once per index,
most pairs are ruled out by length and by the letters they share, and the rest get an exact
bit-parallel OSA distance (Hyyrö 2003), so a query costs no string conversions.
"""

from libc.stdint cimport uint64_t
from libc.string cimport memset
from libcpp.vector cimport vector

import numpy as np
from rapidfuzz.distance import OSA

ctypedef unsigned int char_t  # one code point

cdef enum:
    BUCKETS = 64  # letters are counted in buckets (code point mod 64): a looser bound, never wrong


cdef class Spellings:
    """A list of strings (one per listed token id) as one array of code points."""

    cdef const char_t[::1] chars
    cdef const long long[::1] offsets  # string k is chars[offsets[k]:offsets[k + 1]]
    cdef readonly Py_ssize_t longest

    def __init__(self, list strings):
        joined = "".join(strings)
        self.chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
        lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
        offsets = np.zeros(len(strings) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        self.offsets = offsets
        self.longest = int(lengths.max()) if len(strings) else 0

    def within(self, list queries, const int[::1] tids, double cutoff):
        """A bool matrix: query string i is within `cutoff` OSA similarity of string tids[j],
        exactly as rapidfuzz.distance.OSA.normalized_similarity(...) >= cutoff."""
        cdef Py_ssize_t nq = len(queries), i
        out = np.zeros((nq, tids.shape[0]), dtype=np.bool_)
        cdef unsigned char[:, ::1] may = out.view(np.uint8)
        longest = max([self.longest] + [len(q) for q in queries])
        cdef const int[::1] allowed = allowed_distances(cutoff, longest)
        cdef vector[char_t] query
        for i in range(nq):
            _code_points(queries[i], query)
            self._row(query, tids, allowed, may[i])
        return out

    cdef void _row(
        self,
        vector[char_t]& query,
        const int[::1] tids,
        const int[::1] allowed,
        unsigned char[::1] may,
    ):
        cdef Py_ssize_t lq = query.size(), j, k, length, longest, start, shared
        cdef int d
        cdef char_t c
        cdef int counts[BUCKETS]
        cdef int used[BUCKETS]
        memset(counts, 0, sizeof(counts))
        for k in range(lq):
            counts[query[k] % BUCKETS] += 1
        cdef Pattern pattern = _pattern(query)
        for j in range(tids.shape[0]):
            start = self.offsets[tids[j]]
            length = self.offsets[tids[j] + 1] - start
            longest = max(lq, length)
            d = allowed[longest]
            if d < 0 or abs(lq - length) > d:
                continue
            # Each letter of the longer string that the other lacks costs at least one edit.
            memset(used, 0, sizeof(used))
            shared = 0
            for k in range(length):
                c = self.chars[start + k] % BUCKETS
                if used[c] < counts[c]:
                    used[c] += 1
                    shared += 1
            if longest - shared > d:
                continue
            if pattern.distance(&self.chars[start], length, query) <= d:
                may[j] = 1


_ALLOWED: dict[float, np.ndarray] = {}


def allowed_distances(double cutoff, Py_ssize_t longest):
    """Per longer length m (0 .. longest), the largest OSA distance RapidFuzz still scores at
    `cutoff` or above (-1: none), asked of RapidFuzz itself: at the boundary (1 - 9/20 against
    0.55) its floating point decides, and the bound must decide the same."""
    table = _ALLOWED.get(cutoff)
    if table is None or len(table) <= longest:
        size = max(longest + 1, 2 * len(table) if table is not None else 128)
        table = np.array([_largest_distance(m, cutoff) for m in range(size)], dtype=np.int32)
        _ALLOWED[cutoff] = table
    return table


def _largest_distance(Py_ssize_t m, double cutoff):
    largest = -1
    for d in range(m + 1):
        if OSA.normalized_similarity("a" * m, "a" * (m - d) + "b" * d, score_cutoff=cutoff):
            largest = d
        else:
            break
    if m == 0 and cutoff <= 1.0:
        largest = 0  # two empty strings are the same
    return largest


cdef void _code_points(str text, vector[char_t]& out):
    out.clear()
    cdef Py_UCS4 c
    for c in text:
        out.push_back(c)


cdef class Pattern:
    """One query string's match masks for bit-parallel OSA (strings of up to 64 code points;
    longer ones fall back to the textbook dynamic programme)."""

    cdef uint64_t ascii[128]
    cdef vector[char_t] others  # code points from 128 up, with their masks
    cdef vector[uint64_t] other_masks
    cdef Py_ssize_t length

    def __cinit__(self):
        memset(self.ascii, 0, sizeof(self.ascii))

    cdef uint64_t mask(self, char_t c):
        cdef size_t k
        if c < 128:
            return self.ascii[c]
        for k in range(self.others.size()):
            if self.others[k] == c:
                return self.other_masks[k]
        return 0

    cdef int distance(self, const char_t* text, Py_ssize_t length, vector[char_t]& query):
        if self.length > 64:
            return _osa_table(query, text, length)
        if self.length == 0:
            return <int>length
        cdef uint64_t vp = ~(<uint64_t>0), vn = 0, d0 = 0, pm_old = 0, pm, tr, hp, hn
        cdef uint64_t last = (<uint64_t>1) << (self.length - 1)
        cdef int dist = <int>self.length
        cdef Py_ssize_t k
        for k in range(length):
            pm = self.mask(text[k])
            tr = (((~d0) & pm) << 1) & pm_old
            d0 = (((pm & vp) + vp) ^ vp) | pm | vn
            d0 = d0 | tr
            hp = vn | ~(d0 | vp)
            hn = d0 & vp
            if hp & last:
                dist += 1
            elif hn & last:
                dist -= 1
            hp = (hp << 1) | 1
            hn = hn << 1
            vp = hn | ~(d0 | hp)
            vn = hp & d0
            pm_old = pm
        return dist


cdef Pattern _pattern(vector[char_t]& query):
    cdef Pattern pattern = Pattern.__new__(Pattern)
    pattern.length = query.size()
    if pattern.length > 64:
        return pattern
    cdef Py_ssize_t k, m
    cdef char_t c
    cdef bint found
    for k in range(pattern.length):
        c = query[k]
        if c < 128:
            pattern.ascii[c] |= (<uint64_t>1) << k
            continue
        found = False
        for m in range(pattern.others.size()):
            if pattern.others[m] == c:
                pattern.other_masks[m] |= (<uint64_t>1) << k
                found = True
        if not found:
            pattern.others.push_back(c)
            pattern.other_masks.push_back((<uint64_t>1) << k)
    return pattern


cdef int _osa_table(vector[char_t]& a, const char_t* b, Py_ssize_t lb):
    """OSA distance by the full table (restricted Damerau-Levenshtein)."""
    cdef Py_ssize_t la = a.size(), i, j
    cdef vector[vector[int]] t = vector[vector[int]](la + 1, vector[int](lb + 1, 0))
    cdef int cost
    for i in range(la + 1):
        t[i][0] = <int>i
    for j in range(lb + 1):
        t[0][j] = <int>j
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            t[i][j] = min(t[i - 1][j] + 1, t[i][j - 1] + 1, t[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                t[i][j] = min(t[i][j], t[i - 2][j - 2] + 1)
    return t[la][lb]


def osa_distance(str a, str b):
    """The OSA distance of two strings, by the bit-parallel path where it applies (for tests)."""
    cdef vector[char_t] query, text
    _code_points(a, query)
    _code_points(b, text)
    cdef Pattern pattern = _pattern(query)
    return pattern.distance(text.data(), text.size(), query)
