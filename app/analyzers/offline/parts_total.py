"""The total of a parts list: the article's weight when it is the sum of the listed parts.

Bills of materials, material declarations and costed BOMs list the parts with a mass column
and close with a total row ("Summe Baugruppe: 2,024", "Total product mass | 96.0 | 100 %",
"Assembly weight: 0.84"). The rows are components, never the article; the total row is the
article, but its cells rarely line up with the header's and its unit is only in the header.
What singles it out, whoever wrote the list, is arithmetic: one number on it equals the sum
of one mass column of the rows above. Only that number is taken, in that column's unit, and
the rows it sums become components.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from app.analyzers.base import WeightBasis
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import Line, trim_quote
from app.analyzers.offline.weights import Mention, fmt_grams, header_unit
from app.analyzers.quantities import mass_unit, numbers

# "Grundkörper: Masse [g]: 84,3": a table cell with its row and column, as extraction repeats
# each row's cells below it; transparent while walking up the list
_CELL_LINE = re.compile(r"^[^:|]{1,80}: [^:|]{1,80}: [^|]{0,80}$")
_MAX_ROWS = 120
_DIGIT = re.compile(r"\d")
_MAX_LABEL = 60  # a total row is a label and its figures, not a sentence
_CODE = re.compile(r"(?i)(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def _not_parts(cell: str) -> bool:
    """A packed, shipping, process, pack or capacity column sums no parts of the article."""
    return any(
        words.search(cell)
        for words in (V.GROSS_WORDS, V.PROCESS_WORDS, V.PACK_WORDS, V.CAPACITY_WORDS)
    )


def _names_article(row: list[str], name: str) -> bool:
    """A row that is the article itself (its code, or most of its name's words): the list is of
    consignment items or a lot, not of the article's parts."""
    text = " ".join(row).casefold()
    if any(
        re.search(rf"(?<![\w-]){re.escape(code.casefold())}(?![\w-])", text)
        for code in _CODE.findall(name)
    ):
        return True
    words = re.findall(r"[^\W\d_]{3,}", name.casefold())
    return bool(words) and sum(w in text for w in words) >= 0.6 * len(words)


_AGREE = 0.01  # parts rounded to their last digit still add up to the total within this
_MAX_GAP = 2  # lines inside a list that are not rows (a sub-heading, the assembly's own line)


@dataclass(frozen=True, slots=True)
class PartsTotal:
    mention: Mention
    row_labels: frozenset[str]  # the first cells of the rows it sums


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|")]


def _label(text: str) -> str:
    """The first cell, or the words before the value of a "label: value" line."""
    first = next((c for c in text.split("|") if c.strip()), "")  # "| | | **Razem** | …" too
    head, sep, _ = first.rpartition(":")
    return (head if sep and not re.search(r"\d\s*$", head) else first).strip(" :*#")


@functools.lru_cache(maxsize=512)
def _mass_columns(line: str) -> list[tuple[int, float]]:
    """(offset from the right, grams per unit) of each weight column with a unit."""
    header = _cells(line)
    out = []
    for i, cell in enumerate(header):
        if not V.WEIGHT_WORDS.search(cell) or _not_parts(cell):
            continue
        if (factor := header_unit(cell)) is not None:
            out.append((len(header) - i, factor))
    return out


def _value(cells: list[str], offset: int, comma: bool) -> float | None:
    if len(cells) < offset:
        return None
    found = numbers(cells[-offset], comma_decimal=comma)
    return found[0][2] if len(found) == 1 else None


def _sums(
    rows: list[list[str]], columns: list[tuple[int, float]], comma: bool
) -> list[tuple[float, float]]:
    """(sum in the column's unit, grams per unit) of each mass column whose every row has a
    number in it."""
    out = []
    for offset, factor in columns:
        values = [_value(cells, offset, comma) for cells in rows]
        if all(v is not None for v in values):
            out.append((sum(v for v in values if v is not None), factor))
    return out


def _is_row(text: str) -> bool:
    return text.count("|") >= 2


def _rows_above(lines: Sequence[Line], i: int, limit: int = _MAX_ROWS) -> Iterator[Line]:
    """The table rows above line i, nearest first, through its repeated cell lines and up to
    `_MAX_GAP` other lines (a sub-heading, the assembly's own line)."""
    gap = 0
    for above in reversed(lines[max(0, i - limit) : i]):
        if _is_row(above.text):
            yield above
        elif not _CELL_LINE.match(above.text):
            gap += 1
            if gap > _MAX_GAP:
                return


def _agrees(value: float, total: float) -> bool:
    return total > 0 and abs(value - total) <= _AGREE * total


def _closes_rows(lines: Sequence[Line], i: int) -> bool:
    """A line with a figure right below a table row: the cheap test before any other."""
    return bool(_DIGIT.search(lines[i].text)) and next(_rows_above(lines, i, 24), None) is not None


# "1 246", "12 480": a figure whose thousands a space groups (Polish, French, Czech, Swedish
# writing), kept as one more reading; only the sum of the rows above can confirm it.
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])")


_RULE_ROW = re.compile(r"[\s|:\-–—=+]+")


def _spaced_groups(text: str) -> list[float]:
    return [float(m.group().replace(" ", "")) for m in _SPACED.finditer(text)]


