"""The fifteenth pass's weights per pack, per N or per pair, each cause with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a counted pack right after the figure ("480 g per box of 100", "/ VE 25
Stück"); a table cell that names its counted pack before the figure ("VE 20 Stück: 3,4 kg"); a
round basis in words ("por millar", "per thousand", "au mille"); a count of the name's short
noun ("pour 1000 sacs" of a "Sac"); a count before the weight word ("1000 adet ağırlığı"); a
net word after a comma that only qualifies the counted pack's weight before it ("Box weight (10
pcs), net"); a Spanish or Portuguese pair ("Peso por par") of an article that is one piece;
a pack's weight of an article the name says is that counted pack ("…, Paket 500 Blatt"); a
figure right after "incl." ("3.1 kg (incl. 0.4 kg core)"), a part of the figure before it; a
gross weight word cut off by a comma from the pack clause before its figure, never divided.
Each rule must not fire where the figure is the article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import counts as C  # noqa: N812 - read as C.fn, as the rules do
from app.analyzers.offline import set_counts as S  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a counted pack right after the figure: the figure weighs the pack
    (
        "mail.txt",
        "Hello,\nthe cotton swabs come in boxes. Net 250 g per box of 50.\nRegards\n",
        "Cotton swab 15 cm (1 piece)",
        5,
    ),
    (
        "mail.txt",
        "Hello,\nthe cotton swab weighs net 5 g, delivered in boxes.\nRegards\n",
        "Cotton swab 15 cm (1 piece)",
        5,
    ),
    (
        "datenblatt.txt",
        "Federring B8\nWerkstoff: Federstahl\nGewicht: 0,9 kg / VE 100 Stück\n",
        "Federring B8 (1 Stück)",
        9,
    ),
    (
        "fiche.txt",
        "Rondelle M10\nMatière : acier zingué\nPoids : 1,6 kg par boîte de 200\n",
        "Rondelle M10 (1 pièce)",
        8,
    ),
    (
        "ficha.txt",
        "Saco de cemento\nPeso: 25 kg por saco\nMaterial: papel kraft\n",
        "Saco de cemento 25 kg",
        25000,
    ),
    (
        "sheet.txt",
        "Bird seed\nWeight: 2 kg per bag of 5 kg capacity\n",
        "Bird seed bag",
        2000,
    ),
    # a table cell that names a counted pack before its figure
    (
        "blatt.md",
        "## Winkel W-40\n\n| Merkmal | Wert |\n|---|---|\n| Werkstoff | Stahl verzinkt |\n| Gewicht | VE 50 Stück: 2,5 kg |\n",
        "Winkel W-40, Stahl verzinkt (1 Stück)",
        50,
    ),
    (
        "ficha.md",
        "## Escuadra E-40\n\n| Dato | Valor |\n|---|---|\n| Material | acero |\n| Peso | Caja de 20: 1,2 kg |\n",
        "Escuadra E-40, acero (1 pieza)",
        60,
    ),
    (
        "blatt.md",
        "## Winkel W-40\n\n| Merkmal | Wert |\n|---|---|\n| Werkstoff | Stahl verzinkt |\n| Gewicht | ca. 50 g |\n| VE | 50 Stück |\n",
        "Winkel W-40, Stahl verzinkt (1 Stück)",
        50,
    ),
    # a round basis named in words
    (
        "api.json",
        '{"producto": "Bolsa kraft 18 x 8 x 22", "papel": "kraft 70 g/m2", "peso_por_millar_kg": 41}',
        "Bolsa kraft 18 x 8 x 22 cm",
        41,
    ),
    (
        "sheet.txt",
        "Paper cup 8 oz\nWeight per thousand: 9.5 kg\n",
        "Paper cup 8 oz",
        9.5,
    ),
    (
        "fiche.txt",
        "Gobelet carton 20 cl\nPoids au mille : 7,2 kg\n",
        "Gobelet carton 20 cl",
        7.2,
    ),
    (
        "sheet.txt",
        "Paper cup 8 oz\nWeight: 9.5 g\nSold by the thousand.\n",
        "Paper cup 8 oz",
        9.5,
    ),
    # a count of the name's own short noun
    (
        "fiche.md",
        "## Sac kraft 40 x 60\n\n| Caractéristique | Valeur |\n|---|---|\n| Papier | kraft 90 g/m² |\n| Poids pour 500 sacs | 48 kg |\n",
        "Sac kraft 40 x 60 cm",
        96,
    ),
    (
        "fiche.md",
        "## Sac kraft 40 x 60\n\n| Caractéristique | Valeur |\n|---|---|\n| Papier | kraft 90 g/m² |\n| Poids du sac | 96 g |\n",
        "Sac kraft 40 x 60 cm",
        96,
    ),
    # a count before the weight word
    (
        "urun.md",
        "## Karton bardak 200 ml\n\n| Özellik | Değer |\n|---|---|\n| Malzeme | karton |\n| 1000 adet ağırlığı | 8 kg |\n",
        "Karton bardak 200 ml",
        8,
    ),
    (
        "urun.txt",
        "Karton bardak 200 ml\nMalzeme: karton\nAğırlık: 8 g\nKoli: 1000 adet\n",
        "Karton bardak 200 ml",
        8,
    ),
    # a net word after a comma that qualifies the counted pack's weight before it
    (
        "sheet.md",
        "# Cutting disc CD-115\n\n| Item | Value |\n|---|---|\n| Box weight (25 pcs), net | 1.5 kg |\n| Carton of 8 boxes, gross | 12.6 kg |\n",
        "Cutting disc CD-115",
        60,
    ),
    (
        "sheet.md",
        "# Cutting disc CD-115\n\n| Item | Value |\n|---|---|\n| Disc weight, net | 60 g |\n| Carton of 8 boxes, gross | 12.6 kg |\n",
        "Cutting disc CD-115",
        60,
    ),
    # the name says the article is the counted pack: its pack's weight is the article's
    (
        "shop.md",
        "## Kopierpapier A4\n\n| Merkmal | Wert |\n|---|---|\n| Grammatur | 80 g/m² |\n| Gewicht Paket | 2,5 kg |\n",
        "Kopierpapier A4 80 g/m², Paket 500 Blatt",
        2500,
    ),
    (
        "shop.md",
        "## Kopierpapier A4\n\n| Merkmal | Wert |\n|---|---|\n| Grammatur | 80 g/m² |\n| Gewicht Paket | 2,5 kg |\n",
        "Kopierpapier A4 80 g/m² (1 Blatt), Paket 500 Blatt",
        None,  # one sheet: the pack is not the article (its count is only in the name)
    ),
    (
        "etiketten.txt",
        "Etiketten 40 x 20 mm\nMaterial: Papier\nRolle mit 500 Etiketten: 0,4 kg\n",
        "Etiketten 40 x 20 mm, Rolle 500 Stück",
        0.8,  # the label counts the pieces its roll holds: one label's weight
    ),
    # a filled carton's weight is the pack with its contents, not one more weight of the article
    (
        "fiche.md",
        "# Sac kraft 20 x 10 x 25\n\n- Papier : kraft 60 g/m²\n- Conditionnement : 500 sacs par carton\n- Poids pour 500 sacs : 21 kg\n- Poids du carton plein : 22,4 kg\n",
        "Sac kraft 20 x 10 x 25 cm",
        42,
    ),
    # a gross weight word a comma cut off from the pack clause before the figure: never divided
    (
        "datasheet.txt",
        "Zener diode ZD-5V1, SOD-123\nPacking: 3000 pcs per reel. Gross weight per reel incl. reel, tape and bag: 0.9 kg.\n",
        "Zener diode ZD-5V1, SOD-123",
        None,
    ),
    (
        "datasheet.txt",
        "Zener diode ZD-5V1, SOD-123\nPacking: 3000 pcs per reel. Net weight per reel, tape and bag: 0.9 kg.\n",
        "Zener diode ZD-5V1, SOD-123",
        0.3,
    ),
    # a figure right after "incl." is a part the figure before includes, not the article
    (
        "sheet.md",
        "# Stretch film SF-20\n\n| Item | Value |\n|---|---|\n| Film | LLDPE 20 µm |\n| Weight per roll | 3.1 kg (incl. 0.4 kg core) |\n",
        "Stretch film SF-20, one roll on its core",
        3100,
    ),
    (
        "blatt.txt",
        "Schweißdraht SG2 1,0 mm\nGewicht: 15 kg, davon 1,2 kg Korbspule\n",
        "Schweißdraht SG2 1,0 mm, 15-kg-Spule",
        15000,
    ),
    (
        "sheet.md",
        "# Stretch film SF-20\n\n| Item | Value |\n|---|---|\n| Film | LLDPE 20 µm |\n| Weight per roll | 3.1 kg (incl. core) |\n",
        "Stretch film SF-20, one roll on its core",
        3100,
    ),
    # a Spanish or Portuguese pair of an article that is one piece
    (
        "ficha.txt",
        "Pernio de latón 80 x 60 mm\nMaterial: latón\nPeso por par: 0,3 kg\n",
        "Pernio de latón 80 x 60 mm (unidad)",
        150,
    ),
    (
        "ficha.txt",
        "Dobradiça de aço 80 mm\nMaterial: aço\nPeso do par: 240 g\n",
        "Dobradiça de aço 80 mm (unidade)",
        120,
    ),
    (
        "ficha.txt",
        "Guantes de trabajo talla 9\nMaterial: nitrilo\nPeso por par: 60 g\n",
        "Guantes de trabajo talla 9 (1 par)",
        60,
    ),
    (
        "fiche.txt",
        "Charnière acier 80 mm\nMatière : acier\nPoids par pièce : 150 g\n",
        "Charnière acier 80 mm",
        150,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_weight(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)


def test_pack_after_a_figure() -> None:
    assert C.pack_after(" per box of 100") == 100
    assert C.pack_after(" / VE 25 Stück") == 25
    assert C.pack_after(" par boîte de 1 000 pièces") == 1000
    assert C.pack_after(" per bag of 25 kg") is None
    assert C.pack_after(" per box") is None


def test_word_basis() -> None:
    assert C.word_basis("peso_por_millar_kg") == 1000
    assert C.word_basis("Gewicht pro Tausend") == 1000
    assert C.word_basis("Poids au cent") == 100
    assert C.word_basis("Poids par mille") is None  # "par mille" is a ratio (‰)


def test_iberian_pair_word() -> None:
    assert S.set_word("Peso por par", "bisagra 100 mm (unidad)") == "par"
    assert S.set_word("Poids par pièce", "charnière 80 mm") is None
