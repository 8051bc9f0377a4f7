"""Small XLSX files that expand into millions of strings, cells or characters: the work is
bounded (cells, shared strings, cell text) and a hostile file fails with a readable reason."""

from __future__ import annotations

import io
import time
import zipfile

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


def _with_part(data: bytes, name: str, text: str) -> bytes:
    """The workbook with one part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, text if info.filename == name else source.read(info))
    return out.getvalue()


def test_cells_with_values_past_their_budget_are_cut_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Half a million one-digit cells stay under the text budget; their number is the cost."""
    monkeypatch.setattr(office, "MAX_VALUE_CELLS", 3_000)
    data = hostile.small_cells_xlsx(10_000, per_row=1_000)

    doc = _read(data)

    assert any("more than 3,000 cells with a value" in warning for warning in doc.warnings)
    assert doc.tables and len(doc.tables[0].rows) == 3  # three whole rows, then the cut
    assert doc.text.startswith("1: 2 | 3 | 4 | 5")  # what came before is kept
    assert len(_read(hostile.small_cells_xlsx(3_000, per_row=1_000)).warnings) == 0


def test_a_product_export_of_5000_rows_by_30_columns_is_read_whole() -> None:
    from tests.extraction import files

    doc = _read(files.product_export_xlsx(rows=5_000, columns=30))

    assert doc.warnings == []
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert len(table.header) == 30 and table.header[:2] == ("SKU", "EAN")
    assert len(table.rows) == 5_000 and all(len(row) == 30 for row in table.rows)
    assert table.rows[-1][0] == "A105001"
    assert "A100002: EAN=4000000000002 | Name=Halter 2" in doc.text  # the first article
    assert "A105001: EAN=4000000005001" in doc.text  # and the last


def test_shared_strings_past_the_limit_are_refused_before_they_are_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office, "MAX_SHARED_STRINGS", 1_000)
    parsed: list[str] = []
    iterparse = office._iterparse

    def spy(archive, name, tag):  # type: ignore[no-untyped-def]
        parsed.append(name)
        return iterparse(archive, name, tag)

    monkeypatch.setattr(office, "_iterparse", spy)

    with pytest.raises(ExtractionError) as caught:
        _read(hostile.shared_strings_bomb_xlsx(1_001))

    assert caught.value.code == "file_too_complex"
    assert "more than 1,000 shared strings" in caught.value.message
    assert "xl/sharedStrings.xml" not in parsed


def test_shared_strings_the_count_cannot_see_are_still_refused_by_the_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A namespace prefix hides the tags from the byte count; the parse counts them itself."""
    monkeypatch.setattr(office, "MAX_SHARED_STRINGS", 1_000)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    data = _with_part(
        hostile.xlsx('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', ""),
        "xl/sharedStrings.xml",
        f'<x:sst xmlns:x="{main}">'
        + "".join(f"<x:si><x:t>{n}</x:t></x:si>" for n in range(1_001))
        + "</x:sst>",
    )

    with pytest.raises(ExtractionError) as caught:
        _read(data)

    assert caught.value.code == "file_too_complex"
    assert "more than 1,000 shared strings" in caught.value.message


def test_table_cells_are_cleaned_like_the_text() -> None:
    """The cells of a clean table are passed through as they are; any other is cleaned."""
    from app.extraction.document import Table
    from app.extraction.extract import _clean_table

    clean = Table("sheet A", ("Part", "Weight"), (("Halter", "250 g"), ("Clip", "")))
    assert _clean_table(clean) == clean
    dirty = Table(
        "sheet A", ("Pa\x07rt", " Weight"), (("Hal\nter", "２５０\u00a0ｇ"), ("a  b", "\ud800"))
    )
    assert _clean_table(dirty) == Table(
        "sheet A", ("Part", "Weight"), (("Hal ter", "250 g"), ("a b", "?"))
    )


def test_full_width_cells_of_a_sheet_are_normalised_in_its_table() -> None:
    data = hostile.xlsx(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Gewicht</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>２５０ ｇ</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>Stahl</t></is></c></row></sheetData>'
    )

    doc = _read(data)

    assert doc.tables[0].rows == (("Gewicht", "250 g", "Stahl"),)
