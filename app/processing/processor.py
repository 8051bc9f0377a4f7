"""The in-process worker: claims pending articles, runs them with bounded concurrency, holds
leases while it works, recovers work from dead workers, and hands work back on shutdown.

The article row is the job. Waking the processor after an upload only saves latency; polling
for pending rows is what guarantees that every article is processed, on whichever replica.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import AnalysisDeferred, AnalysisError
from app.config import Settings
from app.errors import is_database_unavailable
from app.extraction.document import ExtractionError
from app.logging import article_id_var
from app.ops import metrics
from app.processing import job_queries, repository
from app.processing.pipeline import JobLostError, Pipeline
from app.processing.repository import ClaimedJob

logger = logging.getLogger(__name__)

Admission = Callable[[], Awaitable[tuple[int | None, float]]]


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class FailureDecision:
    """How one failed attempt ends: retried later, or failed with a code and a readable reason."""

    def __init__(self, code: str, message: str, *, retry: bool) -> None:
        self.code = code
        self.message = message
        self.retry = retry


def classify_failure(exc: BaseException, *, job_timeout_s: float) -> FailureDecision:
    if isinstance(exc, ExtractionError):
        return FailureDecision(exc.code, exc.message, retry=False)
    if isinstance(exc, AnalysisError):
        return FailureDecision(exc.code, exc.message, retry=exc.retryable)
    if isinstance(exc, TimeoutError):  # the job's own limit; before OSError
        return FailureDecision(
            "timeout",
            f"Processing took longer than {job_timeout_s:g} s and was stopped.",
            retry=True,
        )
    if is_database_unavailable(exc):
        return FailureDecision(
            "database_unavailable", "The database was unreachable during processing.", retry=True
        )
    return FailureDecision(
        "internal_error",
        f"Unexpected error during processing ({exc.__class__.__name__}); see the service log.",
        retry=False,
    )


class Processor:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        pipeline: Pipeline,
        settings: Settings,
        *,
        claims_pool: asyncpg.Pool,
        worker_id: str | None = None,
        admission: Admission | None = None,
    ) -> None:
        """`claims_pool` is the job progress pool (see app.processing.job_queries);
        `admission` says how many jobs may start now (the model breaker and budget)."""
        self._admission = admission
        self._claims_pool = claims_pool
        self._sessions = session_factory
        self._pipeline = pipeline
        self._settings = settings
        self.worker_id = worker_id or new_worker_id()
        self._jobs: dict[int, asyncio.Task[None]] = {}
        self._wakeup = asyncio.Event()
        self._stopping = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._lease_task: asyncio.Task[None] | None = None
        self._last_sweep = 0.0

    # --- public -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return (
            self._loop_task is not None
            and not self._loop_task.done()
            and not self._stopping.is_set()
        )

    @property
    def active_jobs(self) -> int:
        return len(self._jobs)

    def wake(self) -> None:
        self._wakeup.set()

    async def start(self) -> None:
        self._stopping.clear()
        self._loop_task = asyncio.create_task(self._claim_loop(), name="processor-claim-loop")
        self._lease_task = asyncio.create_task(self._lease_loop(), name="processor-lease-loop")
        logger.info(
            "processor started",
            extra={
                "worker_id": self.worker_id,
                "max_concurrent_jobs": self._settings.max_concurrent_jobs,
                "analysis_method": self._pipeline.analysis_method,
            },
        )

    async def stop(self, grace_s: float) -> None:
        """Stop claiming, let running jobs finish within `grace_s`, hand the rest back."""
        self._stopping.set()
        self._wakeup.set()
        if self._loop_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        running = list(self._jobs.values())
        if running:
            logger.info("waiting up to %.1f s for %d running job(s)", grace_s, len(running))
            await asyncio.wait(running, timeout=grace_s)
        unfinished = {
            article_id: task for article_id, task in self._jobs.items() if not task.done()
        }
        for task in unfinished.values():
            task.cancel()
        if unfinished:
            await asyncio.gather(*unfinished.values(), return_exceptions=True)
            await self._hand_back(list(unfinished))
        if self._lease_task is not None:
            self._lease_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._lease_task
        logger.info("processor stopped", extra={"worker_id": self.worker_id})

    # --- claiming -----------------------------------------------------------------------------
    async def _claim_loop(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                await self._sweep_if_due()
                free = self._settings.max_concurrent_jobs - len(self._jobs)
                claimed: list[ClaimedJob] = []
                hold_s = 0.0
                if free > 0 and self._admission is not None:
                    allowed, hold_s = await self._admission()
                    if allowed is not None:
                        free = min(free, allowed - len(self._jobs))
                if free > 0:
                    claimed = await job_queries.claim(
                        self._claims_pool,
                        owner=self.worker_id,
                        limit=free,
                        lease_s=self._settings.lease_s,
                    )
                for job in claimed:
                    self._jobs[job.article_id] = asyncio.create_task(
                        self._run_job(job), name=f"article-{job.article_id}"
                    )
                failures = 0
            except Exception as exc:
                failures += 1
                hold_s = 0.0
                level = logging.WARNING if is_database_unavailable(exc) else logging.ERROR
                logger.log(
                    level,
                    "claiming work failed (%s); retrying",
                    exc.__class__.__name__,
                    exc_info=level == logging.ERROR,
                )
            # A finished job, an upload or the poll interval wakes the loop.
            wait = min(self._settings.poll_interval_s * (1 + failures), 10.0)
            await self._wait_for_work(max(wait, min(hold_s, 10.0)) if not claimed else wait)

    async def _wait_for_work(self, max_wait_s: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max_wait_s):
                await self._wakeup.wait()
        self._wakeup.clear()

    async def _sweep_if_due(self) -> None:
        now = time.monotonic()
        if now - self._last_sweep < max(self._settings.lease_s / 4, 1.0):
            return
        self._last_sweep = now
        async with self._sessions() as session:
            recovered = await repository.recover_expired(
                session, max_attempts=self._settings.max_attempts
            )
            await session.commit()
        for article_id, status in recovered:
            logger.warning(
                "took back article whose worker stopped responding",
                extra={"article_id": article_id, "new_status": status},
            )

    # --- leases -------------------------------------------------------------------------------
    async def _lease_loop(self) -> None:
        interval = max(self._settings.lease_s / 3, 0.2)
        while True:
            await asyncio.sleep(interval)
            held_ids = list(self._jobs)
            if not held_ids:
                continue
            try:
                async with self._sessions() as session:
                    still_held = await repository.renew_leases(
                        session,
                        owner=self.worker_id,
                        article_ids=held_ids,
                        lease_s=self._settings.lease_s,
                    )
                    await session.commit()
            except Exception as exc:
                logger.warning("renewing leases failed (%s)", exc.__class__.__name__)
                continue
            for article_id in set(held_ids) - still_held:
                task = self._jobs.get(article_id)
                if task is not None and not task.done():
                    logger.info("lease lost; stopping job", extra={"article_id": article_id})
                    task.cancel(msg="lease lost")

    # --- one job ------------------------------------------------------------------------------
    async def _run_job(self, job: ClaimedJob) -> None:
        article_id = job.article_id
        article_id_var.set(article_id)  # every log line of this task carries the article id
        started = time.monotonic()
        log_extra = {"attempt": job.attempts}
        logger.info("processing started", extra=log_extra)
        metrics.JOBS_ACTIVE.inc()
        try:
            async with asyncio.timeout(self._settings.job_timeout_s):
                await self._pipeline.run(article_id, self.worker_id)
            duration = time.monotonic() - started
            metrics.JOBS.labels("completed").inc()
            metrics.JOB_DURATION.observe(duration)
            logger.info(
                "processing completed", extra={**log_extra, "duration_s": round(duration, 3)}
            )
        except JobLostError:
            metrics.JOBS.labels("lost").inc()
            logger.info("article no longer held by this worker; job dropped", extra=log_extra)
        except AnalysisDeferred as deferred:
            await self._defer(job, deferred)
        except Exception as exc:
            metrics.JOB_DURATION.observe(time.monotonic() - started)
            await self._record_failure(job, exc, time.monotonic() - started)
        finally:
            metrics.JOBS_ACTIVE.dec()
            self._jobs.pop(article_id, None)
            self._wakeup.set()

    async def _defer(self, job: ClaimedJob, deferred: AnalysisDeferred) -> None:
        metrics.JOBS.labels("deferred").inc()
        logger.info("analysis deferred: %s", deferred.message, extra={"error_code": deferred.code})
        try:
            async with self._sessions() as session:
                await repository.back_to_pending(
                    session,
                    article_id=job.article_id,
                    owner=self.worker_id,
                    code=deferred.code,
                    message=deferred.message,
                    delay_s=deferred.delay_s,
                    refund_attempt=True,
                )
                await session.commit()
        except Exception as exc:
            logger.warning("could not defer (%s); the lease will expire", exc.__class__.__name__)

    async def _record_failure(self, job: ClaimedJob, exc: Exception, duration_s: float) -> None:
        decision = classify_failure(exc, job_timeout_s=self._settings.job_timeout_s)
        retry = decision.retry and job.attempts < self._settings.max_attempts
        log_extra = {
            "attempt": job.attempts,
            "error_code": decision.code,
            "duration_s": round(duration_s, 3),
        }
        if decision.code == "internal_error":
            logger.error("processing crashed", extra=log_extra, exc_info=exc)
        try:
            async with self._sessions() as session:
                if retry:
                    metrics.JOBS.labels("retried").inc()
                    delay = self._settings.retry_backoff_s * 2 ** (job.attempts - 1)
                    await repository.back_to_pending(
                        session,
                        article_id=job.article_id,
                        owner=self.worker_id,
                        code=decision.code,
                        message=f"{decision.message} (attempt {job.attempts}; retrying)",
                        delay_s=delay,
                        refund_attempt=False,
                    )
                    logger.warning("processing failed; will retry", extra=log_extra)
                else:
                    metrics.JOBS.labels("failed").inc()
                    message = decision.message
                    if decision.retry:
                        message = f"{message} (gave up after {job.attempts} attempts)"
                    await repository.fail(
                        session,
                        article_id=job.article_id,
                        owner=self.worker_id,
                        code=decision.code,
                        message=message,
                    )
                    logger.warning("processing failed: %s", message, extra=log_extra)
                await session.commit()
        except Exception as db_exc:
            # The lease will expire and the sweeper will retry the article: nothing is lost.
            logger.warning(
                "could not record the failure (%s); the lease will expire",
                db_exc.__class__.__name__,
                extra=log_extra,
            )

    async def _hand_back(self, article_ids: list[int]) -> None:
        try:
            async with self._sessions() as session:
                returned = await repository.hand_back(
                    session, owner=self.worker_id, article_ids=article_ids
                )
                await session.commit()
            metrics.JOBS.labels("handed_back").inc(len(returned))
            logger.info("handed %d unfinished article(s) back to pending", len(returned))
        except Exception as exc:
            logger.warning(
                "could not hand back %d article(s) (%s); their leases will expire",
                len(article_ids),
                exc.__class__.__name__,
            )
