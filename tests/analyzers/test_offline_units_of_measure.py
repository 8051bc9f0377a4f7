"""An ERP row's weight is for its unit of measure, which need not be one piece.

An export states each article's weight per its base unit of measure, in a column of its own: a
box of a stated count ("uom | BX" beside "qty_per_uom | 50"), a thousand pieces (SAP's "TST"),
a metre ("um | M"). The weight is divided by the count, or multiplied by the length the name
states; with no count or no length the analysis abstains instead of reporting a box's weight as
the piece's. Every document is invented for this file and runs through the real extraction
(CSV, XLSX) and the offline analysis.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from openpyxl import Workbook

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.analyzers.offline import units_of_measure as UM  # noqa: N812 - the module under test
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


def _xlsx_weight(rows: Sequence[Sequence[object]], name: str) -> float | None:
    doc = extract_document(_xlsx(rows), role="specification", filename="export.xlsx")
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams


# ------------------------------------------------------------------ a box of a stated count

_BOXES = (
    "sku,text,uom,qty_per_uom,net_weight,weight_uom\n"
    'LN-08,"Lens cap 8 mm, black ABS",BX,50,0.36,KG\n'
    'LN-12,"Lens cap 12 mm, black ABS",BX,25,0.41,KG\n'
)


def test_a_box_weight_is_divided_by_the_count_beside_it() -> None:
    got = weight_of("export.csv", _BOXES, "Lens cap 12 mm, black ABS (LN-12)")
    assert got == pytest.approx(410.0 / 25)


def test_a_box_without_a_count_is_not_the_piece_s_weight() -> None:
    rows = (
        "sku,text,uom,net_weight,weight_uom\n"
        'LN-08,"Lens cap 8 mm, black ABS",BX,0.36,KG\n'
        'LN-12,"Lens cap 12 mm, black ABS",BX,0.41,KG\n'
    )
    assert weight_of("export.csv", rows, "Lens cap 12 mm, black ABS (LN-12)") is None


def test_a_carton_code_in_spanish_with_its_contents_field() -> None:
    rows = _xlsx_weight(
        [
            ["Código", "Descripción", "Unidad", "Contenido", "Peso neto", "Unidad peso"],
            ["TR-4", "Taco de nylon 6 x 30", "CJ", 200, 0.62, "KG"],
            ["TR-8", "Taco de nylon 8 x 40", "CJ", 100, 0.71, "KG"],
        ],
        "Taco de nylon 8 x 40 (TR-8)",
    )
    assert rows == pytest.approx(7.1)


def test_one_piece_codes_keep_the_weight() -> None:
    rows = _xlsx_weight(
        [
            ["Code", "Désignation", "Unité", "Contenu", "Poids net", "Unité poids"],
            ["EQ-1", "Équerre acier 40 x 40", "PCE", 100, 0.045, "KG"],
            ["EQ-2", "Équerre acier 60 x 60", "PCE", 100, 0.082, "KG"],
        ],
        "Équerre acier 60 x 60 (EQ-2)",
    )
    assert rows == pytest.approx(82.0)


# ------------------------------------------------------------------ a code that counts the pieces


def test_a_thousand_pieces_code_divides_by_a_thousand() -> None:
    rows = (
        "Material;Kurztext;ME;Nettogewicht;Gewichtseinheit\n"
        "4711;Blechschraube 3,9x13 verzinkt;TST;1,420;KG\n"
        "4712;Blechschraube 3,9x19 verzinkt;TST;1,910;KG\n"
    )
    got = weight_of("sap.csv", rows, "Blechschraube 3,9x19 verzinkt")
    assert got == pytest.approx(1.91)


def test_an_unknown_pack_code_without_a_count_abstains() -> None:
    rows = (
        "Material;Kurztext;ME;Nettogewicht;Gewichtseinheit\n"
        "4711;Blechschraube 3,9x13 verzinkt;PAK;1,420;KG\n"
        "4712;Blechschraube 3,9x19 verzinkt;PAK;1,910;KG\n"
    )
    assert weight_of("sap.csv", rows, "Blechschraube 3,9x19 verzinkt") is None


# ------------------------------------------------------------------ a metre


def test_a_weight_per_metre_unit_times_the_length_the_name_states() -> None:
    rows = (
        "codice;descrizione;um;peso_netto;um_peso\n"
        "GU-50;Guaina spiralata PA 16 mm, matassa 50 m;M;0,042;KG\n"
        "GU-25;Guaina spiralata PA 16 mm, matassa 25 m;M;0,042;KG\n"
    )
    got = weight_of("gestionale.csv", rows, "Guaina spiralata PA 16 mm, matassa 50 m (GU-50)")
    assert got == pytest.approx(42.0 * 50)


def test_a_weight_per_metre_unit_without_a_length_abstains() -> None:
    rows = (
        "codice;descrizione;um;peso_netto;um_peso\n"
        "GU-16;Guaina spiralata PA 16 mm;M;0,042;KG\n"
        "GU-20;Guaina spiralata PA 20 mm;M;0,061;KG\n"
    )
    assert weight_of("gestionale.csv", rows, "Guaina spiralata PA 16 mm (GU-16)") is None


# ------------------------------------------------------------------ the pack count of the row


def test_a_pack_count_with_a_piece_word_in_brackets_is_the_row_s() -> None:
    rows = (
        "Art.;Bezeichnung;VE (Stück);Gewicht VE (kg)\n"
        "LV-1;Lochplatte 40 x 120;200;7,20\n"
        "LV-2;Lochplatte 60 x 160;50;4,10\n"
    )
    got = weight_of("liste.csv", rows, "Lochplatte 60 x 160 (LV-2)")
    assert got == pytest.approx(82.0)


def test_a_pack_with_a_bracketed_mass_unit_is_not_a_count() -> None:
    rows = (
        "Art.;Bezeichnung;VE (kg);Gewicht VE (kg)\n"
        "LV-1;Lochplatte 40 x 120;8;7,20\n"
        "LV-2;Lochplatte 60 x 160;5;4,10\n"
    )
    got = weight_of("liste.csv", rows, "Lochplatte 60 x 160 (LV-2)")
    assert got not in (pytest.approx(820.0), pytest.approx(4100.0))


# ------------------------------------------------------------------ the reader itself


@pytest.mark.parametrize(
    ("cells", "count", "metre"),
    [
        ([("uom", "CS"), ("units per uom", "24")], 24, False),
        (([("Basismengeneinheit", "TST")]), 1000, False),
        (([("unité", "MTR")]), None, True),
        (([("jm", "KRT"), ("ilość", "40")]), 40, False),
        (([("Einheit", "HST")]), 100, False),
    ],
)
def test_the_unit_column_is_read_in_every_writing(
    cells: list[tuple[str, str]], count: int | None, metre: bool
) -> None:
    unit = UM.row_unit("Net weight", [*cells, ("Net weight", "1,2")])
    assert unit is not None
    assert (unit.count, unit.metre) == (count, metre)


@pytest.mark.parametrize(
    "cells",
    [
        [("uom", "EA"), ("qty", "10")],  # one piece
        [("weight_uom", "KG")],  # the unit of the weight figure, not of the article
        [("uom", "BX"), ("uom ", "CS")],  # two units that disagree
        [("uom", "BX"), ("qty_per_uom", "1")],  # a box of one is the piece
    ],
)
def test_no_unit_is_read_where_the_row_does_not_say(cells: list[tuple[str, str]]) -> None:
    assert UM.row_unit("Net weight", [*cells, ("Net weight", "1,2")]) is None


# ------------------------------------------------------------------ a counted pack in the label


@pytest.mark.parametrize(
    "label",
    ["Weight (box of 50, net)", "Poids (boîte de 50, net)", "Gewicht (Karton à 50, netto)"],
)
def test_a_net_weight_of_a_counted_pack_is_divided(label: str) -> None:
    text = f"Ear tip ET-4, silicone\nMaterial: silicone\n{label}: 0,30 kg\n"
    assert weight_of("card.txt", text, "Ear tip ET-4, silicone") == pytest.approx(6.0)


def test_a_net_weight_of_an_uncounted_pack_abstains() -> None:
    text = "Ear tip ET-4, silicone\nMaterial: silicone\nWeight (box, net): 0,30 kg\n"
    assert weight_of("card.txt", text, "Ear tip ET-4, silicone") is None


# ------------------------------------------------------------------ a weight per set or container


def test_a_weight_per_set_of_one_piece_s_article_is_not_the_piece_s() -> None:
    text = "Quotation Q-118\nItem 1: hex key 4 mm, CrV\nNW 0.48kg/set (incl. holder), 20sets/ctn\n"
    assert weight_of("quote.txt", text, "Hex key 4 mm, CrV") is None


def test_a_weight_per_set_of_an_article_that_is_the_set_is_kept() -> None:
    text = "Quotation Q-118\nItem 1: hex key set 9 pcs, CrV\nNW 0.48kg/set, 20sets/ctn\n"
    assert weight_of("quote.txt", text, "Hex key set 9 pcs, CrV") == pytest.approx(480.0)


# ------------------------------------------------------------------ a pair that is the article


def test_the_pair_weight_of_an_article_that_is_a_pair_is_not_a_torque() -> None:
    # Italian "coppia" is a pair and a torque: of a "Coppia di …" it weighs the pair
    text = (
        "Coppia di pomoli Lago, ottone lucido\nMateriale: ottone\n"
        "Peso singolo pomolo | 0,21 kg\nPeso coppia completa | 0,47 kg\n"
    )
    assert weight_of("scheda.txt", text, "Coppia di pomoli Lago, ottone") == pytest.approx(470.0)


def test_a_torque_of_an_article_that_is_not_a_pair_is_no_weight() -> None:
    text = (
        "Avvitatore AV-12, 12 V\nMateriale: ABS, acciaio\n"
        "Coppia massima | 30 Nm\nPeso coppia | 0,47 kg\n"
    )
    assert weight_of("scheda.txt", text, "Avvitatore AV-12, 12 V") is None


# ------------------------------------------------------------------ a pack count in a spaced table


def test_a_spaced_table_s_pack_count_is_the_row_s() -> None:
    text = (
        "Ürün bilgi formu: Pirinç rakor, düz\n\n"
        "Ölçü    Kod        Paket içi   Paket ağırlığı   Koli içi\n"
        "12 mm   PR-12      20 adet     0,50 kg          400 adet\n"
        "16 mm   PR-16      10 adet     0,42 kg          200 adet\n"
    )
    assert weight_of("form.txt", text, "Pirinç rakor 16 mm (PR-16)") == pytest.approx(42.0)


def test_a_spaced_table_without_a_pack_count_abstains() -> None:
    text = (
        "Ürün bilgi formu: Pirinç rakor, düz\n\n"
        "Ölçü    Kod        Paket ağırlığı   Koli içi\n"
        "12 mm   PR-12      0,50 kg          400 adet\n"
        "16 mm   PR-16      0,42 kg          200 adet\n"
    )
    assert weight_of("form.txt", text, "Pirinç rakor 16 mm (PR-16)") is None


# ------------------------------------------------------------------ a count of the article's noun


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Poids d'une botte de 10 cornières : 8,4 kg.", "Cornière acier 40 x 40 x 4, 1 m"),
        ("Weight of a bundle of 10 angles: 8.4 kg", "Angle steel 40 x 40 x 4, 1 m"),
        ("Gewicht eines Bundes mit 10 Winkeln: 8,4 kg", "Winkel Stahl 40 x 40 x 4, 1 m"),
    ],
)
def test_the_weight_of_a_count_of_the_article_s_noun_is_divided(line: str, name: str) -> None:
    text = f"{name}\nMatériau / material: S235\n{line}\n"
    assert weight_of("note.txt", text, name) == pytest.approx(840.0)


def test_a_count_of_another_noun_does_not_divide() -> None:
    # ten packs of something else: never a tenth of the bundle as the piece's weight
    text = (
        "Cornière acier 40 x 40 x 4, 1 m\nMatériau: S235\nPoids d'une botte de 10 tubes : 8,4 kg.\n"
    )
    assert weight_of("note.txt", text, "Cornière acier 40 x 40 x 4, 1 m") != pytest.approx(840.0)


def test_a_count_per_pack_of_another_column_is_not_the_pack_s() -> None:
    # "Ask/kartong" counts boxes per carton: with "Antal/ask" beside it the count is unsure
    text = (
        "Produktblad: Träskruv, förzinkad\n\n"
        "Art.nr   Dimension    Antal/ask   Vikt/ask   Ask/kartong\n"
        "TS-4030  4,0 x 30 mm  500 st      0,92 kg    10\n"
        "TS-5060  5,0 x 60 mm  200 st      1,38 kg    12\n"
    )
    got = weight_of("blad.txt", text, "Träskruv 5,0 x 60 mm (TS-5060)")
    assert got not in (pytest.approx(1380.0 / 12), pytest.approx(1380.0))


# ------------------------------------------------------------------ a weight per foot


def test_a_weight_per_foot_times_the_length_in_feet_the_name_states() -> None:
    text = 'Submittal: steel conduit EMT 3/4"\nMaterial: steel\nWeight: 0.50 lb/ft\n'
    got = weight_of("submittal.txt", text, 'EMT conduit 3/4", 10 ft length')
    assert got == pytest.approx(0.5 * 453.59237 * 10, rel=1e-3)


def test_a_weight_per_foot_without_a_length_abstains() -> None:
    text = 'Submittal: steel conduit EMT 3/4"\nMaterial: steel\nWeight: 0.50 lb/ft\n'
    assert weight_of("submittal.txt", text, 'EMT conduit 3/4"') is None


# ------------------------------------------------------------------ an export of articles sold


_EXPORT = (
    "Item,Description,UPC,Net Wt,Wt UoM,Case Qty,Case Wt (LB)\n"
    "TG-1,Toggle switch 15 A,000000223344,0.10,LB,10,1.3\n"
    "TG-2,Toggle switch 20 A,000000223351,0.14,LB,10,1.7\n"
)


def test_an_export_row_with_a_trade_item_number_is_the_article_s() -> None:
    got = weight_of("export.csv", _EXPORT, "Toggle switch 20 A (TG-2)")
    assert got == pytest.approx(0.14 * 453.59237, rel=1e-3)


def test_a_parts_list_row_is_still_a_component() -> None:
    rows = "Item,Description,Qty,Net Wt,Wt UoM\n1,Housing,1,0.10,LB\n2,Rocker,1,0.02,LB\n"
    assert weight_of("bom.csv", rows, "Toggle switch 20 A (TG-2)") is None


# ------------------------------------------------------------------ a pack's net weight


def test_a_pack_s_net_weight_in_brackets_after_the_pack_is_not_the_piece_s() -> None:
    text = (
        "Filterbeutel FB-3, Vlies\nPackungsinhalt: 4 Filterbeutel, 1 Motorfilter\n"
        "Gewicht Packung (netto) | 96 g\n"
    )
    assert weight_of("blatt.md", text, "Filterbeutel FB-3 (Vlies), 1 Beutel") != pytest.approx(96.0)


def test_a_piece_s_net_weight_in_brackets_is_kept() -> None:
    text = "Filterbeutel FB-3, Vlies\nMaterial: Vlies\nGewicht Beutel (netto) | 21 g\n"
    assert weight_of("blatt.md", text, "Filterbeutel FB-3 (Vlies), 1 Beutel") == pytest.approx(21.0)


# ------------------------------------------------------------------ a list of weights per count


def test_a_weight_per_thousand_pieces_needs_no_weight_word() -> None:
    text = (
        "Buongiorno,\necco i dati richiesti:\n\n"
        "- Vite autofilettante TC 3,5 x 13 ....... 0,95 kg/1000 pz\n"
        "Distinti saluti\n"
    )
    got = weight_of("mail.txt", text, "Vite autofilettante TC 3,5 x 13")
    assert got == pytest.approx(0.95)


def test_a_mass_per_thousand_of_nothing_named_is_no_weight() -> None:
    # "kg/1000" says no pieces and no word calls it a weight: never reported
    text = (
        "Buongiorno,\necco i dati richiesti:\n\n"
        "- Vite autofilettante TC 3,5 x 13 ....... 0,95 kg/1000\n"
        "Distinti saluti\n"
    )
    assert weight_of("mail.txt", text, "Vite autofilettante TC 3,5 x 13") is None


# ------------------------------------------------------------------ an amount a pack adds


@pytest.mark.parametrize(
    "line",
    [
        "Il peso del cartone è di circa 0,4 kg in più rispetto al contenuto.",
        "The carton weighs about 0.4 kg more than its contents.",
        "Der Karton wiegt 0,4 kg zusätzlich zum Inhalt.",
    ],
)
def test_what_a_carton_adds_is_no_weight(line: str) -> None:
    text = f"Rondella piana M8, acciaio zincato\nMateriale: acciaio\n{line}\n"
    assert weight_of("mail.txt", text, "Rondella piana M8, acciaio zincato") is None


def test_a_carton_weight_stated_as_such_is_not_what_it_adds() -> None:
    text = (
        "Rondella piana M8, acciaio zincato\nMateriale: acciaio\n"
        "Peso netto: 2,1 g\nIl cartone pesa 0,4 kg in totale.\n"
    )
    got = weight_of("mail.txt", text, "Rondella piana M8, acciaio zincato")
    assert got == pytest.approx(2.1)


# ------------------------------------------------------------------ a pack's mass is no count


def test_a_bag_of_a_mass_is_not_a_count_of_pieces() -> None:
    # "Sac de 25 kg" weighs 25 kg: never 1 kg as the weight of one of 25 pieces
    text = "Sable de quartz 0,4-0,8 mm\nConditionnement : Sac PE de 25 kg\n"
    assert weight_of("fiche.txt", text, "Sable de quartz 0,4-0,8 mm") != pytest.approx(1000.0)


def test_a_bag_of_a_count_is_divided() -> None:
    text = "Cheville nylon 8 x 40\nMatériau : PA6\nConditionnement : Sac de 25 pièces, 0,10 kg\n"
    got = weight_of("fiche.txt", text, "Cheville nylon 8 x 40")
    assert got == pytest.approx(4.0)
