"""Names: normalisation, transliteration, name parts and spelling variants."""

from embargo.names.spelling import spelling_similarity
from embargo.names.text import OBJECT, ORG, PERSON, UNKNOWN, NameForm, analyse_name, kind_of_schema
from embargo.names.variants import name_symbols, phonetic_form, skeleton

__all__ = [
    "OBJECT",
    "ORG",
    "PERSON",
    "UNKNOWN",
    "NameForm",
    "analyse_name",
    "kind_of_schema",
    "name_symbols",
    "phonetic_form",
    "skeleton",
    "spelling_similarity",
]
