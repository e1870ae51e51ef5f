# cython: language_level=3, boundscheck=False, initializedcheck=False
# distutils: language = c++
"""How alike two name tokens are as spellings of one name part: the rules, in compiled code.

A batch compares hundreds of thousands of token pairs by these rules, most of them once. What
the rules read of each token (its phonetic, European and Turkish forms, skeletons, the Latin
spellings an abjad spelling stands for ...) comes from names.variants, computed once per token
and kept here as a `Token`; what is left for a pair is a few comparisons and edit distances.
"""

from libc.stdint cimport uint64_t
from libc.string cimport memset
from libcpp.vector cimport vector

from embargo.names.osa cimport SHORT_TEXT, code_points, osa_distance

from embargo.names import variants as _v

cdef double PHONETIC_FACTOR = _v.PHONETIC_FACTOR
cdef double TINY_PHONETIC = _v.TINY_PHONETIC
cdef double SHORT_WORD_PENALTY = _v.SHORT_WORD_PENALTY
cdef double JOINED_SIM = _v.JOINED_SIM
cdef double ALIGNABLE = _v.ALIGNABLE
cdef double DECLINED_SIM = _v.DECLINED_SIM
cdef double ABJAD_FIT = _v.ABJAD_FIT
cdef double ABJAD_SHORT_FIT = _v.ABJAD_SHORT_FIT
cdef double SKELETON_FACTOR = _v.SKELETON_FACTOR
cdef double SKELETON_CAP = _v.SKELETON_CAP
cdef double SHORT_SKELETON_CAP = _v.SHORT_SKELETON_CAP
cdef double SKELETON_ENDS_CAP = _v.SKELETON_ENDS_CAP
cdef Py_ssize_t SHORT_WORD = _v.SHORT_WORD
cdef Py_ssize_t TINY_WORD = _v.TINY_WORD
cdef Py_ssize_t SLAVIC_MIN = _v.SLAVIC_MIN
cdef str HEBREW = "hebrew"
cdef object ABJAD_VOWELS = _v.ABJAD_VOWELS
cdef object HEBREW_VOWEL_LETTERS = _v.HEBREW_VOWEL_LETTERS
cdef object ARABIC_H_DIGRAPHS = _v.ARABIC_H_DIGRAPHS
TOKENS_KEPT = 200_000  # Token readings kept (then forgotten at once), as names.variants keeps its forms

cdef dict _tokens = {}


cpdef Token token(str text):
    """What the rules read of one token, made once and kept."""
    cdef Token found = _tokens.get(text)
    if found is None:
        found = Token(text)
        if len(_tokens) >= TOKENS_KEPT:
            _tokens.clear()
        _tokens[text] = found
    return found


cdef class Reading:
    """One Latin spelling an abjad spelling is matched against, with the facts
    AbjadSpelling.admits checks: its first and last letters, its letters (as a bit set over
    ASCII; not `ascii` if it has others, then only the pattern decides) and its consonants."""

    cdef str text
    cdef bint ascii
    cdef unsigned int first, last  # code points
    cdef unsigned long long low, high
    cdef Py_ssize_t consonants

    def __init__(self, str text):
        self.text = text
        self.ascii = text.isascii() and len(text) > 0
        self.low, self.high = _letter_bits(text)
        self.consonants = len(text) - text.count("a") - text.count("i") - text.count("u")
        if text:
            self.first = ord(text[0])
            self.last = ord(text[len(text) - 1])


cdef tuple _letter_bits(str text):
    cdef unsigned long long low = 0, high = 0
    cdef Py_UCS4 c
    cdef unsigned int code
    for c in text:
        code = c
        if code < 64:
            low |= 1ULL << code
        elif code < 128:
            high |= 1ULL << (code - 64)
    return low, high


