"""Material keyword rules: designations, languages, false positives and mass shares."""

from __future__ import annotations

import pytest

from app.analyzers.offline.materials import find_materials
from app.extraction.document import Section


def materials(text: str) -> list[tuple[str, float | None]]:
    found = find_materials([Section("page 1", text)], source="specification")
    return [(m.index_code, m.mass_share) for m in found]


def main_code(text: str) -> str | None:
    found = materials(text)
    return found[0][0] if found else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Material: C45", "steel"),
        ("Werkstoff: S235JR", "steel"),
        ("Material: S355J2+N", "steel"),
        ("Werkstoff: 42CrMo4+QT", "steel"),
        ("Werkstoff: 16MnCr5", "steel"),
        ("Material: DC01", "steel"),
        ("Automatenstahl 11SMnPb30", "steel"),
        ("Werkstoff: 1.4301", "stainless_steel"),
        ("Material: 1.4404", "stainless_steel"),
        ("Werkstoff 1.4571", "stainless_steel"),
        ("Material: AISI 316", "stainless_steel"),
        ("Edelstahl V2A", "stainless_steel"),
        ("aus V4A", "stainless_steel"),
        ("stainless steel housing", "stainless_steel"),
        ("Werkstoff: GG25", "cast_iron"),
        ("Material: EN-GJL-250", "cast_iron"),
        ("Werkstoff: EN-GJS-400-15", "cast_iron"),
        ("Material: AlSi10Mg", "aluminium"),
        ("Material: EN AW-6082", "aluminium"),
        ("Aluminum 6061-T6", "aluminium"),
        ("Werkstoff: AlMgSi0,5", "aluminium"),
        ("Gehäuse aus Alu", "aluminium"),
        ("Leiter: Cu-ETP", "copper"),
        ("Leiter aus Kupfer", "copper"),
        ("Werkstoff: CuZn39Pb3", "brass"),
        ("Messing MS58", "brass"),
        ("Buchse aus Bronze", "bronze"),
        ("Werkstoff: ZAMAK 5", "zinc"),
        ("Gehäuse Zn-Druckguss", "zinc"),
        ("Werkstoff: GD-ZnAl4Cu1", "zinc"),
        ("Material: Inconel 625", "nickel"),
        ("Material: PA66 GF30", "pa66"),
        ("Werkstoff: PA6", "pa6"),
        ("Material: ABS", "abs"),
        ("Material: PP", "pp"),
        ("Werkstoff: PE-HD", "pe_hd"),
        ("Material: LDPE", "pe_ld"),
        ("Material: PC", "pc"),
        ("Material: POM", "pom"),
        ("Werkstoff: PBT-GF20", "pbt"),
        ("Material: PET", "pet"),
        ("Material: PVC", "pvc"),
        ("Material: PS", "ps"),
        ("Scheibe aus PMMA", "pmma"),
        ("Dichtung: EPDM", "rubber"),
        ("O-Ring NBR 70", "rubber"),
        ("Seal: silicone", "rubber"),
        ("FKM O-ring", "rubber"),
        ("Griff aus Holz (Buche)", "wood"),
        ("Material: Wellpappe, 2-wellig", "paper_cardboard"),
        ("Sichtscheibe: Borosilikatglas", "glass"),
        ("Leiterplatte FR4, bestückt", "electronics"),
        ("Populated PCB with electronic components", "electronics"),
        ("Poignée en acier", "steel"),
        ("Corpo: ottone", "brass"),
        ("Material: acero inoxidable", "stainless_steel"),
        ("Materiaal: RVS 316", "stainless_steel"),
        ("Materiał: aluminium", "aluminium"),
    ],
)
def test_main_material(text: str, code: str) -> None:
    assert main_code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Lieferung: 2 PC pro Beutel",
        "Qty | 2 | PC",
        "Motor 5,5 PS",
        "Protective earth: PE conductor 2.5 mm²",
        "Aluminiumfreie Rezeptur",
        "aluminium-free",
        "Appendix pp. 12-14",
        "Capacitor C15 next to U3",
        "RoHS: Blei < 0,1 %, Cadmium < 0,01 %",
        "Not suitable for aluminium",
        "Oberfläche: verzinkt",
        "Surface: nickel plated",
        "Verpackung: Karton",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert materials(text) == []


def test_zinc_plated_steel_is_steel_only() -> None:
    assert materials("Material: steel, zinc plated") == [("steel", 1.0)]


def test_edelstahl_is_not_also_steel() -> None:
    assert [c for c, _ in materials("Werkstoff: Edelstahl")] == ["stainless_steel"]


def test_glass_filled_polymer_splits_off_glass_fibre() -> None:
    assert materials("Material: PA66 GF30") == [("pa66", 0.7), ("glass_fibre", 0.3)]
    assert materials("Material: PA66 + 30 % glass fibre") == [("pa66", 0.7), ("glass_fibre", 0.3)]


def test_explicit_composition_gives_shares() -> None:
    found = dict(materials("Zusammensetzung: 70 % Stahl, 25 % PA6, 5 % EPDM"))
    assert found == {"steel": 0.7, "pa6": 0.25, "rubber": 0.05}


def test_component_weight_table_gives_shares() -> None:
    text = "Housing | PA6 | 150 g\nShaft | 42CrMo4 | 50 g\nTotal net weight | 200 g"
    found = dict(materials(text))
    assert found == {"pa6": 0.75, "steel": 0.25}


def test_estimated_shares_main_material_dominates() -> None:
    text = "Material: aluminium\nDichtung: EPDM\nSchrauben: Edelstahl A2-70"
    found = materials(text)
    assert found[0] == ("aluminium", 0.7)
    assert sum(share or 0 for _, share in found) == pytest.approx(1.0)


def test_labelled_material_beats_incidental_mention() -> None:
    text = "Montage auf Aluminiumprofilen\nWerkstoff: S235JR"
    assert main_code(text) == "steel"


def test_packaging_material_not_counted_when_article_material_exists() -> None:
    text = "Material: POM\nVerpackung: Karton, PE-Beutel"
    assert [c for c, _ in materials(text)] == ["pom"]


def test_evidence_points_at_source_line() -> None:
    found = find_materials([Section("sheet Specs", "Material | PA66 GF30")], source="specification")
    assert found[0].evidence is not None
    assert found[0].evidence.quote == "Material | PA66 GF30"
    assert found[0].evidence.location == "specification, sheet Specs"
    assert found[0].name == "PA66 GF30"
