"""The main material of invented documents, seventeenth pass: tool steels named by their
alloying elements and a key steel by its grade, envelope papers, a polymer's class word
before its short code, a carton weighed gross, the core a roll is wound on, a letterhead that
names a packaging maker, and a Turkish (and other) material key.

Each cause has a counterpart case where the rule must not fire.
"""

from __future__ import annotations

import pytest

from tests.analyzers.test_offline_materials_tenth import main_material


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # chrome vanadium / chrome molybdenum: a steel without the word "steel"
        (
            "Spanner set 8 pieces\nForged chrome vanadium, ABS case.\n",
            "Spanner set 8 pieces",
            "steel",
        ),
        ("Ringschlüssel 13 mm\nChrom-Vanadium, verchromt\n", "Ringschlüssel 13 mm", "steel"),
        ("Clé mixte 10 mm\nAcier chrome-vanadium\n", "Clé mixte 10 mm", "steel"),
        ("Chiave a tubo 17\nCromo-vanadio, cromata\n", "Chiave a tubo 17", "steel"),
        ("Llave fija 12 mm\nCromo vanadio, acabado satinado\n", "Llave fija 12 mm", "steel"),
        ("Bit holder 60 mm\nMaterial: Cr-V\n", "Bit holder 60 mm", "steel"),
        ("Impact socket 24 mm\nCr-Mo, black phosphated\n", "Impact socket 24 mm", "steel"),
        # a bright-drawn key steel's grade with its "K"
        (
            "Pos 1  Parallel key DIN 6885 A 8 x 7 x 40, C45K  100 pcs\n",
            "Parallel key 8 x 7 x 40",
            "steel",
        ),
        ("Passfeder 10 x 8 x 50\nWerkstoff: C45K blank\n", "Passfeder 10 x 8 x 50", "steel"),
        # counterpart: a longer code with the same letters names no grade
        ("Resistor network C450K, 8 pins\n", "Resistor network", None),
        # the wove paper of envelopes
        (
            "Envelope C5, self-seal\nWhite wove 90 g/m², no window\n",
            "Envelope C5",
            "paper_cardboard",
        ),
        ("Enveloppe DL\nPapier vélin blanc 80 g/m²\n", "Enveloppe DL", "paper_cardboard"),
        # counterpart: an envelope without a named paper
        ("Envelope C5, self-seal\nNo window, 229 x 162 mm\n", "Envelope C5", None),
        # counterpart: the chromium plating alone names no steel
        ("Tap lever\nChrome plated brass\n", "Tap lever", "brass"),
        # a polymer's class word before a short code
        ("Socket outlet 2-gang\nThermoplastic PC, UV stable.\n", "Socket outlet 2-gang", "pc"),
        ("Klemmleiste 12-pol.\nThermoplast PA, V0\n", "Klemmleiste 12-pol.", "pa6"),
        ("Boîtier de dérivation\nThermoplastique PC, gris\n", "Boîtier de dérivation", "pc"),
        ("Scatola di derivazione\nTecnopolimero PC, grigio\n", "Scatola di derivazione", "pc"),
        # counterparts: a count of pieces, a computer
        ("Cable gland M20\nQty 2 PC\n", "Cable gland M20", None),
        ("Monitor arm\nfor the office PC\n", "Monitor arm", None),
        # a carton weighed gross is the shipping pack, not the article
        (
            "Mower blade 4 mm\nPack of 10: net 1.1 kg\nCarton gross 1.3 kg.\n",
            "Mower blade 4 mm",
            None,
        ),
        ("Messer 3 mm\nKarton brutto 2,1 kg\n", "Messer 3 mm", None),
        # counterpart: a folding carton stated as the article's material
        (
            "Folding box 300 x 200\nMaterial: carton, 400 g/m²\n",
            "Folding box 300 x 200",
            "paper_cardboard",
        ),
        # the core a roll is wound on
        (
            "Insulating tape 19 mm x 20 m\nMaterial: PVC, 0.13 mm\n"
            "Roll weight | 0.05 kg (incl. cardboard core)\n",
            "Insulating tape 19 mm x 20 m",
            "pvc",
        ),
        # counterpart: a cardboard tube that is the article
        (
            "Shipping tube 60 x 500\nMaterial: cardboard, 2 mm wall\n",
            "Shipping tube 60 x 500",
            "paper_cardboard",
        ),
        # what the article name says it is wound on is an accessory's material
        (
            "Stretch film 23 µm, 500 mm, one roll on its cardboard core\nFilm: LLDPE\n",
            "Stretch film 23 µm, 500 mm, one roll on its cardboard core",
            "pe_lld",
        ),
        # a letterhead naming a packaging maker opens no packaging block
        (
            "EMBALAGENS NORTE, S.A.\nFilm estirable 17 µm\nFilm de polietileno LLDPE, 3 capas\n",
            "Film estirable 17 µm",
            "pe_lld",
        ),
        # counterpart: a real packaging heading still holds the packaging's material
        (
            "Bolt M8\nMaterial: steel 8.8\nPackaging\nPE bag, 100 pcs\n",
            "Bolt M8",
            "steel",
        ),
        # a Turkish, Hungarian, Finnish material key leads the row's product word
        (
            "A-1: Ürün=PEX bağlantı 16 mm | Malzeme=pirinç | Ağırlık (g)=70\n",
            "PEX bağlantı 16 mm",
            "brass",
        ),
        ("B-2: Termék=PVC cső idom | Anyag=sárgaréz\n", "PVC cső idom", "brass"),
        # counterpart: without a material key the product's polymer is its own
        ("C-3: Ürün=PEX boru 16 mm | Ağırlık (g)=70\n", "PEX boru 16 mm", "pe_x"),
    ],
)
def test_main_material(text: str, name: str, code: str | None) -> None:
    assert main_material(text, name) == code
