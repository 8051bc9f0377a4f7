"""DOCX and XLSX: ZIP containers of XML, checked for zip bombs before any parser opens them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from app.extraction.document import ExtractionError, ExtractionLimits, Section
from app.extraction.tabular import rows_to_lines
from app.extraction.text import Parsed, TextBudget

_MAX_MEMBERS = 20_000
_MAX_RATIO = 100  # deflate rarely beats ~20:1 on real XML; bombs reach 1000:1
_RATIO_MIN_BYTES = 10 * 1024 * 1024  # small members may compress well without harm
_TOO_COMPLEX = "file_too_complex"


def check_zip(data: bytes, limits: ExtractionLimits) -> None:
    """Refuse ZIPs that would unpack to more than the limit, or that compress like a bomb.

    Sizes come from the central directory; `zipfile` stops reading a member at its declared
    size, so a lying header cannot unpack more than was checked here.
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
            raise ExtractionError(
                _TOO_COMPLEX,
                f"The document part {info.filename!r} is compressed "
                f"{info.file_size // max(info.compress_size, 1):,}:1, "
                "which only happens in files built to exhaust a reader (a zip bomb)",
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


def _table_rows(tbl: Any) -> list[str]:
    rows: list[str] = []
    for tr in tbl.iter(_TR):
        if tr.getparent() is not tbl:  # nested tables are part of their cell's text
            continue
        cells: list[str] = []
        for tc in tr.iterchildren(_TC):
            text = " ".join(" ".join(_paragraph_text(p) for p in tc.iter(_P)).split())
            if text:  # a merged-away cell (vMerge continuation) is empty
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


class _DocxWriter:
    """Renders blocks to lines; tables become their own sections with a `[table N]` marker."""

    def __init__(self, styles: dict[str, str], budget: TextBudget) -> None:
        self.styles = styles
        self.budget = budget
        self.tables: list[Section] = []

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
                    lines.append(self.budget.take(self._prefix(block) + text))
                continue
            rows = _table_rows(block)
            if not rows:
                continue
            table_text = self.budget.take("\n".join(rows))
            if number_tables:
                number = len(self.tables) + 1
                self.tables.append(Section(f"table {number}", table_text))
                lines.append(f"[table {number}]")
            else:
                lines.append(table_text)
        return "\n".join(lines)


def parse_docx(data: bytes, limits: ExtractionLimits, budget: TextBudget) -> Parsed:
    """Body text (headings marked with #), each table as "table N", then headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.package import Package

    check_zip(data, limits)
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
    return Parsed(sections=sections, page_count=word_page_count(data))


# ---------------------------------------------------------------------------------------- XLSX

_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[\$([^\]\-]*)[^\]]*\]')
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
        prefix, suffix = _unit_affixes(number_format)
        text = f"{prefix} {text}".strip() if prefix else text
        text = f"{text} {suffix}" if suffix else text
    return text


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


def parse_xlsx(data: bytes, limits: ExtractionLimits, budget: TextBudget) -> Parsed:
    """Every worksheet as a section "sheet NAME" with one `label: value` line per row."""
    import openpyxl

    check_zip(data, limits)
    sections: list[Section] = []
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except MemoryError:
        raise
    except Exception as exc:
        raise _corrupt("Excel", exc) from exc
    try:
        for sheet in workbook.worksheets:
            if budget.exhausted:
                budget.truncated = True
                break
            sheet.reset_dimensions()  # trust the cells, not the (often wrong) stored dimension
            rows = (
                [format_cell(cell.value, getattr(cell, "number_format", "General")) for cell in row]
                for row in sheet.iter_rows()
            )
            text = "\n".join(rows_to_lines(rows, budget))
            sections.append(Section(f"sheet {sheet.title}", text))
        sheet_count = len(workbook.worksheets)
    except MemoryError:
        raise
    except Exception as exc:
        raise _corrupt("Excel", exc) from exc
    finally:
        workbook.close()
    return Parsed(sections=sections, page_count=max(1, sheet_count))
