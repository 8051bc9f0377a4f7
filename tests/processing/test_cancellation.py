"""Cancel, delete, reprocess and a lost lease stop the work itself: the parse's worker process is
killed, the model call is cancelled, and the concurrency slot is free only once the run ended."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.extraction.document import ExtractedDocument
from app.extraction.runner import DocumentExtractor
from app.main import CostModelApp
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, upload, wait_for_state, wait_terminal

SPEC = "Product datasheet\nNet weight: 250 g\nMaterial: steel S235JR\n"
HANG_S = 600.0  # far beyond any test: only killing the worker ends it


def _report_pid_and_hang(pid_file: str) -> None:
    """Runs in a parser process: says which one, then hangs like a pathological file."""
    Path(pid_file).write_text(str(os.getpid()))
    time.sleep(HANG_S)


class HangingExtractor(DocumentExtractor):
    """A real process pool whose parse of a file hangs in a worker (a pathological file)."""

    def __init__(self, pid_file: Path) -> None:
        super().__init__(workers=1, timeout_s=HANG_S)
        self.pid_file = pid_file

    async def extract(self, data: bytes, **_: Any) -> ExtractedDocument:
        await self.run_blocking(_report_pid_and_hang, str(self.pid_file))
        raise AssertionError("the hanging parse returned")


def _process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")  # killed, not yet reaped


async def _eventually(check: Any, *, within_s: float = 60.0) -> None:
    """A bound only to catch a hang: the expected time is a fraction of a second."""
    deadline = time.monotonic() + within_s
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


async def _processing_rows(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            text("SELECT count(*) FROM articles WHERE processing_status = 'processing'")
        )
    return int(count or 0)


def _active(app: CostModelApp) -> int:
    assert app.services is not None
    return app.services.processor.active_jobs


async def test_cancel_kills_the_running_parse_and_frees_the_slot(
    settings: Settings, db_engine: AsyncEngine, tmp_path: Path
):
    extractor = HangingExtractor(tmp_path / "worker.pid")
    async with running_app(settings, extractor=extractor) as (app, client):
        article = await upload(client, SPEC)
        await _eventually(extractor.pid_file.exists)
        pid = int(extractor.pid_file.read_text())
        assert not _process_gone(pid)

        cancelled = await client.post(f"/api/articles/{article['id']}/cancel")
        assert cancelled.status_code == 200
        assert cancelled.json()["processing_error_code"] == "cancelled"
        await _eventually(lambda: _process_gone(pid))
        await _eventually(lambda: _active(app) == 0)
        status = (await client.get(f"/api/articles/{article['id']}/status")).json()
    assert (status["processing_status"], status["processing_error"]) == ("failed", "cancelled")


async def test_cancel_aborts_the_model_call(settings: Settings, db_engine: AsyncEngine):
    analyzer = ScriptedAnalyzer(delay_s=HANG_S)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        article = await upload(client, SPEC)
        await _eventually(lambda: analyzer.in_flight == 1)
        assert (await client.post(f"/api/articles/{article['id']}/cancel")).status_code == 200
        await _eventually(lambda: analyzer.in_flight == 0)  # the call's task was cancelled
        await _eventually(lambda: _active(app) == 0)
        # The freed slot takes the next article at once.
        second = await upload(client, SPEC, name="next")
        await _eventually(lambda: analyzer.in_flight == 1)
        assert (await client.post(f"/api/articles/{second['id']}/cancel")).status_code == 200


async def test_delete_aborts_the_model_call(settings: Settings, db_engine: AsyncEngine):
    analyzer = ScriptedAnalyzer(delay_s=HANG_S)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        article = await upload(client, SPEC)
        await _eventually(lambda: analyzer.in_flight == 1)
        assert (await client.delete(f"/api/articles/{article['id']}")).status_code == 204
        await _eventually(lambda: analyzer.in_flight == 0)
        await _eventually(lambda: _active(app) == 0)


async def test_reprocess_right_after_cancel_runs_the_article_once(
    settings: Settings, db_engine: AsyncEngine
):
    """Cancel then reprocess, four times: never two runs of the article at once, and the
    article ends completed by the last run alone."""
    analyzer = ScriptedAnalyzer(delay_s=0.5)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        article = await upload(client, SPEC)
        for _ in range(4):
            await _eventually(lambda: analyzer.in_flight == 1)
            assert (await client.post(f"/api/articles/{article['id']}/cancel")).status_code == 200
            assert (
                await client.post(f"/api/articles/{article['id']}/reprocess")
            ).status_code == 202
        status = await wait_terminal(client, article["id"])
        # The slot is given back just after the run's last write, so it may trail the status.
        await _eventually(lambda: _active(app) == 0)
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert status["processing_status"] == "completed"
    assert analyzer.max_in_flight == 1
    assert full["attempts"] == 1


async def test_a_lost_claim_stops_the_run_at_the_next_lease_renewal(
    migrated_url: str, db_engine: AsyncEngine
):
    """Another replica took the article over (its claim token moved on): this run stops."""
    analyzer = ScriptedAnalyzer(delay_s=HANG_S)
    settings = make_settings(migrated_url, lease_s=1.0)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        article = await upload(client, SPEC)
        await _eventually(lambda: analyzer.in_flight == 1)
        async with db_engine.begin() as conn:
            await conn.execute(
                text(
                    "UPDATE articles SET claim_token = claim_token + 1, lease_owner = 'elsewhere', "
                    "lease_expires_at = now() + interval '1 hour' WHERE id = :id"
                ),
                {"id": article["id"]},
            )
        await _eventually(lambda: analyzer.in_flight == 0)
        await _eventually(lambda: _active(app) == 0)
        # The run that lost the article wrote nothing: the row is as the other replica left it.
        status = await wait_for_state(client, article["id"], status="processing")
        assert status["processing_stage"] == "extracting_metadata"
        assert await _processing_rows(db_engine) == 1
