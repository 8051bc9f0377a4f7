"""PDF text and page images through PDFium (pypdfium2): a C library, fast, and it renders too.

Reading is split from assembling so the runner can read pages in chunks (reporting progress
between them) and assemble once; `extract_document` does both in one call.

Text is rebuilt from positioned text runs rather than taken in the PDF's content order: a
label and its value on one visual row are read as one line even when the file draws them far
apart, a wide gap between runs becomes a " | " cell separator (and such rows a `Table`), and
a page set in two columns is read column by column. A table's header labels are put on the
columns its data rows establish (`pdf_headers`): labels printed edge to edge are cut apart and
a label wrapped over two or three lines is joined into one.
"""

from __future__ import annotations

import ctypes
import functools
import io
import itertools
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader  # imported here so the preloading forkserver pays its 0.5 s once

from app.extraction.document import ExtractionError, ExtractionLimits, Section, Table
from app.extraction.pdf_headers import column_headers, is_header

PdfSource = bytes | str  # the bytes, or a path (the runner hands big files to workers by path)

# PDFium is not thread-safe and ctypes releases the GIL during its calls: with in-thread
# extraction (workers=0) two documents must not be read at once. Uncontended in a worker.
_PDFIUM_LOCK = threading.Lock()
MIN_CHARS_PER_PAGE = 20  # fewer non-blank characters per page on average: a scan
_MAX_RENDER_SCALE = 300 / 72  # never render beyond 300 dpi, however small the page
_OCR_SCALE = 200 / 72  # OCR reads small print well at 200 dpi
_TOO_COMPLEX = "file_too_complex"
_SKIP = frozenset("\r\n\ufffe\uffff\x00")
_BLANKS = frozenset(" \t\u00a0\u2002\u2003\u2009\u3000\x0c\x0b")


@dataclass(frozen=True, slots=True)
class PdfPages:
    """Text of pages `first`..`first + len(texts)` (None: the page could not be read)."""

    total: int
    first: int
    texts: list[str | None]
    tables: list[Table] = field(default_factory=list)
    glyphs: int = 0  # characters counted on these pages, charged to `max_glyphs`


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


# ------------------------------------------------------------------------- rows from positions


