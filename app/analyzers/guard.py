"""Protecting the model provider and the bill: a circuit breaker and spend limits.

- The breaker opens after `threshold` consecutive provider failures (unavailable, timeouts,
  rate limits). While open, no calls are made and articles wait in `pending`; after the
  cool-down one probe call is let through, and its success closes the breaker.
- Requests per minute and tokens per day are counted in PostgreSQL (`llm_usage`), so the
  limits hold across restarts and replicas. When the day's tokens are spent, articles wait
  for the next day, or use the offline analyzer if CMS_LLM_BUDGET_FALLBACK=offline.
- When the provider keeps failing (a call's retries are spent, or the breaker has been open
  longer than `fallback_after_s`) or the model answers nothing valid in three tries,
  CMS_LLM_FAILURE_FALLBACK=offline completes the article from the document's own evidence,
  marked for review, instead of failing it.

Every offline fallback says so twice: in `analysis_method` (`offline:llm-budget-spent`,
`offline:llm-unavailable`, `offline:llm-invalid-output`) and as a review reason, so a person
checks what the model never saw.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import (
    NO_SLOT,
    AnalysisDeferred,
    AnalysisError,
    AnalysisRequest,
    AnalysisResult,
    Analyzer,
    ModelSlot,
    SlottedAnalyzer,
)
from app.core import metrics

logger = logging.getLogger(__name__)

PROVIDER_FAILURES = frozenset({"llm_unavailable", "llm_timeout", "llm_rate_limited"})
BUDGET_RECHECK_S = 300.0
TOKEN_FLUSH_INTERVAL_S = 1.0


class CircuitBreaker:
    def __init__(
        self, *, threshold: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._probe_in_flight = False
        self._outage_since: float | None = None  # first opening of the current outage

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self.cooldown_s:
            return "open"
        return "half_open"

    def seconds_until_probe(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self.cooldown_s - (self._clock() - self._opened_at))

    def outage_s(self) -> float:
        """How long the breaker has been open (through failed probes), 0 when closed."""
        if self._outage_since is None:
            return 0.0
        return self._clock() - self._outage_since

    def slots(self) -> int | None:
        """How many calls may start now: None = no limit, 0 = none, 1 = the probe."""
        state = self.state
        if state == "closed":
            return None
        if state == "open" or self._probe_in_flight:
            return 0
        return 1

    def before_call(self) -> None:
        state = self.state
        if state == "closed":
            return
        if state == "half_open" and not self._probe_in_flight:
            self._probe_in_flight = True  # this call is the probe
            return
        wait = max(self.seconds_until_probe(), 1.0)
        raise AnalysisDeferred(
            "llm_circuit_open",
            f"The model provider failed {self.threshold} times in a row; waiting "
            f"{wait:.0f} s before trying again.",
            delay_s=wait,
        )

    def record_success(self) -> None:
        if self._opened_at is not None:
            logger.info("model circuit breaker closed: the probe call succeeded")
        self._failures = 0
        self._opened_at = None
        self._outage_since = None
        self._probe_in_flight = False
        metrics.LLM_BREAKER_OPEN.set(0)

    def record_failure(self) -> None:
        self._failures += 1
        probe_failed = self._probe_in_flight
        self._probe_in_flight = False
        if probe_failed or (self._opened_at is None and self._failures >= self.threshold):
            self._opened_at = self._clock()
            if self._outage_since is None:
                self._outage_since = self._opened_at
            metrics.LLM_BREAKER_OPEN.set(1)
            logger.warning(
                "model circuit breaker open for %.0f s after %d consecutive failures",
                self.cooldown_s,
                self._failures,
            )

    def record_other(self) -> None:
        """A call that ended without telling us about the provider (e.g. cancelled)."""
        self._probe_in_flight = False


@dataclass(frozen=True, slots=True)
class SpendLimits:
    requests_per_minute: int | None
    tokens_per_day: int | None
    fallback_offline: bool  # budget spent: offline analysis instead of waiting


@dataclass(frozen=True, slots=True)
class FailureFallback:
    """CMS_LLM_FAILURE_FALLBACK: what an article gets when the provider keeps failing."""

    offline: bool = True
    after_s: float = 60.0  # how long an open breaker holds articles before they go offline


def _minute_bucket(now: datetime) -> str:
    return "minute:" + now.strftime("%Y-%m-%dT%H:%M")


def _day_bucket(now: datetime) -> str:
    return "day:" + now.strftime("%Y-%m-%d")


class SpendLedger:
    """Counts model requests and tokens in PostgreSQL, shared by every replica.

    With a daily token limit every call's tokens are written at once, so the next admission
    sees them. Without one the count is informational (/ready, /metrics): tokens are summed
    in memory and written once per `flush_interval_s`, not by every job on the same row.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        limits: SpendLimits,
        *,
        flush_interval_s: float = TOKEN_FLUSH_INTERVAL_S,
    ) -> None:
        self._sessions = sessions
        self.limits = limits
        self._flush_interval_s = flush_interval_s
        self._unflushed_tokens = 0
        self._flusher: asyncio.Task[None] | None = None

    async def reserve_request(self) -> float | None:
        """Count one request against this minute; returns seconds to wait if the minute is full."""
        now = datetime.now(UTC)
        rpm = self.limits.requests_per_minute
        if rpm is None:
            return None  # nothing to enforce: spare every model call a database write
        async with self._sessions() as session:
            row = (
                await session.execute(
                    text(
                        "INSERT INTO llm_usage (bucket, requests, tokens, updated_at) "
                        "VALUES (:bucket, 1, 0, now()) ON CONFLICT (bucket) DO UPDATE "
                        "SET requests = llm_usage.requests + 1, updated_at = now() "
                        "WHERE CAST(:rpm AS integer) IS NULL "
                        "OR llm_usage.requests < CAST(:rpm AS integer) "
                        "RETURNING requests"
                    ),
                    {"bucket": _minute_bucket(now), "rpm": rpm},
                )
            ).first()
            await session.commit()
        if row is not None:
            return None
        return 60.0 - now.second - now.microsecond / 1e6 + 0.05

    async def add_tokens(self, tokens: int) -> None:
        if tokens <= 0:
            return
        self._unflushed_tokens += tokens
        if self.limits.tokens_per_day is not None:
            await self.flush()
        elif self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_later(), name="token-ledger-flush")

    async def _flush_later(self) -> None:
        await asyncio.sleep(self._flush_interval_s)
        try:
            await self.flush()
        except Exception as exc:  # kept in memory; the next flush writes them
            logger.warning("could not record spent tokens (%s)", exc.__class__.__name__)

    async def flush(self) -> None:
        """Write the tokens counted in memory (kept there if the write fails)."""
        tokens, self._unflushed_tokens = self._unflushed_tokens, 0
        if tokens <= 0:
            return
        try:
            await self._write_tokens(tokens)
        except BaseException:
            self._unflushed_tokens += tokens
            raise

    async def close(self) -> None:
        """At shutdown: write what is still in memory."""
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
        try:
            await self.flush()
        except Exception as exc:
            logger.warning(
                "could not record %d spent tokens at shutdown (%s)",
                self._unflushed_tokens,
                exc.__class__.__name__,
            )

    async def _write_tokens(self, tokens: int) -> None:
        async with self._sessions() as session:
            await session.execute(
                text(
                    "INSERT INTO llm_usage (bucket, requests, tokens, updated_at) "
                    "VALUES (:bucket, 0, :tokens, now()) ON CONFLICT (bucket) DO UPDATE "
                    "SET tokens = llm_usage.tokens + :tokens, updated_at = now()"
                ),
                {"bucket": _day_bucket(datetime.now(UTC)), "tokens": tokens},
            )
            await session.commit()

    async def usage(self) -> tuple[int, int]:
        """(tokens today, requests this minute), across replicas."""
        now = datetime.now(UTC)
        async with self._sessions() as session:
            result = await session.execute(
                text(
                    "SELECT bucket, CASE WHEN bucket LIKE 'day:%' THEN tokens "
                    "ELSE requests END FROM llm_usage WHERE bucket IN (:day, :minute)"
                ),
                {"day": _day_bucket(now), "minute": _minute_bucket(now)},
            )
            rows = {str(row[0]): int(row[1]) for row in result}
        tokens_today = int(rows.get(_day_bucket(now), 0)) + self._unflushed_tokens
        return tokens_today, int(rows.get(_minute_bucket(now), 0))

    async def tokens_exhausted(self) -> bool:
        if self.limits.tokens_per_day is None:
            return False
        tokens_today, _ = await self.usage()
        return tokens_today >= self.limits.tokens_per_day

    async def forget_old_buckets(self) -> None:
        cutoff = datetime.now(UTC) - timedelta(days=2)
        async with self._sessions() as session:
            await session.execute(
                text("DELETE FROM llm_usage WHERE updated_at < :cutoff"), {"cutoff": cutoff}
            )
            await session.commit()


