"""A weight range: where it opens, its two ends, and whether it spans several variants.

"24–26 g" is one article's weight with its spread (its middle counts, as for "240 g - 260 g").
"da 45 a 120 g secondo la versione", "between 90 and 140 g depending on size" are the weights
of several versions: none of them is the article's, so neither an end nor the middle may be
reported. Two signs say so, in any wording: the text makes the range depend on a version, a
size, a model, a length (`_DEPENDS` + `_VARIANT_NOUN`), or on anything at all in a phrase that
only ever means "it varies with" (`_VARIES_WITH`: "je nach Motor", "zależnie od partii",
"사양에 따라 다름"), while "approx. 240–260 g" or "according to DIN" stays one weight; or the
range is too wide to be a spread around one nominal value (the high end more than `_WIDE` ×
the low), unless the row it is in names the article (then it is that variant's own).
"""

from __future__ import annotations

import re

from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.quantities import mass_unit, parse_number

__all__ = ["of_variants", "opened_low"]

_WIDE = 1.5  # ±20 % around the middle: wider than any tolerance of one nominal weight
_MAX_SPAN = 10.0  # "de 12 à 1,2 kg", "from 2 to 40 g": no range of one thing's weights

# "between 90 and", "zwischen 1,2 und", "entre 4 et", "da 45 a": the opening of a range whose
# high end carries the unit (the low end may carry it too: "between 90 g and 140 g")
_OPENED = re.compile(
    rf"(?<![^\W\d_])(?:{'|'.join(V.RANGE_OPENING_WORDS)})\s{{1,3}}"
    r"(?P<n>\d{1,6}(?:[.,]\d{1,4})?)\s{0,2}(?P<u>kg|g|gr|lbs?|oz)?\s{1,3}"
    rf"(?:{'|'.join(V.RANGE_JOINING_WORDS)})\s{{1,3}}$",
    re.IGNORECASE,
)

# "depending on", "je nach", "selon", "secondo", "según" ... followed by what varies: either
# kind of phrase, since a variant noun after it says the range is of variants
_DEPENDS = f"{V.VARIES_WITH_PHRASES}|{V.ACCORDING_TO_PHRASES}"
_VARIANT_NOUN = V.VARIANT_NOUN_STARTS
_DEPENDS_ON_VARIANT = re.compile(
    rf"(?<![^\W\d_])(?:{_DEPENDS})\s+(?:[^\W\d_]{{1,5}}['’]?\s*){{0,2}}(?:{_VARIANT_NOUN})[^\W\d_]*",
    re.IGNORECASE,
)

# "depending on" in a wording that never means "as specified by" ("according to", "selon",
# "secondo", "según" may cite a standard): whatever noun follows, the weight varies with it.
# Korean, Japanese, Chinese and Turkish put the noun before the phrase.
_VARIES_WITH = re.compile(
    rf"(?<![^\W\d_])(?:{V.VARIES_WITH_PHRASES})\s+[^\W\d_]{{2,}}|{V.VARIES_WITH_AFTER_NOUN}",
    re.IGNORECASE,
)


def opened_low(before: str, factor: float, *, comma: bool) -> tuple[int, float] | None:
    """(where the range opens in `before`, its low end in grams) when the text right before a
    mass figure opens a range whose high end is that figure ("between 90 and" of "… 140 g");
    `factor` is the figure's grams per unit, for a low end written without one."""
    m = _OPENED.search(before)
    if m is None:
        return None
    unit = mass_unit(m["u"]) if m["u"] else factor
    return m.start(), parse_number(m["n"], comma_decimal=comma) * (unit or factor)


def spans(low: float, high: float) -> bool:
    """The two ends can be one range of weights (the low below the high, not by orders)."""
    return 0 < low < high < _MAX_SPAN * low


def of_variants(low: float, high: float, line: str, *, named: bool) -> str:
    """Why the range low..high on `line` is the weights of several variants, or empty: the line
    says it depends on a version, size, model or length, or (when its row does not name the
    article, `named`) it is too wide for one nominal weight's spread."""
    if m := _DEPENDS_ON_VARIANT.search(line) or _VARIES_WITH.search(line):
        return f"a range across variants ({m.group()}), not one article's weight"
    if not named and high > _WIDE * low:
        return "a range too wide for one weight's spread: the weights of several variants"
    return ""