@dataclass(slots=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    # x extent of each character of `text` (a blank: the gap it stands for): where a header
    # label ends inside a run of labels printed edge to edge
    lefts: list[float] = field(default_factory=list)
    rights: list[float] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _runs(textpage: pdfium.PdfTextPage, count: int) -> list[_Run]:
    """The page's characters in content order, cut into runs that sit on one line side by side.

    One pass over loose character boxes (the font's ascent to descent and the glyph's advance,
    so neighbouring letters touch and a line's letters share a height). PDFium's per-rectangle
    text lookups scan the whole page on every call, which made long pages quadratic.
    """
    raw = textpage.raw
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: ask for each one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    box = pdfium_c.FS_RECTF()
    ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    runs: list[_Run] = []
    chars: list[str] = []
    lefts: list[float] = []
    rights: list[float] = []
    left = bottom = right = top = height = 0.0
    for index, ch in enumerate(text):
        if ch in _SKIP:
            continue
        if ch in _BLANKS:
            if chars and chars[-1] != " ":
                chars.append(" ")
            continue
        if not get_box(raw, index, ref):
            continue
        b, t, x0, x1 = box.bottom, box.top, box.left, box.right
        if b > t:
            b, t = t, b
        h = t - b if t - b > 0.1 else 0.1
        if chars:
            gap = x0 - right
            small = h if h < height else height
            if abs((b + t) - (bottom + top)) <= (
                small if small > 1.0 else 1.0
            ) and -0.5 * h <= gap <= 0.9 * (h if h > height else height):
                if gap > 0.15 * h and chars[-1] != " ":
                    chars.append(" ")
                if chars[-1] == " " and len(lefts) < len(chars):
                    lefts.append(right)
                    rights.append(x0)
                chars.append(ch)
                lefts.append(x0)
                rights.append(x1)
                if x1 > right:
                    right = x1
                if b < bottom:
                    bottom, height = b, top - b
                if t > top:
                    top, height = t, t - bottom
                continue
            runs.append(_run(left, bottom, right, top, chars, lefts, rights))
        left, bottom, right, top, height, chars = x0, b, x1, t, h, [ch]
        lefts, rights = [x0], [x1]
    if chars:
        runs.append(_run(left, bottom, right, top, chars, lefts, rights))
    return [run for run in runs if run.text]


def _run(
    left: float,
    bottom: float,
    right: float,
    top: float,
    chars: list[str],
    lefts: list[float],
    rights: list[float],
) -> _Run:
    raw = "".join(chars)
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    if len(lefts) == len(raw) - 1 and raw.endswith(" "):  # a trailing blank: no gap known yet
        lefts, rights = [*lefts, right], [*rights, right]
    if len(lefts) != len(raw):
        return _Run(left, bottom, right, top, text)
    end = lead + len(text)
    return _Run(left, bottom, right, top, text, lefts[lead:end], rights[lead:end])


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into visual rows (top to bottom), each row left to right."""
    rows: list[list[_Run]] = []
    middles: list[float] = []
    for run in sorted(runs, key=lambda r: -r.middle):
        if rows and abs(middles[-1] - run.middle) <= 0.5 * min(run.height, rows[-1][0].height):
            rows[-1].append(run)
            continue
        rows.append([run])
        middles.append(run.middle)
    for row in rows:
        row.sort(key=lambda r: r.left)
    return rows


def _cells(row: list[_Run]) -> list[str]:
    """A row's runs as cells: a gap wider than about two characters separates cells."""
    cells: list[str] = []
    previous: _Run | None = None
    for run in row:
        if previous is None or run.left - previous.right > 1.2 * min(run.height, previous.height):
            cells.append(run.text)
        elif run.left - previous.right > 0.12 * run.height or cells[-1].endswith(("-", "/")):
            cells[-1] = (
                f"{cells[-1]} {run.text}" if not cells[-1].endswith("-") else (cells[-1] + run.text)
            )
        else:
            cells[-1] += run.text
        previous = run
    return cells


def _gutter(runs: list[_Run], width: float) -> float | None:
    """The x of a column gutter when the page is set in two columns of prose, else None.

    A gap between a label column and a value column is not a gutter: prose columns are
    filled, so most left-column lines end close to the gutter; labels are ragged.
    """
    if len(runs) < 12 or width <= 0:
        return None
    step = max(2.0, width / 2000)  # at most ~2,000 bins, however wide the page box
    bins = int(width / step) + 2
    starts = [0] * (bins + 1)  # a difference array: each run costs O(1), not O(its width)
    for run in runs:
        first = min(bins - 1, max(0, int(run.left / step)))
        last = min(bins - 1, max(first, int(run.right / step)))
        starts[first] += 1
        starts[last + 1] -= 1
    covered = list(itertools.accumulate(starts[:bins]))
    best: tuple[int, int] | None = None
    start = None
    for b in range(int(bins * 0.25), int(bins * 0.75) + 1):
        if covered[b] <= max(2, len(runs) // 50):  # a title and a footer may span the gutter
            start = b if start is None else start
            if best is None or b - start > best[1] - best[0]:
                best = (start, b)
        else:
            start = None
    if best is None or (best[1] - best[0] + 1) * step < 8:
        return None
    gutter_left, gutter_right = best[0] * step, (best[1] + 1) * step
    left = [run for run in runs if run.right <= gutter_left + step]
    right = [run for run in runs if run.left >= gutter_right - step]
    if len(left) < 6 or len(right) < 6:
        return None
    column = gutter_left - min(run.left for run in left)
    other = max(run.right for run in right) - gutter_right
    if min(column, other) < 0.28 * width or not 0.5 <= column / max(other, 1.0) <= 2.0:
        return None  # a narrow label column beside its values is a table, not a layout
    filled = sum(1 for run in left if gutter_left - run.right < 0.15 * column)
    return (gutter_left + gutter_right) / 2 if filled >= 0.5 * len(left) else None


def _layout(runs: list[_Run], width: float, location: str) -> tuple[str, list[Table]]:
    """Page text, one visual row a line (cells joined by " | "), and the tables found."""
    gutter = _gutter(runs, width)
    if gutter is None:
        blocks = [runs]
    else:
        spanning = [r for r in runs if r.left < gutter < r.right]
        columns = [r for r in runs if not r.left < gutter < r.right]
        top = max(r.top for r in columns)
        # A title across both columns comes before them, a footer across both after them.
        blocks = [
            [r for r in spanning if r.middle >= top],
            [r for r in columns if r.right <= gutter],
            [r for r in columns if r.left >= gutter],
            [r for r in spanning if r.middle < top],
        ]
    lines: list[str] = []
    tables: list[Table] = []
    for block in blocks:
        pending: list[list[str]] = []
        rows = _rows(block)
        stacked: tuple[tuple[str, ...], int] | None = None
        headers = column_headers(rows)  # header rows put on the columns of the rows below
        covered = 0
        for i, row in enumerate(rows):
            if covered:
                covered -= 1
                continue
            cells = _cells(row)
            if i in headers:
                covered, cells = headers[i][0] - 1, headers[i][1]
                if is_header(cells):
                    _flush(pending, location, tables)
                    cells, stacked = _Header(cells), (tuple(cells), 0)
            lines.append(" | ".join(cells))
            if stacked is None and _has_digit(row) and i and not _has_digit(rows[i - 1]):
                stacked = _stacked_header(rows, i)
                if stacked is not None:
                    header, count = stacked
                    # the header rows still pending are that header now: not a table of their own
                    while (
                        count
                        and pending
                        and not any(ch in "0123456789" for cell in pending[-1] for ch in cell)
                    ):
                        pending.pop()
                        count -= 1
                    _flush(pending, location, tables)
                    pending.append(list(header))
            if len(cells) > 1:
                pending.append(cells)
                continue
            _flush(pending, location, tables)
            stacked = None
        _flush(pending, location, tables)
    return "\n".join(lines), tables


def _has_digit(row: list[_Run]) -> bool:
    return any(ch in "0123456789" for run in row for ch in run.text)  # not "²"


def _word_spans(row: list[_Run]) -> list[tuple[float, str]]:
    """(x middle, word) of each word of a row's runs, a run's width shared by its letters."""
    out: list[tuple[float, str]] = []
    for run in row:
        text = run.text
        per_char = (run.right - run.left) / max(len(text), 1)
        start = 0
        for word in text.split(" "):
            if word:
                out.append((run.left + per_char * (start + len(word) / 2), word))
            start += len(word) + 1
    return out


def _stacked_header(rows: list[list[_Run]], first: int) -> tuple[tuple[str, ...], int] | None:
    """A table header printed over several rows ("Motor" / "Weight" / "(g)" stacked in each
    column above the first body row): one header cell a body column, the words over that
    column joined top to bottom. None unless two or more header rows sit right above."""
    body = rows[first]
    spans: list[tuple[float, float]] = []
    previous: _Run | None = None
    for run in body:  # the body row's cells as x ranges, cut as `_cells` cuts them
        if previous is None or run.left - previous.right > 1.2 * min(run.height, previous.height):
            spans.append((run.left, run.right))
        else:
            spans[-1] = (spans[-1][0], run.right)
        previous = run
    if len(spans) < 3:
        return None
    heads: list[list[_Run]] = []
    k = first - 1
    while k >= 0 and first - k <= 6 and not _has_digit(rows[k]):
        below = rows[k + 1] if heads else body
        gap = min(r.bottom for r in rows[k]) - max(r.top for r in below)
        cells = _cells(rows[k])
        if (heads and gap > 0.8 * max(r.height for r in rows[k])) or (
            len(cells) == 1 and cells[0].endswith(":")
        ):
            break  # a title or a caption above the header, not one of its rows
        heads.append(rows[k])
        k -= 1
    if len(heads) < 2 or max(len(_cells(h)) for h in heads) < 2:
        return None
    middles = [(a + b) / 2 for a, b in spans]
    columns: list[list[str]] = [[] for _ in spans]
    for head in reversed(heads):
        for x, word in _word_spans(head):
            j = min(range(len(middles)), key=lambda j: abs(middles[j] - x))
            columns[j].append(word)
    return tuple(" ".join(words) for words in columns), len(heads)


class _Header(list[str]):
    """A table's header row as `column_headers` found it (it may hold digits: "d0 (mm)")."""


def _flush(pending: list[list[str]], location: str, tables: list[Table]) -> None:
    if len(pending) >= 2:
        first = pending[0]
        has_header = isinstance(first, _Header) or not any(
            ch in "0123456789" for cell in first for ch in cell
        )  # "(g.cm²)"
        header = tuple(first) if has_header else ()
        body = pending[1:] if has_header else pending
        tables.append(Table(location, header, tuple(tuple(row) for row in body)))
    pending.clear()


# ------------------------------------------------------------- counting before PDFium reads

# PDFium's text page costs ~200 bytes a glyph and is built whole before `count_chars` can
# answer, so a page of 8 M glyphs (a few KB compressed) took 1.7 GB and 16 s before the
# glyph budget could refuse it. The page's content streams are read first (pypdf; PDFium has
# no call for them) and the bytes of their strings counted: every glyph is at least one byte
# of a string, so the count is an upper bound (two bytes a glyph with CID fonts).
_OUTSIDE = re.compile(rb"\(|<([0-9A-Fa-f\s]*)>|%[^\r\n]*|(?<!\S)ID(?=\s)")
_INSIDE = re.compile(rb"\\.|[()]", re.S)
_INLINE_END = re.compile(rb"\sEI(?=\s|$)")
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]++)\s*+Do(?![^\s/\[\]()<>{}%])")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_MAX_FORM_DEPTH = 16
_HEX_BLANKS = (b" ", b"\t", b"\r", b"\n", b"\x0c", b"\x0b")  # what `\s` matches in bytes


