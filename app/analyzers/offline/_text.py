"""Text helpers shared by the offline rules: walking lines with their context.

Numbers, units and the decimal decision live in app/analyzers/quantities.py.

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

from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.quantities import mass_unit
from app.extraction.document import Section


@dataclass(frozen=True, slots=True)
class Line:
    """One line with the context a reader would use to interpret it."""

    location: str  # section location, e.g. "page 2"
    text: str  # the line, stripped
    previous: str | None  # the previous non-empty line when it is a bare label (vertical tables)
    packaging: bool  # inside a packaging / shipping / logistics block
    order: int  # position in the document, for stable tie-breaking
    heading: str = ""  # the last heading above the line, e.g. "2 Materials"


# Letters and digits of any Latin-script word ("válvula", "größe" are one token); kana and
# CJK ideographs run as their own tokens.
TOKEN = re.compile(r"[0-9a-z\u00df-\u00f6\u00f8-\u024f]+|[\u3040-\u30ff\u4e00-\u9fff]+")
DIGITS = frozenset("0123456789")


def tokens_of(text: str) -> list[str]:
    """The words and numbers of a text, lower-cased, as names and rows are compared."""
    return TOKEN.findall(text.lower())


_PACKAGING_WORDS = re.compile(
    r"(?i)verpackung|packaging|packing|shipping|versand|logisti|transport|palett|pallet"
    r"|emballage|imballaggio|imballo|embalaje|verpakking|opakowanie|conditionnement|spedizione"
)
# A heading ending in a company's legal form ("EMBALAJES DEL SUR, S.A.", "Verpackungen
# Huber GmbH") is a letterhead: a packaging maker's name opens no packaging block.
_LEGAL_FORM = re.compile(
    r"(?i)(?:\b(?:gmbh|ag|ltd|limited|inc|llc|plc|corp|sas|sarl|srl|spa|bv|nv|oy|kft|sro)\.?"
    r"|\bs\.\s?(?:a|l|p\.\s?a|r\.\s?l|a\.\s?s)\.?|\bsp\.\s?z\s?o\.\s?o\.?|\bs\.r\.o\.?)\s*$"
)
_HEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\d+(?:\.\d+)*\.?\s+)?")


def _is_heading(line: str) -> bool:
    """Short line without figures or key/value shape: a heading or a bare table label."""
    body = _HEADING_NUMBER.sub("", line).strip(" :#*=-\t")
    return 0 < len(body) <= 50 and not re.search(r"[\d:|;\t]", body) and len(body.split()) <= 6


_WEIGHT_LABEL = re.compile(r"(?i)gewicht|weight|masse?\b|mass\b|poids|peso|waga|masa|netto|brutto")


_VALUE_KEYS = ("value", "wert", "amount", "val", "valeur", "valore", "valor")
_UNIT_KEYS = ("unit", "einheit", "uom", "unite", "unitcode", "unittext", "unitofmeasure")


def _flatten_json(root: Any, out: list[str]) -> None:
    """ "a.b[0].c: value" lines, depth first, with an explicit stack (no recursion on input)."""
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            keys = {str(k).lower(): k for k in value}
            num_key = next((keys[k] for k in _VALUE_KEYS if k in keys), None)
            unit_key = next((keys[k] for k in _UNIT_KEYS if k in keys), None)
            if num_key is not None and unit_key is not None and len(value) <= 5:
                out.append(f"{path}: {value[num_key]} {value[unit_key]}")
                continue
            items = [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{i}]", v) for i, v in enumerate(value)]))
        elif value is not None:
            out.append(f"{path}: {value}")


_TAG = re.compile(r"<[^<>]{0,300}>")


def _untag(lines: list[str]) -> list[str]:
    """HTML inside text (product data JSON, CMS fields): each element on its own line."""
    out: list[str] = []
    for line in lines:
        if "<" in line and ">" in line:
            out.extend(part for part in _TAG.sub("\n", line).split("\n"))
        else:
            out.append(line)
    return out


def section_lines(text: str) -> list[str]:
    """The lines of a section; JSON documents become "path: value" lines a person can read."""
    return _untag(_section_lines(text))


def _section_lines(text: str) -> list[str]:
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            data = None
        if data is not None:
            out: list[str] = []
            _flatten_json(data, out)
            return out
    return [_inline_json(line) if "{" in line else line for line in text.splitlines()]


# A table cell that holds a JSON object, bare or after its column's key ("attribute={…}")
_JSON_CELL = re.compile(r"^(?P<k>[^=|{}]{1,40}=)?\s*(?P<j>\{.*\})\s*$")


def _inline_json(line: str) -> str:
    """A row whose cell is a JSON object (a PIM export's attributes column) with that cell
    as the row's own "key=value" cells ("gewicht=0.085 kg"): its figures then read with the
    row that names them, as an export's fields do."""
    cells = line.split(" | ")
    for i, cell in enumerate(cells):
        m = _JSON_CELL.match(cell)
        if m is None:
            continue
        try:
            data = json.loads(m["j"])
        except (ValueError, RecursionError):
            continue
        if not isinstance(data, dict):
            continue
        flat: list[str] = []
        _flatten_json(data, flat)
        prefix = m["k"][:-1].strip() + "." if m["k"] else ""
        fields = [f"{prefix}{k}={v.strip()}" for k, _, v in (f.partition(": ") for f in flat)]
        cells[i] = " | ".join(fields)
    return " | ".join(cells)


_VALUE_LINE = re.compile(
    r"^(?P<path>.+?)[._ ](?:value|wert|amount)\s*[:=]\s*(?P<num>\S+)\s*$", re.I
)
_UNIT_LINE = re.compile(
    r"^(?P<path>.+?)[._ ](?:unit(?:code|text)?|einheit|uom)\s*[:=]\s*\"?(?P<u>[^\s\"]+)", re.I
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


_RULE_ROW = re.compile(r"^[\s|:+\-=]+$")


def _with_columns(lines: list[str]) -> list[str]:
    """Wide tables (a header row, one row per item): add "header: value" lines for the
    weight and material columns, so "weight_kg" over "0.38" reads like a key/value pair."""
    out: list[str] = []
    header: list[str] | None = None
    delim = ""
    for line in lines:
        out.append(line)
        if header is not None and _RULE_ROW.match(line):
            continue  # a Markdown table's |---|---| line is no row
        if header is not None and len(_cells(line, delim)) == len(header):
            row = _cells(line, delim)
            for j, (key, value) in enumerate(zip(header, row, strict=True)):
                if value and _COLUMN_KEY.search(key):
                    # the row's first cell says which row (size, model) the value belongs to
                    out.append(f"{row[0]}: {key}: {value}" if j and row[0] else f"{key}: {value}")
            continue
        header = None
        delimiters = line.count("|") + line.count(";") + line.count("\t") + line.count(",")
        if delimiters < 2 or not _COLUMN_KEY.search(line):
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


# OCR's two slips in a label or a figure: a letter read as the digit it resembles ("GR0SS WT",
# "N0TE", "WE1GHT", "5HIPPING") and a space before a decimal mark ("2 ,64 kg"), whose tail would
# read as a figure of its own ("64 kg"). A word is read as the label it spells only when a label
# vocabulary knows it there (a part code "B0X-15" stays as written); a figure is read whole
# only when a mass unit closes it (a list "3 ,4" stays as written).
_OCR_WORD = re.compile(
    r"(?<![0-9A-Za-z])(?=[A-Za-z]*[015])(?=[0-9]*[A-Za-z])[A-Za-z015]{3,}(?![0-9A-Za-z])"
)
_OCR_LETTERS = (str.maketrans("015", "OIS"), str.maketrans("015", "OLS"))
_OCR_LABELS = (V.WEIGHT_WORDS, V.NET_WORDS, V.GROSS_WORDS, V.TARE_WORDS, V.SHIPPING_DOCUMENT_WORDS)
_OCR_SPLIT_NUMBER = re.compile(r"(?<![\d.,])(\d{1,6}) +([.,]) ?(\d{1,6})(?![\d.,])(?=\s?(\S{1,6}))")


def _ocr_label(line: str, m: re.Match[str]) -> str | None:
    """The label word OCR misread at `m`, None when no label vocabulary reads one there."""
    word = m[0]
    if sum(c.isalpha() for c in word) < 2:
        return None
    for table in _OCR_LETTERS:
        fixed = word.translate(table)
        fixed = fixed.upper() if word.upper() == word else fixed.lower()
        text = line[: m.start()] + fixed + line[m.end() :]
        for vocabulary in _OCR_LABELS:
            for hit in vocabulary.finditer(text, max(0, m.start() - 40)):
                if hit.start() <= m.start() and hit.end() >= m.end():
                    return fixed
                if hit.start() > m.end():
                    break
    return None


def ocr_repaired(line: str) -> str:
    """`line` with OCR's misread label letters and split decimal figures read as meant."""
    if " ," in line or " ." in line:
        line = _OCR_SPLIT_NUMBER.sub(
            lambda m: f"{m[1]}{m[2]}{m[3]}" if mass_unit(m[4].rstrip(".,;:)")) else m[0], line
        )
    if not any(d in line for d in "015"):
        return line
    out: list[str] = []
    last = 0
    for m in _OCR_WORD.finditer(line):
        fixed = _ocr_label(line, m)
        if fixed is not None:
            out += [line[last : m.start()], fixed]
            last = m.end()
    return "".join(out) + line[last:] if out else line


# A unit declared once for a record's weights ("meta.weightUnit: kg", "unitePoids: kg",
# SAP's "GEWEI: G"), and the bare numbers it is the unit of ("data.weight: 0.042").
_KEY_VALUE = re.compile(r"^(?P<key>[^:=|;\t]{1,160}?)\s*[:=]\s*\"?(?P<value>[^\"]{1,40}?)\"?\s*$")
_KEY_WEIGHT = re.compile(
    r"(?i)weight|mass|gewicht|poids|peso|masse|massa|vikt|v[æa]e?gt|vekt|paino|ağırlık|agirlik"
)
_KEY_UNIT = re.compile(
    r"(?i)unit|uom|einheit|unit[eé]|unit[àa]|unidad|unidade|eenheid|enhet|enhed|birim"
)
_KEY_UNIT_IN_NAME = re.compile(
    r"(?i)(?:^|[_\-\s(\[/])(?:kg|kgs|g|gr|lbs?|oz|mg|grams?)(?:$|[_\-\s)\]])"
)
_BARE_NUMBER = re.compile(r"^-?\d{1,9}(?:[.,]\d{1,6})?$")


def _last_key(key: str) -> str:
    return re.split(r"[.\[\]/>]+", key.strip().strip("[]"))[-1] if key.strip() else ""


def _declared_weight_unit(lines: list[str]) -> list[str]:
    """Bare weight numbers with the unit their record declares once, when it declares one."""
    units: set[str] = set()
    for line in lines:
        if (
            "nit" not in line
            and "inheit" not in line
            and "uom" not in line.lower()
            and ("GEWEI" not in line and "nidad" not in line and "birim" not in line)
        ):
            continue  # the cheap test first
        m = _KEY_VALUE.match(line.strip())
        if m is None:
            continue
        key = _last_key(m["key"])
        declares = key.upper() == "GEWEI" or (
            _KEY_WEIGHT.search(key) is not None and _KEY_UNIT.search(key) is not None
        )
        if declares and mass_unit(m["value"].strip()) is not None:
            units.add(m["value"].strip())
    factors = {mass_unit(u) for u in units}
    if len(factors) != 1:
        return lines  # none declared, or two that disagree: no unit is assumed
    unit = min(units)
    out = list(lines)
    for i, line in enumerate(lines):
        m = _KEY_VALUE.match(line.strip())
        if m is None or not _BARE_NUMBER.match(m["value"].strip()):
            continue
        key = _last_key(m["key"])
        if (
            _KEY_WEIGHT.search(key)
            and not _KEY_UNIT.search(key)
            and not _KEY_UNIT_IN_NAME.search(key)
        ):
            out[i] = f"{line.rstrip()} {unit}"
    return out


def _walk(sections: Sequence[Section]) -> Iterator[Line]:
    order = 0
    for section in sections:
        packaging_sheet = bool(_PACKAGING_WORDS.search(section.location or ""))
        packaging = packaging_sheet
        previous: str | None = None
        heading = ""
        last = ""
        lines = _declared_weight_unit(_merge_value_unit(section_lines(section.text)))
        for raw in _with_columns(lines):
            line = ocr_repaired(raw.strip())
            if not line:
                continue
            # a value wrapped onto the next line ("Material … steel, chrome;" / "handle PP") is
            # the end of that value, not a heading; nor is a mail's salutation ("Bom dia,",
            # "Guten Tag Herr Brandt,"): its words would read as a section's ("bom")
            is_heading = _is_heading(line) and last[-1:] not in (",", ";") and line[-1:] != ","
            last = line
            if is_heading:
                if _PACKAGING_WORDS.search(line) and not _LEGAL_FORM.search(line):
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
