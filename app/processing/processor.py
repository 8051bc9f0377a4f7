"""The in-process worker: claims pending articles, runs them with bounded concurrency, holds
leases while it works, recovers work from dead workers, and hands work back on shutdown.

The bound is on the analyses (CMS_MAX_CONCURRENT_JOBS model calls at once); a share more
articles are read ahead of them, so that no analysis slot idles while an article is claimed,
loaded, parsed and prompted (see READ_AHEAD_SHARE).

The article row is the job (every state change is in app.articles.jobs.JobStore). Waking the
processor after an upload only saves latency; polling for pending rows is what guarantees that
every article is processed, on whichever replica.

A run is keyed by (article id, claim token). When the claim is lost — cancelled, deleted or
reprocessed here (the JobStore tells us at once) or elsewhere, or the lease expired (the lease
loop notices) — its task is cancelled: the running parse's worker process is killed and the
model call aborted. Its concurrency slot is freed only when the task has really ended, and a
new claim of the same article waits for the earlier run to end before it starts.
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

from app.analyzers.base import AnalysisDeferred, AnalysisError
from app.articles.jobs import Claim, JobStore
from app.config import Settings
from app.core import metrics
from app.errors import is_database_unavailable
from app.extraction.document import ExtractionError
from app.logging import article_id_var
from app.processing.fairness import tenant_var
from app.processing.pipeline import JobLostError, Pipeline

logger = logging.getLogger(__name__)

Admission = Callable[[], Awaitable[tuple[int | None, float]]]
# Runs beyond the analysis slots, as a share of them. CMS_MAX_CONCURRENT_JOBS analyses run at
# once; up to as many more articles are read ahead (claimed, loaded, parsed, prompted). A
# slot freed by a finished analysis then takes an article that is ready at once, instead of
# idling through its claim, load, parse and prompt: round trips and hops to the parser
# processes and threads that, at fifty jobs and an upload burst on the same loop, took
# 0.4-0.8 s (measured), more than half as many articles cover at 50 per second. Articles past
# their analysis (saving) do not count against the read-ahead (counted, they held 7-9 of its
# places); all runs together stay within twice the read-ahead past the slots.
READ_AHEAD_SHARE = 1.0
# While jobs run, a freed slot waits this long for others to free up, so that one claim
# statement takes several rows: at fifty jobs a second ends a claim per job cost a round trip
# and a turn of the busy event loop each.
CLAIM_COALESCE_S = 0.02


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
        jobs: JobStore,
        pipeline: Pipeline,
        settings: Settings,
        *,
        jobs_per_tenant: int | None = None,
        worker_id: str | None = None,
        admission: Admission | None = None,
    ) -> None:
        """`jobs_per_tenant` caps one tenant's running jobs (default: no cap); `admission` says
        how many jobs may start now (the model breaker and budget)."""
        self._admission = admission
        analyses = settings.max_concurrent_jobs
        read_ahead = max(1, int(analyses * READ_AHEAD_SHARE))
        self._max_unanalysed = analyses + read_ahead  # runs not past their analysis
        self._max_runs = analyses + 2 * read_ahead
        self._analysis_slots = asyncio.Semaphore(analyses)
        self._jobs_per_tenant = jobs_per_tenant or self._max_runs
        self._store = jobs
        self._pipeline = pipeline
        self._settings = settings
        self.worker_id = worker_id or new_worker_id()
        self._runs: dict[tuple[int, int], tuple[Claim, asyncio.Task[None]]] = {}
        self._analysed: set[tuple[int, int]] = set()  # runs past their analysis, saving
        self._wakeup = asyncio.Event()
        self._stopping = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._lease_task: asyncio.Task[None] | None = None
        self._last_sweep = 0.0
        jobs.on_released(self.release)

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
        """Runs whose task has not ended yet (a cancelled run counts until it has)."""
        return len(self._runs)

    def _free_runs(self) -> int:
        """How many more articles may be claimed now: the read-ahead not yet taken, within
        the bound on all runs."""
        unanalysed = len(self._runs) - len(self._analysed)
        return min(self._max_unanalysed - unanalysed, self._max_runs - len(self._runs))

    def wake(self) -> None:
        self._wakeup.set()

    def release(self, article_id: int) -> None:
        """The article is no longer ours (cancelled, requeued or deleted here): stop its runs."""
        for (run_article, _), (_, task) in list(self._runs.items()):
            if run_article == article_id and not task.done():
                logger.info("article released; stopping its run", extra={"article_id": article_id})
                task.cancel(msg="released")  # its end frees the slot and wakes the loop

    async def start(self) -> None:
        self._stopping.clear()
        self._loop_task = asyncio.create_task(self._claim_loop(), name="processor-claim-loop")
        self._lease_task = asyncio.create_task(self._lease_loop(), name="processor-lease-loop")
        logger.info(
            "processor started",
            extra={
                "worker_id": self.worker_id,
                "max_concurrent_jobs": self._settings.max_concurrent_jobs,
                "max_runs": self._max_runs,
                "jobs_per_tenant": self._jobs_per_tenant,
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
        running = [task for _, task in self._runs.values()]
        if running:
            logger.info("waiting up to %.1f s for %d running job(s)", grace_s, len(running))
            await asyncio.wait(running, timeout=grace_s)
        unfinished = [(claim, task) for claim, task in self._runs.values() if not task.done()]
        for _, task in unfinished:
            task.cancel()
        if unfinished:
            await asyncio.gather(*(task for _, task in unfinished), return_exceptions=True)
            await self._hand_back([claim for claim, _ in unfinished])
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
                free = self._free_runs()
                if 0 < free < max(2, self._max_unanalysed // 8) and self._runs:
                    await asyncio.sleep(CLAIM_COALESCE_S)
                    free = self._free_runs()
                claimed: list[Claim] = []
                hold_s = 0.0
                if free > 0 and self._admission is not None:
                    allowed, hold_s = await self._admission()
                    if allowed is not None:
                        free = min(free, allowed - len(self._runs))
                if free > 0:
                    claimed = await self._store.claim(
                        owner=self.worker_id,
                        limit=free,
                        lease_s=self._settings.lease_s,
                        per_tenant=self._jobs_per_tenant,
                    )
                for claim in claimed:
                    self._start_run(claim)
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

    def _start_run(self, claim: Claim) -> None:
        # An earlier run of the same article may still be ending (its claim is already lost):
        # the new run starts only when it has.
        earlier = [
            task
            for (article_id, _), (_, task) in self._runs.items()
            if article_id == claim.article_id and not task.done()
        ]
        for task in earlier:
            task.cancel(msg="claimed again")
        self._runs[(claim.article_id, claim.token)] = (
            claim,
            asyncio.create_task(self._run_job(claim, earlier), name=f"article-{claim.article_id}"),
        )

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
        recovered = await self._store.recover_expired(max_attempts=self._settings.max_attempts)
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
            runs = dict(self._runs)
            if not runs:
                continue
            try:
                still_held = await self._store.renew(
                    [claim for claim, _ in runs.values()], lease_s=self._settings.lease_s
                )
            except Exception as exc:
                logger.warning("renewing leases failed (%s)", exc.__class__.__name__)
                continue
            for key in runs.keys() - still_held:
                _, task = runs[key]
                if not task.done():
                    logger.info("lease lost; stopping job", extra={"article_id": key[0]})
                    task.cancel(msg="lease lost")

    # --- one job ------------------------------------------------------------------------------
    async def _run_job(self, claim: Claim, earlier: list[asyncio.Task[None]]) -> None:
        article_id_var.set(claim.article_id)  # every log line of this task carries the article id
        tenant_var.set(claim.tenant)  # the tenant's share of the parsers (app.processing.fairness)
        started = time.monotonic()
        log_extra = {"attempt": claim.attempts}
        metrics.JOBS_ACTIVE.inc()
        try:
            if earlier:
                await asyncio.wait(earlier)
            logger.info("processing started", extra=log_extra)
            async with asyncio.timeout(self._settings.job_timeout_s) as deadline:
                slot = _AnalysisSlot(
                    self._analysis_slots, deadline, lambda: self._analysed_run(claim)
                )
                await self._pipeline.run(claim, analysis_slots=slot)
            duration = time.monotonic() - started
            metrics.JOBS.labels("completed").inc()
            metrics.JOB_DURATION.observe(duration)
            logger.info(
                "processing completed", extra={**log_extra, "duration_s": round(duration, 3)}
            )
        except JobLostError:
            metrics.JOBS.labels("lost").inc()
            logger.info("article no longer held by this run; job dropped", extra=log_extra)
        except AnalysisDeferred as deferred:
            await self._defer(claim, deferred)
        except Exception as exc:
            metrics.JOB_DURATION.observe(time.monotonic() - started)
            await self._record_failure(claim, exc, time.monotonic() - started)
        finally:
            metrics.JOBS_ACTIVE.dec()
            self._runs.pop((claim.article_id, claim.token), None)
            self._analysed.discard((claim.article_id, claim.token))
            self._wakeup.set()

    def _analysed_run(self, claim: Claim) -> None:
        """The run left its analysis slot: it only saves now, and frees its read-ahead place."""
        key = (claim.article_id, claim.token)
        if key in self._runs:
            self._analysed.add(key)
            self._wakeup.set()

    async def _defer(self, claim: Claim, deferred: AnalysisDeferred) -> None:
        metrics.JOBS.labels("deferred").inc()
        logger.info("analysis deferred: %s", deferred.message, extra={"error_code": deferred.code})
        try:
            await self._store.retry(
                claim,
                code=deferred.code,
                message=deferred.message,
                delay_s=deferred.delay_s,
                refund_attempt=True,
            )
        except Exception as exc:
            logger.warning("could not defer (%s); the lease will expire", exc.__class__.__name__)

    async def _record_failure(self, claim: Claim, exc: Exception, duration_s: float) -> None:
        decision = classify_failure(exc, job_timeout_s=self._settings.job_timeout_s)
        retry = decision.retry and claim.attempts < self._settings.max_attempts
        log_extra = {
            "attempt": claim.attempts,
            "error_code": decision.code,
            "duration_s": round(duration_s, 3),
        }
        if decision.code == "internal_error":
            logger.error("processing crashed", extra=log_extra, exc_info=exc)
        try:
            if retry:
                metrics.JOBS.labels("retried").inc()
                await self._store.retry(
                    claim,
                    code=decision.code,
                    message=f"{decision.message} (attempt {claim.attempts}; retrying)",
                    delay_s=self._settings.retry_backoff_s * 2 ** (claim.attempts - 1),
                    refund_attempt=False,
                )
                logger.warning("processing failed; will retry", extra=log_extra)
            else:
                metrics.JOBS.labels("failed").inc()
                message = decision.message
                if decision.retry:
                    message = f"{message} (gave up after {claim.attempts} attempts)"
                await self._store.fail(claim, code=decision.code, message=message)
                logger.warning("processing failed: %s", message, extra=log_extra)
        except Exception as db_exc:
            # The lease will expire and the sweeper will retry the article: nothing is lost.
            logger.warning(
                "could not record the failure (%s); the lease will expire",
                db_exc.__class__.__name__,
                extra=log_extra,
            )

    async def _hand_back(self, claims: list[Claim]) -> None:
        try:
            returned = await self._store.hand_back(claims)
            metrics.JOBS.labels("handed_back").inc(len(returned))
            logger.info("handed %d unfinished article(s) back to pending", len(returned))
        except Exception as exc:
            logger.warning(
                "could not hand back %d article(s) (%s); their leases will expire",
                len(claims),
                exc.__class__.__name__,
            )


class _AnalysisSlot:
    """One job's turn at the analysis slots. The wait for a slot (a read-ahead article waits
    for a running analysis to end) is the processor's pacing, not the job's work: it moves the
    job's deadline on, so a slow model never times out the articles queued behind it.
    `on_release` is told when the turn ends."""

    def __init__(
        self, slots: asyncio.Semaphore, deadline: asyncio.Timeout, on_release: Callable[[], None]
    ) -> None:
        self._slots = slots
        self._deadline = deadline
        self._on_release = on_release

    async def __aenter__(self) -> None:
        loop = asyncio.get_running_loop()
        asked, when = loop.time(), self._deadline.when()
        self._deadline.reschedule(None)  # the wait itself never times out
        try:
            await self._slots.acquire()
        finally:
            if when is not None:
                self._deadline.reschedule(when + loop.time() - asked)

    async def __aexit__(self, *_: object) -> None:
        self._slots.release()
        self._on_release()