cdef class Written:
    """An abjad spelling (Arabic or Hebrew romanised) as the rules read it: the pattern of the
    Latin spellings it stands for (names.variants.AbjadSpelling), with the facts its checks
    need, how many consonants it writes, and the vowels its ends write."""

    cdef object spelling  # AbjadSpelling or None
    cdef Automaton automaton  # its pattern, made on first need (None: not yet, or by `re`)
    cdef bint compiled  # automaton was made (or could not be)
    cdef bint checks  # admits() has facts to check (else the pattern decides alone)
    cdef unsigned long long chars_low, chars_high, first_low, first_high, last_low, last_high
    cdef Py_ssize_t consonants  # the least a Latin spelling must have
    cdef bint enough  # writes three consonants: pins a name down at any length
    cdef bint two_consonants  # ... or two, if it and the other have four letters or more
    cdef Py_ssize_t letters
    cdef str skeleton
    cdef object rest_text  # the word after a joined article (alrzq: rzq), None if none
    cdef Written _rest
    # what ends_agree reads
    cdef bint hebrew
    cdef str text
    cdef list units  # Hebrew letters

    def __init__(self, str text, bint hebrew):
        self.text = text
        self.hebrew = hebrew
        spelling = _v.abjad_spelling(text, hebrew)
        self.spelling = spelling
        self.checks = False
        if spelling is not None and spelling.chars is not None and all(
            ord(c) < 128 for c in spelling.chars | spelling.first | spelling.last
        ):
            self.checks = True
            self.chars_low, self.chars_high = _letter_bits("".join(spelling.chars))
            self.first_low, self.first_high = _letter_bits("".join(spelling.first))
            self.last_low, self.last_high = _letter_bits("".join(spelling.last))
            self.consonants = spelling.consonants
        letters = _v.hebrew_letters(text) if hebrew else _v.abjad_letters(text)
        cdef Py_ssize_t consonants = sum(1 for c in letters if c not in ABJAD_VOWELS)
        self.letters = len(letters)
        self.enough = consonants >= 3
        self.two_consonants = consonants == 2
        self.skeleton = _v.hebrew_skeleton(text) if hebrew else _v.skeleton(text)
        self.units = letters if hebrew else None
        self.rest_text = _v.abjad_article_rest(text)

    cdef Written rest(self):
        """The spelling of the word after a joined article, if any."""
        if self._rest is None and self.rest_text is not None:
            self._rest = Written(self.rest_text, self.hebrew)
        return self._rest

    cdef bint _admits(self, Reading reading):
        """AbjadSpelling.admits: False only where the pattern cannot match."""
        if not self.checks or not reading.ascii:
            return True
        if reading.first < 64:
            if not (self.first_low >> reading.first) & 1:
                return False
        elif not (self.first_high >> (reading.first - 64)) & 1:
            return False
        if reading.last < 64:
            if not (self.last_low >> reading.last) & 1:
                return False
        elif not (self.last_high >> (reading.last - 64)) & 1:
            return False
        if reading.low & ~self.chars_low or reading.high & ~self.chars_high:
            return False
        return reading.consonants >= self.consonants

    cdef bint _matches(self, Reading reading):
        """Whether the spelling's pattern matches the reading (as `re` would)."""
        if not self.compiled:
            self.automaton = automaton(self.spelling.source)
            self.compiled = True
        if self.automaton is not None and reading.ascii:
            return self.automaton.matches(reading.text)
        return self.spelling.pattern.match(reading.text) is not None

    cdef double fit(self, Token other):
        """How well this abjad spelling fits an alphabetic one: all its letters, in order
        (ABJAD_FIT), or ABJAD_SHORT_FIT if too few consonants pin a name down; 0.0 if not."""
        if self.spelling is None:
            return 0.0
        cdef Reading reading
        cdef bint matched = False
        for reading in other.readings():
            if self._admits(reading) and self._matches(reading):
                matched = True
                break
        if not matched:
            return 0.0
        # Three consonants, or two and two vowel letters (אוסאמה Osama, ايمن Ayman), pin a name down.
        if self.enough or (self.two_consonants and min(self.letters, len(other.text)) >= 4):
            return ABJAD_FIT
        return ABJAD_SHORT_FIT

    cdef bint ends_agree(self, Token other):
        """Whether an alphabetic spelling has vowels at its ends just where this one writes them.

        Hebrew writes a word's first and last vowel with a letter (א ע ה ו י): שחאדה (Shehada)
        ends in a vowel, SHAHEED does not; נסאר (Nassar) starts with a consonant, ANSAR does not.
        Arabic (as ICU romanises it) writes a word-initial vowel with alif (or ayin), a final
        long vowel with alif, waw or ya, and a final -a/-ah with ta marbuta (h): كريم is Karim,
        not Karima. A Latin final e may be silent (ياسين Yassine).
        """
        cdef Latin latin = other.latin()
        cdef str text = self.text
        cdef Py_UCS4 last, before
        if self.hebrew:
            units = self.units
            if not units or not latin.nonempty:
                return True
            if units[0] not in HEBREW_VOWEL_LETTERS and latin.first_vowel:
                return False
            if units[-1] == "a" and len(units) > 1 and units[-2] not in "wy":
                return latin.ends_ae  # a final alef/he after a consonant is a or e
            if latin.last_vowel:
                return units[-1] in HEBREW_VOWEL_LETTERS
            return True  # a final ו or י may be the consonant v or y
        if len(text) < 2 or not latin.nonempty:
            return True
        if text[0] not in "aiwy" and latin.first_vowel:
            return False
        last, before = text[len(text) - 1], text[len(text) - 2]
        if last == "w" or last == "y" or last == "e":  # e: a final ى, a or i (translit)
            return True
        if last == "h" and before in ARABIC_H_DIGRAPHS:  # غ ش ث خ ذ چ: one consonant
            last = before
        if (before == "a" or before == "w" or before == "y") and (last == "a" or last == "h"):
            return True
        if last == "a":  # a final alif or ta marbuta: a (Mustafa, Fatima; Turkish Fatime)
            return latin.ends_ae
        if last == "h":  # a final ه: h or the Persian silent he (Zadeh)
            return latin.last_vowel and latin.ends_ae or latin.ends_h
        return not latin.last_vowel or latin.ends_e


