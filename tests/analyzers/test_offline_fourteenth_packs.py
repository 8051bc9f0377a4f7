"""The fourteenth pass's causes of a confident wrong weight (packs), each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a pack's weight column beside a count of the packs it holds
("boxes_per_case") divided as if it held pieces; a delivery note's net weight of N counted
articles ("Quantity: 25 pcs") taken as one's; a sentence that ends above a weight line
("… sold separately.") read as that line's; a weight "la paire" (a pair, written the way a
price is) of one piece of the pair; a raw casting's or forging's weight of an article the
name says is machined, or the machined weight of one it says is as-forged.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a pack of packs: its weight is not divided by one pack's count of pieces
    (
        "export.csv",
        "code,description,pcs_per_bag,bag_weight_kg,bags_per_carton,carton_weight_kg\nN-8,Hex nut M8 zinc plated,200,1.05,12,12.9\n",
        "Hex nut M8 zinc plated",
        5.25,
    ),
    (
        "export.csv",
        "Artikel;Bezeichnung;Stück je Beutel;Gewicht Beutel kg;Beutel je Karton;Gewicht Karton kg\nS-4;Scheibe 4,3 verzinkt;500;0,45;20;9,4\n",
        "Scheibe 4,3 verzinkt",
        0.9,
    ),
    (  # counterpart: the carton counts pieces, not packs
        "export.csv",
        "code,description,pcs_per_carton,carton_weight_kg\nN-8,Hex nut M8 zinc plated,500,2.6\n",
        "Hex nut M8 zinc plated",
        5.2,
    ),
    # a delivery note's net weight is that of the articles its quantity line counts
    (
        "note.txt",
        "DELIVERY NOTE 4471\nItem: Flange DN50 PN16 steel\nQuantity: 25 pcs\nNet weight: 62.5 kg\nGross weight: 70 kg\n",
        "Flange DN50 PN16 steel",
        2500,
    ),
    (
        "lieferschein.txt",
        "Lieferschein Nr. 1182\nArtikel: Lagerbuchse 30x40 Bronze\nMenge: 200 Stück\nNettogewicht gesamt: 18 kg\nBruttogewicht: 19,5 kg\n",
        "Lagerbuchse 30x40 Bronze",
        90,
    ),
    (
        "bl.txt",
        "BON DE LIVRAISON 77-2\nDésignation : bobine de fil inox 0,8 mm\nQuantite : 12 bobines\nPoids net : 54 kg\n",
        "Bobine de fil inox 0,8 mm",
        4500,
    ),
    (
        "albaran.txt",
        "ALBARÁN 3310\nArtículo: Soporte motor SM-40\nCantidad: 8 uds\nPeso neto total: 36 kg\n",
        "Soporte motor SM-40",
        4500,
    ),
    (  # counterpart: two articles with their own quantities, one total
        "note.txt",
        "DELIVERY NOTE 4472\nItem: Flange DN50 PN16 steel\nQuantity: 25 pcs\nItem: Flange DN80 PN16 steel\nQuantity: 10 pcs\nNet weight: 112.5 kg\n",
        "Flange DN50 PN16 steel",
        None,
    ),
    (  # counterpart: the note states one piece's weight
        "note.txt",
        "DELIVERY NOTE 4473\nItem: Flange DN50 PN16 steel\nQuantity: 25 pcs\nUnit weight: 2.5 kg\n",
        "Flange DN50 PN16 steel",
        2500,
    ),
    (  # counterpart: a data sheet's quantity is not a consignment
        "sheet.txt",
        "DATA SHEET\nFlange DN50 PN16 steel\nQuantity: 25 pcs\nNet weight: 2.5 kg\n",
        "Flange DN50 PN16 steel",
        2500,
    ),
    # a sentence that ends on the line above is not the weight line's
    (
        "sheet.txt",
        "Dimmer switch DS-2 230 V\nFlush mounting. Knob and frame are sold separately.\nWeight: 85 g\n",
        "Dimmer switch DS-2 230 V",
        85,
    ),
    (
        "ficha.txt",
        "Pulsador empotrable PE-10\nTecla y marco se venden por separado.\nPeso: 64 g\nEmbalaje: 10 unidades, 0,72 kg\n",
        "Pulsador empotrable PE-10",
        64,
    ),
    (  # counterpart: a line that runs on into the weight is still read with it
        "sheet.txt",
        "Work lamp WL-3\nThe spare battery pack is available separately\n(weight 120 g)\n",
        "Work lamp WL-3",
        None,
    ),
    # a weight "la paire", "das Paar", "a pair" of one piece of the pair
    (
        "shop.html",
        "<html><body><h1>Pédales plates PP-9</h1><table><tr><td>Poids</td><td>360 g la paire</td></tr></table></body></html>",
        "Pédale plate PP-9 (une pédale)",
        180,
    ),
    (
        "shop.txt",
        "Flat pedals FP-2\nWeight: 420 g a pair\n",
        "Flat pedal FP-2 (one pedal)",
        210,
    ),
    (
        "shop.txt",
        "Plattformpedale PX-5\nGewicht: 380 g das Paar\n",
        "Plattformpedal PX-5 (ein Pedal)",
        190,
    ),
    (  # counterpart: the article is the pair
        "shop.txt",
        "Flat pedals FP-2\nWeight: 420 g a pair\n",
        "Flat pedals FP-2 (pair)",
        420,
    ),
    (  # counterpart: "(1 Paar)" is one pair, not one piece of it
        "shop.html",
        "<html><body><table><tr><td>Gewicht</td><td>52 g pro Paar</td></tr></table></body></html>",
        "Arbeitshandschuh Nitril, Größe 8 (1 Paar)",
        52,
    ),
    # the delivery condition the name states: machined, not the raw casting or forging
    (
        "spec.txt",
        "Angabe | Wert\nGussgewicht | 3,1 kg\nFertigteil (bearbeitet) | 2,7 kg\n",
        "Flanschdeckel FD-80 GJL-250, bearbeitet",
        2700,
    ),
    (
        "spec.txt",
        "Pump housing PH-7\nCast weight: 5.2 kg\nMachined part: 4.6 kg\n",
        "Pump housing PH-7, machined",
        4600,
    ),
    (
        "scheda.txt",
        "Corpo pompa CP-3\nPeso di fusione: 4,1 kg\nPezzo finito: 3,6 kg\n",
        "Corpo pompa CP-3, lavorato",
        3600,
    ),
    (
        "ficha.txt",
        "Carcasa CR-2\nPeso de fundición: 6,0 kg\nPieza acabada: 5,3 kg\n",
        "Carcasa CR-2 mecanizada",
        5300,
    ),
    (  # counterpart: the name says the article is delivered as forged
        "quote.txt",
        "Steering arm SA-4\nForged weight: 3.65 kg\nMachined weight: 3.02 kg\n",
        "Steering arm SA-4, forged (unmachined)",
        3650,
    ),
    (
        "quote.txt",
        "Steering arm SA-4\nForged weight: 3.65 kg\nMachined weight: 3.02 kg\n",
        "Steering arm SA-4, machined",
        3020,
    ),
]


@pytest.mark.parametrize(("filename", "document", "name", "grams"), CASES)
def test_weight(filename: str, document: str, name: str, grams: float | None) -> None:
    assert_weight(filename, document, name, grams)
