"""The main material of invented documents, ninth pass: one case per cause and a counterpart.

Each cause is a kind of wording any writer uses (a steel named by its trade or standard name,
a composition column, a finish word, a town in an address, a bill of materials as key=value
rows); the counterpart is the nearby wording whose answer must not change.
"""

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE


def main_material(text: str, name: str, filename: str = "doc.txt") -> str | None:
    """The index code of the main material the offline analysis reports, None for none."""
    doc = extract_document(text.encode(), role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return result.materials[0].index_code if result.materials else None


def shares(text: str, name: str, filename: str = "doc.txt") -> dict[str, float | None]:
    doc = extract_document(text.encode(), role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return {m.index_code: m.mass_share for m in result.materials}


# --- a steel named by its trade or standard name ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Jobber drill 8 mm\nMaterial: HSS-E, bright\nPrice per 10: 9.90\n", "Drill 8 mm", "steel"),
        ("Reamer R-10\nMaterial: HSS-Co5\nLength 120 mm\n", "Reamer R-10", "steel"),
        ("Globe valve GV-2\nBody A105, trim 13Cr\nClass 800\n", "Globe valve GV-2", "steel"),
        ("Check valve CV-3\nBody: A216 WCB\nPN 40\n", "Check valve CV-3", "steel"),
        ("Ball valve BV-9\nBody: A351 CF8M\nPN 63\n", "Ball valve BV-9", "stainless_steel"),
        ("Rivet nut RN-4\nMaterial | CRES 304, passivated\n", "Rivet nut RN-4", "stainless_steel"),
        (
            "Clip C-7\nMaterial | corrosion resistant steel, passivated\n",
            "Clip C-7",
            "stainless_steel",
        ),
    ],
)
def test_steel_named_by_standard_or_trade_name(text: str, name: str, code: str) -> None:
    assert main_material(text, name) == code


def test_plain_steel_stays_steel_and_a_code_is_no_grade() -> None:
    # counterparts: "corrosion protection" of a steel is no stainless; a code is no boron steel
    assert main_material("Bracket B-1\nMaterial: steel, corrosion protected\n", "Bracket") == (
        "steel"
    )
    text = "Elbow 90 copper, item PF-CU-15B90\nMaterial: copper\n"
    assert main_material(text, "Elbow 90 copper (PF-CU-15B90)") == "copper"


# --- a rubber family word in a compound or as latex --------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Badeball BB-1\nMaterial: Naturkautschuk\nGewicht: 80 g\n", "Badeball BB-1"),
        ("Glove G-8\nMaterial: natural latex, powder-free\n", "Glove G-8"),
    ],
)
def test_rubber_compounds_and_latex(text: str, name: str) -> None:
    assert main_material(text, name) == "rubber"


def test_latex_free_names_no_rubber() -> None:
    text = "Glove V-8\nMaterial: PVC (vinyl)\nLatex-free, powder-free\n"
    assert main_material(text, "Glove V-8") == "pvc"


def test_a_mask_type_is_no_butyl_rubber() -> None:
    text = "Surgical mask type IIR\nFilter layers: polypropylene nonwoven\n"
    assert main_material(text, "Surgical mask type IIR") == "pp"
    assert main_material("Stopper S-2\nMaterial: IIR\n", "Stopper S-2") == "rubber"


# --- a composite's stated composition ----------------------------------------------------------


def test_stated_composition_is_not_split_again_by_the_grade() -> None:
    text = (
        "Cover CV-9\nMaterial: PA66 GF30\n"
        "Composition: polyamide 66: 69 %, glass fibre: 30 %, pigment 1 %\n"
    )
    got = shares(text, "Cover CV-9")
    assert next(iter(got)) == "pa66"
    assert got["pa66"] == pytest.approx(0.7, abs=0.01)
    # counterpart: the grade alone still splits the compound into polymer and filler
    alone = shares("Cover CV-9\nMaterial: PA66 GF30\n", "Cover CV-9")
    assert alone["pa66"] == pytest.approx(0.7, abs=0.01)
    assert alone["glass_fibre"] == pytest.approx(0.3, abs=0.01)


