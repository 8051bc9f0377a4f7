"""The thirteenth pass's general causes of a confident wrong weight, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: an ERP row's weight for its reference quantity ("Bezugsmenge | 1000",
"1 M") taken as one piece's; the total weight of a shipment on an invoice or delivery note; a
pack word the name uses for the article's material ("Gobelet en carton") read as the article
being the pack; a weight of several packs together ("50 boxes, 6.8 kg") or of several counted
pieces ("10 bars (50 m), weight approx. 30 kg"); a pack's net weight in an export key that
abbreviates the pack ("peso_netto_conf_kg"); a pack's net weight "per carton" as Turkish writes
it ("Koli başına"); a thing packed inside another; a coded row or a shop's tile of another size
on a list; one of several single measured values taken as the stated weight. Each rule must not
fire where the figure is the article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import counts as C  # noqa: N812 - read as C.fn, as the rules do
from app.analyzers.offline import units_of_measure as UM  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # an ERP row's weights refer to its reference quantity: a thousand pieces, or a metre
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\n4711;SCHEIBE 8,4 VERZINKT;ST;1000;1,250;KG\n",
        "Scheibe 8,4 verzinkt (4711)",
        1.25,
    ),
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\n4711;SCHEIBE 8,4 VERZINKT;ST;1;0,125;KG\n",
        "Scheibe 8,4 verzinkt (4711)",
        125,
    ),
    (
        "export.csv",
        "Material number;Short text;Base UoM;Reference quantity;Net weight;Weight unit\nW-100;WASHER M8 ZINC;PC;100;0.250;KG\n",
        "Washer M8 zinc (W-100)",
        2.5,
    ),
    (
        "export.csv",
        "Material;Kurztext;Basismengeneinheit;Bezugsmenge;Nettogewicht;Gewichtseinheit\nR-20;STAHLROHR 20 X 2, STANGE 6 M;ST;1 M;0,888;KG\n",
        "Stahlrohr 20 x 2 mm, Stange 6 m (R-20)",
        5328,
    ),
    # the total of a shipment on an invoice or a delivery note is not one article's weight
    (
        "invoice.txt",
        "COMMERCIAL INVOICE\nInvoice: INV-77   Date: 2026-01-12\n\nNo. Description                 Qty    Amount\n1   Garden chair, steel         400    2,400.00\n2   Garden table, steel          50    1,250.00\n\nTotal cartons:      450\nTotal net weight:   2,150.00 kg\n",
        "Garden chair, steel",
        None,
    ),
    (
        "ddt.txt",
        "DOCUMENTO DI TRASPORTO N. 55/2026\nMittente: Acciai Srl\n\nTubo tondo inox 20x1 mm, barra 6 m    PZ 40\nTubo tondo inox 25x1 mm, barra 6 m    PZ 20\n\nN. colli: 2     Peso netto complessivo: 180,0 kg\n",
        "Tubo tondo inox 20x1 mm, barra 6 m",
        None,
    ),
    (
        "sheet.txt",
        "Product data sheet\nWorkbench WB-12, steel frame, beech top\nTotal net weight: 48 kg\n",
        "Workbench WB-12",
        48000,
    ),
    # a pack word the name uses for the article's material: the article is not the pack
    (
        "fiche.txt",
        "Fiche technique\nGobelet en carton 20 cl\nConditionnement : carton de 1.000 gobelets\nPoids net du carton : 8,0 kg\n",
        "Gobelet en carton 20 cl",
        8.0,
    ),
    (
        "fiche.txt",
        "Fiche technique\nCarton de déménagement 60 x 40 x 40 cm, double cannelure\nPoids net du carton : 900 g\n",
        "Carton de déménagement 60 x 40 x 40 cm",
        900,
    ),
    # "conf", a pack's abbreviation in an export key, divides by the row's count; a pack of one
    # is not divided by another row's
    (
        "listino.csv",
        "codice;descrizione;quantita_conf;peso_netto_conf_kg\nVT-12;Vite M12x40 classe 8.8;50;2,10\nFL-1;Filtro olio motore;1;0,62\n",
        "Vite M12x40 classe 8.8 (VT-12)",
        42,
    ),
    (
        "listino.csv",
        "codice;descrizione;quantita_conf;peso_netto_conf_kg\nVT-12;Vite M12x40 classe 8.8;50;2,10\nFL-1;Filtro olio motore;1;0,62\n",
        "Filtro olio motore (FL-1)",
        None,
    ),
    # the weight of several packs together is a shipping unit's; several counted pieces' divides
    (
        "list.md",
        "| Code | Size | Pack | Shipping carton |\n|---|---|---|---|\n| FD-90 | 90 mm | box of 100 discs | 40 boxes, 5.2 kg |\n",
        "Fibre disc 90 mm (FD-90)",
        None,
    ),
    (
        "mail.txt",
        "Hello,\nthe tube comes in bundles.\nBundle:      8 tubes (48 m), weight approx. 40 kg\nRegards\n",
        "Steel tube 20 x 2 mm, 6 m length",
        5000,
    ),
    (
        "mail.txt",
        "Hola,\nPaquete:      8 barras (48 m), peso aprox. 40 kg\nSaludos\n",
        "Tubo de acero 20 x 2 mm, barra de 6 m",
        5000,
    ),
    (
        "mail.txt",
        "Hola,\nPaquete:      8 barras (48 m), peso aprox. 40 kg\nSaludos\n",
        "Paquete de 8 barras de acero 20 x 2 mm",
        40000,
    ),
    # a thing packed inside another is not the article
    (
        "sheet.txt",
        "PACKING LIST\nOak bench 140 cm: 2 cartons per set\nSolid oak, oiled finish. Fittings: steel bolts and nuts (bag 0.4 kg incl. in carton 2/2).\n",
        "Oak bench 140 cm",
        None,
    ),
    (
        "sheet.txt",
        "Cordless drill CD-18\nWeight: 1.4 kg (incl. battery)\n",
        "Cordless drill CD-18",
        1400,
    ),
    # a pack's net weight "per carton" (Turkish after the noun), divided by its pieces, not by
    # the count of cartons
    (
        "liste.txt",
        "ÇEKİ LİSTESİ\nKoli içi:      6 adet\nKoli adedi:    50\nKoli başına NET AĞIRLIK:   12,0 kg\n",
        "Plastik sandalye",
        2000,
    ),
    (
        "liste.txt",
        "ÇEKİ LİSTESİ\nKoli adedi:    50\nKoli başına NET AĞIRLIK:   12,0 kg\n",
        "Plastik sandalye",
        None,
    ),
    # a coded row of another size than the name's is another article's
    (
        "stock.txt",
        "Stock list\nTQ3030-15   Square tube 30x30x1,5 mm, bar 6 m, net weight 8,10 kg\n",
        "Square tube 40x40x2 mm, bar 6 m",
        None,
    ),
    (
        "stock.txt",
        "Stock list\nTQ4040-20   Square tube 40x40x2,0 mm, bar 6 m, net weight 14,46 kg\n",
        "Square tube 40x40x2 mm, bar 6 m",
        14460,
    ),
    # a shop's tile with its price that gives another size than the name's is another product
    (
        "shop.txt",
        "Kabelbinder 200 x 4,8 mm schwarz\nPassend dazu:\n- Kabelbinder 300 x 4,8 mm, VE 100 – Gewicht 145 g – 4,99 €\n",
        "Kabelbinder 200 x 4,8 mm schwarz",
        None,
    ),
    (
        "shop.txt",
        "Kabelbinder 200 x 4,8 mm schwarz\nAngebote:\n- Kabelbinder 200 x 4,8 mm, VE 100 – Gewicht 98 g – 3,99 €\n",
        "Kabelbinder 200 x 4,8 mm schwarz",
        0.98,
    ),
    # a size the name gives in full starts with the row's ("90x90x65" of "90x90x65x2,5")
    (
        "stock.txt",
        "Listino\nSA-909065   Staffa angolare 90x90x65, peso 205 g\n",
        "Staffa angolare 90x90x65x2,5 zincata",
        205,
    ),
    # one of several single measured values is a sample's reading; the nominal mass is stated
    (
        "report.txt",
        "Prüfprotokoll 12/26 - Zaunpfahl\nStichprobe: 5 Stück\nMasse Einzelwerte: 98 g, 101 g, 97 g, 100 g, 99 g\nNennmasse: 100 g\n",
        "Zaunpfahl Kunststoff",
        100,
    ),
    (
        "report.txt",
        "Test report 7/26 - hook\nSamples: 3 pcs\nMass, individual values: 41.2 g, 40.6 g, 41.9 g\n",
        "Hook H-40",
        None,
    ),
    (
        "report.txt",
        "Test report 7/26 - hook\nSamples: 3 pcs\nMean mass (n = 3): 41.2 g\n",
        "Hook H-40",
        41.2,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_thirteenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("cells", "unit"),
    [
        ([("Basismengeneinheit", "ST"), ("Bezugsmenge", "1000"), ("Nettogewicht", "1,5")], 1000),
        (
            [("Basismengeneinheit", "ST"), ("Bezugsmenge", "1.000 ST"), ("Nettogewicht", "1,5")],
            1000,
        ),
        ([("Basismengeneinheit", "ST"), ("Bezugsmenge", "1"), ("Nettogewicht", "1,5")], None),
        (
            [("Basismengeneinheit", "ST"), ("Bezugsmenge", "1000 KAR"), ("Nettogewicht", "1,5")],
            None,
        ),
        ([("Basismengeneinheit", "M"), ("Bezugsmenge", "1"), ("Nettogewicht", "1,5")], "metre"),
    ],
)
def test_a_reference_quantity_says_what_a_row_weighs(
    cells: list[tuple[str, str]], unit: int | str | None
) -> None:
    got = UM.row_unit("Nettogewicht", cells)
    if unit is None:
        assert got is None
    elif unit == "metre":
        assert got is not None and got.metre
    else:
        assert got is not None and got.count == unit


@pytest.mark.parametrize(
    ("label", "packs"),
    [(" 50 boxes", 50), ("10 cartons", 10), ("box of 100", None), ("Karton mit 12 Rollen", None)],
)
def test_a_count_of_packs_is_told_from_a_pack_of_pieces(label: str, packs: int | None) -> None:
    assert C.packs_counted(label) == packs
