"""Main-material causes that carry over between writers, each with the case it must not turn into.

Grade designations, the article's own row of a list, the body before a seal or an accessory,
a table's material column, a zinc layer that only steel gets: every case here is written for
this file, and each has a counterpart that must stay as it is.
"""

from __future__ import annotations

import pytest

from app.analyzers.offline.materials import find_materials, find_materials_with_note
from app.extraction.document import Section


def found(text: str, *, name: str = "") -> list[tuple[str, float | None]]:
    hits, _ = find_materials_with_note(
        [Section("page 1", text)], source="specification", article_name=name
    )
    return [(m.index_code, m.mass_share) for m in hits]


def main(text: str, *, name: str = "") -> str | None:
    hits = found(text, name=name)
    return hits[0][0] if hits else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rohr: E235+N, kaltgezogen", "steel"),
        ("Zylinderrohr: E355+SR, gehont", "steel"),
        ("Materiale: P265GH", "steel"),
        ("Line pipe L360NB, seamless", "steel"),
        ("Betonstahl B500B, Ø 10 mm", "steel"),
        ("Barra corrugata B450C", "steel"),
        ("材质: Q235B", "steel"),
        ("Body: ASTM A105, forged", "steel"),
        ("Material: AISI 4140, quenched and tempered", "steel"),
        ("Werkstoff: 9SMnPb28K", "steel"),
        ("Hex bolt ISO 4017 M16 x 60 - 10.9", "steel"),
        ("Sechskantmutter M10, Festigkeitsklasse 8", "steel"),
        ("Materiaal | staalplaat 1,0 mm", "steel"),
        ("Zásuvka: stalowa obudowa", "steel"),
        ("Mango: fibra de vidrio", "glass_fibre"),
        ("Rohr: EN-GJS-500-7", "cast_iron"),
        ("Elbow, malleable iron, black", "cast_iron"),
    ],
)
def test_a_grade_or_a_word_names_the_family(text: str, code: str) -> None:
    assert main(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Output 8.8 kW at M5, 10.9 mm stroke",  # a power and a length, not a property class
        "Zusatzstoff E235 in der Rezeptur",  # a food additive number, no steel label
        "Gehäuse GG-80, bearbeitet",  # an article code, not a grey iron grade
        "Oberfläche: verzinkt",  # a surface on its own names no material
        "Finish | zinc plated",
        "nicht verzinkt, blank",
    ],
)
def test_what_looks_like_a_grade_is_not(text: str) -> None:
    assert found(text) == []


def test_a_zinc_layer_only_steel_gets_names_steel_when_nothing_else_does() -> None:
    assert found("Tuerca hexagonal M12 zincada, DIN 934") == [("steel", 1.0)]
    assert found("Vite truciolare 4 x 40 zincata bianca") == [("steel", 1.0)]


def test_a_zinc_layer_on_a_named_material_leaves_that_material() -> None:
    # galvanised malleable iron stays cast iron; a galvanised zinc word is no zinc body
    assert main("Fitting: malleable iron, hot-dip galvanised") == "cast_iron"
    assert main("Werkstoff: EN-GJMB-350-10, feuerverzinkt") == "cast_iron"


def test_the_body_comes_before_its_seals() -> None:
    text = "Piston rod | Stainless steel 1.4301\nSeals | NBR / PU\n"
    assert main(text, name="Compact cylinder CC-40-25") == "stainless_steel"
    text = "Werkstoff: Dichtungen NBR, Ringe und Kugeln 100Cr6"
    assert main(text, name="Rillenkugellager 6204-2RS") == "steel"


def test_a_seal_article_keeps_its_seal_material() -> None:
    text = "O-Ring 20 x 2 mm\nWerkstoff: Dichtung aus FKM 75 Shore A\n"
    assert main(text, name="O-Ring 20 x 2 FKM") == "rubber"


