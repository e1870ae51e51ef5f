"""Finding listed parties in running text and payment messages.

`scan(data, format="auto", screener=...)` reads plain text, HTML, SWIFT MT103 or ISO 20022
pacs.008 and returns a `ScanResult`: the listed parties mentioned (with offsets, score and the
screening engine's explanation) and, for payments, the sanctioned countries named.
"""

from embargo.text.scan import FORMATS, ScanError, TextScanner, detect_format, scan, scanner_for
from embargo.text.types import CountryRisk, Mention, ScanResult

__all__ = [
    "FORMATS",
    "CountryRisk",
    "Mention",
    "ScanError",
    "ScanResult",
    "TextScanner",
    "detect_format",
    "scan",
    "scanner_for",
]
