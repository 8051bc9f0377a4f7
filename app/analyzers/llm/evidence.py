"""Where the model's quotes are in the documents, and whether a quantity there backs its weight.

The model names lines verbatim; their location is read back from the documents, never asked
of the model, and a weight counts as supported only when a quantity in the text equals it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_QUOTE_CHARS = 300

_UNIT_GRAMS = {
    "mg": 0.001,
    "g": 1.0,
    "gr": 1.0,
    "gram": 1.0,
    "grams": 1.0,
    "gramm": 1.0,
    "gramme": 1.0,
    "grammes": 1.0,
    "kg": 1000.0,
    "kilogram": 1000.0,
    "kilograms": 1000.0,
    "kilogramm": 1000.0,
    "t": 1_000_000.0,
    "lb": 453.59237,
    "lbs": 453.59237,
    "oz": 28.349523125,
}
_UNITS_ALTERNATION = "|".join(sorted(_UNIT_GRAMS, key=len, reverse=True))
_QUANTITY_RE = re.compile(
    r"(\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?)\s*(" + _UNITS_ALTERNATION + r")\b", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?")
_SPACES_RE = re.compile(r"\s+")


def _number_readings(text: str) -> set[float]:
    """Every plausible reading of a written number: "1.250,5", "1,250.5", "12,5"."""
    readings: set[float] = set()
    compact = text.replace("'", "").replace(" ", "")
    for decimal, thousands in ((".", ","), (",", ".")):
        candidate = compact.replace(thousands, "").replace(decimal, ".")
        try:
            readings.add(float(candidate))
        except ValueError:
            continue
    return readings


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.01, 0.01 * abs(b))


def weight_backed(grams: float, quote: str, source_text: str) -> bool:
    """True when a quantity in the documents (or the verbatim quote) equals `grams`."""
    for match in _QUANTITY_RE.finditer(source_text):
        factor = _UNIT_GRAMS[match.group(2).lower()]
        if any(_close(value * factor, grams) for value in _number_readings(match.group(1))):
            return True
    # "Weight [kg] | 1.2": the unit is away from the number; trust a verbatim quote's number.
    if quote and normalize(quote) in normalize(source_text):
        for match in _NUMBER_RE.finditer(quote):
            for value in _number_readings(match.group(0)):
                if any(_close(value * f, grams) for f in set(_UNIT_GRAMS.values())):
                    return True
    return False


def normalize(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip().casefold()


class SourceText:
    """The documents as the checks read them: all their text, and each section with its place."""

    def __init__(self, text: str, sections: Sequence[tuple[str, str]]) -> None:
        self.text = text
        self.sections = tuple(sections)
        self._normalized = normalize(text)

    def contains(self, quote: str | None) -> bool:
        return bool(quote) and normalize(quote or "") in self._normalized

    def location(self, quote: str | None, stated: str | None) -> str:
        """Where the quoted line is, read from the documents; else what the model said."""
        needle = normalize(quote or "")
        if needle:
            for where, text in self.sections:
                if needle in normalize(text):
                    return where
        return (stated or "").strip().strip("[]").strip() or "specification"

    def line_naming(self, name: str) -> tuple[str, str] | None:
        """The first document line that names a material as written, and where it is."""
        needle = normalize(name)
        if len(needle) < 2:
            return None
        for where, text in self.sections:
            for line in text.splitlines():
                if needle in normalize(line):
                    return _SPACES_RE.sub(" ", line).strip(), where
        return None
