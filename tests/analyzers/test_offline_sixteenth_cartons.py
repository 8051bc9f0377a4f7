"""A weight label that weighs a shipping unit ("Peso cartone", "Poids du carton", "Peso do
fardo"), each with its counterpart.

Carton words are too common to be pack words on their own (a carton is also a material, and
a carton box an article), so they mark a pack only as the object of the label's weight word:
the figure is then the pack's, divided by the count the document gives ("cartone da 36
rotoli"), or no answer without one. Where the article itself is the carton, it is its weight.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # the carton's weight, divided by the rolls the carton holds
    (
        "nastro.md",
        "# Nastro adesivo in carta 19 mm x 45 m\n\nCarta crespata per mascheratura.\n\n- Confezione: cartone da 48 rotoli\n- Peso cartone: 3,6 kg\n",
        "Nastro adesivo in carta 19 mm x 45 m",
        75,
    ),
    (
        "ruban.txt",
        "Ruban adhésif PVC 38 mm x 33 m, noir\nConditionnement : carton de 24 rouleaux\nPoids du carton : 4,8 kg\n",
        "Ruban adhésif PVC 38 mm x 33 m, noir",
        200,
    ),
    (
        "saco.txt",
        "Saco de papel kraft 2 folhas\nFardo de 500 unidades\nPeso do fardo: 60 kg\nCapacidade: 20 kg\n",
        "Saco de papel kraft 2 folhas para 20 kg",
        120,
    ),
    # no count: the carton's weight is not the article's, and no answer is better
    (
        "guantes.txt",
        "Guante de vinilo sin polvo, talla L\nColor: transparente\nPeso del cartón: 6,1 kg\n",
        "Guante de vinilo sin polvo, talla L",
        None,
    ),
    (
        "tape.txt",
        "Packing tape PP 48 mm x 66 m, clear\nCarton weight: 7.2 kg\nAdhesive: acrylic\n",
        "Packing tape PP 48 mm x 66 m, clear",
        None,
    ),
    # counterparts: the article is the carton, or the carton word is not what is weighed
    (
        "box.txt",
        "Shipping carton 400 x 300 x 200 mm, double wall\nBoard: 2.BC, 7 mm\nCarton weight: 590 g\n",
        "Shipping carton 400 x 300 x 200 mm, double wall",
        590,
    ),
    (
        "etui.txt",
        "Étui de rangement en carton\nPoids : 210 g\nGrammage du carton : 450 g/m²\n",
        "Étui de rangement en carton",
        210,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_a_shipping_units_weight_is_a_packs(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
