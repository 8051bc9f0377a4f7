"""Rows of cells (CSV, spreadsheet sheets) as `label: value` lines an analyzer can quote.

One row becomes one line, so evidence can be trimmed to "a table row". A value followed by a
unit cell keeps the unit ("Weight: 250 g"); with a header row of column names that are not
just "Value"/"Unit", the columns are named ("Bracket: Material=Steel | Weight=250 g").
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from app.extraction.document import Section, Table
from app.extraction.text import Parsed, TextBudget

_DELIMITERS = (";", "\t", ",", "|")
_MAX_TABLE_ROWS = 10_000  # rows kept as a `Table`; every row still becomes a line
_NUMBER = re.compile(
    r"^[+\-±~≈<>≤≥]?\s?(\d{1,3}([.,' \u00a0]\d{3})+|\d+)([.,]\d+)?([eE][+-]?\d+)?\s?%?$"
)
_UNIT = re.compile(r"^(?=.*[^\W\d_%°]|.*[%°])[^\s\d]{1,10}[23]?$")
_VALUE_HEADERS = {
    "value", "values", "wert", "werte", "valeur", "valore", "valor", "waarde", "wartość",
    "unit", "units", "einheit", "unité", "unità", "unidad", "eenheid", "jednostka", "uom",
    "amount", "betrag", "data", "daten", "specification", "spezifikation", "angabe", "angaben",
    "",
}  # fmt: skip


def is_number(text: str) -> bool:
    # Plain digits first: a sheet of figures asks this of every cell.
    return text.isdecimal() or bool(_NUMBER.match(text))


def _is_unit(text: str) -> bool:
    if len(text) > 11 or text[:1].isdecimal():  # what `_UNIT` refuses first, without it
        return False
    return bool(_UNIT.match(text)) and not is_number(text)


def _value_header(name: str) -> bool:
    return name.strip().strip(":[]()").strip().lower() in _VALUE_HEADERS


def _join_values(parts: list[tuple[str | None, str]]) -> str:
    """Join (column name or None, value) pairs; a unit right after a number stays attached."""
    out: list[str] = []
    previous_numeric = False
    for name, value in parts:
        if name is None and out and previous_numeric and _is_unit(value):
            out[-1] = f"{out[-1]} {value}"
            previous_numeric = False
            continue
        out.append(f"{name}={value}" if name else value)
        previous_numeric = is_number(value)
    return " | ".join(out)


def _is_header(row: Sequence[str], following: Sequence[str] | None) -> bool:
    """A header names columns: all text, at least two, and followed by data that is not."""
    filled = [cell for cell in row if cell]
    if len(filled) < 2 or any(is_number(cell) for cell in filled):
        return False
    if any(_value_header(cell) for cell in filled):
        return True
    return following is not None and any(is_number(cell) for cell in following if cell)


def _column_names(header: Sequence[str] | None) -> list[str | None]:
    """Each header cell as the name its column's values get (None for "Value", "Unit" and
    unnamed columns), worked out once per table rather than once per cell."""
    return [None if _value_header(name) else name for name in header or ()]


def _row_line(row: Sequence[str], names: list[str | None]) -> str | None:
    filled = [(index, cell) for index, cell in enumerate(row) if cell]
    if not filled:
        return None
    (_, label), rest = filled[0], filled[1:]
    if not rest:
        return label
    width = len(names)
    parts = [(names[index] if index < width else None, value) for index, value in rest]
    return f"{label}: {_join_values(parts)}"


def rows_to_lines(rows: Iterable[Sequence[str]], budget: TextBudget) -> Iterator[str]:
    """Stream `label: value` lines, charging each to the budget and stopping once it is spent."""
    iterator = (row for row in rows if any(row))
    first = next(iterator, None)
    if first is None:
        return
    second = next(iterator, None)
    header: Sequence[str] | None = None
    pending: list[Sequence[str]] = []
    if _is_header(first, second):
        header = first
    else:
        pending.append(first)
    if second is not None:
        pending.append(second)
    names = _column_names(header)
    for row in _chain(pending, iterator):
        if budget.exhausted:  # there is more to read than we may keep
            budget.truncated = True
            return
        line = _row_line(row, names)
        if line is not None:
            yield budget.take(line + "\n").removesuffix("\n")


def table_from_rows(
    location: str, rows: Sequence[Sequence[str]], caption: str = ""
) -> Table | None:
    """Rows of cells as a `Table` (the first row is its header when it names the columns)."""
    body = [tuple(row) for row in rows if any(row)]
    if not body or all(sum(1 for cell in row if cell) < 2 for row in body):
        return None  # one value per row is a list, not a table
    width = max(len(row) for row in body)
    body = [row + ("",) * (width - len(row)) for row in body]
    header: tuple[str, ...] = ()
    if len(body) > 1 and _is_header(body[0], body[1]):
        header, body = body[0], body[1:]
    return Table(location, header, tuple(body), caption)


def keep_rows(rows: Iterable[list[str]], kept: list[list[str]]) -> Iterator[list[str]]:
    """Pass rows through, keeping the first `_MAX_TABLE_ROWS` of them in `kept` for a `Table`."""
    for row in rows:
        if len(kept) < _MAX_TABLE_ROWS:
            kept.append(row)
        yield row


def _chain(first: list[Sequence[str]], rest: Iterator[Sequence[str]]) -> Iterator[Sequence[str]]:
    yield from first
    yield from rest


def sniff_delimiter(lines: Sequence[str]) -> tuple[str, float]:
    """Pick the delimiter that splits most lines into the same number (> 1) of columns.

    Ties go to more columns, so "Gewicht;250,5;g" is split at ";" and not at the decimal comma.
    """
    best, best_key = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        columns, frequency = Counter(counts).most_common(1)[0]
        if columns < 2:
            continue
        key = (frequency / len(counts), columns)
        if key > best_key:
            best, best_key = delimiter, key
    return best, best_key[0]


def parse_csv(text: str, budget: TextBudget) -> Parsed:
    """CSV/TSV with sniffed delimiter (and Excel's `sep=;` first line honoured)."""
    warnings: list[str] = []
    first_line, _, rest = text.partition("\n")
    if re.fullmatch(r"sep=(.)\r?", first_line):
        delimiter = first_line[4]
        text = rest
    else:
        sample = [line for line in text[:20000].splitlines()[:50] if line.strip()]
        delimiter, _ = sniff_delimiter(sample)
    rows = (
        [" ".join(cell.split()) for cell in row]
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    )
    lines: list[str] = []
    kept: list[list[str]] = []
    try:
        lines.extend(rows_to_lines(keep_rows(rows, kept), budget))
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        warnings.append(f"The CSV could not be read past line {len(lines) + 1} ({exc}).")
    table = table_from_rows("text", kept)
    return Parsed(
        sections=[Section("text", "\n".join(lines))],
        warnings=warnings,
        tables=[table] if table is not None else [],
    )