cdef class Latin:
    """An alphabetic token as the other side of an abjad pair: the vowels at its ends."""

    cdef bint nonempty, first_vowel, last_vowel  # of its phonetic form (Fatimah: no final h)
    cdef bint ends_ae  # ends in a or e, a silent h aside (Fatimah)
    cdef bint ends_h, ends_e

    def __init__(self, str text):
        latin = _v.phonetic_form(text)
        self.nonempty = len(latin) > 0
        self.first_vowel = self.nonempty and latin[0] in "aiu"
        self.last_vowel = self.nonempty and latin[-1] in "aiu"
        stem = text[:-1] if text.endswith("h") and len(text) > 2 else text
        self.ends_ae = stem[-1:] in ("a", "e")
        self.ends_h = text.endswith("h")
        self.ends_e = text[-1:] == "e"


cdef class Token:
    """What the spelling rules read of one token; the parts only some pairs need are made on
    first need."""

    cdef readonly str text
    cdef str phonetic
    cdef tuple joined  # names.variants.joined_rests
    cdef object _stem  # names.variants.declension_stem: str or None
    cdef bint has_c, interdental, _stemmed
    cdef double _vowel_share  # (-1: not yet)
    cdef str _european, _turkish, _slavic, _skeleton, _hebrew_skeleton
    cdef tuple _readings
    cdef Latin _latin
    cdef Written _arabic, _hebrew

    def __init__(self, str text):
        self.text = text
        self.phonetic = _v.phonetic_form(text)
        self.joined = _v.joined_rests(text)
        self.has_c = "c" in text
        self.interdental = "th" in text or "dh" in text
        self._vowel_share = -1.0

    # Only pairs alike enough ask for the stem, only abjad pairs for the vowel share.
    cdef object stem(self):
        if not self._stemmed:
            self._stem = _v.declension_stem(self.text)
            self._stemmed = True
        return self._stem

    cdef double vowel_share(self):
        if self._vowel_share < 0.0:
            self._vowel_share = _v._vowel_share(self.text)
        return self._vowel_share

    cdef str european(self):
        if self._european is None:
            self._european = _v.european_form(self.text)
        return self._european

    cdef str slavic(self):
        if self._slavic is None:
            self._slavic = _v.slavic_latin(self.text)
        return self._slavic

    cdef str turkish(self):
        if self._turkish is None:
            self._turkish = _v.turkish_form(self.text)
        return self._turkish

    cdef str other_skeleton(self, bint hebrew):
        """skeleton(text, hebrew): as an abjad would write this alphabetic spelling."""
        if hebrew:
            if self._hebrew_skeleton is None:
                self._hebrew_skeleton = _v.skeleton(self.text, True)
            return self._hebrew_skeleton
        if self._skeleton is None:
            self._skeleton = _v.skeleton(self.text)
        return self._skeleton

    cdef tuple readings(self):
        if self._readings is None:
            self._readings = tuple(Reading(r) for r in _v.latin_readings(self.text))
        return self._readings

    cdef Latin latin(self):
        if self._latin is None:
            self._latin = Latin(self.text)
        return self._latin

    cdef Written written(self, bint hebrew):
        if hebrew:
            if self._hebrew is None:
                self._hebrew = Written(self.text, True)
            return self._hebrew
        if self._arabic is None:
            self._arabic = Written(self.text, False)
        return self._arabic


