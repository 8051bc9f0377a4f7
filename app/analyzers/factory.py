"""Choose the analyzer from the settings: OpenAI when a key is set, the offline one otherwise."""

from __future__ import annotations

import logging

from openai import AsyncOpenAI

from app.analyzers.base import Analyzer
from app.config import Settings

logger = logging.getLogger(__name__)


def build_analyzer(settings: Settings) -> tuple[Analyzer, AsyncOpenAI | None]:
    """Returns the analyzer and the client to close at shutdown (None for offline)."""
    if settings.openai_api_key is None:
        from app.analyzers.offline import OfflineAnalyzer

        logger.info("no CMS_OPENAI_API_KEY set: using the offline analyzer")
        return OfflineAnalyzer(), None

    from app.analyzers.openai_analyzer import OpenAIAnalyzer

    client = AsyncOpenAI(
        api_key=settings.openai_api_key.get_secret_value(),
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
    )
    analyzer = OpenAIAnalyzer(
        client,
        model=settings.openai_model,
        call_budget_s=settings.llm_call_budget_s,
        prompt_token_budget=settings.llm_prompt_token_budget,
    )
    logger.info(
        "using the OpenAI analyzer",
        extra={"model": settings.openai_model, "base_url": settings.openai_base_url or "default"},
    )
    return analyzer, client
