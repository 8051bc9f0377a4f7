"""Weights a buyer computes from what the document states: a rate times the article's size.

Many documents give the article's weight only as a rate (per metre, per 100 mm, per square
metre, per 10 mm of stroke) and leave the multiplication to the reader. The inputs must be
stated unambiguously: the article's length, area or stroke is read from its name first (a
length the name labels as one: "cut length 2,000 mm", "rollo de 25 m", "Hub 200"), and two
different values of it are no value. Every helper returns None when unsure, and the weight
rules then abstain as they would without it. The blocks a document's dimensions span
(`document_volumes`) bound the weight the same sizes allow, for the plausibility check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from app.analyzers.base import WeightBasis
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import iter_lines
from app.analyzers.quantities import parse_number

if TYPE_CHECKING:
    from app.analyzers.offline._text import Line
    from app.extraction.document import Section


class _Figure(Protocol):
    """What these rules read and change of a weight rule's mention (a dataclass)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]
    grams: float | None
    stated_grams: float
    basis: WeightBasis
    score: float
    quote: str
    label: str
    reason: str
    keys: frozenset[str]
    part: str


FigureT = TypeVar("FigureT", bound=_Figure)  # a weight rule's mention, returned as given

__all__ = [
    "area_weights",
    "contents_density",
    "document_length_m",
    "document_volumes",
    "included_part",
    "name_area_m2",
    "name_face_m2",
    "name_length_m",
    "part_sums",
    "rate_base_m",
    "rate_row",
    "stroke_step_after",
    "stroke_weights",
    "volume_density",
    "without_rate_base",
]

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
    """The article's length as its name states it, in metres: the length it labels as the
    article's ("cut length 2,000 mm", "vara de 5 m"), else the one length it states ("Kabel
    5 m", 1 m "by the metre"). None when it states none; 0.0 when it labels two different
    lengths (the caller abstains rather than pick one)."""
    labelled = _labelled_length_m(name, comma)
    return labelled if labelled is not None else _stated_length_m(name, comma)


def _labelled_length_m(name: str, comma: bool) -> float | None:
    """The length the name labels as the article's; None for none, 0.0 for two."""
    found: set[float] = set()
    for m in _LENGTH_FIGURE.finditer(name):
        if _LENGTH_LABEL.search(name[max(0, m.start() - 30) : m.start()]):
            found.add(round(_metres(m["n"], m["u"], comma), 6))
    if not found:
        return None
    return found.pop() if len(found) == 1 else 0.0


# The metre spelled out ("2 Meter", "3 mètres", "1 metre boy", "5 metros", "2 metri", "3 metry")
_METRE_WORDS = r"met(?:re|er|ro|r)s?|mètres?|metri|metr[uyůów]+|metreler|метр\w*"
# A name's lone millimetres under this are a rope's or a cord's diameter, not a length to weigh
_LEAST_NAMED_MM = 50.0

_NAME_LENGTH = re.compile(
    r"(?<![\d.,x×*/Ø⌀\-–(])(?<![x×*/Ø⌀\-–(] )"
    r"(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|m|" + _METRE_WORDS + r")(?![^\W\d_²³])"
    r"(?![²³]|[23](?!\d))"  # "4 mm²", "4 mm2": a cross-section, "2 m³" a volume, never a length
    r"(?!\s{0,2}[x×*]\s{0,2}\d)",
    re.IGNORECASE,
)


# "(1 m)", "(2,5 m)": a length that is all its bracket says (a bracket's figure is else a
# section's or another size's)
_BRACKETED_LENGTH = re.compile(
    r"\(\s?(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>cm|m|" + _METRE_WORDS + r")\s?\)",
    re.IGNORECASE,
)

_BY_THE_METRE = re.compile(
    r"by\s+the\s+met(?:re|er)|per\s+met(?:re|er)|meterware|als\s+meterware|au\s+mètre|al\s+metro"
    r"|por\s+metro|per\s+meter|na\s+metry|metervara|按米|每米|毎メートル|미터당|metreittäin|metrittäin",
    re.IGNORECASE,
)


def _stated_length_m(name: str, comma: bool) -> float | None:
    """The one length an article name states ("cut to 500 mm", "Kabel 5 m", 1 m for a cable
    "sold by the metre"): what a weight per metre is multiplied by, before any length the
    document mentions (a stock bar's)."""
    if _BY_THE_METRE.search(name):
        return 1.0
    found = list(_NAME_LENGTH.finditer(name)) or list(_BRACKETED_LENGTH.finditer(name))
    if len(found) != 1:
        return None
    m = found[0]
    # "cortado a 1.200 mm" in a document that writes decimals with a comma: 1200 mm
    thousands = comma and re.fullmatch(r"\d{1,3}\.\d{3}", m["n"]) is not None
    # "cut length 2,000 mm" in a document that writes decimals with a point: 2000 mm
    grouped = not comma and re.fullmatch(r"\d{1,3},\d{3}", m["n"]) is not None
    value = parse_number(m["n"], comma_decimal=("," in m["n"] and not grouped) or thousands)
    unit = m["u"].lower()
    if unit == "mm" and value < _LEAST_NAMED_MM:  # "Drahtseil 6 mm": a diameter
        return None
    return value * _TO_M.get(unit, 1.0) or None


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


# ------------------------------------------------------------------ a weight at a stroke

