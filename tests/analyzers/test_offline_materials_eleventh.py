"""The main material of invented documents, eleventh pass: one case per cause and a counterpart.

Cables state their copper as a content per length beside the cable's own weight per length;
the share that gives decides between the conductor and the insulation, and a cable type
designation names the insulation. Each counterpart is the nearby wording whose answer must
not change.
"""

from __future__ import annotations

import pytest

from tests.analyzers.test_offline_materials_tenth import main_material, shares

# --- a cable's copper content per length beside its weight per length ---------------------


def test_copper_content_below_half_makes_the_insulation_main() -> None:
    text = (
        "Installation cable 3x1,5\n"
        "Conductor: copper, solid\n"
        "Insulation and sheath: PVC\n"
        "Cable weight: 110 kg/km\n"
        "Copper content: 43 kg/km\n"
    )
    assert main_material(text, "Installation cable 3x1,5, coil 50 m") == "pvc"
    got = shares(text, "Installation cable 3x1,5, coil 50 m")
    assert got["copper"] == pytest.approx(43 / 110, abs=1e-4)


def test_copper_content_above_half_keeps_the_conductor_main() -> None:
    text = (
        "Power cable 4x16\n"
        "Conductor: copper, stranded\n"
        "Sheath: PVC\n"
        "Weight: 0,95 kg/m\n"
        "Copper content: 620 kg/km\n"
    )
    assert main_material(text, "Power cable 4x16, drum 250 m") == "copper"


def test_copper_content_in_the_row_of_the_named_size() -> None:
    text = (
        "Rubber cable, copper conductors\n"
        "Cores x mm² | Outer Ø (mm) | Copper (kg/km) | Weight (kg/km)\n"
        "3G1,5 | 9,0 | 43 | 140\n"
        "3G95 | 40,0 | 2736 | 3400\n"
    )
    assert main_material(text, "Rubber cable 3G1,5") == "rubber"
    # the counterpart row: copper is most of the heavy cable's mass
    assert main_material(text, "Rubber cable 3G95") == "copper"


def test_stated_copper_content_names_copper_without_a_material_word() -> None:
    text = "order: 7\ncable.weight_per_km: 300 kg/km\ncable.copper_kg_km: 240 kg/km\n"
    assert main_material(text, "Cable 4x25") == "copper"
    # below half the rest is the insulation, whose material nothing names: unknown
    text = "order: 7\ncable.weight_per_km: 300 kg/km\ncable.copper_kg_km: 90 kg/km\n"
    assert main_material(text, "Cable 4x25") is None


def test_gross_weight_per_length_is_not_the_cable_weight() -> None:
    text = (
        "Conductor: copper\n"
        "Sheath: PVC\n"
        "Gross weight per drum length: 120 kg/km\n"
        "Copper content: 43 kg/km\n"
    )
    # no net cable weight: the shares stay an estimate, the conductor named first leads
    assert main_material(text, "Cable 3x1,5") == "copper"


# --- cable type designations name the insulation ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Leitung H05VV-F 3G1,5", "pvc"),
        ("Mantelleitung NYM-J 3x1,5", "pvc"),
        ("Gummischlauchleitung H07RN-F 3G2,5", "rubber"),
    ],
)
def test_cable_type_names_its_insulation(name: str, code: str) -> None:
    text = f"{name}\nLeitergewicht Cu: 43 kg/km\nGewicht: 120 kg/km\nLeiter: Kupfer blank\n"
    assert main_material(text, name) == code


def test_words_like_a_cable_type_are_no_material() -> None:
    assert main_material("Bracket H05-V\nColour: grey\n", "Bracket H05-V") is None
    assert main_material("Order NYMX-3\nQty 4\n", "Order NYMX-3") is None


# --- pulp and board words: the paper family ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Filter disc F-7\nMaterial | cotton linters, pure\n", "Filter disc F-7"),
        (
            "Pad P-3\nLayer | Material | Mass (g)\nCore | fluff pulp | 30\nBack | PE film | 6\n",
            "Pad",
        ),
        ("artigo: Caixa C-1\nmaterial: cartolina 350 g/m²\n", "Caixa C-1"),
        ("Astuccio A-2\nMateriale: cartoncino teso\n", "Astuccio A-2"),
    ],
)
def test_pulp_and_board_words_are_paper(text: str, name: str) -> None:
    assert main_material(text, name) == "paper_cardboard"


def test_cotton_without_linters_stays_a_textile() -> None:
    assert main_material("Towel T-1\nMaterial: 100 % cotton\n", "Towel T-1") == "textile"
