"""Choose the analyzer from the settings: the model when a key is set, the offline one otherwise.

The factory decides everything that follows from that choice, once: whether answers are
grounded in the document, whether results are worth caching, which guard admits jobs, what
must be closed. The composition root asks `AnalyzerSetup`, it does not compare identities.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from openai import AsyncOpenAI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import Analyzer, SlotAroundAnalysis, SlottedAnalyzer
from app.analyzers.grounding import GroundedAnalyzer
from app.analyzers.guard import (
    CircuitBreaker,
    FailureFallback,
    GuardedAnalyzer,
    SpendLedger,
    SpendLimits,
)
from app.analyzers.offline import BlockingRunner, OfflineAnalyzer
from app.config import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnalyzerSetup:
    """The analyzer the pipeline calls, and what the rest of the service needs to know of it."""

    analyzer: Analyzer
    # Model results cost tokens: identical input reuses them (offline results are free).
    cache_results: bool = False
    guard: GuardedAnalyzer | None = None  # admission and spend, when a model is called
    client: AsyncOpenAI | None = None
    # The analyzer when it holds the analysis slot around its model calls only; without one
    # the whole analysis holds it.
    model_calls: SlottedAnalyzer | None = None

    def slotted(self) -> SlottedAnalyzer:
        """The analyzer as the pipeline calls it, with the slot that bounds analyses."""
        return self.model_calls or SlotAroundAnalysis(self.analyzer)

    async def close(self) -> None:
        """At shutdown: record the spend still in memory, close the HTTP client."""
        if self.guard is not None:
            await self.guard.ledger.close()
        if self.client is not None:
            await self.client.close()


def build_analyzer(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    run_blocking: BlockingRunner | None = None,
    override: Analyzer | None = None,
) -> AnalyzerSetup:
    """`run_blocking` runs the offline rules off the event loop (the parser process pool);
    `override` replaces the configured analyzer as it is (tests use slow or failing ones)."""
    if override is not None:
        return AnalyzerSetup(analyzer=override)
    offline = OfflineAnalyzer(run=run_blocking)
    if settings.openai_api_key is None:
        logger.info("no CMS_OPENAI_API_KEY set: using the offline analyzer")
        return AnalyzerSetup(analyzer=offline)

    from app.analyzers.llm import ModelAnalyzer
    from app.analyzers.llm.http import model_http_client

    client = AsyncOpenAI(
        api_key=settings.openai_api_key.get_secret_value(),
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout_s,
        max_retries=0,  # the model client retries itself (see app.analyzers.llm.client)
        http_client=model_http_client(),  # idle connections probed when used, not polled
    )
    model_analyzer = ModelAnalyzer(
        client,
        model=settings.openai_model,
        call_budget_s=settings.llm_call_budget_s,
        prompt_token_budget=settings.llm_prompt_token_budget,
        passage_tokens_per_document=settings.llm_passage_tokens_per_document,
        max_output_tokens=settings.llm_max_output_tokens,
        output_cap_param=settings.llm_output_cap_param,
        request_timeout_s=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
    )
    guard = GuardedAnalyzer(
        model_analyzer,
        breaker=CircuitBreaker(
            threshold=settings.llm_breaker_threshold, cooldown_s=settings.llm_breaker_cooldown_s
        ),
        ledger=SpendLedger(
            sessions,
            SpendLimits(
                requests_per_minute=settings.llm_rpm,
                tokens_per_day=settings.llm_tokens_per_day,
                fallback_offline=settings.llm_budget_fallback == "offline",
            ),
        ),
        offline=offline,
        model=settings.openai_model,
        failure_fallback=FailureFallback(
            offline=settings.llm_failure_fallback == "offline",
            after_s=settings.llm_failure_fallback_after_s,
        ),
    )
    logger.info(
        "using the model analyzer",
        extra={"model": settings.openai_model, "base_url": settings.openai_base_url or "default"},
    )
    grounded = GroundedAnalyzer(guard, offline)
    return AnalyzerSetup(
        analyzer=grounded, cache_results=True, guard=guard, client=client, model_calls=grounded
    )