def _string_bytes(content: bytes, stop_after: int) -> int:
    """Bytes inside the strings of a content stream (hex strings: digits / 2), in one pass.

    Counting stops once past `stop_after`. Inline image data is skipped; an unclosed string
    counts to the end of the stream.
    """
    total = pos = 0
    while total <= stop_after:
        token = _OUTSIDE.search(content, pos)
        if token is None:
            break
        lead = token.group(0)[:1]
        pos = token.end()
        if lead == b"(":
            depth, end = 1, len(content)
            for inner in _INSIDE.finditer(content, pos):
                mark = inner.group(0)
                if mark == b"(":
                    depth += 1
                elif mark == b")":
                    depth -= 1
                    if depth == 0:
                        end = inner.start()
                        break
            total += end - pos
            pos = end + 1
        elif lead == b"<":
            digits = token.group(1)
            total += (len(digits) - sum(digits.count(blank) for blank in _HEX_BLANKS)) // 2
        elif lead == b"I":
            image_end = _INLINE_END.search(content, pos)
            pos = len(content) if image_end is None else image_end.end()
    return total


def _form_uses(content: bytes) -> Counter[str]:
    """How often each XObject name is painted (`/Name Do`), names with #xx escapes decoded."""
    uses: Counter[str] = Counter()
    for name, count in Counter(_DO.findall(content)).items():
        decoded = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
        uses["/" + decoded.decode("latin-1")] += count
    return uses


