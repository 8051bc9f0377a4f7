"""PDF text and page images through PDFium (pypdfium2): a C library, fast, and it renders too.

Reading is split from assembling so the runner can read pages in chunks (reporting progress
between them) and assemble once; `extract_document` does both in one call.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.extraction.document import ExtractionError, ExtractionLimits, Section

PdfSource = bytes | str  # the bytes, or a path (the runner hands big files to workers by path)

# PDFium is not thread-safe and ctypes releases the GIL during its calls: with in-thread
# extraction (workers=0) two documents must not be read at once. Uncontended in a worker.
_PDFIUM_LOCK = threading.Lock()
MIN_CHARS_PER_PAGE = 20  # fewer non-blank characters per page on average: a scan
_MAX_RENDER_SCALE = 300 / 72  # never render beyond 300 dpi, however small the page


@dataclass(frozen=True, slots=True)
class PdfPages:
    """Text of pages `first`..`first + len(texts)` (None: the page could not be read)."""

    total: int
    first: int
    texts: list[str | None]


def _open(source: PdfSource) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError(
                "encrypted_file", "The PDF is password-protected; upload an unprotected copy"
            ) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise ExtractionError(
                "encrypted_file",
                "The PDF uses an unsupported kind of encryption; upload an unprotected copy",
            ) from exc
        reason = {
            pdfium_c.FPDF_ERR_FORMAT: "the file is damaged or incomplete",
            pdfium_c.FPDF_ERR_FILE: "the file could not be opened",
        }.get(exc.err_code or 0, "unknown error")
        raise ExtractionError("corrupt_file", f"The PDF could not be read: {reason}") from exc


def count_pdf_pages(source: PdfSource) -> int:
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            return len(pdf)
        finally:
            pdf.close()


def read_pdf_pages(source: PdfSource, start: int, stop: int, max_chars: int) -> PdfPages:
    """Text of pages [start, stop) (clipped to the document); stops early past `max_chars`."""
    texts: list[str | None] = []
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            total = len(pdf)
            chars = 0
            for index in range(max(0, start), min(stop, total)):
                if chars > max_chars:
                    break
                try:
                    page = pdf[index]
                    try:
                        textpage = page.get_textpage()
                        try:
                            text = textpage.get_text_bounded()
                        finally:
                            textpage.close()
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    texts.append(None)
                    continue
                chars += len(text)
                texts.append(text)
        finally:
            pdf.close()
    return PdfPages(total=total, first=max(0, start), texts=texts)


def render_pdf_pages(source: PdfSource, pages: Sequence[int], max_side_px: int) -> list[bytes]:
    """PNG images of the given pages (0-based), longest side at most `max_side_px`."""
    images: list[bytes] = []
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            for index in pages:
                try:
                    page = pdf[index]
                    try:
                        width, height = page.get_size()
                        scale = min(max_side_px / max(width, height, 1.0), _MAX_RENDER_SCALE)
                        bitmap = page.render(scale=scale)
                        try:
                            image = bitmap.to_pil()
                        finally:
                            bitmap.close()
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    continue
                image.thumbnail((max_side_px, max_side_px))  # guards rounding up by a pixel
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
                images.append(buffer.getvalue())
        finally:
            pdf.close()
    return images


def _page_list(numbers: Sequence[int]) -> str:
    """[3, 4, 5, 9] → "3–5, 9", so a warning about 150 pages stays one readable line."""
    ranges: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(ranges)


def _non_blank(text: str) -> int:
    return len(text) - sum(text.count(ch) for ch in " \t\r\n\x0c\u00a0")


@dataclass(slots=True)
class PdfResult:
    sections: list[Section]
    warnings: list[str]
    page_count: int
    has_text_layer: bool
    images: list[bytes]


def assemble_pdf(
    source: PdfSource, pages: PdfPages, limits: ExtractionLimits, *, render: bool
) -> PdfResult:
    """Sections per page, warnings about what was not read, and page images when needed.

    Pages are rendered when the PDF has (almost) no text layer — a scan — or when `render`
    asks for them anyway (drawings: the vision model needs the picture, not the labels).
    """
    warnings: list[str] = []
    sections: list[Section] = []
    unreadable: list[int] = []
    blank: list[int] = []
    non_blank_total = 0
    for offset, text in enumerate(pages.texts):
        number = pages.first + offset + 1
        if text is None:
            unreadable.append(number)
            continue
        count = _non_blank(text)
        non_blank_total += count
        if count < MIN_CHARS_PER_PAGE:
            blank.append(number)
        if count:
            sections.append(Section(f"page {number}", text))
    read = len(pages.texts)
    stop = pages.first + read
    if pages.first == 0 and stop < pages.total and stop == limits.max_pages:
        warnings.append(
            f"The PDF has {pages.total} pages; only the first {limits.max_pages} were read."
        )
    elif pages.first > 0 or stop < pages.total:
        warnings.append(f"Only pages {pages.first + 1}–{stop} of {pages.total} were read.")
    if unreadable:
        warnings.append(f"Pages {_page_list(unreadable)} could not be read and were skipped.")
    readable = read - len(unreadable)
    has_text_layer = readable > 0 and non_blank_total >= MIN_CHARS_PER_PAGE * readable
    if has_text_layer and blank:
        warnings.append(
            f"Pages {_page_list(blank)} have no text layer (scanned?); "
            "their content is not in the text."
        )
    images: list[bytes] = []
    if (render or not has_text_layer) and limits.max_images > 0 and read > 0:
        to_render = [
            pages.first + offset for offset, text in enumerate(pages.texts) if text is not None
        ][: limits.max_images]
        images = render_pdf_pages(source, to_render, limits.image_max_side_px)
        if not has_text_layer:
            warnings.append(
                f"The PDF has no text layer (scanned?); {len(images)} of its pages were "
                "kept as images."
            )
    return PdfResult(sections, warnings, pages.total, has_text_layer, images)