def test_a_composition_column_gives_the_row_shares() -> None:
    text = (
        "Mask M-3\n"
        "Part | Material | % by mass\n"
        "Nose clip | steel wire | 6\n"
        "Layers | polypropylene nonwoven | 88\n"
        "Ear loops | polyester | 6\n"
    )
    got = shares(text, "Mask M-3")
    assert next(iter(got)) == "pp"
    assert got["pp"] == pytest.approx(0.88, abs=0.01)


# --- the body beside an insert, a cartridge, a grip or a counterpart ---------------------------


def test_insert_grip_and_hull_are_not_the_body() -> None:
    anode = "Anode A-5\nWeld-on anode for steel hulls, zinc alloy, insert of galvanised steel\n"
    assert main_material(anode, "Anode A-5 zinc") == "zinc"
    pen = "Pen P-1\nGel pen with rubber grip.\n- Barrel and cap: polypropylene\n"
    assert main_material(pen, "Pen P-1") == "pp"
    # counterpart: a grip sold as the article is its own material
    assert main_material("Bar grip G-2\nMaterial: rubber\n", "Bar grip G-2") == "rubber"


def test_a_finish_word_names_the_look() -> None:
    text = "Kitchen tap KT-1\nBody material | brass, finish PVD stainless steel\n"
    assert main_material(text, "Kitchen tap KT-1, finish stainless steel") == "brass"
    # counterpart: stainless named as the material stays the material
    text = "Kitchen tap KT-2\nBody material | stainless steel, brushed\n"
    assert main_material(text, "Kitchen tap KT-2") == "stainless_steel"


# --- words that are no material of the article -------------------------------------------------


def test_a_town_in_an_address_and_a_carton_of_pieces() -> None:
    text = (
        "Quotation Q-1\nCustomer: Hardware Ltd, 76000 Bois-Colombe\n"
        "Anchor M8 zinc plated, 100 pcs\n"
    )
    assert main_material(text, "Anchor M8, zinc plated") == "steel"
    text = "Offer\nAnchor M10, galv. verzinkt\nEin Karton mit 20 Stück wiegt 2,6 kg.\n"
    assert main_material(text, "Anchor M10, galv. verzinkt") == "steel"
    # counterpart: wood named as the material is wood
    assert main_material("Shelf S-1\nMaterial: Bois massif\n", "Shelf S-1") == "wood"


def test_a_chipboard_screw_is_no_wood() -> None:
    text = "Spanplattenschraube 4x40 TX20, gelb verzinkt\nVE 500\n"
    assert main_material(text, "Spanplattenschraube 4x40, gelb verzinkt") == "steel"
    assert main_material("Regal R-1\nMaterial: Spanplatte\n", "Regal R-1") == "wood"


# --- polyethylene's density ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tubo T-1\nTubi in polietilene\nMateriale | PE-BD\n", "pe_ld"),
        ("Film F-1\nMaterial: polietileno de baja densidad\n", "pe_ld"),
        ("Bidon B-1\nMatière : PEAD\n", "pe_hd"),
        ("Bidon B-2\nMatière : polyéthylène\n", "pe_hd"),
    ],
)
def test_polyethylene_density(text: str, code: str) -> None:
    assert main_material(text, text.split("\n", 1)[0]) == code


# --- a bill of materials as key=value rows ------------------------------------------------------

KIT = (
    "1: Qty=2 | Part=Seat ring | Material=FKM | Mass each g=1 | Mass total g=2\n"
    "2: Qty=1 | Part=Gland nut | Material=brass | Mass each g=20 | Mass total g=20\n"
    "3: Qty=4 | Part=O-ring | Material=EPDM | Mass each g=0.5 | Mass total g=2\n"
)


def test_key_value_parts_rows_weigh_their_material() -> None:
    assert main_material(KIT, "Service kit SK-1") == "brass"


def test_key_value_rows_of_another_assembly_keep_the_article_row() -> None:
    text = (
        "1: Qty=1 | Part=ENC-1 | Description=Enclosure | Material=steel | Weight (kg)=20\n"
        "2: Qty=10 | Part=TB-2-GY | Description=Terminal block grey | Material=PA66\n"
        "3: Qty=4 | Part=TB-2-PE | Description=Terminal block PE | Material=PA66 / copper"
        " | Weight (kg)=0.02\n"
    )
    assert main_material(text, "Terminal block grey (TB-2-GY)") == "pa66"