def _stream_glyphs(
    content: bytes, resources: Any, stop_after: int, depth: int, seen: dict[int, int]
) -> int:
    """Upper bound on the glyphs a content stream shows, form XObjects counted per use."""
    total = _string_bytes(content, stop_after)
    uses = _form_uses(content) if total <= stop_after and depth < _MAX_FORM_DEPTH else None
    if not uses:
        return total
    xobjects = resources.get("/XObject") if resources is not None else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not xobjects:
        return total
    for name, count in uses.items():
        reference = xobjects.raw_get(name) if name in xobjects else None
        if reference is None:
            continue
        form = reference.get_object()
        if form.get("/Subtype") != "/Form":
            continue
        key = getattr(reference, "idnum", id(form))
        if key not in seen:
            seen[key] = 0  # a form that paints itself adds nothing (PDFium stops there too)
            own = form.get("/Resources")
            seen[key] = _stream_glyphs(
                form.get_data(),
                own.get_object() if own is not None else resources,
                stop_after,
                depth + 1,
                seen,
            )
        total += count * seen[key]
        if total > stop_after:
            break
    return total


class _ContentCounter:
    """Upper bounds on the glyphs of a PDF's pages from their content streams (pypdf).

    A page pypdf cannot read is not counted (None): PDFium, which is more lenient, still reads
    it, with the glyph count after the text page and the memory limit behind that.
    """

    def __init__(self, source: PdfSource) -> None:
        self._pages: Any = None
        _quiet_pypdf()
        try:
            stream = io.BytesIO(source) if isinstance(source, bytes) else source
            self._pages = PdfReader(stream, strict=False).pages
        except Exception:  # a file PDFium opened and pypdf cannot: no early count
            self._pages = None

    def glyphs(self, index: int, stop_after: int) -> int | None:
        if self._pages is None:
            return None
        try:
            page = self._pages[index]
            contents = page.get_contents()
            data = contents.get_data() if contents is not None else b""
            resources = page.get("/Resources")
            resources = resources.get_object() if resources is not None else None
            return _stream_glyphs(data, resources, stop_after, 0, {})
        except Exception:  # pypdf's own limits (e.g. on decompressed size) or a broken page
            return None


