"""Find the article's unit weight in document text with label rules a careful reader would use.

Every mass quantity (a number with a mass unit, or a number under a key that carries the
unit such as "weight_kg: 0.25") becomes a `WeightCandidate`; its label decides what it is:

* net / unit-weight labels ("Nettogewicht", "net weight", "Stückgewicht", "poids net") win;
* a plain weight label ("Gewicht", "weight", "Masse") is next;
* per-pack weights ("pack of 50: 1.2 kg", "kg/1000 Stk") are divided by the pack size;
* gross / shipping / packaging weights and raw (blank, shot) weights are last resorts;
* load ratings, capacities, forces, shock "g", tolerances and unlabelled numbers are never
  a unit weight. Torques, pressures, densities (g/cm³), grammage (g/m²) and flow rates (kg/h)
  do not even parse as masses; weights per metre only count when a length is stated.

Number conventions ("1.250 g" vs "1,250 kg") are decided per document, see
`_text.parse_number` and `_text.uses_comma_decimal`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.analyzers.base import Evidence, WeightFinding
from app.analyzers.offline._text import (
    NUMBER,
    Line,
    iter_lines,
    parse_number,
    trim_quote,
    uses_comma_decimal,
)
from app.extraction.document import Section

__all__ = [
    "WeightCandidate",
    "best_candidate",
    "choose_unit_weight",
    "find_weight_candidates",
    "parse_quantity_grams",
    "quantity_grams",
]

_LB = 453.59237
_OZ = 28.349523125

_UNIT = (
    r"(?P<unit>(?i:milligramm?e?s?|kilogramm?e?s?|kilogrammi|kilogramos?|kilos?|gramm?e?s?"
    r"|grammi|gramos?|tonnen?|tonnes?|pfund|pounds?|ounces?|unzen?)"
    r"|kg|Kg|KG|mg|g|t|lbs?|LBS?|Lbs?|oz|OZ|gr)"
)
_TOL = r"(?:±|\+/-|\+-|\+/−)"
_RANGE = r"(?:-|–|—|\.\.\.?|…|to|bis|à)"
_QTY = re.compile(
    r"(?:(?<![\w.,/+\-−±])|(?<=[^\d\s],)|(?<=[^\d],\s))"
    rf"(?P<n1>{NUMBER})"
    rf"(?:\s*{_TOL}\s*(?P<tol>{NUMBER})\s*%?)?"
    rf"(?:\s*{_RANGE}\s*(?P<n2>{NUMBER}))?"
    rf"(?:\s*{_TOL}\s*{NUMBER}\s*%?)?"
    r"(?P<sep>\s*\"?\s*(?:[|;,\t]\s*\"?\s*)?)"
    rf"{_UNIT}(?![A-Za-zÄÖÜäöüßéèà0-9²³_])"
)
_KEYED = re.compile(
    r"(?<![A-Za-z])(?P<key>(?:[A-Za-zÄÖÜäöüß]+[ _.\-]){0,3}"
    r"(?i:[a-zäöü]*gewicht|weight|masse|mass|poids|peso|massa|masa|waga|wt)"
    r"(?:[ _.\-][A-Za-zÄÖÜäöüß]+){0,2}?)"
    r"(?:\s*[\[(]\s*(?:in\s+)?|[ _.\-]in[ _]|[_.\-]|\s+)"
    r"(?P<unit>(?i:kilogramm?e?s?|gramm?e?s?|pounds?|kg|g|mg|lbs?|oz|t))"
    r"(?:\s*/\s*(?P<per>\d+)\s*(?i:stk\.?|stück|pcs\.?|pc\.?|pieces|st\.|units)?)?"
    r"\s*[\])]?\s*\"?(?:\s*[:=|;,\t]){1,4}\s*\"?\s*"
    rf"(?P<num>{NUMBER})\"?(?!\s*[A-Za-z%°²³]|\d|[.,]\d)"
)

# What follows a unit: per piece, per N pieces, per metre, or a unit that is not a mass.
_PIECE = (
    r"(?:stück|stueck|stk\.?|st\.|pieces?|pcs?\.?|pce|units?|parts?|items?|ea\.?|teile?"
    r"|pièces?|pezz[io]|piezas?|stuks?|szt\.?|sztuk)"
)
_AFTER_SLASH_PIECE = re.compile(rf"(?i)^\s*(?:/|per|pro|je)\s*{_PIECE}(?![A-Za-z])")
_AFTER_SLASH_PACK = re.compile(rf"(?i)^\s*(?:/|per|pro|je)\s*(\d[\d.']*)\s*(?:{_PIECE})?")
_AFTER_PER_METRE = re.compile(
    r"(?i)^\s*(?:/|per|pro|je)\s*(?:lfd\.?\s*)?(?:m|lfm|meter|metre|mtr\.?)(?![A-Za-z²³2³^])"
)
_AFTER_BAD = re.compile(r"(?i)^\s*(?:/|[·*]\s*m\b|-\s*(?:force|kraft))")

_PACK_WORDS = (
    r"\b(?:packs?|packung(?:en)?|package|packing\s+unit|box(?:es)?|bags?|cartons?|karton"
    r"|beutel|schachtel|eimer|gebinde|kiste|sachets?|boîte|confezione|scatola|caja|paquete"
    r"|bolsa|doos|zak|opakowanie|verpackungseinheit|VE|PU)\b"
)
_QUALIFIER = re.compile(
    r"(?i)^\s*\(?\s*(?:"
    r"net(?:to|t)?|neto|gross|brutto|bruto|brut|lordo|each|ea\.?|apiece"
    rf"|(?:per|pro|je|/)\s*(?:\d[\d.']*\s*)?{_PIECE}"
    r"|(?:incl\.?|inkl\.?|including|with|mit|excl\.?|exkl\.?|excluding|without|ohne)"
    r"\s+(?:\w+\s+)?(?:verpackung|packaging|packing)"
    rf"|(?:per\s+|pro\s+|je\s+|for\s+|für\s+)?{_PACK_WORDS}\s*(?:of|à|mit|with|zu|:)?\s*"
    rf"(?:\d[\d.']*\s*(?:{_PIECE})?)?"
    r")(?![A-Za-z])\.?\s*(?:\)|(?=\s*(?:$|[,;|/\t])))"
)

_NET = re.compile(
    r"(?i)\bnetto|\bnet\b|\bnett\b|\bneto\b|\bn\.\s?w\.|leergewicht|eigengewicht|fertig\w*gewicht"
    r"|finished\s+(?:part\s+)?weight|(?:ohne|without|excl\.?|exkl\.?|excluding|sans|senza|sin"
    r"|zonder)\s+(?:\w+\s+)?(?:verpackung|packaging|packing|emballage|imballo|embalaje)"
)
_GROSS = re.compile(
    r"(?i)\bbrutto|\bbruto|\bgross\b|\bbrut\b|\blordo\b|\bg\.\s?w\.|shipping|versand"
    r"|transport|verpackungsgewicht|packag(?:e|ing)\s+weight|packed\s+weight|packing\s+weight"
    r"|freight|fracht|palett|pallet|colis|(?:incl\.?|inkl\.?|including|inclusive|with|mit|avec"
    r"|con|met)\s+(?:\w+\s+)?(?:verpackung|packaging|packing|emballage|imballo|embalaje)"
)
_UNIT_LABEL = re.compile(
    r"(?i)stückgewicht|stueckgewicht|einzelgewicht|unit\s+weight|weight\s+per\s+(?:piece|unit|"
    r"part|pc|item)|piece\s+weight|part\s+weight|item\s+weight|product\s+weight|produktgewicht"
    r"|artikelgewicht|teilegewicht|bauteilgewicht|poids\s+unitaire|peso\s+unitario"
    r"|gewicht\s+(?:pro|je)\s+st|stuksgewicht|(?:\bper|\bpro|\bje|/)\s*(?:1\s*)?(?:stück|stk|st\."
    r"|piece|pc|pcs|pce|unit|item)\b|\beach\b|\bea\.|\bapiece\b|la\s+pièce|cadauno"
    r"|por\s+pieza|per\s+stuk|\b1\s*(?:stück|stk|st\.|piece|pc|pcs|pce|unit)\b"
)
_GENERIC = re.compile(
    r"(?i)gewicht|weight|\bmasse\b|\bmass\b|\bpoids\b|\bpeso\b|\bmassa\b|\bmasa\b|\bwaga\b|\bwt\b"
    r"|\bwieg(?:en|t)\b|\bweighs?\b|\bpèse(?:nt)?\b|\bpesa(?:no)?\b"
)
_RAW = re.compile(
    r"(?i)rohgewicht|rohteil|einsatzgewicht|blank\s+weight|raw\s+(?:part\s+)?weight|input\s+weight"
    r"|shot\s+weight|schussgewicht|anguss|sprue|runner|vormaterial|stangenabschnitt"
)
_DISTRACTOR = re.compile(
    r"(?i)load|\w*last\b|tragf|tragkraft|belast|zuladung|payload|capacit|kapazit|rating|nennlast"
    r"|max(?:imum|\.|imal)?\s*(?:zul\.?\s*)?(?:weight|gewicht|user|benutzer|load|last|poids|peso)"
    r"|zul(?:ässig|\.)|permissible|allowable|user\s+weight|benutzergewicht|körpergewicht"
    r"|body\s+weight|person|counter\s*weight|gegengewicht|test\s*weight|prüf|breaking|bruch"
    r"|force|kraft|shock|schock|vibration|beschleunigung|acceleration|\bcharge\b|carico|portata"
    r"|\bcarga\b|belasting|draagvermogen|obciąż|nośność|udźwig|torque|drehmoment|moment"
    r"|pressure|druck(?!guss)|throughput|durchsatz|output|füllmenge|fill(?:ing)?\s+quantity"
    r"|inhalt|contents?\b|dosage|dosier|verbrauch|consumption|liefermenge|bestellmenge"
    r"|order\s+quantity|\bmoq\b|minimum\s+order|toleran|abweichung|deviation|schwankung"
    r"|capacidad|capacité|kapaciteit|tonnage|schließkraft|clamping|spannkraft|resistance"
    r"|gewichtsklasse|weight\s+class|\btare\b|\btara\b|für\s+(?:\w+\s+)?bis|for\s+(?:\w+\s+)?up\s+to|bis\s+zu"
)
_PART_NUMBER = re.compile(
    r"(?i)art(?:ikel)?\.?\s*-?\s*nr|artikelnummer|part\s*(?:no|number|#)|\bp/n\b|item\s*no"
    r"|bestell|order\s*(?:no|code)|\bsku\b|\bean\b|\bref\b|typ(?:e)?\s*[:.]|zeichnungs|drawing\s+no"
)
_PACK_N = re.compile(
    rf"(?i){_PACK_WORDS}\s*(?:(?:of|à|mit|with|zu|de|da|van|z)\s+(\d[\d.']*)"
    rf"|[:=(]?\s*(\d[\d.']*)\s*{_PIECE})"
    rf"|(?:\bper|\bpro|\bje|/)\s*(\d[\d.']*)\s*{_PIECE}"
    rf"|(?<![\d.,])(\d[\d.']*)\s*{_PIECE}(?![A-Za-z])"
)
_PACK_WORD = re.compile(rf"(?i){_PACK_WORDS}")
_DOC_PACK = (
    re.compile(
        rf"(?i)(?:{_PACK_WORDS}|packungsinhalt|inhalt|contents|pack\s*size|packing\s+quantity"
        r"|pcs\s+per|stück\s+(?:pro|je)|units\s+per|qty\s+per|menge\s+(?:pro|je))"
        rf"[^\d\n]{{0,25}}?(\d[\d.']*)\s*{_PIECE}"
    ),
    re.compile(
        r"(?i)(?:\bVE\b|verpackungseinheit|packing\s+unit|pack\s*size|packungsinhalt"
        r"|(?:pcs|pieces|stück|units)\s+(?:per|pro|je)\s+\w+)\s*[:=|;,\t]\s*(\d[\d.']*)\s*$"
    ),
)
_APPROX = re.compile(
    r"(?i)(?:ca\.?|approx\.?|approximately|~|≈|etwa|circa|env\.|environ|ungefähr)\s*$"
)
_BOUND = re.compile(r"(?i)(?:max\.?|maximal|maximum|≤|<|höchstens|up\s+to|min\.?|≥|>)\s*$")
_TOL_BEFORE = re.compile(rf"{_TOL}\s*$")
_RANGE_BETWEEN = re.compile(rf"^\s*{_RANGE}\s*$")
_LENGTH = re.compile(
    r"(?i)(?:\blänge\b|\blength\b|schnittlänge|zuschnitt\w*|fixlänge|longueur|lunghezza"
    rf"|longitud|\blengte\b|długość|\bL\s*=)\s*[:=|]?\s*(?:ca\.\s*)?(?P<num>{NUMBER})\s*"
    r"(?P<unit>mm|cm|m)\b(?![²³/])"
)

_BASE_SCORE = {
    "net": 0.95,
    "unit": 0.93,
    "generic": 0.85,
    "per_length": 0.6,
    "gross": 0.45,
    "raw": 0.4,
    "unlabelled": 0.2,
    "ignored": 0.0,
}
_CHOOSABLE = {"net", "unit", "generic", "per_length", "gross", "raw"}
_BASIS = {"net": "net", "unit": "net", "generic": "unspecified", "gross": "gross"}


@dataclass(frozen=True, slots=True)
class WeightCandidate:
    """One mass quantity in a document and what its label says it is.

    `grams` is per piece (after dividing a pack weight, or multiplying a weight per metre by a
    stated length) and None when that cannot be derived. `kind` is one of net | unit | generic
    | gross | raw | per_length | unlabelled | ignored; only the first six can be a unit weight.
    """

    grams: float | None
    kind: str
    quote: str
    location: str
    score: float
    source: str = ""
    order: int = 0
    stated_grams: float = 0.0  # the quantity as written, before any pack / length arithmetic
    pack_size: int | None = None
    per_metre: bool = False
    note: str = ""

    @property
    def basis(self) -> str:
        return _BASIS.get(self.kind, "net" if self.kind == "per_length" else "unspecified")


@dataclass(frozen=True, slots=True)
class _Qty:
    start: int
    end: int
    grams: float
    per_piece: bool = False
    pack_n: int | None = None
    per_metre: bool = False
    is_range: bool = False
    keyed_label: str = ""


_HAS_DIGIT = re.compile(r"\d")
_LENGTH_WORDS = (
    "läng",
    "length",
    "zuschnitt",
    "longueur",
    "lunghezza",
    "longitud",
    "lengte",
    "długość",
    "l =",
    "l=",
)
_KEY_WORDS = ("gewicht", "weight", "mass", "poids", "peso", "masa", "waga", "wt")


def _unit_grams(unit: str) -> float:
    u = unit.lower()
    if u.startswith("milli") or u == "mg":
        return 0.001
    if u.startswith("kilo") or u == "kg":
        return 1000.0
    if u.startswith(("tonne", "tonnen")) or u == "t":
        return 1_000_000.0
    if u.startswith(("pfund", "pound", "lb")):
        return _LB
    if u.startswith(("ounce", "unze", "oz")):
        return _OZ
    return 1.0


def _to_int(text: str) -> int | None:
    digits = re.sub(r"[.,' ]", "", text)
    return int(digits) if digits.isdigit() else None


def _quantities(line: str, comma_decimal: bool) -> list[_Qty]:
    """Every mass quantity in a line, with per-piece / per-pack / per-metre suffixes read."""
    found: list[_Qty] = []
    if not _HAS_DIGIT.search(line):
        return found
    consumed = 0
    for m in _QTY.finditer(line):
        if m.start() < consumed:
            continue
        after = line[m.end() :]
        per_piece = per_metre = False
        pack_n: int | None = None
        if _AFTER_PER_METRE.match(after):
            per_metre = True
        elif _AFTER_SLASH_PIECE.match(after):
            per_piece = True
        elif (pm := _AFTER_SLASH_PACK.match(after)) and (n := _to_int(pm.group(1))):
            if (
                after.lstrip().startswith("/")
                and n not in (100, 1000, 10000)
                and not re.match(rf"(?i)\s*/\s*\d[\d.']*\s*{_PIECE}", after)
            ):
                continue  # g/10 min (melt flow) and the like
            pack_n = n
        elif _AFTER_BAD.match(after):
            continue  # g/cm³, g/m², kg/h, kg·m, kgf ...
        if m["sep"].strip() and not re.search(r"[|;\t]|,\s*\"?$", m["sep"]):
            continue
        n1 = parse_number(m["n1"], comma_decimal=comma_decimal)
        value = n1
        is_range = False
        if m["n2"]:
            n2 = parse_number(m["n2"], comma_decimal=comma_decimal)
            if n2 < n1:
                continue  # "4711-500 g" is a part number, not a range
            value, is_range = (n1 + n2) / 2, True
        grams = value * _unit_grams(m["unit"])
        end = m.end()
        oz = re.match(rf"\s*(?P<n>{NUMBER})\s*(?:oz|ounces?)\b", after)
        if m["unit"].lower().startswith(("lb", "pound")) and oz:
            grams += parse_number(oz["n"], comma_decimal=comma_decimal) * _OZ
            end += oz.end()
        consumed = end
        found.append(_Qty(m.start(), end, grams, per_piece, pack_n, per_metre, is_range))
    low = line.lower()
    keyed = _KEYED.finditer(line) if any(w in low for w in _KEY_WORDS) else iter(())
    for m in keyed:
        if any(q.start <= m.start("num") < q.end for q in found):
            continue
        value = parse_number(m["num"], comma_decimal=comma_decimal) * _unit_grams(m["unit"])
        per = _to_int(m["per"]) if m["per"] else None
        found.append(_Qty(m.start("num"), m.end("num"), value, pack_n=per, keyed_label=m["key"]))
    found.sort(key=lambda q: q.start)
    return found


def quantity_grams(line: str, *, comma_decimal: bool) -> list[float]:
    """Mass quantities of one line in grams, with the document's decimal convention."""
    return [q.grams for q in _quantities(line, comma_decimal)]


