"""A weight whose basis is not one article: per metre, per element, one piece of a pack.

Every document here is written for this file and run through the real extraction and the
offline analysis. Each answered case has a counterpart that must stay unsure: a name that
states no length or element count, or a pack count that counts something else.
"""

from __future__ import annotations

import io

import pytest
from docx import Document

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE, weight_of


def _docx(rows: list[tuple[str, str]], intro: str) -> bytes:
    document = Document()
    document.add_paragraph(intro)
    table = document.add_table(rows=0, cols=2)
    for key, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _weight(data: bytes, filename: str, name: str) -> float | None:
    doc = extract_document(data, role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams


# ------------------------------------------------------------------ one metre of the article


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Masa 1 mb", "42 g"),
        ("Vægt pr. m", "42 g"),
        ("Gewicht je lfm", "42 g"),
        ("Peso al metro lineare", "42 g"),
    ],
)
def test_a_weight_of_one_metre_times_the_length_the_name_states(label: str, value: str) -> None:
    text = (
        "Datasheet hose line HL-12\n"
        "Outer diameter 12 mm, wall 1,5 mm\n"
        f"{label}:      {value}\n"
        "Colour: grey\n"
    )
    assert weight_of("hose.txt", text, "Hose HL-12, coil 25 m") == pytest.approx(1050)


def test_a_weight_of_one_metre_is_no_weight_when_the_name_states_no_length() -> None:
    text = "Datasheet hose line HL-12\nOuter diameter 12 mm\nVægt pr. m:      42 g\n"
    assert weight_of("hose.txt", text, "Hose HL-12, grey") is None


# ------------------------------------------------------------------ one element of a block


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Cast radiator RX-500, block of 6 sections", "Weight per section", 12_600.0),
        ("Gussradiator RX-500, Block mit 6 Gliedern", "Gewicht je Glied", 12_600.0),
        ("Radiatore RX-500, batteria da 6 elementi", "Peso per elemento", 12_600.0),
    ],
)
def test_a_weight_per_element_times_the_elements_the_name_counts(
    name: str, label: str, expected: float
) -> None:
    text = f"Radiator RX-500\nHeight 500 mm, depth 80 mm\n{label}: 2.1 kg\nWater content 0.8 l\n"
    assert weight_of("radiator.txt", text, name) == pytest.approx(expected)


def test_a_weight_per_element_is_no_weight_when_the_name_counts_no_elements() -> None:
    text = "Radiator RX-500\nHeight 500 mm\nWeight per section: 2.1 kg\nWater content 0.8 l\n"
    assert weight_of("radiator.txt", text, "Cast radiator RX-500") is None


# ------------------------------------------------------------------ one piece of a pack


def test_the_weight_of_a_roll_the_pack_counts_is_the_roll_s_own() -> None:
    data = _docx(
        [("Width", "30 mm"), ("Roll weight", "0,41 kg"), ("Carton", "8 rolls, 3,5 kg")],
        "Masking tape MT-30, crepe paper",
    )
    assert _weight(data, "tape.docx", "Masking tape MT-30, 30 mm x 50 m") == pytest.approx(410)


def test_the_weight_of_a_carton_the_pallet_counts_is_still_a_pack_s() -> None:
    data = _docx(
        [("Width", "30 mm"), ("Carton weight", "3,5 kg"), ("Pallet", "40 cartons")],
        "Masking tape MT-30, crepe paper",
    )
    assert _weight(data, "tape.docx", "Masking tape MT-30, 30 mm x 50 m") is None


def test_a_roll_weight_read_with_its_own_number_as_a_count() -> None:
    text = "Packing tape PK-50\nWeight per roll:212 g\nPack:     24 rolls per carton\n"
    assert weight_of("tape.txt", text, "Packing tape PK-50, 50 mm x 66 m") == pytest.approx(212)


def test_a_roll_weight_with_no_count_of_rolls_stays_unsure() -> None:
    text = "Packing tape PK-50\nWeight per roll:212 g\nCore 76 mm\n"
    assert weight_of("tape.txt", text, "Packing tape PK-50 (pack of 24)") is None