@functools.cache
def _quiet_pypdf() -> None:
    """pypdf logs a warning per oddity of a damaged file; PDFium reports what matters. Set once:
    changing a logger's level clears every logger's cache, too dear for each page."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)


# ------------------------------------------------------------------------------------ reading


def _too_complex(message: str) -> ExtractionError:
    return ExtractionError(_TOO_COMPLEX, message)


def _check_content(counter: _ContentCounter, index: int, limits: ExtractionLimits) -> None:
    """Refuse a page whose strings alone exceed the per-page glyph budget, before PDFium
    loads it (a few KB can paint millions of glyphs)."""
    bound = counter.glyphs(index, limits.max_glyphs_per_page)
    if bound is not None and bound > limits.max_glyphs_per_page:
        raise _too_complex(
            f"Page {index + 1} of the PDF shows more than {limits.max_glyphs_per_page:,} "
            "characters; at most that many per page can be read"
        )


def _page_text(
    page: pdfium.PdfPage, number: int, limits: ExtractionLimits, glyphs_left: int
) -> tuple[str, list[Table], int]:
    objects = pdfium_c.FPDFPage_CountObjects(page.raw)
    if objects > limits.max_page_objects:
        raise _too_complex(
            f"Page {number} of the PDF draws {objects:,} objects; at most "
            f"{limits.max_page_objects:,} can be read"
        )
    textpage = page.get_textpage()
    try:
        glyphs = textpage.count_chars()
        if glyphs > limits.max_glyphs_per_page:
            raise _too_complex(
                f"Page {number} of the PDF shows {glyphs:,} characters; at most "
                f"{limits.max_glyphs_per_page:,} per page can be read"
            )
        if glyphs > glyphs_left:
            raise _too_complex(
                f"The PDF shows more than {limits.max_glyphs:,} characters up to page {number}; "
                "that is more than can be read"
            )
        if glyphs == 0:
            return "", [], 0
        width, _ = page.get_size()
        text, tables = _layout(_runs(textpage, glyphs), width, f"page {number}")
        return text, tables, glyphs
    finally:
        textpage.close()


def read_pdf_pages(
    source: PdfSource, start: int, stop: int, limits: ExtractionLimits, glyphs_used: int = 0
) -> PdfPages:
    """Text of pages [start, stop) (clipped to the document); stops early past `max_chars`.

    `glyphs_used` are the characters earlier chunks already counted against `max_glyphs`.
    """
    texts: list[str | None] = []
    tables: list[Table] = []
    glyphs = 0
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            total = len(pdf)
            counter = _ContentCounter(source)
            chars = 0
            for index in range(max(0, start), min(stop, total)):
                if chars > limits.max_chars:
                    break
                _check_content(counter, index, limits)
                try:
                    page = pdf[index]
                    try:
                        text, page_tables, counted = _page_text(
                            page, index + 1, limits, limits.max_glyphs - glyphs_used - glyphs
                        )
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    texts.append(None)
                    continue
                glyphs += counted
                chars += len(text)
                texts.append(text)
                tables.extend(page_tables)
        finally:
            pdf.close()
    return PdfPages(total=total, first=max(0, start), texts=texts, tables=tables, glyphs=glyphs)


def _render(page: pdfium.PdfPage, scale: float) -> object:
    bitmap = page.render(scale=scale)
    try:
        return bitmap.to_pil()
    finally:
        bitmap.close()


def render_pdf_pages(
    source: PdfSource, pages: Sequence[int], max_side_px: int
) -> list[tuple[int, bytes]]:
    """(page, PNG image) of the given pages (0-based) in their order, longest side at most
    `max_side_px`; a page PDFium cannot render is left out."""
    images: list[tuple[int, bytes]] = []
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            for index in pages:
                try:
                    page = pdf[index]
                    try:
                        width, height = page.get_size()
                        scale = min(max_side_px / max(width, height, 1.0), _MAX_RENDER_SCALE)
                        image = _render(page, scale)
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    continue
                image.thumbnail((max_side_px, max_side_px))  # type: ignore[attr-defined]
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")  # type: ignore[attr-defined]
                images.append((index, buffer.getvalue()))
        finally:
            pdf.close()
    return images


_SURVEY_SHARE = 0.5  # of the OCR budget, at most, spent choosing the pages to read


@dataclass(slots=True)
class _OcrClock:
    """OCR's budget for one document: CPU seconds (what the work costs, whatever the load)
    and wall seconds (how long it holds a parser on a busy machine). No page is started once
    either share is spent, so a document costs at most its budget and one page."""

    cpu_s: float
    wall_s: float
    cpu_start: float = field(default_factory=time.process_time)
    wall_start: float = field(default_factory=time.monotonic)

    def spent(self, share: float = 1.0) -> bool:
        return (
            time.process_time() - self.cpu_start > share * self.cpu_s
            or time.monotonic() - self.wall_start > share * self.wall_s
        )


@dataclass(frozen=True, slots=True)
class OcrResult:
    found: dict[int, str]  # page index → text, pages without text left out
    read: list[int]  # pages read in full, in page order
    surveyed: int  # pages looked over by the text detector alone to choose them
    # Pages not blank, best first (most short text boxes, then from both ends): the order they
    # are read in, and the order a vision model gets them in. Ranked by the look over the pages
    # when there was one (`surveyed`), otherwise just from both ends.
    ranked: list[int] = field(default_factory=list)


def _from_both_ends(pages: Sequence[int]) -> list[int]:
    """First, last, second, second to last…: a document's front matter and its technical
    appendix are the likeliest places for its figures, and a budget that runs out halfway
    through a long scan has still seen both."""
    ordered = sorted(pages)
    out: list[int] = []
    low, high = 0, len(ordered) - 1
    while low <= high:
        out.append(ordered[low])
        if high != low:
            out.append(ordered[high])
        low, high = low + 1, high - 1
    return out


def _render_for_ocr(pdf: pdfium.PdfDocument, index: int, short_side_px: float | None) -> Any:
    """Page `index` as a PIL image at 200 dpi, or with its short side at `short_side_px`;
    None when PDFium cannot render it."""
    try:
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = _OCR_SCALE
            if short_side_px is not None:
                scale = min(scale, short_side_px / max(min(width, height), 1.0))
            # A huge page box must not become a gigapixel bitmap.
            return _render(page, min(scale, 4000 / max(width, height, 1.0)))
        finally:
            page.close()
    except pdfium.PdfiumError:
        return None


def ocr_pdf_pages(
    source: PdfSource, pages: Sequence[int], max_pages: int, cpu_s: float, wall_s: float
) -> OcrResult:
    """OCR text of at most `max_pages` of `pages` (0-based), within `cpu_s` CPU seconds.

    A page costs 1-15 s of CPU to read, most of it recognising lines of prose, which rarely
    hold a product's figures. When there are more pages than may be read, the text detector
    alone looks over the pages first (from both ends, within half the budget), and the pages
    with the most short text boxes (tables, label/value lists) are read, at 200 dpi.
    """
    from app.extraction import ocr

    clock = _OcrClock(cpu_s, wall_s)
    order = _from_both_ends(pages)
    boxes: dict[int, tuple[int, int]] = {}  # page → text boxes, short ones
    found: dict[int, str] = {}
    read: list[int] = []
    with _PDFIUM_LOCK:
        pdf = _open(source)
        try:
            if len(order) > max_pages:
                for index in order:
                    if clock.spent(_SURVEY_SHARE):
                        break
                    image = _render_for_ocr(pdf, index, ocr.SURVEY_SIDE_PX)
                    if image is not None:
                        found_boxes = ocr.detect(image, ocr.SURVEY_SIDE_PX)
                        boxes[index] = (len(found_boxes), ocr.short_boxes(found_boxes))
            rank = {index: position for position, index in enumerate(order)}
            chosen = sorted(
                (index for index in order if boxes.get(index, (1, 0))[0] > 0),  # not blank
                key=lambda index: (-boxes.get(index, (0, 0))[1], rank[index]),
            )
            for index in chosen:
                if len(read) >= max_pages or clock.spent():
                    break
                image = _render_for_ocr(pdf, index, None)
                if image is None:
                    continue
                read.append(index)
                text = ocr.read_text(image)
                if text:
                    found[index] = text
        finally:
            pdf.close()
    return OcrResult(found, sorted(read), len(boxes), chosen)


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
    tables: list[Table] = field(default_factory=list)
    ocr: bool = False
    image_pages: list[int] = field(default_factory=list)  # 1-based page of each image


def assemble_pdf(
    source: PdfSource, pages: PdfPages, limits: ExtractionLimits, *, render: bool
) -> PdfResult:
    """Sections per page, warnings about what was not read, and page images when needed.

    Pages are rendered when the PDF has (almost) no text layer — a scan — or when `render`
    asks for them anyway (drawings: the vision model needs the picture, not the labels).
    Up to `ocr_max_pages` pages of a scan are read by OCR when the engine is installed,
    within `ocr_budget_s` CPU seconds (see `ocr_pdf_pages`).
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
    used_ocr = False
    ranked: list[int] = []  # pages the look over a long scan found worth reading, best first
    if not has_text_layer and limits.ocr_max_pages > 0 and read > 0:
        from app.extraction import ocr

        if ocr.available():
            candidates = [pages.first + offset for offset in range(read)]
            result: OcrResult | None = None
            try:
                result = ocr_pdf_pages(
                    source, candidates, limits.ocr_max_pages, limits.ocr_budget_s,
                    limits.ocr_wall_s,
                )  # fmt: skip
            except MemoryError:  # before Exception, which it is too
                warnings.append("OCR of the scanned pages needed more memory than is allowed.")
            except Exception as exc:  # OCR is a bonus: the page images still go on
                warnings.append(f"OCR of the scanned pages failed: {exc or type(exc).__name__}")
            if result is not None and result.surveyed:
                ranked = result.ranked
            if result is not None and result.found:
                used_ocr = True
                found = result.found
                sections = [Section(f"page {i + 1}", text) for i, text in sorted(found.items())]
                chosen = ""
                if result.surveyed:
                    chosen = (
                        f"; they were chosen for their tables and short text after a look over "
                        f"{result.surveyed} of its {len(candidates)} pages"
                    )
                warnings.append(
                    f"ocr: true — the PDF has no text layer; the text of {len(found)} of its "
                    f"pages (of {_page_list([i + 1 for i in result.read])}) was read by OCR and "
                    f"may contain misread characters{chosen}."
                )
    rendered: list[tuple[int, bytes]] = []
    if (render or not has_text_layer) and limits.max_images > 0 and read > 0:
        # The pages OCR chose are the ones a vision model needs too (the technical data on
        # page 9 of a 12-page manual, not its cover and preface); the first pages otherwise.
        first_pages = [
            pages.first + offset for offset, text in enumerate(pages.texts) if text is not None
        ]
        to_render = (ranked or first_pages)[: limits.max_images]
        rendered = render_pdf_pages(source, to_render, limits.image_max_side_px)
        if not has_text_layer:
            kept = f" (pages {_page_list(sorted(i + 1 for i, _ in rendered))})" if rendered else ""
            warnings.append(
                f"The PDF has no text layer (scanned?); {len(rendered)} of its pages were "
                f"kept as images{kept}."
            )
    return PdfResult(
        sections,
        warnings,
        pages.total,
        has_text_layer,
        [image for _, image in rendered],
        list(pages.tables),
        used_ocr,
        [index + 1 for index, _ in rendered],
    )
