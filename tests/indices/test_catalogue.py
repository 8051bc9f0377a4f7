"""Each tenant's own catalogue: seeded once, editable, isolated, and what the analyzers see."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex
from app.indices.seed import DEFAULT_INDICES
from app.processing.cache import cache_key
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app

KEYS = "cat-a:key-cat-a,cat-b:key-cat-b"
A = {"X-API-Key": "key-cat-a"}
B = {"X-API-Key": "key-cat-b"}
ALLOY = {
    "code": "special_alloy",
    "name": "Special alloy",
    "unit": "EUR/t",
    "category": "metal",
    "currency": "EUR",
    "source": "LME, series XYZ",
    "description": "A test alloy",
}


class CatalogueRecorder(ScriptedAnalyzer):
    """Records the catalogue each analysis was given."""

    def __init__(self) -> None:
        super().__init__()
        self.catalogues: dict[str, tuple[CatalogueIndex, ...]] = {}

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        self.catalogues[request.article_name] = request.catalogue
        return await super().analyze(request)


@pytest.fixture
async def clean_tenants(db_engine: AsyncEngine) -> AsyncEngine:
    """These tests' tenants start with no catalogue (as a brand-new tenant does)."""
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql("DELETE FROM indices WHERE tenant IN ('cat-a', 'cat-b')")
        await conn.exec_driver_sql(
            "DELETE FROM tenant_catalogues WHERE tenant IN ('cat-a', 'cat-b')"
        )
    return db_engine


@pytest.fixture
async def app_and_client(
    migrated_url: str, clean_tenants: AsyncEngine
) -> AsyncIterator[tuple[CatalogueRecorder, httpx2.AsyncClient]]:
    analyzer = CatalogueRecorder()
    async with running_app(make_settings(migrated_url, api_keys=KEYS), analyzer=analyzer) as (
        _,
        client,
    ):
        yield analyzer, client


async def _wait(client: httpx2.AsyncClient, article_id: int, headers: dict[str, str]) -> None:
    for _ in range(600):
        status = (await client.get(f"/api/articles/{article_id}/status", headers=headers)).json()
        if status["processing_status"] in ("completed", "failed"):
            assert status["processing_status"] == "completed", status
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the article never finished")


