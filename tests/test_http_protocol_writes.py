"""How the HTTP protocol writes responses, driven in process: a fixed-length response leaves in
one write, a stream's head leaves at once, and a prepared response is one write that keeps the
connection usable."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import uvicorn
from uvicorn.server import ServerState

from app.config import Settings
from app.http_protocol import PREPARED_RESPONSE, limited_http_protocol

HANG_GUARD_S = 10.0
REQUEST = b"GET /x HTTP/1.1\r\nHost: t\r\n\r\n"


class Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.wrote = asyncio.Event()
        self.closed = False
        self.closing = asyncio.Event()

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))
        self.wrote.set()

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True
        self.closing.set()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    async def until(self, count: int) -> None:
        async with asyncio.timeout(HANG_GUARD_S):
            while len(self.writes) < count:
                self.wrote.clear()
                await self.wrote.wait()


def connect(app: Any) -> tuple[Any, Transport]:
    settings = Settings(database_url="postgresql+asyncpg://u@h/d")
    config = uvicorn.Config(app, lifespan="off", log_config=None, access_log=False)
    config.load()
    state = ServerState()
    state.default_headers = [(b"server", b"test")]
    protocol = limited_http_protocol(settings)(config=config, server_state=state, app_state={})
    transport = Transport()
    protocol.connection_made(transport)
    return protocol, transport


async def test_a_fixed_length_response_leaves_in_one_write():
    async def ok(scope: Any, receive: Any, send: Any) -> None:
        start = {"type": "http.response.start", "status": 200}
        await send({**start, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    protocol, transport = connect(ok)
    for n in range(1, 4):
        protocol.data_received(REQUEST)
        await transport.until(n)
    await asyncio.sleep(0.05)  # nothing else follows
    assert len(transport.writes) == 3
    for written in transport.writes:
        assert written.startswith(b"HTTP/1.1 200 OK\r\n")
        assert written.endswith(b"\r\n\r\nok")
    assert not transport.closed


async def test_a_streams_head_leaves_before_its_body():
    release = asyncio.Event()

    async def stream(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await release.wait()
        await send({"type": "http.response.body", "body": b"data", "more_body": False})

    protocol, transport = connect(stream)
    protocol.data_received(REQUEST)
    await transport.until(1)
    assert b"transfer-encoding: chunked" in transport.writes[0]
    assert transport.writes[0].endswith(b"\r\n\r\n")  # the head alone, the body still owed
    release.set()
    await transport.until(2)
    assert transport.writes[1] == b"4\r\ndata\r\n0\r\n\r\n"


async def test_a_held_head_is_not_lost_when_the_app_fails_after_starting():
    async def fails(scope: Any, receive: Any, send: Any) -> None:
        start = {"type": "http.response.start", "status": 200}
        await send({**start, "headers": [(b"content-length", b"2")]})
        raise RuntimeError("after the start")

    protocol, transport = connect(fails)
    protocol.data_received(REQUEST)
    async with asyncio.timeout(HANG_GUARD_S):
        await transport.closing.wait()
    assert b"".join(transport.writes).startswith(b"HTTP/1.1 200 OK\r\n")


async def test_a_prepared_response_is_one_write_with_the_servers_headers():
    accepted: list[bool] = []

    async def prepared(scope: Any, receive: Any, send: Any) -> None:
        response = scope["extensions"][PREPARED_RESPONSE]

        async def wrapped(message: Any) -> None:
            await send(message)

        accepted.append(response.accepts(send))
        accepted.append(response.accepts(wrapped))  # a middleware's send is never bypassed
        await response.send(send, 200, b"x-a: 1\r\ncontent-length: 2\r\n", b"ok")

    protocol, transport = connect(prepared)
    for n in range(1, 3):  # the connection stays usable
        protocol.data_received(REQUEST)
        await transport.until(n)
    assert accepted == [True, False, True, False]
    assert transport.writes[0] == (
        b"HTTP/1.1 200 OK\r\nserver: test\r\nx-a: 1\r\ncontent-length: 2\r\n\r\nok"
    )
    assert transport.writes[1] == transport.writes[0]
    assert not transport.closed


async def test_a_prepared_response_to_a_closing_request_closes_the_connection():
    async def prepared(scope: Any, receive: Any, send: Any) -> None:
        await scope["extensions"][PREPARED_RESPONSE].send(send, 204, b"content-length: 0\r\n", b"")

    protocol, transport = connect(prepared)
    protocol.data_received(b"GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    await transport.until(1)
    assert b"connection: close\r\n" in transport.writes[0]
    assert transport.closed


async def test_a_finished_request_is_freed_without_the_garbage_collector():
    """Each request's objects go when it ends: none holds another in a cycle that only a
    collection would free (a status poll every few seconds from every tab made the collector
    run every ~70 requests)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["path"] == "/prepared":
            prepared = scope["extensions"][PREPARED_RESPONSE]
            await prepared.send(send, 200, b"content-length: 2\r\n", b"ok")
            return
        headers = [] if scope["path"] == "/stream" else [(b"content-length", b"2")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok"})

    protocol, transport = connect(app)
    finished: list[weakref.ref[Any]] = []
    writes = 0
    gc.disable()
    try:
        for path in ["/prepared", "/fixed", "/stream", "/prepared"]:
            protocol.data_received(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % path.encode())
            writes += 2 if path == "/stream" else 1  # a stream's head leaves on its own
            await transport.until(writes)
            finished.append(weakref.ref(protocol.cycle))
        protocol.data_received(REQUEST)  # the last one is let go for the next
        await transport.until(writes + 1)
        await asyncio.sleep(0.05)  # every request's task has ended
        assert [ref() is None for ref in finished] == [True, True, True, True]
    finally:
        gc.enable()


async def test_the_head_of_an_answer_to_head_is_not_held():
    """uvicorn writes no body for HEAD: there is nothing for the head to wait for."""

    async def ok(scope: Any, receive: Any, send: Any) -> None:
        start = {"type": "http.response.start", "status": 200}
        await send({**start, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    protocol, transport = connect(ok)
    for n in range(1, 3):  # the connection stays usable
        protocol.data_received(b"HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n")
        await transport.until(n)
    assert transport.writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
    assert transport.writes[0].endswith(b"content-length: 2\r\n\r\n")
    assert not transport.closed