cpdef double osa_similarity(str a, str b):
    """RapidFuzz's OSA.normalized_similarity: 1 - distance / the longer length."""
    cdef Py_ssize_t la = len(a), lb = len(b), longest = max(la, lb), k
    if longest == 0:
        return 1.0
    cdef unsigned int short_a[SHORT_TEXT]
    cdef unsigned int short_b[SHORT_TEXT]
    cdef Py_UCS4 c
    cdef vector[unsigned int] ca, cb
    if longest <= SHORT_TEXT:  # most tokens: their code points on the stack
        k = 0
        for c in a:
            short_a[k] = c
            k += 1
        k = 0
        for c in b:
            short_b[k] = c
            k += 1
        return 1.0 - <double>osa_distance(short_a, la, short_b, lb) / <double>longest
    code_points(a, ca)
    code_points(b, cb)
    return 1.0 - <double>osa_distance(ca.data(), ca.size(), cb.data(), cb.size()) / <double>longest


cdef bint _transposed(str a, str b):
    """Whether b is a with two adjacent letters swapped."""
    cdef Py_ssize_t n = len(a), i, first = -1, count = 0
    if n != len(b):
        return False
    for i in range(n):
        if a[i] != b[i]:
            count += 1
            if count > 2:
                return False
            if first < 0:
                first = i
    return (
        count == 2
        and a[first + 1] != b[first + 1]
        and a[first] == b[first + 1]
        and a[first + 1] == b[first]
    )


cpdef double spelling_similarity(str a, str b, str abjad=""):
    """Similarity in [0, 1] of two ASCII name tokens as spellings of the same name part.

    The best of: edit similarity (OSA, transpositions count once); edit similarity of the
    phonetic forms, discounted; and, when one side was written in an abjad ("arabic" or
    "hebrew"), what abjad_similarity finds (an abjad spelling has only its letters to
    compare). Before those: the same token is 1.0, one that is the other with a particle
    joined JOINED_SIM. After them, for a pair at least ALIGNABLE alike:
    - a European c (k/s) against a k or s: Ricardo = Рикардо (rikardo), Garcia = garsia;
    - th and dh read as Turkish, Persian and Urdu read the Arabic ث and ذ (s, z): Osman = Uthman;
    - ts, ch, sh, zh, dzh, kh and y read as Serbian and Croatian Latin writes their Cyrillic, marks
      dropped, in words of SLAVIC_MIN letters or more: Ivitsa = Ivica, Sharenats = Sarenac;
    - one the other with a Baltic nominative ending (Putinas, Putins): DECLINED_SIM.
    One letter of a 3-4 letter word (dong/song, wang/yang) is another name, not a spelling
    (SHORT_WORD_PENALTY); two letters swapped (hyno/hyon) is a typo of the same one.
    """
    if a == b:
        return 1.0
    cdef Token ta = token(a), tb = token(b)
    if b in ta.joined or a in tb.joined:
        return JOINED_SIM
    cdef Py_ssize_t longest = max(len(a), len(b))
    cdef bint short = longest <= SHORT_WORD
    cdef bint tiny = not abjad and longest <= TINY_WORD  # an abjad spelling has no vowels to tell
    cdef double sim = osa_similarity(a, b), other
    if ta.phonetic == tb.phonetic:
        other = TINY_PHONETIC if tiny else PHONETIC_FACTOR
        if other > sim:
            sim = other
    else:
        other = PHONETIC_FACTOR * osa_similarity(ta.phonetic, tb.phonetic)
        if other > sim:
            sim = other
        if short and not _transposed(a, b):
            sim -= SHORT_WORD_PENALTY
    if sim >= ALIGNABLE and ta.has_c != tb.has_c:
        ea, eb = ta.european(), tb.european()
        if ea != eb:
            other = PHONETIC_FACTOR * osa_similarity(ea, eb)
            if short:
                other -= SHORT_WORD_PENALTY
        else:
            other = TINY_PHONETIC if tiny else PHONETIC_FACTOR
        if other > sim:
            sim = other
    if ALIGNABLE <= sim < PHONETIC_FACTOR and longest >= SLAVIC_MIN:
        sa, sb = ta.slavic(), tb.slavic()
        if sa != a or sb != b:
            other = PHONETIC_FACTOR if sa == sb else PHONETIC_FACTOR * osa_similarity(sa, sb)
            if other > sim:
                sim = other
    if ALIGNABLE <= sim < PHONETIC_FACTOR and ta.interdental != tb.interdental:
        other = PHONETIC_FACTOR * osa_similarity(ta.turkish(), tb.turkish())
        if short:
            other -= SHORT_WORD_PENALTY
        if other > sim:
            sim = other
    if ALIGNABLE <= sim < DECLINED_SIM and (ta.stem() == b or tb.stem() == a):
        sim = DECLINED_SIM
    if abjad and sim < ABJAD_FIT:  # the abjad fit and skeleton never exceed ABJAD_FIT
        other = _abjad_similarity(ta, tb, abjad == HEBREW)
        if other > sim:
            sim = other
    return sim


