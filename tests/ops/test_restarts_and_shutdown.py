"""Real server processes: the database restarts under load, SIGTERM hands work back."""

from __future__ import annotations

import asyncio
import json
import time

import httpx2
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.core.embedded_postgres import EmbeddedPostgres
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import (
    TERMINAL,
    ServerProcess,
    batch_statuses,
    model_server_env,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def spec(i: int) -> tuple[str, bytes, str]:
    body = f"Datasheet {i}\nNet weight: {200 + i} g\nMaterial: PA6 GF30\n"
    return ("spec.txt", body.encode(), "text/plain")


async def _wait_all_terminal(http: httpx2.AsyncClient, ids: list[int], within_s: float) -> dict:
    deadline = time.monotonic() + within_s
    while True:
        try:
            statuses = await batch_statuses(http, ids)
            if all(s["processing_status"] in TERMINAL for s in statuses.values()):
                return statuses
        except httpx2.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"not terminal within {within_s}s")
        await asyncio.sleep(0.3)


async def test_database_restart_under_load_answers_503_then_recovers_without_losing_work(
    own_database: tuple[EmbeddedPostgres, str],
):
    database, url = own_database
    with FakeOpenAIServer(latency=0.5) as fake:
        env = model_server_env(
            url,
            fake.base_url,
            max_concurrent_jobs="4",
            lease_s="3",
            retry_backoff_s="0.2",
            max_attempts="10",
        )
        server = ServerProcess(env)
        await asyncio.to_thread(server.start)
        try:
            async with httpx2.AsyncClient(base_url=server.base_url, timeout=10) as http:
                ids = []
                for i in range(20):
                    created = await http.post(
                        "/api/analyze",
                        data={"articleName": f"gear {i}"},
                        files={"productSpecification": spec(i)},
                    )
                    ids.append(created.json()["id"])
                await asyncio.sleep(1.0)  # some are processing now

                await asyncio.to_thread(database.stop, "fast")
                during = [await http.get(f"/api/articles/{ids[0]}/status") for _ in range(5)]
                ready = await http.get("/ready")
                assert {r.status_code for r in during} == {503}, [r.text for r in during]
                assert during[0].headers["content-type"].startswith("application/problem+json")
                assert ready.status_code == 503
                assert ready.json()["checks"]["database"].startswith("unreachable")
                await asyncio.sleep(2.0)
                await asyncio.to_thread(database.restart_in_place)

                final = await _wait_all_terminal(http, ids, within_s=120)
                assert (await http.get("/ready")).status_code == 200
        finally:
            server.kill()

    assert {s["processing_status"] for s in final.values()} == {"completed"}, final
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT a.id, count(c.id), sum(c.part) FROM articles a JOIN cost_models c "
                        "ON c.article_id = a.id GROUP BY a.id"
                    )
                )
            ).all()
            count = (await conn.execute(text("SELECT count(*) FROM articles"))).scalar()
    finally:
        await engine.dispose()
    assert count == 20  # nothing lost, nothing duplicated
    assert len(rows) == 20
    assert all(abs(total - 1) < 1e-6 for _, _, total in rows)


async def test_sigterm_hands_unfinished_work_back_for_the_next_process(
    migrated_url: str, db_engine: AsyncEngine
):
    with FakeOpenAIServer(latency=5.0) as fake:
        env = model_server_env(
            migrated_url,
            fake.base_url,
            max_concurrent_jobs="4",
            lease_s="120",  # recovery must not depend on the lease expiring
            shutdown_grace_s="0.5",
        )
        first = ServerProcess(env)
        await asyncio.to_thread(first.start)
        async with httpx2.AsyncClient(base_url=first.base_url, timeout=10) as http:
            ids = []
            for i in range(3):
                created = await http.post(
                    "/api/analyze",
                    data={"articleName": f"valve {i}"},
                    files={"productSpecification": spec(i)},
                    headers={"X-Request-ID": f"req-{i}"},
                )
                assert created.headers["x-request-id"] == f"req-{i}"
                ids.append(created.json()["id"])
            for _ in range(100):
                states = {
                    s["processing_status"] for s in (await batch_statuses(http, ids)).values()
                }
                if states == {"processing"}:
                    break
                await asyncio.sleep(0.1)
            assert states == {"processing"}, "the jobs never started: nothing to hand back"
        started = time.monotonic()
        exit_code = await asyncio.to_thread(first.terminate, 30)
        assert exit_code == 0
        assert time.monotonic() - started < 10

        async with db_engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT processing_status, lease_owner, attempts FROM articles ORDER BY id"
                    )
                )
            ).all()
        assert rows == [("pending", None, 0)] * 3

        fake.latency = 0.1
        second = ServerProcess(env)
        await asyncio.to_thread(second.start)
        try:
            async with httpx2.AsyncClient(base_url=second.base_url, timeout=10) as http:
                final = await _wait_all_terminal(http, ids, within_s=20)
        finally:
            second.kill()
    assert {s["processing_status"] for s in final.values()} == {"completed"}

    # The log is one JSON object per line, with request and article ids.
    lines = [json.loads(line) for line in first.log().splitlines() if line.startswith("{")]
    assert lines, first.log()
    assert any(line.get("request_id") == "req-0" for line in lines)
    processing = [line for line in lines if line["logger"].startswith("app.processing")]
    assert processing and all("article_id" in line for line in processing if "attempt" in line)
    assert any("handed" in line["message"] for line in lines)


async def test_sigterm_lets_jobs_finish_within_the_grace_period(
    migrated_url: str, db_engine: AsyncEngine
):
    with FakeOpenAIServer(latency=1.5) as fake:
        env = model_server_env(migrated_url, fake.base_url, shutdown_grace_s="10")
        server = ServerProcess(env)
        await asyncio.to_thread(server.start)
        async with httpx2.AsyncClient(base_url=server.base_url, timeout=10) as http:
            created = await http.post(
                "/api/analyze",
                data={"articleName": "nozzle"},
                files={"productSpecification": spec(1)},
            )
            article_id = created.json()["id"]
            await wait_for_state(http, article_id, status="processing")
        assert await asyncio.to_thread(server.terminate, 30) == 0
    async with db_engine.connect() as conn:
        status = (
            await conn.execute(
                text(f"SELECT processing_status FROM articles WHERE id = {article_id}")
            )
        ).scalar()
    assert status == "completed"