async def _upload(client: httpx2.AsyncClient, name: str, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post(
        "/api/analyze",
        data={"articleName": name},
        files={"productSpecification": ("s.txt", b"Steel bracket\nWeight: 250 g\n")},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    article: dict[str, Any] = response.json()
    await _wait(client, article["id"], headers)
    return article


async def test_a_new_tenant_starts_with_the_default_catalogue_once(
    app_and_client: tuple[CatalogueRecorder, httpx2.AsyncClient], clean_tenants: AsyncEngine
):
    _, client = app_and_client
    first, second = await asyncio.gather(
        client.get("/api/indices", headers=A), client.get("/api/indices", headers=A)
    )

    assert first.status_code == second.status_code == 200
    codes = [i["code"] for i in first.json()]
    assert sorted(codes) == sorted(code for code, *_ in DEFAULT_INDICES)
    assert len((await client.get("/api/indices", headers=A)).json()) == len(DEFAULT_INDICES)
    steel = next(i for i in first.json() if i["code"] == "steel")
    assert (steel["unit"], steel["currency"]) == ("EUR/t", "EUR")
    async with clean_tenants.connect() as conn:
        count = (
            await conn.exec_driver_sql("SELECT count(*) FROM indices WHERE tenant = 'cat-a'")
        ).scalar()
    assert count == len(DEFAULT_INDICES)


async def test_indices_can_be_added_changed_and_deleted(
    app_and_client: tuple[CatalogueRecorder, httpx2.AsyncClient],
):
    _, client = app_and_client
    created = await client.post("/api/indices", json=ALLOY, headers=A)
    assert created.status_code == 201, created.text
    index = created.json()
    assert {k: index[k] for k in ALLOY} == ALLOY
    url = f"/api/indices/{index['id']}"
    assert (await client.get(url, headers=A)).json()["code"] == "special_alloy"

    duplicate = await client.post("/api/indices", json=ALLOY, headers=A)
    assert duplicate.status_code == 409
    assert duplicate.json()["errors"][0]["field"] == "code"
    same_name = await client.post("/api/indices", json={**ALLOY, "code": "other"}, headers=A)
    assert same_name.status_code == 409
    assert same_name.json()["errors"][0]["field"] == "name"
    for bad in ({**ALLOY, "code": "Has Spaces"}, {**ALLOY, "category": "magic"}, {"code": "x"}):
        assert (await client.post("/api/indices", json=bad, headers=A)).status_code == 422, bad

    changed = await client.patch(
        url, json={"name": "Special alloy 2", "unit": "EUR/kg", "source": None}, headers=A
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["unit"], changed.json()["source"]) == (
        "Special alloy 2",
        "EUR/kg",
        None,
    )
    assert changed.json()["updated_at"] >= index["updated_at"]
    # The code is stable; required fields stay set.
    assert (await client.patch(url, json={"code": "renamed"}, headers=A)).status_code == 422
    assert (await client.patch(url, json={"name": None}, headers=A)).status_code == 422

    assert (await client.delete(url, headers=A)).status_code == 204
    assert (await client.get(url, headers=A)).status_code == 404


async def test_an_index_a_cost_model_uses_cannot_be_deleted(
    app_and_client: tuple[CatalogueRecorder, httpx2.AsyncClient],
):
    _, client = app_and_client
    article = await _upload(client, "Bracket", A)
    full = (await client.get(f"/api/articles/{article['id']}", headers=A)).json()
    steel = next(e for e in full["cost_models"] if e["index_code"] == "steel")

    response = await client.delete(f"/api/indices/{steel['index_id']}", headers=A)

    assert response.status_code == 409
    assert "used by 1" in response.json()["detail"]
    assert (await client.get(f"/api/indices/{steel['index_id']}", headers=A)).status_code == 200


async def test_catalogues_are_tenant_isolated(
    app_and_client: tuple[CatalogueRecorder, httpx2.AsyncClient],
):
    _, client = app_and_client
    index = (await client.post("/api/indices", json=ALLOY, headers=A)).json()
    url = f"/api/indices/{index['id']}"

    assert (await client.get(url, headers=B)).status_code == 404
    assert (await client.patch(url, json={"name": "mine"}, headers=B)).status_code == 404
    assert (await client.delete(url, headers=B)).status_code == 404
    assert "special_alloy" not in {
        i["code"] for i in (await client.get("/api/indices", headers=B)).json()
    }
    # B may create the same code in its own catalogue.
    assert (await client.post("/api/indices", json=ALLOY, headers=B)).status_code == 201
    assert (await client.get(url, headers=A)).json()["name"] == "Special alloy"


async def test_the_analysis_sees_the_tenants_own_catalogue(
    app_and_client: tuple[CatalogueRecorder, httpx2.AsyncClient],
):
    analyzer, client = app_and_client
    await client.post("/api/indices", json=ALLOY, headers=A)
    article_a = await _upload(client, "for A", A)
    article_b = await _upload(client, "for B", B)

    assert "special_alloy" in {i.code for i in analyzer.catalogues["for A"]}
    assert "special_alloy" not in {i.code for i in analyzer.catalogues["for B"]}
    ids_a = {i["id"] for i in (await client.get("/api/indices", headers=A)).json()}
    cost_a = (await client.get(f"/api/articles/{article_a['id']}/cost-models", headers=A)).json()
    cost_b = (await client.get(f"/api/articles/{article_b['id']}/cost-models", headers=B)).json()
    assert {e["index_id"] for e in cost_a} <= ids_a
    assert not {e["index_id"] for e in cost_b} & ids_a
    # A correction may only name the tenant's own indices.
    response = await client.patch(
        f"/api/articles/{article_b['id']}",
        json={"materials": [{"index_code": "special_alloy", "name": "x"}]},
        headers=B,
    )
    assert response.status_code == 422


def test_the_cache_key_moves_with_any_catalogue_edit():
    steel = CatalogueIndex(id=1, code="steel", name="Steel", unit="EUR/t", category="metal")
    renamed = CatalogueIndex(
        id=1, code="steel", name="Carbon steel", unit="EUR/t", category="metal"
    )

    def key(*catalogue: CatalogueIndex) -> str:
        return cache_key(
            method="m", catalogue=catalogue, file_hashes=[("s", "x")], description=None
        )

    assert key(steel) == key(steel)
    assert key(steel) != key(renamed)
    # Another tenant with an identical catalogue shares the cached answer (same input).
    assert key(steel) == key(
        CatalogueIndex(id=99, code="steel", name="Steel", unit="EUR/t", category="metal")
    )
