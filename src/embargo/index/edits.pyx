# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# distutils: language = c++
"""Which query tokens are within an edit similarity of which listed tokens, in compiled loops.

The scorer compares a query token by spelling only with the listed tokens a cheap bound
admits (SpellingBounds.similarities, for match.names; SpellingBounds.related, for
index.expand): OSA edit similarity (transpositions count once, RapidFuzz's normalisation
1 - distance / longer length) at a cutoff, of the tokens, their phonetic forms and their
consonant skeletons. Here the listed side is kept in flat arrays built once per index, most
pairs are ruled out by length and by the letters they share, and the rest get an exact
bit-parallel OSA distance (Hyyrö 2003), so a query costs no string conversions. The pairs
that pass are compared here too (PairSimilarities), by names.spelling's rules.
"""

from cython.operator cimport dereference as deref
from libc.stdint cimport uint16_t, uint32_t, uint64_t
from libc.string cimport memset
from libcpp.unordered_map cimport unordered_map
from libcpp.vector cimport vector

cimport numpy as cnp

from embargo.index.arrays cimport int32s, uint8_rows, uint8s, writable_float64_rows
from embargo.names.osa cimport code_points
from embargo.names.osa cimport osa_distance as osa_table

import numpy as np
from rapidfuzz.distance import OSA

cnp.import_array()

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
            self._row(query, tids, &allowed[0], may[i])
        return out

    cdef void _row(
        self,
        vector[char_t]& query,
        const int[::1] tids,
        const int* allowed,
        unsigned char[::1] may,
    ):
        cdef Needle needle = _needle(query)
        cdef Py_ssize_t j
        for j in range(tids.shape[0]):
            if self._near(needle, tids[j], allowed):
                may[j] = 1

    cdef bint _near(self, Needle needle, Py_ssize_t tid, const int* allowed):
        """Whether string `tid` is within the distance `allowed` for its length of the needle."""
        cdef Py_ssize_t start = self.offsets[tid]
        return self._within(
            needle, start, self.offsets[tid + 1] - start, self.buckets[tid], allowed
        )

    cdef bint _within(
        self,
        Needle needle,
        Py_ssize_t start,
        Py_ssize_t length,
        uint64_t buckets,
        const int* allowed,
    ):
        """_near for the string of `length` at `start` with letter `buckets`, given."""
        cdef Py_ssize_t lq = needle.chars.size(), k, shared
        cdef Py_ssize_t longest = max(lq, length)
        cdef int d = allowed[longest]
        cdef char_t c
        cdef int used[BUCKETS]
        if d < 0 or abs(lq - length) > d:
            return False
        # Each letter bucket one string has and the other lacks costs at least one edit.
        if popcount(buckets & ~needle.buckets) > d:
            return False
        if popcount(needle.buckets & ~buckets) > d:
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


cdef class AllowedTable:
    """allowed_distances' table as a C array."""

    cdef vector[int] values

    def __init__(self, const int[::1] table):
        cdef Py_ssize_t k
        for k in range(table.shape[0]):
            self.values.push_back(table[k])


cdef inline bint _among(int tid, const int* ids, Py_ssize_t n):
    cdef Py_ssize_t k
    for k in range(n):
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


cdef enum:  # the spellings of a listed token, as Entry keeps them
    TOKEN = 0
    PHONETIC = 1
    SKELETON = 2
    HEBREW_SKELETON = 3

cdef enum:
    ENTRY_BYTES = 64  # one cache line
    NEEDLES_KEPT = 8192
    LONGEST_ENTRY = 65535  # a longer string is read from its Spellings


# What the bound reads of one listed token, in one cache line: a query's pairs are spread over
# the index, and reading the flags, each spelling's length, letter buckets and position from
# five arrays made every pair wait on memory several times over.
cdef struct Entry:
    uint64_t buckets[4]  # by spelling (TOKEN ...)
    uint32_t start[4]  # where the spelling's code points start in its Spellings
    uint16_t length[4]  # its length (LONGEST_ENTRY: longer, read from Spellings)
    unsigned char flags  # ListedToken bits
    unsigned char unused[7]


cpdef enum ListedToken:  # what a listed token is (SpellingBounds.flags), as bits
    L_WORD = 1  # more than one letter: compared by spelling
    L_ABJAD = 2  # romanised from an abjad
    L_NO_SKELETON = 4  # too short for a consonant skeleton
    L_NO_HEBREW_SKELETON = 8


cpdef enum QueryBound:  # what a query token is (SpellingBounds.pairs' flags), as bits
    B_SPELLED = 1  # compared by spelling (not an initial, not a Hangul syllable)
    B_ABJAD = 2  # written in an abjad
    B_HEBREW = 4  # in Hebrew


