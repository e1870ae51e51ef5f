# cython: language_level=3
"""OSA edit distance (restricted Damerau-Levenshtein: a transposition of two adjacent letters
counts once) by the dynamic programme, on code points: one definition for the compiled modules
that need it (names.spelling; index.edits, beyond its bit-parallel reach)."""

from libcpp.vector cimport vector

cdef enum:
    SHORT_TEXT = 32  # texts up to this many code points are compared in stack buffers


cdef inline void code_points(str text, vector[unsigned int]& out):
    """The text's code points, in place of what `out` held."""
    out.clear()
    out.reserve(len(text))
    cdef Py_UCS4 c
    for c in text:
        out.push_back(c)


cdef inline int osa_distance(
    const unsigned int* a, Py_ssize_t la, const unsigned int* b, Py_ssize_t lb
) noexcept:
    # Three rows, on the stack for a short `b` (most names' tokens): no allocation a call.
    cdef int stack[3 * (SHORT_TEXT + 1)]
    cdef vector[int] rows
    cdef int* two = stack  # row i - 2 (not read before it is written)
    if lb > SHORT_TEXT:
        rows.resize(3 * (lb + 1))
        two = rows.data()
    cdef int* one = two + (lb + 1)  # row i - 1
    cdef int* row = one + (lb + 1)  # row i
    cdef int* spare
    cdef int best
    cdef Py_ssize_t i, j
    for j in range(lb + 1):
        one[j] = <int>j
    for i in range(1, la + 1):
        row[0] = <int>i
        for j in range(1, lb + 1):
            best = one[j - 1] + (0 if a[i - 1] == b[j - 1] else 1)
            if one[j] + 1 < best:
                best = one[j] + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            if (
                i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]
                and two[j - 2] + 1 < best
            ):
                best = two[j - 2] + 1
            row[j] = best
        spare = two
        two = one
        one = row
        row = spare
    return one[lb]
