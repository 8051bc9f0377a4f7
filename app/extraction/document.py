"""The shape of an extracted document, shared by the parsers, the analyzers and the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A file that cannot be read; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of a document evidence can point at: a page, a sheet, a table, the text."""

    location: str  # e.g. "page 3", "sheet Materials", "text"
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table as the document lays it out: a unit in a column header applies to the column,
    and a variant table's columns or rows say which article a value belongs to."""

    location: str  # the section it sits in, e.g. "page 2", "sheet Data", "text"
    header: tuple[str, ...]  # the header cells; empty when the table has none
    rows: tuple[tuple[str, ...], ...]  # body rows, cells as text
    caption: str = ""  # the nearest heading or title above the table


@dataclass(frozen=True, slots=True)
class ExtractionLimits:
    """Caps that keep one hostile or huge file from taking the service down."""

    max_pages: int = 200
    max_chars: int = 2_000_000
    max_images: int = 4
    image_max_side_px: int = 1600
    # Pixels of an uploaded image, checked from its header before it is decoded (4 bytes a
    # pixel decoded; a 48-megapixel phone photo passes).
    max_image_pixels: int = 64_000_000
    max_unpacked_bytes: int = 200 * 1024 * 1024  # zip-based formats (DOCX, XLSX)
    # XML of a Word file, all parts together: python-docx builds one tree of ~16 bytes a byte
    # (150 MB of XML, 17 MB zipped, took 2.4 GB). A 300-page document has ~20 MB.
    max_docx_xml_bytes: int = 48 * 1024 * 1024
    # Work budgets: past them a file is `file_too_complex` before it can exhaust the memory
    # limit. A dense A4 data sheet shows ~5,000 glyphs a page; 200 such pages are 1 M.
    max_glyphs_per_page: int = 100_000
    max_glyphs: int = 4_000_000  # all pages of one PDF together
    max_page_objects: int = 200_000  # drawing/text objects on one PDF page
    max_cells: int = 2_000_000  # spreadsheet cells read, all sheets together (empty ones too)
    ocr_max_pages: int = 5  # pages of a scan read by OCR (when the OCR engine is installed)
    # CPU seconds of OCR per document: no page is started once spent. Looking a page over for
    # tables takes ~0.2 s, reading one 1-15 s (prose costs most).
    ocr_budget_s: float = 20.0
    # ... and wall seconds, the time a parser is held when a busy machine gives it a fraction of
    # a core (half of the default parse timeout).
    ocr_wall_s: float = 60.0


@dataclass(slots=True)
class ExtractedDocument:
    """What a document-processing step reports about one file."""

    role: str  # "specification" | "drawing"
    format: str  # pdf, docx, xlsx, csv, html, json, markdown, text, png, jpeg, webp
    media_type: str
    sections: list[Section] = field(default_factory=list)
    page_count: int = 1
    has_text_layer: bool = True
    images: list[bytes] = field(default_factory=list)  # PNG/JPEG page images for a vision model
    # The 1-based page of each image, in the same order: the pages chosen for the model (for a
    # long scan, those OCR chose for their tables, best first), not necessarily the first ones.
    image_pages: list[int] = field(default_factory=list)
    image_media_type: str = "image/png"
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # also present, as lines, in `sections`

    @property
    def text(self) -> str:
        return "\n\n".join(section.text for section in self.sections if section.text)

    @property
    def char_count(self) -> int:
        return sum(len(section.text) for section in self.sections)
