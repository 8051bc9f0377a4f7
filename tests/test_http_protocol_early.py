"""An app's early responder, driven in process through the service's HTTP protocol: it answers
what it claims without the ASGI stack, hands back what it declines (or fails on) to the whole
stack, keeps pipelined requests in order and leaves nothing for the garbage collector."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import uvicorn
from uvicorn.server import ServerState

from app.config import Settings
from app.core.observe import EARLY_DECLINED
from app.http_protocol import PREPARED_RESPONSE, limited_http_protocol, write_prepared
from tests.test_http_protocol_writes import HANG_GUARD_S, Transport


class Early:
    """Claims /early/*: answers /early/ok itself, declines /early/no, fails on /early/bug."""

    def __init__(self) -> None:
        self.responded: list[str] = []

    def claim(self, scope: dict[str, Any]) -> str | None:
        path: str = scope["path"]
        return path.removeprefix("/early/") if path.startswith("/early/") else None

    async def respond(self, scope: dict[str, Any], cycle: Any, claim: str) -> bool:
        await asyncio.sleep(0)  # a look-up
        self.responded.append(claim)
        if claim == "bug":
            raise RuntimeError("a bug in the early responder")
        if claim == "no":
            return False
        await write_prepared(cycle, 200, b"x-early: 1\r\ncontent-length: 5\r\n", b"early")
        return True


class App:
    """The ASGI stack: records what reached it and answers `stack`."""

    def __init__(self) -> None:
        self.early_responder = Early()
        self.seen: list[tuple[str, bool, bool]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        extensions = scope.get("extensions") or {}
        self.seen.append((scope["path"], EARLY_DECLINED in scope, PREPARED_RESPONSE in extensions))
        start = {"type": "http.response.start", "status": 200}
        await send({**start, "headers": [(b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"stack"})


def connect(
    app: Any, *, access_log: bool = False, limit_concurrency: int | None = None
) -> tuple[Any, Transport]:
    settings = Settings(database_url="postgresql+asyncpg://u@h/d")
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_config=None,
        access_log=False,
        limit_concurrency=limit_concurrency,
    )
    config.load()
    state = ServerState()
    state.default_headers = [(b"server", b"test")]
    protocol = limited_http_protocol(settings)(config=config, server_state=state, app_state={})
    protocol.access_log = access_log
    transport = Transport()
    protocol.connection_made(transport)
    return protocol, transport


def get(path: str, *headers: bytes) -> bytes:
    return b"GET %s HTTP/1.1\r\nHost: t\r\n%s\r\n" % (path.encode(), b"".join(headers))


async def test_a_claimed_request_is_answered_in_one_write_without_the_stack():
    app = App()
    protocol, transport = connect(app)
    for n in range(1, 3):  # the connection stays usable
        protocol.data_received(get("/early/ok"))
        await transport.until(n)
    assert (
        transport.writes
        == [b"HTTP/1.1 200 OK\r\nserver: test\r\nx-early: 1\r\ncontent-length: 5\r\n\r\nearly"] * 2
    )
    assert app.seen == []
    protocol.data_received(get("/other"))  # not claimed: the stack, as before
    await transport.until(3)
    assert transport.writes[2].endswith(b"\r\n\r\nstack")
    assert app.seen == [("/other", False, True)]
    assert not transport.closed


async def test_a_declined_or_failed_request_goes_through_the_stack_marked():
    app = App()
    protocol, transport = connect(app)
    protocol.data_received(get("/early/no"))
    await transport.until(1)
    protocol.data_received(get("/early/bug"))
    await transport.until(2)
    assert app.early_responder.responded == ["no", "bug"]
    # Marked, so the app does not ask the same code again; with the head-holding transport.
    assert app.seen == [("/early/no", True, True), ("/early/bug", True, True)]
    assert all(w.startswith(b"HTTP/1.1 200 OK\r\n") for w in transport.writes)
    assert all(w.endswith(b"\r\n\r\nstack") for w in transport.writes)


async def test_a_closing_request_is_answered_and_closed():
    protocol, transport = connect(App())
    protocol.data_received(get("/early/ok", b"Connection: close\r\n"))
    async with asyncio.timeout(HANG_GUARD_S):
        await transport.closing.wait()
    assert b"connection: close\r\n" in transport.writes[0]
    assert transport.writes[0].endswith(b"early")


async def test_pipelined_requests_are_answered_in_order():
    app = App()
    protocol, transport = connect(app)
    protocol.data_received(get("/early/ok") + get("/other") + get("/early/no") + get("/early/ok"))
    await transport.until(4)
    bodies = [w.rsplit(b"\r\n\r\n", 1)[1] for w in transport.writes]
    assert bodies == [b"early", b"stack", b"stack", b"early"]


async def test_with_uvicorns_access_log_nothing_is_answered_early():
    """uvicorn writes its access log in its own send, which an early answer bypasses."""
    app = App()
    protocol, transport = connect(app, access_log=True)
    protocol.data_received(get("/early/ok"))
    await transport.until(1)
    assert app.early_responder.responded == []
    assert app.seen == [("/early/ok", False, False)]


async def test_over_uvicorns_concurrency_limit_a_claimed_request_gets_its_503():
    app = App()
    protocol, transport = connect(app, limit_concurrency=1)  # this connection fills it
    protocol.data_received(get("/early/ok"))
    await transport.until(1)
    assert transport.writes[0].startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
    assert app.early_responder.responded == []


async def test_an_early_answer_is_freed_without_the_garbage_collector():
    protocol, transport = connect(App())
    finished: list[weakref.ref[Any]] = []
    gc.disable()
    try:
        for n, path in enumerate(["/early/ok", "/early/no", "/early/ok"], start=1):
            protocol.data_received(get(path))
            await transport.until(n)
            finished.append(weakref.ref(protocol.cycle))
        protocol.data_received(get("/other"))  # the last one is let go for the next
        await transport.until(4)
        await asyncio.sleep(0.05)  # every request's task has ended
        assert [ref() is None for ref in finished] == [True, True, True]
    finally:
        gc.enable()