def test_an_accessory_in_the_name_is_not_the_article_material() -> None:
    text = "Werkstoff: Polyethylen-Bändchengewebe; Ösen Aluminium"
    assert main(text, name="Abdeckplane 3 x 4 m mit Aluminium-Ösen") == "pe_hd"
    assert main("材質 | 鋳鉄(本体)、天然木(蓋)", name="鉄鍋 24cm（木蓋付き）") == "cast_iron"


def test_the_name_material_outside_an_accessory_still_leads() -> None:
    text = "Materials: handle wood (ash); head steel C45"
    assert main(text, name="Claw hammer, steel head with ash handle") == "steel"


PRICE_LIST = (
    "Art.: Bezeichnung | Norm | Werkstoff | Gewicht kg/1000\n"
    "KM-1208: Kontermutter M12 | DIN 985 | A2-70 | 15,2\n"
    "KM-1209: Kontermutter M12 | DIN 985 | Stahl 8 | 15,0\n"
    "KM-1608: Kontermutter M16 | DIN 985 | A4-80 | 31,0\n"
)


def test_the_article_row_of_a_list_names_its_material() -> None:
    assert main(PRICE_LIST, name="Kontermutter M12 DIN 985, Stahl (KM-1209)") == "steel"
    assert main(PRICE_LIST, name="Kontermutter M12 DIN 985, A2 (KM-1208)") == "stainless_steel"


def test_without_the_article_row_a_list_keeps_all_its_materials() -> None:
    codes = {code for code, _ in found(PRICE_LIST, name="Kontermutter, Sortiment")}
    assert codes == {"stainless_steel", "steel"}


BILL_OF_MATERIALS = (
    "Pos | Benennung | Werkstoff | Menge | Gewicht kg\n"
    "1 | Schraube M8 | Stahl 8.8 | 4 | 0,040\n"
    "2 | Gehäuse | EN AC-46000 | 1 | 0,950\n"
    "3 | Deckel | PA6 GF30 | 1 | 0,120\n"
    "Summe Baugruppe | | | | 1,110\n"
)


def test_a_parts_list_weighs_its_materials_by_the_mass_column() -> None:
    shares = dict(found(BILL_OF_MATERIALS, name="Getriebedeckel-Baugruppe GD-20"))
    assert max(shares, key=lambda code: shares[code] or 0.0) == "aluminium"
    assert shares["aluminium"] == pytest.approx(0.950 / 1.110, abs=0.002)
    assert shares["steel"] == pytest.approx(0.040 / 1.110, abs=0.002)


def test_a_list_of_articles_is_not_weighed_as_parts() -> None:
    # a catalogue with a material and a weight column: no component shares, one main material
    text = "Artikel | Werkstoff | Gewicht kg\nPalette | Holz | 25\nGitterbox | Stahl | 85\n"
    _, note = find_materials_with_note([Section("page 1", text)], source="specification")
    assert "component weights" not in note


def test_one_accessory_with_a_mass_does_not_outrank_the_stated_material() -> None:
    text = "Material: steel sheet 0.8 mm, powder coated\nPadlock 40 mm brass - 0.18 kg\n"
    assert main(text) == "steel"


def test_two_component_masses_still_decide() -> None:
    text = "Housing: aluminium 120 g\nCover: PA66 30 g\n"
    assert found(text)[0] == ("aluminium", pytest.approx(0.8))


def test_a_glass_filler_is_counted_once() -> None:
    hits = dict(found("Werkstoff | PBT GF30 (glasfaserverstärkt 30 %), schwarz"))
    assert hits["pbt"] == pytest.approx(0.7)
    assert hits["glass_fibre"] == pytest.approx(0.3)


def test_a_glass_fibre_part_without_a_polymer_filler_stays_glass_fibre() -> None:
    assert main("Stiel: Glasfaser-Verbund") == "glass_fibre"


def test_a_look_is_not_a_material() -> None:
    text = "Poignée: zamak, aspect inox brossé\nGriff: Edelstahl-Optik"
    assert {m.index_code for m in find_materials([Section("p", text)], source="s")} == {"zinc"}


