# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# distutils: language = c++
"""Which query tokens are within an edit similarity of which listed tokens, in compiled loops.

The scorer compares a query token by spelling only with the listed tokens a cheap bound
admits (SpellingBounds.pairs, for match.names; Spellings.within, for index.expand): OSA edit
similarity (transpositions count once, RapidFuzz's normalisation 1 - distance / longer length)
at a cutoff, of the tokens, their phonetic forms and their consonant skeletons. Here the listed
side is kept in flat arrays built once per index, most pairs are ruled out by length and by the
letters they share, and the rest get an exact bit-parallel OSA distance (Hyyrö 2003), so a
query costs no string conversions.
"""

from libc.stdint cimport uint64_t
from libc.string cimport memset
from libcpp.vector cimport vector

from embargo.names.osa cimport code_points
from embargo.names.osa cimport osa_distance as osa_table

import numpy as np
from rapidfuzz.distance import OSA

ctypedef unsigned int char_t  # one code point

cdef enum:
    BUCKETS = 64  # letters are counted in buckets (code point mod 64): a looser bound, never wrong

cdef extern from *:
    int popcount "__builtin_popcountll"(unsigned long long)


cdef class Spellings:
    """A list of strings (one per listed token id) as one array of code points."""

    cdef const char_t[::1] chars
    cdef const long long[::1] offsets  # string k is chars[offsets[k]:offsets[k + 1]]
    cdef const uint64_t[::1] buckets  # string k's letter buckets, as bits
    cdef readonly Py_ssize_t longest

    def __init__(self, list strings):
        joined = "".join(strings)
        self.chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
        lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
        offsets = np.zeros(len(strings) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        self.offsets = offsets
        self.longest = int(lengths.max()) if len(strings) else 0
        buckets = np.zeros(len(strings), dtype=np.uint64)
        cdef uint64_t[::1] bits = buckets
        cdef Py_ssize_t k, i
        for k in range(len(strings)):
            for i in range(offsets[k], offsets[k + 1]):
                bits[k] |= (<uint64_t>1) << (self.chars[i] % BUCKETS)
        self.buckets = buckets

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
            code_points(queries[i], query)
            self._row(query, tids, allowed, may[i])
        return out

    cdef void _row(
        self,
        vector[char_t]& query,
        const int[::1] tids,
        const int[::1] allowed,
        unsigned char[::1] may,
    ):
        cdef Needle needle = _needle(query)
        cdef Py_ssize_t j
        for j in range(tids.shape[0]):
            if self._near(needle, tids[j], allowed):
                may[j] = 1

    cdef bint _near(self, Needle needle, Py_ssize_t tid, const int[::1] allowed):
        """Whether string `tid` is within the distance `allowed` for its length of the needle."""
        cdef Py_ssize_t lq = needle.chars.size(), k, shared
        cdef Py_ssize_t start = self.offsets[tid]
        cdef Py_ssize_t length = self.offsets[tid + 1] - start
        cdef Py_ssize_t longest = max(lq, length)
        cdef int d = allowed[longest]
        cdef char_t c
        cdef int used[BUCKETS]
        if d < 0 or abs(lq - length) > d:
            return False
        # Each letter bucket one string has and the other lacks costs at least one edit.
        if popcount(self.buckets[tid] & ~needle.buckets) > d:
            return False
        if popcount(needle.buckets & ~self.buckets[tid]) > d:
            return False
        # Each letter of the longer string that the other lacks costs at least one edit.
        memset(used, 0, sizeof(used))
        shared = 0
        for k in range(length):
            c = self.chars[start + k] % BUCKETS
            if used[c] < needle.counts[c]:
                used[c] += 1
                shared += 1
        if longest - shared > d:
            return False
        return needle.pattern.distance(&self.chars[start], length, needle.chars) <= d


cdef inline bint _among(int tid, const int[::1] ids):
    cdef Py_ssize_t k
    for k in range(ids.shape[0]):
        if ids[k] == tid:
            return True
    return False


cdef class Needle:
    """One query string as the bound reads it: code points, letter counts, OSA pattern."""

    cdef vector[char_t] chars
    cdef int counts[BUCKETS]
    cdef uint64_t buckets  # the buckets it has letters in, as bits
    cdef Pattern pattern


cdef Needle _needle(vector[char_t]& chars):
    cdef Needle needle = Needle.__new__(Needle)
    needle.chars = chars
    memset(needle.counts, 0, sizeof(needle.counts))
    needle.buckets = 0
    cdef size_t k
    for k in range(chars.size()):
        needle.counts[chars[k] % BUCKETS] += 1
        needle.buckets |= (<uint64_t>1) << (chars[k] % BUCKETS)
    needle.pattern = _pattern(needle.chars)
    return needle


cdef Needle _text_needle(str text):
    cdef vector[char_t] chars
    code_points(text, chars)
    return _needle(chars)


cpdef enum ListedToken:  # what a listed token is (SpellingBounds.flags), as bits
    L_WORD = 1  # more than one letter: compared by spelling
    L_ABJAD = 2  # romanised from an abjad
    L_NO_SKELETON = 4  # too short for a consonant skeleton
    L_NO_HEBREW_SKELETON = 8


cpdef enum QueryBound:  # what a query token is (SpellingBounds.pairs' flags), as bits
    B_SPELLED = 1  # compared by spelling (not an initial, not a Hangul syllable)
    B_ABJAD = 2  # written in an abjad
    B_HEBREW = 4  # in Hebrew


cdef class SpellingBounds:
    """Per listed token id: its spelling, phonetic form and consonant skeletons (as an Arabic
    and as a Hebrew writer would write it) as compiled arrays, with flags (ListedToken)."""

    cdef readonly Spellings tokens, phonetic, skeletons, hebrew_skeletons
    cdef const unsigned char[::1] flags

    def __init__(
        self,
        Spellings tokens,
        Spellings phonetic,
        Spellings skeletons,
        Spellings hebrew_skeletons,
        const unsigned char[::1] flags,
    ):
        self.tokens = tokens
        self.phonetic = phonetic
        self.skeletons = skeletons
        self.hebrew_skeletons = hebrew_skeletons
        self.flags = flags

    def pairs(
        self,
        list texts,
        list phonetics,
        list skeletons,
        list joined,
        const unsigned char[::1] query_flags,
        const int[::1] tids,
        const unsigned char[:, ::1] known,
        double near_cutoff,
        double phonetic_cutoff,
        double skeleton_cutoff,
    ):
        """The (query token, column) pairs worth comparing by spelling, among those of word
        columns not already `known`: near ones (raw OSA similarity at `near_cutoff`, phonetic
        at `phonetic_cutoff`, or one of the query token's `joined` token ids: int32 arrays),
        and, where either side is written in an abjad, those whose consonant skeletons are
        within `skeleton_cutoff` (or either has none). Returns rows, columns (int32) and
        whether each pair is near (uint8)."""
        cdef Py_ssize_t nq = len(texts), n = tids.shape[0], i, j
        cdef Py_ssize_t longest = max(
            [self.tokens.longest, self.phonetic.longest, self.skeletons.longest,
             self.hebrew_skeletons.longest] + [len(t) for t in texts]
            + [len(t) for t in phonetics] + [len(t) for t in skeletons]
        )  # fmt: skip
        cdef const int[::1] near_allowed = allowed_distances(near_cutoff, longest)
        cdef const int[::1] phonetic_allowed = allowed_distances(phonetic_cutoff, longest)
        cdef const int[::1] skeleton_allowed = allowed_distances(skeleton_cutoff, longest)
        cdef const int[::1] partners
        cdef vector[int] rows, cols
        cdef vector[unsigned char] nears
        cdef Needle text, sound, consonants
        cdef unsigned char qf, lf
        cdef bint near, alike, hebrew, has_skeleton
        cdef Spellings skeleton_spellings
        for i in range(nq):
            qf = query_flags[i]
            if not qf & B_SPELLED:
                continue
            text = _text_needle(texts[i])
            sound = _text_needle(phonetics[i])
            has_skeleton = len(skeletons[i]) > 0
            consonants = _text_needle(skeletons[i]) if has_skeleton else None
            hebrew = (qf & B_HEBREW) != 0
            skeleton_spellings = self.hebrew_skeletons if hebrew else self.skeletons
            partners = joined[i]
            for j in range(n):
                lf = self.flags[tids[j]]
                if not lf & L_WORD or known[i, j]:
                    continue
                near = (
                    _among(tids[j], partners)
                    or self.tokens._near(text, tids[j], near_allowed)
                    or self.phonetic._near(sound, tids[j], phonetic_allowed)
                )
                if not near:
                    if not qf & B_ABJAD and not lf & L_ABJAD:
                        continue
                    # A token too short for a skeleton has nothing cheaper to tell it by.
                    if has_skeleton:
                        alike = (
                            lf & (L_NO_HEBREW_SKELETON if hebrew else L_NO_SKELETON)
                            or skeleton_spellings._near(consonants, tids[j], skeleton_allowed)
                        )
                        if not alike:
                            continue
                rows.push_back(<int>i)
                cols.push_back(<int>j)
                nears.push_back(near)
        out_rows = np.empty(rows.size(), dtype=np.int32)
        out_cols = np.empty(cols.size(), dtype=np.int32)
        out_near = np.empty(nears.size(), dtype=np.uint8)
        cdef int[::1] r = out_rows, c = out_cols
        cdef unsigned char[::1] m = out_near
        for j in range(<Py_ssize_t>rows.size()):
            r[j] = rows[j]
            c[j] = cols[j]
            m[j] = nears[j]
        return out_rows, out_cols, out_near


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
            return osa_table(query.data(), query.size(), text, length)
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


def osa_distance(str a, str b):
    """The OSA distance of two strings, by the bit-parallel path where it applies (for tests)."""
    cdef vector[char_t] query, text
    code_points(a, query)
    code_points(b, text)
    cdef Pattern pattern = _pattern(query)
    return pattern.distance(text.data(), text.size(), query)