# The words for a cylinder's stroke or a hoist's lift: a weight "at 0 mm stroke" plus one
# "per 10 mm stroke" is the weight of every stroke, and the article name says which.
_STROKE = (
    r"(?:stroke|hub|hubhöhe|hublänge|course|corsa|carrera|curso|lift|lifting\s+height|slag"
    r"|skok|slaglängd)"
)
_STROKE_WORD = re.compile(rf"(?<![^\W\d_]){_STROKE}(?![^\W\d_])", re.IGNORECASE)
# "at 0 mm stroke", "at stroke 0", "bei Hub 0 mm", "bei 3 m Hubhöhe", "à course 0"
_AT_STROKE = re.compile(
    rf"(?:(?<![^\W\d_])(?:at|bei|à|a|con|with|für|for|@)\s{{1,2}}|\(\s{{0,2}}(?={_STROKE}))"
    rf"(?:(?P<w1>{_STROKE})\s{{0,2}}[=:]?\s{{0,2}})?(?P<n>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s{{0,2}}"
    rf"(?P<u>mm|cm|m)?(?![^\W_])\s{{0,2}}(?:(?:of\s+)?(?P<w2>{_STROKE})(?![^\W\d_]))?",
    re.IGNORECASE,
)
# "per 10 mm stroke", "per 100 mm of stroke", "je 100 mm Hub", "je weiterem Meter Hubhöhe",
# "per additional metre of lift"
_PER_STROKE = re.compile(
    r"(?<![^\W\d_])(?:per|je|pro|par|pour|ogni|por|each)\s{1,2}"
    r"(?:(?P<n>\d{1,5}(?:[.,]\d{1,3})?)?\s{0,2}(?P<u>mm|cm|m)(?![^\W_])"
    r"|(?:weitere[nmrs]?|additional|further|extra)\s{1,2}(?P<w>met(?:er|re)|m)(?![^\W\d_]))",
    re.IGNORECASE,
)
_NAME_STROKE = re.compile(
    rf"(?<![^\W\d_]){_STROKE}\s{{0,3}}[:=]?\s{{0,3}}(?P<n>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s{{0,2}}"
    rf"(?P<u>mm|cm|m)?(?![^\W_])"
    rf"|(?<![\d.,])(?P<n2>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s{{0,2}}(?P<u2>mm|cm|m)\s{{1,2}}{_STROKE}"
    rf"(?![^\W\d_])",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(
    r"(?<![^\W\d_])(?:example|e\.g\.|beispiel|bestellbeispiel|z\.\s?b\.|exemple|esempio|ejemplo"
    r"|exemplo|voorbeeld)",
    re.IGNORECASE,
)


def name_stroke_m(name: str, comma: bool = False) -> float | None:
    """The one stroke or lift the article name states ("stroke 250 mm", "Hub 200",
    "Hubhöhe 5 m"), in metres; a bare number is millimetres. None for none or two."""
    found: set[float] = set()
    for m in _NAME_STROKE.finditer(name):
        value, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
        found.add(round(_metres(value, unit or "mm", comma), 6))
    return found.pop() if len(found) == 1 else None


def stroke_base_m(label: str) -> float | None:
    """The stroke a weight label says the figure is for ("Weight at 0 mm stroke": 0.0,
    "Eigengewicht bei 3 m Hubhöhe": 3.0); None when it names none or an increment."""
    if _PER_STROKE.search(label) or _EXAMPLE.search(label):
        return None
    found = set()
    for m in _AT_STROKE.finditer(label):
        if m["w1"] or m["w2"]:
            found.add(round(_metres(m["n"], m["u"] or "mm", False), 6))
    return found.pop() if len(found) == 1 else None


def stroke_step_m(text: str) -> float | None:
    """The stroke an increment is stated for ("Additional weight per 10 mm stroke": 0.01,
    "Mehrgewicht je weiterem Meter Hubhöhe": 1.0), when the text speaks of a stroke."""
    if _EXAMPLE.search(text) or not _STROKE_WORD.search(text):
        return None
    found = set()
    for m in _PER_STROKE.finditer(text):
        found.add(1.0 if m["w"] else round(_metres(m["n"] or "1", m["u"], False), 6))
    if len(found) != 1:
        return None
    step = found.pop()
    return step if step > 0 else None


# A weight labelled as the base of a series ("Grundgewicht", "base weight", "masse de base",
# "peso base"): with no stroke or length of its own, the weight at stroke 0 of a series that
# states a step per stroke. ("basis weight" is a paper's grammage, not one of these.)
_BASE_WEIGHT = re.compile(
    r"(?<![^\W\d_])(?:grundgewicht|basisgewicht|grundmasse|base\s+weight|basic\s+weight"
    r"|base\s+mass|masse\s+de\s+base|poids\s+de\s+base|peso\s+(?:di\s+|de\s+)?base|peso\s+básico"
    r"|massa\s+(?:di\s+)?base|grondgewicht|basisvekt|grundvikt|peso\s+base)(?![^\W\d_])",
    re.IGNORECASE,
)
# The extra length a step weighs ("je 100 mm Mehrlänge", "per 100 mm of extra length"): a
# shaft's or a hose's weight at a base length plus that step per further length.
_EXTRA_LENGTH = re.compile(
    r"(?<![^\W\d_])(?:mehrlänge|zusatzlänge|überlänge|additional\s+length|extra\s+length"
    r"|longueur\s+supplémentaire|supplément\s+de\s+longueur|lunghezza\s+(?:aggiuntiva|in\s+più)"
    r"|longitud\s+adicional|extra\s+lengte|meerlengte|lisäpituus|merlängd)(?![^\W\d_])",
    re.IGNORECASE,
)
# "bei 810 mm", "at 810 mm length", "à 500 mm": the length a base weight is stated for
_AT_LENGTH = re.compile(
    r"(?<![^\W\d_])(?:at|bei|à|a|con|with|für|for|@|mit|met)\s{1,2}"
    r"(?:(?:length|länge|longueur|lunghezza|longitud|lengte)\s{0,2}[=:]?\s{0,2})?"
    r"(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|m)(?![^\W_])",
    re.IGNORECASE,
)
# "0.6 kg per 100 mm" in a stroke row's value ("Stroke add-on | 0.6 kg per 100 mm")
_VALUE_PER_STEP = re.compile(
    r"(?P<v>\d{1,6}(?:[.,]\d{1,3})?)\s{0,2}(?P<mu>kg|g)\s{0,3}"
    r"(?:per|je|pro|par|pour|ogni|por)\s{1,2}(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}"
    r"(?P<u>mm|cm|m)(?![^\W_])",
    re.IGNORECASE,
)


_STEP_AFTER = re.compile(
    r"\s{0,3}(?:per|je|pro|par|pour|ogni|por)\s{1,2}\d{1,5}(?:[.,]\d{1,3})?\s{0,2}(?:mm|cm|m)"
    r"(?![^\W_])",
    re.IGNORECASE,
)


def stroke_step_after(label: str, after: str) -> bool:
    """A figure with no weight word that is a cylinder's step: its label names the stroke and
    a step follows its unit ("Stroke add-on | 0.6 kg per 100 mm"). A term, never a weight."""
    return bool(_STROKE_WORD.search(label)) and _STEP_AFTER.match(after) is not None


def _keyed(label: str) -> str:
    """A label as words: an export key's underscores ("je_100_mm_hub_kg") read as spaces."""
    return label.replace("_", " ")


def _value_step(m: FigureT) -> float | None:
    """The step an increment states after its own value ("0.6 kg per 100 mm"), in metres,
    when its label names the stroke or the extra length it is the step of."""
    for pm in _VALUE_PER_STEP.finditer(m.quote):
        factor = 1000.0 if pm["mu"].lower() == "kg" else 1.0
        values = {parse_number(pm["v"], comma_decimal=c) * factor for c in (True, False)}
        if any(abs(v - m.stated_grams) <= 0.005 * m.stated_grams for v in values):
            return _metres(pm["n"], pm["u"], False) or None
    return None


def _length_step_m(label: str) -> float | None:
    """The extra length an increment is stated for ("je 100 mm Mehrlänge": 0.1)."""
    if _EXAMPLE.search(label) or not _EXTRA_LENGTH.search(label):
        return None
    found = {
        round(_metres(m["n"] or "1", m["u"], False), 6)
        for m in _PER_STROKE.finditer(label)
        if m["u"]
    }
    return found.pop() if len(found) == 1 and min(found) > 0 else None


def _length_base_m(label: str) -> float | None:
    """The length a base weight is stated for ("Grundgewicht bei 810 mm": 0.81)."""
    if not _BASE_WEIGHT.search(label) or _STROKE_WORD.search(label):
        return None
    found = {round(_metres(m["n"], m["u"], False), 6) for m in _AT_LENGTH.finditer(label)}
    return found.pop() if len(found) == 1 else None


def _zero_base(label: str) -> bool:
    """A base weight with no stroke or length of its own: the weight at stroke 0."""
    return bool(_BASE_WEIGHT.search(label)) and not re.search(r"\d\s{0,2}(?:mm|cm|m)\b", label)


# "0.9 kg per 100 mm of stroke" in prose: the increment and the stroke it is for
_VALUE_PER_STROKE = re.compile(
    rf"(?P<v>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s{{0,2}}(?P<mu>kg|g)\s{{0,3}}"
    rf"(?:per|je|pro|par|pour|ogni|por)\s{{1,2}}(?P<n>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s{{0,2}}"
    rf"(?P<u>mm|cm|m)\s{{0,2}}(?:of\s+)?{_STROKE}(?![^\W\d_])",
    re.IGNORECASE,
)
# "Moving mass at 0 mm stroke": the mass of the piston and rod, not a term of the article's
_MOVING = re.compile(
    r"(?<![^\W\d_])(?:moving|moved|bewegte[nr]?|mobile|in\s+movimento|en\s+movimiento"
    r"|en\s+mouvement|móvil|mobili|movente)(?![^\W\d_])",
    re.IGNORECASE,
)
_NOT_A_TERM = frozenset(
    [
        WeightBasis.GROSS,
        WeightBasis.CAPACITY,
        WeightBasis.PROCESS,
        WeightBasis.NOT_MASS,
        WeightBasis.PER_PACK,
    ]
)


def _prose_step(m: FigureT) -> float | None:
    """The stroke step of an increment stated in a sentence ("plus 0.9 kg per 100 mm of
    stroke"): the step of the figure itself, found by its value in the line."""
    for pm in _VALUE_PER_STROKE.finditer(m.quote):
        factor = 1000.0 if pm["mu"].lower() == "kg" else 1.0
        values = {parse_number(pm["v"], comma_decimal=c) * factor for c in (True, False)}
        if any(abs(v - m.stated_grams) <= 0.005 * m.stated_grams for v in values):
            return _metres(pm["n"], pm["u"], False) or None
    return None


def _term_label(m: FigureT) -> str:
    """The words that label a figure as a term: its label, or the column header a table row's
    quote names ("32: Basic weight at 0 mm stroke (g): 245" under a heading "Weights")."""
    if _STROKE_WORD.search(m.label):
        return m.label
    parts = m.quote.split(": ")
    return parts[1] if len(parts) == 3 else m.label


def _fmt(grams: float) -> str:
    return f"{grams / 1000:.4g} kg" if grams >= 1000 else f"{grams:.4g} g"


def _one_term(
    terms: Sequence[tuple[FigureT, float]], overlap: Callable[[FigureT], int]
) -> tuple[FigureT, float] | None:
    """The one (figure, stroke) a list of terms states for the article: the rows that name
    it when some do; None when they state several values."""
    named = [t for t in terms if overlap(t[0]) > 0]
    pool = named or [t for t in terms if not t[0].keys] or list(terms)
    values = {(round(t[0].stated_grams, 3), t[1]) for t in pool}
    return pool[0] if len(values) == 1 else None


def stroke_weights(
    mentions: Sequence[FigureT], name: str, overlap: Callable[[frozenset[str]], int]
) -> list[FigureT]:
    """The article's weight from a weight at one stroke plus an increment per stroke step
    ("Weight at 0 mm stroke 245 g" + "Additional weight per 10 mm stroke 28 g", a name with
    "stroke 50 mm": 245 + 5 x 28 = 385 g). Only when the name states one stroke and the
    document one base and one increment for the article. The terms are marked as what they
    are, not as weights of the article, whenever a document states both."""
    stroke = name_stroke_m(name)
    mm = (
        {f"#{stroke * 1000:g}"} if stroke is not None else set()
    )  # "stroke 50 mm" selects no row of a table by its number

    def keyed(m: FigureT) -> int:
        return overlap(frozenset(m.keys - mm))

    bases: list[tuple[FigureT, float]] = []
    steps: list[tuple[FigureT, float]] = []
    zero: list[tuple[FigureT, float]] = []  # "Grundgewicht" alone: the weight at stroke 0
    length_bases: list[tuple[FigureT, float]] = []
    length_steps: list[tuple[FigureT, float]] = []
    for m in mentions:
        if m.basis in _NOT_A_TERM or m.stated_grams <= 0:
            continue
        based = _BASE_WEIGHT.search(m.quote) or _BASE_WEIGHT.search(m.label)
        extra = _EXTRA_LENGTH.search(m.quote) or _EXTRA_LENGTH.search(m.label)
        if not (based or extra or _STROKE_WORD.search(m.quote) or _STROKE_WORD.search(m.label)):
            continue  # the cheap test first: most figures' lines name no stroke
        if _MOVING.search(_term_label(m)):
            continue
        label = _keyed(_term_label(m))
        if (length_step := _length_step_m(label)) is not None:
            length_steps.append((m, length_step))
        elif (length_at := _length_base_m(label)) is not None:
            length_bases.append((m, length_at))
        elif (
            per_step := stroke_step_m(label)
            or _prose_step(m)
            or (_value_step(m) if _STROKE_WORD.search(label) else None)
        ) is not None:
            steps.append((m, per_step))
        elif (at := stroke_base_m(label)) is not None:
            bases.append((m, at))
        elif _zero_base(label):
            zero.append((m, 0.0))
    if length_bases and length_steps and not steps:
        length = name_length_m(name, False)
        mm = {f"#{length * 1000:g}"} if length else set()
        return _series(length_bases, length_steps, length or None, keyed, mm, "length")
    bases = bases or (zero if steps else [])
    if not bases or not steps:
        return []
    return _series(bases, steps, stroke, keyed, mm, "stroke")


def _series(
    bases: list[tuple[FigureT, float]],
    steps: list[tuple[FigureT, float]],
    extent: float | None,
    keyed: Callable[[FigureT], int],
    mm: set[str],
    word: str,
) -> list[FigureT]:
    """The weight at the name's stroke or length (`extent`, m) from one base at a smaller
    one plus the steps between; every term is marked as one, not as the article's weight."""
    own = {id(m) for m, at in bases if at == extent}
    for m, _ in (*bases, *steps):
        if id(m) in own:
            continue  # "Eigengewicht bei 3 m Hubhöhe" of a hoist "Hubhöhe 3 m": its own weight
        # a weight at another stroke, or a weight per stroke step: not the article's weight
        m.basis, m.grams, m.score = WeightBasis.OTHER_VARIANT, None, 0.0
        m.reason = f"{m.reason}; a term of the weight at a {word}"
    base, step = _one_term(bases, keyed), _one_term(steps, keyed)
    if extent is None or base is None or step is None or base[1] >= extent:
        return []
    (b, at), (s, per) = base, step
    grams = b.stated_grams + (extent - at) / per * s.stated_grams
    reason = (
        f"the weight at {at * 1000:g} mm {word} ({_fmt(b.stated_grams)}) + "
        f"{(extent - at) / per:g} × {_fmt(s.stated_grams)} per {per * 1000:g} mm for the "
        f"{word} the name states ({extent * 1000:g} mm)"
    )
    return [
        replace(
            b,
            grams=grams,
            basis=WeightBasis.DERIVED,
            score=0.72,
            reason=reason,
            note=reason,
            keys=frozenset(b.keys - mm),
            qualifier="",
            context=False,
        )
    ]


# ------------------------------------------------------------------ a weight per area

_FACE = re.compile(
    r"(?<![\d.,x×*])(?<![x×*] )(?P<a>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<ua>mm|cm|m)?\s{0,2}"
    r"[x×*]\s{0,2}"
    r"(?P<b>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?:(?:mm|cm|m)?\s{0,2}[x×*]\s{0,2}"
    r"(?P<c>\d{1,5}(?:[.,]\d{1,3})?))?\s{0,2}(?P<u>mm|cm|m)(?![^\W_])(?!\s{0,2}[x×*]\s{0,2}\d)",
    re.IGNORECASE,
)


def name_face_m2(name: str, comma: bool = False) -> float | None:
    """The face of a flat article the name sizes ("Mat 1200 x 1000 x 10 mm": 1.2 m², a sheet
    "40 x 40 cm"): the two larger sides when the third is a thickness (a tenth of them or
    less). None for a block, for several sizes, or for a profile's section."""
    found = list(_FACE.finditer(name))
    if len(found) != 1:
        return None
    m = found[0]
    f = _TO_M[m["u"].lower()]
    units = {"a": _TO_M[m["ua"].lower()] if m["ua"] else f}  # "600 mm x 2.0 m"
    sides = sorted(
        (parse_number(m[k], comma_decimal=comma) * units.get(k, f) for k in "abc" if m[k]),
        reverse=True,
    )
    if len(sides) == 3 and sides[2] > sides[1] / 10:
        return None  # a block, not a sheet
    area = sides[0] * sides[1]
    return area if area >= 0.001 else None


_NAME_AREA = re.compile(
    r"(?<![\d.,x×*])(?<![x×*] )(?P<a>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<ua>mm|cm|m)?\s{0,2}"
    r"[x×*]\s{0,2}"
    r"(?P<b>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|m)(?![^\W\d_²³])(?!\s{0,2}[x×*]\s{0,2}\d)",
    re.IGNORECASE,
)


def name_area_m2(name: str) -> float | None:
    """The one face an article name states ("Pannello 1000 x 2000 mm", "Sheet 210 x 297 mm"):
    what a weight per area on the figure's own line is multiplied by. Stricter than
    `name_face_m2`, which sizes a sheet for the document's one rate: two sides only (no
    thickness), each side's decimal comma read from the side itself."""
    found = list(_NAME_AREA.finditer(name))
    if len(found) != 1:
        return None
    m = found[0]
    f = _TO_M[m["u"].lower()]
    a, b = (parse_number(m[k], comma_decimal="," in m[k]) * f for k in "ab")
    if m["ua"]:  # "600 mm x 2.0 m": each side in its own unit
        a = parse_number(m["a"], comma_decimal="," in m["a"]) * _TO_M[m["ua"].lower()]
    return a * b if a * b >= 0.001 else None  # not a profile's section ("tube 25 x 2 mm")


_SENTENCE_END = re.compile(r"(?<=[^\W\d_])\.\s")
# "kg/m2=": a key that is the rate's unit, a weight per area by what it is
_AREA_KEY = re.compile(r"(?:^|[\s:|;])(?:kg|g)\s?/\s?(?:m²|m2)\s{0,2}[:=]?\s*$", re.IGNORECASE)


def _rate_cell(m: FigureT) -> str:
    """The first cell of a rate's line, up to the end of the rate's sentence: in "80 g/m2,
    window none. Weight per 1000 pcs: 4.3 kg" the weight word labels the pieces' figure."""
    first = re.split(r"[|:;\t]", m.quote, maxsplit=1)[0]
    label = m.label.strip()
    at = m.quote.find(label) + len(label) if label and label in m.quote else 0
    end = _SENTENCE_END.search(first, at)
    return first[: end.start()] if end else first


def area_weights(
    mentions: Sequence[FigureT],
    name: str,
    overlap: Callable[[frozenset[str]], int],
    counted: bool,
    comma: bool = False,
) -> list[FigureT]:
    """The article's weight from a weight per area its line calls a weight or a mass
    ("Flächenbezogene Masse | DIN EN 12127 | 245 g/m²") times the face the name states. Not
    when the name counts pieces or sheets (`counted`: the face is one sheet of a pack), and
    only when the document states one such rate for the article (the first on its line)."""
    area = None if counted else name_face_m2(name, comma)
    if area is None:
        return []
    seen: set[str] = set()
    rates: list[FigureT] = []
    for m in mentions:
        if m.quote in seen:
            continue
        seen.add(m.quote)
        derived = m.basis == WeightBasis.DERIVED and m.reason.startswith("weight per area")
        if not (m.basis == WeightBasis.PER_AREA or derived) or m.stated_grams <= 0:
            continue
        first = _rate_cell(m)
        if (
            V.WEIGHT_WORDS.search(first)
            or V.WEIGHT_WORDS.search(m.label)
            or _AREA_KEY.search(m.label)
        ):
            rates.append(m)
    named = [m for m in rates if overlap(m.keys) > 0]
    pool = named or rates
    if len({round(m.stated_grams, 3) for m in pool}) > 1:
        for m in pool:  # two rates for the article: which one its face weighs is unknown
            m.basis, m.grams, m.score = WeightBasis.PER_AREA, None, 0.0
            m.reason = f"{m.reason}; the document states another weight per area"
        return []
    if not pool:
        return []
    m = pool[0]
    reason = f"weight per area {_fmt(m.stated_grams)}/m² × the face the name states {area:g} m²"
    return [
        replace(
            m,
            grams=m.stated_grams * area,
            basis=WeightBasis.DERIVED,
            score=0.72,
            reason=reason,
            note=reason,
            qualifier="",
            context=False,
        )
    ]


# ------------------------------------------------------------------ the parts the name includes

# "with U-bracket", "mit Taper-Spannbuchse 1210", "con motore", "avec support mural": the
# phrase after a with-word of the name, up to the next punctuation or with-word
_WITH = re.compile(
    rf"(?<![^\W\d_])(?:{V.WITH_WORDS}|{V.WITH_MORE_WORDS}|w/|y|und|and|et|e)"
    r"[\s_]+(?P<what>[^,;()|]{2,60})",  # "pompa_con_cavo_kg" too, as "senza_cavo" below
    re.IGNORECASE,
)
_WITHOUT = re.compile(
    rf"(?<![^\W\d_])(?:{V.WITHOUT_WORDS}|{V.WITHOUT_MORE_WORDS})[\s_]+(?P<what>[^,;()|:]{{2,50}})",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\(([^()]{3,80})\)")
_PART_TOKEN = re.compile(r"[^\W\d_]{4,}")
_ARTICLES = frozenset(
    [
        *("the", "and", "with", "der", "die", "das", "den", "dem", "des", "und", "mit"),
        *("le", "la", "les", "avec", "il", "lo", "gli", "el", "los", "las", "con", "het", "een"),
    ]
)
_NOT_A_TERM_OF_SUM = frozenset(
    [
        WeightBasis.GROSS,
        WeightBasis.CAPACITY,
        WeightBasis.PROCESS,
        WeightBasis.NOT_MASS,
        WeightBasis.PER_PACK,
        WeightBasis.PER_LENGTH,
        WeightBasis.PER_AREA,
        WeightBasis.DERIVED,
    ]
)


def _part_words(text: str) -> set[str]:
    return {t.lower() for t in _PART_TOKEN.findall(text) if t.lower() not in _ARTICLES}


# "komplett (Gestell und Platte)", "(frame and top)": the parts a name lists in brackets
_PARTS_IN_BRACKETS = re.compile(
    r"[(（](?P<what>[^()（）|]{2,60}?(?<![^\W\d_])(?:und|and|et|e|y|i|en|och|og)\s[^()（）|]{2,60})[)）]",
    re.IGNORECASE,
)


def _included_words(name: str) -> set[str]:
    """The words of the parts the name says the article comes with, or lists in brackets."""
    listed = {
        w
        for m in _PARTS_IN_BRACKETS.finditer(name)
        if not _WITHOUT.search(m["what"])  # "(without disc and clamp)": parts it lacks
        for w in _part_words(m["what"])
    }
    return listed | {w for m in _WITH.finditer(name) for w in _part_words(m["what"])}


def _same(a: str, b: str) -> bool:
    """One part's name in two inflections ("bracket", "brackets"; "Deckel", "Deckels")."""
    return a[:5] == b[:5] and abs(len(a) - len(b)) <= 2


def _shared(words: set[str], others: set[str]) -> set[str]:
    return {w for w in words if any(_same(w, o) for o in others)}


def included_part(label: str, name: str) -> str:
    """The part a figure's label names when the name says the article comes with it and the
    label is that part's name alone ("U-bracket (included, fitted) | 0.4 kg" of a luminaire
    "with U-bracket"): the part's own weight. Empty otherwise."""
    head = re.split(r"[(|:;]", label, maxsplit=1)[0]
    words = _part_words(head)
    if not words or _WITHOUT.search(label) or len(words) > 4:
        return ""
    included = _included_words(name)
    shared = _shared(words, included)
    # "Tischplatte" of a name's "Platte": a compound that ends in the part is that part
    shared |= {w for w in words if any(len(o) >= 5 and w.endswith(o) for o in included)}
    return sorted(shared)[0] if shared and len(shared) * 2 >= len(words) else ""


def _row_head(m: FigureT) -> str:
    return re.split(r"[|:]", m.quote, maxsplit=1)[0]


def _weighs_part(m: FigureT, missing: set[str]) -> bool:
    """The figure is the part's own weight: a component of that part, or a row whose head
    is the part's name alone ("U-bracket (included, fitted)", "Gewicht Akku"), not a weight
    with or without it ("Gewicht mit Akku")."""
    if m.part and _shared({m.part}, missing):
        return True
    head = _row_head(m)
    if _WITH.search(head) or _WITHOUT.search(head) or V.TOTAL_WORDS.search(head):
        return False
    words = _part_words(V.WEIGHT_WORDS.pattern.sub(" ", re.split(r"[(]", head, maxsplit=1)[0]))
    shared = _shared(words, missing)
    return bool(shared) and len(shared) * 2 >= len(words)


def part_sums(mentions: Sequence[FigureT], name: str) -> list[FigureT]:
    """The article's weight as a weight stated without a part the name includes plus that
    part's own weight ("Weight (luminaire without bracket) 3.2 kg" + "U-bracket (included,
    fitted) 0.4 kg" of a luminaire "with U-bracket"). Only when the document states one such
    weight and weighs the part once; the weight without the part is then no rival."""
    included = _included_words(name)
    if not included:
        return []
    withouts: list[tuple[FigureT, set[str]]] = []
    for m in mentions:
        if m.basis in _NOT_A_TERM or m.basis in _NOT_A_TERM_OF_SUM or m.stated_grams <= 0:
            continue
        # "Weight (luminaire without bracket)", "poids_sans_moteur_kg", "4.6 kg (sink only,
        # without waste fitting)": the row, its label, or a bracket on its line
        said = " | ".join([_row_head(m), m.label, *_BRACKETED.findall(m.quote)])
        left = {w for wm in _WITHOUT.finditer(said) for w in _part_words(wm["what"])}
        if missing := _shared(left, included):
            withouts.append((m, missing))
    if len({round(m.stated_grams, 3) for m, _ in withouts}) != 1:
        return []
    missing = set().union(*(w for _, w in withouts))
    apart = {id(m) for m, _ in withouts}
    parts = [
        m
        for m in mentions
        if id(m) not in apart
        and m.basis not in _NOT_A_TERM_OF_SUM
        and m.basis not in _NOT_A_TERM
        and m.stated_grams > 0
        and _weighs_part(m, missing)
    ]
    if len({round(m.stated_grams, 3) for m in parts}) != 1:
        return []
    base, part = withouts[0][0], parts[0]
    what = sorted(missing)[0]
    reason = (
        f"the weight without the {what} ({_fmt(base.stated_grams)}) + the {what}'s own weight "
        f"({_fmt(part.stated_grams)}): the name includes it"
    )
    for m, _ in withouts:
        m.basis, m.grams, m.score = WeightBasis.OTHER_VARIANT, None, 0.0
        m.reason = f"{m.reason}; weighed without a part the name includes ({what})"
    for m in parts:
        m.basis, m.grams, m.score = WeightBasis.COMPONENT, None, 0.0
        m.reason = f"{m.reason}; the weight of a part the name includes ({what})"
    return [
        replace(
            base,
            grams=base.stated_grams + part.stated_grams,
            basis=WeightBasis.DERIVED,
            score=0.72,
            reason=reason,
            note=reason,
            keys=frozenset(k for k in base.keys if k[:1] != "-"),
            qualifier="",
            context=False,
            part="",
        )
    ]


# ------------------------------------------------------------------ volume × density

# "Volume de la pièce | 2,9 cm³", "Part volume (CAD): 12.4 cm3", "Bauteilvolumen 850 mm³"
_VOLUME = re.compile(
    r"(?<![^\W\d_])(?:part\s+volume|volume|volumen|bauteilvolumen|teilevolumen|volym|objętość"
    r"|objem|volumes?)(?![^\W\d_])[^\d\n|]{0,40}?(?:\|\s{0,3})?"
    r"(?P<n>\d{1,7}(?:[.,]\d{1,4})?)\s{0,2}(?P<u>mm³|mm3|cm³|cm3|ccm|dm³|dm3)(?![^\W_])",
    re.IGNORECASE,
)
_VOLUME_CM3 = {"mm³": 0.001, "mm3": 0.001, "cm³": 1.0, "cm3": 1.0, "ccm": 1.0, "dm³": 1000.0}
_VOLUME_CM3["dm3"] = 1000.0
# "Masse volumique | 1,36 g/cm³", "Dichte: 7,85 kg/dm³", "Density 1140 kg/m³"
_DENSITY = re.compile(
    r"(?<![^\W\d_])(?:density|dichte|rohdichte|masse\s+volumique|densité|densità|densidad"
    r"|massa\s+vol[úu]mica|massa\s+volumica|gęstość|densiteit|densitet|hustota)(?![^\W\d_])"
    r"[^\d\n|]{0,40}?(?:\|\s{0,3})?(?P<n>\d{1,5}(?:[.,]\d{1,4})?)\s{0,2}"
    r"(?P<u>g/cm³|g/cm3|g/ccm|kg/dm³|kg/dm3|kg/m³|kg/m3|t/m³|t/m3|g/cc|g/ml|kg/l)(?![^\W_])",
    re.IGNORECASE,
)
_DENSITY_G_CM3 = {"kg/m³": 0.001, "kg/m3": 0.001}
# a volume that is held, not the part's: "Füllvolumen", "fill volume", "Nutzvolumen"
_HELD = re.compile(
    r"(?:füll|fill|nutz|nenn|inhalt|capacit|contenu|hub|displacement|cylindr|brutto|gross"
    r"|packed|shipping|carton|karton|pallet|palette)",
    re.IGNORECASE,
)


def volume_density(lines: Sequence[Line], comma: bool) -> tuple[float, Line, str] | None:
    """The part's weight as its stated volume times its material's stated density ("Volume
    de la pièce 2,9 cm³" and "Masse volumique 1,36 g/cm³": 3.94 g), with the line of the
    volume and the computation. Only when the document states one volume (not a fill or
    capacity) and one density."""
    volumes: dict[float, Line] = {}
    densities: set[float] = set()
    for line in lines:
        text = line.text
        if "m³" not in text and "m3" not in text and "ccm" not in text and "/cc" not in text:
            continue  # the cheap test first: most lines state neither
        for m in _VOLUME.finditer(text):
            if _HELD.search(text[max(0, m.start() - 20) : m.start("n")]) or line.packaging:
                continue
            cm3 = parse_number(m["n"], comma_decimal=comma) * _VOLUME_CM3[m["u"].lower()]
            volumes.setdefault(round(cm3, 6), line)
        for m in _DENSITY.finditer(text):
            unit = m["u"].lower()
            densities.add(
                round(parse_number(m["n"], comma_decimal=comma) * _DENSITY_G_CM3.get(unit, 1.0), 6)
            )
    if len(volumes) != 1 or len(densities) != 1:
        return None
    (cm3, line), density = next(iter(volumes.items())), next(iter(densities))
    if not (0.05 <= density <= 25.0) or cm3 <= 0:
        return None
    grams = cm3 * density
    return grams, line, f"part volume {cm3:g} cm³ × density {density:g} g/cm³"


# ------------------------------------------------------------------ contents volume × density

# The volume a filled article holds, labelled as its contents ("Inhalt | 500 ml", "Füllmenge:
# 10 l", "Volym: 5 l", "Contenance : 750 ml", or a column's unit "Inhalt ml=1000"); not a
# capacity, which an empty container also states.
_CONTENTS_WORD = (
    r"(?<![^\W\d_])(?:inhalt|nettoinhalt|füllmenge|fuellmenge|nennfüllmenge|nennvolumen|volumen"
    r"|volume|net\s+contents?|net\s+volume|contents|contenance|contenu|contenuto|contenido"
    r"|conteúdo|inhoud|volym|innehåll|objętość|objem)(?![^\W\d_])"
)
_LITRE = r"(?P<u>ml|cl|dl|l|ltr|liters?|litres?|litri|litros?)"
_CONTENTS = re.compile(
    _CONTENTS_WORD + r"(?:\s{0,2}\((?P<u2>ml|cl|l)\))?\s{0,3}(?:"
    r"[:=|]\s{0,3}(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}" + _LITRE + r"(?![^\W_])"
    r"|(?P<hu>ml|cl|l)\s{0,2}[=:]\s{0,2}(?P<hn>\d{1,5}(?:[.,]\d{1,3})?)(?![\d.,]))",
    re.IGNORECASE,
)
_LITRE_CM3 = {"ml": 1.0, "cl": 10.0, "dl": 100.0}
# the density with an optional condition ("Dichte (20 °C): 1,01 kg/l"), or its unit before the
# figure as a column's ("Dichte g/cm3=1,10")
_DENSITY_UNIT = r"g/cm³|g/cm3|g/ccm|kg/dm³|kg/dm3|g/ml|kg/l"
_CONTENTS_DENSITY = re.compile(
    r"(?<![^\W\d_])(?:density|dichte|masse\s+volumique|densité|densità|densidad|densidade"
    r"|massa\s+vol[úu]mica|gęstość|dichtheid|densiteit|densitet|hustota)(?![^\W\d_])"
    r"(?:\s{0,2}\([^)\n]{0,20}\))?\s{0,3}(?:"
    r"[:=|]\s{0,3}(?P<n>\d(?:[.,]\d{1,4})?)\s{0,2}(?:" + _DENSITY_UNIT + r")(?![^\W_])"
    r"|(?:" + _DENSITY_UNIT + r")\s{0,2}[=:]\s{0,2}(?P<hn>\d(?:[.,]\d{1,4})?)(?![\d.,]))",
    re.IGNORECASE,
)
# a litre figure of the article's name ("Allrengöring 5 l", "500-ml-Flasche")
_NAME_LITRES = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}-?(?P<u>ml|cl|l)(?![^\W\d_])", re.IGNORECASE
)


