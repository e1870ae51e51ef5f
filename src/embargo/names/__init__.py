"""Names: normalisation, transliteration, name parts and spelling variants."""
