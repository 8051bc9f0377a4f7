"""Periodic housekeeping: purge old file bytes (CMS_FILE_RETENTION_DAYS), forget old spend
buckets. The article, its evidence and its cost model stay."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from app.analyzers.guard import SpendLedger
from app.articles.jobs import JobStore
from app.core import metrics

logger = logging.getLogger(__name__)


class Housekeeper:
    def __init__(
        self,
        jobs: JobStore,
        *,
        retention_days: float | None,
        interval_s: float,
        ledger: SpendLedger | None,
    ) -> None:
        self._store = jobs
        self._retention_days = retention_days
        self._interval_s = interval_s
        self._ledger = ledger
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._retention_days is None and self._ledger is None:
            return
        self._task = asyncio.create_task(self._loop(), name="housekeeper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def run_once(self) -> int:
        purged = 0
        if self._retention_days is not None:
            purged = await self._store.purge_old_files(older_than_days=self._retention_days)
            if purged:
                metrics.FILES_PURGED.inc(purged)
                logger.info("purged %d stored file(s) past retention", purged)
        if self._ledger is not None:
            await self._ledger.forget_old_buckets()
        return purged

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception as exc:
                logger.warning("housekeeping failed (%s)", exc.__class__.__name__)
            await asyncio.sleep(self._interval_s)
