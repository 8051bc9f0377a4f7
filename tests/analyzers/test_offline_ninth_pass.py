"""The ninth pass's general causes, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is: a density read as a weight, a count with a space as thousands separator, a casting
shot, a count of what the weighed article includes, bales, other products a page suggests, a
field given on request beside another offer's figure, a counted pack, a parts list closed by
a total row, shipping words, one piece of a counted set, a reel's count, and a part taken out.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a density or specific gravity in g/ml is no weight
    (
        "spec.md",
        "| Kenmerk | Waarde |\n|---|---|\n| Soortelijk gewicht (20 °C) | 1,05 g/ml |\n| Inhoud | 5 l |\n",
        "Glasreiniger, jerrycan 5 l",
        None,
    ),
    ("spec.txt", "Spezifisches Gewicht: 1,1 g/ml\nInhalt: 1 l\n", "Kaltreiniger KR-1", None),
    ("spec.txt", "Dichte: 1,2 g/ml\nGewicht: 540 g\n", "Reiniger R-5, 500 ml", 540),
    # "pour 1 000 pièces": a count with a space as thousands separator
    (
        "spec.txt",
        "Douille DX-4\nMatière | laiton\nMasse pour 1 000 pièces | 8,4 kg\n",
        "Douille DX-4",
        8.4,
    ),
    ("spec.txt", "Douille DX-4\nMatière | laiton\nMasse | 8,4 kg\n", "Douille DX-4", 8400),
    # a casting shot of several pieces with its runners is not one piece
    (
        "spec.txt",
        "Boîtier BT-2\nMasse de la grappe (4 pièces + attaques) | 60 g\nMasse unitaire | 12 g\n",
        "Boîtier BT-2",
        12,
    ),
    (
        "spec.txt",
        "Boîtier BT-2\nMasse de la grappe (4 pièces + attaques) | 60 g\n",
        "Boîtier BT-2",
        None,
    ),
    # "with 3 insulators": what the weighed article includes, not a count of articles
    (
        "spec.txt",
        "Trenner TR-9\nGewicht ohne Isolatoren | 40 kg\nGewicht mit 3 Isolatoren | 52 kg\n",
        "Trenner TR-9 mit Isolatoren",
        52000,
    ),
    # a bale of rolls, in Swedish and English
    (
        "spec.txt",
        "Hushållspapper\nRullar per bal | 40\nBalens vikt | 5,0 kg\n",
        "Hushållspapper, rulle",
        125,
    ),
    (
        "spec.txt",
        "Kitchen towel\nRolls per bale | 48\nBale weight | 6.0 kg\n",
        "Kitchen towel, roll",
        125,
    ),
    # "You may also need": other products with their own weights
    (
        "page.txt",
        "Storage box, brown\nWeight per box | 0.4 kg\nYou may also need\n- Lid, brown – 0.9 kg each\n",
        "Storage box, brown (one box)",
        400,
    ),
    (
        "page.txt",
        "Storage box, brown\nYou may also need\n- Lid, brown – 0.9 kg each\n",
        "Storage box, brown (one box)",
        None,
    ),
    # a field given on request beside another offer's figure
    (
        "offers.csv",
        "Merkmal;Angebot A: Sensor S-1;Angebot B: Sensor T-2\nGehäuse;Aluminium, IP66;Edelstahl 1.4404, IP67\nGewicht;auf Anfrage;1,2 kg\n",
        "Sensor S-1",
        None,
    ),
    (
        "offers.csv",
        "Merkmal;Sensor S-1;Sensor T-2\nGehäuse;Aluminium;Edelstahl\nGewicht;auf Anfrage;1,2 kg\n",
        "Sensor T-2",
        1200,
    ),
    ("offers.csv", "Property;Requirement;Measured\nWeight;–;2,4 kg\n", "Paper ream A4", 2400),
    # a pack word with its count right after it: the net figure weighs the counted contents
    ("spec.md", "- **Peso della scatola da 12 penne (netto):** 96 g\n", "Penna gel, nero", 8),
    (
        "spec.md",
        "- **Peso netto:** 8 g\n- **Confezione:** scatola da 12 penne\n",
        "Penna gel, nero",
        8,
    ),
    # a Czech parts list closed by its total row
    (
        "list.txt",
        "Díl | Materiál | Počet | Hmotnost\nNoha | ocel | 4 | 1,2 kg / ks\nDeska | dřevo | 1 | 6 kg\nStůl celkem | 10,8 kg\n",
        "Stůl ST-1",
        10800,
    ),
    (
        "list.txt",
        "Díl | Materiál | Počet | Hmotnost\nNoha | ocel | 4 | 1,2 kg / ks\nDeska | dřevo | 1 | 6 kg\n",
        "Stůl ST-1",
        None,
    ),
    # a set's total weight in Chinese beats one of its pieces
    (
        "spec.txt",
        "型号 | X1\n桌子重量 | 5 kg\n单椅重量 | 1.5 kg\n套装总重 | 11 kg\n",
        "折叠桌椅套装 X1",
        11000,
    ),
    # shipping words in Turkish and Czech
    ("spec.txt", "Bahçe masası BM-1\nKargo ağırlığı | 30 kg\n", "Bahçe masası BM-1", None),
    (
        "spec.txt",
        "Bahçe masası BM-1\nAğırlık | 25 kg\nKargo ağırlığı | 30 kg\n",
        "Bahçe masası BM-1",
        25000,
    ),
    ("spec.txt", "Lavice L-1\nDodáváno v kartonu, hmotnost s obalem 23 kg.\n", "Lavice L-1", None),
    (
        "spec.txt",
        "Lavice L-1\nHmotnost | 20 kg\nDodáváno v kartonu, hmotnost s obalem 23 kg.\n",
        "Lavice L-1",
        20000,
    ),
    # one piece of a set whose name counts its pieces
    (
        "spec.md",
        "- Peso de la mesa: 8 kg\n- Peso de cada silla: 3 kg\n",
        "Conjunto de jardín: mesa + 4 sillas",
        None,
    ),
    ("spec.md", "- Peso de la mesa: 8 kg\n", "Mesa de jardín 90 cm", 8000),
    # a reel's count written before the reel's size
    (
        "mail.txt",
        'Packing: tape & reel, 2000 pcs per 7" reel\nNet weight per reel (parts only): 1.2 kg\n',
        "SMD buzzer B-1",
        0.6,
    ),
    # a Portuguese box of 10 pieces
    (
        "spec.txt",
        "Embalagem: caixa de 10 unidades\nPeso líquido por caixa ....... 12 kg\n",
        "Transformador T-1",
        1200,
    ),
    # an export's pack net weight beside its count of units
    (
        "item.json",
        '{"venta": {"unidades_por_pack": 4}, "peso": {"pack_neto_kg": 1.2}}',
        "Baliza solar B-2 (una unidad)",
        300,
    ),
    # a part taken out of the weighed article the name includes
    (
        "spec.txt",
        "Ride-on car RC-1\nItem weight (battery removed) | 8 kg\nBattery | 6 V, 0.9 kg\n",
        "Ride-on car RC-1 with battery",
        None,
    ),
    ("spec.txt", "Ride-on car RC-1\nItem weight | 8 kg\n", "Ride-on car RC-1 with battery", 8000),
    # a row the table sets aside as another article's is set aside where it is read as a line
    (
        "list.csv",
        "kode;beskrivelse;enhed;antal pr. enhed;nettovægt pr. enhed (kg);materiale\nPN-1;Kuglepen med klik, blå, fin;æske;50;0,40;ABS\nPN-2;Kuglepen med klik, sort, fin;æske;50;0,40;ABS\nHM-2;Hæftemaskine, sort;stk;1;0,26;stål\n",
        "Kuglepen med klik, blå, fin",
        8,
    ),
    (
        "list.csv",
        "kode;beskrivelse;enhed;antal pr. enhed;nettovægt pr. enhed (kg);materiale\nPN-1;Kuglepen med klik, blå, fin;æske;50;0,40;ABS\nPN-2;Kuglepen med klik, sort, fin;æske;50;0,40;ABS\nHM-2;Hæftemaskine, sort;stk;1;0,26;stål\n",
        "Hæftemaskine, sort",
        260,
    ),
    # the heaviest single part at assembly is one part's weight
    (
        "spec.txt",
        "Kran K-1\nGewichte\nPosition | Gewicht\nSchwerstes Einzelteil bei der Montage | Säule, 700 kg\n",
        "Kran K-1",
        None,
    ),
    (
        "spec.txt",
        "Kran K-1\nGewichte\nPosition | Gewicht\nKran komplett | 1.200 kg\nSchwerstes Einzelteil bei der Montage | Säule, 700 kg\n",
        "Kran K-1",
        1200000,
    ),
    # a Czech total beside the weights of the parts
    (
        "spec.txt",
        "Kladivo K-1\nHmotnost hlavy | 500 g\nHmotnost celkem | 700 g\n",
        "Kladivo K-1",
        700,
    ),
    (
        "spec.txt",
        "Kladivo K-1\nHmotnost hlavy | 500 g\nHmotnost násady | 200 g\n",
        "Kladivo K-1",
        None,
    ),
    # an export key's weight "con_cavo" is with the part, not the part's own weight
    (
        "item.json",
        '{"pesi": {"pompa_senza_cavo_kg": 20.5, "pompa_con_cavo_kg": 22.0}, "dotazione": ["cavo 10 m"]}',
        "Pompa sommersa PS-1 con 10 m di cavo",
        22000,
    ),
    (
        "item.json",
        '{"pesi": {"pompa_senza_cavo_kg": 20.5}, "cavo": {"peso_kg": 1.5}}',
        "Pompa sommersa PS-1 con 10 m di cavo",
        22000,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_ninth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
