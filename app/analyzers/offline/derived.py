"""Weights a buyer computes from what the document states: a rate times the article's size.

Many documents give the article's weight only as a rate (per metre, per 100 mm, per square
metre, per 10 mm of stroke) and leave the multiplication to the reader. The inputs must be
stated unambiguously: the article's length, area or stroke is read from its name first (a
length the name labels as one: "cut length 2,000 mm", "rollo de 25 m", "Hub 200"), and two
different values of it are no value. Every helper returns None when unsure, and the weight
rules then abstain as they would without it.
"""

from __future__ import annotations

import re

from app.analyzers.quantities import parse_number

__all__ = ["name_length_m", "rate_base_m", "without_rate_base"]

_TO_M = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0}

# A length figure: not the second or third side of "a x b" and not a section ("25 mm²",
# "mm2"), nor a diameter ("Ø6 mm").
_LENGTH_FIGURE = re.compile(
    r"(?<![\d.,x×*/Ø⌀\-–])(?<![x×*/Ø⌀] )"
    r"(?P<n>\d{1,6}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|km|m)(?![^\W_])"
    r"(?!\s{0,2}[x×*]\s{0,2}\d)",
    re.IGNORECASE,
)

# The words that make a figure of a name the article's length: a length word ("cut length",
# "Länge", "längd", "L ="), or the form it is delivered in with its length ("rollo de 25 m",
# "couronne de 50 m", "coil of 100 m", "Stange 6 m", "bar 6 m").
_LENGTH_LABEL = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?:cut\s+)?length|cut\s+to|länge|schnittlänge|zuschnitt|fixlänge|längd|längde|lengde"
    r"|longueur|lunghezza|longitud|comprimento|lengte|długość|délka|\bL\b"
    r"|rolls?|coils?|reels?|bars?|drums?|rolle|ring|ringe?|trommel|stange|stangen|spule"
    r"|rouleau|couronne|bobine|barre|touret|rotolo|matassa|barra|bobina|rollo|rollos|vara|varas"
    r"|bobina|rolo|rol|haspel|stang|rulle|ring|krąg|zwój|sztanga|cortado\s+a|tagliato\s+a"
    r"|coupé\s+à|abgelängt\s+auf"
    r")(?![^\W\d_])"
    r"\s{0,2}(?:[:=]|of|de|da|di|von|à|a|van|på|z|mit|with|à)?\s{0,2}(?:ca\.?\s{0,2})?$",
    re.IGNORECASE,
)


def _metres(value: str, unit: str, comma: bool) -> float:
    return parse_number(value, comma_decimal=comma) * _TO_M[unit.lower()]


def name_length_m(name: str, comma: bool) -> float | None:
    """The length the article name labels as the article's ("cut length 2,000 mm", "vara de
    5 m", "längd 3 m"), in metres. None when it labels none; 0.0 when it labels two different
    lengths (the caller abstains rather than pick one)."""
    found: set[float] = set()
    for m in _LENGTH_FIGURE.finditer(name):
        if _LENGTH_LABEL.search(name[max(0, m.start() - 30) : m.start()]):
            found.add(round(_metres(m["n"], m["u"], comma), 6))
    if not found:
        return None
    return found.pop() if len(found) == 1 else 0.0


# "Weight per 100 mm length", "Gewicht je 100 m", "Peso per 10 m", "kg/100 m": a weight of a
# stated length. Not one per length of stroke or lift (a cylinder's increment).
_RATE_BASE = re.compile(
    r"(?<![^\W\d_])(?:per|pro|je|par|por|each|/)\s{0,2}(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}"
    r"(?P<u>mm|cm|km|m)(?![^\W_])(?!\s{0,3}(?:of\s+)?(?:stroke|hub|course|corsa|carrera|lift))",
    re.IGNORECASE,
)


def rate_base_m(label: str) -> float | None:
    """The length a weight label says the figure weighs ("Weight per 100 mm length": 0.1 m),
    None when it names no such length or several."""
    found = {round(_metres(m["n"], m["u"], False), 6) for m in _RATE_BASE.finditer(label)}
    if len(found) != 1:
        return None
    base = found.pop()
    return base if base > 0 else None


def without_rate_base(label: str) -> str:
    """The label without its rate's length: "per 100 mm" says what the figure weighs, not
    which variant it is of."""
    return _RATE_BASE.sub(" ", label)
