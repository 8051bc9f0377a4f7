"""Small XLSX files that expand into millions of strings, cells or characters: the work is
bounded (cells, shared strings, cell text) and a hostile file fails with a readable reason."""

from __future__ import annotations

import time

import pytest

from app.extraction import ExtractionError, extract_document, office
from app.extraction.document import ExtractionLimits
from tests.extraction import hostile


def _read(data: bytes, limits: ExtractionLimits | None = None):  # type: ignore[no-untyped-def]
    return extract_document(data, role="specification", filename="a.xlsx", limits=limits)


def test_more_shared_strings_than_can_be_read_fail_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office, "MAX_SHARED_STRINGS", 1_000)

    with pytest.raises(ExtractionError) as caught:
        _read(hostile.shared_strings_bomb_xlsx(1_001))

    assert caught.value.code == "file_too_complex"
    assert "more than 1,000 shared strings" in caught.value.message
    assert "0" in _read(hostile.shared_strings_bomb_xlsx(1_000)).text  # at the limit: read


def test_one_text_referenced_by_every_cell_fails_before_it_is_copied() -> None:
    data = hostile.repeated_string_xlsx(references=20_000, chars=32_000)
    assert len(data) < 1_000_000  # small on the wire

    start = time.perf_counter()
    with pytest.raises(ExtractionError) as caught:
        _read(data)

    assert caught.value.code == "file_too_complex"
    assert "characters of text" in caught.value.message
    assert time.perf_counter() - start < 30  # a hang guard, not a speed target (bench/)


def test_a_cell_holds_at_most_what_excel_allows() -> None:
    long = "x" * 50_000
    data = hostile.xlsx(
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
        f"<si><t>{long}</t></si>",
    )

    assert _read(data).text.count("x") == office.MAX_CELL_CHARS


def test_empty_cells_count_toward_the_cell_budget() -> None:
    padding = "".join(f'<c r="{c}1" s="1"/>' for c in "ABCDEFGHIJ")
    data = hostile.xlsx(
        f'<sheetData><row r="1">{padding}</row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Gewicht</t></is></c>'
        '<c r="B2"><v>250</v></c></row></sheetData>'
    )

    cut = _read(data, ExtractionLimits(max_cells=10))
    assert "Gewicht" not in cut.text
    assert any("more than 10 cells" in warning for warning in cut.warnings)
    assert "Gewicht" in _read(data, ExtractionLimits(max_cells=12)).text


def test_millions_of_padding_cells_are_cut_at_the_cell_budget() -> None:
    data = hostile.empty_cells_xlsx(60_000, per_row=1_000)

    doc = _read(data, ExtractionLimits(max_cells=20_000))

    assert any("more than 20,000 cells" in warning for warning in doc.warnings)


def test_cells_keep_their_columns_with_and_without_references() -> None:
    data = hostile.xlsx(
        "<sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Artikel</t></is></c><c r="B1"/>'
        '<c r="C1" t="inlineStr"><is><t>Gewicht</t></is></c></row>'
        '<row r="2"><c t="inlineStr"><is><t>Halter</t></is></c><c/><c><v>250</v></c></row>'
        "</sheetData>"
    )

    doc = _read(data)

    assert doc.tables, doc.text
    assert [list(row) for row in doc.tables[0].rows] == [["Halter", "", "250"]]


def test_cells_that_read_as_nothing_are_cut_at_their_own_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office, "MAX_DEAD_CELLS", 5_000)
    data = hostile.xlsx(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Gewicht</t></is></c>'
        '<c r="B1"><v>250</v></c></row>'
        + "".join(
            f'<row r="{r}">'
            + "".join(
                f'<c r="{hostile._column_name(c)}{r}" t="s"><v>{r}</v></c>' for c in range(100)
            )
            + "</row>"
            for r in range(2, 102)
        )
        + "</sheetData>"
    )

    doc = _read(data)

    assert "Gewicht" in doc.text  # what came before is kept
    assert any("more than 5,000 cells without text" in warning for warning in doc.warnings)


def test_a_string_index_out_of_range_reads_as_nothing_not_as_another_string() -> None:
    data = hostile.xlsx(
        '<sheetData><row r="1"><c r="A1" t="s"><v>-1</v></c><c r="B1" t="s"><v>7</v></c>'
        '<c r="C1" t="s"><v>0</v></c></row></sheetData>',
        "<si><t>Gewicht</t></si>",
    )

    assert _read(data).text.count("Gewicht") == 1