def parts_list_totals(
    lines: Sequence[Line], *, name: str, source: str, comma: bool, order_base: int = 0
) -> list[PartsTotal]:
    totals: list[PartsTotal] = []
    for i, line in enumerate(lines):
        if not _closes_rows(lines, i):
            continue  # the cheap test first: a total row follows its rows
        label = _label(line.text)
        if not label or len(label) > _MAX_LABEL or V.SUBTOTAL_WORDS.search(label):
            continue
        if not (V.TOTAL_ROW_WORDS.search(label) or V.WEIGHT_WORDS.search(label)):
            continue
        if any(mass_unit(c.split()[-1]) for c in _cells(line.text)[1:] if c.split()):
            continue  # a total with its own unit is read by the weight rules themselves
        if (keyed := _keyed_total(lines, i, name, comma)) is not None:
            grams, count = keyed
            totals.append(_total(line, label, grams, count, source, order_base, frozenset()))
            continue
        rows: list[list[str]] = []
        header: list[str] | None = None
        for above in _rows_above(lines, i):
            if _mass_columns(above.text):
                header = _cells(above.text)
                break
            if not _RULE_ROW.fullmatch(above.text):  # a Markdown "|---|---|" under the header
                rows.append(_cells(above.text))
        if header is None or len(rows) < 2 or any(_names_article(r, name) for r in rows):
            continue
        sums = _sums(rows, _mass_columns(" | ".join(header)), comma)
        figures = line.text[line.text.index(label) + len(label) :]
        stated = [v for _, _, v in numbers(figures, comma_decimal=comma)]
        stated += _spaced_groups(figures)  # "**1 246**": a space groups the thousands
        match = next(
            (value * factor for total, factor in sums for value in stated if _agrees(value, total)),
            None,
        )
        if match is None:
            continue
        labels = frozenset(c[0] for c in rows if len(c[0]) >= 3 and not c[0].isdigit())
        totals.append(_total(line, label, match, len(rows), source, order_base, labels))
    return totals


def with_parts_totals(mentions: list[Mention], totals: Sequence[PartsTotal]) -> list[Mention]:
    """The mentions with each total added and the rows it sums read as components."""
    if not totals:
        return mentions
    labels = frozenset().union(*(t.row_labels for t in totals))
    # the total row itself, read again from the extracted table ("|  | Summe Baugruppe |  | 2,024")
    # as one more row of the list, is the total, not a rival of it
    mentions = [m for m in mentions if not any(_same_figure(m, t.mention) for t in totals)]
    out = [
        replace(
            m,
            basis=WeightBasis.COMPONENT,
            grams=None,
            score=0.0,
            reason="a row of a parts list whose total is stated (the weight of one part)",
        )
        if any(m.quote.startswith(label) for label in labels)
        else m
        for m in mentions
    ]
    return out + [t.mention for t in totals]


def _total(
    line: Line,
    label: str,
    grams: float,
    rows: int,
    source: str,
    order_base: int,
    labels: frozenset[str],
) -> PartsTotal:
    reason = f"the total of a parts list: the sum of its {rows} rows ({fmt_grams(grams)})"
    mention = Mention(
        grams=grams,
        stated_grams=grams,
        basis=WeightBasis.NET,
        score=1.0,
        quote=trim_quote(line.text),
        location=line.location,
        source=source,
        order=order_base + line.order,
        reason=reason,
        total=True,
        label=label,
    )
    return PartsTotal(mention, labels)


# "Masse [kg]=1,240": a cell that names its column, as exports without a header line write rows
_KEYED_CELL = re.compile(r"^(?:[^:|=]{1,40}:\s)?(?P<key>[^=|:]{2,60})=(?P<value>[^=|]{1,30})$")


def _keyed_masses(text: str, comma: bool) -> dict[str, tuple[float, float]]:
    """{column key: (number, grams per unit)} of a row's cells whose key is a mass column."""
    out = {}
    for cell in _cells(text):
        m = _KEYED_CELL.match(cell)
        if m is None or not V.WEIGHT_WORDS.search(m["key"]) or _not_parts(m["key"]):
            continue
        factor = header_unit(m["key"])
        found = numbers(m["value"], comma_decimal=comma)
        if factor is not None and len(found) == 1:
            out[m["key"].strip()] = (found[0][2], factor)
    return out


def _keyed_total(lines: Sequence[Line], i: int, name: str, comma: bool) -> tuple[float, int] | None:
    """(grams, rows) when line i's keyed mass is the sum of the same key over the rows above."""
    own = _keyed_masses(lines[i].text, comma)
    if len(own) != 1:
        return None
    key, (value, factor) = next(iter(own.items()))
    values: list[float] = []
    for above in _rows_above(lines, i):
        cell = _keyed_masses(above.text, comma).get(key)
        if cell is None or _names_article(_cells(above.text), name):
            return None
        values.append(cell[0])
    if len(values) < 2 or not _agrees(value, sum(values)):
        return None
    return value * factor, len(values)


def _same_figure(m: Mention, total: Mention) -> bool:
    return (
        m.basis == WeightBasis.COMPONENT
        and total.label in m.quote
        and abs(m.stated_grams - total.stated_grams) <= 1e-6 * total.stated_grams
    )
