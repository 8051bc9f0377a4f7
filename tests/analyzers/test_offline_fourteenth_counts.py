"""The fourteenth pass's abstentions where a pack count or a per-N label gives the weight.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a weight key that counts its pieces between underscores
("hmotnost_100ks_g", "weight_lb_per_1000"); an export record that states its own pack's count
beside the pack's weight ("peso_caja_kg" beside "caja_unidades"), and a letter size that tells
its records apart ("talla M"); a field that counts the pieces a page's pack holds ("Count |
1000 tips", not an order's "Quantity"); a name that says the article is the whole set ("Borrsats … 19 delar"); an
article export whose first column is its part number and that counts the pieces per box, and
a quote's rows, priced, whose "part" and "qty" fields do not make them a parts list; a table
cell that holds a JSON object (a PIM export's attributes), whose fields are the row's own.
Each rule has a counterpart where it must not fire.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import counts as C  # noqa: N812 - read as C.fn, as the rules do
from app.analyzers.offline import names as N  # noqa: N812
from app.analyzers.offline import set_counts as S  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a weight key that counts its pieces between underscores
    (
        "export.csv",
        "code;name;weight_100pcs_g\nSP-7;Compression spring 0.8x6x20;410\n",
        "Compression spring 0.8x6x20",
        4.1,
    ),
    (
        "export.csv",
        "artikel;bezeichnung;gewicht_1000_stk_kg\nSB-4;Scheibe 4,3 verzinkt;0,35\n",
        "Scheibe 4,3 verzinkt",
        0.35,
    ),
    (
        "export.csv",
        "codice;descrizione;peso_100_pz_g\nMO-3;Molla a trazione 0,6x5x25;220\n",
        "Molla a trazione 0,6x5x25",
        2.2,
    ),
    (  # counterpart: a key that names no count weighs the piece itself
        "export.csv",
        "code;name;weight_g\nSP-7;Compression spring 0.8x6x20;4.1\n",
        "Compression spring 0.8x6x20",
        4.1,
    ),
    (
        "items.json",
        '{"items": [{"sku": "WS-6", "name": "Wood screw 6 x 60 mm", "weight_kg_per_1000": 11.5}]}',
        "Wood screw 6 x 60 mm",
        11.5,
    ),
    (
        "items.json",
        '{"artikel": [{"nr": "NG-3", "name": "Nagel 3,1 x 80", "gewicht_g_je_100": 480, "karton_stk": 1000}]}',
        "Nagel 3,1 x 80",
        4.8,
    ),
    (  # counterpart: the box's count beside a weight of the piece does not divide it
        "items.json",
        '{"items": [{"sku": "WS-6", "name": "Wood screw 6 x 60 mm", "weight_g": 11.5, "box_qty": 200}]}',
        "Wood screw 6 x 60 mm",
        11.5,
    ),
    # an export record states its own pack's count beside the pack's weight
    (
        "api.json",
        '{"producto": "Mascarilla quirúrgica", "variantes": [{"color": "azul", "caja_unidades": 50, "peso_caja_kg": 0.15}]}',
        "Mascarilla quirúrgica azul (una mascarilla)",
        3.0,
    ),
    (
        "api.json",
        '{"product": "Cable tie 200 mm", "variants": [{"colour": "black", "box_pieces": 100, "box_weight_g": 120}]}',
        "Cable tie 200 mm black (one tie)",
        1.2,
    ),
    (
        "api.json",
        '{"prodotto": "Fascetta 200 mm", "varianti": [{"colore": "nero", "confezione_pezzi": 100, "peso_confezione_g": 130}]}',
        "Fascetta 200 mm nera (una fascetta)",
        1.3,
    ),
    (  # counterpart: a count of something else beside the pack's weight does not divide it
        "api.json",
        '{"product": "Cable tie 200 mm", "variants": [{"colour": "black", "stock_pieces": 4000, "box_weight_g": 120}]}',
        "Cable tie 200 mm black (one tie)",
        None,
    ),
    (  # counterpart: a logistics object's carton is a shipping unit, packaging and all
        "pim.json",
        '{"producto": {"nombre": "Ventilador de techo", "logistica": {"peso": {"neto": null, "bruto": 5.2, "unidad": "kg"}, "unidades_caja": 2, "peso_caja_kg": 11.0}}}',
        "Ventilador de techo",
        None,
    ),
    (  # counterpart: an outer carton of a record
        "pim.json",
        '{"items": [{"name": "Desk lamp", "master_carton_qty": 6, "master_carton_weight_kg": 9.0}]}',
        "Desk lamp",
        None,
    ),
    # a letter size tells the records of an export apart
    (
        "api.json",
        '{"producto": "Guante de vinilo", "variantes": [{"talla": "S", "caja_unidades": 100, "peso_caja_kg": 0.40}, {"talla": "M", "caja_unidades": 100, "peso_caja_kg": 0.45}, {"talla": "L", "caja_unidades": 100, "peso_caja_kg": 0.50}]}',
        "Guante de vinilo talla M (un guante)",
        4.5,
    ),
    (
        "api.json",
        '{"product": "Work shirt", "variants": [{"size": "M", "weight_g": 310}, {"size": "XL", "weight_g": 350}]}',
        "Work shirt, size XL",
        350,
    ),
    (  # counterpart: a name without a size leaves the records open
        "api.json",
        '{"product": "Work shirt", "variants": [{"size": "M", "weight_g": 310}, {"size": "XL", "weight_g": 350}]}',
        "Work shirt",
        None,
    ),
    # a field that counts the pieces of a page's pack
    (
        "shop.html",
        "<html><body><h1>Cotton buds, 500 pcs</h1><table><tr><td>Count</td><td>500 buds</td></tr><tr><td>Pack weight</td><td>300 g</td></tr></table></body></html>",
        "Cotton bud (one bud)",
        0.6,
    ),
    (
        "shop.html",
        "<html><body><h1>Kabelbinder schwarz</h1><table><tr><td>Stückzahl</td><td>200 Stück</td></tr><tr><td>Gewicht der Packung</td><td>240 g</td></tr></table></body></html>",
        "Kabelbinder schwarz 200 mm (ein Stück)",
        1.2,
    ),
    (
        "shop.html",
        "<html><body><h1>Tornillos</h1><table><tr><td>Número de piezas</td><td>100 piezas</td></tr><tr><td>Peso del paquete</td><td>450 g</td></tr></table></body></html>",
        "Tornillo 5 x 40 (una unidad)",
        4.5,
    ),
    (  # counterpart: an order's quantity is not what a pack holds
        "order.txt",
        "Order confirmation 4411\nQuantity: 500 pcs\nPackaging: carton, weight per carton 12 kg\n",
        "Hinge 40 mm",
        None,
    ),
    (  # counterpart: a bare count says not what it counts
        "shop.html",
        "<html><body><h1>Cotton buds</h1><table><tr><td>Count</td><td>500</td></tr><tr><td>Pack weight</td><td>300 g</td></tr></table></body></html>",
        "Cotton bud (one bud)",
        None,
    ),
    (  # counterpart: the name states the count: the article is the pack, never divided
        "shop.html",
        "<html><body><h1>Cotton buds, 500 pcs</h1><table><tr><td>Count</td><td>500 buds</td></tr><tr><td>Pack weight</td><td>300 g</td></tr></table></body></html>",
        "Cotton buds, pack of 500",
        300,  # the pack's weight is the article's (fifteenth pass: "Gewicht Paket" of a pack)
    ),
    # a name that says the article is the whole set
    (
        "set.txt",
        "Bohrersatz HSS 19-tlg., 1-10 mm\nIn Metallkassette.\nGewicht Satz: 520 g\n",
        "Bohrersatz HSS 19-tlg.",
        520,
    ),
    (
        "set.txt",
        "Bitsats 32 delar\nBits i plastlåda.\nVikt sats: 180 g\n",
        "Bitsats 32 delar",
        180,
    ),
    (
        "set.txt",
        "Socket set 1/4 in, 25 pieces\nIn a blow-moulded case.\nWeight of the set: 1.1 kg\n",
        "Socket set 1/4 in, 25 pieces",
        1100,
    ),
    (  # counterpart: one piece of a set whose count is not stated
        "set.txt",
        "HSS drill bits in a cassette.\nWeight per set: 410 g\n",
        "HSS drill bit 6 mm",
        None,
    ),
    # an article export whose first column is its part number, with its pieces per box
    (
        "export.csv",
        'Part;Description;Finish;lb/100;Box qty\nLW-025;Lock washer 1/4";zinc;0.26;100\nLW-031;Lock washer 5/16";zinc;0.45;100\n',
        'Lock washer 1/4", zinc',
        1.18,
    ),
    (
        "export.csv",
        "Teil;Bezeichnung;kg/1000;VE\nMU-8;Sechskantmutter M8;5,2;500\nMU-10;Sechskantmutter M10;10,9;250\n",
        "Sechskantmutter M8",
        5.2,
    ),
    # a quote's rows with their prices are articles sold, whatever the "part" field is called
    (
        "quote.csv",
        "quote_no,line,part,description,qty,unit_price_usd,wt_each_lb\nQ-1,1,CB-0500,Carriage bolt 1/2-13 x 3,500,0.44,0.1520\nQ-1,2,CB-0625,Carriage bolt 5/8-11 x 4,250,0.81,0.3010\n",
        "Carriage bolt 5/8-11 x 4",
        136.53,
    ),
    (
        "angebot.csv",
        "Angebot;Pos;Teil;Bezeichnung;Menge;Preis EUR;Stückgewicht kg\nA-9;1;SR-16;Stellring 16 mm;100;1,20;0,034\nA-9;2;SR-20;Stellring 20 mm;100;1,45;0,052\n",
        "Stellring 20 mm",
        52,
    ),
    (  # counterpart: a bill of materials with its prices stays one of components
        "bom.csv",
        "Bill of materials GP-20\nline,part,description,qty,unit_price_usd,wt_each_lb\n1,HS-1,Housing,1,12.00,0.92\n2,SH-1,Shaft,1,4.50,0.40\n",
        "Gear pump GP-20",
        None,
    ),
    # a table cell that holds a JSON object: its fields are the row's own
    (
        "pim.csv",
        'sku;name;attributes\nTR-80;Transportrolle 80 mm;"{""rad"": {""belag"": ""PU""}, ""tragkraft"": {""wert"": 120, ""einheit"": ""kg""}, ""gewicht"": {""wert"": 0.31, ""einheit"": ""kg""}}"\n',
        "Transportrolle 80 mm",
        310,
    ),
    (
        "pim.csv",
        'sku;name;attributes\nTR-80;Transportrolle 80 mm;"{""gewicht"": {""wert"": 0.31, ""einheit"": ""kg""}}"\nTR-100;Transportrolle 100 mm;"{""gewicht"": {""wert"": 0.45, ""einheit"": ""kg""}}"\n',
        "Transportrolle 100 mm",
        450,
    ),
    (  # counterpart: a load capacity in the cell is no weight
        "pim.csv",
        'sku;name;attributes\nTR-80;Transportrolle 80 mm;"{""rad"": {""belag"": ""PU""}, ""tragkraft"": {""wert"": 120, ""einheit"": ""kg""}}"\n',
        "Transportrolle 80 mm",
        None,
    ),
    (  # counterpart: a cell that is not JSON stays as written
        "pim.csv",
        "sku;name;note\nTR-80;Transportrolle 80 mm;{see catalogue page 12}\n",
        "Transportrolle 80 mm",
        None,
    ),
    (  # counterpart: a parts list of an assembly stays one of components
        "bom.csv",
        "Part;Material;Qty;Weight (g)\nHousing;PA6;1;420\nShaft;steel;1;180\n",
        "Gear pump GP-20",
        None,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_fourteenth_count_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("label", "count"),
    [
        ("hmotnost_100ks_g", 100),
        ("peso_1000_pz", 1000),
        ("Gewicht 100 Stück", 100),
        ("weight_g", None),
        ("weight_100_mm", None),
    ],
)
def test_a_weight_key_counts_its_pieces(label: str, count: int | None) -> None:
    assert C.weight_of_count(label) == count


@pytest.mark.parametrize(
    ("name", "sizes"),
    [
        ("Guante talla M", {"size=m"}),
        ("Arbeitshose Größe: XL", {"size=xl"}),
        ("T-shirt, size 2XL", {"size=2xl"}),
        ("Gant taille S", {"size=s"}),
        ("Shirt M", set()),
        ("Screw size 12", set()),
    ],
)
def test_a_letter_size_is_read_with_its_word(name: str, sizes: set[str]) -> None:
    assert N.letter_sizes(name.lower()) == sizes


@pytest.mark.parametrize(
    ("name", "whole"),
    [
        ("borrsats hss-g 19 delar", True),
        ("bohrersatz 19-tlg.", True),
        ("coffret de forets 19 pièces", True),
        ("set di punte 13 pezzi", True),
        ("hss drill bit 6 mm", False),
        ("offset screwdriver", False),
    ],
)
def test_a_name_says_it_is_the_whole_set(name: str, whole: bool) -> None:
    assert S.names_set(name) is whole
