"""The thirteenth pass's general causes of a confident wrong weight, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: an ERP row's weight for its reference quantity ("Bezugsmenge | 1000",
"1 M") taken as one piece's; a coded row of another size on a list; one of several single
measured values taken as the stated weight. Each rule must not fire where the figure is the
article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import units_of_measure as UM  # noqa: N812 - read as UM.fn, as the rules do
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # an ERP row's weights refer to its reference quantity: a thousand pieces, or a metre
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\n4711;SCHEIBE 8,4 VERZINKT;ST;1000;1,250;KG\n",
        "Scheibe 8,4 verzinkt (4711)",
        1.25,
    ),
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\n4711;SCHEIBE 8,4 VERZINKT;ST;1;0,125;KG\n",
        "Scheibe 8,4 verzinkt (4711)",
        125,
    ),
    (
        "export.csv",
        "Material number;Short text;Base UoM;Reference quantity;Net weight;Weight unit\nW-100;WASHER M8 ZINC;PC;100;0.250;KG\n",
        "Washer M8 zinc (W-100)",
        2.5,
    ),
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\nR-20;STAHLROHR 20 X 2, STANGE 6 M;ST;1 M;0,888;KG\n",
        "Stahlrohr 20 x 2 mm, Stange 6 m (R-20)",
        5328,
    ),
    # a coded row of another size than the name's is another article's
    (
        "stock.txt",
        "Stock list\nTQ3030-15   Square tube 30x30x1,5 mm, bar 6 m, net weight 8,10 kg\n",
        "Square tube 40x40x2 mm, bar 6 m",
        None,
    ),
    (
        "stock.txt",
        "Stock list\nTQ4040-20   Square tube 40x40x2,0 mm, bar 6 m, net weight 14,46 kg\n",
        "Square tube 40x40x2 mm, bar 6 m",
        14460,
    ),
    # one of several single measured values is a sample's reading; the nominal mass is stated
    (
        "report.txt",
        "Prüfprotokoll 12/26 - Zaunpfahl\nStichprobe: 5 Stück\nMasse Einzelwerte: 98 g, 101 g, 97 g, 100 g, 99 g\nNennmasse: 100 g\n",
        "Zaunpfahl Kunststoff",
        100,
    ),
    (
        "report.txt",
        "Test report 7/26 - hook\nSamples: 3 pcs\nMass, individual values: 41.2 g, 40.6 g, 41.9 g\n",
        "Hook H-40",
        None,
    ),
    (
        "report.txt",
        "Test report 7/26 - hook\nSamples: 3 pcs\nMean mass (n = 3): 41.2 g\n",
        "Hook H-40",
        41.2,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_thirteenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("cells", "unit"),
    [
        ([("Basismengeneinheit", "ST"), ("Bezugsmenge", "1000"), ("Nettogewicht", "1,5")], 1000),
        (
            [("Basismengeneinheit", "ST"), ("Bezugsmenge", "1.000 ST"), ("Nettogewicht", "1,5")],
            1000,
        ),
        ([("Basismengeneinheit", "ST"), ("Bezugsmenge", "1"), ("Nettogewicht", "1,5")], None),
        (
            [("Basismengeneinheit", "ST"), ("Bezugsmenge", "1000 KAR"), ("Nettogewicht", "1,5")],
            None,
        ),
        ([("Basismengeneinheit", "M"), ("Bezugsmenge", "1"), ("Nettogewicht", "1,5")], "metre"),
    ],
)
def test_a_reference_quantity_says_what_a_row_weighs(
    cells: list[tuple[str, str]], unit: int | str | None
) -> None:
    got = UM.row_unit("Nettogewicht", cells)
    if unit is None:
        assert got is None
    elif unit == "metre":
        assert got is not None and got.metre
    else:
        assert got is not None and got.count == unit
