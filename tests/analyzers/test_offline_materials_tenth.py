"""The main material of invented documents, tenth pass: one case per cause and a counterpart.

Each cause is a wording any writer uses (an alloy or fibre named in another language, a
strength class without its label, a glass fibre that reinforces a polymer, the material an
article is made for, a short code after the part it is the material of); the counterpart is
the nearby wording whose answer must not change.
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


def shares(text: str, name: str) -> dict[str, float | None]:
    doc = extract_document(text.encode(), role="specification", filename="doc.txt")
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return {m.index_code: m.mass_share for m in result.materials}


# --- vocabulary: zinc alloys, moulded fibre, nitrile, a bare strength class -------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Dörrknopp K-3\nMaterial | zinklegering, krom\nVikt 40 g\n", "Dörrknopp K-3", "zinc"),
        ("Poignée P-5\nMatière : alliage de zinc\n", "Poignée P-5", "zinc"),
        ("Egg box for 6\nMaterial: moulded pulp, recycled\n", "Egg box 6", "paper_cardboard"),
        ("Plate P-9\nMaterial: bagasse, compostable\n", "Plate P-9", "paper_cardboard"),
        (
            "Handske H-2\nbeskrivelse=Nitrilhandske str. M | antal=100\n",
            "Nitrilhandske M",
            "rubber",
        ),
        ("Glove G-1\nDisposable nitrile glove, powder free\n", "Glove G-1", "rubber"),
        ("X-1: descr=Vite TE M10x40 classe 8.8 | conf=50\n", "Vite TE M10x40 classe 8.8", "steel"),
    ],
)
def test_material_named_in_other_words(text: str, name: str, code: str) -> None:
    assert main_material(text, name) == code


def test_nearby_words_are_no_material() -> None:
    # counterparts: acrylonitrile is no nitrile rubber; a class without a decimal is no steel
    assert main_material("Cap C-2\nMaterial: acrylonitrile butadiene styrene\n", "Cap") != (
        "rubber"
    )
    assert main_material("Filter F-3\nFiltration class 5\nSize 40 mm\n", "Filter F-3") is None
    assert main_material("Pump P-1\nEnergy class 8.8 kWh\n", "Pump P-1") is None


# --- a glass fibre that reinforces a polymer -----------------------------------------------


def test_reinforcing_glass_fibre_follows_its_polymer() -> None:
    text = "Clip C-4\nMaterial: glass-fibre reinforced nylon (PA6 GF)\nLength 40 mm\n"
    assert main_material(text, "Clip C-4") == "pa6"
    text = "Bracket K-2\nWerkstoff: glasfaserverstärktes Polyamid PA66\n"
    assert main_material(text, "Bracket K-2") == "pa66"


def test_glass_fibre_article_stays_glass_fibre() -> None:
    # counterparts: a glass fibre mat is glass fibre; a stated composition decides by its shares
    assert main_material("Mat M-1\nMaterial: glass fibre, 300 g/m2\n", "Mat M-1") == ("glass_fibre")
    got = shares("Panel P-2\nComposition: glass fibre 60 %, polyester resin 40 %\n", "Panel")
    assert max(got, key=lambda k: got[k] or 0.0) == "glass_fibre"


# --- the material the article is made for ----------------------------------------------------


def test_material_after_a_bare_for_is_the_counterparts() -> None:
    text = "Insert E-6\nThreaded insert M8 for wood, zinc die-cast\nLength 15 mm\n"
    assert main_material(text, "Threaded insert M8 for wood, zinc die-cast") == "zinc"
    text = "Dübel D-8\nSpreizdübel für Beton, Polyamid\n"
    assert main_material(text, "Spreizdübel für Beton") == "pa6"


def test_material_of_the_article_after_for_a_use_stays() -> None:
    # counterpart: "for outdoor use, stainless" names the article's own material
    text = "Hook H-3\nWall hook for outdoor use, stainless steel\n"
    assert main_material(text, "Wall hook H-3") == "stainless_steel"
    text = "Shelf bracket S-1\nMaterial: steel\nFor wood shelves up to 30 kg\n"
    assert main_material(text, "Shelf bracket S-1") == "steel"


# --- a short code after the part it is the material of ------------------------------------


def test_short_code_after_a_part_word() -> None:
    text = (
        "Leuchte L-1\nLeistung 20 W\nGehäuse PC, Abdeckung PC opal. Clips Edelstahl beiliegend.\n"
    )
    assert main_material(text, "Leuchte L-1") == "pc"


def test_short_code_after_a_part_word_and_a_count_stays_a_count() -> None:
    # counterpart: "Gehäuse 2 PC" counts pieces; no material is assumed
    text = "Leuchte L-2\nLieferumfang: Gehäuse 2 PC, Clips\nLeistung 20 W\n"
    assert main_material(text, "Leuchte L-2") is None
