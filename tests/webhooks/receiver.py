"""A webhook receiver on loopback: a real HTTP server that records what it is sent."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response

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
        code = state.script.pop(0) if state.script else state.default
        state.received.append(Delivery(dict(request.headers), await request.body(), code))
        return Response(status_code=code)

    async with served(app) as base_url:  # type: ignore[arg-type]
        state.url = f"{base_url}/hook"
        yield state