cdef uint64_t KEYS = (<uint64_t>1) << 32  # query token keys PairSimilarities can give


cdef struct Candidate:  # a pair SpellingBounds.pairs finds worth comparing
    int row  # query token
    int col  # column (listed token)
    bint near  # near by spelling, not only by abjad consonants


cdef class PairSimilarities:
    """The similarity of a query token to a listed token (names.spelling), kept per pair: a
    query's pairs recur from one query to the next. A query token is known by an integer key
    (key()); keys are never reused, so one that outlives the kept pairs stays right. A pair is
    kept under key x 2^32 + listed token id: after 2^32 distinct query tokens, key() fails."""

    cdef unordered_map[uint64_t, double] _sims
    cdef dict _keys  # (token, abjad) -> key
    cdef uint64_t _next_key
    cdef list _tokens  # listed token texts, by id
    cdef const unsigned char[::1] _abjad  # per listed token id: romanised from an abjad
    cdef str _listed_abjad  # the abjad rules for such a token (when the query's is Latin)
    cdef object _spelling, _abjad_rules  # names.spelling's spelling and abjad similarities
    cdef size_t _kept

    def __init__(
        self,
        list tokens,
        const unsigned char[::1] abjad,
        str listed_abjad,
        spelling,
        abjad_rules,
        size_t kept,
    ):
        self._tokens = tokens
        self._abjad = abjad
        self._listed_abjad = listed_abjad
        self._spelling = spelling
        self._abjad_rules = abjad_rules
        self._kept = kept
        self._keys = {}
        self._next_key = 0

    def __len__(self):
        return self._sims.size()

    def key(self, str token, str abjad):
        """The integer that stands for this query token (and the abjad it is written in)."""
        found = self._keys.get((token, abjad))
        if found is None:
            if self._next_key >= KEYS:
                raise OverflowError("4,294,967,296 query tokens seen: build a new index")
            if len(self._keys) >= self._kept:
                self._keys.clear()  # (keys handed out stay valid: they are never reused)
            found = self._next_key
            self._next_key += 1
            self._keys[token, abjad] = found
        return found

    cdef double _similarity(
        self, uint64_t key, str token, int tid, str abjad, bint alphabetic
    ) except? -1.0:
        """spelling_similarity of query token `token` (known by `key`) and listed token `tid`,
        kept; without `alphabetic`, only its abjad rules (abjad_similarity): for a pair with an
        abjad spelling that the bounds find far apart, that part alone decides whether it
        reaches ALIGNABLE (and is then the whole). Which of the two a pair gets depends on the
        pair alone, so one map serves both."""
        cdef uint64_t pair = (key << 32) | <uint32_t>tid
        cdef unordered_map[uint64_t, double].iterator at = self._sims.find(pair)
        if at != self._sims.end():
            return deref(at).second
        cdef double sim = self._compute(token, tid, abjad, alphabetic)
        if self._sims.size() >= self._kept:
            self._sims.clear()
        self._sims[pair] = sim
        return sim

    cdef double _compute(self, str token, int tid, str abjad, bint alphabetic) except? -1.0:
        """The similarity itself, not kept."""
        cdef str script = abjad if abjad else (self._listed_abjad if self._abjad[tid] else "")
        if alphabetic:
            return self._spelling(token, self._tokens[tid], script)
        return self._abjad_rules(token, self._tokens[tid], script)


