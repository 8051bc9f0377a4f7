"""Prices on articles through the API: on upload, by PATCH, after reprocessing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from tests.support import ScriptedAnalyzer, running_app, wait_terminal

SPEC = b"Bracket\nMaterial: steel\nWeight: 250 g\n"


@pytest.fixture
async def client(settings: Settings, db_engine: AsyncEngine) -> AsyncIterator[httpx2.AsyncClient]:
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            "DELETE FROM index_values WHERE index_id IN "
            "(SELECT id FROM indices WHERE tenant = 'public')"
        )
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, http):
        steel = next(i for i in (await http.get("/api/indices")).json() if i["code"] == "steel")
        await http.put(
            f"/api/indices/{steel['id']}/values",
            json=[{"period": "2026-01", "value": 800}, {"period": "2026-02", "value": 900}],
        )
        yield http


async def _upload(client: httpx2.AsyncClient, **fields: str) -> dict[str, Any]:
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket", **fields},
        files={"productSpecification": ("s.txt", SPEC)},
    )
    assert response.status_code == 201, response.text
    article: dict[str, Any] = response.json()
    await wait_terminal(client, article["id"])
    # Priced by the transaction that completed it: no later step to wait for.
    body: dict[str, Any] = (await client.get(f"/api/articles/{article['id']}")).json()
    return body


def _parts(article: dict[str, Any]) -> dict[str, tuple[float, str]]:
    return {e["index_code"]: (e["part"], e["source"]) for e in article["cost_models"]}


async def test_a_price_on_upload_computes_the_material_share(client: httpx2.AsyncClient):
    # 0.25 kg × 800 EUR/t × 1.15 = 0.23 EUR of a 1.00 EUR piece (price 1000 per 1000).
    article = await _upload(
        client, price="1000", currency="EUR", priceDate="2026-01-15", priceUnit="1000"
    )

    assert (article["price"], article["currency"], article["price_unit"]) == (1000, "EUR", "1000")
    assert article["price_date"] == "2026-01-15"
    assert _parts(article) == {
        "steel": (0.23, "computed"),
        "labour": (0.3, "estimated"),
        "electricity": (0.1, "estimated"),
    }
    assert article["fixed_share"] == pytest.approx(0.37)
    assert article["pricing"]["status"] == "computed"
    steel = next(e for e in article["cost_models"] if e["index_code"] == "steel")
    assert steel["basis"]["index_value"] == 800
    assert steel["basis"]["value_period"] == "2026-01"


async def test_a_price_needs_a_currency(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket", "price": "1.5"},
        files={"productSpecification": ("s.txt", SPEC)},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "currency"
    assert (await client.get("/api/articles")).json()["total"] == 0


async def test_patching_the_price_recomputes_and_removing_it_restores_the_estimate(
    client: httpx2.AsyncClient,
):
    article = await _upload(client)
    url = f"/api/articles/{article['id']}"
    assert article["pricing"] is None
    assert _parts(article)["steel"] == (0.6, "estimated")

    priced = (
        await client.patch(url, json={"price": 0.5, "currency": "EUR", "price_date": "2026-02-01"})
    ).json()
    # 0.25 kg × 0.9 EUR/kg × 1.15 = 0.25875 EUR of 0.50 EUR.
    assert _parts(priced)["steel"] == (0.5175, "computed")
    assert priced["fixed_share"] == pytest.approx(1 - 0.5175 - 0.3 - 0.1)
    weighed = (await client.patch(url, json={"unit_weight": 0.1})).json()
    assert _parts(weighed)["steel"] == (0.207, "computed")  # 0.1 × 0.9 × 1.15 / 0.5

    missing = (await client.patch(url, json={"price": None, "currency": None})).json()
    assert missing["pricing"]["status"] == "estimated"
    assert _parts(missing) == {
        "steel": (0.6, "estimated"),
        "labour": (0.3, "estimated"),
        "electricity": (0.1, "estimated"),
    }
    assert missing["fixed_share"] == 0.0
    fields = [h["field"] for h in (await client.get(f"{url}/history")).json()["items"]]
    assert fields == ["price", "currency", "price_date", "unit_weight", "price", "currency"]


async def test_a_material_cost_above_the_price_marks_the_article_for_review(
    client: httpx2.AsyncClient,
):
    article = await _upload(client, price="0.1", currency="EUR", priceDate="2026-01-01")

    assert article["needs_review"] is True
    assert "above the price" in article["pricing"]["review_reason"]
    assert all(e["part"] <= 1 for e in article["cost_models"])
    assert article["fixed_share"] == 0.0
    queue = (await client.get("/api/articles?needs_review=true")).json()
    assert [a["id"] for a in queue["items"]] == [article["id"]]


async def test_a_reprocessed_article_is_priced_again(client: httpx2.AsyncClient):
    article = await _upload(client, price="1", currency="EUR", priceDate="2026-01-01")
    assert article["pricing"]["status"] == "computed"

    await client.post(f"/api/articles/{article['id']}/reprocess")
    await wait_terminal(client, article["id"])
    for _ in range(100):
        again = (await client.get(f"/api/articles/{article['id']}")).json()
        if _parts(again)["steel"][1] == "computed":
            break
        await asyncio.sleep(0.05)
    assert _parts(again)["steel"] == (0.23, "computed")
    assert again["fixed_share"] == pytest.approx(0.37)
