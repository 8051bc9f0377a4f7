"""Builders of real files in every supported format, made in memory for the tests."""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF
from PIL import Image, ImageDraw

SPEC_LINE = "Das Gewicht beträgt 250 g pro Stück. Werkstoff Edelstahl 1.4301, Oberfläche gebürstet."


def text_pdf(pages: int = 3, line: str = SPEC_LINE) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Seite {number}\n" + f"{line}\n" * 3)
    return bytes(pdf.output())


def drawing_image(size: tuple[int, int] = (1200, 900), mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, size[0] - 100, size[1] - 100), outline="black", width=8)
    draw.line((100, 100, size[0] - 100, size[1] - 100), fill="black", width=5)
    return image


def image_only_pdf(pages: int = 2) -> bytes:
    images = [drawing_image() for _ in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=100)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(1))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (3200, 2400), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    drawing_image(size, mode).save(buffer, fmt)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = "ACME GmbH – Spezifikation 4711"
    document.sections[0].footer.paragraphs[0].text = "Vertraulich"
    document.add_heading("Halter, Edelstahl", level=1)
    document.add_paragraph("Technische Daten:")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [("Eigenschaft", "Wert", "Einheit"), ("Gewicht", "250", "g"), ("Werkstoff", "1.4301", "")],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Oberfläche gebürstet, Kanten entgratet.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    specs = workbook.active
    assert specs is not None
    specs.title = "Specs"
    specs.append(["Property", "Value", "Unit"])
    specs.append(["Weight", 250, "g"])
    specs.append(["Material", "PA66 GF30", None])
    specs.append(["Wall thickness", 2.5, "mm"])
    specs["B5"] = 1.2
    specs["B5"].number_format = '0.0 "kg"'
    specs["A5"] = "Gross weight"
    bom = workbook.create_sheet("BOM")
    bom.append(["Part", "Material", "Qty"])
    bom.append(["Bracket", "Steel", 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """Looks like a DOCX, but one member inflates to `unpacked_mb` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


_EXPORT_COLUMNS = (
    ("SKU", lambda r: f"A{100000 + r}"),
    ("EAN", lambda r: f"40{r:011d}"),
    ("Name", lambda r: f"Halter {r % 97}"),
    ("Group", lambda r: ("Halter", "Winkel", "Profil", "Clip")[r % 4]),
    ("Weight", lambda r: round(0.05 + (r % 400) / 100, 2)),
    ("Unit", lambda r: "kg"),
    ("Material", lambda r: ("PA66", "1.4301", "S235", "AlMg3")[r % 4]),
    ("Length", lambda r: 20 + r % 180),
    ("Width", lambda r: 10 + r % 50),
    ("Height", lambda r: 5 + r % 30),
    ("Colour", lambda r: ("black", "grey", "blank")[r % 3]),
    ("Finish", lambda r: ("zinc", "raw", "anod.")[r % 3]),
    ("Pack", lambda r: (1, 10, 50, 100)[r % 4]),
    ("Price", lambda r: round(0.4 + (r % 900) / 10, 2)),
    ("Stock", lambda r: r % 731),
    ("Lead", lambda r: 2 + r % 20),
)


def product_export_xlsx(rows: int = 5_000, columns: int = 30) -> bytes:
    """A product information export: a header row, then `rows` articles of `columns`
    attributes (codes and names as shared strings, measures as numbers), as PIM systems write
    them; attributes past the named ones are numbered."""
    from tests.extraction.hostile import _column_name, xlsx

    named = list(_EXPORT_COLUMNS[:columns])
    while len(named) < columns:
        number = len(named)
        named.append((f"Attr{number}", lambda r, n=number: (r * n) % 1000))
    strings: dict[str, int] = {}

    def cell(ref: str, value: object) -> str:
        if isinstance(value, str):
            index = strings.setdefault(value, len(strings))
            return f'<c r="{ref}" t="s"><v>{index}</v></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    lines = ['<row r="1">' + "".join(
        cell(f"{_column_name(c)}1", name) for c, (name, _) in enumerate(named)
    ) + "</row>"]  # fmt: skip
    for r in range(2, rows + 2):
        lines.append(f'<row r="{r}">' + "".join(
            cell(f"{_column_name(c)}{r}", value(r)) for c, (_, value) in enumerate(named)
        ) + "</row>")  # fmt: skip
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return xlsx(f"<sheetData>{''.join(lines)}</sheetData>", shared)


_PROSE = (
    "Lesen Sie diese Anleitung vor dem ersten Gebrauch vollständig durch",
    "und bewahren Sie sie für späteres Nachschlagen sorgfältig auf.",
    "Das Gerät ist nur für den Gebrauch in trockenen Räumen bestimmt.",
)
_DATA = (
    ("Nennspannung", "230 V"),
    ("Leistung", "1200 W"),
    ("Drehzahl", "0-1500 1/min"),
    ("Gewicht", "4,2 kg"),
    ("Schutzklasse", "II"),
    ("Schalldruck", "82 dB(A)"),
)


def scanned_manual_pdf(pages: int, data_page: int | None) -> bytes:
    """A scanned operating manual of A4 pages at 100 dpi: a cover, pages of prose, and on
    `data_page` (1-based) a table of technical data."""
    from PIL import ImageFont

    font = ImageFont.load_default(size=16)
    images = []
    for number in range(1, pages + 1):
        image = Image.new("L", (827, 1169), "white")
        draw = ImageDraw.Draw(image)
        if number == 1:
            draw.text((80, 300), "Bedienungsanleitung", fill="black", font=font)
        elif number == data_page:
            draw.text((80, 100), "Technische Daten", fill="black", font=font)
            for row, (label, value) in enumerate(_DATA):
                draw.text((80, 160 + 40 * row), label, fill="black", font=font)
                draw.text((420, 160 + 40 * row), value, fill="black", font=font)
        else:
            for row, line in enumerate(_PROSE):
                draw.text((80, 100 + 40 * row), line, fill="black", font=font)
        draw.text((400, 1100), str(number), fill="black", font=font)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=100)
    return buffer.getvalue()