cdef class SpellingBounds:
    """Per listed token id: its spelling, phonetic form and consonant skeletons (as an Arabic
    and as a Hebrew writer would write it) as compiled arrays, with flags (ListedToken)."""

    cdef readonly Spellings tokens, phonetic, skeletons, hebrew_skeletons
    cdef object _entry_bytes  # owns the memory `entries` points into
    cdef const Entry* entries  # per listed token id, cache-line aligned
    cdef Py_ssize_t longest  # the longest listed string of any spelling
    # Query strings as needles: a common name's recur from one query to the next. Bounded,
    # as each holds about 1.3 kB of match masks.
    cdef dict _needles
    cdef dict _tables  # AllowedTable by cutoff

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
        cdef Py_ssize_t n = flags.shape[0], tid, s, start
        cdef Spellings spellings
        for spellings in (tokens, phonetic, skeletons, hebrew_skeletons):
            if spellings.chars.shape[0] >= (<Py_ssize_t>1) << 32:
                raise ValueError("listed spellings too long for the bound's 32-bit positions")
        raw = np.zeros((n + 1) * ENTRY_BYTES, dtype=np.uint8)
        offset = -raw.ctypes.data % ENTRY_BYTES
        self._entry_bytes = raw[offset : offset + n * ENTRY_BYTES]
        cdef unsigned char[::1] view = self._entry_bytes
        cdef Entry* entries = <Entry*>&view[0] if n else NULL
        for tid in range(n):
            entries[tid].flags = flags[tid]
        for s, spellings in enumerate((tokens, phonetic, skeletons, hebrew_skeletons)):
            for tid in range(n):
                start = spellings.offsets[tid]
                entries[tid].buckets[s] = spellings.buckets[tid]
                entries[tid].start[s] = <uint32_t>start
                entries[tid].length[s] = <uint16_t>min(
                    spellings.offsets[tid + 1] - start, LONGEST_ENTRY
                )
        self.entries = entries
        self.longest = max(tokens.longest, phonetic.longest, skeletons.longest,
                           hebrew_skeletons.longest)
        self._needles = {}
        self._tables = {}

    def related(
        self,
        str token,
        str phonetic,
        str abjad,
        near,
        joined,
        pseudo,
        dict found,
        PairSimilarities similarity,
        double near_cutoff,
        double phonetic_cutoff,
        double keep_from,
    ):
        """ScreeningIndex.expand's comparisons: each listed token id of `near` (an iterable)
        that is not in `found` nor marked in `pseudo` (uint8 per listed token), compared by
        spelling (similarity's rules, not kept) with the query token (`phonetic` its
        phonetic form) and added to `found` where it reaches `keep_from`. A query token
        written in `abjad` is compared with every one; an alphabetic one only with those the
        bound may admit: raw OSA similarity at `near_cutoff`, phonetic at `phonetic_cutoff`,
        a listed token romanised from an abjad, or one of `joined` (int32 ids)."""
        cdef Py_ssize_t n_pseudo, n_joined, longest = max(self.longest, len(token), len(phonetic))
        cdef const unsigned char* is_pseudo = uint8s(pseudo, &n_pseudo)
        cdef const int* partners = int32s(joined, &n_joined)
        cdef const int* near_at = self._allowed(near_cutoff, longest)
        cdef const int* phonetic_at = self._allowed(phonetic_cutoff, longest)
        cdef Needle text = None, sound = None
        cdef bint alphabetic = not abjad
        cdef int tid
        cdef double sim
        for item in near:
            tid = item
            if tid < 0 or tid >= n_pseudo:
                raise IndexError(f"listed token id {tid} out of range")
            if is_pseudo[tid] or item in found:
                continue
            if alphabetic and not self.entries[tid].flags & L_ABJAD:
                if text is None:
                    text = self._needle(token)
                    sound = self._needle(phonetic)
                if not (
                    self._near(self.tokens, TOKEN, text, tid, near_at)
                    or self._near(self.phonetic, PHONETIC, sound, tid, phonetic_at)
                    or _among(tid, partners, n_joined)
                ):
                    continue
            sim = similarity._compute(token, tid, abjad, True)
            if sim >= keep_from:
                found[item] = sim

    cdef Needle _needle(self, str text):
        cdef Needle needle = self._needles.get(text)
        if needle is None:
            if len(self._needles) >= NEEDLES_KEPT:
                self._needles.clear()
            needle = _text_needle(text)
            self._needles[text] = needle
        return needle

    cdef inline bint _near(
        self, Spellings spellings, int s, Needle needle, int tid, const int* allowed
    ):
        """Spellings._near of spelling `s` (TOKEN ...) of listed token `tid`, from its Entry."""
        cdef const Entry* entry = &self.entries[tid]
        if entry.length[s] == LONGEST_ENTRY:
            return spellings._near(needle, tid, allowed)
        return spellings._within(
            needle, entry.start[s], entry.length[s], entry.buckets[s], allowed
        )

    def pairs(
        self,
        list query,
        tids,
        known,
        double near_cutoff,
        double phonetic_cutoff,
        double skeleton_cutoff,
    ):
        """The (query token, column) pairs worth comparing by spelling, among those of word
        columns not already `known`: near ones (raw OSA similarity at `near_cutoff`, phonetic
        at `phonetic_cutoff`, or one of the query token's `joined` token ids), and, where
        either side is written in an abjad, those whose consonant skeletons are within
        `skeleton_cutoff` (or either has none). `query` holds the query tokens as the scorer
        prepares them (match.names.QueryToken): their text, phonetic, skeleton, joined (int32)
        and bound_flags (QueryBound); `tids` (int32) the listed token of each column, `known`
        (uint8, query tokens x columns, C order) the pairs not to compare. Returns rows,
        columns and whether each pair is near, as lists."""
        cdef vector[Candidate] found
        cdef Py_ssize_t n
        cdef const int* columns = int32s(tids, &n)
        self._candidates(
            query, columns, n, known, near_cutoff, phonetic_cutoff, skeleton_cutoff, found
        )
        cdef list rows = [], cols = [], nears = []
        cdef Candidate pair
        for pair in found:
            rows.append(pair.row)
            cols.append(pair.col)
            nears.append(pair.near)
        return rows, cols, nears

    def similarities(
        self,
        list query,
        tids,
        known,
        sims,
        double near_cutoff,
        double phonetic_cutoff,
        double skeleton_cutoff,
        PairSimilarities cache,
        double keep_from,
    ):
        """The pairs() of these arguments compared: each pair's similarity (a near pair's by
        spelling_similarity, the others' by abjad_similarity, from `cache`) written into
        `sims` (float64, query tokens x columns, C order) where it is `keep_from` or more.
        The query tokens also give their `pair_key` (PairSimilarities.key)."""
        cdef vector[Candidate] found
        cdef Py_ssize_t n
        cdef const int* columns = int32s(tids, &n)
        self._candidates(
            query, columns, n, known, near_cutoff, phonetic_cutoff, skeleton_cutoff, found
        )
        cdef double* out = writable_float64_rows(sims, len(query), n)
        cdef double sim
        cdef Candidate pair
        for pair in found:
            qt = query[pair.row]
            sim = cache._similarity(qt.pair_key, qt.text, columns[pair.col], qt.abjad, pair.near)
            if sim >= keep_from:
                out[pair.row * n + pair.col] = sim

    cdef void _candidates(
        self,
        list query,
        const int* tids,
        Py_ssize_t n,
        known_array,
        double near_cutoff,
        double phonetic_cutoff,
        double skeleton_cutoff,
        vector[Candidate]& found,
    ) except *:
        cdef Py_ssize_t nq = len(query)
        cdef const unsigned char* known = uint8_rows(known_array, nq, n)
        cdef Py_ssize_t longest = self.longest
        for qt in query:
            longest = max(longest, len(qt.text), len(qt.phonetic), len(qt.skeleton))
        if n and nq:
            self._pairs(
                query, tids, n, known,
                self._allowed(near_cutoff, longest),
                self._allowed(phonetic_cutoff, longest),
                self._allowed(skeleton_cutoff, longest),
                found,
            )  # fmt: skip

    cdef const int* _allowed(self, double cutoff, Py_ssize_t longest):
        """allowed_distances, kept as a C array for the few cutoffs the scorer uses."""
        cdef AllowedTable table = self._tables.get(cutoff)
        if table is None or <Py_ssize_t>table.values.size() <= longest:
            table = AllowedTable(allowed_distances(cutoff, longest))
            self._tables[cutoff] = table
        return table.values.data()

    cdef void _pairs(
        self,
        list query,
        const int* tids,
        Py_ssize_t n,
        const unsigned char* known,
        const int* near_at,
        const int* phonetic_at,
        const int* skeleton_at,
        vector[Candidate]& found,
    ) except *:
        cdef Py_ssize_t nq = len(query), i, j, n_partners
        cdef const int* partners
        cdef Needle text, sound, consonants
        cdef unsigned char qf, lf
        cdef bint near, alike, hebrew, has_skeleton
        cdef Spellings skeleton_spellings
        cdef int skeleton_kind, tid
        cdef Candidate pair
        for i in range(nq):
            qt = query[i]
            qf = qt.bound_flags
            if not qf & B_SPELLED:
                continue
            text = self._needle(qt.text)
            sound = self._needle(qt.phonetic)
            has_skeleton = len(qt.skeleton) > 0
            consonants = self._needle(qt.skeleton) if has_skeleton else None
            hebrew = (qf & B_HEBREW) != 0
            skeleton_spellings = self.hebrew_skeletons if hebrew else self.skeletons
            skeleton_kind = HEBREW_SKELETON if hebrew else SKELETON
            # (Most tokens are no particle-joined form of another: no partners.)
            partners = int32s(qt.joined, &n_partners)
            for j in range(n):
                tid = tids[j]
                lf = self.entries[tid].flags
                if not lf & L_WORD or known[i * n + j]:
                    continue
                near = (
                    _among(tid, partners, n_partners)
                    or self._near(self.tokens, TOKEN, text, tid, near_at)
                    or self._near(self.phonetic, PHONETIC, sound, tid, phonetic_at)
                )
                if not near:
                    if not qf & B_ABJAD and not lf & L_ABJAD:
                        continue
                    # A token too short for a skeleton has nothing cheaper to tell it by.
                    if has_skeleton:
                        alike = (
                            lf & (L_NO_HEBREW_SKELETON if hebrew else L_NO_SKELETON)
                            or self._near(
                                skeleton_spellings, skeleton_kind, consonants, tid, skeleton_at
                            )
                        )
                        if not alike:
                            continue
                pair.row = <int>i
                pair.col = <int>j
                pair.near = near
                found.push_back(pair)


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