def _cm3(number: str, unit: str, comma: bool) -> float:
    return parse_number(number, comma_decimal=comma) * _LITRE_CM3.get(unit.lower(), 1000.0)


def contents_density(
    lines: Sequence[Line], name: str, comma: bool
) -> tuple[float, Line, str] | None:
    """The contents' weight of an article sold filled as its stated contents volume times the
    contents' stated density ("Volym: 5 l", "Densitet: 1,04 kg/l": 5.2 kg), with the line of the
    volume and the computation. Only when the document states one contents volume and one
    density, and a volume the name states is that one (a sheet of several sizes is no answer)."""
    volumes: dict[float, Line] = {}
    densities: set[float] = set()
    for line in lines:
        if line.packaging:
            continue
        for m in _CONTENTS.finditer(line.text):
            n, unit = (m["n"], m["u"]) if m["n"] else (m["hn"], m["hu"])
            volumes.setdefault(round(_cm3(n, unit, comma), 3), line)
        for m in _CONTENTS_DENSITY.finditer(line.text):
            densities.add(round(parse_number(m["n"] or m["hn"], comma_decimal=comma), 6))
    if len(volumes) != 1 or len(densities) != 1:
        return None
    (cm3, line), density = next(iter(volumes.items())), next(iter(densities))
    named = {round(_cm3(m["n"], m["u"], comma), 3) for m in _NAME_LITRES.finditer(name)}
    if not (0.5 <= density <= 3.0) or cm3 <= 0 or (named and named != {cm3}):
        return None
    return cm3 * density, line, f"contents {cm3:g} ml × density {density:g} g/ml"


