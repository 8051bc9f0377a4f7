"""The thirteenth reading pass: weights the document states and the analysis did not read as
the article's, each cause with its counterpart where the rule must not fire.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: the weights of the parts of a set or an assembly listed beside the
weight of the whole, every figure with its own unit (the whole is the article, the parts are
components, unless the name says the article is one of them); a label that counts one piece
("1個あたり 約 30 g") read as a pack's weight without a count; a header row of models that
leaves out the corner cell above the row labels ("EW 50 V | EW 80 V" over "Net weight (kg) |
16.8 | 21.5"), and a table's weight with its operating fluids ranked as high as the empty one.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import vocabulary as V  # noqa: N812
from app.analyzers.offline import weights as W  # noqa: N812
from tests.analyzers.offline_support import assert_weight

HEATER = "<html><body><h2>Technical data</h2><table><tr><td>EW 50 V</td><td>EW 80 V</td><td>EW 100 V</td></tr><tr><td>Nominal capacity (l)</td><td>50</td><td>80</td><td>100</td></tr><tr><td>Net weight, empty (kg)</td><td>16.8</td><td>21.5</td><td>25.0</td></tr><tr><td>Weight filled (kg)</td><td>66.8</td><td>101.5</td><td>125.0</td></tr></table></body></html>"

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # parts that add up to a whole stated beside them, the whole's row says so: the whole
    (
        "set.txt",
        "Data sheet\nWeights\nBody | 1.20 kg\nLid | 0.35 kg\nStrap | 0.15 kg\nComplete set | 1.70 kg\n",
        "Tool case TC-40 with lid and strap",
        1700,
    ),
    (
        "zestaw.txt",
        "Karta produktu\nWaga ramy | 9,6 kg\nWaga panelu | 0,4 kg\nWaga zestawu | 10,0 kg\n",
        "Rama montażowa z panelem – zestaw",
        10000,
    ),
    (
        "cubo.txt",
        "Ficha técnica\nPieza | Peso\nCubo | 0,64 kg\nEscurridor | 0,17 kg\nConjunto completo | 0,81 kg\n",
        "Cubo 16 L con escurridor",
        810,
    ),
    # the figures do not add up: still "not sure"
    (
        "set.txt",
        "Data sheet\nWeights\nBody | 1.20 kg\nLid | 0.35 kg\nStrap | 0.15 kg\nComplete set | 1.90 kg\n",
        "Tool case TC-40 with lid and strap",
        None,
    ),
    # they add up, but the row does not say it is the whole (another item of the list)
    (
        "set.txt",
        "Data sheet\nWeights\nBody | 1.20 kg\nLid | 0.35 kg\nStrap | 0.15 kg\nCarry bag | 1.70 kg\n",
        "Tool case TC-40 with lid and strap",
        None,
    ),
    # a variant table adds up by chance: still "not sure"
    (
        "sizes.txt",
        "Data sheet\nWeights\nSize S | 1.0 kg\nSize M | 1.5 kg\nSize L | 2.5 kg\n",
        "Garden glove",
        None,
    ),
    # a part's row names the article better than the whole's: the parts are not components
    (
        "cover.txt",
        "References and weights\nCV-600-S | Cover and frame set CV-600 | 60.0 kg\nCV-600-C | Spare cover CV-600 ductile iron | 38.0 kg\nCV-600-F | Spare frame CV-600 | 22.0 kg\n",
        "Spare cover CV-600, ductile iron",
        None,
    ),
    # a label that counts one piece ("1個あたり") weighs one piece, not a pack
    ("spec.txt", "仕様\n質量：1個あたり 約 30 g\n", "六角ボルト M6", 30),
    ("spec.txt", "仕様\n質量：10個あたり 約 300 g\n", "六角ボルト M6", 30),
    # one box ("1箱あたり") is a pack without a count: still "not sure"
    ("spec.txt", "仕様\n質量：1箱あたり 約 300 g\n", "六角ボルト M6", None),
    # a header row of models without the corner cell names the columns below it, and a
    # table's weight with its operating fluids ("Weight filled") loses to the empty one
    ("heater.html", HEATER, "Water heater EW 80 V", 21500),
    ("heater.html", HEATER, "Water heater EW 100 V", 25000),
    # the name names no model: still "not sure"
    ("heater.html", HEATER, "Water heater", None),
    # the filled weight alone is still the only weight the column states
    (
        "heater.html",
        "<html><body><table><tr><td>EW 50 V</td><td>EW 80 V</td></tr><tr><td>Weight filled (kg)</td><td>66.8</td><td>101.5</td></tr></table></body></html>",
        "Water heater EW 80 V",
        101500,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_articles_stated_weight_is_read(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Waga zestawu", True),
        ("Conjunto completo", True),
        ("Totaalgewicht", True),
        ("Gesamtmasse", True),
        ("Weight", False),
        ("Totally new", False),
        ("Settings", False),
    ],
)
def test_a_whole_row_says_it_is_the_whole(text: str, found: bool) -> None:
    assert (V.WHOLE_WORDS.search(text) is not None) is found


@pytest.mark.parametrize(
    ("cell", "model"),
    [
        ("EW 80 V", True),
        ("DP 750", True),
        ("KR8B", True),
        ("DN 50 mm", False),
        ("Size 10 kg", False),
    ],
)
def test_a_spaced_model_cell_is_a_designation(cell: str, model: bool) -> None:
    assert bool(W._spaced_designation(cell)) is model


@pytest.mark.parametrize(
    ("row", "below", "heads"),
    [
        (("EW 50 V", "EW 80 V"), ("Net weight (kg)", "16.8", "21.5"), True),
        (("EW 50 V", "EW 80 V", ""), ("Net weight (kg)", "16.8", "21.5"), True),
        (("EW 50 V", "EW 80 V"), ("16.8", "21.5"), False),
        (("Report PB-2026-044", "Hose 2SN DN10, 1.0 m", ""), ("Test", "Nominal", "Actual"), False),
    ],
)
def test_a_row_of_models_without_its_corner_cell(
    row: tuple[str, ...], below: tuple[str, ...], heads: bool
) -> None:
    assert W._corner_less_heads(row, [below]) is heads
