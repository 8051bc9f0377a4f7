"""Tables from every format, PDF rows from positioned text, embedded product data, detection."""

from __future__ import annotations

import io
import json

import pytest
from fpdf import FPDF

from app.extraction import ExtractionError, detect_format, extract_document
from app.extraction.document import ExtractedDocument, Table

from . import files, hostile


def _doc(data: bytes, name: str) -> ExtractedDocument:
    return extract_document(data, role="specification", filename=name)


def _rows(table: Table) -> list[tuple[str, ...]]:
    return [tuple(cell for cell in row if cell) for row in table.rows]


# -------------------------------------------------------------------------------- tables


def test_docx_tables_are_structured_and_still_lines() -> None:
    doc = _doc(files.docx_bytes(), "a.docx")
    (table,) = doc.tables
    assert table.header == ("Eigenschaft", "Wert", "Einheit")
    assert ("Gewicht", "250", "g") in table.rows
    assert table.caption == "Halter, Edelstahl"  # the heading above it
    assert "Gewicht | 250 | g" in doc.text


def test_xlsx_sheets_become_tables_with_units_from_number_formats() -> None:
    doc = _doc(files.xlsx_bytes(), "a.xlsx")
    specs, bom = doc.tables
    assert (specs.location, specs.header) == ("sheet Specs", ("Property", "Value", "Unit"))
    assert ("Weight", "250", "g") in specs.rows
    assert ("Gross weight", "1.2 kg", "") in specs.rows
    assert bom.location == "sheet BOM" and ("Bracket", "Steel", "2") in bom.rows
    assert "Weight: 250 g" in doc.text


def test_csv_is_a_table() -> None:
    doc = _doc(b"Teil;Werkstoff;Gewicht\nHalter;1.4301;250 g\nDeckel;PA66;40 g\n", "a.csv")
    (table,) = doc.tables
    assert table.header == ("Teil", "Werkstoff", "Gewicht")
    assert table.rows == (("Halter", "1.4301", "250 g"), ("Deckel", "PA66", "40 g"))


def test_html_tables_with_th_header_and_definition_lists() -> None:
    page = b"""<html><body><h1>Halter</h1>
    <table><caption>Technische Daten</caption><tr><th>Merkmal</th><th>Wert</th></tr>
    <tr><td>Gewicht</td><td>250 g</td></tr><tr><td>Werkstoff</td><td>1.4301</td></tr></table>
    <dl><dt>Nettogewicht</dt><dd>0,25 kg</dd><dt>Farbe</dt><dd>grau</dd></dl></body></html>"""
    doc = _doc(page, "a.html")
    table, dl = doc.tables
    assert (table.header, table.caption) == (("Merkmal", "Wert"), "Technische Daten")
    assert table.rows == (("Gewicht", "250 g"), ("Werkstoff", "1.4301"))
    assert dl.rows == (("Nettogewicht", "0,25 kg"), ("Farbe", "grau"))
    assert "Nettogewicht | 0,25 kg" in doc.text.splitlines()
    assert "Gewicht | 250 g" in doc.text


def test_markdown_pipe_tables() -> None:
    text = b"# Daten\n\n| Merkmal | Wert |\n|---|:---:|\n| Gewicht | 250 g |\n| Farbe | rot |\n"
    doc = _doc(text, "a.md")
    (table,) = doc.tables
    assert table.header == ("Merkmal", "Wert") and table.caption == "Daten"
    assert table.rows == (("Gewicht", "250 g"), ("Farbe", "rot"))
    assert "| Gewicht | 250 g |" in doc.text


# ----------------------------------------------------------------------- PDF rows and columns


