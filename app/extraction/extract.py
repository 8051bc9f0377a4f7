"""`extract_document`: bytes in, `ExtractedDocument` out. Blocking and pure: run it off the loop.

Every failure is an `ExtractionError` with a stable code: `empty_file`, `unsupported_file`,
`corrupt_file`, `encrypted_file`, `file_too_complex` (and `timeout` from the runner).
"""

from __future__ import annotations

import io
import re
import zipfile

from app.extraction.detect import detect
from app.extraction.document import (
    ExtractedDocument,
    ExtractionError,
    ExtractionLimits,
    Section,
    Table,
)
from app.extraction.html import parse_html
from app.extraction.images import prepare_image
from app.extraction.language import detect_language
from app.extraction.office import parse_docx, parse_xlsx, word_page_count
from app.extraction.pdf import (
    PdfPages,
    PdfSource,
    assemble_pdf,
    count_pdf_pages,
    read_pdf_pages,
)
from app.extraction.structured import parse_json
from app.extraction.tabular import parse_csv
from app.extraction.text import Parsed, TextBudget, clean_text, parse_plain

_LABELS = {"docx": "Word", "xlsx": "Excel", "csv": "CSV", "html": "HTML", "json": "JSON"}


def _truncation_warning(limits: ExtractionLimits) -> str:
    return (
        f"The text was cut at {limits.max_chars:,} characters; the rest of the file was not read."
    )


def finish(
    doc: ExtractedDocument, limits: ExtractionLimits, *, truncated: bool
) -> ExtractedDocument:
    """Clean every section (NUL and control characters out), enforce `max_chars`, set language."""
    remaining = limits.max_chars
    sections: list[Section] = []
    for section in doc.sections:
        text = clean_text(section.text)
        if not text:
            continue
        if remaining <= 0:
            truncated = True
            break
        if len(text) > remaining:
            text, truncated = text[:remaining], True
        remaining -= len(text)
        sections.append(Section(clean_text(section.location) or "text", text))
    doc.sections = sections
    doc.tables = [_clean_table(table) for table in doc.tables]
    if truncated:
        doc.warnings.append(_truncation_warning(limits))
    doc.language = detect_language(doc.text) if sections else None
    return doc


# What `clean_text` would change in a cell beyond what " ".join(cell.split()) does (controls,
# full-width forms, lone surrogates), and any whitespace that join would change.
_CELL_NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\u3000\u3380-\u33ff\uff01-\uffef\ud800-\udfff]"
    r"|[^\S \n]|  |^ | $",
    re.M,
)


def _clean_table(table: Table) -> Table:
    """The table's cells cleaned like the text. A sheet may hold half a million cells and the
    parsers already normalise their whitespace, so the cells are checked all at once and only
    cleaned one by one when something in them needs it."""

    def cell(text: str) -> str:
        return " ".join(clean_text(text).split())

    cells = [*table.header, *(text for row in table.rows for text in row)]
    joined = "\n".join(cells)
    if joined.count("\n") == max(len(cells) - 1, 0) and not _CELL_NEEDS_CLEANING.search(joined):
        header, rows = table.header, table.rows
    else:
        header = tuple(cell(text) for text in table.header)
        rows = tuple(tuple(cell(text) for text in row) for row in table.rows)
    return Table(clean_text(table.location) or "text", header, rows, cell(table.caption))


def assemble_pdf_document(
    source: PdfSource, pages: PdfPages, *, role: str, limits: ExtractionLimits
) -> ExtractedDocument:
    """The PDF half shared by `extract_document` and the chunking runner."""
    result = assemble_pdf(source, pages, limits, render=role == "drawing")
    doc = ExtractedDocument(
        role=role,
        format="pdf",
        media_type="application/pdf",
        sections=result.sections,
        page_count=result.page_count,
        has_text_layer=result.has_text_layer,
        images=result.images,
        image_pages=result.image_pages,
        warnings=result.warnings,
        tables=result.tables,
    )
    return finish(doc, limits, truncated=False)  # cutting at max_chars happens in finish


def _parse(data: bytes, fmt: str, text: str | None, json_value: object, limits: ExtractionLimits,
           budget: TextBudget) -> Parsed:  # fmt: skip
    if fmt == "docx":
        return parse_docx(data, limits, budget)
    if fmt == "xlsx":
        return parse_xlsx(data, limits, budget)
    assert text is not None
    if fmt == "csv":
        return parse_csv(text, budget)
    if fmt == "html":
        return parse_html(text, budget)
    if fmt == "json":
        return parse_json(json_value, budget)
    return parse_plain(text, budget, markdown=fmt == "markdown")


def extract_document(
    data: bytes,
    *,
    role: str,
    filename: str | None = None,
    limits: ExtractionLimits | None = None,
    page_range: tuple[int, int] | None = None,
) -> ExtractedDocument:
    """Read a supplier document: text sections, page images where needed, and facts about it.

    `page_range=(start, stop)` (0-based, stop exclusive) reads only those PDF pages, so a
    caller can work in chunks; it is ignored for other formats.
    """
    limits = limits or ExtractionLimits()
    detection = detect(data, filename)
    fmt = detection.format
    try:
        if fmt == "pdf":
            start, stop = page_range or (0, limits.max_pages)
            pages = read_pdf_pages(data, start, min(stop, limits.max_pages), limits)
            return assemble_pdf_document(data, pages, role=role, limits=limits)
        if fmt in ("png", "jpeg", "webp"):
            image, media_type = prepare_image(
                data, fmt, limits.image_max_side_px, max_pixels=limits.max_image_pixels
            )
            doc = ExtractedDocument(
                role=role,
                format=fmt,
                media_type=detection.media_type,
                has_text_layer=False,
                images=[image],
                image_pages=[1],
                image_media_type=media_type,
                warnings=["an image has no text layer: only a vision model can read it"],
            )
            return finish(doc, limits, truncated=False)
        budget = TextBudget(limits.max_chars)
        parsed = _parse(data, fmt, detection.text, detection.json_value, limits, budget)
    except ExtractionError:
        raise
    except MemoryError as exc:
        raise ExtractionError(
            "file_too_complex", "The file needs more memory to read than is allowed"
        ) from exc
    except Exception as exc:  # a parser bug or a file it chokes on: still a readable error
        label = _LABELS.get(fmt, fmt.upper())
        raise ExtractionError("corrupt_file", f"The {label} file could not be read: {exc}") from exc
    doc = ExtractedDocument(
        role=role,
        format=fmt,
        media_type=detection.media_type,
        sections=parsed.sections,
        page_count=parsed.page_count,
        warnings=parsed.warnings,
        tables=parsed.tables,
    )
    return finish(doc, limits, truncated=budget.truncated)


def _xlsx_sheet_count(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 16 * 1024 * 1024:
                return 1
            workbook = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return 1
    return max(1, len(re.findall(rb"<(?:\w+:)?sheet\b", workbook)))


def count_pages(data: bytes, fmt: str) -> int:
    """Pages of a PDF, Word's last known page count for DOCX, sheets of an XLSX; else 1."""
    if fmt == "pdf":
        return count_pdf_pages(data)
    if fmt == "docx":
        return word_page_count(data)
    if fmt == "xlsx":
        return _xlsx_sheet_count(data)
    return 1
