"""A PostgreSQL restart while clients poll: every answer is 200 or 503 with Retry-After."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx2
import pytest

from app.core.embedded_postgres import EmbeddedPostgres
from tests.conftest import make_settings
from tests.support import running_app, upload

pytestmark = pytest.mark.slow


async def test_polls_during_a_database_restart_answer_503_never_500(
    own_database: tuple[EmbeddedPostgres, str],
):
    database, url = own_database
    settings = make_settings(url, run_processor=False, status_pool_size=2, db_pool_size=2)
    async with running_app(settings) as (_, http):
        article_id = (await upload(http, "Net weight: 12 g\nMaterial: POM\n"))["id"]
        paths = [
            f"/api/articles/{article_id}/status",  # the fast path (raw pool)
            f"/api/articles/{article_id}",  # the ORM route
            f"/api/articles/status?ids={article_id}",
            "/api/articles",
        ]
        answers: list[httpx2.Response] = []
        restarted = asyncio.Event()

        async def poll() -> None:
            while not restarted.is_set():
                for path in paths:
                    answers.append(await http.get(path))
                await asyncio.sleep(0.01)

        async def restart() -> None:
            await asyncio.sleep(0.3)
            await asyncio.to_thread(database.stop, "fast")
            await asyncio.sleep(1.0)
            await asyncio.to_thread(database.restart_in_place)
            await asyncio.sleep(1.0)
            restarted.set()

        async with asyncio.timeout(120):  # only to catch a hang
            await asyncio.gather(poll(), restart())
            codes = Counter(r.status_code for r in answers)
            assert set(codes) <= {200, 503}, (
                codes,
                [r.text for r in answers if r.status_code >= 500 and r.status_code != 503][:3],
            )
            assert codes[503] > 0, "the polls never saw the outage"
            for response in answers:
                if response.status_code == 503:
                    assert response.headers["retry-after"] == "2"
                    assert response.headers["content-type"].startswith("application/problem+json")
                    assert response.json()["type"].endswith("/service-unavailable")
            # Back to normal once the database is up again (pools reconnect on their own).
            for _ in range(600):
                if (await http.get(paths[0])).status_code == 200:
                    break
                await asyncio.sleep(0.1)
            for path in paths:
                assert (await http.get(path)).status_code == 200, path
