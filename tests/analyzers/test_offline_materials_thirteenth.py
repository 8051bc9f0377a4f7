"""The main material of invented documents, thirteenth pass: polymer families the catalogue
lacked, each case with its counterpart.

Thermoplastic elastomers, polyurethanes, fluoropolymers, cross-linked and linear low-density
polyethylene and the high-performance polymers have their own indices: before, a TPE was
priced as rubber, an LLDPE film as PE-LD, and a PTFE gasket, a PU hose or a PPSU fitting had
no material at all. A line about the packaging names no material of the article, and a
component table whose mass column says "Masa" or "Massa" weighs its rows.
"""

from __future__ import annotations

import pytest

from app.indices.seed import DEFAULT_INDICES
from tests.analyzers.test_offline_materials_tenth import main_material, shares

NEW_POLYMERS = ("pe_lld", "pe_x", "tpe", "pu", "ptfe", "pvdf", "peek", "ppsu")


def test_every_new_family_is_a_polymer_index_of_the_default_catalogue() -> None:
    categories = {code: category for code, _, _, category in DEFAULT_INDICES}
    assert {code: categories.get(code) for code in NEW_POLYMERS} == dict.fromkeys(
        NEW_POLYMERS, "polymer"
    )


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # thermoplastic elastomers, by code and in words, apart from rubber
        ("Yoga mat 6 mm\nMaterial: TPE, latex-free\nWeight: 900 g\n", "Yoga mat 6 mm", "tpe"),
        (
            "Griffüberzug G-2\nWerkstoff: thermoplastisches Elastomer (TPE-S), Shore A 60\n",
            "Griffüberzug G-2",
            "tpe",
        ),
        ("Poignée souple\nMatière : élastomère thermoplastique\n", "Poignée souple", "tpe"),
        ("Wiper blade 600 mm\nMaterial: TPV\n", "Wiper blade 600 mm", "tpe"),
        ("O-ring 20 x 2\nMaterial: EPDM 70 Shore A\n", "O-ring 20 x 2", "rubber"),
        ("Puffer P-30\nWerkstoff: Elastomer, schwarz\n", "Puffer P-30", "rubber"),
        # polyurethanes: TPU is one, a bare "PU" only beside a material label
        (
            "Spiral hose 8 x 5 mm\nMaterial: PU (polyester polyurethane)\n",
            "Spiral hose 8 x 5 mm",
            "pu",
        ),
        ("Pneumatikschlauch 6 x 4\nWerkstoff: TPU, Shore D 52\n", "Pneumatikschlauch 6 x 4", "pu"),
        ("Rueda 100 mm\nMaterial de la banda: poliuretano\n", "Rueda 100 mm", "pu"),
        ("Article 4711 bracket\nPU 100\nMaterial: steel S235\n", "Article 4711 bracket", "steel"),
        # fluoropolymers and high-performance polymers
        ("Flachdichtung DN 50\nWerkstoff: PTFE, rein\n", "Flachdichtung DN 50", "ptfe"),
        (
            "Guarnizione piana DN 25\nMateriale: politetrafluoroetilene\n",
            "Guarnizione piana DN 25",
            "ptfe",
        ),
        (
            "Frying pan 28 cm\nMaterial: aluminium\nCoating: PTFE non-stick\n",
            "Frying pan 28 cm",
            "aluminium",
        ),
        ("Valve body DN 15\nMaterial: PVDF\n", "Valve body DN 15", "pvdf"),
        ("Insulating bush 12 mm\nMaterial: PEEK 450G\n", "Insulating bush 12 mm", "peek"),
        ("Press fitting elbow 16 mm\nMaterial: PPSU\n", "Press fitting elbow 16 mm", "ppsu"),
        # cross-linked polyethylene, and the French plumber's "PER" (never the English "per")
        (
            "Fußbodenheizungsrohr 16 x 2\nWerkstoff: PE-Xa mit Sauerstoffsperre\n",
            "Fußbodenheizungsrohr 16 x 2",
            "pe_x",
        ),
        (
            "Bon de livraison\nArticle : Tuyau PER nu 16 x 1,5 - couronne 100 m\n",
            "Tuyau PER 16 x 1,5",
            "pe_x",
        ),
        (
            "Underfloor pipe 16 x 2\nMaterial: cross-linked polyethylene\n",
            "Underfloor pipe 16 x 2",
            "pe_x",
        ),
        ("PRICE LIST\nPRICE PER METRE: 1.20 EUR\nMaterial: PE-HD\n", "Drain pipe 50", "pe_hd"),
        # linear low-density polyethylene apart from PE-LD
        ("Stretch film 500 mm x 300 m\nMaterial: LLDPE, cast\n", "Stretch film 500 mm", "pe_lld"),
        (
            "Film estirable 500 mm\nMaterial: polietileno lineal de baja densidad, 5 capas\n",
            "Film estirable 500 mm",
            "pe_lld",
        ),
        ("Sac poubelle 50 l\nMatière : PEBD\n", "Sac poubelle 50 l", "pe_ld"),
        ("Folie 0,1 mm\nWerkstoff: PE-LD\n", "Folie 0,1 mm", "pe_ld"),
    ],
)
def test_the_polymer_family_a_document_states(text: str, name: str, code: str) -> None:
    assert main_material(text, name) == code


def test_a_cross_linked_grade_refines_the_generic_word() -> None:
    text = "Pipe 20 x 2\nA polyethylene pipe for heating.\nMaterial: PE-Xc\n"
    assert main_material(text, "Pipe 20 x 2") == "pe_x"
    assert "pe_hd" not in shares(text, "Pipe 20 x 2")


# --- a line about the packaging; a component table weighed in "Masa" ------------------------


COMPOSITION = (
    "Declaración de materiales - Cable de datos 1 m\n\n"
    "Componente | Material | Masa (g)\n"
    "Conductores | cobre estañado | 6,0\n"
    "Aislamiento y cubierta | TPE | 15,0\n"
    "Conectores (2) | acero inoxidable, PC | 4,0\n"
    "Total | 25,0\n\n"
    "{packaging}\n"
)


def test_a_packaging_line_names_no_material_of_the_article_and_the_masses_decide() -> None:
    text = COMPOSITION.format(
        packaging="Embalaje (no incluido en la masa): caja de cartón 18 g y bolsa de PE 2 g."
    )
    got = shares(text, "Cable de datos 1 m")
    assert main_material(text, "Cable de datos 1 m") == "tpe"
    assert "pe_hd" not in got and "paper_cardboard" not in got
    assert got["tpe"] == pytest.approx(15 / 25, abs=1e-3)
    assert got["copper"] == pytest.approx(6 / 25, abs=1e-3)


def test_the_material_line_of_a_bag_is_the_article_s_own() -> None:
    text = "Bolsa de PE 30 x 40 cm\nMaterial: PE-LD, 50 µm\nEmbalaje: caja de 500 bolsas\n"
    assert main_material(text, "Bolsa de PE 30 x 40 cm") == "pe_ld"


def test_an_italian_massa_column_weighs_the_rows() -> None:
    text = (
        "Distinta componenti\n"
        "Componente | Materiale | Massa (g)\n"
        "Corpo | ottone CW617N | 120\n"
        "Maniglia | alluminio | 30\n"
    )
    got = shares(text, "Valvola a sfera 1/2")
    assert got["brass"] == pytest.approx(0.8, abs=1e-3)
    assert got["aluminium"] == pytest.approx(0.2, abs=1e-3)
