"""extract_document on real files of every format: sections, facts and error codes."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from PIL import Image

from app.extraction import (
    ExtractionError,
    ExtractionLimits,
    count_pages,
    detect_format,
    extract_document,
)

from . import files


def _error(data: bytes, filename: str | None = None, **kwargs: object) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_document(data, role="specification", filename=filename, **kwargs)  # type: ignore[arg-type]
    return caught.value


# ------------------------------------------------------------------------------------- PDF


def test_text_pdf_pages_facts_and_language() -> None:
    doc = extract_document(files.text_pdf(3), role="specification", filename="spec.pdf")
    assert (doc.format, doc.media_type, doc.page_count) == ("pdf", "application/pdf", 3)
    assert doc.has_text_layer and doc.images == [] and doc.warnings == []
    assert [s.location for s in doc.sections] == ["page 1", "page 2", "page 3"]
    assert "Gewicht beträgt 250 g" in doc.sections[1].text
    assert doc.sections[2].text.startswith("Seite 3")
    assert doc.language == "de"


def test_pdf_named_txt_is_still_a_pdf() -> None:
    data = files.text_pdf(1)
    assert detect_format(data, "notes.txt") == ("pdf", "application/pdf")
    assert extract_document(data, role="specification", filename="notes.txt").format == "pdf"


def test_pdf_max_pages_and_page_range() -> None:
    data = files.text_pdf(12)
    doc = extract_document(data, role="specification", limits=ExtractionLimits(max_pages=5))
    assert [s.location for s in doc.sections] == [f"page {n}" for n in range(1, 6)]
    assert doc.page_count == 12
    assert any("only the first 5" in w for w in doc.warnings)

    chunk = extract_document(data, role="specification", page_range=(4, 8))
    assert [s.location for s in chunk.sections] == ["page 5", "page 6", "page 7", "page 8"]
    assert any("pages 5–8 of 12" in w for w in chunk.warnings)
    assert count_pages(data, "pdf") == 12


def test_200_page_pdf_is_fast() -> None:
    data = files.text_pdf(200)
    extract_document(files.text_pdf(1), role="specification")  # language model loaded once
    started = time.perf_counter()
    doc = extract_document(data, role="specification")
    assert len(doc.sections) == 200
    assert time.perf_counter() - started < 3.0


def test_image_only_pdf_is_rendered() -> None:
    limits = ExtractionLimits(max_images=1, image_max_side_px=800)
    doc = extract_document(files.image_only_pdf(2), role="specification", limits=limits)
    assert not doc.has_text_layer
    assert doc.sections == [] and doc.page_count == 2 and doc.language is None
    assert len(doc.images) == 1 and doc.image_media_type == "image/png"
    with Image.open(io.BytesIO(doc.images[0])) as image:
        assert image.format == "PNG" and max(image.size) <= 800
        assert max(image.size) >= 790  # scaled up to the limit, not left tiny
    assert any("no text layer" in w for w in doc.warnings)


def test_drawing_pdf_with_text_is_rendered_too() -> None:
    doc = extract_document(files.text_pdf(2), role="drawing")
    assert doc.has_text_layer and len(doc.images) == 2


def test_encrypted_pdf() -> None:
    error = _error(files.encrypted_pdf())
    assert error.code == "encrypted_file"
    assert error.message == "The PDF is password-protected; upload an unprotected copy"


@pytest.mark.parametrize("keep", [0.1, 0.5])
def test_truncated_pdf(keep: float) -> None:
    data = files.text_pdf(5)
    error = _error(data[: int(len(data) * keep)])
    assert error.code == "corrupt_file"
    assert error.message.startswith("The PDF could not be read: ")


# ------------------------------------------------------------------------------ DOCX, XLSX


def test_docx_paragraphs_tables_headers() -> None:
    doc = extract_document(files.docx_bytes(), role="specification", filename="spec.docx")
    assert doc.format == "docx"
    sections = {s.location: s.text for s in doc.sections}
    assert list(sections) == ["text", "table 1", "header", "footer"]
    assert sections["text"].splitlines() == [
        "# Halter, Edelstahl",
        "Technische Daten:",
        "[table 1]",
        "Oberfläche gebürstet, Kanten entgratet.",
    ]
    assert "Gewicht | 250 | g" in sections["table 1"].splitlines()
    assert sections["header"] == "ACME GmbH – Spezifikation 4711"
    assert sections["footer"] == "Vertraulich"
    assert doc.language == "de"


def test_xlsx_sheets_as_label_value_rows_with_units() -> None:
    doc = extract_document(files.xlsx_bytes(), role="specification", filename="data.bin")
    assert (doc.format, doc.page_count) == ("xlsx", 2)
    sections = {s.location: s.text.splitlines() for s in doc.sections}
    assert sections["sheet Specs"] == [
        "Weight: 250 g",
        "Material: PA66 GF30",
        "Wall thickness: 2.5 mm",
        "Gross weight: 1.2 kg",  # the unit lives in the number format
    ]
    assert sections["sheet BOM"] == ["Bracket: Material=Steel | Qty=2"]


def test_zip_bomb_disguised_as_docx() -> None:
    bomb = files.zip_bomb_docx(unpacked_mb=40)
    assert len(bomb) < 1024 * 1024
    error = _error(bomb, "spec.docx")
    assert error.code == "file_too_complex"
    assert "zip bomb" in error.message
    small_limit = ExtractionLimits(max_unpacked_bytes=10 * 1024 * 1024)
    error = _error(bomb, "spec.docx", limits=small_limit)
    assert error.code == "file_too_complex" and "unpacks to 40 MB" in error.message


def test_truncated_docx_is_corrupt() -> None:
    data = files.docx_bytes()
    assert _error(data[: len(data) // 2], "spec.docx").code == "corrupt_file"


def test_zip_that_is_no_office_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("drawing.dxf", "0\nSECTION\n")
    error = _error(buffer.getvalue(), "spec.docx")
    assert error.code == "unsupported_file" and "ZIP archive" in error.message


def test_old_office_files_are_refused_readably() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
    doc = _error(ole + "WordDocument".encode("utf-16-le"), "spec.doc")
    assert doc.code == "unsupported_file" and ".doc" in doc.message
    xls = _error(ole + "Workbook".encode("utf-16-le"), "spec.xls")
    assert xls.code == "unsupported_file" and ".xls" in xls.message
    encrypted = _error(ole + "EncryptedPackage".encode("utf-16-le"), "spec.docx")
    assert encrypted.code == "encrypted_file"


# ------------------------------------------------------------------------------ text formats


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_plain_text_encodings(encoding: str) -> None:
    text = "Gewicht: 250 g\r\nGröße: 10 × 20 mm, Maße geprüft, Preis 5 €\nOberfläche: verzinkt\x00"
    doc = extract_document(text.encode(encoding), role="specification", filename="spec.txt")
    assert doc.format == "text"
    assert doc.sections[0].location == "text"
    assert doc.text == (
        "Gewicht: 250 g\nGröße: 10 × 20 mm, Maße geprüft, Preis 5 €\nOberfläche: verzinkt"
    )


def test_nul_bytes_never_reach_the_text() -> None:
    doc = extract_document(b"Weight\x00: 250 g\x00\x00 net", role="specification")
    assert "\x00" not in doc.text and doc.text == "Weight: 250 g net"


def test_csv_semicolon_decimal_comma_and_header() -> None:
    data = "Eigenschaft;Wert;Einheit\nGewicht;250,5;g\nDichte;7,85;g/cm³\nWerkstoff;Stahl;\n"
    doc = extract_document(data.encode("cp1252"), role="specification", filename="d.csv")
    assert doc.format == "csv" and doc.media_type == "text/csv"
    assert doc.text.splitlines() == ["Gewicht: 250,5 g", "Dichte: 7,85 g/cm³", "Werkstoff: Stahl"]


def test_csv_recognised_without_a_name_and_tab_separated() -> None:
    doc = extract_document(b"Property,Value,Unit\nWeight,250,g\nColour,black,\n", role="s")
    assert doc.format == "csv" and doc.text.splitlines() == ["Weight: 250 g", "Colour: black"]
    tsv = extract_document(b"Weight\t250\tg\nLength\t12\tmm\n", role="s", filename="x.tsv")
    assert tsv.text.splitlines() == ["Weight: 250 g", "Length: 12 mm"]


def test_html_drops_scripts_and_keeps_tables_as_rows() -> None:
    html = (
        b"<!DOCTYPE html><html><head><title>Bracket spec</title><script>var x = 1;</script>"
        b"<style>p { color: red }</style></head><body><h1>Bracket</h1><p>Weight <b>250 g</b>"
        b" net</p><table><tr><th>Property</th><th>Value</th></tr><tr><td>Material</td>"
        b"<td>PA66 GF30</td></tr></table><ul><li>RoHS</li></ul></body></html>"
    )
    doc = extract_document(html, role="specification", filename="spec.txt")
    assert doc.format == "html"
    sections = {s.location: s.text for s in doc.sections}
    assert sections["text"].splitlines() == [
        "Bracket spec",
        "Bracket",
        "Weight 250 g net",
        "[table 1]",
        "- RoHS",
    ]
    assert sections["table 1"] == "Property | Value\nMaterial | PA66 GF30"
    assert "var x" not in doc.text and "color" not in doc.text


def test_json_flattened_to_paths() -> None:
    value = {
        "article": {"name": "Bracket", "weight": {"value": 250, "unit": "g"}},
        "materials": [{"name": "PA66", "share": 0.7}, "steel"],
        "rohs": True,
        "note": None,
    }
    doc = extract_document(json.dumps(value).encode(), role="specification")
    assert doc.format == "json"
    assert doc.text.splitlines() == [
        "article.name: Bracket",
        "article.weight: 250 g",  # a {value, unit} object is one quantity
        "materials[0].name: PA66",
        "materials[0].share: 0.7",
        "materials[1]: steel",
        "rohs: true",
        "note: null",
    ]


def test_markdown_kept_as_is() -> None:
    md = b"# Bracket\n\n| Property | Value |\n|---|---|\n| Weight | 250 g |\n"
    doc = extract_document(md, role="specification", filename="README.md")
    assert doc.format == "markdown" and doc.text == md.decode().strip()
    assert detect_format(md) == ("markdown", "text/markdown")  # no name needed


def test_max_chars_truncates_with_a_warning() -> None:
    doc = extract_document(
        b"x" * 5000, role="specification", limits=ExtractionLimits(max_chars=1000)
    )
    assert doc.char_count == 1000
    assert any("cut at 1,000 characters" in w for w in doc.warnings)
    csv_doc = extract_document(
        b"".join(b"Row %d;%d;g\n" % (i, i) for i in range(10_000)),
        role="specification",
        filename="big.csv",
        limits=ExtractionLimits(max_chars=500),
    )
    assert csv_doc.char_count <= 500 and csv_doc.warnings


# ------------------------------------------------------------------------ images, rejects


@pytest.mark.parametrize(
    ("pil_format", "fmt", "media_type"),
    [("PNG", "png", "image/png"), ("JPEG", "jpeg", "image/jpeg"), ("WEBP", "webp", "image/jpeg")],
)
def test_images_are_downscaled(pil_format: str, fmt: str, media_type: str) -> None:
    data = files.image_bytes(pil_format, size=(3200, 2400))
    doc = extract_document(data, role="drawing", filename="drawing.pdf")
    assert (doc.format, doc.has_text_layer, doc.sections) == (fmt, False, [])
    assert doc.image_media_type == media_type and len(doc.images) == 1
    with Image.open(io.BytesIO(doc.images[0])) as image:
        assert image.size == (1600, 1200)


def test_png_with_transparency_stays_png() -> None:
    doc = extract_document(files.image_bytes("PNG", (400, 300), "RGBA"), role="drawing")
    assert doc.image_media_type == "image/png"


def test_truncated_image_is_corrupt() -> None:
    data = files.image_bytes("PNG", (800, 600))
    assert _error(data[:200]).code == "corrupt_file"


def test_empty_and_unknown_binary() -> None:
    assert _error(b"").code == "empty_file"
    unknown = _error(bytes(range(256)) * 20, "spec.txt")
    assert unknown.code == "unsupported_file" and "binary data" in unknown.message
    gif = _error(b"GIF89a" + b"\0" * 100, "spec.pdf")
    assert gif.code == "unsupported_file" and "GIF" in gif.message
