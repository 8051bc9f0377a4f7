"""Rules that must hold for any writer's documents, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. Each mechanism has rows that must be answered and rows that must stay unsure (or be
answered with another figure), so a rule that fixes one side cannot quietly break the other.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # an export's list of other products: its elements are other articles
    (
        "item.json",
        '{"item": {"sku": "TB-20", "netWeight": "2.4 kg", "relatedProducts": [{"sku": "TB-30", "netWeight": "3.1 kg"}]}}',
        "Tool box TB-20",
        2400,
    ),
    (
        "item.json",
        '{"item": {"sku": "TB-20", "crossSelling": [{"sku": "TB-30", "netWeight": "3.1 kg"}]}}',
        "Tool box TB-20",
        None,
    ),
    (
        "item.json",
        '{"item": {"sku": "TB-20", "variants": [{"sku": "TB-20", "netWeight": "2.4 kg"}]}}',
        "Tool box TB-20",
        2400,
    ),
    # a part the name includes, weighed on its own: added to a weight stated without it, and
    # a reason for doubt beside a weight that does not say it includes the part
    (
        "spec.txt",
        "Gewicht Kasten (ohne Deckel): 2,0 kg\nGewicht Deckel: 0,5 kg",
        "Kasten KX-4 mit Deckel",
        2500,
    ),
    (
        "spec.txt",
        "Weight of box (without lid): 2.0 kg\nLid weight: 0.5 kg",
        "Box KX-4 with lid",
        2500,
    ),
    ("spec.txt", "Gewicht Kasten: 2,0 kg\nGewicht Deckel: 0,5 kg", "Kasten KX-4 mit Deckel", None),
    (
        "spec.txt",
        "Peso cassetta: 2,0 kg\nPeso coperchio: 0,5 kg",
        "Cassetta KX-4 con coperchio",
        None,
    ),
    ("spec.txt", "Gewicht: 2,0 kg\nGewicht Deckel: 0,5 kg", "Kastenset KX-4 mit Deckel", 2000),
    (
        "spec.txt",
        "Gewicht mit Deckel: 2,5 kg\nGewicht Deckel: 0,5 kg",
        "Kasten KX-4 mit Deckel",
        2500,
    ),
    ("spec.txt", "Gesamtgewicht: 2,5 kg\nGewicht Deckel: 0,5 kg", "Kasten KX-4 mit Deckel", 2500),
    ("spec.txt", "Gewicht: 2,0 kg\nGewicht Deckel: 0,5 kg", "Kasten KX-4", 2000),
    # a count inside an export key divides as it does in a label ("gewicht_je_1000_stk")
    (
        "item.json",
        '{"artikel": {"gewicht_je_1000_stk": "5,2 kg", "ve_menge": 500}}',
        "Mutter M8",
        5.2,
    ),
    ("item.json", '{"item": {"weight_per_100_pcs": "2.14 kg"}}', "Washer M8", 21.4),
    ("item.json", '{"item": {"weight_per_piece": "5.2 g", "pcs_per_box": 1000}}', "Nut M8", 5.2),
    # an e-mail thread: the latest message, on top, corrects the weights it quotes below
    (
        "mail.txt",
        "From: Anna Berg\nSubject: RE: bracket KB-7\n\nHello,\nsorry, the KB-7 bracket weighs 1,9 kg as delivered.\nRegards, Anna\n\nAm 3. März schrieb Tom Lind:\n> please confirm the data\n> Gewicht: 2,2 kg\n",
        "Konsole KB-7",
        1900,
    ),
    (
        "mail.txt",
        "From: Anna Berg\nSubject: RE: bracket KB-7\n\nHello, the bracket weighs 1.9 kg.\nBest, Anna\n\n-----Original Message-----\nFrom: Tom Lind\nSent: Monday\nHi Anna, our data says: Weight: 2.2 kg. Correct?\n",
        "Bracket KB-7",
        1900,
    ),
    (
        "mail.txt",
        "From: Anna Berg\nSubject: RE: bracket KB-7\n\nHello, see the data below.\nBest, Anna\n\n-----Original Message-----\nFrom: Tom Lind\nHi Anna, the data: Weight: 2.2 kg\n",
        "Bracket KB-7",
        2200,
    ),
    # a section and its wall beside a stated length bound a long bar, not a small block
    (
        "spec.txt",
        "Abmessung: 40 x 40 x 3 mm\nLänge: 6000 mm\nGewicht: 20,5 kg",
        "Vierkantrohr VR-40",
        20500,
    ),
    ("spec.txt", "Abmessung: 40 x 40 x 3 mm\nGewicht: 20,5 kg", "Vierkantrohr VR-40", None),
    # a pallet's or an outer carton's size bounds nothing the article weighs
    ("spec.txt", "Dimensiones palé: 1200 x 800 x 1650 mm\nPeso unitario: 5 g", "Clip CL-2", 5),
    ("spec.txt", "纸箱尺寸：380 × 280 × 200 mm\n单件净重：5 g", "卡扣 CL-2", 5),
    ("spec.txt", "Dimensiones: 1200 x 800 x 1650 mm\nPeso unitario: 5 g", "Clip CL-2", None),
    # a preposition or the unit a figure is per says nothing about whose weight it is
    ("spec.txt", "Peso por pieza: 28 g\nCaja | 200 piezas | 6,1 kg", "Inserto IN-4", 28),
    ("spec.txt", "Peso por pieza: 28 g\nCaja: Peso: 6,1 kg", "Inserto IN-4", None),
    ("spec.txt", "Peso por pieza: 28 g\nPeso bruto caja: 6,1 kg", "Inserto IN-4", 28),
    # a weight stated for another length than the name's, in any unit, is another variant's
    (
        "spec.txt",
        "Peso por metro: 1,45 kg/m\nPeso barra 6 m: 8,70 kg",
        "Perfil PA-40, cortado a 1.200 mm",
        1740,
    ),
    (
        "spec.txt",
        "Peso por metro: 1,45 kg/m\nPeso barra 6 m: 8,70 kg",
        "Perfil PA-40, barra 6 m",
        8700,
    ),
    (
        "spec.txt",
        "Peso por metro: 1,45 kg/m\nPeso barra 6 m: 8,70 kg",
        "Perfil PA-40, cortado a 6.000 mm",
        8700,
    ),
    # a total of something the label names (an order, a consignment) is not the piece's
    (
        "mail.txt",
        "Pos. 1: Flansch DN 80, 40 Stück\nGesamtgewicht Lieferung: 716 kg",
        "Blindflansch DN 100",
        None,
    ),
    ("mail.txt", "Peso totale fornitura: 716 kg circa", "Flangia cieca DN 100", None),
    ("spec.txt", "Gesamtmasse des Puffers: 54 g", "Gummipuffer GP-40", 54),
    ("spec.txt", "Gesamtgewicht: 5,6 kg", "Blindflansch DN 100", 5600),
    # a change's old value beside its new one is superseded
    (
        "spec.txt",
        "Nettogewicht: 128 g\n03.11.2025: Nettogewicht aktualisiert (vorher 135 g)",
        "Deckel DK-7",
        128,
    ),
    ("spec.txt", "Net weight: 128 g\nNet weight updated, previously: 135 g", "Cover DK-7", 128),
    ("spec.txt", "Net weight: 128 g\nNet weight updated: 135 g", "Cover DK-7", None),
    (
        "change.md",
        "| | old (rev. B) | new (rev. C) |\n|---|---|---|\n| Weight | 1.32 kg | 1.15 kg |\n",
        "Bracket MB-2 rev. C",
        1150,
    ),
    (
        "change.md",
        "| | rev. B | rev. C |\n|---|---|---|\n| Weight | 1.32 kg | 1.15 kg |\n",
        "Bracket MB-2",
        None,
    ),
    # a line that counts what the name counts, with another number, is another variant's
    (
        "spec.txt",
        "Gewicht: 5,9 kg\nStehleiter 4 Stufen – Gewicht 4,1 kg – 64,99 €",
        "Stehleiter SL-6, 6 Stufen",
        5900,
    ),
    (
        "spec.txt",
        "Weight: 5.8 kg\nPump head 8 channels – weight 4.9 kg",
        "Pump drive PD-2, 12 channels",
        5800,
    ),
    (
        "spec.txt",
        "Gewicht: 5,9 kg\nStehleiter 4 Stufen – Gewicht 4,1 kg – 64,99 €",
        "Stehleiter SL-4, 4 Stufen",
        None,
    ),
    # a weight labelled with a pallet or an outer carton is theirs, unless the article is one
    (
        "spec.md",
        "| Propiedad | Valor |\n|---|---|\n| Material | PP |\n| Peso palé completo (kg) | 251 |",
        "Maceta MC-60",
        None,
    ),
    (
        "spec.md",
        "| Propiedad | Valor |\n|---|---|\n| Material | PP |\n| Peso (kg) | 1,2 |",
        "Maceta MC-60",
        1200,
    ),
    ("spec.txt", "Peso palé: 22 kg", "Palé de madera PM-12 1200 x 800", 22000),
    # "Max. X weight": the most a carried object may weigh, not the article's weight
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Max. sensor weight | 250 g |\n| Weight | - |",
        "Sensor bracket SB-4",
        None,
    ),
    ("spec.txt", "Max. gate weight: 150 kg\nGross weight: 2.6 kg", "Gate hinge GH-4", None),
    ("spec.txt", "Türgewicht max.: 100 kg\nGewicht: 1,6 kg", "Türschließer TS-3", 1600),
    ("spec.txt", "Gewicht: max. 1,2 kg", "Halter HX-1", 1200),
    ("spec.txt", "Max. Stückgewicht: 1,2 kg", "Halter HX-1", 1200),
    # rows with different pack counts: the count of the row that names the article's code
    (
        "list.txt",
        "NR-3208: Niet 3,2 x 8 | VE (Stk.)=1000\nNR-4010: Niet 4,0 x 10 | VE (Stk.)=500\n\nNR-3208: Gewicht je VE (kg)=0.43\nNR-4010: Gewicht je VE (kg)=0.41",
        "Blindniet 4,0 x 10 (NR-4010)",
        0.82,
    ),
    (
        "list.txt",
        "NR-3208: Niet 3,2 x 8 | VE (Stk.)=1000\nNR-4010: Niet 4,0 x 10 | VE (Stk.)=500\n\nNR-3208: Gewicht je VE (kg)=0.43\nNR-4010: Gewicht je VE (kg)=0.41",
        "Blindniet 3,2 x 8 (NR-3208)",
        0.43,
    ),
    ("list.txt", "VE (Stk.)=500\nGewicht je VE (kg)=0.41", "Blindniet 4,0 x 10 (NR-4010)", 0.82),
    # a shop's tile of another product, with its price, is not the article's data
    (
        "shop.txt",
        "Gewicht: 10 kg\nHantelablage für 6 Paar – Eigengewicht 18 kg – 119,00 €",
        "Kurzhantel KH-10",
        10000,
    ),
    (
        "shop.txt",
        "Technische Daten\nBreite: 50 mm\nZurrgurt 8 m – Gewicht 1,6 kg – 24,90 €",
        "Spanngurt SG-5 einteilig",
        None,
    ),
    ("shop.txt", "Kurzhantel KH-10 – Gewicht 10 kg – 29,90 €", "Kurzhantel KH-10", 10000),
    # a data row above ("Inertia (motor side) | 0.0011 | kg m²") is no parts-list header
    (
        "spec.txt",
        "Parameter | Value | Unit\nRated power | 0.37 | kW\nMass moment of inertia (motor side) | 0.0011 | kg m²\nWeight | 12.4 | kg",
        "Gear motor GM-37",
        12400,
    ),
    (
        "spec.txt",
        "Pos | Part | Material | Mass (g)\n1 | Motor flange | steel | 900\n2 | Housing | Al | 300",
        "Gear motor GM-37",
        None,
    ),
    # "unitário", "unitaire": the weight of one piece, not of something the label names
    (
        "list.csv",
        "Código;Descrição;Acabamento;Dimensões (mm);Peso unitário (kg);Embalagem\nDB-3020;Dobradiça de latão 3 pol.;latão polido;76 x 63;0,085;par\nDB-2515;Dobradiça de latão 2,5 pol.;latão polido;63 x 51;0,045;par",
        "Dobradiça de latão 3 pol. (DB-3020)",
        85,
    ),
    (
        "list.csv",
        "Code;Désignation;Finition;Poids unitaire (kg)\nCH-3020;Charnière 3 po.;laiton poli;0,085\nCH-2515;Charnière 2,5 po.;laiton poli;0,045",
        "Charnière 3 po. (CH-3020)",
        85,
    ),
    (
        "list.csv",
        "Código;Descrição;Acabamento;Dimensões (mm);Peso caixa (kg);Embalagem\nDB-3020;Dobradiça de latão 3 pol.;latão polido;76 x 63;0,085;par\nDB-2515;Dobradiça de latão 2,5 pol.;latão polido;63 x 51;0,045;par",
        "Dobradiça de latão 3 pol. (DB-3020)",
        None,
    ),
    # a value wrapped onto its own line is not a heading (a component's) over what follows
    (
        "sheet.txt",
        "Material ......... Cr-V steel, satin chrome;\n                  handle PP/TPE\nWeight ........... 0.95 kg",
        "Torque wrench TW-200",
        950,
    ),
    (
        "sheet.txt",
        "Material ......... Cr-V steel, satin chrome\n\nHandle\nWeight ........... 0.12 kg",
        "Torque wrench TW-200",
        None,
    ),
    # the same limit in Japanese and Chinese: "最大使用質量", "最大承载质量"
    (
        "spec.md",
        "| 項目 | 値 |\n|---|---|\n| 質量 | 3.9 kg |\n| 最大使用質量 | 100 kg |",
        "アルミ脚立 3段 AL-3S",
        3900,
    ),
    (
        "spec.md",
        "| 项目 | 数值 |\n|---|---|\n| 净重 | 3.9 kg |\n| 最大承载质量 | 150 kg |",
        "铝合金梯 AL-3S",
        3900,
    ),
    (
        "spec.md",
        "| 項目 | 値 |\n|---|---|\n| 最大使用質量 | 100 kg |",
        "アルミ脚立 3段 AL-3S",
        None,
    ),
    # a sentence that mentions logistics or packaging is not a packaging key
    (
        "mail.txt",
        "Hello,\nthe finished heat sink HS-12 weighs 313 g.\nPlease use 313 g for your logistics data.\nRegards",
        "Heat sink HS-12",
        313,
    ),
    ("spec.txt", "Logistics data: 313 g", "Heat sink HS-12", None),
    (
        "spec.txt",
        "Weight 0.8 kg\nPackaging of 10 pieces, total weight 8.4 kg",
        "Heat sink HS-12",
        800,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_rule_holds_for_any_document(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