def parse_quantity_grams(text: str) -> list[float]:
    """Every mass quantity in `text`, in grams, as written (no pack or length arithmetic).

    Used to check that a value (e.g. an LLM answer) is actually backed by the document.
    """
    comma = uses_comma_decimal(text)
    out: list[float] = []
    for line in text.splitlines():
        out.extend(q.grams for q in _quantities(line, comma))
    return out


def _classify(label: str) -> tuple[str, set[str]]:
    """Kind of weight a label names, plus modifier flags (pack, part_number)."""
    flags: set[str] = set()
    label = label.replace("_", " ")
    if _PACK_WORD.search(label):
        flags.add("pack")
    if _DISTRACTOR.search(label):
        return "ignored", flags
    if _RAW.search(label):
        return "raw", flags
    net = max((m.end() for m in _NET.finditer(label)), default=-1)
    gross = max((m.end() for m in _GROSS.finditer(label)), default=-1)
    if net > gross:  # the qualifier nearest to the number wins
        return ("unit" if _UNIT_LABEL.search(label) else "net"), flags
    if gross >= 0:
        return "gross", flags
    if _UNIT_LABEL.search(label):
        return "unit", flags
    if _GENERIC.search(label):
        return "generic", flags
    if "pack" in flags and _pack_size(label):
        return "generic", flags  # "Pack of 50: 1.2 kg" names a weight, of the pack
    if _PART_NUMBER.search(label):
        flags.add("part_number")
    return "unlabelled", flags