# ------------------------------------------------------------------ a document's length, blocks

# "Länge: 1200 mm", "Length | 6 m": the article's length a line labels
_LENGTH = re.compile(
    r"(?<![^\W\d_])(?:länge|length|schnittlänge|zuschnitt\w*|fixlänge|longueur|lunghezza|longitud|lengte|długość|\bL\b)"
    r"\s{0,3}[:=|]?\s{0,30}(?:ca\.?\s{0,2})?(?P<n>\d{1,6}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|m)(?![^\W\d_²³])",
    re.IGNORECASE,
)


_DIMS = re.compile(
    r'(?P<a>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<ua>mm|cm|m|in|"|″)?\s{0,2}(?:\([A-Za-z]{1,2}\)\s{0,2})?[x×*]\s{0,2}'
    r'(?P<b>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<ub>mm|cm|m|in|"|″)?\s{0,2}(?:\([A-Za-z]{1,2}\)\s{0,2})?[x×*]\s{0,2}'
    r'(?P<c>\d{1,5}(?:[.,]\d{1,3})?)(?![\d]|[.,]\d)\s{0,2}(?P<uc>mm|cm|m|in|"|″)?(?![^\W\d_])',
    re.IGNORECASE,
)


_ANNOTATED_DIMS = re.compile(r"\((?:W|D|H|L|B|T)\)|\b[LWBH]\s?[x×]\s?[WBDTH]\b", re.IGNORECASE)