def _seconds_to_utc_midnight() -> float:
    now = datetime.now(UTC)
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (tomorrow - now).total_seconds()


class GuardedAnalyzer:
    """Wraps the model analyzer with the breaker and the spend limits (same interface)."""

    def __init__(
        self,
        inner: SlottedAnalyzer,
        *,
        breaker: CircuitBreaker,
        ledger: SpendLedger,
        offline: Analyzer | None,
        model: str,
        failure_fallback: FailureFallback | None = None,
    ) -> None:
        self._inner = inner
        self.breaker = breaker
        self.ledger = ledger
        self._offline = offline
        self._model = model
        self.failure_fallback = failure_fallback or FailureFallback(offline=False)

    @property
    def method(self) -> str:
        return self._inner.method

    @property
    def inner(self) -> SlottedAnalyzer:
        return self._inner

    def _outage_is_long(self) -> bool:
        fallback = self.failure_fallback
        return (
            self._offline is not None
            and fallback.offline
            and self.breaker.outage_s() >= fallback.after_s
        )

    async def admission(self) -> tuple[int | None, float]:
        """How many jobs may start now (None = any) and, if none, how long to wait."""
        slots = self.breaker.slots()
        if slots == 0:
            if self._outage_is_long():
                return None, 0.0  # they complete offline (see `analyze`)
            return 0, max(self.breaker.seconds_until_probe(), 0.5)
        if not self.ledger.limits.fallback_offline and await self.ledger.tokens_exhausted():
            return 0, min(_seconds_to_utc_midnight(), BUDGET_RECHECK_S)
        return slots, 0.0

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult:
        """`model_slot` goes to the model's calls; an offline fallback takes none."""
        if await self.ledger.tokens_exhausted():
            if self._offline is not None and self.ledger.limits.fallback_offline:
                return await self._analyze_offline(
                    request,
                    "llm-budget-spent",
                    "the daily model token budget is spent: analysed from the document's own "
                    "evidence without the model",
                )
            raise AnalysisDeferred(
                "llm_budget_spent",
                "The daily model token budget is spent; the article waits for the next day.",
                delay_s=min(_seconds_to_utc_midnight(), BUDGET_RECHECK_S),
            )
        try:
            self.breaker.before_call()
        except AnalysisDeferred as deferred:
            if not self._outage_is_long():
                raise
            return await self._analyze_offline(
                request,
                "llm-unavailable",
                f"the model provider is unavailable ({deferred.message}): analysed from the "
                "document's own evidence without the model",
            )
        wait = await self.ledger.reserve_request()
        if wait is not None:
            self.breaker.record_other()
            raise AnalysisDeferred(
                "llm_requests_per_minute",
                "The model request limit per minute is reached; the article waits.",
                delay_s=wait,
            )
        try:
            result = await self._inner.analyze(request, model_slot=model_slot)
        except AnalysisError as exc:
            metrics.LLM_CALLS.labels(exc.code).inc()
            if exc.code in PROVIDER_FAILURES:
                self.breaker.record_failure()
                why, what = "llm-unavailable", "the model provider kept failing"
            else:
                self.breaker.record_success()  # the provider answered; the answer was the issue
                why, what = "llm-invalid-output", "the model gave no valid answer"
                if exc.code != "llm_invalid_output":
                    raise  # a refused key or request: a person must fix the setup
            if self._offline is None or not self.failure_fallback.offline:
                raise
            return await self._analyze_offline(
                request,
                why,
                f"{what} ({exc.code}: {exc.message}): analysed from the document's own "
                "evidence without the model",
            )
        except BaseException:
            self.breaker.record_other()
            raise
        self.breaker.record_success()
        metrics.LLM_CALLS.labels("success").inc()
        metrics.LLM_TOKENS.labels(self._model, "prompt").inc(result.prompt_tokens)
        metrics.LLM_TOKENS.labels(self._model, "completion").inc(result.completion_tokens)
        await self.ledger.add_tokens(result.prompt_tokens + result.completion_tokens)
        return result

    async def _analyze_offline(
        self, request: AnalysisRequest, why: str, reason: str
    ) -> AnalysisResult:
        assert self._offline is not None
        result = await self._offline.analyze(request)
        result.method = f"offline:{why}"
        result.notes.append(reason)
        result.review_reasons.append(reason)
        return result
