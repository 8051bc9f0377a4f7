"""The pricing of an analysis is part of the transaction that completes the article.

A failure injected between the completing statement and the pricing shows that nobody ever
sees the article completed with the estimate its price replaces: a database failure undoes
the completion (the article runs again and ends priced), a failure of the pricing code keeps
the estimate and says so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db import asyncpg_dsn
from app.pricing import service as pricing_service
from tests.support import ScriptedAnalyzer, running_app, wait_terminal

SPEC = b"Bracket\nMaterial: steel\nWeight: 250 g\n"
PRICE = {"price": "1000", "currency": "EUR", "priceDate": "2026-01-15", "priceUnit": "1000"}


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
            f"/api/indices/{steel['id']}/values", json=[{"period": "2026-01", "value": 800}]
        )
        yield http


async def _upload(client: httpx2.AsyncClient) -> dict[str, Any]:
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket", **PRICE},
        files={"productSpecification": ("s.txt", SPEC)},
    )
    assert response.status_code == 201, response.text
    status = await wait_terminal(client, response.json()["id"])
    assert status["processing_status"] == "completed", status
    article: dict[str, Any] = (await client.get(f"/api/articles/{status['id']}")).json()
    return article


async def _completing(connection: Any, article_id: int) -> bool:
    """Called by the completion (not by the upload's pricing of the price it was sent)?"""
    status = "SELECT processing_status FROM articles WHERE id = $1"
    return bool(await connection.fetchval(status, article_id) == "completed")


def _parts(article: dict[str, Any]) -> dict[str, tuple[float, str]]:
    return {e["index_code"]: (e["part"], e["source"]) for e in article["cost_models"]}


async def test_a_completed_article_is_priced_at_once(client: httpx2.AsyncClient):
    # 0.25 kg × 800 EUR/t × 1.15 (stamped steel) = 0.23 EUR of a 1.00 EUR piece.
    article = await _upload(client)

    assert _parts(article)["steel"] == (0.23, "computed")
    assert article["pricing"]["status"] == "computed"
    assert article["fixed_share"] == pytest.approx(0.37)


async def test_a_database_failure_between_completion_and_pricing_undoes_the_completion(
    client: httpx2.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    real = pricing_service.reprice_on
    seen_meanwhile: list[tuple[str, int]] = []

    async def connection_lost_once(connection: Any, article_id: int) -> Any:
        if not seen_meanwhile and await _completing(connection, article_id):
            # Completed inside the transaction; what everybody else sees at this moment:
            other = await asyncpg.connect(asyncpg_dsn(str(settings.database_url)))
            try:
                row = await other.fetchrow(
                    "SELECT processing_status, "
                    "(SELECT count(*) FROM cost_models WHERE article_id = $1) AS parts "
                    "FROM articles WHERE id = $1",
                    article_id,
                )
            finally:
                await other.close()
            assert row is not None
            seen_meanwhile.append((row["processing_status"], row["parts"]))
            raise ConnectionResetError("injected: the connection broke")
        return await real(connection, article_id)

    monkeypatch.setattr(pricing_service, "reprice_on", connection_lost_once)
    article = await _upload(client)

    assert seen_meanwhile == [("processing", 0)]  # not completed, no estimate in place
    assert _parts(article)["steel"] == (0.23, "computed")
    assert article["pricing"]["status"] == "computed"
    assert article["fixed_share"] == pytest.approx(0.37)


async def test_a_failure_of_the_pricing_itself_keeps_the_estimate_and_says_so(
    client: httpx2.AsyncClient, monkeypatch: pytest.MonkeyPatch
):
    real = pricing_service.reprice_on

    async def broken(connection: Any, article_id: int) -> Any:
        if not await _completing(connection, article_id):
            return await real(connection, article_id)
        await connection.execute("DELETE FROM cost_models WHERE article_id = $1", article_id)
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(pricing_service, "reprice_on", broken)
    article = await _upload(client)

    # The savepoint undid the pricing's half-done writes: the analysis's estimate is whole.
    assert _parts(article) == {
        "steel": (0.6, "estimated"),
        "labour": (0.3, "estimated"),
        "electricity": (0.1, "estimated"),
    }
    assert article["fixed_share"] == 0.0
    assert article["pricing"] == {
        "status": "estimated",
        "reason": "pricing failed (ZeroDivisionError)",
    }


async def test_the_process_the_analysis_names_sets_the_yield_factor(
    settings: Settings, db_engine: AsyncEngine
):
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            "DELETE FROM index_values WHERE index_id IN "
            "(SELECT id FROM indices WHERE tenant = 'public')"
        )
    async with running_app(settings) as (_, http):  # the offline analyzer
        steel = next(i for i in (await http.get("/api/indices")).json() if i["code"] == "steel")
        await http.put(
            f"/api/indices/{steel['id']}/values", json=[{"period": "2026-01", "value": 800}]
        )
        spec = b"Bracket, stamped from sheet metal\nMaterial: steel S235JR\nNet weight: 250 g\n"
        response = await http.post(
            "/api/analyze",
            data={"articleName": "Bracket", **PRICE},
            files={"productSpecification": ("s.txt", spec)},
        )
        status = await wait_terminal(http, response.json()["id"])
        article = (await http.get(f"/api/articles/{status['id']}")).json()

    # 0.25 kg × 0.80 EUR/kg × 1.30 (sheet-metal stamping) = 0.26 EUR of a 1.00 EUR piece.
    part = next(e for e in article["cost_models"] if e["index_code"] == "steel")
    assert (part["part"], part["source"]) == (0.26, "computed")
    assert part["basis"]["process_family"] == "sheet_metal_stamping"
    assert part["basis"]["yield_factor"] == 1.3
