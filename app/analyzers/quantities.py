"""The one unit table and quantity parser of the analyzers: numbers, mass units, decimal marks.

Every mass or number the analyzers read goes through here, so "1.250 g" means the same to the
weight rules, the material rules and the grounding of a model's answer:

* `UNITS` maps a unit as written (lower case) to grams; adding a spelling is one line.
* `decimal_comma(text, language)` is the ONE decimal-mark decision per document: numbers that
  can only be read one way ("2,5", "0.25", "1.234,5") decide; otherwise the language does
  (de/fr/it/es/nl/pl: "," is the decimal mark; en, zh, ja: "."); unknown means ".".
* `parse_number(text, comma_decimal=...)` reads one number under that decision.
* `find_quantities(line, comma_decimal=...)` yields every number followed by a unit word, with
  its range, tolerance, "approx." and "less than" marks and the text right after the unit
  (so "g/m²", "kgf·cm" or "/1000 pcs" can be judged by the caller).

The patterns are bounded (`{1,9}`, `{0,4}`) and anchored by look-behinds, so a scan is linear
in the length of the text even on hostile input (long runs of digits, dots or spaces).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

__all__ = [
    "LB_G",
    "OZ_G",
    "UNITS",
    "Quantity",
    "decimal_comma",
    "find_quantities",
    "mass_unit",
    "parse_number",
    "to_int",
]

LB_G: Final = 453.59237
OZ_G: Final = 28.349523125

# A mass unit as written (lower case, trailing "." stripped) -> grams.
UNITS: Final[dict[str, float]] = {
    # metric, international
    "mg": 0.001,
    "g": 1.0,
    "gr": 1.0,
    "grs": 1.0,
    "gm": 1.0,
    "gms": 1.0,
    "kg": 1000.0,
    "kgs": 1000.0,
    "kilo": 1000.0,
    "kilos": 1000.0,
    "t": 1_000_000.0,
    # en
    "milligram": 0.001,
    "milligrams": 0.001,
    "gram": 1.0,
    "grams": 1.0,
    "gramme": 1.0,
    "grammes": 1.0,
    "kilogram": 1000.0,
    "kilograms": 1000.0,
    "kilogramme": 1000.0,
    "kilogrammes": 1000.0,
    "tonne": 1_000_000.0,
    "tonnes": 1_000_000.0,
    "lb": LB_G,
    "lbs": LB_G,
    "pound": LB_G,
    "pounds": LB_G,
    "oz": OZ_G,
    "ounce": OZ_G,
    "ounces": OZ_G,
    # de, nl, pl, it, es, fr
    "gramm": 1.0,
    "kilogramm": 1000.0,
    "tonnen": 1_000_000.0,
    "pfund": LB_G,
    "unze": OZ_G,
    "unzen": OZ_G,
    "grammi": 1.0,
    "grammo": 1.0,
    "chilogrammi": 1000.0,
    "chilogrammo": 1000.0,
    "kilogrammi": 1000.0,
    "gramo": 1.0,
    "gramos": 1.0,
    "kilogramo": 1000.0,
    "kilogramos": 1000.0,
    # UN/CEFACT codes, as schema.org unitCode writes them
    "kgm": 1000.0,
    "grm": 1.0,
    "lbr": LB_G,
    "onz": OZ_G,
    "mgm": 0.001,
    "tne": 1_000_000.0,
    # zh, ja
    "克": 1.0,
    "公克": 1.0,
    "毫克": 0.001,
    "千克": 1000.0,
    "公斤": 1000.0,
    "斤": 500.0,
    "グラム": 1.0,
    # ru, uk, bg; ko
    "кг": 1000.0,
    "г": 1.0,
    "гр": 1.0,
    "мг": 0.001,
    "килограмм": 1000.0,
    "грамм": 1.0,
    "킬로그램": 1000.0,
    "그램": 1.0,
    "キログラム": 1000.0,
    "ミリグラム": 0.001,
}

_CJK_UNITS: Final = sorted((u for u in UNITS if not u.isascii()), key=len, reverse=True)


def mass_unit(token: str) -> float | None:
    """Grams per unit for a unit word as written ("Kg", "lbs.", "公斤"), else None."""
    t = token.strip().rstrip(".").lower()
    if t in UNITS:
        return UNITS[t]
    for unit in _CJK_UNITS:  # "500克左右": the unit is the start of a longer CJK run
        if t.startswith(unit):
            return UNITS[unit]
    return None


# ---------------------------------------------------------------- numbers and the decimal mark

_GROUPING = "'’\u00a0\u202f\u2009"
_NUM = rf"\d{{1,9}}(?:[.,{_GROUPING}]\d{{1,6}}){{0,4}}"
# "1 250 g": a plain space groups thousands only in documents with a decimal comma.
_NUM_SPACED = rf"\d{{1,3}}(?: \d{{3}}){{1,3}}(?:,\d{{1,6}})?(?![\d.,])|{_NUM}"
_NUMBER_RE = re.compile(rf"(?<![0-9A-Za-z_])(?<![0-9][.,]){_NUM}")

# A number that reads one way only: two or four-plus decimals, both marks, or a leading zero
# (no thousands group starts with 0: "0,064", "0.064").
# Written to start with the digit every match starts with, so that the scan of a document
# skips to digits: "(?<![\d.,])(?:\d{1,6},(?:\d{1,2}|\d{4,6})|0,\d{3})(?![\d.,])|\d\.\d{3},\d"
# with the first digit taken out of each alternative (the look-behind then looks past it).
_COMMA_ONLY = re.compile(
    r"\d(?:(?<![\d.,]\d)(?:\d{0,5},(?:\d{1,2}|\d{4,6})|(?<=0),\d{3})(?![\d.,])|\.\d{3},\d)"
)
_POINT_ONLY = re.compile(
    r"\d(?:(?<![\d.,]\d)(?:\d{0,5}\.(?:\d{1,2}|\d{4,6})|(?<=0)\.\d{3})(?![\d.,])|,\d{3}\.\d)"
)
_COMMA_LANGUAGES: Final = frozenset(
    {"de", "fr", "it", "es", "nl", "pl", "pt", "cs", "sk", "da", "sv", "no", "nb", "fi"}
    | {"hu", "ro", "tr", "ru", "uk", "bg", "el", "sl", "hr"}
)


@functools.lru_cache(maxsize=16)
def decimal_comma(text: str, language: str | None = None) -> bool:
    """The document's decimal mark, decided once: True when "," is the decimal mark.

    A clear majority of numbers that can only be read one way decides; else the language.
    """
    sample = text[:400_000]
    commas = len(_COMMA_ONLY.findall(sample))
    points = len(_POINT_ONLY.findall(sample))
    if commas > 2 * points:
        return True
    if points > 2 * commas:
        return False
    return (language or "")[:2].lower() in _COMMA_LANGUAGES


def parse_number(text: str, *, comma_decimal: bool) -> float:
    """One written number under the document's decimal decision.

    Apostrophes and narrow spaces group thousands; with both "." and "," the last is the
    decimal mark; a mark used twice groups; a single mark before exactly three digits groups
    thousands in the document's convention ("1.250" is 1250 in German, 1.25 in English);
    any other single mark is the decimal mark ("2,5", "0.25", "1.3").
    """
    s = "".join(ch for ch in text.strip() if ch not in _GROUPING and ch != " ")
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        other = "," if dec == "." else "."
        return float(s.replace(other, "").replace(dec, "."))
    for sep in (".", ","):
        count = s.count(sep)
        if count > 1:
            return float(s.replace(sep, ""))
        if count == 1:
            head, tail = s.split(sep)
            if len(tail) == 3 and head != "0" and len(head) <= 3:
                thousands = (sep == ".") == comma_decimal
                return float(head + tail) if thousands else float(f"{head}.{tail}")
            return float(f"{head}.{tail}")
    return float(s)


def to_int(text: str) -> int | None:
    """A count as written ("1.000", "1,000", "100"), else None."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits and len(digits) <= 9 else None


