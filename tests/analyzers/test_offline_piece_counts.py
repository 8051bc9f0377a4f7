"""A weight of several pieces is never reported as the weight of one.

Each mass carries the count it is for: a count in its label ("(100 adet)", "/1000"), a field
beside it in an export ("sztuk_w_opakowaniu", a GS1 case's next-lower-level quantity, "Base
poids=1000 PCE"), the quantity column of its table line, or the set or pair it names. Every
document is invented for this file and runs through the real extraction (text, CSV, JSON,
XLSX) and the offline analysis. Each answered case has a counterpart that must stay unsure,
and the article that IS the set keeps the set's weight.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

import pytest
from openpyxl import Workbook

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE, weight_of


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _weight(data: bytes, filename: str, name: str) -> float | None:
    doc = extract_document(data, role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams


# ------------------------------------------------------------------ a count in the label


@pytest.mark.parametrize(
    ("label", "grams"),
    [
        ("Ağırlık (100 adet)", 24.0),  # tr: a count in parentheses
        ("Hmotnost 100 ks", 24.0),  # cs: the count right after the weight word
        ("Peso por 100 peças", 24.0),  # pt
        ("Vikt/100 st", 24.0),  # sv
        ("Peso/1000 (kg)", 2.4),  # a round basis with no piece word
        ("質量 1000本あたり", 2.4),  # ja: per 1000 rods
    ],
)
def test_a_count_in_the_label_divides_the_figure(label: str, grams: float) -> None:
    text = f"Pin PN-6 steel, zinc plated\nMaterial: steel C45\n{label}: 2,4 kg\n"
    assert weight_of("sheet.txt", text, "Pin PN-6, steel") == pytest.approx(grams)


def test_a_count_of_the_article_s_own_noun_divides_the_figure() -> None:
    text = "Pouch PV-12, PE film 80 µm\nFormat | 120 x 180 mm\nMass per 1000 pouches | 5,2 kg\n"
    assert weight_of("sheet.txt", text, "Pouch PV-12, PE film") == pytest.approx(5.2)


def test_a_count_of_another_noun_is_not_the_article_s_count() -> None:
    # the label counts cartons, not the pouches the name asks for: never 5.2 kg per pouch
    text = "Pouch PV-12, PE film 80 µm\nFormat | 120 x 180 mm\nMass per 1000 cartons | 5,2 kg\n"
    assert weight_of("sheet.txt", text, "Pouch PV-12, PE film") != pytest.approx(5200.0)


def test_a_count_the_name_states_is_not_divided_out() -> None:
    # the article is the set of 19: never a nineteenth of its weight
    text = "Drill set DS-19, HSS\nContents: 19 pcs, 1-10 mm\nWeight (19 pcs): 0,54 kg\n"
    assert weight_of("sheet.txt", text, "Drill set DS-19, 19 pcs") != pytest.approx(540.0 / 19)


# ------------------------------------------------------------------ the fields beside a weight


def _export(pack: dict[str, object]) -> str:
    return json.dumps({"item": {"code": "HG-80", "name": "Hinge HG-80, zinc plated", "pack": pack}})


def test_a_pack_object_s_count_field_divides_its_weight() -> None:
    text = _export({"pieces_in_pack": 20, "net_weight_kg": 2.6, "gross_weight_kg": 2.8})
    assert weight_of("item.json", text, "Hinge HG-80") == pytest.approx(130.0)


def test_a_pack_object_without_a_count_is_not_the_piece_weight() -> None:
    text = _export({"net_weight_kg": 2.6, "gross_weight_kg": 2.8})
    assert weight_of("item.json", text, "Hinge HG-80") != pytest.approx(2600.0)


def _trade_items(child_quantity: int) -> str:
    return json.dumps(
        {
            "tradeItems": [
                {"gtin": "04000000000017", "descriptor": "BASE_UNIT_OR_EACH"},
                {
                    "gtin": "14000000000014",
                    "descriptor": "CASE",
                    "childTradeItem": {"quantityOfNextLowerLevelTradeItem": child_quantity},
                    "tradeItemWeight": {"netWeight": "12.5 kg", "grossWeight": "13.4 kg"},
                },
            ]
        }
    )


def test_a_gs1_case_s_weight_is_divided_by_its_next_lower_level_quantity() -> None:
    assert weight_of("gtin.json", _trade_items(250), "Paper cup PC-25") == pytest.approx(50.0)


def test_a_gs1_case_of_one_item_is_that_item_s_weight() -> None:
    assert weight_of("gtin.json", _trade_items(1), "Paper cup PC-25") == pytest.approx(12500.0)


def test_an_erp_row_s_weight_basis_divides_its_weight() -> None:
    rows = (
        "Code;Name;Weight;Weight unit;Weight basis\n"
        "OR-1010;O-ring 10 x 1 NBR;0,32;KG;1000 PCE\n"
        "OR-1220;O-ring 12 x 2 NBR;0,55;KG;1000 PCE\n"
    )
    assert weight_of("erp.csv", rows, "O-ring 12 x 2 NBR (OR-1220)") == pytest.approx(0.55)


def test_an_erp_row_whose_basis_is_one_piece_keeps_its_weight() -> None:
    rows = (
        "Code;Name;Weight;Weight unit;Weight basis\n"
        "OR-1010;O-ring 10 x 1 NBR;0,32;KG;1 PCE\n"
        "OR-1220;O-ring 12 x 2 NBR;0,55;KG;1 PCE\n"
    )
    assert weight_of("erp.csv", rows, "O-ring 12 x 2 NBR (OR-1220)") == pytest.approx(550.0)


def test_the_quantity_of_the_unit_the_weight_key_names_divides_it() -> None:
    rows = (
        "Code;Désignation;Qté par UC;Poids UC (kg)\n"
        "WS-08;Rondelle M8 inox;500;1,20\n"
        "WS-10;Rondelle M10 inox;250;1,10\n"
    )
    assert weight_of("export.csv", rows, "Rondelle M8 inox (WS-08)") == pytest.approx(2.4)


def test_a_per_piece_weight_key_is_not_divided_by_the_pack_quantity() -> None:
    rows = (
        "Code;Désignation;Qté par UC;Poids g/pce\n"
        "WS-08;Rondelle M8 inox;500;2,4\n"
        "WS-10;Rondelle M10 inox;250;4,4\n"
    )
    assert weight_of("export.csv", rows, "Rondelle M8 inox (WS-08)") == pytest.approx(2.4)


# ------------------------------------------------------------------ a table line's quantity


def test_a_line_total_is_divided_by_the_line_s_quantity() -> None:
    data = _xlsx(
        [
            ["Nabídka 2207"],
            ["Kód", "Popis", "Množství", "MJ", "Hmotnost celkem (kg)"],
            ["HS-800", "Hadice HS-800, 800 mm", 150, "ks", 76.5],
            ["HS-1200", "Hadice HS-1200, 1200 mm", 80, "ks", 71.2],
        ]
    )
    assert _weight(data, "offer.xlsx", "Hadice HS-1200, 1200 mm") == pytest.approx(890.0)


PACKING_LIST = (
    "Código;Artículo;Cantidad;Peso neto (kg);Peso bruto (kg)\n"
    "NT-8;Tuerca M8 latón;2000;11,0;11,6\n"
    "NT-10;Tuerca M10 latón;1000;11,4;12,0\n"
    "WS-8;Arandela M8 latón;2000;3,9;4,3\n"
)


def test_a_weight_column_a_total_row_sums_is_of_the_lines() -> None:
    text = PACKING_LIST + "Total;;5000;26,3;27,9\n"
    assert weight_of("list.csv", text, "Tuerca M8 latón (NT-8)") == pytest.approx(5.5)


def test_a_line_weight_the_header_leaves_unsaid_is_not_the_piece_weight() -> None:
    assert weight_of("list.csv", PACKING_LIST, "Tuerca M8 latón (NT-8)") is None


def test_a_line_weight_of_a_quantity_column_in_english_is_not_the_piece_weight() -> None:
    text = (
        "Code;Article;Quantity;Net weight (kg);Gross weight (kg)\n"
        "NT-8;Nut M8 brass;2000;11,0;11,6\n"
        "NT-10;Nut M10 brass;1000;11,4;12,0\n"
    )
    assert weight_of("list.csv", text, "Nut M8 brass (NT-8)") is None


def test_a_unit_weight_column_beside_a_quantity_is_the_piece_weight() -> None:
    text = (
        "Código;Artículo;Cantidad;Peso unitario (kg)\n"
        "NT-8;Tuerca M8 latón;2000;0,0055\n"
        "NT-10;Tuerca M10 latón;1000;0,0114\n"
    )
    assert weight_of("quote.csv", text, "Tuerca M8 latón (NT-8)") == pytest.approx(5.5)


def test_a_weight_header_that_names_the_article_weighs_one() -> None:
    data = _xlsx(
        [
            ["Angebot 3312"],
            ["Artikel", "Abmessung", "Stückzahl", "Gewicht Tafel (kg)", "Preis"],
            ["TF-15", "1,5 x 1250 x 2500 mm", 120, 36.8, "31,20 EUR/kg"],
            ["TF-20", "2,0 x 1250 x 2500 mm", 60, 49.1, "30,80 EUR/kg"],
        ]
    )
    name = "Blechtafel DC01 1,5 x 1250 x 2500 mm, eine Tafel (TF-15)"
    assert _weight(data, "offer.xlsx", name) == pytest.approx(36800.0)


def test_the_same_table_without_the_article_s_noun_in_the_header_is_unsure() -> None:
    data = _xlsx(
        [
            ["Angebot 3312"],
            ["Artikel", "Abmessung", "Stückzahl", "Gewicht (kg)", "Preis"],
            ["TF-15", "1,5 x 1250 x 2500 mm", 120, 36.8, "31,20 EUR/kg"],
            ["TF-20", "2,0 x 1250 x 2500 mm", 60, 49.1, "30,80 EUR/kg"],
        ]
    )
    name = "Blechtafel DC01 1,5 x 1250 x 2500 mm, eine Tafel (TF-15)"
    assert _weight(data, "offer.xlsx", name) is None


# ------------------------------------------------------------------ a set or a pair


def test_a_set_s_weight_is_divided_by_the_count_the_document_states() -> None:
    text = "Table leg TL-10, steel, black – set of 4\nHeight | 100 mm\nWeight per set | 1,2 kg\n"
    assert weight_of("shop.txt", text, "Table leg TL-10 (one leg)") == pytest.approx(300.0)


def test_a_set_without_a_stated_count_is_not_the_piece_weight() -> None:
    text = "Table leg TL-10, steel, black\nHeight | 100 mm\nWeight per set | 1,2 kg\n"
    assert weight_of("shop.txt", text, "Table leg TL-10 (one leg)") is None


def test_an_article_that_is_the_set_keeps_the_set_s_weight() -> None:
    text = "Table leg TL-10, steel, black – set of 4\nHeight | 100 mm\nWeight per set | 1,2 kg\n"
    assert weight_of("shop.txt", text, "Table legs TL-10, set of 4") == pytest.approx(1200.0)


def test_a_satz_s_weight_is_divided_by_its_stated_count() -> None:
    text = "Stellfuß SF-8, Stahl, Satz mit 4 Stück\nHöhe | 80 mm\nGewicht pro Satz | 0,96 kg\n"
    assert weight_of("sheet.txt", text, "Stellfuß SF-8 (ein Fuß)") == pytest.approx(240.0)


def test_a_pair_s_weight_of_one_rail_is_of_two() -> None:
    text = (
        "スライドレール DR-35\n左右1組(2本)での販売\n| 品番 | 質量 (1組) |\n| DR-35 | 0.72 kg |\n"
    )
    assert weight_of("sheet.md", text, "スライドレール DR-35 1本") == pytest.approx(360.0)


def test_a_pair_s_weight_is_not_one_rail_s() -> None:
    text = "Drawer slide DS-35, steel\nLength | 350 mm\nWeight (pair) | 0,72 kg\n"
    assert weight_of("sheet.txt", text, "Drawer slide DS-35 (one rail)") != pytest.approx(720.0)


def test_a_consignment_s_total_is_not_the_piece_weight() -> None:
    text = (
        "Offer 5521\n"
        "Bracket BR-40, steel 3 mm, 1,000 pcs at 0.92 EUR\n"
        "Total weight of goods | 410 kg\n"
    )
    assert weight_of("offer.txt", text, "Bracket BR-40, steel 3 mm") is None


def test_a_lot_s_weight_is_divided_by_the_lot_s_count() -> None:
    text = "Cotação 771 – suporte SP-20\nQuantidade: lote de 2.000 unidades\nPeso do lote: 740 kg\n"
    assert weight_of("mail.txt", text, "Suporte SP-20, aço") == pytest.approx(370.0)


def test_a_lot_without_a_count_is_not_the_piece_weight() -> None:
    text = "Cotação 771 – suporte SP-20\nQuantidade: um lote\nPeso do lote: 740 kg\n"
    assert weight_of("mail.txt", text, "Suporte SP-20, aço") is None


def test_the_article_that_is_the_lot_keeps_its_weight() -> None:
    text = "Lote de teste LT-5, amostras\nPeso do lote: 2,4 kg\n"
    assert weight_of("mail.txt", text, "Lote de teste LT-5") == pytest.approx(2400.0)


SPACED_OFFER = (
    "OFERTA 88-12\n"
    "Lín. Ref.      Descripción                 Uds.   Precio/ud.   {header}\n"
    "1    LM-20     Lámina de corte 200 mm      400    3,10 €       48,0 kg\n"
    "2    LM-30     Lámina de corte 300 mm      100    4,60 €       18,5 kg\n"
)


def test_a_line_total_of_a_table_laid_out_with_spaces_is_divided() -> None:
    text = SPACED_OFFER.format(header="Peso total línea")
    assert weight_of("offer.txt", text, "Lámina de corte 200 mm (LM-20)") == pytest.approx(120.0)


def test_a_per_piece_key_beside_a_pack_count_keeps_its_weight() -> None:
    text = json.dumps({"item": {"weight_per_piece": "5.2 g", "pcs_per_box": 1000}})
    assert weight_of("item.json", text, "Nut M8") == pytest.approx(5.2)


def test_a_spaced_line_weight_the_header_leaves_unsaid_is_not_the_piece_weight() -> None:
    text = SPACED_OFFER.format(header="Peso")
    assert weight_of("offer.txt", text, "Lámina de corte 200 mm (LM-20)") is None
