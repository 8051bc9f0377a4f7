"""Structured data as `a.b.c: value` lines: JSON uploads, JSON-LD and bootstrap objects in pages.

One flattener for all of them, iterative (an explicit stack), so nesting depth costs memory
proportional to the input and never recursion. Saved product pages often carry the data that
matters (the weight) only in `<script>`: schema.org JSON-LD or a framework's initial state
(`window.__INITIAL_STATE__ = {...};`, `__NEXT_DATA__`, `var product = {...}`). Those objects
are cut out with a bounded brace matcher that respects strings and parsed with `json` —
never evaluated.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from app.extraction.document import Section
from app.extraction.text import Parsed, TextBudget

# UN/CEFACT codes schema.org's QuantitativeValue uses for masses and lengths.
UNIT_CODES = {
    "KGM": "kg", "GRM": "g", "MGM": "mg", "TNE": "t", "LBR": "lb", "ONZ": "oz",
    "MTR": "m", "CMT": "cm", "MMT": "mm", "INH": "in", "LTR": "l", "MLT": "ml",
}  # fmt: skip
_TAG = re.compile(r"<[^<>]*>")  # linear: a match cannot span another "<"
_HTML_HINT = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_ASSIGNMENT = re.compile(r"([A-Za-z_$][\w$]{0,60}(?:\.[\w$]{1,60}){0,4})[ \t]*=[ \t]*(?=[{\[])")
MAX_OBJECT_CHARS = 4_000_000  # a bootstrap object larger than this is not read
_MAX_OBJECTS = 20
_LONG_STRING = 80


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and len(text) > _LONG_STRING and _HTML_HINT.search(text):
        text = html.unescape(_TAG.sub(" ", text))  # a description field holding HTML
    return " ".join(text.split()) if any(ch in text for ch in "\n\r\t") or "  " in text else text


# How exports name the two halves of a quantity (schema.org, GS1, ERP/PIM in several languages).
_UNIT_KEY = re.compile(
    r"(?:^|_)(?:unit|units|uom|unitcode|unittext|unitofmeasure|measurementunitcode|einheit"
    r"|masseinheit|unidad|unidade|unite|unité|unita|unità|eenheid|jednostka|jednotka|enhet|单位|単位"
    r"|單位)$",
    re.IGNORECASE,
)
_VALUE_KEY = re.compile(
    r"^(?:value|amount|quantity|wert|betrag|valor|valeur|valore|waarde|wartosc|wartość|varde|värde"
    r"|hodnota|数值|数値|數值|值)$",
    re.IGNORECASE,
)


_REMARK_KEYS = frozenset({"note", "notes", "comment", "remark", "remarks", "precision", "source"})


def _quantity(node: dict[object, object]) -> str | None:
    """A quantity object as "0.41 kg": schema.org QuantitativeValue {value, unitCode|unitText},
    GS1 {value, measurementUnitCode}, an export's {value|amount|wert, unit|uom|einheit}."""
    keys = [str(k) for k in node]
    key = next((k for k in keys if _VALUE_KEY.match(k)), None)
    units = [k for k in keys if _UNIT_KEY.search(k.replace("-", "_"))]
    if key is None or not units:
        return None
    schema_org = "unitText" in node or "unitCode" in node
    extra = [k for k in keys if k != key and k not in units and k != "@type"]
    if not schema_org and any(k.lower() not in _REMARK_KEYS for k in extra):
        return None  # {"name": "Weight", "value": ..., "unit": ...}: the name labels the value
    value = node[key]
    if isinstance(value, dict | list) or any(isinstance(node[k], dict | list) for k in units):
        return None
    written = [str(node[k]).strip() for k in units if node[k] not in (None, "")]
    coded = [UNIT_CODES[w.upper()] for w in written if w.upper() in UNIT_CODES]
    unit = coded[0] if coded else (written[-1] if written else "")
    return f"{_scalar(value)} {unit}".strip()


_NUMERIC = re.compile(r"\d{1,12}(?:[.,]\d{1,9})?")
_UNIT_SUFFIXES = ("_unit", "unit", "_uom", "uom", "_units", "units", "-unit", " unit", "einheit")


# "netWeightKg", "itemWeightGrams": a camelCase weight key that names its unit at the end
_CAMEL_MASS_KEY = re.compile(
    r"^(?P<k>.*(?i:weight|mass|masse|gewicht|peso|poids|vikt))(?P<u>Kgs?|Grams?|Gr|Lbs?|Oz|Mg)$"
)
_CAMEL_UNITS = {"kg": "kg", "kgs": "kg", "gram": "g", "grams": "g", "gr": "g", "lb": "lb"}
# "unite_poids" beside "poids_unitaire": the unit key names the quantity after the unit word
_UNIT_PREFIX_KEY = re.compile(
    r"^(?:unit|uom|einheit|unidad|unidade|unite|unité|unita|unità|eenheid|jednostka|jednotka"
    r"|enhet)_(?P<k>[^\W\d_]{3,30})$",
    re.IGNORECASE,
)


