"""Which format a file really is, decided from its bytes: an extension is a claim, not a fact.

The filename only breaks ties between text formats that the bytes cannot tell apart
(CSV vs Markdown vs plain text).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from app.extraction.document import ExtractionError
from app.extraction.tabular import sniff_delimiter
from app.extraction.text import decode_text

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "html": "text/html",
    "json": "application/json",
    "markdown": "text/markdown",
    "text": "text/plain",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT_HINT = "save it as PDF, DOCX or XLSX and upload that"
# Formats we recognise but do not read, so the message can say what the file is.
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"%!PS", "a PostScript file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"AC10", "an AutoCAD DWG drawing"),
    (b"8BPS", "a Photoshop image"),
)
_RTF = re.compile(rb"\{\\rtf\d")  # "{\rtf1": a text that starts "{\rtf" otherwise is text
_WEAK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"BM", "a BMP image"),
    (b"MZ", "a Windows program"),
    (b"BZh", "a bzip2 archive"),
)
_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_HTML_WEAK = re.compile(r"<(table|div|p|h[1-6]|ul|span|br)[\s/>]", re.I)
# Linear on hostile text: no `\s` (it spans lines), no two adjacent loops over the same
# characters, and a bracket run cannot restart at every "[".
_MD_MARKERS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),
    re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|", re.M),
    re.compile(r"^[ \t]*[-*+][ \t]+\S", re.M),
    re.compile(r"\*\*[^*\n]+\*\*|\[[^\[\]\n]+\]\([^()\s]+\)|^```", re.M),
)
_TEXT_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


@dataclass(frozen=True, slots=True)
class Detection:
    """The detected format, plus what detection already decoded so parsers need not redo it."""

    format: str
    text: str | None = None  # decoded text for text formats
    json_value: object = None  # the parsed value when format == "json"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def is_pdf(data: bytes) -> bool:
    """A PDF header at offset 0; or within the first KiB (readers accept junk before it, so we
    do too) when the file also has a PDF's structure — a text that merely mentions "%PDF-" in
    its first lines has no objects and no cross-reference section, and is read as text."""
    if data.startswith(b"%PDF-"):
        return True
    if data[:1024].find(b"%PDF-") < 0:
        return False
    return b"endobj" in data or b"startxref" in data[-4096:]


def _sniff_binary(data: bytes) -> str | None:
    if is_pdf(data):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    return None


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _reject_ole(data: bytes) -> ExtractionError:
    """Old binary Office files (and encrypted new ones, which are OLE containers too)."""
    if _utf16("EncryptedPackage") in data:
        return ExtractionError(
            "encrypted_file", "The Office file is password-protected; upload an unprotected copy"
        )
    if _utf16("WordDocument") in data:
        what = "an old Word document (.doc)"
    elif _utf16("Workbook") in data or _utf16("Book") in data:
        what = "an old Excel workbook (.xls)"
    elif _utf16("PowerPoint Document") in data:
        what = "an old PowerPoint presentation (.ppt)"
    else:
        what = "an old Microsoft Office file"
    return ExtractionError(
        "unsupported_file", f"This is {what}, which cannot be read; {_CONVERT_HINT}"
    )


def _zip_format(data: bytes) -> str:
    """DOCX and XLSX are both ZIPs: tell them apart by their content types and member names."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = b""
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= 1024 * 1024:
                    content_types = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ExtractionError(
            "corrupt_file",
            "The file is a ZIP-based document (such as DOCX or XLSX) but it is damaged "
            f"or incomplete: {exc}",
        ) from exc
    if b"ms-excel.sheet.binary" in content_types:
        raise ExtractionError(
            "unsupported_file", f"This is a binary Excel workbook (.xlsb); {_CONVERT_HINT}"
        )
    if b"wordprocessingml" in content_types or b"ms-word." in content_types:
        return "docx"
    if b"spreadsheetml" in content_types or b"ms-excel." in content_types:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"presentationml" in content_types or "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation"
    elif "mimetype" in names or "content.xml" in names:
        what = "an OpenDocument (LibreOffice) file"
    else:
        what = "a ZIP archive, not a document"
    raise ExtractionError("unsupported_file", f"This is {what}; {_CONVERT_HINT}")


def _text_format(text: str, filename: str | None) -> Detection:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    ext_format = _TEXT_EXTENSIONS.get(PurePath(filename).suffix.lower()) if filename else None
    if _HTML_STRONG.search(head) or (
        head.startswith("<") and ext_format is None and _HTML_WEAK.search(head)
    ):
        return Detection("html", text)
    if head[:1] in ("{", "["):
        try:
            return Detection("json", text, json.loads(text))
        except RecursionError as exc:
            raise ExtractionError(
                "file_too_complex",
                "The JSON is nested too deeply to be read (brackets inside brackets, "
                "about a thousand levels or more)",
            ) from exc
        except ValueError:
            pass
    if ext_format is not None:
        return Detection(ext_format, text)
    if _looks_like_csv(text):
        return Detection("csv", text)
    sample = text[:20000]
    if sum(1 for marker in _MD_MARKERS if marker.search(sample)) >= 2:
        return Detection("markdown", text)
    return Detection("text", text)


def _looks_like_csv(text: str) -> bool:
    """Without a .csv name, only call it CSV when most lines split into the same columns."""
    lines = [line for line in text[:20000].splitlines()[:50] if line.strip()]
    if len(lines) < 2:
        return False
    delimiter, score = sniff_delimiter(lines)
    return (delimiter in (";", "\t") and score >= 0.8) or (delimiter == "," and score >= 0.95)


def detect(data: bytes, filename: str | None = None) -> Detection:
    """The format of `data`; `ExtractionError` for empty, corrupt or unsupported files."""
    if not data:
        raise ExtractionError("empty_file", "The file is empty")
    kind = _sniff_binary(data)
    if kind == "zip":
        return Detection(_zip_format(data))
    if kind == "ole":
        raise _reject_ole(data)
    if kind is not None:
        return Detection(kind)
    for magic, what in _UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            raise ExtractionError("unsupported_file", f"This is {what}, which cannot be read")
    if _RTF.match(data):
        raise ExtractionError("unsupported_file", f"This is an RTF document; {_CONVERT_HINT}")
    if data[4:8] == b"ftyp":
        brand = data[8:12].decode("ascii", "replace")
        what = "a HEIC/AVIF image" if brand in ("heic", "heix", "mif1", "avif") else "a video"
        raise ExtractionError("unsupported_file", f"This is {what}; upload a PDF, PNG or JPEG")
    decoded = decode_text(data)
    if decoded is None:
        for magic, what in _WEAK_MAGIC:
            if data.startswith(magic):
                raise ExtractionError("unsupported_file", f"This is {what}, which cannot be read")
        raise ExtractionError(
            "unsupported_file",
            "This is binary data of an unknown kind; upload a PDF, Word, Excel, text or image file",
        )
    return _text_format(decoded[0], filename)


def detect_format(data: bytes, filename: str | None = None) -> tuple[str, str]:
    """(format, media type) from the content; raises `ExtractionError` for files we cannot read."""
    detection = detect(data, filename)
    return detection.format, detection.media_type