cpdef double abjad_similarity(str a, str b, str abjad):
    """What spelling_similarity adds for a pair with an abjad spelling ("arabic" or "hebrew"):
    how well the one with fewer vowel letters fits the other letter by letter
    (Written.fit), or failing that how alike their consonant skeletons are,
    discounted; capped where the vowels an abjad writes at either end disagree.

    Alone it is the whole spelling_similarity of a pair no closer than ALIGNABLE by edit nor
    PHONETIC_ALIGNABLE by phonetic form, neither the other with a particle joined
    (index.edits.SpellingBounds.pairs tells which those are): no other rule raises such a
    pair."""
    return _abjad_similarity(token(a), token(b), abjad == HEBREW)


cdef double _abjad_similarity(Token a, Token b, bint hebrew):
    # The abjad spelling is the one with fewer vowel letters.
    cdef Token written_token, other
    if a.vowel_share() <= b.vowel_share():
        written_token, other = a, b
    else:
        written_token, other = b, a
    cdef Written written = written_token.written(hebrew), fitted = written, rest
    cdef double fit = written.fit(other), skel
    if fit == 0.0:  # الرزاق (alrzq) is al-Razzaq, listed as razzaq
        rest = written.rest()
        if rest is not None:
            fitted = rest
            fit = rest.fit(other)
    if fit != 0.0 and not fitted.ends_agree(other) and SKELETON_ENDS_CAP < fit:
        fit = SKELETON_ENDS_CAP
    cdef str sa = written.skeleton, sb = other.other_skeleton(hebrew)
    if sa and sb:
        # Same consonants but the long vowels disagree (Hussein/Hassan): weaker.
        skel = SKELETON_FACTOR * osa_similarity(sa, sb)
        cap = SHORT_SKELETON_CAP if min(len(sa), len(sb)) < 3 else SKELETON_CAP
        if cap < skel:
            skel = cap
        if not written.ends_agree(other) and SKELETON_ENDS_CAP < skel:
            skel = SKELETON_ENDS_CAP
        if skel > fit:
            fit = skel
    return fit


# An abjad spelling's pattern (names.variants.AbjadSpelling.source: letter classes anchored at
# both ends, short vowels free between them) compiled by `re` costs 70-90 µs, and a batch
# meets thousands of them once or twice each. It is a plain regular expression over ASCII
# letters: read here as a position automaton (Glushkov), made in a few µs, which follows all
# its possible positions at once as bits.

cdef class Automaton:
    """A regular expression as a position automaton over ASCII: for each position, the
    characters it accepts and the positions that may follow it; at most 64 positions."""

    cdef uint64_t accepts[128]  # per character: the positions that accept it
    cdef uint64_t follow[64]
    cdef uint64_t first, last
    cdef bint nullable

    def __cinit__(self):
        memset(self.accepts, 0, sizeof(self.accepts))
        memset(self.follow, 0, sizeof(self.follow))

    cpdef bint matches(self, str text):
        """Whether the whole of `text` (ASCII) matches."""
        cdef Py_ssize_t n = len(text), k
        cdef uint64_t state = 0, reach, rest
        cdef Py_UCS4 c
        cdef unsigned int code
        cdef int p
        if n == 0:
            return self.nullable
        for k in range(n):
            c = text[k]
            code = c
            if code >= 128:
                return False
            if k == 0:
                reach = self.first
            else:
                reach = 0
                rest = state
                while rest:
                    p = _lowest(rest)
                    reach |= self.follow[p]
                    rest &= rest - 1
            state = reach & self.accepts[code]
            if not state:
                return False
        return (state & self.last) != 0