def test_a_box_the_name_compounds_is_the_article() -> None:
    text = (
        "Datenblatt Stülpdeckelschachtel SD-80\nKarton GD2 300 g/m²\nGewicht je Schachtel: 38 g\n"
    )
    assert weight_of("box.txt", text, "Stülpdeckelschachtel SD-80") == pytest.approx(38)


def test_a_box_the_name_does_not_name_stays_a_pack() -> None:
    text = "Datenblatt Einlage SD-80\nKarton GD2 300 g/m²\nGewicht je Schachtel: 38 g\n"
    assert weight_of("box.txt", text, "Einlage SD-80") is None


# ------------------------------------------------------------------ a maximum is no pack weight


def test_a_maximum_pack_weight_is_not_divided_by_the_count() -> None:
    text = (
        "Angebot 4471\nSpacer SP-8, stainless\n"
        "Verpackung\n- 100 Stk je Beutel, max. 12 kg je Karton\n"
    )
    assert weight_of("offer.txt", text, "Spacer SP-8, stainless") is None


def test_a_stated_pack_weight_is_divided_by_the_count() -> None:
    text = (
        "Angebot 4471\nSpacer SP-8, stainless\nVerpackung\n- 100 Stk je Beutel, 1,2 kg je Beutel\n"
    )
    assert weight_of("offer.txt", text, "Spacer SP-8, stainless") == pytest.approx(12)


def test_the_weight_of_a_roll_of_a_pack_the_name_counts_is_not_the_pack_s() -> None:
    data = _docx(
        [("Width", "30 mm"), ("Roll weight", "0,41 kg"), ("Carton", "8 rolls, 3,5 kg")],
        "Masking tape MT-30, crepe paper",
    )
    assert _weight(data, "tape.docx", "Masking tape MT-30, pack of 8 rolls") is None


def test_the_weight_of_a_carton_that_holds_the_rolls_is_no_roll_s() -> None:
    data = _docx(
        [("Carton weight", "3,5 kg"), ("Rolls per carton", "8"), ("Pallet", "40 cartons")],
        "Masking tape MT-30, crepe paper",
    )
    got = _weight(data, "tape.docx", "Masking tape MT-30, 30 mm x 50 m")
    assert got is None or got == pytest.approx(437.5)


# ------------------------------------------------------------------ a weight at a stroke


@pytest.mark.parametrize(
    ("base", "step", "name", "expected"),
    [
        (
            "Gewicht Grundkörper (Hub 0): 2,4 kg",
            "Mehrgewicht je 50 mm Hub: 0,5 kg",
            "Hub 200",
            4400,
        ),
        ("Peso con carrera 0: 90 g", "Peso adicional por mm de carrera: 2 g", "carrera 40", 170),
    ],
)
def test_a_weight_at_no_stroke_plus_the_increment_for_the_named_stroke(
    base: str, step: str, name: str, expected: float
) -> None:
    text = f"Cylinder KZ-40\nBore 40 mm\n{base}\n{step}\nPressure 10 bar\n"
    assert weight_of("cyl.txt", text, f"Cylinder KZ-40, {name}") == pytest.approx(expected)


def test_a_weight_at_no_stroke_is_no_weight_when_the_name_states_no_stroke() -> None:
    text = (
        "Cylinder KZ-40\nBore 40 mm\nPeso con carrera 0: 90 g\n"
        "Peso adicional por mm de carrera: 2 g\nPressure 10 bar\n"
    )
    assert weight_of("cyl.txt", text, "Cylinder KZ-40") is None


# ------------------------------------------------------------------ rates an export key names


def test_a_face_in_two_units_times_the_weight_per_area() -> None:
    text = "Conveyor mat CM-9\nMaterial PP\nMat weight: 4.0 kg/m²\n"
    got = weight_of("mat.txt", text, "Conveyor mat CM-9, 500 mm x 3.0 m")
    assert got == pytest.approx(6000)


