"""The seventeenth pass's weights of sets, packs, delivery conditions and packed figures, each
with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a set's weight stated beside the weights of a few of its pieces (a
sample that adds up to nothing); a pack's weight whose count follows a later pack word of its
label ("Pack weight: Pack of 25: net"); a grammage whose own sentence calls it no weight,
multiplied by the face the name states; a drawing's title block that abbreviates the weight
("CAST WT"); a figure closed by its own gross word ("2.1 kg packed") after a label that
qualified the figure before it. Each rule must not fire where the figure is the article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import set_counts as S  # noqa: N812 - read as S.fn, as the rules do
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a set weighed as a whole beside a few of its pieces
    (
        "sheet.txt",
        "Spanner set 12 pc\nItem | Weight\nSpanner 10 mm | 0.06 kg\nSpanner 22 mm | 0.21 kg\nWeight of set incl. roll: 1.95 kg\n",
        "Spanner set 12 pieces, in roll",
        1950,
    ),
    (
        "api.json",
        '{"sku": "HX-9", "set": {"pieces": 9, "weight_g": 310}, "items": [{"size": 10, "weight_g": 48}, {"size": 2, "weight_g": 3}]}',
        "Hex key set 9 pieces",
        310,
    ),
    (
        "fiche.txt",
        "Jeu de tournevis 6 pièces\nTournevis PZ2 : 48 g\nTournevis 5,5 mm : 52 g\nPoids du jeu : 410 g\n",
        "Jeu de tournevis 6 pièces",
        410,
    ),
    (
        "datenblatt.txt",
        "Steckschlüsselsatz 1/4 Zoll, 25-teilig\nKnarre: 180 g\nNuss 10 mm: 12 g\nGewicht Satz: 1,35 kg\n",
        "Steckschlüsselsatz 1/4 Zoll, 25-teilig",
        1350,
    ),
    # counterparts: one piece of the set is the article; sets of two sizes
    (
        "sheet.txt",
        "Spanner 22 mm\nItem | Weight\nSpanner 10 mm | 0.06 kg\nSpanner 22 mm | 0.21 kg\nWeight of set incl. roll: 1.95 kg\n",
        "Spanner 22 mm",
        210,
    ),
    (
        "sheet.txt",
        "Bit set\nSet S weight | 0.40 kg\nSet L weight | 0.90 kg\nBit 25 mm | 0.01 kg\n",
        "Bit set 32 pieces",
        None,
    ),
    # a pack word counted later in the label ("Pack weight: Pack of 25: net"): the pack's weight
    ("list.txt", "Ref | Pack weight\nD-3 | Pack of 20: net 0.5 kg\n", "Disc 3 mm", 25),
    ("list.txt", "Gewicht: Packung zu 20 Stück, netto 0,5 kg\n", "Scheibe 3 mm", 25),
    # counterpart: the piece weight the document states still wins
    (
        "list.txt",
        "Disc D-3\nWeight: 12.5 g\nPack weight: pack of 40 discs (one carton), net 0.5 kg\n",
        "Disc 3 mm",
        12.5,
    ),
    # a grammage in a sentence of its own is not a weight of the face the name states
    (
        "sheet.txt",
        "Envelope C5\nWhite wove 90 g/m2, no window. Weight per 1000 pcs: 8.1 kg.\n",
        "Envelope C5 162x229 mm",
        8.1,
    ),
    # counterpart: a rate its sentence calls a weight
    (
        "sheet.txt",
        "Tischdecke\nFlächengewicht 180 g/m². Farbe weiß.\n",
        "Tischdecke 120 x 160 cm",
        345.6,
    ),
    # a title block's abbreviated weight of the raw part
    (
        "drawing.txt",
        "DWG HB-7   MATL EN-GJS-400\nCAST WT  4.1 kg\nMACHINED WT 3.6 kg\n",
        "Bearing housing HB-7, machined",
        3600,
    ),
    (
        "drawing.txt",
        "DWG HB-7   MATL EN-GJS-400\nCAST WT  4.1 kg\nMACHINED WT 3.6 kg\n",
        "Bearing housing HB-7, raw casting as cast",
        4100,
    ),
    # a figure closed by its own gross word
    (
        "mail.txt",
        "Hello,\nthe K-5 is 2.3 kg without packaging and 2.9 kg packed.\nRegards\n",
        "Kettle K-5",
        2300,
    ),
    (
        "mail.txt",
        "Hallo,\nder K-5 wiegt netto 2,3 kg und 2,9 kg brutto.\nGruß\n",
        "Wasserkocher K-5",
        2300,
    ),
    ("mail.txt", "Buongiorno,\nil K-5 pesa netto 2,3 kg e 2,9 kg lordo.\n", "Bollitore K-5", 2300),
    # counterpart: a gross word that goes on about the packing does not close the figure
    (
        "mail.txt",
        "Hello,\nthe K-5 net weight is 2.3 kg, packed in cartons of 4.\n",
        "Kettle K-5",
        2300,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_seventeenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("name", "is_set"),
    [
        ("socket set 1/2 in, 24 pieces", True),
        ("jeu de tournevis 6 pièces", True),
        ("bohrersatz hss 19-tlg.", True),
        ("juego de llaves 8 piezas", True),
        ("socket 19 mm", False),
        ("spanner 13 mm (one from the set)", False),
    ],
)
def test_a_name_says_the_article_is_a_set(name: str, is_set: bool) -> None:
    assert S.is_a_set(name) is is_set
