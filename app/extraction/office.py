"""DOCX and XLSX: ZIP containers of XML, checked for zip bombs before any parser opens them."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from app.extraction.document import ExtractionError, ExtractionLimits, Section, Table
from app.extraction.tabular import keep_rows, rows_to_lines, table_from_rows
from app.extraction.text import Parsed, TextBudget

_MAX_MEMBERS = 20_000
_MAX_RATIO = 100  # deflate rarely beats ~20:1 on real XML; bombs reach 1000:1
# Below this a part cannot hurt on its own, and tiny parts compress oddly (a 2 KB run of
# blanks). Their sizes still count toward the total, which is what bounds a split bomb.
_RATIO_MIN_BYTES = 64 * 1024
_TOO_COMPLEX = "file_too_complex"


def _bomb(name: str, size: int, packed: int) -> ExtractionError:
    return ExtractionError(
        _TOO_COMPLEX,
        f"The document part {name!r} is compressed {size // max(packed, 1):,}:1, "
        "which only happens in files built to exhaust a reader (a zip bomb)",
    )


def check_zip(data: bytes, limits: ExtractionLimits) -> None:
    """Refuse ZIPs that would unpack to more than the limit, or that compress like a bomb.

    The total unpacked size is checked, and the ratio of every part and of all parts together:
    a bomb split into many parts each just under a per-part threshold is still a bomb. Sizes
    come from the central directory; `zipfile` stops reading a member at its declared size, so
    a lying header cannot unpack more than was checked here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ExtractionError(
            "corrupt_file", f"The document is damaged or incomplete: {exc}"
        ) from exc
    if len(infos) > _MAX_MEMBERS:
        raise ExtractionError(
            _TOO_COMPLEX,
            f"The document has {len(infos):,} parts; at most {_MAX_MEMBERS:,} can be read",
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise ExtractionError(
            _TOO_COMPLEX,
            f"The document unpacks to {total / 2**20:,.0f} MB, more than the "
            f"{limits.max_unpacked_bytes / 2**20:,.0f} MB that can be read",
        )
    for info in infos:
        if info.file_size > _RATIO_MIN_BYTES and info.file_size > _MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb(info.filename, info.file_size, info.compress_size)
    packed = sum(info.compress_size for info in infos)
    if total > _RATIO_MIN_BYTES and total > _MAX_RATIO * max(packed, 1):
        raise _bomb("all parts together", total, packed)


def _check_docx_xml(data: bytes, limits: ExtractionLimits) -> None:
    """Refuse a Word file whose XML would make a tree larger than a parser may hold: python-docx
    parses every part whole, so its cost follows the unpacked XML, not the upload."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = sum(
            info.file_size
            for info in archive.infolist()
            if info.filename.lower().endswith((".xml", ".rels"))
        )
    if xml > limits.max_docx_xml_bytes:
        raise ExtractionError(
            _TOO_COMPLEX,
            f"The Word document's text parts unpack to {xml / 2**20:,.0f} MB of XML; at most "
            f"{limits.max_docx_xml_bytes / 2**20:,.0f} MB can be read",
        )


def _corrupt(kind: str, exc: BaseException) -> ExtractionError:
    return ExtractionError("corrupt_file", f"The {kind} file could not be read: {exc}")


def word_page_count(data: bytes) -> int:
    """Word stores the page count of its last layout in docProps/app.xml; 1 when absent."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/app.xml")
            if info.file_size > 1024 * 1024:
                return 1
            match = re.search(rb"<(?:\w+:)?Pages>\s*(\d+)\s*<", archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return 1
    return max(1, int(match.group(1))) if match else 1


# ---------------------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent"
)  # fmt: skip
_T, _TAB, _BR, _CR, _PPR, _PSTYLE, _VAL = (
    f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}pPr", f"{_W}pStyle", f"{_W}val"
)  # fmt: skip
_HEADING = re.compile(r"^(?:heading|überschrift|titre|titolo|título)\s*(\d)$", re.I)


def _paragraph_text(p: Any) -> str:
    """Text of a w:p, including runs in hyperlinks, insertions, fields and text boxes."""
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _P):
        if el is p:
            continue
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append("\t")
        else:  # a break, or a paragraph of a text box anchored in this one
            parts.append("\n")
    return "".join(parts)


