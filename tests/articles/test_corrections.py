"""Corrections by people: PATCH an article, PUT its cost model, the history, ETags, the queue."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.articles.jobs import CacheEntry, CostRow, JobStore
from app.articles.status_fast_path import StatusFastPath
from app.config import Settings
from app.db import asyncpg_dsn, register_json
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, upload, wait_terminal

SPEC = "Bracket\nMaterial: steel\nWeight: 250 g\n"


@pytest.fixture
async def app_client(settings: Settings) -> AsyncIterator[httpx2.AsyncClient]:
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, http):
        yield http


async def _completed(client: httpx2.AsyncClient, **headers: str) -> dict[str, Any]:
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket"},
        files={"productSpecification": ("spec.txt", SPEC.encode())},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    article_id = response.json()["id"]
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        status = (await client.get(f"/api/articles/{article_id}/status", headers=headers)).json()
        if status["processing_status"] in ("completed", "failed"):
            break
        assert asyncio.get_running_loop().time() < deadline, status
        await asyncio.sleep(0.05)
    assert status["processing_status"] == "completed", status
    body: dict[str, Any] = (await client.get(f"/api/articles/{article_id}", headers=headers)).json()
    return body


def _parts(article: dict[str, Any]) -> dict[str, tuple[float, str]]:
    return {e["index_code"]: (e["part"], e["source"]) for e in article["cost_models"]}


async def test_a_corrected_weight_is_manual_and_recorded_with_before_and_after(
    app_client: httpx2.AsyncClient,
):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    etag = (await app_client.get(url)).headers["etag"]

    response = await app_client.patch(url, json={"unit_weight": 0.3}, headers={"If-Match": etag})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["unit_weight"] == 0.3
    assert body["corrections"] == {
        "unit_weight": True,
        "materials": False,
        "cost_model": False,
        "process": False,
    }
    assert body["extracted_metadata"]["review"]["weight_status"] == "manual"
    # The analysis's own finding stays visible next to the correction.
    assert body["extracted_metadata"]["weight"]["grams"] == 250.0
    assert response.headers["etag"] != etag
    assert body["cost_models"][0]["index_code"] == "steel"
    assert body["cost_models"][0]["quantity_g"] == 300.0  # grams follow the new weight
    history = (await app_client.get(f"{url}/history")).json()["items"]
    assert [(h["field"], h["before"], h["after"], h["changed_by"]) for h in history] == [
        ("unit_weight", 0.25, 0.3, "anonymous")
    ]
    assert history[0]["changed_at"]


async def test_a_stale_if_match_is_refused_and_changes_nothing(app_client: httpx2.AsyncClient):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    etag = (await app_client.get(url)).headers["etag"]
    assert (await app_client.patch(url, json={"unit_weight": 0.2})).status_code == 200

    stale = await app_client.patch(url, json={"unit_weight": 0.9}, headers={"If-Match": etag})

    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["errors"][0]["field"] == "If-Match"
    assert (await app_client.get(url)).json()["unit_weight"] == 0.2


async def test_two_edits_with_the_same_etag_one_wins_one_gets_412(
    app_client: httpx2.AsyncClient,
):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    etag = (await app_client.get(url)).headers["etag"]

    first, second = await asyncio.gather(
        app_client.patch(url, json={"unit_weight": 0.4}, headers={"If-Match": etag}),
        app_client.patch(url, json={"unit_weight": 0.5}, headers={"If-Match": etag}),
    )

    assert sorted([first.status_code, second.status_code]) == [200, 412]
    history = (await app_client.get(f"{url}/history")).json()["items"]
    assert len(history) == 1


async def test_invalid_corrections_are_422_naming_the_field(app_client: httpx2.AsyncClient):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    cases = [
        ({"unit_weight": 0}, "unit_weight"),
        ({"unit_weight": -1}, "unit_weight"),
        ({"materials": [{"index_code": "unobtainium", "name": "x"}]}, "materials[0].index_code"),
        (
            {
                "materials": [
                    {"index_code": "steel", "name": "a", "mass_share": 0.7},
                    {"index_code": "zinc", "name": "b", "mass_share": 0.7},
                ]
            },
            "materials",
        ),
        ({"colour": "red"}, "colour"),
    ]
    for body, field in cases:
        response = await app_client.patch(url, json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    assert (await app_client.get(f"{url}/history")).json()["items"] == []


async def test_corrected_materials_show_as_manual(app_client: httpx2.AsyncClient):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    materials = [
        {"index_code": "steel", "name": "S235", "mass_share": 0.8},
        {"index_code": "zinc", "name": "zinc plating", "mass_share": 0.2},
    ]

    body = (await app_client.patch(url, json={"materials": materials})).json()

    assert body["corrections"]["materials"] is True
    assert [m["index_code"] for m in body["extracted_metadata"]["materials"]] == ["steel", "zinc"]
    assert all(m["manual"] for m in body["extracted_metadata"]["materials"])
    assert body["cost_models"][0]["quantity_g"] == 200.0  # 250 g × 0.8
    (change,) = (await app_client.get(f"{url}/history")).json()["items"]
    assert change["field"] == "materials"
    assert change["before"] == [{"index_code": "steel", "name": "steel", "mass_share": 1.0}]
    assert change["after"] == materials


async def test_a_cost_model_set_by_hand_is_validated(app_client: httpx2.AsyncClient):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}/cost-models"
    cases = [
        ({"parts": [{"index_code": "steel", "part": 0.5}], "fixed_share": 0.2}, "parts"),
        ({"parts": [{"index_code": "nope", "part": 1.0}]}, "parts[0].index_code"),
        (
            {
                "parts": [
                    {"index_code": "steel", "part": 0.5},
                    {"index_code": "steel", "part": 0.5},
                ]
            },
            "parts[1].index_code",
        ),
        ({"parts": [{"index_code": "steel", "part": 0}], "fixed_share": 1}, "parts.0.part"),
        ({"parts": [{"index_code": "steel", "part": 1.2}]}, "parts.0.part"),
        ({"parts": [], "fixed_share": 1.5}, "fixed_share"),
    ]
    for body, field in cases:
        response = await app_client.put(url, json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()

    response = await app_client.put(
        url,
        json={
            "parts": [
                {"index_code": "aluminium", "part": 0.5},
                {"index_code": "labour", "part": 0.3},
            ],
            "fixed_share": 0.2,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert _parts(body) == {"aluminium": (0.5, "manual"), "labour": (0.3, "manual")}
    assert body["fixed_share"] == 0.2
    assert body["corrections"]["cost_model"] is True
    (change,) = (await app_client.get(f"/api/articles/{article['id']}/history")).json()["items"]
    assert change["field"] == "cost_model"
    assert change["before"]["fixed_share"] == 0.0
    assert {p["index_code"] for p in change["before"]["parts"]} == {
        "steel",
        "labour",
        "electricity",
    }
    assert change["after"]["fixed_share"] == 0.2

    # A fixed share of 1: nothing is indexed.
    all_fixed = await app_client.put(url, json={"parts": [], "fixed_share": 1})
    assert all_fixed.status_code == 200
    assert all_fixed.json()["cost_models"] == []


async def test_reprocess_keeps_corrections_unless_told_to_discard_them(
    app_client: httpx2.AsyncClient,
):
    article = await _completed(app_client)
    article_id = article["id"]
    url = f"/api/articles/{article_id}"
    await app_client.patch(url, json={"unit_weight": 0.3})
    await app_client.put(
        f"{url}/cost-models",
        json={"parts": [{"index_code": "aluminium", "part": 0.9}], "fixed_share": 0.1},
    )

    assert (await app_client.post(f"{url}/reprocess")).status_code == 202
    await wait_terminal(app_client, article_id)
    kept = (await app_client.get(url)).json()
    assert kept["unit_weight"] == 0.3
    assert _parts(kept) == {"aluminium": (0.9, "manual")}
    assert kept["fixed_share"] == 0.1

    response = await app_client.post(f"{url}/reprocess?discard_corrections=true")
    assert response.status_code == 202
    await wait_terminal(app_client, article_id)
    fresh = (await app_client.get(url)).json()
    assert fresh["unit_weight"] == 0.25
    assert _parts(fresh) == {
        "steel": (0.6, "estimated"),
        "labour": (0.3, "estimated"),
        "electricity": (0.1, "estimated"),
    }
    assert fresh["corrections"] == {
        "unit_weight": False,
        "materials": False,
        "cost_model": False,
        "process": False,
    }
    assert fresh["fixed_share"] == 0.0
    fields = [h["field"] for h in (await app_client.get(f"{url}/history")).json()["items"]]
    assert fields == ["unit_weight", "cost_model", "corrections_discarded"]


async def test_discarding_is_not_applied_when_the_reprocess_is_refused(
    app_client: httpx2.AsyncClient, db_engine: AsyncEngine
):
    article = await _completed(app_client)
    url = f"/api/articles/{article['id']}"
    await app_client.patch(url, json={"unit_weight": 0.3})
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            f"UPDATE articles SET processing_status = 'processing' WHERE id = {article['id']}"
        )

    response = await app_client.post(f"{url}/reprocess?discard_corrections=true")

    assert response.status_code == 409
    assert (await app_client.get(url)).json()["unit_weight"] == 0.3


async def test_the_review_queue_lists_what_a_person_must_look_at(
    app_client: httpx2.AsyncClient, db_engine: AsyncEngine
):
    unsure = await _completed(app_client)
    sure = await _completed(app_client)
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            f"UPDATE articles SET needs_review = true WHERE id = {unsure['id']}"
        )

    queue = (await app_client.get("/api/articles?needs_review=true")).json()
    assert [a["id"] for a in queue["items"]] == [unsure["id"]]
    assert queue["total"] == 1
    assert queue["items"][0]["needs_review"] is True
    settled = (await app_client.get("/api/articles?needs_review=false")).json()
    assert [a["id"] for a in settled["items"]] == [sure["id"]]
    status = (await app_client.get(f"/api/articles/{unsure['id']}/status")).json()
    assert status["needs_review"] is True
    batch = (await app_client.get(f"/api/articles/status?ids={unsure['id']}")).json()
    assert batch["items"][0]["needs_review"] is True

    response = await app_client.patch(f"/api/articles/{unsure['id']}", json={"needs_review": False})

    body = response.json()
    assert body["needs_review"] is False
    assert body["reviewed_by"] == "anonymous"
    assert body["reviewed_at"] is not None
    assert (await app_client.get("/api/articles?needs_review=true")).json()["items"] == []
    status = (await app_client.get(f"/api/articles/{unsure['id']}/status")).json()
    assert status["needs_review"] is False


async def test_the_status_fast_path_and_the_route_render_needs_review_alike(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, client):
        article = await upload(client, SPEC)
        await wait_terminal(client, article["id"])
        fast = await client.get(f"/api/articles/{article['id']}/status")

        async def fall_through(*_: object) -> None:
            return None

        monkeypatch.setattr(StatusFastPath, "answer", fall_through)  # the route answers
        slow = await client.get(f"/api/articles/{article['id']}/status")
    assert fast.content == slow.content
    assert fast.json()["needs_review"] is False


KEYS = "team-a:key-aaaa,team-b:key-bbbb"


async def test_corrections_are_tenant_isolated_and_name_the_key(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, api_keys=KEYS)
    a = {"Authorization": "Bearer key-aaaa"}
    b = {"Authorization": "Bearer key-bbbb"}
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, client):
        article = await _completed(client, **a)
        url = f"/api/articles/{article['id']}"
        cost_model = {"parts": [{"index_code": "steel", "part": 1.0}]}

        assert (await client.patch(url, json={"unit_weight": 1.0}, headers=b)).status_code == 404
        assert (
            await client.put(f"{url}/cost-models", json=cost_model, headers=b)
        ).status_code == 404
        assert (await client.get(f"{url}/history", headers=b)).status_code == 404
        assert (
            await client.post(f"{url}/reprocess?discard_corrections=true", headers=b)
        ).status_code == 404
        assert (await client.get("/api/articles?needs_review=false", headers=b)).json()[
            "items"
        ] == []

        assert (await client.patch(url, json={"unit_weight": 1.0}, headers=a)).status_code == 200
        (change,) = (await client.get(f"{url}/history", headers=a)).json()["items"]
    assert change["tenant"] == "team-a"
    assert change["changed_by"].startswith("team-a/key:")
    assert "key-aaaa" not in change["changed_by"]


@pytest.fixture
async def pool(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(
        asyncpg_dsn(migrated_url), min_size=1, max_size=2, init=register_json
    )
    try:
        yield pool
    finally:
        await pool.close()


async def test_completion_keeps_manual_values_and_caches_only_the_analyzers_answer(
    pool: asyncpg.Pool,
):
    steel = await pool.fetchval("SELECT id FROM indices WHERE code = 'steel'")
    aluminium = await pool.fetchval("SELECT id FROM indices WHERE code = 'aluminium'")
    article_id = await pool.fetchval(
        "INSERT INTO articles (article_name, unit_weight, weight_manual, cost_model_manual, "
        "fixed_share) VALUES ('bracket', 0.3, true, true, 0.1) RETURNING id"
    )
    await pool.execute(
        "INSERT INTO cost_models (article_id, index_id, part, source) VALUES ($1, $2, 0.9, "
        "'manual')",
        article_id,
        aluminium,
    )
    jobs = JobStore(progress_pool=pool, durable_pool=pool)
    (claim,) = await jobs.claim(owner="w", limit=1, lease_s=60, per_tenant=1)
    answer = {"weight": {"grams": 250.0}, "cost_shares": [{"index_code": "steel", "part": 1.0}]}

    assert await jobs.complete(
        claim,
        unit_weight_kg=0.25,
        metadata={"notes": []},
        analysis_method="scripted",
        prompt_tokens=1,
        completion_tokens=1,
        cost_rows=[CostRow(steel, 1.0, 250.0)],
        cache_entry=CacheEntry("k1", "scripted", answer),
    )

    row = await pool.fetchrow(
        "SELECT unit_weight, fixed_share FROM articles WHERE id = $1", article_id
    )
    assert (row["unit_weight"], row["fixed_share"]) == (0.3, 0.1)
    costs = await pool.fetch(
        "SELECT index_id, part, source FROM cost_models WHERE article_id = $1", article_id
    )
    assert [(r["index_id"], r["part"], r["source"]) for r in costs] == [(aluminium, 0.9, "manual")]
    cached = await pool.fetchval("SELECT result FROM analysis_cache WHERE key = 'k1'")
    assert cached == answer


async def test_completion_resets_a_computed_fixed_share_with_the_estimate(pool: asyncpg.Pool):
    """The estimate's parts sum to 1 on their own; pricing then computes again."""
    steel = await pool.fetchval("SELECT id FROM indices WHERE code = 'steel'")
    article_id = await pool.fetchval(
        "INSERT INTO articles (article_name, fixed_share) VALUES ('priced', 0.37) RETURNING id"
    )
    jobs = JobStore(progress_pool=pool, durable_pool=pool)
    (claim,) = await jobs.claim(owner="w", limit=1, lease_s=60, per_tenant=1)

    assert await jobs.complete(
        claim,
        unit_weight_kg=0.25,
        metadata={"notes": []},
        analysis_method="scripted",
        prompt_tokens=1,
        completion_tokens=1,
        cost_rows=[CostRow(steel, 1.0, 250.0)],
    )

    assert await pool.fetchval("SELECT fixed_share FROM articles WHERE id = $1", article_id) == 0
