"""The compiled kernels; everything else is declared in pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

KERNELS = [
    Extension("embargo.index.accumulate", ["src/embargo/index/accumulate.pyx"]),
    Extension("embargo.match.align", ["src/embargo/match/align.pyx"]),
    Extension("embargo.index.edits", ["src/embargo/index/edits.pyx"]),
    Extension("embargo.names.spelling", ["src/embargo/names/spelling.pyx"]),
]

setup(ext_modules=cythonize(KERNELS, compiler_directives={"language_level": 3}))
