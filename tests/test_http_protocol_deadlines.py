"""The connection deadlines of the HTTP protocol, driven in process: one timer per connection
serves the header deadline and the keep-alive idle time, and each still cuts off its client."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import uvicorn
from uvicorn.server import ServerState

from app.config import Settings
from app.http_protocol import limited_http_protocol

HEADER_TIMEOUT_S = 0.3
KEEP_ALIVE_S = 0.3
HANG_GUARD_S = 10.0
REQUEST = b"GET /x HTTP/1.1\r\nHost: t\r\n\r\n"


class Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.wrote = asyncio.Event()
        self.closed = asyncio.Event()

    def write(self, data: Any) -> None:
        self.written += bytes(data)
        self.wrote.set()

    def is_closing(self) -> bool:
        return self.closed.is_set()

    def close(self) -> None:
        self.closed.set()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def ok(scope: Any, receive: Any, send: Any) -> None:
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}
    )
    await send({"type": "http.response.body", "body": b"ok"})


def connect() -> tuple[Any, Transport]:
    settings = Settings(
        database_url="postgresql+asyncpg://u@h/d", header_timeout_s=HEADER_TIMEOUT_S
    )
    protocol_class = limited_http_protocol(settings)
    config = uvicorn.Config(ok, lifespan="off", log_config=None, timeout_keep_alive=KEEP_ALIVE_S)  # type: ignore[arg-type]
    config.load()
    protocol = protocol_class(config=config, server_state=ServerState(), app_state={})
    transport = Transport()
    protocol.connection_made(transport)
    return protocol, transport


async def answered(transport: Transport, count: int) -> None:
    """Until the `count`th response is written (its body completes it, in the same call)."""
    async with asyncio.timeout(HANG_GUARD_S):
        while transport.written.count(b"HTTP/1.1 200") < count or not transport.written.endswith(
            b"ok"
        ):
            transport.wrote.clear()
            await transport.wrote.wait()


async def test_many_requests_on_one_connection_arm_no_timer_each(monkeypatch: pytest.MonkeyPatch):
    loop = asyncio.get_running_loop()
    armed: list[Any] = []  # the protocol's timers (not the test's own guards)
    call_at = loop.call_at  # call_later goes through it too

    def counting_call_at(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(getattr(callback, "__self__", None), asyncio.Protocol):
            armed.append(callback)
        return call_at(when, callback, *args, **kwargs)

    monkeypatch.setattr(loop, "call_at", counting_call_at)
    protocol, transport = connect()
    for n in range(1, 101):
        protocol.data_received(REQUEST)
        await answered(transport, n)
    assert not transport.is_closing()
    assert len(armed) <= 2, armed  # the connection's one timer (armed again only when it fires)


async def test_an_idle_kept_alive_connection_is_closed_after_the_keep_alive_time():
    protocol, transport = connect()
    protocol.data_received(REQUEST)
    await answered(transport, 1)
    async with asyncio.timeout(HANG_GUARD_S):
        await transport.closed.wait()
    assert transport.written.count(b"HTTP/1.1") == 1  # closed, nothing more said


async def test_the_next_requests_trickled_headers_are_cut_off_with_408():
    protocol, transport = connect()
    protocol.data_received(REQUEST)
    await answered(transport, 1)
    async with asyncio.timeout(HANG_GUARD_S):
        for byte in b"GET /x HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"z" * 1000:
            if transport.is_closing():
                break
            protocol.data_received(bytes([byte]))
            await asyncio.sleep(KEEP_ALIVE_S / 10)  # each byte well inside the idle time
    assert transport.is_closing()
    assert b"HTTP/1.1 408" in transport.written


async def test_a_connection_that_never_sends_a_byte_is_closed():
    _, transport = connect()
    async with asyncio.timeout(HANG_GUARD_S):
        await transport.closed.wait()
    assert transport.written == b""