def numbers(text: str, *, comma_decimal: bool) -> list[tuple[int, int, float]]:
    """Every number of a text as (start, end, value)."""
    return [
        (m.start(), m.end(), parse_number(m.group(), comma_decimal=comma_decimal))
        for m in _NUMBER_RE.finditer(text)
    ]


# ---------------------------------------------------------------- quantities

_APPROX_WORDS = (
    r"ca\.?|approx\.?|approximately|about|around|circa|env\.?|environ|etwa|ungefähr|ungef\."
    r"|~|≈|約|约|大约|aprox\.?|aproximadamente|cerca\s+de|cirka|ca:a|ungefär|omkring|ongeveer"
    r"|ong\.|około|ok\.|cca\.?|přibližně|noin|kb\.|körülbelül|aproximativ|yaklaşık|yakl\."
    r"|около|ок\.|примерно|περίπου|약"
)
_BOUND_WORDS = (
    r"<|≤|<=|less\s+than|under|below|max\.?|max(?:imum)?|up\s+to|not\s+more\s+than"
    r"|weniger\s+als|unter|höchstens|bis\s+zu|moins\s+de|meno\s+di|menos\s+de|最大|以下"
    r"|máx\.?|máximo|massimo|högst|højst|maks\.?|en\s+fazla|не\s+более"
)