def _values_before_labels_pdf() -> bytes:
    """Values are drawn first, labels last: in content order each label is far from its value."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    rows = [("Merkmal", "Wert"), ("Gewicht", "250 g"), ("Werkstoff", "1.4301"), ("Farbe", "grau")]
    for index, (_, value) in enumerate(rows):
        pdf.text(130, 40 + 8 * index, value)
    pdf.text(20, 20, "Datenblatt Halter")
    for index, (label, _) in enumerate(rows):
        pdf.text(20, 40 + 8 * index, label)
    return bytes(pdf.output())


def test_pdf_rows_are_read_by_position_not_content_order() -> None:
    data = _values_before_labels_pdf()
    doc = _doc(data, "a.pdf")
    lines = doc.sections[0].text.splitlines()
    assert lines[0] == "Datenblatt Halter"
    assert "Gewicht | 250 g" in lines and "Werkstoff | 1.4301" in lines
    (table,) = doc.tables
    assert (table.location, table.header) == ("page 1", ("Merkmal", "Wert"))
    assert table.rows[0] == ("Gewicht", "250 g")


def _stacked_header_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.text(20, 20, "Electrical data:")
    xs = (20, 60, 100, 140)
    header = [
        ("", "Rated", "Holding", "Motor"),
        ("Model", "Current", "Torque", "Weight"),
        ("", "(A)", "(N.cm)", "(g)"),
    ]
    for r, cells in enumerate(header):
        for x, cell in zip(xs, cells, strict=True):
            if cell:
                pdf.text(x, 30 + 4 * r, cell)
    for r, cells in enumerate([("KM2408", "0.6", "12", "150"), ("KM4401", "1.7", "40", "280")]):
        for x, cell in zip(xs, cells, strict=True):
            pdf.text(x, 45 + 5 * r, cell)
    return bytes(pdf.output())


def test_a_header_stacked_over_several_pdf_rows_is_one_header_row() -> None:
    doc = _doc(_stacked_header_pdf(), "a.pdf")
    (table,) = doc.tables
    assert table.header == (
        "Model",
        "Rated Current (A)",
        "Holding Torque (N.cm)",
        "Motor Weight (g)",
    )
    assert table.rows == (("KM2408", "0.6", "12", "150"), ("KM4401", "1.7", "40", "280"))
    assert "KM4401 | 1.7 | 40 | 280" in doc.text  # the lines stay as printed


def _two_column_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = "Linke Spalte beschreibt das Gehaeuse aus Aluminium und seine Befestigung. " * 6
    right = "Rechte Spalte nennt die Dichtung aus Silikon und die Pruefung des Teils. " * 6
    pdf.text(10, 12, "Produktbeschreibung Halter und Deckel, Ausgabe 3, gilt fuer alle Varianten")
    pdf.set_xy(10, 20)
    pdf.multi_cell(92, 5, left, align="J")
    pdf.set_xy(108, 20)
    pdf.multi_cell(92, 5, right, align="J")
    pdf.text(
        10, 280, "Seite 1 von 1, Aenderungen vorbehalten, alle Rechte bei der Musterfirma GmbH"
    )
    return bytes(pdf.output())


def test_a_two_column_page_is_read_column_by_column() -> None:
    text = _doc(_two_column_pdf(), "a.pdf").text
    lines = [line for line in text.splitlines() if line.strip()]
    assert not any("Aluminium" in line and "Silikon" in line for line in lines)
    assert not any(" | " in line for line in lines)
    assert text.index("Befestigung") < text.index("Dichtung")  # left column first
    assert lines[0].startswith("Produktbeschreibung") and lines[-1].startswith("Seite 1 von 1")


def test_a_five_page_data_sheet_keeps_its_text() -> None:
    doc = _doc(files.text_pdf(5), "a.pdf")
    assert [s.location for s in doc.sections] == [f"page {n}" for n in range(1, 6)]
    assert "Das Gewicht beträgt 250 g pro Stück." in doc.sections[4].text


# ------------------------------------------------------------------- embedded product data


def _section(doc: ExtractedDocument, location: str) -> str:
    return next(s.text for s in doc.sections if s.location == location)


def test_json_ld_product_weight_is_rendered_with_its_unit() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "BreadcrumbList", "itemListElement": []},
            {
                "@type": "Product",
                "name": "Halter",
                "weight": {"@type": "QuantitativeValue", "value": 0.41, "unitCode": "KGM"},
                "material": "Edelstahl",
            },
        ],
    }
    page = f"""<html><head><script type="application/ld+json">{json.dumps(ld)}</script>
    </head><body><p>Halter</p></body></html>""".encode()
    data = _section(_doc(page, "a.html"), "embedded product data")
    assert data.splitlines()[:4] == [
        "@type: Product",
        "name: Halter",
        "weight: 0.41 kg",
        "material: Edelstahl",
    ]


def test_bootstrap_objects_in_scripts_are_cut_out_and_flattened() -> None:
    state = {"product": {"name": "Deckel", "specs": {"weight": "250 g", "note": "a }; b"}}}
    page = f"""<html><body><script>
    window.__INITIAL_STATE__ = {json.dumps(state)};
    var product = {{"sku": "4711", "weightLbs": 0.55}}; function f() {{ return {{a: 1}}; }}
    </script><script id="__NEXT_DATA__" type="application/json">
    {{"props": {{"pageProps": {{"mass": "40 g"}}}}}}</script><p>Deckel</p></body></html>"""
    lines = _section(_doc(page.encode(), "a.html"), "embedded product data").splitlines()
    assert "sku: 4711" not in lines  # names stay as their paths
    assert "product.sku: 4711" in lines
    assert "product.weight: 0.55 lbs" in lines  # the unit a key's name ends in, with its number
    assert "__INITIAL_STATE__.product.specs.weight: 250 g" in lines
    assert "__INITIAL_STATE__.product.specs.note: a }; b" in lines
    assert "__NEXT_DATA__.props.pageProps.mass: 40 g" in lines


def test_html_inside_json_string_values_is_stripped() -> None:
    value = {"description": "<div><p>Robuster Halter aus <b>Edelstahl</b>,</p><ul><li>Gewicht"
             " 250&nbsp;g</li></ul></div>"}  # fmt: skip
    text = _doc(json.dumps(value).encode(), "a.json").text
    assert "<" not in text and "Edelstahl" in text and "Gewicht 250 g" in text


def test_a_broken_or_absurdly_nested_script_object_is_skipped() -> None:
    page = b"<html><body><script>var state = " + hostile.nested_json(50_000) + b";</script>"
    page += b"<script>var x = {unquoted: 1};</script><p>Gewicht 250 g</p></body></html>"
    doc = _doc(page, "a.html")
    assert "Gewicht 250 g" in doc.text
    assert all(s.location != "embedded product data" for s in doc.sections)


# --------------------------------------------------------------------------- CJK, detection


def test_cjk_text_is_kept_and_full_width_forms_become_ascii() -> None:
    doc = _doc("製品重量：２５０ｇ　材質：ＳＵＳ３０４　質量 ㎏\n".encode(), "a.txt")
    assert doc.text == "製品重量:250g 材質:SUS304 質量 kg"


def test_superscripts_are_not_normalised() -> None:
    assert _doc("Fläche 25 mm² ＫＧ".encode(), "a.txt").text == "Fläche 25 mm² KG"


@pytest.mark.parametrize(
    "text",
    [
        b"Notes on the upload format.\nThe file must begin with %PDF-1.7 to be a PDF.\n",
        b"PK-200 bracket, weight 250 g\n",
        b"{\\rtf is how RTF files begin; this note is plain text}\n",
    ],
    ids=["mentions-pdf-magic", "starts-with-PK", "starts-with-rtf-marker"],
)
def test_text_that_mentions_magic_numbers_is_text(text: bytes) -> None:
    assert detect_format(text, "notes.txt")[0] == "text"
    assert detect_format(text)[0] in ("text", "markdown")
    assert _doc(text, "notes.txt").text == text.decode().strip()


def test_real_binary_formats_are_not_read_as_text() -> None:
    pdf = files.text_pdf(1)
    assert detect_format(b"junk before the header\n" + pdf)[0] == "pdf"
    broken = b"%PDF-1.7\nThis is not really a PDF body at all.\n"
    with pytest.raises(ExtractionError) as caught:
        _doc(broken, "a.txt")
    assert caught.value.code == "corrupt_file"
    with pytest.raises(ExtractionError) as rtf:
        _doc(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} Hello}", "a.rtf")
    assert rtf.value.code == "unsupported_file" and "RTF" in rtf.value.message
    zipped = io.BytesIO(files.docx_bytes())
    assert detect_format(zipped.getvalue(), "a.txt")[0] == "docx"


def test_long_blank_runs_inside_a_line_are_capped() -> None:
    assert _doc(b"Gewicht" + b" " * 400 + b"250 g\n", "a.txt").text == "Gewicht        250 g"


def test_a_narrow_label_column_beside_long_values_is_a_table_not_two_columns() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.text(20, 15, "Technische Daten der Baureihe, gueltig fuer alle Ausfuehrungen ab 2024")
    # Labels of one width (a monospaced font) end together, as a filled prose column would.
    labels = ["Gewicht Gehaeuse", "Gewicht Modul A1", "Abmessung Breite", "Schutzart Klasse"]
    for index, label in enumerate(labels * 3):
        y = 30 + 6 * index
        pdf.set_font("Helvetica", size=9)
        pdf.text(
            70, y, f"Wert {index}: 5 kg oder 11 lbs, Ausfuehrung {index} mit Zubehoer und Halter"
        )
        pdf.set_font("Courier", size=9)
        pdf.text(20, y, label)
    pdf.text(20, 280, "Aenderungen vorbehalten, alle Angaben ohne Gewaehr, Stand Januar 2024")
    lines = _doc(bytes(pdf.output()), "a.pdf").text.splitlines()
    assert (
        "Gewicht Modul A1 | Wert 1: 5 kg oder 11 lbs, Ausfuehrung 1 mit Zubehoer und Halter"
        in lines
    )
