"""End to end against real server processes: SIGKILL mid-processing loses nothing."""

from __future__ import annotations

import asyncio
import time

import httpx2
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import TERMINAL, ServerProcess, batch_statuses, model_server_env

pytestmark = pytest.mark.e2e

SPEC = "Datasheet\nArticle: bracket\nNet weight: {grams} g\nMaterial: aluminium EN AW-6082\n"


async def test_sigkill_mid_processing_loses_nothing(migrated_url: str, db_engine: AsyncEngine):
    with FakeOpenAIServer(latency=1.0) as fake:
        env = model_server_env(migrated_url, fake.base_url, lease_s="2", max_concurrent_jobs="4")
        first = ServerProcess(env)
        await asyncio.to_thread(first.start)
        try:
            async with httpx2.AsyncClient(base_url=first.base_url, timeout=10) as http:
                ids = []
                for i in range(12):
                    response = await http.post(
                        "/api/analyze",
                        data={"articleName": f"bracket {i}"},
                        files={"productSpecification": ("spec.txt", SPEC.format(grams=100 + i))},
                    )
                    assert response.status_code == 201, response.text
                    ids.append(response.json()["id"])
                # Wait until work is in flight, then kill without warning.
                for _ in range(200):
                    states = {
                        s["processing_status"] for s in (await batch_statuses(http, ids)).values()
                    }
                    if "processing" in states:
                        break
                    await asyncio.sleep(0.1)
                assert "processing" in states
        finally:
            first.kill()

        second = ServerProcess(env)
        await asyncio.to_thread(second.start)
        try:
            async with httpx2.AsyncClient(base_url=second.base_url, timeout=10) as http:
                deadline = time.monotonic() + 90
                while time.monotonic() < deadline:
                    final = await batch_statuses(http, ids)
                    if all(s["processing_status"] in TERMINAL for s in final.values()):
                        break
                    await asyncio.sleep(0.3)
        finally:
            second.kill()

    assert {s["processing_status"] for s in final.values()} == {"completed"}, final
    async with db_engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT a.id, a.unit_weight, count(c.id), sum(c.part) FROM articles a "
                    "LEFT JOIN cost_models c ON c.article_id = a.id GROUP BY a.id ORDER BY a.id"
                )
            )
        ).all()
    assert [row[0] for row in rows] == ids
    for index, (_, unit_weight, count, total) in enumerate(rows):
        assert count >= 1
        assert abs(total - 1) < 1e-6
        assert unit_weight == pytest.approx((100 + index) / 1000)
