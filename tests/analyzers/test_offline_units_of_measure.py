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
