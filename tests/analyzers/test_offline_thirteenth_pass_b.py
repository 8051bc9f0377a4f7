"""The second half of the thirteenth pass: general causes of a confident wrong weight, each with
its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: the net contents of an article sold with its container (the filling,
not the filled container); a row of the name's product line under another article code, when
the article's own row states no weight; a row whose description opens with a part the name
says the article comes with ("Cover frame: Weight" of a switch "with frame"). Each rule must
not fire where the figure is the article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # the net contents of an article sold with its container are the filling's weight
    (
        "hoja.md",
        "# Limpiador de suelos\n\n| Dato | Valor |\n|---|---|\n| Contenido neto | 12 kg |\n| Envase | garrafa PEAD 10 L |\n",
        "Limpiador de suelos, garrafa 12 kg llena",
        None,
    ),
    ("fiche.txt", "Nettoyant sols\nContenu net : 5 kg\n", "Nettoyant sols, bidon 5 kg plein", None),
    ("blatt.txt", "Reiniger\nNettoinhalt: 10 kg\n", "Reiniger, Kanister 10 kg gefüllt", None),
    # ... and the article's weight when the name names no container sold with it
    (
        "hoja.md",
        "# Limpiador de suelos\n\n| Dato | Valor |\n|---|---|\n| Contenido neto | 12 kg |\n",
        "Limpiador de suelos concentrado 12 kg",
        12000,
    ),
    ("fiche.txt", "Nettoyant sols\nContenu net : 5 kg\n", "Nettoyant sols 5 kg", 5000),
    ("blatt.txt", "Streusalz\nNettoinhalt: 10 kg\n", "Streusalz 10 kg", 10000),
    # a row of the same product line under another article code is another article's, even
    # when the article's own row states no weight
    (
        "cane.txt",
        "Walking cane WX-20\nItem | Description | Weight\nWX-20-S | single cane | see pair\nWX-20-TP | rubber tip | 18 g\n",
        "Walking cane WX-20, single (WX-20-S)",
        None,
    ),
    (
        "stock.txt",
        "Gehstock KX-40\nVarianten und Gewichte\nArt.-Nr. | Lieferform | Gewicht\nKX-40-E | Einzelstock | siehe Paargewicht\nKX-40-ST | Gummistopfen | 24 g\n",
        "Gehstock KX-40 Alu, Einzelstock (KX-40-E)",
        None,
    ),
    # ... but the code the name's code begins with (a finish added) is the article's own row
    (
        "list.txt",
        "Handles\nRef. | Length | Weight (g)\nHG-096 | 96 | 48\nHG-128 | 128 | 62\n",
        "Handle brushed 128 mm (HG-128-BR)",
        62,
    ),
    (
        "stock.txt",
        "Gehstock KX-40\nArt.-Nr. | Lieferform | Gewicht\nKX-40-ST | Gummistopfen | 24 g\n",
        "Gummistopfen KX-40-ST-B, schwarz",
        24,
    ),
    # a row whose description opens with the part the name says the article comes with is
    # that part's own row
    (
        "sheet.txt",
        "Ordering data\nCover frame 1-gang: Weight (g): 24\n",
        "Light switch with frame (LS-1)",
        None,
    ),
    ("sheet.txt", "Datenblatt\nDeckel: Gewicht: 120 g\n", "Kochtopf 24 cm mit Deckel", None),
    # ... but not a description that names the article first, nor a part the article is also
    # weighed without (the two add up)
    (
        "sheet.txt",
        "Ordering data\nDescription | Ref. | Weight (g)\nLight switch, with frame | LS-1 | 95\nCover frame 1-gang | CF-1 | 24\n",
        "Light switch with frame (LS-1)",
        95,
    ),
    (
        "sheet.txt",
        "Datenblatt\nKochtopf 24 cm, mit Deckel: Gewicht: 1450 g\n",
        "Kochtopf 24 cm mit Deckel",
        1450,
    ),
    (
        "sheet.txt",
        "Helmet as weighed (without chin strap): Mass: 355 g\nChin strap: Mass: 18 g\n",
        "Helmet H-2 with chin strap",
        373,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_thirteenth_pass_b_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
