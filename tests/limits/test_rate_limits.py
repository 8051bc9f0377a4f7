"""Rate limits on uploads and reprocessing: on by default, per tenant, shared by replicas."""

from __future__ import annotations

import httpx2
import pytest
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from tests.conftest import make_settings
from tests.support import running_app, wait_terminal

SPEC = b"Datasheet\nNet weight: 12 g\nMaterial: POM\n"
KEYS = "team-a:key-aaaa,team-b:key-bbbb"
# Hour-long windows: a test never straddles a window boundary in practice.
TEAM_A = {"Authorization": "Bearer key-aaaa"}
TEAM_B = {"Authorization": "Bearer key-bbbb"}


def refused_uploads() -> float:
    return REGISTRY.get_sample_value("cms_rate_limited_total", {"action": "upload"}) or 0.0


async def _upload(client: httpx2.AsyncClient, headers: dict[str, str] | None = None) -> int:
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Clip"},
        files={"productSpecification": ("s.txt", SPEC)},
        headers=headers or {},
    )
    return response.status_code


def test_limits_are_on_by_default_and_can_be_switched_off(monkeypatch: pytest.MonkeyPatch):
    for name in ("CMS_RATE_LIMIT", "CMS_RATE_LIMIT_UPLOADS", "CMS_RATE_LIMIT_REPROCESS"):
        monkeypatch.delenv(name, raising=False)
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert defaults.rate_limit_uploads == "120/minute"
    assert defaults.rate_limit_reprocess == "30/minute"

    monkeypatch.setenv("CMS_RATE_LIMIT", "7/second")  # the former name still works
    monkeypatch.setenv("CMS_RATE_LIMIT_REPROCESS", "off")
    configured = Settings(_env_file=None)  # type: ignore[call-arg]
    assert configured.rate_limit_uploads == "7/second"
    assert configured.rate_limit_reprocess is None

    monkeypatch.setenv("CMS_RATE_LIMIT_UPLOADS", "lots")
    with pytest.raises(ValueError, match="CMS_RATE_LIMIT_UPLOADS"):
        Settings(_env_file=None)  # type: ignore[call-arg]


async def test_two_replicas_share_one_upload_limit(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, rate_limit_uploads="4/hour", run_processor=False)
    refused_before = refused_uploads()
    async with (
        running_app(settings) as (_, replica_a),
        running_app(settings) as (_, replica_b),
    ):
        admitted = [await _upload(replica_a), await _upload(replica_b)]
        admitted += [await _upload(replica_a), await _upload(replica_b)]
        assert admitted == [201, 201, 201, 201]
        refused_a = await replica_a.post(
            "/api/analyze",
            data={"articleName": "Clip"},
            files={"productSpecification": ("s.txt", SPEC)},
        )
        assert await _upload(replica_b) == 429

    assert refused_a.status_code == 429
    assert refused_a.headers["content-type"].startswith("application/problem+json")
    assert refused_a.json()["type"].endswith("/problems/rate-limited")
    assert 1 <= int(refused_a.headers["retry-after"]) <= 3600
    async with db_engine.connect() as conn:
        stored = (await conn.exec_driver_sql("SELECT count(*) FROM articles")).scalar()
    assert stored == 4  # refused uploads stored nothing
    assert refused_uploads() == refused_before + 2  # in /metrics


async def test_the_limit_is_per_tenant(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(
        migrated_url, rate_limit_uploads="2/hour", api_keys=KEYS, run_processor=False
    )
    async with running_app(settings) as (_, client):
        assert [await _upload(client, TEAM_A) for _ in range(3)] == [201, 201, 429]
        assert [await _upload(client, TEAM_B) for _ in range(2)] == [201, 201]


async def test_reprocess_is_limited(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, rate_limit_reprocess="2/hour")
    async with running_app(settings) as (_, client):
        response = await client.post(
            "/api/analyze",
            data={"articleName": "Clip"},
            files={"productSpecification": ("s.txt", SPEC)},
        )
        article_id = response.json()["id"]
        await wait_terminal(client, article_id)
        for _ in range(2):
            again = await client.post(f"/api/articles/{article_id}/reprocess")
            assert again.status_code == 202
            await wait_terminal(client, article_id)
        refused = await client.post(f"/api/articles/{article_id}/reprocess")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.headers["content-type"].startswith("application/problem+json")
        # Uploads have their own budget.
        assert await _upload(client) == 201


async def test_a_limit_switched_off_never_refuses(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, rate_limit_uploads="off", run_processor=False)
    async with running_app(settings) as (_, client):
        assert {await _upload(client) for _ in range(5)} == {201}
    async with db_engine.connect() as conn:
        counters = (await conn.exec_driver_sql("SELECT count(*) FROM rate_limit_counters")).scalar()
    assert counters == 0