def document_length_m(lines: Sequence[Line], comma: bool) -> float | None:
    """The article's length: the first "Länge: 1200 mm" that labels a line (not a sentence)."""
    for line in lines:
        m = _LENGTH.search(line.text)
        if m and len(line.text[: m.start()].split()) <= 2:
            value = parse_number(m["n"], comma_decimal=comma)
            return value * {"mm": 0.001, "cm": 0.01, "m": 1.0}[m["u"].lower()]
    return None


# What every _DIMS match contains: a number (or its unit, or "(W)") right before "x" and a
# number after it.
_DIMS_HINT = re.compile(r'(?:\d|m|in|"|″|\))\s{0,2}[x×*]\s{0,2}\d', re.IGNORECASE)


_TIMES = frozenset("xX×*")  # what the hint's [x×*] matches, ignoring case


def _volumes(lines: Sequence[Line], comma: bool) -> tuple[float, ...]:
    out: list[float] = []
    length: list[float | None] = []  # the document's length, looked for once, on first use
    for line in lines:
        if _TIMES.isdisjoint(line.text) or _DIMS_HINT.search(line.text) is None:
            continue  # no "number x number": the cheap tests before the vocabulary
        if not (V.DIMENSION_WORDS.search(line.text) or _ANNOTATED_DIMS.search(line.text)):
            continue  # "Winkel 30 x 30 x 3 mm" names a profile, not the article's block
        if line.packaging or V.PACKAGING_KEYS.search(line.text) or V.GROSS_WORDS.search(line.text):
            continue  # a carton's or a pallet's size bounds nothing the article weighs
        if V.OUTER_PACK_WORDS.search(line.text):
            continue  # "Dimensiones palé", "纸箱尺寸", "Umkarton": the same, in other words
        for m in _DIMS.finditer(line.text):
            unit = (m["uc"] or m["ub"] or m["ua"] or "").lower()
            if not unit:
                tail = line.text[m.end() : m.end() + 6].lower()
                head = line.text.lower()
                unit = "mm" if "mm" in tail or "(mm)" in head else "cm" if "cm" in tail else ""
            if not unit:
                continue
            f = {"mm": 0.1, "cm": 1.0, "m": 100.0, "in": 2.54, '"': 2.54, "″": 2.54}[unit]
            a, b, c = (parse_number(m[k], comma_decimal=comma) * f for k in "abc")
            if a > 0 and b > 0 and c > 0:
                if not length:
                    length.append(document_length_m(lines, comma))
                out.append(_with_length(a, b, c, length[0]))
    return tuple(out)


