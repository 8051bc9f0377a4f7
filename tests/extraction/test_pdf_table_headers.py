"""PDF table headers on the columns of their data rows: glued, wrapped, centred and two-row
headers, each beside the case that must stay as printed (prose, captions, group headers, data).

Every document is built here with fpdf2 and read by the real extraction (and, where a weight
depends on it, the real offline analysis).
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction import ExtractedDocument
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE

# A pulley catalogue: narrow columns of short figures under long labels (one with a digit, so
# the glued row would not even read as a header).
LABELS = [
    "Bestellnummer",
    "Rillenzahl",
    "Wirkdurchmesser d1 (mm)",
    "Aussendurchmesser (mm)",
    "Nabenbreite (mm)",
    "Fertigbohrung max. (mm)",
    "Gewicht (kg)",
]
ROWS = [
    ["SP-071", "1", "71", "76,5", "32", "19", "0,38"],
    ["SP-090", "1", "90", "95,5", "36", "24", "0,62"],
    ["SP-112", "2", "112", "117,5", "40", "28", "1,15"],
    ["SP-140", "2", "140", "145,5", "45", "32", "1,84"],
]
WIDTHS = [22, 14, 22, 22, 20, 22, 17]


def _pdf(draw: object) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 8, "Riemenscheiben fuer Keilriemen SPZ", new_x="LMARGIN", new_y="NEXT")
    draw(pdf)  # type: ignore[operator]
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 8, "Technische Aenderungen vorbehalten | Blatt 1/1", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _rows(
    pdf: FPDF, rows: Sequence[Sequence[str]], widths: Sequence[int], size: float, height: float = 5
) -> None:
    pdf.set_font("Helvetica", size=size)
    for row in rows:
        for text, width in zip(row, widths, strict=True):
            pdf.cell(width, height, text, align="C")
        pdf.ln(height)


def _extract(data: bytes) -> ExtractedDocument:
    return extract_document(data, role="specification", filename="scheiben.pdf")


def _line(doc: ExtractedDocument, start: str) -> str:
    return next(line for line in doc.text.splitlines() if line.startswith(start))


def _weight(doc: ExtractedDocument, name: str) -> float | None:
    request = AnalysisRequest(
        article_name=name, description=None, specification=doc, drawing=None, catalogue=CATALOGUE
    )
    result = analyze_sync(request)
    return result.weight.grams if result.weight is not None else None


def _glued(pdf: FPDF) -> None:
    """Centred labels wider than their columns, printed edge to edge or overlapping."""
    _rows(pdf, [LABELS], WIDTHS, 7)
    _rows(pdf, ROWS, WIDTHS, 7)


def test_glued_header_labels_are_cut_onto_their_columns() -> None:
    doc = _extract(_pdf(_glued))
    assert _line(doc, "Bestellnummer").split(" | ") == LABELS
    (table,) = doc.tables
    assert list(table.header) == LABELS
    assert [list(row) for row in table.rows] == ROWS


def test_a_glued_header_without_its_column_rows_stays_as_printed() -> None:
    """The same labels over a two-column list: no data columns say where they belong."""

    def draw(pdf: FPDF) -> None:
        _rows(pdf, [LABELS], WIDTHS, 7)
        _rows(pdf, [["SP-071", "0,38"], ["SP-090", "0,62"]], [60, 60], 7)

    header = _line(_extract(_pdf(draw)), "Bestellnummer")
    assert header.count(" | ") < len(LABELS) - 1


def test_the_weight_column_of_a_glued_header_weighs_the_named_row() -> None:
    doc = _extract(_pdf(_glued))
    assert _weight(doc, "Keilriemenscheibe SPZ 112 mm, 2 Rillen (SP-112)") == 1150


def test_a_name_that_picks_no_row_of_a_glued_header_table_gets_no_weight() -> None:
    doc = _extract(_pdf(_glued))
    assert _weight(doc, "Keilriemenscheibe SPZ") is None


def test_a_header_wrapped_over_two_lines_is_one_label_a_column() -> None:
    """Each label in a cell of two lines; a one-line label sits between the two lines."""
    wrapped = [
        ("Bestell", "nummer"),
        ("Anzahl", "Rillen"),
        ("Wirk-Ø", "(mm)"),
        ("Aussen-Ø", "(mm)"),
        ("Nabe", None),
        ("Bohrung", "max. (mm)"),
        ("Gewicht", "(kg)"),
    ]

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=8)
        top = pdf.get_y()
        x = pdf.l_margin
        for (first, second), width in zip(wrapped, WIDTHS, strict=True):
            if second is None:
                pdf.set_xy(x, top + 2)
                pdf.cell(width, 4, first, align="C")
            else:
                pdf.set_xy(x, top)
                pdf.cell(width, 4, first, align="C")
                pdf.set_xy(x, top + 4)
                pdf.cell(width, 4, second, align="C")
            x += width
        pdf.set_xy(pdf.l_margin, top + 9)
        _rows(pdf, ROWS, WIDTHS, 8)

    doc = _extract(_pdf(draw))
    header = _line(doc, "Bestell nummer")
    assert header.split(" | ") == [
        "Bestell nummer",
        "Anzahl Rillen",
        "Wirk-Ø (mm)",
        "Aussen-Ø (mm)",
        "Nabe",
        "Bohrung max. (mm)",
        "Gewicht (kg)",
    ]
    assert "(kg)" not in doc.text.replace("Gewicht (kg)", "")  # no stray unit line left
    assert list(doc.tables[0].header)[-1] == "Gewicht (kg)"


def test_a_caption_right_above_a_wrapped_header_stays_a_line_of_its_own() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 7, "Abmessungen und Gewichte", new_x="LMARGIN", new_y="NEXT")
        first = ["Bestellnummer", "Rillen", "Wirk-Ø", "Aussen-Ø", "", "", "Gewicht"]
        _rows(pdf, [first], WIDTHS, 8, height=3.5)
        _rows(pdf, [["", "", "(mm)", "(mm)", "Nabe", "Bohrung", "(kg)"]], WIDTHS, 8)
        _rows(pdf, ROWS, WIDTHS, 8)

    doc = _extract(_pdf(draw))
    assert "Abmessungen und Gewichte" in doc.text.splitlines()
    header = _line(doc, "Bestellnummer")
    assert header.split(" | ") == [
        "Bestellnummer",
        "Rillen",
        "Wirk-Ø (mm)",
        "Aussen-Ø (mm)",
        "Nabe",
        "Bohrung",
        "Gewicht (kg)",
    ]


def test_centred_headers_over_left_aligned_figures_keep_their_columns() -> None:
    """Labels that fit their cells, printed close together; the figures start at the left."""
    widths = [24, 17, 32, 31, 23, 31, 20]

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=7)
        for label, width in zip(LABELS, widths, strict=True):
            pdf.cell(width, 5, label, align="C")
        pdf.ln(6)
        for row in ROWS:
            for text, width in zip(row, widths, strict=True):
                pdf.cell(width, 5, text, align="L")
            pdf.ln(5)

    doc = _extract(_pdf(draw))
    assert _line(doc, "Bestellnummer").split(" | ") == LABELS


def test_a_group_header_over_two_columns_stays_above_the_column_labels() -> None:
    """ "Bohrung" spans two columns: it heads both, so no one column gets it."""
    labels = ["Bestellnummer", "Rillenzahl", "Wirkdurchmesser d1 (mm)", "vor (mm)", "max. (mm)"]
    widths = [24, 16, 26, 18, 18]

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=7)
        pdf.set_x(pdf.l_margin + 66)
        pdf.cell(36, 4, "Bohrung", align="C")
        pdf.ln(4)
        _rows(pdf, [labels], widths, 7)
        _rows(pdf, [row[:5] for row in ROWS], widths, 7)

    doc = _extract(_pdf(draw))
    lines = doc.text.splitlines()
    assert "Bohrung" in lines
    assert _line(doc, "Bestellnummer").split(" | ") == labels


def _second_row(pdf: FPDF, texts: Sequence[str], aligns: Sequence[str]) -> None:
    pdf.set_font("Helvetica", size=8)
    for text, width, align in zip(texts, WIDTHS, aligns, strict=True):
        pdf.cell(width, 5, text, align=align)
    pdf.ln(5)


def test_two_header_rows_over_their_own_columns_are_joined() -> None:
    """A label over one column printed above a row of labels two of which nearly touch."""

    def draw(pdf: FPDF) -> None:
        _rows(pdf, [["", "", "", "", "", "Bohrung", ""]], WIDTHS, 8, height=3.5)
        second = ["Bestellnummer", "Rillen", "dw mm", "da mm", "Nabe mm", "max. mm", "kg"]
        _second_row(pdf, second, ["C", "C", "C", "C", "R", "L", "C"])
        _rows(pdf, ROWS, WIDTHS, 8)

    header = _line(_extract(_pdf(draw)), "Bestellnummer")
    assert header.split(" | ") == [
        "Bestellnummer",
        "Rillen",
        "dw mm",
        "da mm",
        "Nabe mm",
        "Bohrung max. mm",
        "kg",
    ]


def test_a_row_above_a_header_of_one_cell_a_column_stays_a_line_of_its_own() -> None:
    """Nothing to cut: lines of text that already sit one a column are not joined."""

    def draw(pdf: FPDF) -> None:
        _rows(pdf, [["", "", "", "", "", "Bohrung", ""]], WIDTHS, 8, height=3.5)
        second = ["Bestellnummer", "Rillen", "dw mm", "da mm", "Nabe mm", "max. mm", "kg"]
        _second_row(pdf, second, ["C"] * 7)
        _rows(pdf, ROWS, WIDTHS, 8)

    doc = _extract(_pdf(draw))
    assert "Bohrung" in doc.text.splitlines()
    assert "Bestellnummer | Rillen | dw mm | da mm | Nabe mm | max. mm | kg" in doc.text


def test_a_prose_paragraph_above_a_glued_header_stays_prose() -> None:
    sentence = "Scheiben aus Grauguss EN-GJL-250, vorgebohrt. Fertigbohrung mit Nut auf Anfrage."

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=7)
        pdf.cell(0, 4, sentence, new_x="LMARGIN", new_y="NEXT")
        _glued(pdf)

    doc = _extract(_pdf(draw))
    assert sentence in doc.text.splitlines()
    assert _line(doc, "Bestellnummer").split(" | ") == LABELS


def test_a_data_row_with_an_empty_cell_is_not_taken_for_a_header() -> None:
    def draw(pdf: FPDF) -> None:
        _rows(pdf, [LABELS], WIDTHS, 7)
        _rows(pdf, [["SP-063", "1", "63", "68,5", "", "16", "0,29"]], WIDTHS, 7)
        _rows(pdf, ROWS, WIDTHS, 7)

    doc = _extract(_pdf(draw))
    assert "SP-063 | 1 | 63 | 68,5 | 16 | 0,29" in doc.text.splitlines()


def test_key_value_lines_and_the_footer_are_left_alone() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=9)
        for key, value in [("Werkstoff", "EN-GJL-250"), ("Oberflaeche", "phosphatiert")]:
            pdf.cell(40, 5, key)
            pdf.cell(60, 5, value, new_x="LMARGIN", new_y="NEXT")
        _glued(pdf)

    lines = _extract(_pdf(draw)).text.splitlines()
    assert "Werkstoff | EN-GJL-250" in lines
    assert "Oberflaeche | phosphatiert" in lines
    assert "Technische Aenderungen vorbehalten | Blatt 1/1" in lines


def test_a_row_of_values_with_units_above_the_table_is_not_taken_for_a_header() -> None:
    """Fewer cells than the rows below and no figure alone in a cell, but a value all the same."""

    def draw(pdf: FPDF) -> None:
        _rows(pdf, [LABELS], WIDTHS, 7)
        _rows(pdf, [["Sondermass", "", "63 mm", "", "", "", ""]], WIDTHS, 7, height=3.5)
        _rows(pdf, ROWS, WIDTHS, 7)

    doc = _extract(_pdf(draw))
    assert "Sondermass | 63 mm" in doc.text.splitlines()


def test_the_last_line_of_a_paragraph_right_above_a_header_is_not_a_label() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=7)
        line = (
            "Alle Scheiben werden vorgebohrt geliefert, sind fuer Spannbuchsen nach Katalog"
            " vorbereitet und werden auf Wunsch mit Passfedernut und fertiger"
        )
        pdf.cell(0, 3.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 3.5, "Nabenbohrung", new_x="LMARGIN", new_y="NEXT")
        _rows(
            pdf,
            [["Bestellnummer", "Rillenzahl", "Wirkdurchmesser d1 (mm)", "", "", "", ""]],
            WIDTHS,
            7,
            height=3.5,
        )
        _rows(pdf, [["", "", "", *LABELS[3:]]], WIDTHS, 7)
        _rows(pdf, ROWS, WIDTHS, 7)

    doc = _extract(_pdf(draw))
    assert "Nabenbohrung" in doc.text.splitlines()
    assert _line(doc, "Bestellnummer").split(" | ") == LABELS


def test_a_caption_beside_a_label_is_not_cut_at_its_word_spaces() -> None:
    """Words spaced as words, each of which could sit over a column: one caption, not labels."""

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=8)
        pdf.cell(WIDTHS[0] + 6, 5, "Bestellnummer", align="L")
        caption = "Rillen Durchmesser Aussen Nabe Bohrung Gewicht"
        pdf.cell(sum(WIDTHS[1:]) - 6, 5, caption, align="L")
        pdf.ln(5)
        _rows(pdf, ROWS, WIDTHS, 8)

    doc = _extract(_pdf(draw))
    assert "Bestellnummer | Rillen Durchmesser Aussen Nabe Bohrung Gewicht" in doc.text.splitlines()
