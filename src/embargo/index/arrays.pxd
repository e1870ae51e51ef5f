# cython: language_level=3
"""numpy arrays (vectors and C-ordered matrices) read in place by the compiled kernels,
through numpy's C API.

A typed memoryview of an argument costs about half a microsecond to set up and tear down
(numpy's buffer protocol formats the dtype each time); a query passes the kernels dozens of
small arrays, so they read the data pointer of each directly, after checking its type, shape
and order.
"""

cimport numpy as cnp

# (Each module that cimports these calls cnp.import_array() once, as it loads.)


cdef inline const void* _data(object array, int dtype, Py_ssize_t* size) except NULL:
    if (
        not cnp.PyArray_Check(array)
        or cnp.PyArray_TYPE(<cnp.ndarray>array) != dtype
        or cnp.PyArray_NDIM(<cnp.ndarray>array) != 1
        or not cnp.PyArray_IS_C_CONTIGUOUS(<cnp.ndarray>array)
    ):
        raise TypeError(
            f"expected a contiguous one-dimensional {cnp.PyArray_DescrFromType(dtype)} array, "
            f"got {getattr(array, 'dtype', type(array).__name__)} "
            f"of shape {getattr(array, 'shape', '?')}"
        )
    size[0] = cnp.PyArray_DIM(<cnp.ndarray>array, 0)
    cdef const void* data = cnp.PyArray_DATA(<cnp.ndarray>array)
    # An empty array's pointer may be NULL; the caller reads no element of it.
    return data if data != NULL else <const void*>array


cdef inline const int* int32s(object array, Py_ssize_t* size) except NULL:
    """The int32 elements of `array`, their number in `size`."""
    return <const int*>_data(array, cnp.NPY_INT32, size)


cdef inline const float* float32s(object array, Py_ssize_t* size) except NULL:
    return <const float*>_data(array, cnp.NPY_FLOAT32, size)


cdef inline const double* float64s(object array, Py_ssize_t* size) except NULL:
    return <const double*>_data(array, cnp.NPY_FLOAT64, size)


cdef inline const unsigned char* uint8s(object array, Py_ssize_t* size) except NULL:
    """uint8 or bool elements."""
    if cnp.PyArray_Check(array) and cnp.PyArray_TYPE(<cnp.ndarray>array) == cnp.NPY_BOOL:
        return <const unsigned char*>_data(array, cnp.NPY_BOOL, size)
    return <const unsigned char*>_data(array, cnp.NPY_UINT8, size)


cdef inline cnp.ndarray empty(Py_ssize_t n, int dtype):
    """A new one-dimensional array of `n` elements of numpy type `dtype`, uninitialised."""
    cdef cnp.npy_intp size = n
    return cnp.PyArray_EMPTY(1, &size, dtype, 0)


cdef inline void* data(cnp.ndarray array) noexcept:
    """Where a new array's elements are, to fill them."""
    return cnp.PyArray_DATA(array)


cdef inline void* _rows(
    object array, int dtype, Py_ssize_t rows, Py_ssize_t cols, bint write
) except NULL:
    if (
        not cnp.PyArray_Check(array)
        or cnp.PyArray_TYPE(<cnp.ndarray>array) != dtype
        or cnp.PyArray_NDIM(<cnp.ndarray>array) != 2
        or not cnp.PyArray_IS_C_CONTIGUOUS(<cnp.ndarray>array)
        or cnp.PyArray_DIM(<cnp.ndarray>array, 0) != rows
        or cnp.PyArray_DIM(<cnp.ndarray>array, 1) != cols
        or write and not cnp.PyArray_ISWRITEABLE(<cnp.ndarray>array)
    ):
        raise TypeError(
            f"expected a C-ordered {'writable ' if write else ''}"
            f"{cnp.PyArray_DescrFromType(dtype)} matrix of {rows} x {cols}, got "
            f"{getattr(array, 'dtype', type(array).__name__)} of shape "
            f"{getattr(array, 'shape', '?')}"
        )
    cdef void* data = cnp.PyArray_DATA(<cnp.ndarray>array)
    return data if data != NULL else <void*>array


cdef inline const double* float64_rows(
    object array, Py_ssize_t rows, Py_ssize_t cols
) except NULL:
    """The float64 elements of a C-ordered `rows` x `cols` matrix, row after row."""
    return <const double*>_rows(array, cnp.NPY_FLOAT64, rows, cols, False)


cdef inline double* writable_float64_rows(
    object array, Py_ssize_t rows, Py_ssize_t cols
) except NULL:
    return <double*>_rows(array, cnp.NPY_FLOAT64, rows, cols, True)


cdef inline const unsigned char* uint8_rows(
    object array, Py_ssize_t rows, Py_ssize_t cols
) except NULL:
    """The elements of a C-ordered `rows` x `cols` uint8 (or bool) matrix, row after row."""
    if cnp.PyArray_Check(array) and cnp.PyArray_TYPE(<cnp.ndarray>array) == cnp.NPY_BOOL:
        return <const unsigned char*>_rows(array, cnp.NPY_BOOL, rows, cols, False)
    return <const unsigned char*>_rows(array, cnp.NPY_UINT8, rows, cols, False)
