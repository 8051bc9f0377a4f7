"""A parts list's total row is the article's weight when it is the sum of the listed parts.

Every document here is written for this file; each answered case has a counterpart whose
arithmetic or whose rows say the total is something else.
"""

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of

BOM = (
    "Stückliste Baugruppe Schwenkarm SA-300\n"
    "Pos | Benennung | Werkstoff | Menge | Masse [kg]\n"
    "10 | Armrohr 40 x 3 | S235JR | 1 | 1,240\n"
    "20 | Lagerbock | EN-GJL-250 | 1 | 0,860\n"
    "30 | Bolzen Ø 16 | C45 | 2 | 0,095\n"
    "{total}\n"
)


def test_the_total_row_of_a_parts_list_is_the_article_s_weight() -> None:
    text = BOM.format(total="Summe | 2,195")
    assert weight_of("bom.md", text, "Schwenkarm SA-300, komplett") == pytest.approx(2195.0)


def test_a_total_that_is_not_the_sum_of_the_rows_is_not_taken() -> None:
    text = BOM.format(total="Summe | 2,290")  # a qty of 2 counted twice: not what the rows add to
    assert weight_of("bom.md", text, "Schwenkarm SA-300, komplett") is None


def test_a_material_declaration_total_beside_its_share_column() -> None:
    text = (
        "Full material disclosure - relay socket RS-8\n"
        "Sub-part | Material | Mass (g) | Share of product mass\n"
        "Base | PBT GF30 | 9.40 | 72.3 %\n"
        "Contacts | CuSn6, tin plated | 2.80 | 21.5 %\n"
        "Clip | spring steel | 0.80 | 6.2 %\n"
        "Total product mass | 13.00 | 100 %\n"
    )
    # the figure equal to the masses' sum is the mass; the 100 is the shares' sum
    assert weight_of("fmd.txt", text, "Relay socket RS-8") == pytest.approx(13.0)


def test_a_label_value_total_under_a_list_with_a_unit_only_in_the_header() -> None:
    text = (
        "Costed BOM - door closer arm kit DK-5\n"
        "Pos: Part no. | Description | Qty | Unit weight (kg) | Line weight (kg)\n"
        "10: DK-5-01 | Main arm, forged | 1 | 0.410 | 0.410\n"
        "20: DK-5-02 | Link arm | 1 | 0.185 | 0.185\n"
        "30: DK-5-03 | Pivot screw M8 | 2 | 0.012 | 0.024\n"
        "Kit weight: 0.619\n"
    )
    assert weight_of("kit.txt", text, "Door closer arm kit DK-5") == pytest.approx(619.0)


def test_a_consignment_s_total_of_the_article_s_own_packages_is_not_its_weight() -> None:
    text = (
        "Delivery note 4711\n"
        "Pkg | Article | Description | Qty | Net weight (kg)\n"
        "1 | VB-20 | Valve body VB-20 | 40 | 96.0\n"
        "2 | VB-20 | Valve body VB-20 | 40 | 96.0\n"
        "3 | VB-20 | Valve body VB-20 | 10 | 24.0\n"
        "Total | 216.0\n"
    )
    assert weight_of("desadv.txt", text, "Valve body VB-20") is None


def test_a_column_of_packed_or_shot_weights_sums_no_parts() -> None:
    text = (
        "Gear series G1\n"
        "Teeth | Part | Shot weight (g)\n"
        "20 | G1-20 | 12.4\n"
        "30 | G1-30 | 25.6\n"
        "Total | 38.0\n"
    )
    assert weight_of("gears.txt", text, "Spur gear G1-40") is None


def test_a_sentence_that_happens_to_hold_the_sum_is_no_total() -> None:
    text = (
        "Sub-part | Material | Mass (g)\n"
        "Housing | PA66 | 30.5\n"
        "Cover | PA66 | 19.5\n"
        "The mould weight for this housing is about 50 kg on our 50 t press, see the tool list.\n"
    )
    assert weight_of("decl.txt", text, "Sensor housing SH-2") is None


def test_an_export_s_total_row_read_again_as_a_table_row_is_still_the_total() -> None:
    text = (
        "Pos;Benennung;Werkstoff;Masse [kg]\n"
        "10;Armrohr 40 x 3;S235JR;1,240\n"
        "20;Lagerbock;EN-GJL-250;0,860\n"
        "30;Bolzen Ø 16;C45;0,095\n"
        ";Summe Baugruppe;;2,195\n"
    )
    assert weight_of("bom.csv", text, "Schwenkarm SA-300, komplett") == pytest.approx(2195.0)
