"""`Services`: everything with a lifetime, built once by the lifespan (app.main) and frozen.

It travels as typed lifespan state (`request.state.services`, or `scope["state"]["services"]`
before the framework) and reaches routes through one dependency, `ServicesDep`
(app.dependencies). Adding a service: a field here and one line in `app.main.open_services`
that opens it and registers its closing on the exit stack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from app.analyzers.guard import GuardedAnalyzer
    from app.articles.event_tokens import EventTokenSigner
    from app.articles.events import StatusBroadcaster
    from app.articles.jobs import JobStore
    from app.articles.offers import Repricer
    from app.auth.dependencies import Authenticator
    from app.config import Settings
    from app.db import Database
    from app.extraction.runner import DocumentExtractor
    from app.limits.service import RateLimiter
    from app.processing.processor import Processor
    from app.processing.retention import Housekeeper
    from app.webhooks.dispatcher import WebhookDispatcher


class ParserWarmup:
    """Starts the parser processes in the background; /ready is 503 until they are up.

    Spawning the workers (and the forkserver that preloads the parsers) takes seconds; without
    it the first analysis after a start paid for it.
    """

    def __init__(self) -> None:
        self.state = "starting"
        self._task: asyncio.Task[None] | None = None

    @property
    def ready(self) -> bool:
        return self.state == "ok"

    def start(self, warm: Callable[[], Awaitable[None]]) -> None:
        self._task = asyncio.create_task(self._run(warm), name="parser-warmup")

    async def _run(self, warm: Callable[[], Awaitable[None]]) -> None:
        try:
            await warm()
        except Exception as exc:  # reported by /ready; a job's own parse will say why
            self.state = f"failed ({exc.__class__.__name__})"
        else:
            self.state = "ok"

    async def wait(self) -> None:
        if self._task is not None:
            await asyncio.shield(self._task)

    async def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    database: Database
    jobs: JobStore
    extractor: DocumentExtractor
    parsers: ParserWarmup
    processor: Processor
    housekeeper: Housekeeper
    broadcaster: StatusBroadcaster
    authenticator: Authenticator
    rate_limiter: RateLimiter  # uploads and reprocess per tenant, shared by replicas
    event_tokens: EventTokenSigner  # short-lived tokens for a browser's EventSource
    webhooks: WebhookDispatcher
    guard: GuardedAnalyzer | None
    analysis_method: str
    alembic_heads: frozenset[str]
    reprice: Repricer  # pricing, handed down to the articles routes (which never import it)


class State(TypedDict):
    """The lifespan state Starlette copies into every request's scope."""

    services: Services