def _quantity_re(num: str) -> re.Pattern[str]:
    """A quantity from its first digit on (tried only where a number starts)."""
    return re.compile(
        rf"(?P<n1>{num})"
        rf"(?:\s{{0,3}}(?:-|–|—|~|～|to|bis|à|\.\.\.?|…)\s{{0,3}}(?P<n2>{num}))?"
        rf"(?:\s{{0,3}}(?:±|\+/-|\+-)\s{{0,3}}(?P<tol>{num})\s{{0,2}}%?)?"
        r'(?P<cell>\s{0,2}"?\s{0,2}[,;|\t]\s{0,2}"?)?'
        r"\s{0,3}(?P<unit>[^\W\d_]{1,14}\.?)",
        re.IGNORECASE,
    )


_QUANTITY_RE = _quantity_re(_NUM)
_QUANTITY_RE_SPACED = _quantity_re(f"(?:{_NUM_SPACED})")
_NUMBER_START = re.compile(r"(?<![0-9A-Za-z_])(?<![0-9][.,])\d")
# What may stand right before a number: "approx.", "ca.", "~", "約" and "<", "less than".
_APPROX_BEFORE = re.compile(rf"(?:(?<![^\W\d_])(?:{_APPROX_WORDS}))\s{{0,3}}$", re.IGNORECASE)
_BOUND_BEFORE = re.compile(rf"(?:{_BOUND_WORDS})\s{{0,3}}$", re.IGNORECASE)
_MIN_BEFORE = re.compile(r"(?:min\.?|minimum|≥|>|>=|mindestens|at\s+least)\s{0,3}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with a mass unit as written, in grams (a range is its middle)."""

    start: int
    end: int
    grams: float
    unit: str
    approx: bool = False
    upper_bound: bool = False
    is_range: bool = False
    tolerance: bool = False
    low: float = 0.0  # a range's low end in grams, 0 for none (its high end: 2 × grams - low)
    after: str = ""  # up to 24 characters right after the unit: "/m", "·cm", "f", "/1000 Stk"


def find_quantities(line: str, *, comma_decimal: bool) -> Iterator[Quantity]:
    """Every mass quantity in one line; see the module docstring."""
    pattern = _QUANTITY_RE_SPACED if comma_decimal else _QUANTITY_RE
    pos = 0
    for start in _NUMBER_START.finditer(line):
        if start.start() < pos:
            continue
        m = pattern.match(line, start.start())
        if m is None:
            continue
        unit = m["unit"]
        factor = mass_unit(unit)
        if (
            factor is None
            and len(unit) > 1
            and unit[-1] in "sS"
            and unit[:-1].lower() in ("kg", "g")
        ):
            factor = UNITS[unit[:-1].lower()]
        if factor is None:
            continue
        if m["cell"] and line[m.end() : m.end() + 3].strip()[:1] not in ("", ",", ";", "|", '"'):
            continue  # "250,g" is a CSV cell pair only when the unit ends its cell
        n1 = parse_number(m["n1"], comma_decimal=comma_decimal)
        value, is_range, low = n1, False, 0.0
        if m["n2"]:
            n2 = parse_number(m["n2"], comma_decimal=comma_decimal)
            if n2 < n1:
                pos = m.end()
                continue  # "4711-500 g" is a part number, not a range
            value, is_range, low = (n1 + n2) / 2, True, n1 * factor
        pos = m.end()
        before = line[max(0, m.start() - 24) : m.start()]
        approx = _APPROX_BEFORE.search(before)
        bound = _BOUND_BEFORE.search(before[: approx.start()] if approx else before)
        begin = (
            m.start()
            - len(before)
            + min((x.start() for x in (approx, bound) if x is not None), default=len(before))
        )
        yield Quantity(
            start=begin,
            end=m.end(),
            grams=value * factor,
            unit=unit,
            approx=approx is not None,
            upper_bound=bound is not None and not _MIN_BEFORE.search(before),
            is_range=is_range,
            tolerance=bool(m["tol"]),
            low=low,
            after=line[m.end() : m.end() + 24],
        )
