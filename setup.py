"""The compiled kernels; everything else is declared in pyproject.toml."""

import numpy
from Cython.Build import cythonize
from setuptools import Extension, setup

# The kernels read numpy arrays through its C API (index/arrays.pxd), without its deprecated parts.
NUMPY = {
    "include_dirs": [numpy.get_include()],
    "define_macros": [("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
}
KERNELS = [
    Extension("embargo.index.accumulate", ["src/embargo/index/accumulate.pyx"], **NUMPY),
    Extension("embargo.match.align", ["src/embargo/match/align.pyx"], **NUMPY),
    Extension("embargo.index.edits", ["src/embargo/index/edits.pyx"], **NUMPY),
    Extension("embargo.names.spelling", ["src/embargo/names/spelling.pyx"]),
]

setup(ext_modules=cythonize(KERNELS, compiler_directives={"language_level": 3}))