def test_a_face_the_name_does_not_state_leaves_the_weight_per_area_unsure() -> None:
    text = "Conveyor mat CM-9\nMaterial PP\nMat weight: 4.0 kg/m²\n"
    assert weight_of("mat.txt", text, "Conveyor mat CM-9, grey") is None


@pytest.mark.parametrize("key", ["masse_lineique_kg_m", "linear_mass_kg", "weight_kg_per_m"])
def test_a_linear_mass_key_is_a_weight_per_metre(key: str) -> None:
    text = (
        f"code;designation;colour;{key}\nDX-20;Duct DX-20;white;0,25\nDX-30;Duct DX-30;white;0,40\n"
    )
    assert weight_of("export.csv", text, "Duct DX-20, length 8 m") == pytest.approx(2000)
    assert weight_of("export.csv", text, "Duct DX-20") is None


# ------------------------------------------------------------------ one of a pair


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Trail boot TX-4, size 44 (pair)", 1240.0), ("Wanderschuh TX-4, Gr. 44, 1 Paar", 1240.0)],
)
def test_a_single_shoe_s_weight_doubled_for_a_pair(name: str, expected: float) -> None:
    text = "Trail boot TX-4\nUpper: leather\n- Weight: 620 g (single boot, size 44)\n"
    assert weight_of("boot.txt", text, name) == pytest.approx(expected)


def test_a_single_shoe_s_weight_of_an_article_that_is_no_pair_stays_as_stated() -> None:
    text = "Trail boot TX-4\nUpper: leather\n- Weight: 620 g (single boot, size 44)\n"
    assert weight_of("boot.txt", text, "Trail boot TX-4, size 44") == pytest.approx(620)


# ------------------------------------------------------------------ a letter that is no gram


def test_a_balance_grade_letter_is_no_gram() -> None:
    text = (
        "Impeller IM-160\nMaterial EN-GJL-250\n"
        "All weights are net weights. Balanced to grade G 2,5.\n"
    )
    assert weight_of("impeller.txt", text, "Impeller IM-160") is None


def test_a_weight_in_grams_after_the_grade_is_still_read() -> None:
    text = "Impeller IM-160\nBalanced to grade G 2,5.\nNet weight: 2,5 kg\n"
    assert weight_of("impeller.txt", text, "Impeller IM-160") == pytest.approx(2500)


# ------------------------------------------------------------------ what a reel or a bundle weighs


def test_a_weight_per_metre_of_a_reel_s_cable_is_not_the_reel_s() -> None:
    text = "Kabeltrommel KT-25\nLeitung H05VV-F 3G1,5\nLeitungsgewicht | 120 kg/km\n"
    assert weight_of("reel.txt", text, "Kabeltrommel 25 m, 3 Steckdosen") is None


def test_a_weight_per_metre_of_a_cable_sold_by_length_is_multiplied() -> None:
    text = "Leitung H05VV-F 3G1,5\nLeitungsgewicht | 120 kg/km\n"
    assert weight_of("cable.txt", text, "Leitung H05VV-F 3G1,5, Ring 25 m") == pytest.approx(3000)


def test_a_bundle_s_weight_is_a_pack_s_not_the_bar_s() -> None:
    text = (
        "Flachstahl FS 40x8\nLängengewicht | 2,51 kg/m\n"
        "Gebündelt zu 5 Stück, Bundgewicht ca. 13 kg inkl. Umreifung.\n"
    )
    got = weight_of("bar.txt", text, "Flachstahl FS 40x8, Zuschnitt 1.000 mm")
    assert got is None or got == pytest.approx(2510)  # never the bundle's 13 kg


def test_a_section_weight_of_a_group_the_name_counts_in_chinese() -> None:
    text = "铸铁散热器 XR-500\n单片重量 | 4.2 kg\n木架重量约 5 kg\n"
    assert weight_of("radiator.txt", text, "铸铁散热器 XR-500 8片组") == pytest.approx(33_600)


def test_a_single_piece_weight_in_chinese_without_a_group_stays_the_piece_s() -> None:
    text = "垫片 XR-500\n单片重量 | 4.2 g\n"
    assert weight_of("washer.txt", text, "垫片 XR-500") == pytest.approx(4.2)
