"""The hostile files the extraction tests know, built in memory (bench/hostile_files.py too).

Each builder takes a size, so a test can build the same file at two sizes and check that the
cost grows linearly, and the benchmark can build the full-size attack.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib


def spaces_text(n: int) -> bytes:
    """A long run of spaces between two words (once quadratic in `clean_text`)."""
    return b"Gewicht" + b" " * n + b"250 g\n"


def blank_lines_text(n: int) -> bytes:
    """Lines of nothing but blanks (once cubic in the Markdown sniffing of format detection)."""
    return b"Datenblatt\n" + b" \n" * (n // 2) + b"Gewicht 250 g\n"


def brackets_text(n: int) -> bytes:
    """A run of "[" (once quadratic in the Markdown link sniffing)."""
    return b"Spec " + b"[" * n + b"\n"


def digits_csv(n: int) -> bytes:
    """A CSV whose cells are long runs of digits and separators."""
    cell = b"1" * (n // 4)
    return b"Artikel;Gewicht\n" + cell + b";" + b"1.234" * (n // 20) + b"\n" + b";" * (n // 4)


def labels_text(n: int) -> bytes:
    """The same label over and over, no values."""
    return b"Gewicht: " * (n // 9)


def plain_text(n: int) -> bytes:
    """Ordinary prose of `n` bytes (the 4.8 MB file was this)."""
    line = b"Das Gewicht betraegt 250 g pro Stueck, Werkstoff Edelstahl 1.4301.\n"
    return (line * (n // len(line) + 1))[:n]


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF with a correct cross-reference table around numbered objects."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def glyph_bomb_pdf(glyphs: int, pages: int = 1) -> bytes:
    """Pages whose compressed content stream shows `glyphs` characters each (82 KB → 8 M glyphs)."""
    run = b"(" + b"A" * 1000 + b") Tj\n"
    content = b"BT /F1 1 Tf 10 10 Td\n" + run * (glyphs // 1000) + b"ET\n"
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages)).encode()
    font = 3 + 2 * pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf(objects)


def form_glyph_bomb_pdf(glyphs_per_form: int, uses: int) -> bytes:
    """One page drawing the same form XObject `uses` times: few objects on the page and a
    small file, but `glyphs_per_form * uses` characters once PDFium expands the forms."""
    form = zlib.compress(
        b"BT /F1 1 Tf 10 10 Td\n" + (b"(" + b"A" * 1000 + b") Tj\n") * (glyphs_per_form // 1000)
        + b"ET\n", 9
    )  # fmt: skip
    content = b"".join(b"q 1 0 0 1 0 %d cm /Fm1 Do Q\n" % (i % 800) for i in range(uses))
    form_object = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d /Filter /FlateDecode "
        b"/Resources << /Font << /F1 5 0 R >> >> >>\nstream\n" % len(form) + form + b"\nendstream"
    )
    return _page_pdf(content, b"/XObject << /Fm1 6 0 R >>", form_object)


def _page_pdf(content: bytes, resources: bytes, *extra: bytes) -> bytes:
    """A one-page PDF: page content, extra resources, Helvetica as object 5, then `extra`."""
    stream = zlib.compress(content, 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> " + resources + b" >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra,
        ]
    )


def split_zip_bomb_docx(parts: int = 20, part_bytes: int = 9_900_000) -> bytes:
    """A DOCX with `parts` members just under 10 MB each that compress ~1000:1."""
    from tests.extraction.files import docx_bytes

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes())) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        filler = b"<w:p/>" * (part_bytes // 6)
        for index in range(parts):
            archive.writestr(f"word/media/filler{index}.xml", filler)
    return buffer.getvalue()


def large_xml_docx(xml_bytes: int) -> bytes:
    """A DOCX whose body holds `xml_bytes` of short paragraphs with varied numbers: it
    compresses only ~9:1, so no zip check refuses it (150 MB of XML is a 17 MB upload)."""
    import random

    from tests.extraction.files import docx_bytes

    rnd = random.Random(1)
    chunk = b"".join(
        b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % rnd.randrange(10**6) for _ in range(20_000)
    )
    body = (chunk * (xml_bytes // len(chunk) + 1))[: xml_bytes - xml_bytes % 37]
    body = body[: body.rfind(b"</w:p>") + len(b"</w:p>")]
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes())) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                at = part.index(b"<w:body>") + len(b"<w:body>")
                part = part[:at] + body + part[at:]
            archive.writestr(info.filename, part)
    return buffer.getvalue()


def padded_xlsx(rows: int = 1, last_cell: str = "XFD1048576") -> bytes:
    """A small XLSX whose few cells sit at the far corner of the sheet (A1:XFD1048576)."""
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Gewicht {r}</t></is></c>'
        f'<c r="B{r}"><v>250</v></c></row>'
        for r in range(1, rows + 1)
    )
    far_row = "".join(ch for ch in last_cell if ch.isdigit())
    return xlsx(
        f'<dimension ref="A1:{last_cell}"/><sheetData>{cells}'
        f'<row r="{far_row}"><c r="{last_cell}"><v>1</v></c></row></sheetData>'
    )


def shared_strings_bomb_xlsx(strings: int) -> bytes:
    """Millions of distinct shared strings (numbers, so deflate cannot call it a bomb) behind
    a sheet of two cells."""
    shared = "".join(f"<si><t>{n}</t></si>" for n in range(strings))
    return xlsx(
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        "</sheetData>",
        shared,
    )


def empty_cells_xlsx(cells: int, per_row: int = 1000) -> bytes:
    """Millions of cells with nothing in them (each with its own style, so they compress
    less than a bomb): nothing to read, all to parse."""
    rows = []
    for r in range(1, cells // per_row + 1):
        row = "".join(f'<c r="{_column_name(c)}{r}" s="{(r + c) % 7}"/>' for c in range(per_row))
        rows.append(f'<row r="{r}">{row}</row>')
    return xlsx(f"<sheetData>{''.join(rows)}</sheetData>")


def dead_cells_xlsx(cells: int, per_row: int = 1000) -> bytes:
    """Millions of cells with a value that reads as nothing (a shared string index that does
    not exist): each is parsed and looked up, none gives text to charge the text budget."""
    rows = []
    for r in range(1, cells // per_row + 1):
        row = "".join(
            f'<c r="{_column_name(c)}{r}" t="s"><v>{r * per_row + c}</v></c>'
            for c in range(per_row)
        )
        rows.append(f'<row r="{r}">{row}</row>')
    return xlsx(f"<sheetData>{''.join(rows)}</sheetData>")


def small_cells_xlsx(cells: int, per_row: int = 1000) -> bytes:
    """Hundreds of thousands of cells holding one digit each: every cell is real text (so no
    dead-cell budget cuts it) and a few bytes on the wire, but each is a cell of a `Table`."""
    rows = []
    for r in range(1, cells // per_row + 1):
        row = "".join(
            f'<c r="{_column_name(c)}{r}"><v>{(r + c) % 10}</v></c>' for c in range(per_row)
        )
        rows.append(f'<row r="{r}">{row}</row>')
    return xlsx(f"<sheetData>{''.join(rows)}</sheetData>")


def repeated_string_xlsx(references: int, chars: int = 32_000, per_row: int = 1000) -> bytes:
    """One long shared string referenced by every cell: a few KB unpack to `references` ×
    `chars` characters of cell text."""
    text = " ".join(f"w{n}" for n in range(chars // 6))[:chars]
    rows = []
    for r in range(1, references // per_row + 1):
        row = "".join(f'<c r="{_column_name(c)}{r}" t="s"><v>0</v></c>' for c in range(per_row))
        rows.append(f'<row r="{r}">{row}</row>')
    return xlsx(f"<sheetData>{''.join(rows)}</sheetData>", f"<si><t>{text}</t></si>")


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx(sheet_data: str, shared_strings: str | None = None) -> bytes:
    """A minimal workbook of one sheet "Daten" around the sheet's XML (and shared strings)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{main}">{sheet_data}</worksheet>'
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<workbook xmlns="{main}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            archive.writestr(
                "xl/sharedStrings.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<sst xmlns="{main}">{shared_strings}</sst>',
            )
    return buffer.getvalue()


def nested_json(depth: int) -> bytes:
    """Brackets nested `depth` deep (json.loads raises RecursionError past ~1000)."""
    return b'{"a":' * depth + b"1" + b"}" * depth


def deep_but_valid_json(depth: int) -> bytes:
    """Nesting json.loads still accepts, for the flattener."""
    return json.dumps(_nest(depth)).encode()


def _nest(depth: int) -> object:
    value: object = {"weight": "250 g"}
    for _ in range(depth):
        value = {"child": value}
    return value
