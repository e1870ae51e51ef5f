# cython: language_level=3
"""OSA edit distance (restricted Damerau-Levenshtein: a transposition of two adjacent letters
counts once) by the dynamic programme, on code points: one definition for the compiled modules
that need it (names.spelling; index.edits, beyond its bit-parallel reach)."""

from libcpp.vector cimport vector


cdef inline void code_points(str text, vector[unsigned int]& out):
    """The text's code points, in place of what `out` held."""
    out.clear()
    cdef Py_UCS4 c
    for c in text:
        out.push_back(c)


cdef inline int osa_distance(
    const unsigned int* a, Py_ssize_t la, const unsigned int* b, Py_ssize_t lb
) noexcept:
    cdef vector[int] rows = vector[int](3 * (lb + 1))
    cdef int* two = rows.data()  # row i - 2
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