def _with_length(a: float, b: float, c: float, length_m: float | None) -> float:
    """The block (cm³) of "40 x 40 x 3 mm" beside a stated "Länge 6.000 mm" longer than any of
    its sides: a section and its wall, as long as the length, not a block of three sides."""
    longest = max(a, b, c)
    if length_m is None or length_m * 100 <= longest:
        return a * b * c
    return a * b * c / min(a, b, c) * length_m * 100


def document_volumes(sections: Sequence[Section], comma: bool) -> tuple[float, ...]:
    """Bounding-block volumes (cm³) of the dimensions a document states, for plausibility."""
    return _volumes(list(iter_lines(sections)), comma)


# ------------------------------------------------------------------ a rate column's row

# A header cell that is a weight per length with its unit: "Peso al metro (kg/m)", "Mass
# (kg/m)", "Gewicht [g/m]", "Linear weight (kg/km)"
_RATE_HEADER = re.compile(
    r"[\[(]\s*(?P<mu>kg|g)\s*/\s*(?P<n>100\s*)?(?P<u>m|km)\s*[\])]", re.IGNORECASE
)
_CELL_X = re.compile(r"\s*[x×*]\s*")
_BARE_NUMBER = re.compile(r"\s*\d{1,6}(?:[.,]\d{1,4})?\s*")


