"""Variant and catalogue tables: the weight of the row (or column) the article name names.

Every case is an invented catalogue page run through the real extraction (PDFs drawn with
ruled cells, spreadsheets and text files as uploaded) and the offline analysis. Each answered
case has a counterpart that must stay unsure: a name that names no row, or two rows alike, or
only the start of a longer code.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from fpdf import FPDF
from openpyxl import Workbook

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE, weight_of

Page = tuple[str, Sequence[Sequence[Sequence[str]]]]  # a title and its ruled tables


def _pdf(*pages: Page) -> bytes:
    """A catalogue PDF: each page a title line and ruled tables, the first row of each table
    its header (printed in the table, as catalogues do, so the extraction sees no header)."""
    pdf = FPDF()
    for title, tables in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        for table in tables:
            width = 180 / len(table[0])
            for r, row in enumerate(table):
                pdf.set_font("Helvetica", "B" if r == 0 else "", 8)
                for value in row:
                    pdf.cell(width, 5.5, value, border=1)
                pdf.ln(5.5)
            pdf.ln(4)
            pdf.cell(0, 6, "Technical changes reserved.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Range"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _weight(data: bytes, filename: str, name: str) -> float | None:
    doc = extract_document(data, role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams


SPACERS = [
    ["Order no.", "Thread x L", "Hex (mm)", "kg/100 pcs"],
    ["SP-0410", "M4 x 10", "7", "0.288"],
    ["SP-0420", "M4 x 20", "7", "0.576"],
    ["SP-0425", "M4 x 25", "7", "0.720"],
    ["SP-0520", "M5 x 20", "8", "0.706"],
]
HANDWHEELS = [
    ["Code", "D mm", "Bore H8", "Weight g", "Weight with handle g"],
    ["VK-125", "125", "12", "118", "132"],
    ["VK-160", "160", "14", "205", "228"],
    ["VK-200", "200", "16", "365", "398"],
]
KNOBS = [
    ["Code", "D mm", "Thread", "Weight g"],
    ["KN-40-M8", "40", "M8", "24"],
    ["KN-50-M10", "50", "M10", "41"],
]
GEARS = [
    ["Type", "Ratio", "Weight without oil (kg)", "Weight with oil (kg)"],
    ["GU-50", "10", "4.1", "4.5"],
    ["GU-63", "10", "6.8", "7.4"],
]
MOTORS = [
    ["Type", "Frame", "P [kW]", "n [min-1]", "J [kgm2]", "m [kg]"],
    ["QX 80M-4", "80M", "0,75", "1435", "0,0021", "10,2"],
    ["QX 90S-4", "90S", "1,1", "1440", "0,0032", "12,9"],
    ["QX 90L-4", "90L", "1,5", "1445", "0,0042", "15,1"],
]
OPTIONS = [
    ["Option", "Suffix", "Extra weight"],
    ["Brake 24 V DC", "-BR", "+ 4,5 kg"],
    ["Forced cooling fan", "-FC", "+ 2,1 kg"],
]
BOLTS_1 = [
    ["Code", "Thread", "WLL (t)", "Shank (mm)", "Weight (kg)"],
    ["LB-08", "M8", "0.14", "13", "0.06"],
    ["LB-10", "M10", "0.23", "17", "0.11"],
    ["LB-12", "M12", "0.34", "20", "0.18"],
]
BOLTS_2 = [
    ["LB-16", "M16", "0.70", "27", "0.28"],
    ["LB-20", "M20", "1.20", "30", "0.53"],
]


SPROCKETS = [
    ["Order no.", "z", "d0 mm", "Bore mm", "Weight kg"],
    ["SR10B1-19", "19", "77,2", "12", "0,50"],
    ["SR10B1-25", "25", "101,3", "12", "0,83"],
]
PLATES = [
    ["Order no.", "z", "d0 mm", "Thickness mm", "Weight kg"],
    ["SP10B1-19", "19", "77,2", "7,2", "0,24"],
    ["SP10B1-25", "25", "101,3", "7,2", "0,43"],
]
CASTORS = [
    ["Code", "Wheel mm", "Height mm", "Load kg", "Weight kg"],
    ["50.080.RG", "80", "108", "70", "0,44"],
    ["50.100.RG", "100", "128", "90", "0,62"],
    ["50.125.RG", "125", "155", "110", "0,86"],
]
BRAKED = [
    ["Code", "Wheel mm", "Load kg", "Weight kg"],
    ["50.100.RGF", "100", "90", "0,74"],
    ["50.125.RGF", "125", "110", "0,99"],
]
CARRIAGES = [
    ["Size", "C dyn. (kN)", "Mx (Nm)", "Carriage (kg)", "Rail (kg/m)"],
    ["RG-15 F", "11,4", "178", "0,20", "1,45"],
    ["RG-25 F", "26,5", "590", "0,57", "3,08"],
]
PDF_CASES = [
    # a column labelled by the thing the name names and a mass unit: the carriage's weight
    ((("Linear guides", [CARRIAGES]),), "Carriage RG-25 F, flange", 570),
    ((("Linear guides", [CARRIAGES]),), "Guide rail RG-25, 1 m", None),
    # a dotted order code written in the name: the braked line below names other articles
    ((("Castors", [CASTORS, BRAKED]),), "Swivel castor 100 mm, grey rubber (50.100.RG)", 620),
    ((("Castors", [CASTORS, BRAKED]),), "Swivel castor 100 mm, grey rubber", None),
    # a second product line below with the same tooth counts: the row of the name's own code
    ((("Sprockets", [SPROCKETS, PLATES]),), "Sprocket 10B-1 z = 25 with hub (SR10B1-25)", 830),
    ((("Sprockets", [SPROCKETS, PLATES]),), "Sprocket 10B-1 z = 25 with hub", None),
    # a header row inside a PDF table, the weight column labelled only by a mass per count
    ((("Hex standoffs", [SPACERS]),), "Hex standoff M4 x 20, brass (SP-0420)", 5.76),
    ((("Hex standoffs", [SPACERS]),), "Hex standoff M4, brass (SP-04)", None),
    # two weight columns: the name's "with handle" picks one; a second product line below
    # names other articles
    ((("Handwheels and knobs", [HANDWHEELS, KNOBS]),), "Handwheel VK-160 without handle", 205),
    ((("Handwheels and knobs", [HANDWHEELS, KNOBS]),), "Handwheel VK-160 with handle", 228),
    ((("Handwheels and knobs", [HANDWHEELS, KNOBS]),), "Handwheel VK-16 with handle", None),
    # the name says nothing of the handle: the plain column, not the qualified one
    ((("Handwheels and knobs", [HANDWHEELS, KNOBS]),), "Handwheel VK-160", 205),
    ((("Gear units", [GEARS]),), "Gear unit GU-63", None),
    ((("Gear units", [GEARS]),), "Gear unit GU-63 with oil", 7400),
    # the symbol of mass over bare numbers; an options table's "+ 4,5 kg" adds, it is no rival
    ((("Three-phase motors", [MOTORS, OPTIONS]),), "Three-phase motor QX 90L-4, 1,5 kW", 15100),
    # the power the name states is in one row only: it names that row; the frame alone does not
    ((("Three-phase motors", [MOTORS, OPTIONS]),), "Three-phase motor QX 90, 1,5 kW", 15100),
    ((("Three-phase motors", [MOTORS, OPTIONS]),), "Three-phase motor QX 90, 4-pole", None),
    # a table that runs on to the next page, without its header there
    ((("Eye bolts", [BOLTS_1]), ("Eye bolts (continued)", [BOLTS_2])), "Eye bolt M20 (LB-20)", 530),
    (
        (("Eye bolts", [BOLTS_1]), ("Eye bolts (continued)", [BOLTS_2])),
        "Eye bolt M24 (LB-24)",
        None,
    ),
]


@pytest.mark.parametrize(("pages", "name", "grams"), PDF_CASES)
def test_pdf_catalogue_tables(pages: tuple[Page, ...], name: str, grams: float | None) -> None:
    got = _weight(_pdf(*pages), "catalogue.pdf", name)
    assert got == (pytest.approx(grams) if grams is not None else None)


TRANSPOSED = [
    ["Standoffs, length 20 mm"],
    ["Thread", "M3", "M4", "M5"],
    ["Article no.", "TB-M3-20", "TB-M4-20", "TB-M5-20"],
    ["Pack (pcs)", 100, 100, 50],
    ["Weight (g/100 pcs)", 310, 540, 820],
]
PARTS_TITLE = [
    ["Seal kit for pump PU-3"],
    ["No.", "Description", "Standard", "Material", "Pack", "Mass (g)"],
    [1, "O-ring R40", "ISO 3601 R40", "FKM-75", 2, 1.64],
    [2, "O-ring R50", "ISO 3601 R50", "FKM-75", 1, 2.01],
    [3, "O-ring G60", "ISO 3601 G60", "FKM-75", 1, 2.74],
]
XLSX_CASES = [
    # a transposed table: the article's column is picked by its code, the weight per 100
    (TRANSPOSED, "Standoff M4 x 20 (TB-M4-20)", 5.4),
    (TRANSPOSED, "Standoff M4 x 25 (TB-M4-25)", None),
    # a title row above the header row: the row that names the article, not its neighbours
    (PARTS_TITLE, "O-ring R50 FKM-75 (ISO 3601)", 2.01),
    (PARTS_TITLE, "O-ring FKM-75 (ISO 3601)", None),
]


@pytest.mark.parametrize(("rows", "name", "grams"), XLSX_CASES)
def test_spreadsheet_tables(rows: list[list[object]], name: str, grams: float | None) -> None:
    got = _weight(_xlsx(rows), "range.xlsx", name)
    assert got == (pytest.approx(grams) if grams is not None else None)


JOINTS = (
    "Universal joints, single\n"
    "Order no.    d1 H7    D     L      Gew.\n"
    "             mm       mm    mm     kg/Stck\n"
    "UJ-16E       8        16    50     0,06\n"
    "UJ-32E       16       32    86     0,34\n"
    "UJ-40E       20       40    108    0,66\n"
)
CHAINS = (
    "Roller chains ISO 606\n"
    "Designation | Pitch p (mm) | Roller d1 (mm) | Breaking load | Mass (kg/m)\n"
    "(kN)\n"
    "06B-1 | 9,525 | 6,35 | 9,0 | 0,41\n"
    "08B-1 | 12,70 | 8,51 | 18,0 | 0,70\n"
    "10B-1 | 15,875 | 10,16 | 22,4 | 0,95\n"
)
HOODS = (
    "Article;Description;Width;Net weight;Gross weight;Pack\n"
    ";;mm;kg;kg;pcs\n"
    "CH-060-S;Cooker hood 600 mm, steel;600;7.9;9.4;1\n"
    "CH-090-S;Cooker hood 900 mm, steel;900;10.6;12.3;1\n"
)
TEXT_CASES = [
    # units in a row of their own under the header: the net column of the named row
    (HOODS, "Cooker hood 900 mm, steel (CH-090-S)", 10600),
    (HOODS, "Cooker hood 750 mm, steel (CH-075-S)", None),
    # a header printed over two lines: the unit row below the weight word
    (JOINTS, "Universal joint, single (UJ-32E)", 340),
    (JOINTS, "Universal joint, single (UJ-50E)", None),
    # a unit row between header and rows, a weight per metre times the name's length
    (CHAINS, "Roller chain 08B-1, length 5 m", 3500),
    (CHAINS, "Roller chain 08B-1", None),
]


@pytest.mark.parametrize(("text", "name", "grams"), TEXT_CASES)
def test_text_tables(text: str, name: str, grams: float | None) -> None:
    got = weight_of("export.csv" if ";" in text else "catalogue.txt", text, name)
    assert got == (pytest.approx(grams) if grams is not None else None)
