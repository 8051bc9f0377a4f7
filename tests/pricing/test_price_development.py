"""Price development against hand-computed months: P(t) = P0 · (a + Σ bᵢ · Iᵢ(t)/Iᵢ(base))."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app

KEYS = "dev-a:key-dev-a,dev-b:key-dev-b"
A = {"X-API-Key": "key-dev-a"}
B = {"X-API-Key": "key-dev-b"}


@pytest.fixture
async def client(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[httpx2.AsyncClient]:
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            "DELETE FROM index_values WHERE index_id IN "
            "(SELECT id FROM indices WHERE tenant IN ('dev-a', 'dev-b'))"
        )
    settings = make_settings(migrated_url, api_keys=KEYS)
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, http):
        indices = {i["code"]: i["id"] for i in (await http.get("/api/indices", headers=A)).json()}
        steel = [("2026-01", 800), ("2026-02", 880), ("2026-04", 720)]
        labour = [("2026-01", 40), ("2026-03", 42)]
        for code, values in (("steel", steel), ("labour", labour)):
            await http.put(
                f"/api/indices/{indices[code]}/values",
                json=[{"period": p, "value": v} for p, v in values],
                headers=A,
            )
        yield http


async def _article(client: httpx2.AsyncClient, price: float, headers: dict[str, str] = A) -> int:
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket"},
        files={"productSpecification": ("s.txt", b"Steel bracket\nWeight: 250 g\n")},
        headers=headers,
    )
    article_id = int(response.json()["id"])
    for _ in range(600):
        status = (await client.get(f"/api/articles/{article_id}/status", headers=headers)).json()
        if status["processing_status"] in ("completed", "failed"):
            break
        await asyncio.sleep(0.05)
    assert status["processing_status"] == "completed", status
    url = f"/api/articles/{article_id}"
    cost_model = {
        "parts": [{"index_code": "steel", "part": 0.6}, {"index_code": "labour", "part": 0.3}],
        "fixed_share": 0.1,
    }
    assert (await client.put(f"{url}/cost-models", json=cost_model, headers=headers)).is_success
    patch = {"price": price, "currency": "EUR", "price_date": "2026-01-20"}
    assert (await client.patch(url, json=patch, headers=headers)).is_success
    return article_id


def _by_period(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["period"]: m for m in body["months"]}


async def test_the_adjusted_price_month_by_month(client: httpx2.AsyncClient):
    article_id = await _article(client, 10.0)

    response = await client.get(
        f"/api/articles/{article_id}/price-development?from=2025-12&to=2026-04", headers=A
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["base_period"], body["base_price"], body["fixed_share"]) == ("2026-01", 10, 0.1)
    months = _by_period(body)
    assert list(months) == ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
    expected = {  # 0.1 + 0.6 × steel/800 + 0.3 × labour/40
        "2026-01": 1.0,
        "2026-02": 0.1 + 0.6 * 1.1 + 0.3,
        "2026-03": 0.1 + 0.6 * 1.1 + 0.3 * 1.05,  # steel carried from February
        "2026-04": 0.1 + 0.6 * 0.9 + 0.3 * 1.05,  # labour carried from March
    }
    for period, factor in expected.items():
        assert months[period]["factor"] == pytest.approx(factor), period
        assert months[period]["price"] == pytest.approx(10 * factor), period
        total = 0.1 + sum(c["contribution"] for c in months[period]["contributions"])
        assert total == pytest.approx(factor)
    march = {c["code"]: c for c in months["2026-03"]["contributions"]}
    assert march["steel"]["carried_forward"] is True
    assert march["steel"]["value_period"] == "2026-02"
    assert march["labour"]["carried_forward"] is False
    # Before the first value: unchanged, and marked, never interpolated.
    december = {c["code"]: c for c in months["2025-12"]["contributions"]}
    assert december["steel"]["missing"] is True
    assert december["steel"]["ratio"] == 1.0
    assert months["2025-12"]["factor"] == pytest.approx(1.0)


async def test_another_base_month_and_base_price(client: httpx2.AsyncClient):
    article_id = await _article(client, 10.0)
    body = (
        await client.get(
            f"/api/articles/{article_id}/price-development"
            "?from=2026-02&to=2026-04&base_period=2026-02&base_price=20",
            headers=A,
        )
    ).json()
    months = _by_period(body)
    assert months["2026-02"]["price"] == pytest.approx(20)
    # April against February: steel 720/880, labour 42/40.
    factor = 0.1 + 0.6 * 720 / 880 + 0.3 * 42 / 40
    assert months["2026-04"]["price"] == pytest.approx(20 * factor)


async def test_csv_for_a_spreadsheet(client: httpx2.AsyncClient):
    article_id = await _article(client, 10.0)
    response = await client.get(
        f"/api/articles/{article_id}/price-development?from=2026-01&to=2026-03",
        headers={**A, "Accept": "text/csv"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [r["period"] for r in rows] == ["2026-01", "2026-02", "2026-03"]
    assert float(rows[1]["price"]) == pytest.approx(10.6)
    assert float(rows[1]["steel"]) == pytest.approx(0.66)
    assert rows[2]["steel_carried"] == "yes"


async def test_bad_periods_are_422(client: httpx2.AsyncClient):
    article_id = await _article(client, 10.0)
    url = f"/api/articles/{article_id}/price-development"
    for query in ("?from=2026-05&to=2026-01", "?from=nope&to=2026-01", "?from=1900-01&to=2026-01"):
        assert (await client.get(url + query, headers=A)).status_code == 422, query


async def test_a_portfolio_with_totals_by_index(client: httpx2.AsyncClient):
    first = await _article(client, 10.0)
    second = await _article(client, 30.0)
    await _article(client, 99.0, headers=B)  # another tenant's: never counted
    request = {"ids": [first, second], "from": "2026-01", "to": "2026-02"}

    response = await client.post("/api/price-development", json=request, headers=A)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["articles"], body["priced"], body["base_total"]) == (2, 2, pytest.approx(40))
    february = _by_period(body)["2026-02"]
    assert february["total"] == pytest.approx(40 * 1.06)
    assert february["factor"] == pytest.approx(1.06)
    assert february["fixed"] == pytest.approx(4)
    by_index = {t["code"]: t for t in february["by_index"]}
    assert by_index["steel"]["amount"] == pytest.approx(40 * 0.6 * 1.1)
    assert by_index["labour"]["amount"] == pytest.approx(40 * 0.3)

    everything = await client.post(
        "/api/price-development", json={"filter": {}, "from": "2026-01", "to": "2026-02"}, headers=A
    )
    assert everything.json()["articles"] == 2
    as_csv = await client.post(
        "/api/price-development", json=request, headers={**A, "Accept": "text/csv"}
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.text.lstrip("\ufeff"))))
    assert float(rows[1]["total"]) == pytest.approx(42.4)


async def test_price_development_is_tenant_isolated(client: httpx2.AsyncClient):
    article_id = await _article(client, 10.0)
    url = f"/api/articles/{article_id}/price-development?from=2026-01&to=2026-02"
    assert (await client.get(url, headers=B)).status_code == 404
    other = await client.post(
        "/api/price-development",
        json={"ids": [article_id], "from": "2026-01", "to": "2026-02"},
        headers=B,
    )
    assert other.json()["articles"] == 0