def test_a_plastic_adjective_in_prose_is_not_a_material_label() -> None:
    text = (
        "Round bucket sold with a steel wire handle with plastic grip.\n"
        "Bucket body | Material: PP homopolymer\n"
    )
    assert main(text) == "pp"


def test_packaging_in_other_languages_is_not_the_article() -> None:
    assert main("Materiál: ocel S235JR\nBalení: 10 ks v kartonu, 18,3 kg") == "steel"
    assert main("Teile entfettet, lose im Karton.\nWerkstoff: 1.4301") == "stainless_steel"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Board | double wall, BC flute", "paper_cardboard"),
        ("Wellpappe-Qualität: 2.40 BC-Welle", "paper_cardboard"),
        ("Liners | kraftliner 150 g/m², testliner 125 g/m²", "paper_cardboard"),
        ("Material=Thermopapier 75 g/m²", "paper_cardboard"),
    ],
)
def test_board_grades_and_paper_compounds_name_paper(text: str, code: str) -> None:
    assert main(text) == code


def test_a_flute_of_another_kind_is_no_board() -> None:
    assert found("Champagne flute, 210 ml") == []


def test_a_mass_in_prose_does_not_weigh_against_a_stated_material() -> None:
    text = (
        "Layer | Paper | Grammage\n"
        "Weight of one carton: 0.63 kg.\n"
        "Delivered flat in bundles strapped with PP band (bundle approx. 12.7 kg).\n"
    )
    assert main(text) == "paper_cardboard"


def test_nylon_beside_its_code_is_that_code() -> None:
    assert main("材质: 尼龙 PA66, 黑色") == "pa66"
    assert main("Material: nylon") == "pa6"


def test_a_seal_row_with_a_leading_cell_bar_is_a_seal() -> None:
    text = "| Dichtung | 2RS NBR |\nWerkstoff: Ringe 100Cr6, Käfig Stahlblech\n"
    assert main(text, name="Rillenkugellager 6205-2RS") == "steel"


def test_a_parts_list_row_that_shares_the_name_keeps_the_other_parts() -> None:
    text = (
        "Pos | Description | Material | Qty | Line weight (kg)\n"
        "10 | Swivel castor wheel 100 mm, TPR tyre | PP | 1 | 0.245\n"
        "20 | Fork, pressed | Steel DD11 | 1 | 0.312\n"
        "30 | Top plate 80 x 60 | Steel DD11 | 1 | 0.118\n"
    )
    assert main(text, name="Swivel castor 100 mm") == "steel"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Compression spring 1.6 x 12 x 40, wire EN 10270-1 SH", "steel"),
        ("Spring wire EN 10270-3, 1.4310", "stainless_steel"),
        ("Rectangular tube EN 10219, 40 x 20 x 2", "steel"),
        ("Cover 14 ga CRS, powder coated", "steel"),
    ],
)
def test_a_material_standard_names_the_family(text: str, code: str) -> None:
    assert main(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Inspection certificate 3.1 to EN 10204",  # a certificate standard, not a material
        "Flange to EN 1092-1, type 05",  # a dimension standard
        "Map datum CRS EPSG:4326",  # an abbreviation of something else
    ],
)
def test_a_standard_that_is_no_material_names_none(text: str) -> None:
    assert found(text) == []


def test_a_strap_article_is_not_its_own_packaging() -> None:
    assert main("Lifting strap 2 m, polyester webbing") == "pet"
    assert main("Cartons strapped with PP band\nMaterial: corrugated board, BC flute") == (
        "paper_cardboard"
    )


def test_a_workpiece_or_a_use_is_not_a_stated_material() -> None:
    text = "Workpiece | steel, stainless steel\nBlade: HSS-Co 5 %, Schaft aus Stahl"
    assert main(text, name="Hole saw 32 mm") == "steel"
    assert main("Cuts | aluminium, copper\nBody: steel C45") == "steel"


def test_a_chair_seat_is_no_valve_seat() -> None:
    assert main("Seat | beech plywood\nFrame: steel tube") == "wood"
