"""Text helpers shared by the offline rules: numbers, language, and walking lines with context.

Documents arrive as sections (pages, sheets, text); the rules work line by line, because a
table row or a sentence is what a person quotes as evidence.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.extraction.document import Section

# A number as written in datasheets: "1.250,5", "1,250.5", "1 250", "1'250", "12,5", "0.25".
NUMBER = (
    r"(?:\d{1,3}(?:[.,]\d{3}(?!\d))+(?:[.,]\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009'’]\d{3}(?!\d))+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)

_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009'’]")


def parse_number(text: str, *, comma_decimal: bool) -> float:
    """Parse a written number; `comma_decimal` only decides the truly ambiguous "1,250"/"1.250".

    Rules: spaces and apostrophes group thousands; with both "." and "," the last one is the
    decimal mark; a separator used twice groups thousands; a single separator followed by
    exactly three digits (and a non-zero integer part) is a thousands separator in the
    document's convention (German/French/... "1.250" = 1250, English "1,250" = 1250) and a
    decimal mark otherwise; any other single separator is a decimal mark ("2,5", "0.25").
    """
    s = _GROUP_SPACES.sub("", text.strip())
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        other = "," if dec == "." else "."
        return float(s.replace(other, "").replace(dec, "."))
    for sep in (".", ","):
        if s.count(sep) > 1:
            return float(s.replace(sep, ""))
        if s.count(sep) == 1:
            head, tail = s.split(sep)
            if len(tail) == 3 and head != "0" and len(head) <= 3:
                thousands = (sep == ".") == comma_decimal
                return float(head + tail) if thousands else float(f"{head}.{tail}")
            return float(f"{head}.{tail}")
    return float(s)


_LANG_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "de": "der die das und mit für ist nicht aus gewicht werkstoff stück oder bei auf zur "
        "zum des den eine ein im nach gemäß maße oberfläche verpackung hinweis",
        "en": "the and with for is not of weight material piece or by on to from this per "
        "product data sheet surface packaging",
        "fr": "le la les et avec pour est des du poids matériau une sur pièce",
        "it": "il la le e con per è dei del peso materiale una della pezzo",
        "es": "el la los las y con para es de del peso una pieza por",
        "nl": "de het en met voor is van gewicht materiaal een stuk niet",
        "pl": "i z w na do jest dla waga masa materiał nie sztuk",
    }.items()
}
_WORD = re.compile(r"[a-zäöüßéèàâçñłąęśćżź]+")


def detect_language(text: str) -> str | None:
    """Cheap stop-word vote; only used to decide number conventions, so being rough is fine."""
    counts = dict.fromkeys(_LANG_WORDS, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for lang, words in _LANG_WORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else None


_COMMA_DEC = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
_POINT_DEC = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])")


@functools.lru_cache(maxsize=16)
def uses_comma_decimal(text: str, language: str | None = None) -> bool:
    """Decide the document's decimal mark: unambiguous numbers first, then the language.

    Numbers like "2,5" or "0.25" settle the question for the whole document when one style
    clearly dominates; otherwise English means a decimal point and any other detected
    language a decimal comma. Unknown language defaults to the decimal point.
    """
    commas = len(_COMMA_DEC.findall(text))
    points = len(_POINT_DEC.findall(text))
    if commas > 2 * points and commas >= 1:
        return True
    if points > 2 * commas and points >= 1:
        return False
    lang = language or detect_language(text)
    return lang is not None and lang != "en"


@dataclass(frozen=True, slots=True)
class Line:
    """One line with the context a reader would use to interpret it."""

    location: str  # section location, e.g. "page 2"
    text: str  # the line, stripped
    previous: str | None  # the previous non-empty line when it is a bare label (vertical tables)
    packaging: bool  # inside a packaging / shipping / logistics block
    order: int  # position in the document, for stable tie-breaking
    heading: str = ""  # the last heading above the line, e.g. "2 Materials"


_PACKAGING_WORDS = re.compile(
    r"(?i)verpackung|packaging|packing|shipping|versand|logisti|transport|palett|pallet"
    r"|emballage|imballaggio|imballo|embalaje|verpakking|opakowanie|conditionnement|spedizione"
)
_HEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\d+(?:\.\d+)*\.?\s+)?")


def _is_heading(line: str) -> bool:
    """Short line without figures or key/value shape: a heading or a bare table label."""
    body = _HEADING_NUMBER.sub("", line).strip(" :#*=-\t")
    return 0 < len(body) <= 50 and not re.search(r"[\d:|;\t]", body) and len(body.split()) <= 6


_WEIGHT_LABEL = re.compile(r"(?i)gewicht|weight|masse?\b|mass\b|poids|peso|waga|masa|netto|brutto")


def _flatten_json(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, dict):
        keys = {str(k).lower(): k for k in value}
        num_key = next((keys[k] for k in ("value", "wert", "amount", "val") if k in keys), None)
        unit_key = next((keys[k] for k in ("unit", "einheit", "uom", "unite") if k in keys), None)
        if num_key is not None and unit_key is not None and len(value) <= 4:
            out.append(f"{path}: {value[num_key]} {value[unit_key]}")
            return
        for key, item in value.items():
            _flatten_json(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _flatten_json(item, f"{path}[{i}]", out)
    elif value is not None:
        out.append(f"{path}: {value}")


def section_lines(text: str) -> list[str]:
    """The lines of a section; JSON documents become "path: value" lines a person can read."""
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if data is not None:
            out: list[str] = []
            _flatten_json(data, "", out)
            return out
    return text.splitlines()


_VALUE_LINE = re.compile(
    r"^(?P<path>.+?)[._ ](?:value|wert|amount)\s*[:=]\s*(?P<num>\S+)\s*$", re.I
)
_UNIT_LINE = re.compile(
    r"^(?P<path>.+?)[._ ](?:unit|einheit|uom)\s*[:=]\s*\"?(?P<u>[^\s\"]+)", re.I
)


def _merge_value_unit(lines: list[str]) -> list[str]:
    """Join flattened "x.value: 250" / "x.unit: g" pairs into "x: 250 g"."""
    out = list(lines)
    for i, line in enumerate(lines):
        m = _VALUE_LINE.match(line.strip())
        if not m:
            continue
        for j in (i + 1, i - 1, i + 2):
            if 0 <= j < len(lines):
                u = _UNIT_LINE.match(lines[j].strip())
                if u and u["path"] == m["path"]:
                    out[i] = f"{m['path']}: {m['num']} {u['u']}"
                    break
    return out


_DELIMS = ("\t", ";", "|", ",")
_COLUMN_KEY = re.compile(
    r"(?i)gewicht|weight|masse?\b|mass\b|poids|peso|massa|masa|waga|werkstoff|material|matériau"
)
_VALUE_HEADER = re.compile(r"(?i)^(?:value|wert|valeur|valore|valor|waarde|wartość)$")


_ENDS_NUMERIC = re.compile(r"\d[.,]?\d*\s*$")


def _cells(line: str, delim: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in line.strip().strip("|").split(delim)]


def _with_columns(lines: list[str]) -> list[str]:
    """Wide tables (a header row, one row per item): add "header: value" lines for the
    weight and material columns, so "weight_kg" over "0.38" reads like a key/value pair."""
    out: list[str] = []
    header: list[str] | None = None
    delim = ""
    for line in lines:
        out.append(line)
        if header is not None and len(_cells(line, delim)) == len(header):
            for key, value in zip(header, _cells(line, delim), strict=True):
                if value and _COLUMN_KEY.search(key):
                    out.append(f"{key}: {value}")
            continue
        header = None
        if not _COLUMN_KEY.search(line):
            continue
        for d in _DELIMS:
            if line.count(d) < 2:
                continue
            cells = _cells(line, d)
            if (
                len(cells) >= 3
                and all(c and not _ENDS_NUMERIC.search(c) for c in cells)
                and any(_COLUMN_KEY.search(c) for c in cells)
                and not any(_VALUE_HEADER.match(c) for c in cells)
            ):
                header, delim = cells, d
                break
    return out


def iter_lines(sections: Sequence[Section]) -> Iterator[Line]:
    """Walk every non-empty line with its previous-label and packaging-block context.

    The weight and the material rules both walk the same document, so the walk is cached.
    """
    return iter(_lines(tuple((s.location, s.text) for s in sections)))


@functools.lru_cache(maxsize=16)
def _lines(sections: tuple[tuple[str, str], ...]) -> tuple[Line, ...]:
    return tuple(_walk([Section(location, text) for location, text in sections]))


def _walk(sections: Sequence[Section]) -> Iterator[Line]:
    order = 0
    for section in sections:
        packaging_sheet = bool(_PACKAGING_WORDS.search(section.location or ""))
        packaging = packaging_sheet
        previous: str | None = None
        heading = ""
        for raw in _with_columns(_merge_value_unit(section_lines(section.text))):
            line = raw.strip()
            if not line:
                continue
            is_heading = _is_heading(line)
            if is_heading:
                if _PACKAGING_WORDS.search(line):
                    packaging = True
                elif not _WEIGHT_LABEL.search(line):
                    packaging = packaging_sheet
                heading = line
            yield Line(section.location, line, previous, packaging, order, heading)
            order += 1
            previous = line if is_heading else None


def trim_quote(line: str, limit: int = 200) -> str:
    """The verbatim line, cut to a readable length."""
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