def _numeric(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    return not isinstance(value, str) or _NUMERIC.fullmatch(value.strip()) is not None


def _unit_named_keys(node: dict[object, object]) -> dict[object, object]:
    """`{"netWeightKg": 24}` as `{"netWeight": "24 kg"}`: the unit a key's name ends in is the
    number's, so that a shared unit-of-measure key ("uom": "ROLL") is not taken for it."""
    out: dict[object, object] = {}
    renamed = False
    for key, value in node.items():
        m = _CAMEL_MASS_KEY.match(key) if isinstance(key, str) and _numeric(value) else None
        if m is None or m["k"] in node or m["k"] in out:
            out[key] = value
            continue
        unit = m["u"].lower()
        out[m["k"]] = f"{_scalar(value)} {_CAMEL_UNITS.get(unit, unit)}"
        renamed = True
    return out if renamed else node


def _with_sibling_units(node: dict[object, object]) -> dict[object, object]:
    """`{"weight": 1.8, "weight_unit": "kg"}` as `{"weight": "1.8 kg"}`: an ERP export's number
    and its unit in sibling keys are one quantity (the unit key itself stays)."""
    node = _unit_named_keys(node)
    keys = {str(k).lower(): k for k in node}
    prefixed = {
        m["k"].lower(): k for k in node if (m := _UNIT_PREFIX_KEY.match(str(k).replace("-", "_")))
    }
    out: dict[object, object] | None = None
    for lowered, key in keys.items():
        value = node[key]
        if not _numeric(value):
            continue
        unit_keys = [keys.get(lowered + suffix) for suffix in _UNIT_SUFFIXES]
        if prefixed:  # "poids_unitaire" and "unite_poids"
            unit_keys.append(prefixed.get(lowered) or prefixed.get(lowered.split("_")[0]))
        for unit_key in unit_keys:
            unit = node.get(unit_key) if unit_key is not None else None
            if isinstance(unit, str) and 0 < len(unit.strip()) <= 12:
                out = dict(node) if out is None else out
                out[key] = f"{_scalar(value)} {UNIT_CODES.get(unit.strip().upper(), unit.strip())}"
                break
    if out is None:
        out = _shared_unit(node)
    return node if out is None else out


def _shared_unit(node: dict[object, object]) -> dict[object, object] | None:
    """`{"neto": 0.85, "bruto": 1.02, "unidad": "kg"}`: one unit key for its numeric siblings."""
    units = [k for k in node if _UNIT_KEY.search(str(k).replace("-", "_"))]
    if len(units) != 1 or not isinstance(node[units[0]], str):
        return None
    unit = str(node[units[0]]).strip()
    if not 0 < len(unit) <= 12:
        return None
    unit = UNIT_CODES.get(unit.upper(), unit)
    out: dict[object, object] = {}
    for key, value in node.items():
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric or (isinstance(value, str) and _NUMERIC.fullmatch(value.strip())):
            out[key] = f"{_scalar(value)} {unit}"
        else:
            out[key] = value
    return out


def flatten(value: object, budget: TextBudget, prefix: str = "") -> list[str]:
    """`path.to.key: value` lines in document order, charged to `budget`."""
    lines: list[str] = []
    stack: list[tuple[str, object]] = [(prefix, value)]
    while stack and not budget.exhausted:
        path, node = stack.pop()
        if isinstance(node, dict):
            quantity = _quantity(node)
            if quantity is not None:
                lines.append(_take(budget, f"{path}: {quantity}" if path else quantity))
                continue
            if not node and path:
                lines.append(_take(budget, f"{path}: {{}}"))
            for key, child in reversed(list(_with_sibling_units(node).items())):
                stack.append((f"{path}.{key}" if path else str(key), child))
        elif isinstance(node, list):
            if not node and path:
                lines.append(_take(budget, f"{path}: []"))
            for index in range(len(node) - 1, -1, -1):
                stack.append((f"{path}[{index}]", node[index]))
        else:
            lines.append(_take(budget, f"{path}: {_scalar(node)}" if path else _scalar(node)))
    if stack:
        budget.truncated = True
    return lines


def _take(budget: TextBudget, line: str) -> str:
    return budget.take(line + "\n").removesuffix("\n")


def loads(text: str) -> object:
    """`json.loads` that reports absurd nesting as ValueError instead of RecursionError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("the JSON is nested too deeply to be read") from exc


def _object_end(text: str, start: int, limit: int) -> int | None:
    """Index after the bracket that closes the one at `start` (strings respected), or None."""
    depth = 0
    quote = ""
    escaped = False
    stop = min(len(text), start + limit)
    for index in range(start, stop):
        ch = text[index]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def script_objects(script: str) -> Iterator[tuple[str, object]]:
    """(name, value) of each JSON object a script assigns, e.g. `window.__STATE__ = {...};`."""
    position = 0
    found = 0
    while found < _MAX_OBJECTS:
        match = _ASSIGNMENT.search(script, position)
        if match is None:
            return
        start = match.end()
        end = _object_end(script, start, MAX_OBJECT_CHARS)
        if end is None:
            if start + MAX_OBJECT_CHARS >= len(script):
                return  # unclosed up to the end: nothing later can close either (linear)
            position = start + MAX_OBJECT_CHARS  # too big: skip it whole, never rescan
            continue
        position = end  # never rescan inside an object already matched
        try:
            value = loads(script[start:end])
        except ValueError:
            continue  # a JavaScript literal (unquoted keys, functions): not data we can read
        if isinstance(value, dict | list) and value:
            found += 1
            yield match.group(1).removeprefix("window.").removeprefix("self."), value


def parse_json(value: object, budget: TextBudget) -> Parsed:
    """A JSON upload as `path.to.key: value` lines (see `flatten`)."""
    return Parsed(sections=[Section("text", "\n".join(flatten(value, budget)))])
