"""Index values: PUT/GET by month, and CSV imports in the publishers' own formats."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.indices.imports import code_of_title, copy_rows, month_of, parse_index_csv
from tests.conftest import make_settings
from tests.support import running_app

KEYS = "val-a:key-val-a,val-b:key-val-b"
A = {"X-API-Key": "key-val-a"}
B = {"X-API-Key": "key-val-b"}


@pytest.fixture
async def client(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[httpx2.AsyncClient]:
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            "DELETE FROM index_values WHERE index_id IN "
            "(SELECT id FROM indices WHERE tenant IN ('val-a', 'val-b'))"
        )
    async with running_app(make_settings(migrated_url, api_keys=KEYS)) as (_, http):
        yield http


async def _index(client: httpx2.AsyncClient, code: str, headers: dict[str, str] = A) -> int:
    indices = (await client.get("/api/indices", headers=headers)).json()
    return int(next(i["id"] for i in indices if i["code"] == code))


async def _import(
    client: httpx2.AsyncClient, content: bytes, headers: dict[str, str] = A, **fields: str
) -> httpx2.Response:
    return await client.post(
        "/api/indices/import",
        files={"file": ("values.csv", content, "text/csv")},
        data=fields,
        headers=headers,
    )


async def test_values_are_upserted_by_month_and_read_back_in_a_range(client: httpx2.AsyncClient):
    steel = await _index(client, "steel")
    url = f"/api/indices/{steel}/values"
    body = [
        {"period": "2024-01", "value": 700},
        {"period": "2024-02-29", "value": 710.5},
        {"period": "2024-03", "value": 720},
    ]

    first = await client.put(url, json=body, headers=A)
    again = await client.put(url, json=body, headers=A)

    assert first.status_code == again.status_code == 200, first.text
    assert first.json() == {"index_id": steel, "written": 3}
    values = (await client.get(f"{url}?from=2024-02&to=2024-03", headers=A)).json()
    assert values == [{"period": "2024-02", "value": 710.5}, {"period": "2024-03", "value": 720.0}]
    await client.put(url, json=[{"period": "2024-03-15", "value": 725}], headers=A)
    assert (await client.get(f"{url}?from=2024-03", headers=A)).json() == [
        {"period": "2024-03", "value": 725.0}
    ]


async def test_bad_values_are_422_naming_the_row(client: httpx2.AsyncClient):
    url = f"/api/indices/{await _index(client, 'steel')}/values"
    cases = [
        ([{"period": "2024-13", "value": 1}], "[0].period"),
        ([{"period": "soon", "value": 1}], "[0].period"),
        ([{"period": "2024-01", "value": 1}, {"period": "2024-01-31", "value": 2}], "[1].period"),
        ([{"period": "2024-01", "value": -5}], "0.value"),
    ]
    for body, field in cases:
        response = await client.put(url, json=body, headers=A)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    assert (await client.get(f"{url}?from=2024-01&to=2024-01", headers=A)).json() == []


async def test_values_are_tenant_isolated(client: httpx2.AsyncClient):
    steel_a = await _index(client, "steel")
    url = f"/api/indices/{steel_a}/values"
    await client.put(url, json=[{"period": "2024-01", "value": 1}], headers=A)
    assert (await client.get(url, headers=B)).status_code == 404
    assert (
        await client.put(url, json=[{"period": "2024-01", "value": 2}], headers=B)
    ).status_code == 404
    # An import names codes of the caller's own catalogue only.
    await _import(client, b"code,date,value\nsteel,2024-01,999\n", headers=B)
    assert (await client.get(url, headers=A)).json() == [{"period": "2024-01", "value": 1.0}]


async def test_a_generic_file_with_many_indices_is_imported_at_once(client: httpx2.AsyncClient):
    content = b"code,date,value\nsteel,2024-01,700\nsteel,2024-02,705\naluminium,2024-01-31,2300\n"

    response = await _import(client, content)

    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert (body["format"], body["imported"], body["dry_run"]) == ("generic", 3, False)
    assert [(s["code"], s["first"], s["last"], s["count"]) for s in body["series"]] == [
        ("aluminium", "2024-01", "2024-01", 1),
        ("steel", "2024-01", "2024-02", 2),
    ]
    aluminium = await _index(client, "aluminium")
    assert (await client.get(f"/api/indices/{aluminium}/values", headers=A)).json() == [
        {"period": "2024-01", "value": 2300.0}
    ]
    # Importing again replaces the months it names and keeps the others.
    again = await _import(
        client, b"code,date,value\naluminium,2024-01,2400\naluminium,2024-02,2500\n"
    )
    assert again.status_code == 200, again.text
    assert (await client.get(f"/api/indices/{aluminium}/values", headers=A)).json() == [
        {"period": "2024-01", "value": 2400.0},
        {"period": "2024-02", "value": 2500.0},
    ]
    steel = await _index(client, "steel")
    assert len((await client.get(f"/api/indices/{steel}/values", headers=A)).json()) == 2


async def test_a_bad_file_is_refused_whole_with_its_bad_lines(client: httpx2.AsyncClient):
    steel = await _index(client, "steel")
    content = (
        b"code,date,value\nsteel,2025-01,700\nsteel,2025-02,abc\nsteel,someday,1\n"
        b"nosuch,2025-01,5\n"
    )

    response = await _import(client, content)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["line"], e["type"]) for e in errors] == [(3, "bad_row"), (4, "bad_row")]
    assert "abc" in errors[0]["message"]
    assert (await client.get(f"/api/indices/{steel}/values?from=2025-01", headers=A)).json() == []

    unknown = await _import(client, b"code,date,value\nsteel,2025-01,700\nnosuch,2025-01,5\n")
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["line"] == 3
    assert "nosuch" in unknown.json()["errors"][0]["message"]

    twice = await _import(client, b"code,date,value\nsteel,2025-01,700\nsteel,2025-01-31,7\n")
    assert twice.status_code == 422
    assert twice.json()["errors"][0]["line"] == 3
    assert "first on line 2" in twice.json()["errors"][0]["message"]
    assert (await client.get(f"/api/indices/{steel}/values?from=2025-01", headers=A)).json() == []


async def test_a_dry_run_previews_without_storing(client: httpx2.AsyncClient):
    steel = await _index(client, "steel")
    response = await _import(
        client, b"date,value\n2026-01,800\n", index_code="steel", dry_run="true"
    )
    assert response.json()["dry_run"] is True
    assert response.json()["imported"] == 1
    assert (await client.get(f"/api/indices/{steel}/values?from=2026-01", headers=A)).json() == []


EUROSTAT = b"""DATAFLOW,LAST UPDATE,freq,unit,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
ESTAT:STS_INPPD_M(1.0),15/10/26 11:00:00,M,I21,C241,DE,2024-01,118.2,
ESTAT:STS_INPPD_M(1.0),15/10/26 11:00:00,M,I21,C241,DE,2024-02,,
ESTAT:STS_INPPD_M(1.0),15/10/26 11:00:00,M,I21,C241,DE,2024-03,119.9,p
"""

EUROSTAT_V2 = b"""STRUCTURE,STRUCTURE_ID,ACTION,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
dataflow,ESTAT:NRG_PC_205_M(1.0),I,M:Monthly,KWH,DE:Germany,2024M01,0.1834,
dataflow,ESTAT:NRG_PC_205_M(1.0),I,M:Monthly,KWH,DE:Germany,2024M02,0.1799,
"""

GENESIS = """GENESIS-Tabelle: 61241-0004
Erzeugerpreisindex gewerblicher Produkte: Deutschland, Monate;;
Erzeugerpreise (Inlandsabsatz) (2021=100);;
;;Index
2024;Januar;126,4
;Februar;125,9
;März;...
;April;1.026,1
2025;Januar;127,2 p
__________
(C) Statistisches Bundesamt (Destatis), 2026 | Stand: 20.11.2026 / 08:00:01
""".encode("cp1252")

FRED = b"""observation_date,PCU331110331110
2024-01-01,321.456
2024-02-01,.
2024-03-01,318.2
"""


async def test_publishers_formats_are_read(client: httpx2.AsyncClient):
    cases = [
        (EUROSTAT, "steel", "eurostat", [("2024-01", 118.2), ("2024-03", 119.9)]),
        (EUROSTAT_V2, "electricity", "eurostat", [("2024-01", 0.1834), ("2024-02", 0.1799)]),
        (
            GENESIS,
            "copper",
            "genesis",
            [("2024-01", 126.4), ("2024-02", 125.9), ("2024-04", 1026.1), ("2025-01", 127.2)],
        ),
        (FRED, "aluminium", "fred", [("2024-01", 321.456), ("2024-03", 318.2)]),
    ]
    for content, code, fmt, expected in cases:
        response = await _import(client, content, index_code=code)
        assert response.status_code == 200, (fmt, response.text)
        assert response.json()["format"] == fmt
        index_id = await _index(client, code)
        values = (await client.get(f"/api/indices/{index_id}/values", headers=A)).json()
        assert [(v["period"], v["value"]) for v in values] == expected, fmt


async def test_one_series_formats_need_a_code_and_one_series(client: httpx2.AsyncClient):
    no_code = await _import(client, EUROSTAT)
    assert no_code.status_code == 422
    assert "index_code" in no_code.json()["errors"][0]["message"]
    two_series = EUROSTAT + b"ESTAT:STS_INPPD_M(1.0),15/10/26 11:00:00,M,I21,C241,FR,2024-01,99,\n"
    response = await _import(client, two_series, index_code="steel")
    assert response.status_code == 422
    assert "2 series" in response.json()["errors"][-1]["message"]
    # FRED without a code: the series id names the index (here: none of the catalogue).
    unknown = await _import(client, FRED)
    assert unknown.status_code == 422
    assert "pcu331110331110" in unknown.json()["errors"][0]["message"]


def test_months_and_dates_map_to_their_month():
    assert month_of("2026-10") == "2026-10-01"
    assert month_of("2026-10-31") == "2026-10-01"
    assert month_of("2024-02-29") == "2024-02-01"
    assert month_of("2024M07") == "2024-07-01"
    assert month_of("31.12.2025") == "2025-12-01"
    for bad in ("2023-02-29", "2026-00", "2026-13", "2026-Q1", "2026"):
        with pytest.raises(ValueError):
            month_of(bad)


def test_german_numbers_and_missing_markers():
    parsed = parse_index_csv(
        "2024;Januar;1.234,5\n;Februar;-\n;März;x\n;April;12,0 r\n".encode(), "steel"
    )
    assert parsed.format == "genesis"
    assert parsed.errors == []
    assert copy_rows(parsed.copy_data) == [(1, "2024-01-01", 1234.5), (1, "2024-04-01", 12.0)]
    with_ids = parse_index_csv(
        b"code,date,value\nsteel,2024-01,5\ncopper,2024-02,7\n", catalogue={"steel": 7, "copper": 9}
    )
    assert copy_rows(with_ids.copy_data) == [(7, "2024-01-01", 5.0), (9, "2024-02-01", 7.0)]


@pytest.mark.parametrize("fmt", ["generic", "eurostat", "genesis", "fred"])
@pytest.mark.parametrize(
    "content", [b"", b"\n\n", b"a;b;c\n1;2;3\n", b"date\n2024-01\n", b"\xff\xfe\x00garbage"]
)
def test_a_file_in_the_wrong_shape_is_a_readable_error(fmt: str, content: bytes):
    parsed = parse_index_csv(content, "steel", fmt)
    assert parsed.error_count >= 1
    assert parsed.errors[0][0] >= 1
    assert parsed.errors[0][1]


# GENESIS tables with several value columns: 61241-0004 with two products (a code row and a
# label row above the data), 61111-0002 with the index and its rates of change.
GENESIS_PRODUCTS = """GENESIS-Tabelle: 61241-0004
Erzeugerpreisindex gewerblicher Produkte: Deutschland,;;
Monate, Güterverzeichnis (GP2019 2-/3-/4-/5-/6-/9-Steller);;
Erzeugerpreisindex gewerblicher Produkte (2021=100);;
;;GP19-24;GP19-2442
;;Metalle;Aluminium und Halbzeug daraus
2024;Januar;126,4;131,2
;Februar;125,9;...
;März;127,0;133,5
__________
(C) Statistisches Bundesamt (Destatis), 2026
""".encode("cp1252")

GENESIS_CPI = """GENESIS-Tabelle: 61111-0002
Verbraucherpreisindex: Deutschland, Monate;;;
Verbraucherpreisindex (2020=100);;;
;;Verbraucherpreisindex;Veränderung zum Vorjahresmonat;Veränderung zum Vormonat
;;2020=100;in (%);in (%)
2025;Januar;120,3;2,3;-0,2
;Februar;120,8;2,3;0,4
__________
(C) Statistisches Bundesamt (Destatis), 2026
""".encode("cp1252")


async def _create(client: httpx2.AsyncClient, code: str) -> int:
    response = await client.post(
        "/api/indices",
        json={
            "code": code,
            "name": f"GENESIS {code}",
            "unit": "index 2021=100",
            "category": "metal",
        },
        headers=A,
    )
    assert response.status_code in (201, 409), response.text
    return await _index(client, code)


async def _values(client: httpx2.AsyncClient, index_id: int) -> list[tuple[str, float]]:
    values = (await client.get(f"/api/indices/{index_id}/values", headers=A)).json()
    return [(v["period"], v["value"]) for v in values]


async def test_every_genesis_column_is_a_series_coded_by_its_title(client: httpx2.AsyncClient):
    metals = await _create(client, "gp19_24")
    aluminium = await _create(client, "gp19_2442")

    response = await _import(client, GENESIS_PRODUCTS)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "genesis"
    assert body["imported"] == body["changed"] == 5
    assert {s["code"]: s["column"] for s in body["series"]} == {
        "gp19_24": "GP19-24 / Metalle",
        "gp19_2442": "GP19-2442 / Aluminium und Halbzeug daraus",
    }
    assert await _values(client, metals) == [
        ("2024-01", 126.4),
        ("2024-02", 125.9),
        ("2024-03", 127.0),
    ]
    assert await _values(client, aluminium) == [("2024-01", 131.2), ("2024-03", 133.5)]

    again = await _import(client, GENESIS_PRODUCTS)
    assert again.json()["changed"] == 0  # the same values: nothing written


async def test_a_codes_mapping_names_the_columns_to_read(client: httpx2.AsyncClient):
    copper = await _index(client, "copper")
    aluminium = await _index(client, "aluminium")
    # By a title cell, and by the column's number (from 1).
    codes = '{"Metalle": "copper", "2": "aluminium"}'

    response = await _import(client, GENESIS_PRODUCTS, codes=codes)

    assert response.status_code == 200, response.text
    assert {s["code"] for s in response.json()["series"]} == {"copper", "aluminium"}
    assert await _values(client, copper) == [
        ("2024-01", 126.4),
        ("2024-02", 125.9),
        ("2024-03", 127.0),
    ]
    assert await _values(client, aluminium) == [("2024-01", 131.2), ("2024-03", 133.5)]


async def test_columns_left_out_of_the_mapping_are_not_read(client: httpx2.AsyncClient):
    cpi = await _create(client, "cpi_de")

    response = await _import(client, GENESIS_CPI, codes='{"Verbraucherpreisindex": "cpi_de"}')

    # The rates of change (negative values) are other kinds of value: skipped, not errors.
    assert response.status_code == 200, response.text
    assert response.json()["skipped_columns"] == [
        "Veränderung zum Vorjahresmonat / in (%)",
        "Veränderung zum Vormonat / in (%)",
    ]
    assert await _values(client, cpi) == [("2025-01", 120.3), ("2025-02", 120.8)]


async def test_a_genesis_table_refuses_mappings_that_do_not_fit(client: httpx2.AsyncClient):
    one_code = await _import(client, GENESIS_PRODUCTS, index_code="steel")
    assert one_code.status_code == 422
    assert "2 value columns" in one_code.json()["errors"][0]["message"]
    assert "codes" in one_code.json()["errors"][0]["message"]

    no_such = await _import(client, GENESIS_PRODUCTS, codes='{"GP19-99": "steel"}')
    assert no_such.status_code == 422
    assert "GP19-24 / Metalle" in no_such.json()["errors"][0]["message"]

    not_json = await _import(client, GENESIS_PRODUCTS, codes="GP19-24=steel")
    assert not_json.status_code == 422
    assert not_json.json()["errors"][0]["field"] == "codes"

    # Derived codes that are not in the catalogue: named, nothing imported.
    unknown = await _import(client, GENESIS_CPI)
    assert unknown.status_code == 422
    messages = " ".join(e["message"] for e in unknown.json()["errors"])
    assert "'verbraucherpreisindex' is not an index of your catalogue" in messages


def test_a_column_title_becomes_a_code():
    assert code_of_title("GP19-24") == "gp19_24"
    assert code_of_title("Veränderung zum Vormonat") == "veranderung_zum_vormonat"
    assert code_of_title("  Straße (2020=100) ") == "strasse_2020_100"
