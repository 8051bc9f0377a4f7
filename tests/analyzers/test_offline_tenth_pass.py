"""The tenth pass's general causes, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is: a pack unit written "VE" or "pakke", a set weight of an article named as one piece
of the set, a pair named after the figure or in a "Weight per pair", and an empty container's weight of an article sold
filled.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # "Nettogewicht VE" beside "VE 12 Stück": the net weight of a packing unit of twelve
    (
        "offer.txt",
        "Pos. 1  Becher 250 ml, Glas\n        VE 12 Stück, Nettogewicht VE 3,6 kg\n",
        "Becher 250 ml",
        300,
    ),
    (
        "offer.txt",
        "Pos. 1  Becher 250 ml, Glas\n        Nettogewicht 3,6 kg\n",
        "Becher 250 ml",
        3600,
    ),
    # a Danish "pakke med 50": the net weight of the pack, divided by its count
    (
        "sheet.md",
        "# Servietter – pakke med 50\n\n| Egenskab | Værdi |\n|---|---|\n| Farve | hvid |\n| Nettovægt pakke | 100 g |\n",
        "Serviet hvid (ét stk)",
        2,
    ),
    (
        "sheet.md",
        "# Serviet hvid\n\n| Egenskab | Værdi |\n|---|---|\n| Farve | hvid |\n| Nettovægt | 100 g |\n",
        "Serviet hvid",
        100,
    ),
    # a name that says its article is one piece of a set: the set weight ÷ the set's count
    (
        "item.md",
        "## Hose clips, set of 4\n\n- Material: steel\n- Set weight: 40 g\n",
        "Hose clip (one clip, from a set of 4)",
        10,
    ),
    (
        "item.md",
        "## Hose clips, set of 4\n\n- Material: steel\n- Set weight: 40 g\n",
        "Hose clip set of 4",
        40,
    ),
    # "wiegt 40 g pro Paar" of an article sold singly: half the pair
    ("mail.txt", "Hallo,\ndie Schelle SK-3 wiegt 40 g pro Paar.\n", "Schelle SK-3 (einzeln)", 20),
    ("mail.txt", "Hallo,\ndie Schelle SK-3 wiegt 40 g pro Paar.\n", "Schelle SK-3, Paar", 40),
    # "Weight per pair" of an article named as one piece: a pair holds two
    (
        "spec.txt",
        "Wiper blade WB-5, 600 mm\nWeight per pair | 300 g\n",
        "Wiper blade WB-5 600 mm (one blade)",
        150,
    ),
    (
        "spec.txt",
        "Wiper blade WB-5, 600 mm\nWeight per pair | 300 g\n",
        "Wiper blade WB-5 600 mm, pair",
        300,
    ),
    # an accessory's row "(pair)" without a weight word is no pack weight of the article
    (
        "spec.md",
        "| Teil | Gewicht |\n|---|---|\n| Stoßdämpfer SD-2 | 240 g |\n| Gelenkkopf M6 (Paar) | 30 g |\n",
        "Stoßdämpfer SD-2",
        240,
    ),
    # "0,35 kg/Satz" of a unit the article is sold in stays the article's
    ("mail.txt", "Türgriff TG-4\nEinzelgewicht: 0,35 kg/Satz\n", "Türgriff TG-4", 350),
    # an empty can's weight is not the weight of the product sold in it
    (
        "sheet.txt",
        "Nettoyant sols NS-2 - bidon 5 L\nMasse volumique | 1,05 kg/l\nPoids du bidon vide | 0,3 kg\n",
        "Nettoyant sols NS-2, bidon 5 L",
        None,
    ),
    (
        "item.json",
        '{"name": "Glasreiniger, Kanister 5 l", "gebinde": {"leergewicht_g": 300}, "inhalt_l": 5}',
        "Glasreiniger, Kanister 5 l (gefüllt)",
        None,
    ),
    # the empty weight of a container that is the article itself is its weight
    (
        "sheet.txt",
        "Bidon 5 L PEHD\nMasse volumique du PEHD | 0,95 g/cm3\nPoids du bidon vide | 0,3 kg\n",
        "Bidon 5 L PEHD",
        300,
    ),
    (
        "item.json",
        '{"name": "Kanister 5 l", "gebinde": {"leergewicht_g": 300}}',
        "Kanister 5 l, HDPE",
        300,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_tenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
