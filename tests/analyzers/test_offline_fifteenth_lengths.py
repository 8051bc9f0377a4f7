"""The fifteenth pass (lengths and shipping documents): each general cause with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a shipping document's one item line under a quantity column ("Q.tà  UM"
over "250  pz") counts the pieces its net weight is of, as a "Quantity: 250 pcs" line does;
two item lines are a consignment of several lines and stay unsure; a title set in spaced
letters ("D O C U M E N T O   D I   T R A S P O R T O") still says what the document is.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import line_counts as LC  # noqa: N812 - read as LC.fn, as the rules do
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # one item line under a quantity column: the net weight is of that many pieces
    (
        "dn.txt",
        "DELIVERY NOTE  DN-5521\nShip to: Harbour Works\n\nPos  Item no.   Description             Qty    Unit\n1    HB-8       Hinge bracket 80 mm, steel    400    pcs\n\nNet weight: 24.0 kg\nGross weight: 25.5 kg\n",
        "Hinge bracket 80 mm, steel",
        60,
    ),
    (
        "ls.txt",
        "LIEFERSCHEIN  Nr. 7731\nKunde: Werkstatt Ost\n\nPos   Bezeichnung                  Menge    ME\n1     Rohrschelle 22 mm verzinkt   120      Stk\n\nNettogewicht: 6,0 kg\n",
        "Rohrschelle 22 mm verzinkt",
        50,
    ),
    (
        "bl.txt",
        "BON DE LIVRAISON  BL-0912\nClient : Atelier Nord\n\nRéf.     Désignation                  Qté    Unité\nEQ-40    Équerre d'angle 40 mm, acier   40     pièces\n\nPoids net : 20,0 kg\n",
        "Équerre d'angle 40 mm, acier",
        500,
    ),
    (
        "albaran.txt",
        'ALBARÁN  A-2026-118\nCliente: Talleres Sur\n\nRef.     Descripción                  Cant.   Ud.\nTP-12    Tapón roscado 1/2", latón     300     uds\n\nPeso neto: 15,0 kg\n',
        'Tapón roscado 1/2", latón',
        50,
    ),
    (
        "guia.txt",
        "GUIA DE REMESSA  GR-0077\nCliente: Oficina Leste\n\nRef.     Descrição                    Qtd.   Un.\nCX-3     Caixa de cartão 30x20x20       50     un.\n\npeso líquido: 10 kg\n",
        "Caixa de cartão 30x20x20",
        200,
    ),
    (
        "ddt.txt",
        "D O C U M E N T O   D I   T R A S P O R T O   n.  2026/0042\nOfficine Valle s.r.l.\n\nCod.     Descrizione                 Q.tà   U.M.\nPR-50    Perno cilindrico 50 mm      25     pz\n\nPESO NETTO 5,0 kg      PESO LORDO 5,6 kg\n",
        "Perno cilindrico 50 mm",
        200,
    ),
    # counterpart: two item lines (even of one count) ship several articles, the net is theirs
    (
        "dn.txt",
        "DELIVERY NOTE  DN-5522\nShip to: Harbour Works\n\nPos  Item no.   Description             Qty    Unit\n1    HB-8       Hinge bracket 80 mm, steel    400    pcs\n2    HB-9       Hinge bracket 90 mm, steel    400    pcs\n\nNet weight: 52.0 kg\n",
        "Hinge bracket 80 mm, steel",
        None,
    ),
    (
        "ddt.txt",
        "DOCUMENTO DI TRASPORTO  n. 2026/0043\n\nCod.     Descrizione                 Q.tà   U.M.\nPR-50    Perno cilindrico 50 mm      25     pz\nPR-60    Perno cilindrico 60 mm      10     pz\n\nPESO NETTO 7,4 kg\n",
        "Perno cilindrico 50 mm",
        None,
    ),
    (
        "bl.txt",
        "BON DE LIVRAISON  BL-0913\n\nLigne  Réf.     Désignation                  Qté    Unité\n1      EQ-40    Équerre d'angle 40 mm, acier   10     carton\n2      VS-6     Vis 6 x 30 mm                  40     pièces\n\nPoids net : 20,0 kg\n",
        "Vis 6 x 30 mm",
        None,
    ),
    # a length the name spells out ("2 Meter", "3 mètres", "1 metre boy") is the article's
    (
        "flat.txt",
        "Datenblatt Flachkupfer\nAbmessung: 30 x 5 mm\nGewicht: 1,34 kg/m\n",
        "Flachkupfer 30 x 5 mm, 2 Meter",
        2680,
    ),
    (
        "barre.txt",
        "Fiche produit\nBarre cuivre 20 x 4 mm\nPoids : 0,71 kg/m\n",
        "Barre cuivre 20 x 4 mm, 3 mètres",
        2130,
    ),
    (
        "bar.txt",
        "Product sheet\nFlat bar 40 x 5 mm, S235\nWeight: 1.57 kg/m\n",
        "Flat bar 40 x 5 mm, 2 metres long",
        3140,
    ),
    # counterpart: no length spelled out, a weight per metre alone is no article's weight
    (
        "flat.txt",
        "Datenblatt Flachkupfer\nAbmessung: 30 x 5 mm\nGewicht: 1,34 kg/m\n",
        "Flachkupfer 30 x 5 mm",
        None,
    ),
    # a few millimetres in a rope's or a cord's name are its diameter, not a length to weigh
    (
        "seil.txt",
        "Drahtseil verzinkt\nDurchmesser: 6 mm\nGewicht: 0,13 kg/m\n",
        "Drahtseil verzinkt 6 mm",
        None,
    ),
    (
        "cuerda.txt",
        "Cuerda de acero galvanizado\nDiámetro: 8 mm\nPeso: 0,23 kg/m\n",
        "Cuerda de acero galvanizado 8 mm",
        None,
    ),
    # counterpart: a cut length in millimetres is the article's length
    (
        "rohr.txt",
        "Datenblatt Stahlrohr\nAbmessung: 20 x 2 mm\nGewicht: 0,888 kg/m\n",
        "Stahlrohr 20 x 2, 500 mm",
        444,
    ),
    # counterpart: a data sheet's table with a quantity column is no consignment
    (
        "sheet.txt",
        "DATENBLATT  Rohrschelle 22 mm verzinkt\n\nPos   Bezeichnung                  Menge    ME\n1     Rohrschelle 22 mm verzinkt   1        Stk\n\nNettogewicht: 48 g\n",
        "Rohrschelle 22 mm verzinkt",
        48,
    ),
    # counterpart: a title in spaced letters that is no shipping document keeps its weight
    (
        "sheet.txt",
        "D A T E N B L A T T\nRohrschelle 22 mm verzinkt\n\nMenge    ME\n120      Stk\n\nNettogewicht: 48 g\n",
        "Rohrschelle 22 mm verzinkt",
        48,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_fifteenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("lines", "counts"),
    [
        (["Cod.   Descrizione   Q.tà   UM", "A-1   Scatola 40x30   250   pz"], [250]),
        (["Ref. | Descripción | Cant. | Ud.", "T-1 | Tapón | 300 | uds"], [300]),
        (["Pos   Artikel   Menge   ME", "1   Mutter M8   2 000   Stk"], [2000]),
        # a count whose next cell is a weight is a table's row, no item line of a unit
        (["Pos | Artikel | Menge | Netto (kg)", "1 | Mutter M8 | 2000 | 11,0"], []),
        # a unit that is no piece counts no pieces (0): "25 m" of a hose is a length
        (["Pos   Artikel   Menge   ME", '1   Schlauch 1/2"   25   m'], [0]),
        # an item line of cartons is a line of the consignment all the same
        (
            ["Pos  Description  Qty  Unit", "1  Towel roll  40  carton", "2  Dispenser  4  pcs"],
            [0, 4],
        ),
        # a row whose unit column says "pcs" is an item line, not a second header
        (
            ["Pos  Description  Qty  Unit", "1  Coupling 15 mm  500  pcs", "packed 5 x 100 pcs"],
            [500],
        ),
        (
            ["Pos  Description  Qty  Unit", "1  Coupling  500  pcs", "2  Elbow  500  pcs"],
            [500, 500],
        ),
    ],
)
def test_an_item_line_counts_under_its_quantity_column(lines: list[str], counts: list[int]) -> None:
    assert LC.consignment_counts(lines, frozenset()) == counts
