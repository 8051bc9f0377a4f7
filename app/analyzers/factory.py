"""Choose the analyzer from the settings: OpenAI when a key is set, the offline one otherwise."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from openai import AsyncOpenAI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import Analyzer
from app.analyzers.offline import BlockingRunner, OfflineAnalyzer
from app.config import Settings
from app.processing.llm_guard import CircuitBreaker, GuardedAnalyzer, SpendLedger, SpendLimits

logger = logging.getLogger(__name__)


@dataclass
class AnalyzerSetup:
    analyzer: Analyzer
    offline: OfflineAnalyzer
    client: AsyncOpenAI | None = None  # closed at shutdown
    guard: GuardedAnalyzer | None = None


def build_analyzer(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    run_blocking: BlockingRunner | None = None,
) -> AnalyzerSetup:
    """`run_blocking` runs the offline rules off the event loop (the parser process pool)."""
    offline = OfflineAnalyzer(run=run_blocking)
    if settings.openai_api_key is None:
        logger.info("no CMS_OPENAI_API_KEY set: using the offline analyzer")
        return AnalyzerSetup(analyzer=offline, offline=offline)

    from app.analyzers.openai_analyzer import OpenAIAnalyzer

    client = AsyncOpenAI(
        api_key=settings.openai_api_key.get_secret_value(),
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
    )
    model_analyzer = OpenAIAnalyzer(
        client,
        model=settings.openai_model,
        call_budget_s=settings.llm_call_budget_s,
        prompt_token_budget=settings.llm_prompt_token_budget,
        passage_tokens_per_document=settings.llm_passage_tokens_per_document,
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
    )
    logger.info(
        "using the OpenAI analyzer",
        extra={"model": settings.openai_model, "base_url": settings.openai_base_url or "default"},
    )
    return AnalyzerSetup(analyzer=guard, offline=offline, client=client, guard=guard)