cdef extern from *:
    int _lowest "__builtin_ctzll"(unsigned long long)


def automaton(str source):
    """The position automaton of an anchored pattern (^...$) of literal ASCII letters and
    digits, classes [...], groups (?:...|...) and the quantifiers ? and *; None for any other
    pattern (or one of more than 64 positions), which `re` is left to."""
    if not (source.startswith("^") and source.endswith("$")):
        return None
    parser = _Parser(source[1:-1])
    tree = parser.sequence()
    if tree is None or parser.at < len(parser.text) or len(parser.classes) > 64:
        return None
    cdef Automaton made = Automaton()
    cdef int p
    for p, chars in enumerate(parser.classes):
        for c in chars:
            made.accepts[ord(c)] |= (<uint64_t>1) << p
    nullable, first, last = _glushkov(tree, made)
    made.nullable = nullable
    made.first = first
    made.last = last
    return made


cdef tuple _glushkov(tuple node, Automaton made):
    """(nullable, first positions, last positions) of a tree node, adding to the follow sets."""
    cdef str kind = node[0]
    cdef uint64_t first, last, rest, sub_first, sub_last
    cdef bint nullable, sub_nullable
    cdef int p
    if kind == "pos":
        return False, (<uint64_t>1) << node[1], (<uint64_t>1) << node[1]
    if kind == "seq":
        nullable, first, last = True, 0, 0
        for child in node[1]:
            sub_nullable, sub_first, sub_last = _glushkov(child, made)
            rest = last
            while rest:
                p = _lowest(rest)
                made.follow[p] |= sub_first
                rest &= rest - 1
            if nullable:
                first |= sub_first
            last = sub_last | (last if sub_nullable else 0)
            nullable = nullable and sub_nullable
        return nullable, first, last
    if kind == "alt":
        nullable, first, last = False, 0, 0
        for child in node[1]:
            sub_nullable, sub_first, sub_last = _glushkov(child, made)
            nullable = nullable or sub_nullable
            first |= sub_first
            last |= sub_last
        return nullable, first, last
    sub_nullable, first, last = _glushkov(node[1], made)
    if kind == "star":
        rest = last
        while rest:
            p = _lowest(rest)
            made.follow[p] |= first
            rest &= rest - 1
    return True, first, last  # "opt" or "star"


cdef class _Parser:
    """Reads a pattern into a tree: ("pos", k) a character class (its characters in
    `classes`), ("seq", children), ("alt", children), ("opt", child), ("star", child)."""

    cdef str text
    cdef Py_ssize_t at
    cdef list classes

    def __init__(self, str text):
        self.text = text
        self.at = 0
        self.classes = []

    cdef object sequence(self):
        items = []
        while self.at < len(self.text) and self.text[self.at] not in "|)":
            item = self.item()
            if item is None:
                return None
            items.append(item)
        return ("seq", items)

    cdef object item(self):
        text = self.text
        c = text[self.at]
        if c == "[":
            end = text.find("]", self.at)
            chars = text[self.at + 1 : end]
            if end < 0 or not chars or any(not _plain(ch) for ch in chars):
                return None  # a range, a negation, an escape: left to re
            self.at = end + 1
            node = self._position(chars)
        elif text.startswith("(?:", self.at):
            self.at += 3
            choices = []
            while True:
                choice = self.sequence()
                if choice is None or self.at >= len(text):
                    return None
                choices.append(choice)
                self.at += 1
                if text[self.at - 1] == ")":
                    break
            node = ("alt", choices)
        elif c == "\\" and self.at + 1 < len(text) and _plain(text[self.at + 1]):
            self.at += 2
            node = self._position(text[self.at - 1])
        elif _plain(c):
            self.at += 1
            node = self._position(c)
        else:
            return None
        if self.at < len(text) and text[self.at] in "?*":
            node = ("opt" if text[self.at] == "?" else "star", node)
            self.at += 1
        return node

    cdef tuple _position(self, str chars):
        self.classes.append(chars)
        return ("pos", len(self.classes) - 1)


cdef bint _plain(str c):
    return c.isascii() and c.isalnum()