def _clauses(prefix: str) -> list[str]:
    """Split at , ; | tab and " / ", but not inside parentheses ("Weight (net, per pc)")."""
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(prefix):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ",;|\t" or (ch == "/" and prefix[i - 1 : i + 2] == " / ")):
            out.append(prefix[start:i])
            start = i + 1
    out.append(prefix[start:])
    return out


def _last_clause(prefix: str) -> str:
    """The label nearest to a quantity: the last clause of its prefix that has words in it."""
    for clause in reversed(_clauses(prefix)):
        if re.search(r"[A-Za-zÀ-ž]", clause):
            return clause
    return ""


def _pack_size(label: str) -> int | None:
    for m in _PACK_N.finditer(label):
        n = _to_int(next(g for g in m.groups() if g))
        if n is not None and n >= 2:
            return n
    return None


def _document_pack_size(lines: Iterable[Line]) -> int | None:
    """A pack size stated anywhere ("VE: 50 Stück"), for weights labelled just "per pack"."""
    for line in lines:
        if not _HAS_DIGIT.search(line.text) or _QTY.search(line.text):
            continue
        for pattern in _DOC_PACK:
            m = pattern.search(line.text.replace("_", " "))
            if m and (n := _to_int(m.group(1))) and n >= 2:
                return n
    return None