def _cells_of(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


def _plain(text: str) -> str:
    return _CELL_X.sub("x", " ".join(text.lower().split()))


def rate_row(lines: Sequence[Line], name: str, comma: bool) -> tuple[Line, float, list[int]] | None:
    """The row of a " | " table whose header has a weight-per-length column that names the
    article (its code, size or length cells are in the name), the row's grams per metre and
    the orders of the table's other rows (and of the lines that restate them). None unless
    exactly one row names the article best."""
    plain_name = _plain(name)
    for i, line in enumerate(lines):
        if " | " not in line.text or "/" not in line.text:
            continue
        header = _cells_of(line.text)
        cols = [j for j, c in enumerate(header) if _RATE_HEADER.search(c)]
        if len(header) < 3 or len(cols) != 1:
            continue
        unit = _RATE_HEADER.search(header[cols[0]])
        assert unit is not None
        per_m = (1000.0 if unit["mu"].lower() == "kg" else 1.0) / (
            (100.0 if unit["n"] else 1.0) * (1000.0 if unit["u"].lower() == "km" else 1.0)
        )
        from_end = len(header) - 1 - cols[0]  # a PDF may merge header cells, seldom the last
        rows: list[tuple[int, Line, float, list[int]]] = []
        width = 0
        for row in lines[i + 1 : i + 60]:
            if " | " not in row.text and row.location == line.location:
                if rows:  # a row restated as "40 x 40 x 2.0: Mass (kg/m): 2.31", or a note
                    rows[-1][3].append(row.order)
                continue
            cells = _cells_of(row.text)
            width = width or len(cells)
            if row.location != line.location or len(cells) != width or width < len(header):
                break
            at = width - 1 - from_end
            if not _BARE_NUMBER.fullmatch(cells[at]):
                continue
            hits = sum(
                1
                for k, c in enumerate(cells)
                if k != at
                and len(c) >= 3
                and any(ch.isdigit() for ch in c)
                and re.search(rf"(?<![\w.,]){re.escape(_plain(c))}(?![\w])", plain_name)
            )
            value = parse_number(cells[at], comma_decimal=comma) * per_m
            rows.append((hits, row, value, [row.order]))
        best = max((r[0] for r in rows), default=0)
        chosen = [r for r in rows if r[0] == best]
        if best and len(chosen) == 1:
            _, row, grams_per_m, _ = chosen[0]
            others = [o for r in rows if r[1] is not row for o in r[3]]
            return row, grams_per_m, others
    return None