def _iter_blocks(parent: Any) -> Iterator[Any]:
    """Body-level paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren(_P, _TBL, _SDT):
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _iter_blocks(content)
        else:
            yield child


def _table_rows(tbl: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iter(_TR):
        if tr.getparent() is not tbl:  # nested tables are part of their cell's text
            continue
        cells: list[str] = []
        for tc in tr.iterchildren(_TC):
            text = " ".join(" ".join(_paragraph_text(p) for p in tc.iter(_P)).split())
            if text:  # a merged-away cell (vMerge continuation) is empty
                cells.append(text)
        if cells:
            rows.append(cells)
    return rows


class _DocxWriter:
    """Renders blocks to lines; tables become their own sections with a `[table N]` marker."""

    def __init__(self, styles: dict[str, str], budget: TextBudget) -> None:
        self.styles = styles
        self.budget = budget
        self.tables: list[Section] = []
        self.structured: list[Table] = []
        self.heading = ""

    def _prefix(self, p: Any) -> str:
        ppr = p.find(_PPR)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        if style is None:
            return ""
        name = self.styles.get(style.get(_VAL, ""), "")
        if name.lower() == "title":
            return "# "
        match = _HEADING.match(name)
        return "#" * int(match.group(1)) + " " if match else ""

    def render(self, parent: Any, *, number_tables: bool) -> str:
        lines: list[str] = []
        for block in _iter_blocks(parent):
            if self.budget.exhausted:
                self.budget.truncated = True
                break
            if block.tag == _P:
                text = _paragraph_text(block)
                if text.strip():
                    prefix = self._prefix(block)
                    if prefix:
                        self.heading = " ".join(text.split())
                    lines.append(self.budget.take(prefix + text))
                continue
            rows = _table_rows(block)
            if not rows:
                continue
            table_text = self.budget.take("\n".join(" | ".join(row) for row in rows))
            if number_tables:
                number = len(self.tables) + 1
                self.tables.append(Section(f"table {number}", table_text))
                if (table := table_from_rows(f"table {number}", rows, self.heading)) is not None:
                    self.structured.append(table)
                lines.append(f"[table {number}]")
            else:
                lines.append(table_text)
        return "\n".join(lines)


def parse_docx(data: bytes, limits: ExtractionLimits, budget: TextBudget) -> Parsed:
    """Body text (headings marked with #), each table as "table N", then headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.package import Package

    check_zip(data, limits)
    _check_docx_xml(data, limits)
    try:
        # Package.open skips python-docx's content-type check, so .docm/.dotx read as well.
        package = Package.open(io.BytesIO(data))
        document_part = package.main_document_part
        styles: dict[str, str] = {}
        try:
            for style in document_part.styles:
                if style.style_id and style.name:
                    styles[style.style_id] = style.name
        except (KeyError, ValueError, AttributeError):
            pass  # a document without a styles part simply has no headings
        writer = _DocxWriter(styles, budget)
        body = document_part.element.body
        sections = [Section("text", writer.render(body, number_tables=True))]
        sections.extend(writer.tables)
        seen: set[str] = set()
        for kind, reltype in (("header", RT.HEADER), ("footer", RT.FOOTER)):
            texts: list[str] = []
            for rel in document_part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                text = writer.render(rel.target_part.element, number_tables=False)
                if text and text not in seen:
                    seen.add(text)
                    texts.append(text)
            if texts:
                sections.append(Section(kind, "\n".join(texts)))
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise _corrupt("Word", exc) from exc
    return Parsed(sections=sections, page_count=word_page_count(data), tables=writer.structured)


# ---------------------------------------------------------------------------------------- XLSX

# `[^\]\-\[]`: a run of "[$" cannot make every bracket rescan the rest (quadratic).
_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[\$([^\]\-\[]*)(?:-[^\]\[]*)?\]')
_PLACEHOLDER = re.compile(r"[0#?]")


def _unit_affixes(number_format: str) -> tuple[str, str]:
    """Literal text around the digits of a number format: `0.0 "kg"` → ("", "kg")."""
    section = number_format.split(";", 1)[0]
    first_digit = _PLACEHOLDER.search(section)
    if first_digit is None:
        return "", ""
    prefix: list[str] = []
    suffix: list[str] = []
    for match in _QUOTED.finditer(section):
        literal = next(group for group in match.groups() if group is not None)
        (prefix if match.start() < first_digit.start() else suffix).append(literal)
    return "".join(prefix).strip(), "".join(suffix).strip()


def _format_number(value: float, number_format: str) -> str:
    if "%" in number_format.split(";", 1)[0].replace('"%"', ""):
        return f"{value * 100:.10g}%"
    text = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else f"{value:.10g}"
    if number_format and number_format != "General":
        prefix, suffix = _cached_affixes(number_format)
        text = f"{prefix} {text}".strip() if prefix else text
        text = f"{text} {suffix}" if suffix else text
    return text


@functools.lru_cache(maxsize=1024)
def _cached_affixes(number_format: str) -> tuple[str, str]:
    return _unit_affixes(number_format)


def format_cell(value: object, number_format: str = "General") -> str:
    """A cell as a person would read it in Excel, keeping units written into the number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _format_number(value, number_format or "General")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAX_COLUMNS = 1024  # columns read per row; a cell at XFD is not a reason to pad 16,384
MAX_CELL_CHARS = 32_767  # Excel's own limit of one cell's text
# Distinct strings of one workbook; a sheet of product data has a few thousand (it would need
# this many cells with text to use them, far more than its text budget can show).
MAX_SHARED_STRINGS = 200_000
# Cell text produced, as a multiple of the text budget: reading stops at the budget, so only
# rows of absurd width (a long text referenced by a thousand cells) get this far.
MAX_TEXT_FACTOR = 4
# Cells that give no text (styled padding, an empty value, a string index out of range) cost
# their parsing and nothing limits them otherwise: the text budget only counts what is read.
MAX_DEAD_CELLS = 100_000
# Cells holding a value, counted a row at a time before any is read: each costs a few
# microseconds however short its text, and the text budget alone lets half a million one-digit
# cells through. A product export of 5,000 rows by 30 columns holds 150,000; a sheet with more
# of them, short enough to stay under the text budget, is cut with a warning.
MAX_VALUE_CELLS = 200_000
_COLUMN = re.compile(r"([A-Z]{1,3})")
_PERCENT_IDS = {9, 10}


def _iterparse(archive: zipfile.ZipFile, name: str, tag: str) -> Iterator[Any]:
    """Stream the `tag` elements of one XML part, freeing each once read (no DTDs, no network)."""
    from lxml import etree  # type: ignore[import-untyped]

    with archive.open(name) as stream:
        for _, element in etree.iterparse(
            stream, events=("end",), tag=tag, resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=False,
        ):  # fmt: skip
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.rsplit("/", 1)[0].split("/") if "/" in base else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _sheets(archive: zipfile.ZipFile, names: set[str]) -> tuple[list[tuple[str, str]], bool]:
    """(sheet name, part name) in workbook order, and whether dates count from 1904."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in _iterparse(archive, "xl/_rels/workbook.xml.rels", f"{_PKG_REL}Relationship"):
            targets[rel.get("Id", "")] = _resolve("xl/workbook.xml", rel.get("Target", ""))
    sheets: list[tuple[str, str]] = []
    date1904 = False
    for element in _iterparse(archive, "xl/workbook.xml", f"{_MAIN}*"):
        if element.tag == f"{_MAIN}workbookPr":
            date1904 = element.get("date1904", "0") in ("1", "true")
        elif element.tag == f"{_MAIN}sheet":
            name = element.get("name", f"Sheet{len(sheets) + 1}")
            part = targets.get(element.get(f"{_REL}id", ""), "")
            if part not in names:
                part = f"xl/worksheets/sheet{len(sheets) + 1}.xml"
            if part in names:
                sheets.append((name, part))
    return sheets, date1904


def _too_many_strings() -> ExtractionError:
    return ExtractionError(
        _TOO_COMPLEX,
        f"The workbook has more than {MAX_SHARED_STRINGS:,} shared strings; at most "
        f"{MAX_SHARED_STRINGS:,} can be read",
    )


def _count_start_tags(archive: zipfile.ZipFile, name: str, local: bytes) -> int:
    """How many `<local>` / `<local ...>` start tags a part holds, counted in its bytes: a
    tenth of what parsing them costs, so a part of millions is refused before it is parsed.
    Tags written with a namespace prefix are not seen here (the parse still counts them)."""
    needles = (b"<" + local + b">", b"<" + local + b" ", b"<" + local + b"/>")
    count, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            # A tag split between two chunks is found in the window; one wholly in the tail
            # was counted with the chunk before.
            count += sum(window.count(needle) - tail.count(needle) for needle in needles)
            tail = window[-len(local) - 2 :]
    return count


def _shared_strings(archive: zipfile.ZipFile, names: set[str], budget: TextBudget) -> list[str]:
    """The shared strings, whitespace-normalised once (a cell may reference one a million
    times) and cut at Excel's own limit of a cell; more than `MAX_SHARED_STRINGS` → refused."""
    if "xl/sharedStrings.xml" not in names:
        return []
    if _count_start_tags(archive, "xl/sharedStrings.xml", b"si") > MAX_SHARED_STRINGS:
        raise _too_many_strings()
    strings: list[str] = []
    chars = 0
    keep = 2 * budget.remaining + 1_000_000
    t_tag, rph_tag = f"{_MAIN}t", f"{_MAIN}rPh"
    for si in _iterparse(archive, "xl/sharedStrings.xml", f"{_MAIN}si"):
        if len(strings) >= MAX_SHARED_STRINGS:  # written with a prefix the count missed
            raise _too_many_strings()
        if chars > keep:
            # Past the text budget a string could never be shown; keep its index position.
            strings.append("")
            continue
        if len(si) == 1 and si[0].tag == t_tag:  # the usual case: one plain run
            text = si[0].text or ""
        else:
            text = "".join(t.text or "" for t in si.iter(t_tag) if t.getparent().tag != rph_tag)
        text = " ".join(text[:MAX_CELL_CHARS].split())
        chars += len(text)
        strings.append(text)
    return strings


def _styles(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The number format of every cell style index."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if "xl/styles.xml" not in names:
        return []
    custom: dict[int, str] = {}
    formats: list[str] = []
    for element in _iterparse(archive, "xl/styles.xml", f"{_MAIN}*"):
        if element.tag == f"{_MAIN}numFmt":
            try:
                custom[int(element.get("numFmtId", "-1"))] = element.get("formatCode", "")
            except ValueError:
                continue
        elif element.tag == f"{_MAIN}xf" and element.getparent() is not None:
            if element.getparent().tag != f"{_MAIN}cellXfs":
                continue
            try:
                number = int(element.get("numFmtId", "0"))
            except ValueError:
                number = 0
            formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
    return formats


@functools.lru_cache(maxsize=4096)
def _column_of_letters(letters: str) -> int | None:
    """`A` → 0, `AB` → 27 (cached: a sheet repeats its few columns in every row)."""
    match = _COLUMN.match(letters)
    if match is None:
        return None
    index = 0
    for ch in match.group(1):
        index = index * 26 + ord(ch) - 64
    return index - 1


_V, _IS_T = f"{_MAIN}v", f"{_MAIN}t"


def _cell_value(cell: Any, strings: list[str], formats: list[str], date1904: bool) -> str:
    """A cell's text. Every lxml call costs about a microsecond and a sheet may hold half a
    million cells, so the usual cells (one `<v>`, a shared string or a plain number) take the
    fewest: `findtext` alone would cost four."""
    kind = cell.get("t")
    if kind == "inlineStr":
        text = "".join(t.text or "" for t in cell.iter(_IS_T))
        return " ".join(text[:MAX_CELL_CHARS].split())
    raw = child.text if len(cell) == 1 and (child := cell[0]).tag == _V else cell.findtext(_V)
    if raw is None:
        return ""
    raw = raw[:MAX_CELL_CHARS]
    if kind == "s":
        try:
            index = int(raw)
        except ValueError:
            return ""
        return strings[index] if 0 <= index < len(strings) else ""  # normalised when read
    if kind == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    if kind in ("str", "e", "d"):
        return " ".join(raw.split())
    style = cell.get("s")
    try:
        number_format = formats[0 if style is None else int(style)] if formats else "General"
    except (ValueError, IndexError):
        number_format = "General"
    if number_format == "General" and raw.isdecimal() and len(raw) < 16:
        return str(int(raw))  # what the float path below makes of a whole number
    try:
        value = float(raw)
    except ValueError:
        return " ".join(raw.split())
    if number_format == "General":  # the usual number: what format_cell would make of it
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    if _is_date_format(number_format):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        try:
            epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
            return format_cell(from_excel(value, epoch))
        except (ValueError, OverflowError):
            pass
    return format_cell(
        int(value) if value.is_integer() and abs(value) < 1e15 else value, number_format
    )


@functools.lru_cache(maxsize=1024)
def _is_date_format(number_format: str) -> bool:
    from openpyxl.styles.numbers import is_date_format

    return bool(is_date_format(number_format[:1000]))


class _CellBudget:
    """What reading a workbook may cost: cells (every cell and row element parsed, empty ones
    too) and the characters of cell text produced (one string referenced by a million cells
    is a million copies once the rows are joined)."""

    def __init__(self, limit: int, chars: int) -> None:
        self.remaining = limit
        self.cut = False
        self.chars = chars
        self.dead = MAX_DEAD_CELLS  # cells that give no text: padding, or values that read as ""
        self.dead_cut = False
        self.values = MAX_VALUE_CELLS  # cells with a value element or an inline string
        self.values_cut = False


def _too_much_text(limit: int) -> ExtractionError:
    return ExtractionError(
        _TOO_COMPLEX,
        f"The workbook's cells repeat more than {limit:,} characters of text (one text "
        "referenced by a great many cells): only files built to exhaust a reader do that",
    )


def _sheet_rows(
    archive: zipfile.ZipFile, part: str, strings: list[str], formats: list[str],
    date1904: bool, cells: _CellBudget,
) -> Iterator[list[str]]:  # fmt: skip
    """The rows that exist, each only as wide as its last filled cell (never the dimension)."""
    from lxml import etree

    c_tag = f"{_MAIN}c"
    # The cells that hold something (a value or an inline string), found in C: padding cells
    # by the million then cost what parsing them costs, not a Python object each.
    filled = etree.XPath("m:c[*]", namespaces={"m": _MAIN[1:-1]})
    chars_limit = cells.chars
    columns: dict[str, int | None] = {}
    for row in _iterparse(archive, part, f"{_MAIN}row"):
        parsed = len(row)
        found = filled(row)
        cells.values -= len(found)
        if cells.values < 0:
            cells.cut = cells.values_cut = True
            return
        values = _row_values(found, strings, formats, date1904, columns)
        if values is None:  # a cell without a reference: positions by order, every cell counts
            values = _row_values(row.iterchildren(c_tag), strings, formats, date1904, None)
            assert values is not None
        cells.chars -= sum(map(len, values.values()))
        if cells.chars < 0:
            raise _too_much_text(chars_limit)
        cells.dead -= parsed - len(values)
        if cells.dead < 0:
            cells.cut = cells.dead_cut = True
            return
        charge = max(parsed, 1, max(values) + 1 if values else 0)
        if charge > cells.remaining:
            cells.cut = True
            return
        cells.remaining -= charge
        if values:
            yield [values.get(index, "") for index in range(max(values) + 1)]


def _row_values(
    found: Iterable[Any], strings: list[str], formats: list[str], date1904: bool,
    columns: dict[str, int | None] | None,
) -> dict[int, str] | None:  # fmt: skip
    """Column → text of one row's cells. With `columns` (a cache of reference letters) every
    cell must carry its reference, else None; without, a cell lacking one follows the last."""
    values: dict[int, str] = {}
    position = 0
    for cell in found:
        ref = cell.get("r")
        if ref is None:
            if columns is not None:
                return None
        else:
            letters = ref.rstrip("0123456789")
            if columns is None:
                column = _column_of_letters(letters[:3])
            elif (column := columns.get(letters, -1)) == -1:
                column = _column_of_letters(letters[:3])
                if len(columns) < _MAX_COLUMNS:  # a sheet's columns, not a file's made-up refs
                    columns[letters] = column
            if column is not None:
                position = column
        if position < _MAX_COLUMNS:
            text = _cell_value(cell, strings, formats, date1904)
            if text:
                values[position] = text
        position += 1
    return values


def parse_xlsx(data: bytes, limits: ExtractionLimits, budget: TextBudget) -> Parsed:
    """Every worksheet as a section "sheet NAME" with one `label: value` line per row.

    The sheet XML is streamed and only cells that exist are read: openpyxl pads every row to
    the sheet's declared dimension (A1:XFD1048576 turns three cells into a billion).
    """
    check_zip(data, limits)
    sections: list[Section] = []
    tables: list[Table] = []
    warnings: list[str] = []
    cells = _CellBudget(limits.max_cells, MAX_TEXT_FACTOR * limits.max_chars + 1_000_000)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            sheets, date1904 = _sheets(archive, names)
            strings = _shared_strings(archive, names, budget)
            formats = _styles(archive, names)
            for name, part in sheets:
                if budget.exhausted or cells.cut:
                    budget.truncated = budget.truncated or budget.exhausted
                    break
                kept: list[list[str]] = []
                rows = keep_rows(
                    _sheet_rows(archive, part, strings, formats, date1904, cells), kept
                )
                text = "\n".join(rows_to_lines(rows, budget))
                location = f"sheet {name}"
                sections.append(Section(location, text))
                if (table := table_from_rows(location, kept)) is not None:
                    tables.append(table)
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise _corrupt("Excel", exc) from exc
    if cells.values_cut:
        warnings.append(
            f"The workbook has more than {MAX_VALUE_CELLS:,} cells with a value; the rest was "
            "not read."
        )
    elif cells.dead_cut:
        warnings.append(
            f"The workbook has more than {MAX_DEAD_CELLS:,} cells without text (padding or "
            "empty values); the rest was not read."
        )
    elif cells.cut:
        warnings.append(
            f"The workbook has more than {limits.max_cells:,} cells; the rest was not read."
        )
    return Parsed(
        sections=sections, page_count=max(1, len(sheets)), warnings=warnings, tables=tables
    )
