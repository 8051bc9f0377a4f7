"""The twelfth pass's general causes of a confident wrong weight, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a cross-section in the name read as a length; the net weight of a
packaging unit (a case, a carton) taken as one piece's; the weight of a part the name says the
article comes without; a sentence's "… each" that weighs other things; a cable's conductor
metal per length taken as the cable's. Each rule must not fire where the figure is the
article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import derived as D  # noqa: N812 - read as D.fn, as the rules do
from app.analyzers.offline import vocabulary as V  # noqa: N812
from tests.analyzers.offline_support import weight_of

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a cross-section is never a length: a weight per km and no length is "not sure"
    ("cable.txt", "Data sheet\nApprox. weight (kg/km): 135\n", "Cable NYM-J 3 core 2,5 mm²", None),
    (
        "cable.txt",
        "Data sheet\nApprox. weight (kg/km): 135\n",
        "Cable NYM-J 3 core 2,5 mm², coil 50 m",
        6750,
    ),
    # the net weight of a packaging unit is not one piece's
    ("clamp.txt", "Product sheet\nNet weight per case: 4.0 kg\n", "Pipe clamp 40 mm", None),
    ("clamp.txt", "Product sheet\nNet weight: 200 g\n", "Pipe clamp 40 mm", 200),
    ("case.txt", "Product sheet\nNet weight of the case: 40 g\n", "Phone case 6.1 inch", 40),
    # the weight of a part the name says the article is without
    (
        "tube.md",
        "Tubo cosmético 50 ml\n- Peso do tubo: 4,1 g\n- Peso da tampa: 1,7 g\n",
        "Tubo cosmético 50 ml (sem tampa)",
        4.1,
    ),
    (
        "tube.md",
        "Tubo cosmético 50 ml\n- Peso da tampa: 1,7 g\n",
        "Tubo cosmético 50 ml (sem tampa)",
        None,
    ),
    ("tube.md", "Tampa flip-top 24 mm\n- Peso da tampa: 1,7 g\n", "Tampa flip-top 24 mm", 1.7),
    # "… each" of other things in a mail about an article weighed per metre
    (
        "mail.txt",
        "Hello,\nthe R2 hose we would fit weighs 0.9 kg per metre; the pressed fittings are about 0.2 kg each.\n",
        "Hose assembly R2 DN 10",
        None,
    ),
    (
        "mail.txt",
        "Hello,\nfor your order: the clamps we ship are 45 g each.\n",
        "Hose clamp 40-60",
        45,
    ),
    # a conductor metal's weight per length is the metal's, not the cable's
    (
        "cable.txt",
        "Data sheet\n  Weight Cu:   96 kg/km\n",
        "Cable NYM-J 3x2,5 mm², coil 50 m",
        None,
    ),
    ("busbar.txt", "Data sheet\n  Weight Cu:   96 kg/km\n", "Copper busbar 10x3, coil 50 m", 4800),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_twelfth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    got = weight_of(filename, text, name)
    if grams is None:
        assert got is None
    else:
        assert got == pytest.approx(grams, rel=1e-3)


@pytest.mark.parametrize(
    ("name", "metres"),
    [
        ("Cable 4 mm²", None),
        ("Cable 4 mm2", None),
        ("Cable 3x4 mm², 50 m", 50.0),
        ("Kabel NYM 5 m", 5.0),
    ],
)
def test_a_cross_section_is_never_the_names_length(name: str, metres: float | None) -> None:
    assert D.name_length_m(name, True) == metres


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Jämvikt", False),
        ("Nettovikt", True),
        ("Ligevægt", False),
        ("Nettovægt", True),
        ("Tasapaino", False),
        ("Nettopaino", True),
        ("Egyensúly", False),
        ("Saját súly", True),
    ],
)
def test_an_open_weight_word_is_not_a_balance(text: str, found: bool) -> None:
    assert (V.WEIGHT_WORDS.search(text) is not None) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [("Gearbox", False), ("Sandbox", False), ("Versandbox", True), ("Giftbox", True)],
)
def test_an_open_pack_word_is_not_a_machine_part(text: str, found: bool) -> None:
    assert (V.PACK_WORDS.search(text) is not None) is found
