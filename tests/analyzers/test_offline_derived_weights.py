"""Weights a buyer computes from what a document states: a rate times the article's size.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. Each derivation has rows that must be answered (status `derived`) and rows where an
input is missing or stated twice, which must stay unanswered rather than guessed.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import io

import pytest
from fpdf import FPDF

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a weight per metre times the length the name labels as the article's
    (
        "profil.txt",
        "Profildaten AP-40\nMetergewicht: 1,25 kg/m\nWerkstoff: EN AW-6060 T66",
        "Aluminiumprofil AP-40, Zuschnitt 800 mm",
        1000,
    ),
    (
        "profil.txt",
        "Profildaten AP-40\nMetergewicht: 1,25 kg/m\nWerkstoff: EN AW-6060 T66",
        "Aluminiumprofil AP-40, Länge 800 mm, Stange 6 m",
        None,
    ),
    (
        "bar.txt",
        "Flat bar 50 x 10\nMass per metre | 3.93 kg/m\nGrade S235JR",
        "Steel flat bar 50 x 10, cut length 1,500 mm",
        5895,
    ),
    (
        "bar.txt",
        "Flat bar 50 x 10\nMass per metre | 3.93 kg/m\nGrade S235JR",
        "Steel flat bar 50 x 10",
        None,
    ),
    # a weight of a stated length ("per 100 mm"), times the article's length
    (
        "duct.md",
        "## Cable duct CD-25\n\n| Property | Value |\n|---|---|\n| Weight per 100 mm length | 96 g |\n| Colour | grey |\n",
        "Cable duct CD-25, cut length 250 mm",
        240,
    ),
    (
        "duct.md",
        "## Cable duct CD-25\n\n| Property | Value |\n|---|---|\n| Weight per 100 mm length | 96 g |\n| Colour | grey |\n",
        "Cable duct CD-25",
        None,
    ),
    # a linear mass per km, and the coil the name names
    (
        "conductor.txt",
        "Bare copper conductor 16 mm²\nLinear mass: 144 kg/km\nResistance: 1.15 ohm/km",
        "Copper conductor 16 mm², coil of 100 m",
        14400,
    ),
    (
        "conductor.txt",
        "Bare copper conductor 16 mm²\nLinear mass: 144 kg/km\nResistance: 1.15 ohm/km",
        "Copper conductor 16 mm², coil of 100 m, reel of 50 m",
        None,
    ),
    # a base weight at one stroke plus an increment per stroke step
    (
        "cylinder.txt",
        "Guided cylinder GC-25\nWeight at 0 mm stroke: 1.40 kg\nAdditional weight per 10 mm stroke: 0.05 kg",
        "Guided cylinder GC-25, stroke 80 mm",
        1800,
    ),
    (
        "cylinder.txt",
        "Guided cylinder GC-25\nWeight at 0 mm stroke: 1.40 kg\nAdditional weight per 10 mm stroke: 0.05 kg",
        "Guided cylinder GC-25",
        None,
    ),
    (
        "hoist.txt",
        "Kettenzug KZ 500\nEigengewicht bei 2 m Hubhöhe: 8,0 kg\nMehrgewicht je weiterem Meter Hubhöhe: 1,2 kg",
        "Kettenzug KZ 500, Hubhöhe 4 m",
        10400,
    ),
    (
        "hoist.txt",
        "Kettenzug KZ 500\nEigengewicht bei 2 m Hubhöhe: 8,0 kg\nMehrgewicht je weiterem Meter Hubhöhe: 1,2 kg",
        "Kettenzug KZ 500, Hubhöhe 1 m",
        None,
    ),
    (
        "hoist.txt",
        "Eigengewicht bei 3 m Hubhöhe .... 9,5 kg\nMehrgewicht je weiterem Meter Hubhöhe .... 1,4 kg\n",
        "Kettenzug KZ 500, Hubhöhe 6 m",
        13700,
    ),
    (
        "actuator.txt",
        "Electric actuator EA-40. Weight at stroke 0: 2.6 kg, plus 0.4 kg per 50 mm of stroke.",
        "Electric actuator EA-40, stroke 150 mm",
        3800,
    ),
    (
        "actuator.txt",
        "Electric actuator EA-40. Weight at stroke 0: 2.6 kg, plus 0.4 kg per 50 mm of stroke. Example: EA-40-100 = 3.4 kg.",
        "Electric actuator EA-40",
        None,
    ),
    # a weight per area times the face the name states (a thickness is no side of the face)
    (
        "matte.txt",
        "Gummimatte GM-8\nFlächengewicht | DIN 53352 | 9,6 kg/m²\nHärte | 65 Shore A",
        "Gummimatte GM-8 800 x 600 x 8 mm",
        4608,
    ),
    (
        "matte.txt",
        "Gummimatte GM-8\nFlächengewicht | DIN 53352 | 9,6 kg/m²\nHärte | 65 Shore A",
        "Gummimatte GM-8 800 x 600 x 8 mm, Packung mit 10 Stück",
        None,
    ),
    (
        "fleece.txt",
        "Filter fleece FF-120\nMass per unit area: 120 g/m²\nAir permeability: 900 l/m²s",
        "Filter fleece FF-120, 50 x 50 cm",
        30,
    ),
    (
        "fleece.txt",
        "Filter fleece FF-120\nMass per unit area: 120 g/m²\nMass per unit area, coated: 150 g/m²",
        "Filter fleece FF-120, 50 x 50 cm",
        None,
    ),
    # a weight stated without a part the name includes, plus that part weighed once
    (
        "floodlight.txt",
        "Floodlight FL-80\nWeight (floodlight without mounting bracket) | 2.6 kg\nMounting bracket (supplied, fitted) | 0.3 kg",
        "Floodlight FL-80 with mounting bracket",
        2900,
    ),
    (
        "floodlight.txt",
        "Floodlight FL-80\nWeight (floodlight without mounting bracket) | 2.6 kg\nMounting bracket (supplied, fitted) | 0.3 kg\nMounting bracket (stainless version) | 0.45 kg",
        "Floodlight FL-80 with mounting bracket",
        None,
    ),
    (
        "lampada.txt",
        "Lampada LX-3\nPeso lampada (senza staffa) | 1,9 kg\nStaffa a U (inclusa, montata) | 0,25 kg",
        "Lampada LX-3 con staffa a U",
        2150,
    ),
    (
        "lampada.txt",
        "Lampada LX-3\nPeso lampada (senza staffa) | 1,9 kg\nPeso lampada (senza staffa, versione IP66) | 2,1 kg\nStaffa a U (inclusa, montata) | 0,25 kg",
        "Lampada LX-3 con staffa a U",
        None,
    ),
    (
        "groupe.json",
        '{"article": {"masses": {"poids_sans_moteur_kg": 40}, "moteur": {"poids_kg": 22}}}',
        "Groupe motopompe GM-40 avec moteur",
        62000,
    ),
    (
        "groupe.json",
        '{"article": {"masses": {"poids_sans_moteur_kg": 40, "poids_sans_moteur_inox_kg": 44}, "moteur": {"poids_kg": 22}}}',
        "Groupe motopompe GM-40 avec moteur",
        None,
    ),
    (
        "basin.txt",
        "Wash basin WB-40\nNet weight | 3.1 kg (basin only, without drain set)\nWeight of drain set | 0.25 kg",
        "Wash basin WB-40 with drain set",
        3350,
    ),
    (
        "basin.txt",
        "Wash basin WB-40\nNet weight | 3.1 kg (basin only, without drain set)\nWeight of drain set | 0.25 kg\nWeight of drain set (chrome) | 0.3 kg",
        "Wash basin WB-40 with drain set",
        None,
    ),
    # the part's stated volume times its material's stated density
    (
        "slider.md",
        "# Slider GS-5\n\n| Property | Value |\n|---|---|\n| Material | POM-C |\n| Density | 1,41 g/cm³ |\n| Part volume (CAD) | 5,0 cm³ |\n",
        "Slider GS-5, POM-C",
        7.05,
    ),
    (
        "slider.md",
        "# Slider GS-5\n\n| Property | Value |\n|---|---|\n| Material | POM-C |\n| Density | 1,41 g/cm³ |\n| Part volume (CAD) | 5,0 cm³ |\n| Volume with insert | 5,6 cm³ |\n",
        "Slider GS-5, POM-C",
        None,
    ),
    (
        "bottle.txt",
        "Bottle FL-500\nFill volume: 500 cm³\nDensity of the contents: 1,05 g/cm³",
        "Bottle FL-500",
        None,
    ),
    # a weight-per-metre column of a table, the row that names the article
    (
        "flachstahl.txt",
        "Flachstahl S235JR\nCode | Abmessung | Gewicht (kg/m) | Lagerlänge (m)\nFB-5010 | 50 x 10 | 3,93 | 6\nFB-6010 | 60 x 10 | 4,71 | 6\nFB-8010 | 80 x 10 | 6,28 | 6",
        "Flachstahl FB-6010, Zuschnitt 1.500 mm",
        7065,
    ),
    (
        "flachstahl.txt",
        "Flachstahl S235JR\nCode | Abmessung | Gewicht (kg/m) | Lagerlänge (m)\nFB-5010 | 50 x 10 | 3,93 | 6\nFB-6010 | 60 x 10 | 4,71 | 6\nFB-8010 | 80 x 10 | 6,28 | 6",
        "Flachstahl FB-7010, Zuschnitt 1.500 mm",
        None,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_a_derived_weight_or_none(filename: str, text: str, name: str, grams: float | None) -> None:
    doc = extract_document(text.encode(), role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    if grams is None:
        assert result.weight is None
    else:
        assert result.weight is not None, result.review_reasons
        assert abs(result.weight.grams - grams) <= max(0.005 * grams, 0.01)
        assert result.weight_status == "derived"


def _table_pdf(header: str, rows: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Tube data sheet\n" + "\n".join([header, *rows]) + "\nAll dimensions mm.")
    return bytes(pdf.output())


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _analyze(data: bytes, filename: str, name: str) -> float | None:
    doc = extract_document(data, role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams


TUBE_ROWS = ["RT-25 | 25 x 2 | 1.13 | 6", "RT-30 | 30 x 2 | 1.38 | 6", "RT-40 | 40 x 2 | 1.88 | 6"]
TUBE_HEADER = "Code | Size (mm) | Mass (kg/m) | Stock length (m)"


def test_a_kg_per_metre_column_of_a_pdf_table_times_the_cut_length() -> None:
    got = _analyze(
        _table_pdf(TUBE_HEADER, TUBE_ROWS), "tubes.pdf", "Round tube RT-30, cut length 2 m"
    )
    assert got is not None and abs(got - 2760) <= 14


def test_a_kg_per_metre_column_without_the_article_row_stays_unsure() -> None:
    assert (
        _analyze(
            _table_pdf(TUBE_HEADER, TUBE_ROWS), "tubes.pdf", "Round tube RT-35, cut length 2 m"
        )
        is None
    )


STROKE_SHEET = [
    ["Bore", "Weight at 0 mm stroke (g)", "Additional weight per 10 mm stroke (g)"],
    [16, 90, 8],
    [20, 130, 11],
    [25, 185, 14],
]


def test_a_stroke_table_of_a_spreadsheet_gives_the_named_bore_and_stroke() -> None:
    got = _analyze(
        _xlsx(STROKE_SHEET), "weights.xlsx", "Mini cylinder MC-20-40, bore 20, stroke 40 mm"
    )
    assert got is not None and abs(got - 174) <= 1


def test_a_stroke_table_without_the_named_bore_stays_unsure() -> None:
    assert (
        _analyze(
            _xlsx(STROKE_SHEET), "weights.xlsx", "Mini cylinder MC-32-40, bore 32, stroke 40 mm"
        )
        is None
    )
