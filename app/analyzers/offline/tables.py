"""Variant and catalogue tables, read the way a buyer reads them.

A catalogue page lists many sizes of one product in a table, and the article name names one of
them. What reaches the weight rules is rarely a clean table with a header:

* a PDF's table has no header of its own: the header is one of its rows, below a title or a few
  "key | value" rows, and its cells may be glued together ("Shank length (mm) Weight (kg)");
* the weight column states its unit only in the header, often as a mass per count
  ("kg/1000 pcs", "Gewicht (g/100 Stk.)", "lbs/M") or by the symbol of mass ("m [kg]");
* a table that runs on to the next page has no header there at all.

`with_header_rows` finds the header row of each table and gives the rows below it that header
(a header with fewer cells than the rows is lined up from the right only when the weight is its
last column; a row of units under it joins its cells), so `weights._table_mentions` reads them
like any table with a header. `bracket_unit` reads a unit written with what it is per inside
brackets ("(g/100 Stk.)"). Once the rows are read, `named_row` keeps the one row of a variant
table the name names (the others are other articles), `another_code` does the same across
tables for rows of another article code, and `plain_column` prefers the plain weight column to
a qualified one the name says nothing of. Each decides only when one row or column stands out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from app.analyzers.base import WeightBasis
from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.quantities import find_quantities, mass_unit
from app.extraction.document import Table

__all__ = [
    "another_code",
    "bare_number",
    "bracket_unit",
    "increment",
    "named_row",
    "plain_column",
    "unit_row",
    "weight_label",
    "with_header_rows",
    "with_unit_row",
]

_MASS = r"kg|kgs|g|gr|grs|lbs?|oz|mg|克|公斤|千克"

# "kg/1000 pcs", "g / 100 Stk.", "(kg/100 pcs)", "kg per 1000": a column of the weight of N pieces
_PER_COUNT_CELL = re.compile(
    rf"^\s*[\[(（]?\s*(?P<u>{_MASS})\s*(?:/|per|pro|je)\s*(?P<n>\d[\d.,' ]{{0,8}}?)\s*"
    rf"(?:{C.PIECES})?\s*[\])）]?\s*$",
    re.IGNORECASE,
)
# "kg/pc", "g/Stk.": the weight of one piece, the unit alone
_PER_PIECE_CELL = re.compile(
    rf"^\s*[\[(（]?\s*(?P<u>{_MASS})\s*/\s*(?:1\s*)?(?:{C.PIECES})\s*[\])）]?\s*$", re.IGNORECASE
)
# "m [kg]", "m (g)": the symbol of mass over a column of bare numbers
_MASS_SYMBOL_CELL = re.compile(rf"^\s*[mM]\s*[\[(]\s*(?P<u>{_MASS})\s*[\])]\s*$", re.IGNORECASE)
# "lbs/M", "lb/C": a US catalogue's weight per thousand (M) or hundred (C) pieces
_US_COUNT = re.compile(r"(?P<u>lbs?)\s*/\s*(?P<c>[MC])(?![^\W\d_])")
# "(g/100 Stk.)", "(kg/m)", "[kg/pc]": a mass unit and what it is per, in brackets
_BRACKET_UNIT = re.compile(
    rf"[\[(（]\s*(?P<u>{_MASS})\s*(?P<per>/[^\])）]{{1,24}})[\])）]", re.IGNORECASE
)
# what a bracketed unit may be per, so that the weight rules can judge it: N pieces, a piece,
# or a unit of length, area, volume or time ("/100 m" is left out: it is neither)
_PER_KNOWN = re.compile(
    rf"^/\s*(?:\d[\d.,' ]{{0,8}}\s*(?:{C.PIECES})|(?:1\s*)?(?:{C.PIECES})"
    rf"|[^\W\d_][^\d]{{0,10}})\s*$",
    re.IGNORECASE,
)
_NUMBER_CELL = re.compile(r"^\s*[<>~≈±+\-]?\s*\d[\d.,' ]*\s*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_UNIT_WORD = re.compile(rf"(?<![^\W\d_])(?:{_MASS}|{C.PIECES})(?![^\W\d_])", re.IGNORECASE)
_SHAPE_LETTER = re.compile(r"[^\W\d_]")
_SHAPE_DIGIT = re.compile(r"\d")


def bracket_unit(cell: str) -> tuple[float, str] | None:
    """(grams per unit, what follows the unit) of a label whose unit is written in brackets with
    what it is per ("Gewicht (g/100 Stk.)" -> (1.0, "/100 Stk."), "Masse (kg/m)" -> (1000.0,
    "/m")); None when there is none, or when what it is per is no count of pieces and no unit."""
    m = _BRACKET_UNIT.search(cell)
    if m is None:
        return None
    factor = mass_unit(m["u"])
    per = m["per"].strip()
    if factor is None or not _PER_KNOWN.match(per):
        return None
    return factor, per


# a row of units under a header row ("(kN)", "mm | mm", "Nm   kg/Stck"), the way a PDF or an
# OCR text prints a header over two lines
_UNIT_TOKEN = re.compile(
    rf"^[\[(]?(?:mm|cm|m|µm|kn|n|nm|kw|w|v|a|bar|mpa|°|°c|%|mm²|mm2|cm²|cm2|in|rpm|min-1|1/min"
    rf"|{C.PIECES}|(?:{_MASS})(?:/[^\W\d_]{{1,6}}\.?)?)[\])]?$",
    re.IGNORECASE,
)
_MASS_TOKEN = re.compile(rf"^[\[(]?(?:{_MASS})(?:/[^\W\d_]{{1,6}}\.?)?[\])]?$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"(?<![^\W_])\d+(?:[.,]\d+)?(?![^\W_])")


def unit_row(text: str) -> bool:
    """A line of units only, as printed under a header row."""
    tokens = [t for t in re.split(r"[\s|]+", text) if t]
    return bool(tokens) and len(tokens) <= 12 and all(_UNIT_TOKEN.match(t) for t in tokens)


def with_unit_row(header: str, units: str) -> str:
    """A header whose last column is a weight word given the mass unit printed under it
    ("… Gew." over "… kg/Stck": "… Gew. kg/Stck"); the header as it is otherwise."""
    tokens = [t for t in re.split(r"[\s|]+", units) if t]
    if not tokens or not _MASS_TOKEN.match(tokens[-1]):
        return header
    words = header.split()
    if not words or not V.WEIGHT_WORDS.search(words[-1]):
        return header
    return f"{header} {tokens[-1]}"


def bare_number(header: str) -> bool:
    """A number standing on its own in a line ("ISO 5211", "2,5"): the line may be a value line,
    not a header row, whose symbols carry digits as part of a name ("d0", "H7", "C0 stat.")."""
    return _BARE_NUMBER.search(header) is not None


_INCREMENT = re.compile(r"^\s*\+\s{0,2}\d")


def increment(cell: str) -> bool:
    """A cell that adds to another weight ("+ 4,5 kg" in a "Gewichtszuschlag" column of
    options): what an option adds, not a weight of its own."""
    return _INCREMENT.match(cell) is not None


def weight_label(cell: str) -> str:
    """The label a header cell gives a column of weights, empty when it is no weight column.

    A cell with a weight word labels itself. A cell that is only a mass per count, a mass per
    piece or the symbol of mass over a unit ("kg/1000 pcs", "kg/pc", "m [kg]") gets a weight word
    before it, so that the weight rules read it as any weight column. A US catalogue's "lbs/M"
    is spelled out as per 1000 pieces (an "M" is no metre there).
    """
    text = cell.strip()
    if not text:
        return ""
    if us := _US_COUNT.search(text):
        count = "1000" if us["c"] == "M" else "100"
        text = f"{text[: us.start()]}{us['u']}/{count} pcs{text[us.end() :]}"
    if V.WEIGHT_WORDS.search(text):
        return text
    for pattern in (_PER_COUNT_CELL, _PER_PIECE_CELL, _MASS_SYMBOL_CELL):
        if pattern.match(text):
            if text[0] in "[(（" and text[-1] in "])）":
                text = text[1:-1].strip()  # "(kg/100 pcs)": the unit, read after the weight word
            return "weight " + text
    return ""


def _weight_columns(row: Sequence[str]) -> list[int]:
    """The weight columns of a header row; empty when the row is no header row: fewer than two
    labels, a bare number among them, or a cell that states a mass (a data row)."""
    filled = [c for c in row if c.strip()]
    if len(filled) < 2:
        return []
    for cell in filled:
        if _NUMBER_CELL.match(cell) or not _HAS_LETTER.search(cell):
            return []
    columns = [j for j, c in enumerate(row) if weight_label(c)]
    if columns and any(any(True for _ in find_quantities(c, comma_decimal=False)) for c in filled):
        return []
    return columns


def _has_number(row: Sequence[str]) -> bool:
    return any(_NUMBER_CELL.match(c) for c in row)


def _last_label(cell: str) -> str:
    """The weight label at the end of a header cell that extraction glued to the cells before
    it ("Shank length (mm) Weight (kg)" -> "Weight (kg)"), with the one word before the weight
    word that may qualify it ("Gross weight (kg)")."""
    found = list(V.WEIGHT_WORDS.finditer(cell))
    if not found:
        return weight_label(cell)
    start = found[-1].start()
    before = cell[:start].rstrip()
    if before and start > len(before) and before.split()[-1].isalpha():
        start = len(before) - len(before.split()[-1])
    return cell[start:].strip()


def _ends_with_weight(cell: str) -> bool:
    """The weight label is the last thing in the cell: nothing but its unit after the word."""
    found = list(V.WEIGHT_WORDS.finditer(cell))
    if not found:
        return bool(weight_label(cell))
    rest = _UNIT_WORD.sub("", cell[found[-1].end() :])
    return len(rest) <= 16 and not _HAS_LETTER.search(rest)


def _aligned(header: Sequence[str], width: int, columns: list[int]) -> tuple[str, ...] | None:
    """The header lined up with body rows of `width` cells, weight columns relabelled; None
    when they cannot be lined up: a header with fewer cells lines up from the right only when
    its weight column is its last cell and ends with the weight label."""
    cells = [weight_label(c) if j in columns else c for j, c in enumerate(header)]
    if len(header) == width:
        return tuple(cells)
    if len(header) > width or columns != [len(header) - 1]:
        return None
    last = header[-1]
    if not _ends_with_weight(last):
        return None
    label = weight_label(_last_label(last))
    if not label:
        return None
    return (header[0], *([""] * (width - 2)), label)


def _with_units(head: tuple[str, ...], below: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """A header row with the units a row of its own prints under its cells ("Net weight" over
    "kg": "Net weight kg"), when the row below is such a row: as many cells, units only."""
    if not below or len(below[0]) != len(head):
        return head
    units = below[0]
    if not any(u.strip() for u in units) or not all(
        not u.strip() or _UNIT_TOKEN.match(u.strip()) for u in units
    ):
        return head
    return tuple(
        f"{h} {u.strip()}".strip() if u.strip() else h for h, u in zip(head, units, strict=True)
    )


def _shape(cell: str) -> str:
    return _SHAPE_DIGIT.sub("9", _SHAPE_LETTER.sub("a", cell.strip().lower()))


def _split(table: Table) -> tuple[list[Table], tuple[str, ...] | None]:
    """The table as parts: the rows above its header row as they were, and each header row
    with the rows below it (up to the next header row) as a table with that header. Also the
    header of its last part, for a table that runs on to the next page."""
    header = tuple(table.header)
    if header and _weight_columns(header):
        # a header of its own: read as it is, and carried to a page its rows run on to
        widths = {len(row) for row in table.rows if _has_number(row)}
        return [table], header if widths == {len(header)} else None
    starts = [r for r, row in enumerate(table.rows) if _weight_columns(row)]
    # a header row has data below it, after at most a row of units ("mm | mm") or a group header
    starts = [r for r in starts if any(_has_number(row) for row in table.rows[r + 1 : r + 3])]
    if not starts:
        return [table], None
    parts: list[Table] = []
    if starts[0] or header:
        parts.append(replace_rows(table, header, table.rows[: starts[0]]))
    # a title row above the header ("Nomenclature de l'ensemble …", "Quote Q-26 from …") is
    # the caption of the rows below it, as a heading above a table is
    titles = [c for row in table.rows[: starts[0]] if len(c := [x for x in row if x.strip()]) == 1]
    caption = " ".join([table.caption, *(c[0] for c in titles)]).strip()
    table = Table(table.location, table.header, table.rows, caption)
    last: tuple[str, ...] | None = None
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(table.rows)
        head = _with_units(table.rows[start], table.rows[start + 1 : start + 2])
        body = [row for row in table.rows[start + 1 : end] if _has_number(row)]
        widths = {len(row) for row in body}
        width = max(widths, key=lambda w: sum(len(row) == w for row in body)) if body else 0
        aligned = _aligned(head, width, _weight_columns(head)) if width else None
        if aligned is None:
            parts.append(replace_rows(table, (), table.rows[start:end]))
            last = None
            continue
        rows = [row for row in table.rows[start + 1 : end] if len(row) == width]
        parts.append(replace_rows(table, aligned, tuple(rows)))
        last = aligned
    return parts, last


def replace_rows(table: Table, header: Sequence[str], rows: Sequence[tuple[str, ...]]) -> Table:
    return Table(table.location, tuple(header), tuple(rows), table.caption)


def _runs_on(table: Table, previous: Table, header: tuple[str, ...]) -> bool:
    """A headerless table on the next page that continues the previous one: its data rows have
    the previous rows' width and the first cells of both are written alike ("CRS-580-36" below
    "CRS-580-33")."""
    if table.header or table.location == previous.location or not previous.rows:
        return False
    rows = [row for row in table.rows if _has_number(row)]
    if not rows or any(_weight_columns(row) for row in table.rows):
        return False
    width = len(header)
    if len(rows[0]) != width:
        return False
    first = rows[0][0]
    return bool(_HAS_LETTER.search(first)) and _shape(first) == _shape(previous.rows[-1][0])


# "Wagen (kg)", "Carriage [kg]": a column labelled by a thing and a mass unit, no weight word
_THING_UNIT_CELL = re.compile(rf"^\s*([^\W\d_]{{4,30}})\s*[\[(]\s*(?:{_MASS})\s*[\])]\s*$", re.I)
_FIRST_WORD = re.compile(r"[^\W\d_]{4,40}")


def _own_columns(table: Table, name: str) -> Table:
    """A column labelled by the thing the article name names first and a mass unit ("Wagen
    (kg)" beside "Schiene (kg/m)" for a "Führungswagen …"): the article's weight column, given
    a weight word. A thing the name does not start with is another part's, and left as it is."""
    first = _FIRST_WORD.match(name.strip())
    if first is None:
        return table
    noun = first.group().lower()

    def own(cell: str) -> str:
        m = _THING_UNIT_CELL.match(cell)
        thing = m.group(1).lower() if m else ""
        return f"weight {cell.strip()}" if thing and noun.endswith(thing) else cell

    header = tuple(own(c) for c in table.header)
    rows = tuple(tuple(own(c) for c in row) if not _has_number(row) else row for row in table.rows)
    if header == tuple(table.header) and rows == table.rows:
        return table
    return Table(table.location, header, rows, table.caption)


def with_header_rows(tables: Sequence[Table], name: str = "") -> list[Table]:
    """The tables with their header rows found: a table whose header is one of its rows, or
    runs on from the previous page, is split into the rows above the header (as they were) and
    the rows below it with that header. Tables with a header of their own are left as they are,
    but a weight column labelled only by its unit ("kg/1000 pcs") is given a weight word."""
    out: list[Table] = []
    carried: tuple[tuple[str, ...], Table] | None = None
    for table in tables:
        table = _own_columns(table, name) if name else table
        if table.header and not any(V.WEIGHT_WORDS.search(h) for h in table.header):
            relabelled = tuple(weight_label(h) or h for h in table.header)
            if relabelled != tuple(table.header) and _weight_columns(relabelled):
                table = replace_rows(table, relabelled, table.rows)
        if carried is not None and _runs_on(table, carried[1], carried[0]):
            header, _ = carried
            rows = tuple(row for row in table.rows if len(row) == len(header))
            continued = replace_rows(table, header, rows)
            out.append(continued)
            carried = (header, continued)
            continue
        parts, last = _split(table)
        out.extend(parts)
        carried = (last, parts[-1]) if last is not None else None
    return out


# ------------------------------------------------------------------ the row the name names

_ENTRY_WORD = re.compile(r"[0-9a-z\u00df-\u024f]+|[\u3040-\u30ff\u4e00-\u9fff]+")
_EXACT_RUN_MIN = 3  # words of a row's cell the name must repeat in order to name it ...
_CODED_RUN_MIN = 2  # ... or fewer when one of them is a designation ("MB 32-200/2,2")
_SPACES = re.compile(r"\s+")
# what may not touch a designation the name repeats: a letter or digit, or a number that goes
# on ("KR08B-2" of "KR08B-25", "MB 32-200" of "MB 32-200/2,2", "1" of "1 1/2")
_GOES_ON = re.compile(r"^(?:[^\W_]|[\s/.,\-]\d)")
_WENT_BEFORE = re.compile(r"(?:[^\W_]|\d[\s/.,\-])$")


class _Entry(Protocol):
    """A weight mention of a table row, as weights.Mention has it."""

    keys: frozenset[str]
    basis: WeightBasis
    score: float
    reason: str
    quote: str
    label: str


def _designation_key(key: str) -> bool:
    """A key that designates a variant: an article code, a model or size token, a dimension
    ("!kr08b25", "m6", "=6x20"), not a bare number, a word or a scope."""
    if key[:1] in "!=":
        return True
    return key[:1] not in "#+-" and any(c.isdigit() for c in key) and any(c.isalpha() for c in key)


def _repeated(cell: str, name: str) -> bool:
    """The name repeats the cell as written, not as the start or the end of a longer
    designation or number."""
    start = name.find(cell)
    while start >= 0:
        end = start + len(cell)
        if not _GOES_ON.match(name[end:]) and not _WENT_BEFORE.search(name[:start]):
            return True
        start = name.find(cell, start + 1)
    return False


def _named_run(cells: Iterable[str], name: str) -> int:
    """The most words of one cell of a row that the name repeats as written: the row's
    description or model is the article name's ("MB 32-200/2,2" in "Elettropompa … MB
    32-200/2,2, 2,2 kW"); a code that only starts the name's ("KR08B-2" of "KR08B-25") is not."""
    best = 0
    for cell in cells:
        text = _SPACES.sub(" ", cell.lower()).strip()
        words = _ENTRY_WORD.findall(text)
        coded = any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
        least = _CODED_RUN_MIN if coded else _EXACT_RUN_MIN
        if len(words) >= least and len(words) > best and _repeated(text, name):
            best = len(words)
    return best


def named_row(
    entries: Sequence[_Entry],
    rows: Sequence[Sequence[str]],
    quote: Callable[[Sequence[str]], str],
    overlap: Callable[[Iterable[str]], int],
    name: str,
) -> None:
    """Within one variant table (a header with a weight column over rows), the row that names
    the article most is the article's; the other rows are other articles, not rivals. A row is
    named by a cell the name repeats as written, else by its designations (an article code, a
    size, a model: `overlap` of its mentions' designation keys). Only a single best row
    counts: when two rows name the article as much, nothing is decided here. When the best row
    states no weight, the others still are other articles (the document has no weight of it)."""
    by_row: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_row.setdefault(entry.quote, []).append(entry)
    if not by_row or len(rows) < 2:
        return
    low = _SPACES.sub(" ", name.lower())
    strength: dict[str, tuple[int, int]] = {}
    for row in rows:
        q = quote(row)
        keys = {k for e in by_row.get(q, []) for k in e.keys if _designation_key(k)}
        value = (_named_run(row, low), overlap(keys) if keys else 0)
        strength[q] = max(value, strength.get(q, (0, 0)))
    best = max(strength.values())
    if best == (0, 0) or sum(v == best for v in strength.values()) != 1:
        return
    named = next(q for q, v in strength.items() if v == best)
    for q, group in by_row.items():
        if q == named or q not in strength:
            continue
        for entry in group:
            if entry.basis in _ELIGIBLE:
                entry.basis, entry.score = WeightBasis.OTHER_VARIANT, 0.0
                entry.reason += (
                    f"; another row of the table than the one that names the article ({named[:40]})"
                )


_ELIGIBLE = frozenset(
    {WeightBasis.NET, WeightBasis.UNSPECIFIED, WeightBasis.UPPER_BOUND, WeightBasis.DERIVED}
)


_CODE_CELL = re.compile(r"^(?=[^\s|:]*\d)(?=[^\s|:]*[^\W\d_])[^\s|:]{4,30}$")
_FIRST_CELL = re.compile(r"\s\|\s|:\s")


def _code_cell(entry: _Entry) -> str:
    """The article code a row starts with ("40.100.GP | 100 | …", "40.100.GP: Peso kg: 0,62"),
    lower case; empty when its first cell is no code (a word, a number, a phrase)."""
    first = _FIRST_CELL.split(entry.quote, maxsplit=1)[0].strip().lower()
    return first if _CODE_CELL.match(first) else ""


def another_code(entries: Sequence[_Entry], codes: frozenset[str], name: str) -> None:
    """Across the documents, a row named by the article's own code (every hyphenated code the
    row carries is one of the name's, "KR08B1-25", or the code it starts with is written in the
    name as it is, "40.100.GP") makes rows carrying another code other articles, whatever else
    they share with the name (a size, a tooth count): the product line below ("KS08B1-25",
    "40.100.GPF") or a sibling code. Nothing changes when no row carries the name's code."""
    low = _SPACES.sub(" ", name.lower())

    def own(entry: _Entry) -> bool | None:
        found = {k[1:] for k in entry.keys if k[:1] == "!"}
        if found:
            return found <= codes
        code = _code_cell(entry)
        return _repeated(code, low) if code else None

    if not any(own(e) for e in entries):
        return
    for entry in entries:
        if own(entry) is False and entry.basis in _ELIGIBLE:
            entry.basis, entry.score = WeightBasis.OTHER_VARIANT, 0.0
            entry.reason += "; the row of another article code (the article's own code has a row)"


_QUALIFIED_PENALTY = 0.1


def plain_column(
    entries: Sequence[_Entry], scope: Callable[[str], set[str]], words: frozenset[str]
) -> None:
    """Several weight columns in one row ("Peso g | Peso con maniglia g", "Weight | Weight with
    oil"): a column qualified by what it includes or leaves out yields to the plain one when the
    name says nothing of that (a name that does say it is matched by the rules of variants).
    Columns all qualified, or none, are left as they are: the rules abstain between them."""
    by_row: dict[str, list[_Entry]] = {}
    for entry in entries:
        if entry.basis in _ELIGIBLE:
            by_row.setdefault(entry.quote, []).append(entry)
    for group in by_row.values():
        scoped = [(e, scope(e.label)) for e in group]
        if not any(keys for _, keys in scoped) or all(keys for _, keys in scoped):
            continue
        for entry, keys in scoped:
            said = {k[1:] for k in words if k[:1] in "+-"}
            if keys and not any(k[1:] in said for k in keys):
                entry.score = round(max(0.0, entry.score - _QUALIFIED_PENALTY), 3)
                entry.reason += (
                    f"; a column qualified by what the name does not say ({sorted(keys)[0]}),"
                    " beside a plain one"
                )