def _find_length_m(lines: Iterable[Line], comma_decimal: bool) -> tuple[float, str] | None:
    for line in lines:
        low = line.text.lower()
        if not any(w in low for w in _LENGTH_WORDS):
            continue
        m = _LENGTH.search(line.text)
        if m:
            value = parse_number(m["num"], comma_decimal=comma_decimal)
            factor = {"mm": 0.001, "cm": 0.01, "m": 1.0}[m["unit"]]
            return value * factor, line.text
    return None


def _fmt(grams: float) -> str:
    return f"{grams / 1000:g} kg" if grams >= 1000 else f"{grams:g} g"


def find_weight_candidates(
    sections: Sequence[Section], *, source: str, language: str | None = None
) -> list[WeightCandidate]:
    """Every mass quantity in the sections, classified by its label and scored."""
    lines = list(iter_lines(sections))
    text = "\n".join(line.text for line in lines)
    comma = uses_comma_decimal(text, language)
    doc_pack = _document_pack_size(lines)
    length = _find_length_m(lines, comma)
    out: list[WeightCandidate] = []
    for line in lines:
        qtys = _quantities(line.text, comma)
        if not qtys:
            continue
        location = (
            f"{source}, {line.location}" if source and line.location else (source or line.location)
        )
        quote = trim_quote(line.text)
        line_kind, line_flags = "unlabelled", set[str]()
        prev_end = 0
        merged: list[tuple[_Qty, str, str]] = []
        for i, q in enumerate(qtys):
            prefix = line.text[prev_end : q.start]
            qual = _QUALIFIER.match(line.text[q.end :])
            suffix = qual.group(0) if qual else ""
            next_start = qtys[i + 1].start if i + 1 < len(qtys) else len(line.text)
            prev_end = min(q.end + len(suffix), next_start)
            if merged and _RANGE_BETWEEN.match(prefix) and not merged[-1][0].is_range:
                first, fp, fs = merged[-1]
                merged[-1] = (
                    replace(first, end=q.end, grams=(first.grams + q.grams) / 2, is_range=True),
                    fp,
                    fs + suffix,
                )
                continue
            merged.append((q, prefix, suffix))
        for i, (q, prefix, suffix) in enumerate(merged):
            if _TOL_BEFORE.search(prefix):
                continue  # "12,5 g ± 0,3 g": the second quantity is a tolerance
            label = f"{prefix} {suffix}"
            kind, flags = _classify(f"{_last_clause(prefix)} {suffix}")
            if not re.search(r"[A-Za-zÀ-ž]", prefix) and i == 0 and line.previous:
                kind_prev, flags_prev = _classify(f"{line.previous} {suffix}")
                if kind_prev != "unlabelled":
                    kind, flags = kind_prev, flags | flags_prev | {"inherited"}
            if i == 0:
                line_kind, line_flags = kind, flags
            elif kind == "unlabelled":
                kind, flags = line_kind, flags | (line_flags - {"pack"}) | {"inherited"}
            pack_n = q.pack_n or _pack_size(label)
            if pack_n is None and "pack" in flags and kind in _CHOOSABLE:
                pack_n = doc_pack if doc_pack else -1
            if line.packaging and kind == "generic":
                kind = "gross"
                if pack_n is None and doc_pack:
                    pack_n = doc_pack
            if q.per_piece and pack_n is None and kind == "generic":
                kind = "unit"
            score = _BASE_SCORE[kind]
            grams: float | None = q.grams
            note = ""
            if q.per_metre:
                if kind not in _CHOOSABLE:
                    pass
                elif length:
                    grams = q.grams * length[0]
                    kind, score = "per_length", _BASE_SCORE["per_length"]
                    note = f"weight per metre {_fmt(q.grams)}/m × length {length[0]:g} m"
                else:
                    grams, kind = None, "per_length"
                    note = f"weight per metre {_fmt(q.grams)}/m stated but no length given"
            elif pack_n is not None and kind in _CHOOSABLE:
                if pack_n < 0:
                    grams = None
                    note = f"weight {_fmt(q.grams)} is per pack of unknown size"
                else:
                    grams = q.grams / pack_n
                    score -= 0.2
                    note = f"per-pack weight {_fmt(q.grams)} divided by pack size {pack_n}"
            if "inherited" in flags:
                score -= 0.05
            if q.is_range:
                score -= 0.05
            if _APPROX.search(prefix):
                score -= 0.03
            if _BOUND.search(prefix):
                score -= 0.1
            if q.keyed_label:
                score -= 0.02
            out.append(
                WeightCandidate(
                    grams=grams,
                    kind=kind,
                    quote=quote,
                    location=location,
                    score=round(max(score, 0.0), 3),
                    source=source,
                    order=line.order,
                    stated_grams=q.grams,
                    pack_size=pack_n if pack_n and pack_n > 0 else None,
                    per_metre=q.per_metre,
                    note=note,
                )
            )
    return out


def best_candidate(candidates: Sequence[WeightCandidate]) -> WeightCandidate | None:
    """The best-labelled usable candidate; earlier sources and earlier lines win ties.

    Candidates keep the order they were found in (specification first, then drawing, then
    description), so with equal label quality the specification wins.
    """
    usable = [
        (i, c)
        for i, c in enumerate(candidates)
        if c.kind in _CHOOSABLE and c.grams is not None and math.isfinite(c.grams) and c.grams > 0
    ]
    if not usable:
        return None
    return max(usable, key=lambda ic: (ic[1].score, -ic[0]))[1]


def choose_unit_weight(candidates: Sequence[WeightCandidate]) -> WeightFinding | None:
    """The unit weight with its evidence; see `best_candidate` for the ranking."""
    best = best_candidate(candidates)
    if best is None or best.grams is None:
        return None
    location = f"{best.location} ({best.note})" if best.note else best.location
    return WeightFinding(
        grams=round(best.grams, 6),
        evidence=Evidence(quote=best.quote, location=location, confidence=best.score),
        basis=best.basis,
    )
