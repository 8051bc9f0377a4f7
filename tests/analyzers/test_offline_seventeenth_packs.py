"""The seventeenth pass's pack weights read as one piece's, each cause with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a pack word with its count after a label's first pack word ("Pack
weight: Pack of 25: net"); a pack counted in the clause before the weight's own ("Pakkaus:
25 kpl, paino 2 kg", "A csomag 25 db …, nettó"), in every language with a pack word; packs of
packs ("Case (10 boxes of 100)"); a row's basis cell ("Basis=je 100 Stück") beside its weight;
one article's weight in a logistics section ("Weight per notebook") and a carton's own count
there ("Inner pack 10 pcs, carton 40 pcs 12 kg"); a row's cell that is the pack its weight key
names ("Peso conf." beside "confezione 25 pz", "Waga opakowania" beside "Opakowanie (szt.)"); pack words in more languages ("Eske", "pudełko",
"Kutu", "100枚入り"); a shop's product record that names a pack ("box of 20") of an article
the name says is one piece; a net word right before a mass unit ("Net (g)", "box_net_g") as a
weight's label. Each rule must not fire where the figure is
the article's own or the pack's count is not the article's.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import counts as C  # noqa: N812 - read as C.fn, as the rules do
from app.analyzers.offline import names as N  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a pack word with its count after the label's first pack word
    (
        "sheet.txt",
        "Tine T-40: Pack weight: Pack of 20: net 1.2 kg\n",
        "Tedder tine T-40 (one tine)",
        60,
    ),
    (
        "sheet.txt",
        "Tine T-40: Net weight: 60 g. Sold in a pack of 20.\n",
        "Tedder tine T-40 (one tine)",
        60,
    ),
    # a pack counted in the clause before the weight's own clause, in several languages
    ("blatt.txt", "Packung mit 50 Stück, Gewicht 1,5 kg\n", "Zylinderstift 6 x 30", 30),
    ("fiche.txt", "Boîte de 40 pièces, poids 2 kg\n", "Goupille 6 x 30", 50),
    ("scheda.txt", "Confezione da 20 pz, peso netto 0,8 kg\n", "Spina cilindrica 6 x 30", 40),
    ("ficha.txt", "Caja de 100 uds; peso 2,5 kg\n", "Pasador 6 x 30", 25),
    ("sivu.txt", "Pakkaus: 40 kpl, paino 1,2 kg\n", "Lieriötappi 6 x 30 (kpl)", 30),
    (
        "lap.txt",
        "A csomag 40 db csapot tartalmaz, nettó 1,2 kg.\n",
        "Hengeres csap 6 x 30 (darab)",
        30,
    ),
    ("strona.txt", "Opakowanie 50 szt., waga 1,5 kg\n", "Kołek walcowy 6 x 30", 30),
    # pack words and piece words in more languages, the pack's count in its own label
    ("side.txt", "Eske 50 stk: 400 g\n", "Vinylhanske M (stk)", 8),
    ("side.txt", "Eske: 400 g\n", "Vinylhanske M (stk)", None),
    ("strona.txt", "pudełko 50 szt.: masa netto 400 g\n", "Rękawica winylowa M (sztuka)", 8),
    ("sayfa.txt", "Kutu 50 adet: 400 g\n", "Vinil eldiven M (adet)", 8),
    ("page.txt", "ビニール手袋 M\n1箱 50枚入り 正味 400 g\n", "ビニール手袋 M (1枚)", 8),
    ("page.txt", "ビニール手袋 M\n質量: 8 g\n1箱 50枚入り\n", "ビニール手袋 M (1枚)", 8),
    # counterparts: a pack's mass or size, a gross weight, a clause that says more
    ("blatt.txt", "Rolle 25 m, Gewicht 3 kg\n", "Dichtband 25 m", 3000),
    ("blatt.txt", "Packung mit 50 Stück, Bruttogewicht 1,6 kg\n", "Zylinderstift 6 x 30", None),
    ("sheet.txt", "Weight 310 g\nSound level 85 dB, housing 2 pcs\n", "Buzzer housing HB-2", 310),
    # a document that counts packs of several articles: which pack is this one's is unclear
    (
        "mail.txt",
        "1) Disc A 125 mm\n   Carton of 50 pcs, net 1.7 kg\n2) Disc B 230 mm\n   Carton of 25 pcs, net 4.9 kg\n3) Disc C 125 mm\n   Unit weight 0.2 kg, carton of 10 pcs\n",
        "Disc A 125 mm",
        None,
    ),
    # packs of packs: the pieces of them all
    (
        "sheet.txt",
        "Case (12 boxes of 50): net 3 kg, gross 3.4 kg\n",
        "Vinyl glove M (one glove)",
        5,
    ),
    ("sheet.txt", "Carton (12 rolls of 50 m): net 6 kg\n", "Tape roll 50 m", 500),
    # a row's basis cell that says it is one
    (
        "liste.csv",
        "Artikel;Basis;Gewicht (kg)\nAderendhülse 2,5 mm2;je 100 Stück;0,35\n",
        "Aderendhülse 2,5 mm2",
        3.5,
    ),
    (
        "liste.csv",
        "Artikel;Basis;Gewicht (kg)\nAderendhülse 2,5 mm2;Stück;0,35\n",
        "Aderendhülse 2,5 mm2",
        350,
    ),
    (
        "liste.txt",
        "Aderendhülse 2,5 mm2: Basis=je 100 Stück | Gewicht (kg)=0,35\n",
        "Aderendhülse 2,5 mm2",
        3.5,
    ),
    (
        "liste.txt",
        "Aderendhülse 2,5 mm2: Basis=Stück | Gewicht (kg)=0,35\n",
        "Aderendhülse 2,5 mm2",
        350,
    ),
    # a row's pack cell, the pack its weight key names ("Peso conf." beside "confezione 50 pz")
    (
        "listino.csv",
        "Codice;Confezione;Peso conf. (kg)\nSP-6;confezione 50 pz;0,4\n",
        "Spina 6 x 30 (singola)",
        8,
    ),
    (
        "listino.csv",
        "Codice;Confezione;Peso (kg)\nSP-6;confezione 50 pz;0,008\n",
        "Spina 6 x 30 (singola)",
        8,
    ),
    (
        "listino.csv",
        "Codice;Imballo;Peso conf. (kg)\nSP-6;cartone 10 pz;0,4\n",
        "Spina 6 x 30 (singola)",
        None,
    ),
    (
        "cennik.csv",
        "Indeks;Opakowanie (szt.);Waga opakowania (kg)\nNT-5;500;1,5\n",
        "Nit zrywalny 4x10",
        3,
    ),
    (
        "cennik.csv",
        "Indeks;Paleta (szt.);Waga opakowania (kg)\nNT-5;500;1,5\n",
        "Nit zrywalny 4x10",
        None,
    ),
    # one article's weight in a logistics section, and a carton's own count there
    (
        "sheet.txt",
        "Ledger book A4\n\nLogistics\nWeight per ledger: 640 g\nInner pack 5 pcs, carton 20 pcs 13.4 kg.\n",
        "Ledger book A4, 200 pages",
        640,
    ),
    (
        "sheet.txt",
        "Ledger book A4\n\nLogistics\nInner pack 5 pcs, carton 20 pcs 12.8 kg.\n",
        "Ledger book A4, 200 pages",
        640,
    ),
    (
        "sheet.txt",
        "Ledger book A4\nWeight: 640 g\n\nLogistics\nPackaging weight per ledger: 40 g\n",
        "Ledger book A4, 200 pages",
        640,
    ),
]

# a shop page's product record that names a pack, of an article the name says is one piece
_RECORD = '<html><head><script type="application/ld+json">{"@type": "Product", "name": "%s", "weight": {"@type": "QuantitativeValue", "value": 60, "unitCode": "GRM"}}</script></head><body><h1>Dust mask</h1></body></html>'
CASES += [
    ("shop.html", _RECORD % "Dust mask box of 10", "Dust mask FFP1 (one mask)", 6),
    ("shop.html", _RECORD % "Dust mask box of 10", "Dust mask FFP1, box of 10", 60),
    ("shop.html", _RECORD % "Dust mask FFP1", "Dust mask FFP1 (one mask)", 60),
]

# a net word right before a mass unit labels a net weight with no weight word
CASES += [
    (
        "list.txt",
        "Box of 40: Net (g)=200 | Case gross (kg)=9.1\n",
        "Examination glove M (one glove)",
        5,
    ),
    (
        "api.json",
        '{"packaging": {"box": {"count": 40, "box_net_g": 200}}}',
        "Examination glove M (one glove)",
        5,
    ),
    ("list.txt", "Item: bracket | Net (g)=85\n", "Wall bracket 40 mm", 85),
    ("list.txt", "Item: bracket | Net (EUR)=85 | Weight (g)=120\n", "Wall bracket 40 mm", 120),
    ("list.txt", "Item: bracket | Net (mm)=85\n", "Wall bracket 40 mm", None),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_seventeenth_pass_pack_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("before", "name", "n"),
    [
        ("Pakkaus: 25 kpl, paino ", "Terä 76 mm (kpl)", 25),
        ("A csomag 25 db kést tartalmaz, nettó ", "Kés 3 mm (darab)", 25),
        ("Pack of 25, net ", "Mower knife", 25),
        ("Box 12 blades, weight ", "Mower blade", 12),
        ("Rolle 25 m, Gewicht ", "Dichtband", None),
        ("Sack 25 kg, Gewicht ", "Granulat", None),
        ("Box of 25, sound level 85 dB, weight ", "Buzzer", None),
        ("Box of 25 pcs, gross ", "Mower knife", None),
        ("Pack of 25, net ", "Mower knives, pack of 25", None),
    ],
)
def test_a_pack_counted_in_the_clause_before(before: str, name: str, n: int | None) -> None:
    assert C.pack_counted_before(before, N.Name.of(name)) == n
