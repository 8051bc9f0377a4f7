"""The thirteenth reading pass: weights the document states and the analysis did not read as
the article's, each cause with its counterpart where the rule must not fire.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: the weights of the parts of a set or an assembly listed beside the
weight of the whole, every figure with its own unit (the whole is the article, the parts are
components, unless the name says the article is one of them); a label that counts one piece
("1個あたり 約 30 g") read as a pack's weight without a count.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import vocabulary as V  # noqa: N812
from tests.analyzers.offline_support import assert_weight

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
