"""Webhook test helpers: a receiver on loopback (a real HTTP server that records what it is
sent), and articles whose status changes are written directly."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2
from fastapi import FastAPI, Request, Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support import served


@dataclass
class Delivery:
    headers: dict[str, str]
    body: bytes
    answered: int

    @property
    def json(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    url: str = ""
    # Status codes to answer, in order; then `default`.
    script: list[int] = field(default_factory=list)
    default: int = 204
    # Seconds to wait before answering, in order (then at once).
    delays: list[float] = field(default_factory=list)
    received: list[Delivery] = field(default_factory=list)

    @property
    def accepted(self) -> list[Delivery]:
        return [d for d in self.received if 200 <= d.answered < 300]

    async def wait_for(self, count: int, *, within_s: float = 20.0) -> list[Delivery]:
        """Until `count` deliveries were accepted (a bound only to catch a hang)."""
        await self._until(lambda: len(self.accepted) >= count, f"{count} accepted", within_s)
        return self.accepted

    async def wait_received(self, count: int, *, within_s: float = 20.0) -> list[Delivery]:
        """Until `count` requests arrived, whatever they were answered."""
        await self._until(lambda: len(self.received) >= count, f"{count} received", within_s)
        return self.received

    async def _until(self, done: Callable[[], bool], what: str, within_s: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_s
        while not done():
            if loop.time() > deadline:
                raise AssertionError(f"not {what}: {len(self.received)} requests arrived")
            await asyncio.sleep(0.02)


@asynccontextmanager
async def receiver() -> AsyncIterator[Receiver]:
    state = Receiver()
    app = FastAPI()

    @app.post("/hook")
    async def hook(request: Request) -> Response:
        if state.delays:
            await asyncio.sleep(state.delays.pop(0))
        code = state.script.pop(0) if state.script else state.default
        state.received.append(Delivery(dict(request.headers), await request.body(), code))
        return Response(status_code=code)

    async with served(app) as base_url:
        state.url = f"{base_url}/hook"
        yield state


async def register(client: httpx2.AsyncClient, url: str, **fields: Any) -> dict[str, Any]:
    response = await client.post("/api/webhooks", json={"url": url, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def new_article(db_engine: AsyncEngine, tenant: str = "public") -> int:
    async with db_engine.begin() as conn:
        row = await conn.execute(
            text("INSERT INTO articles (tenant, article_name) VALUES (:t, 'x') RETURNING id"),
            {"t": tenant},
        )
        return int(row.scalar_one())


async def set_status(
    db_engine: AsyncEngine, article_id: int, status: str, *, needs_review: bool = False
) -> None:
    async with db_engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE articles SET processing_status = :s, needs_review = :r, "
                "updated_at = now() WHERE id = :id"
            ),
            {"s": status, "r": needs_review, "id": article_id},
        )


async def event_states(db_engine: AsyncEngine) -> list[tuple[str, str]]:
    async with db_engine.connect() as conn:
        rows = await conn.execute(text("SELECT event_type, status FROM webhook_events ORDER BY id"))
        return [(r[0], r[1]) for r in rows]


async def attempts_recorded(db_engine: AsyncEngine, count: int) -> None:
    """Until `count` attempts are in the log: the receiver may answer before they are."""
    for _ in range(1000):
        async with db_engine.connect() as conn:
            found = (await conn.execute(text("SELECT count(*) FROM webhook_attempts"))).scalar()
        if found is not None and found >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{found} of {count} attempts recorded")
