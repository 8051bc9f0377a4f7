"""Rules that must hold whoever wrote the document: each case is a class of evidence, not a
supplier's wording, and each case that must stay unanswered has a counterpart that must still
be answered (and the other way round). Names and figures are invented.

- A pack word is a word of the article name only as a whole word ("VE" is not in "verzinkt").
- A weight "per piece" or "per" the article's own noun ("Peso por pieza", "Gewicht je Stk")
  is the article's, not the weight of something the label qualifies.
- A weight word followed by a count ("Peso 1000 uds", "Weight 100 pcs") weighs that many
  pieces: the figure is divided; a count elsewhere in the label ("Gewicht x 100 Stk") is only
  a doubt.
- A pack weight is divided by the count its own row states for that pack ("Bars per bundle"
  beside "Bundle weight kg"), not by another row's; "VE je Karton" counts packs, not pieces.
- A row that states a size ("100 x 20 mm") when the name states another ("50 x 10 mm") is
  another size's row, even when its other words match the name.
- A maximum before a weight word with the thing it weighs between them ("Max. panel weight")
  and a permissible mass ("Massa lorda ammessa", "zulässiges Gesamtgewicht") are limits of
  what the article takes, even when the thing is a word of the name; "Peso: max. 1,3 kg" is
  still the article's upper bound.
- A pallet's weight is gross in Spanish and Italian too ("Peso palé completo", "bancale").
- An export key without its diacritics ("tillbehor", "poids_expedition") means what the word
  with them means, and a logistics block is a packaging block in every language.
- A part of a set the name includes ("con motore") that the document weighs on its own makes a
  figure labelled with another part ("Peso riduttore") unsure; a bare "Peso" stays the set's.
- A line of an export ("article.expedition.emballage: …") is the next record, not the end of
  the sentence before it.
- A pack word inside a compound of the name ("gearbox") is the article's word; a part the
  name leaves out ("without motor") is a component, and a total beside that part's own weight
  includes it: unsure.
- The things a name or a label joins with "and" ("avec tuyau et flexible") are all in its
  scope: a weight without the second one is not the article's.
- A part "available as an accessory" or "en option" is sold separately: its weight, "each"
  or not, is not the article's.
- "Das könnte Sie auch interessieren", "Vous aimerez aussi": a shop's other products, in the
  languages shops write them in; the article's own weight above them stays its weight.
- A line that names a sibling of the name's article code (all segments but the last the same:
  "HX-20-05-AB-M8" beside the name's "HX-20-05-AB-3M") is about the sibling.
- Scope in Japanese and Chinese ("蓋を除く", "木蓋付き", "不含电池", "含电池") conflicts like
  "without lid" against "with lid": a weight without what the name includes is not taken.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, weight in grams or None for "not sure")
CASES = [
    # a pack word inside a longer word of the name names no pack: the pack column stays a pack's
    (
        "list.csv",
        "Artikel;Bezeichnung;Gewicht VE kg\nZB-1;Zylinderstift 6x20 vernickelt;1,85\n",
        "Zylinderstift 6x20 vernickelt",
        None,
    ),
    (
        "list.csv",
        "Artikel;Bezeichnung;Gewicht kg\nZB-1;Zylinderstift 6x20 vernickelt;0,0045\n",
        "Zylinderstift 6x20 vernickelt",
        4.5,
    ),
    # per piece, per the article's own noun: the article's weight, beside a box's
    (
        "sheet.txt",
        "Peso por unidad: 42 g\nPeso de la caja: 2,3 kg\nMaterial: acero",
        "Escuadra de montaje 40 x 40",
        42,
    ),
    (
        "sheet.txt",
        "Peso por panel: 3,1 kg\nPeso: 3,4 kg\nMaterial: aluminio",
        "Panel de aluminio 500 x 500",
        None,
    ),
    (
        "sheet.txt",
        "Gewicht je Stk.: 18 g\nGewicht Karton: 1,9 kg",
        "Gerätefuß rund 30 mm",
        18,
    ),
    # a weight word that counts the pieces it weighs
    (
        "prices.csv",
        "Code;Description;Box pcs;Weight 100 pcs (kg);Price 100 pcs (EUR)\nWN-8;Wing nut M8 zinc;200;1,25;9,90\n",
        "Wing nut M8 zinc",
        12.5,
    ),
    ("sheet.txt", "Gewicht 100 Stk: 0,81 kg\nWerkstoff: Messing", "Gewindebuchse M4", 8.1),
    ("sheet.txt", "Gewicht x 100 Stk: 0,81 kg\nWerkstoff: Messing", "Gewindebuchse M4", None),
    ("sheet.txt", "Peso 1000 uds: 3,4 kg\nMaterial: latón", "Casquillo roscado M4", 3.4),
    # the count of a pack in the pack weight's own row
    (
        "list.csv",
        "Code;Description;Bars per bundle;Bundle weight kg\nRB-20;Round bar C45 20 mm, 3 m;12;88,8\nRB-25;Round bar C45 25 mm, 3 m;8;92,5\n",
        "Round bar C45 25 mm, 3 m",
        11562.5,
    ),
    (
        "list.csv",
        "Code;Description;Bundle weight kg\nRB-20;Round bar C45 20 mm, 3 m;88,8\nRB-25;Round bar C45 25 mm, 3 m;92,5\n",
        "Round bar C45 25 mm, 3 m",
        None,
    ),
    ("sheet.txt", "Barre per fascio: 40\nPeso fascio: 480 kg", "Barra quadra 20 mm, 6 m", 12000),
    ("sheet.txt", "Articolo: BQ-20\nPeso fascio: 480 kg", "Barra quadra 20 mm, 6 m", None),
    (
        "record.json",
        '{"art": "BN-4", "gewicht_je_ve_kg": 0.5, "ve_je_karton": 10}',
        "Blindniete 4 x 10",
        None,
    ),
    (
        "record.json",
        '{"art": "BN-4", "gewicht_je_ve_kg": 0.5, "stueck_je_ve": 500}',
        "Blindniete 4 x 10",
        1.0,
    ),
    # a row of another size
    (
        "list.csv",
        "Code;Description;Weight kg\nFB-1;Flat bar 40 x 8 mm, 6 m;15,07\nFB-2;Flat bar 50 x 10 mm, 6 m;23,55\nFB-3;Flat bar 100 x 20 mm, 6 m;94,2\nFB-4;Flat bar 100 x 20 mm S355, 6 m;94,2\n",
        "Flat bar 50 x 10 mm S275, 6 m",
        23550,
    ),
    (
        "list.csv",
        "Code;Description;Weight kg\nFB-1;Flat bar 40 x 8 mm, 6 m;15,07\nFB-2;Flat bar 50 x 10 mm, 6 m;23,55\nFB-3;Flat bar 100 x 20 mm, 6 m;94,2\nFB-4;Flat bar 100 x 20 mm S355, 6 m;94,2\n",
        "Flat bar S275, 6 m",
        None,
    ),
    # limits of what the article takes
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Max. panel weight | 40 kg |\n| Weight | 1.2 kg |\n",
        "Panel clamp PC-20",
        1200,
    ),
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Max. panel weight | 40 kg |\n| Weight | — |\n",
        "Panel clamp PC-20",
        None,
    ),
    ("spec.txt", "Peso: max. 1,3 kg\nMateriale: acciaio", "Staffa ST-4", 1300),
    ("spec.txt", "Massa lorda ammessa: 250 kg\nPeso netto: 12 kg", "Fusto in acciaio 200 l", 12000),
    ("spec.txt", "Massa lorda ammessa: 250 kg\nVolume: 200 l", "Fusto in acciaio 200 l", None),
    (
        "spec.txt",
        "Zulässiges Gesamtgewicht: 750 kg\nGewicht: 68 kg",
        "Anhängerrahmen AR-750",
        68000,
    ),
    # a pallet's weight
    ("spec.txt", "Peso neto: 2,4 kg\nPeso palé completo: 480 kg", "Maceta de barro 30 cm", 2400),
    ("spec.txt", "Peso palé completo: 480 kg", "Maceta de barro 30 cm", None),
    ("spec.txt", "Peso bancale: 300 kg", "Vaso in terracotta 30 cm", None),
    # export keys without diacritics, logistics blocks
    (
        "record.json",
        '{"produkt": {"namn": "Kratta", "vikt": "0,9 kg", "tillbehor": [{"namn": "Skaft", "vikt": "0,4 kg"}]}}',
        "Kratta av stål",
        900,
    ),
    (
        "record.json",
        '{"produkt": {"namn": "Kratta", "tillbehor": [{"namn": "Skaft", "vikt": "0,4 kg"}]}}',
        "Kratta av stål",
        None,
    ),
    (
        "record.json",
        '{"article": {"poids": "1,2 kg", "logistique": {"conditionnement": "boite", "poids_carton": "13,5 kg"}}}',
        "Support mural SM-2",
        1200,
    ),
    (
        "record.json",
        '{"article": {"logistique": {"conditionnement": "boite", "poids_carton": "13,5 kg"}}}',
        "Support mural SM-2",
        None,
    ),
    (
        "record.json",
        '{"article": {"poids": "1,2 kg", "poids_expedition": "1,5 kg"}}',
        "Support mural SM-2",
        1200,
    ),
    ("record.json", '{"article": {"poids_expedition": "1,5 kg"}}', "Support mural SM-2", None),
    # a part of the set weighed on its own
    (
        "sheet.txt",
        "Peso riduttore (kg): 3,8\nPeso motore (kg): 5,2\nMateriale: alluminio",
        "Motoriduttore MR 50 con motore 0,37 kW",
        None,
    ),
    (
        "sheet.txt",
        "Peso (kg): 9,0\nPeso motore (kg): 5,2\nMateriale: alluminio",
        "Motoriduttore MR 50 con motore 0,37 kW",
        9000,
    ),
    # the next record of an export is no run-on
    (
        "record.txt",
        "article.reference: GA-12\narticle.poids_kg: 4,2\narticle.expedition.emballage: caisse",
        "Groupe de filtration GA-12",
        4200,
    ),
    # compounds and parts the name leaves out
    ("sheet.txt", "Gearbox weight: 8,2 kg\nHousing: cast iron", "Helical gearbox HG-50", 8200),
    ("sheet.txt", "Box weight: 2 kg\nHousing: cast iron", "Helical gearbox HG-50", None),
    (
        "sheet.txt",
        "Gearbox weight: 8.2 kg\nMotor weight: 6.1 kg\nTotal weight: 14.3 kg",
        "Helical gearbox HG-50 (without motor)",
        None,
    ),
    (
        "sheet.txt",
        "Gearbox weight: 8.2 kg\nMotor weight: 6.1 kg\nTotal weight: 14.3 kg",
        "Gearmotor HG-50 with motor",
        14300,
    ),
    # scope lists
    (
        "sheet.txt",
        "Poids (sans flexible): 6,1 kg\nTension: 230 V",
        "Aspirateur AS-20 avec tuyau et flexible",
        None,
    ),
    (
        "sheet.txt",
        "Poids (sans flexible): 6,1 kg\nTension: 230 V",
        "Aspirateur AS-20 avec tuyau",
        6100,
    ),
    (
        "sheet.txt",
        "Poids (sans flexible): 6,1 kg\nPoids (avec tuyau et flexible): 7,0 kg",
        "Aspirateur AS-20 avec tuyau et flexible",
        7000,
    ),
    # accessories sold apart
    (
        "sheet.txt",
        "Mat weight: 15 kg.\nEdge strips are available as an accessory (ES-12, 1.4 kg each).",
        "Rubber mat 1200 x 1000",
        15000,
    ),
    (
        "sheet.txt",
        "Edge strips are available as an accessory (ES-12, 1.4 kg each).",
        "Rubber mat 1200 x 1000",
        None,
    ),
    (
        "sheet.txt",
        "Le support mural est disponible en option (SM-4, 0,6 kg).",
        "Radiateur R-20",
        None,
    ),
    # a shop's other products
    (
        "page.html",
        "<html><body><h1>Spanngurt mit Ratsche</h1><p>Versand 4,90 €</p><h2>Das könnte Sie auch interessieren</h2><ul><li>Kantenschutz – Gewicht 0,3 kg – 6,90 €</li></ul></body></html>",
        "Spanngurt mit Ratsche",
        None,
    ),
    (
        "page.html",
        "<html><body><h1>Sangle à cliquet</h1><h2>Vous aimerez aussi</h2><ul><li>Protège-angle – poids 0,3 kg – 6,90 €</li></ul></body></html>",
        "Sangle à cliquet",
        None,
    ),
    (
        "page.html",
        "<html><body><h1>Spanngurt SG-3</h1><table><tr><td>Gewicht</td><td>0,9 kg</td></tr></table><h2>Das könnte Sie auch interessieren</h2><ul><li>Kantenschutz – Gewicht 0,3 kg – 6,90 €</li></ul></body></html>",
        "Spanngurt SG-3",
        900,
    ),
    # sibling article codes
    (
        "codes.md",
        "Order codes\n- HX-20-05-AB-3M: 3 m cable\n- HX-20-05-AB-M8: M8 connector (weight approx. 22 g)",
        "Inductive sensor HX-20-05-AB-3M",
        None,
    ),
    (
        "codes.md",
        "Order codes\n- HX-20-05-AB-3M: PNP, 3 m lead (weight approx. 64 g)\n- HX-20-05-AB-M8: PNP, M8 plug (weight approx. 22 g)",
        "Inductive sensor HX-20-05-AB-3M",
        64,
    ),
    # scope in Japanese and Chinese
    ("spec.txt", "重量：1.2 kg（蓋を除く）\n材質：鋳鉄", "鉄鍋 20cm（木蓋付き）", None),
    ("spec.txt", "重量：1.2 kg（蓋を除く）\n材質：鋳鉄", "鉄鍋 20cm", 1200),
    ("spec.txt", "重量（不含电池）：1.5 kg", "电钻 DZ-12（含电池）", None),
    ("spec.txt", "重量（不含电池）：1.5 kg", "电钻 DZ-12", 1500),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_weight_or_abstention(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)
