"""The model's HTTP client: idle keep-alive connections checked when used, not polled; a
request written in one system call.

A real HTTP server on loopback that closes each connection right after its response, as a
server does when its keep-alive timeout ends or it restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpcore2
import pytest

from app.analyzers.llm.http import _CoalescedWrites, model_http_client

BODY = b'{"ok": true}'


@contextlib.asynccontextmanager
async def server(close_after_response: bool) -> AsyncIterator[tuple[str, list[int]]]:
    """A server answering every request with 200; yields its URL and the connections seen."""
    connections: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(len(connections))
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    b"connection: keep-alive\r\n"
                    b"content-length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
                )
                await writer.drain()
                if close_after_response:
                    return  # closed while the client keeps it as an idle keep-alive connection
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            writer.close()

    listener = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", connections
    finally:
        listener.close()
        await listener.wait_closed()


@pytest.mark.asyncio
async def test_a_keep_alive_connection_the_server_closed_fails_no_request() -> None:
    async with (
        server(close_after_response=True) as (url, connections),
        model_http_client() as client,
    ):
        for _ in range(5):
            response = await client.post(f"{url}/v1/chat/completions", json={"n": 1})
            assert response.status_code == 200 and response.content == BODY
            await asyncio.sleep(0.05)  # the server's close reaches the idle connection
    assert len(connections) == 5  # each request on a fresh connection, none failed


@pytest.mark.asyncio
async def test_a_kept_connection_is_reused() -> None:
    async with (
        server(close_after_response=False) as (url, connections),
        model_http_client() as client,
    ):
        for _ in range(5):
            response = await client.post(f"{url}/v1/chat/completions", json={"n": 1})
            assert response.status_code == 200
    assert len(connections) == 1


@pytest.mark.asyncio
async def test_idle_connections_are_probed_only_when_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    probes: list[Any] = []
    real = httpcore2.AsyncHTTP11Connection.has_expired

    def counted(self: httpcore2.AsyncHTTP11Connection) -> bool:
        probes.append(self)
        return real(self)

    monkeypatch.setattr(httpcore2.AsyncHTTP11Connection, "has_expired", counted)
    async with (
        server(close_after_response=False) as (url, connections),
        model_http_client() as client,
    ):
        # 20 connections open at once, then idle in the pool.
        await asyncio.gather(
            *(client.post(f"{url}/v1/chat/completions", json={"n": i}) for i in range(20))
        )
        probes.clear()
        for _ in range(10):
            response = await client.post(f"{url}/v1/chat/completions", json={"n": 1})
            assert response.status_code == 200
    assert len(connections) == 20
    # One probe per request, on the connection it is sent on (httpcore alone: every idle
    # connection at every request and every response close, here ~400).
    assert len(probes) == 10


class RecordingStream(httpcore2.AsyncNetworkStream):
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        self.sent.append(buffer)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return b"HTTP/1.1 200 OK\r\n"

    async def aclose(self) -> None:
        pass


@pytest.mark.asyncio
async def test_a_request_leaves_in_one_write_when_its_response_is_read() -> None:
    inner = RecordingStream()
    stream = _CoalescedWrites(inner)
    await stream.write(b"POST /v1/chat/completions HTTP/1.1\r\n\r\n")
    await stream.write(b'{"messages": []}')
    await stream.write(b"")
    assert inner.sent == []
    assert await stream.read(65536) == b"HTTP/1.1 200 OK\r\n"
    assert inner.sent == [b'POST /v1/chat/completions HTTP/1.1\r\n\r\n{"messages": []}']
    await stream.read(65536)
    assert len(inner.sent) == 1  # nothing held: nothing more written


@pytest.mark.asyncio
async def test_a_large_body_is_written_before_the_response_is_read() -> None:
    inner = RecordingStream()
    stream = _CoalescedWrites(inner)
    for _ in range(5):
        await stream.write(b"x" * 30_000)
    assert [len(data) for data in inner.sent] == [90_000]  # held at most 64 KiB
    await stream.read(65536)
    assert [len(data) for data in inner.sent] == [90_000, 60_000]


@pytest.mark.asyncio
async def test_a_large_request_body_reaches_the_server_whole() -> None:
    payload = {"messages": [{"role": "user", "content": "y" * 300_000}]}
    async with server(close_after_response=False) as (url, connections), model_http_client() as c:
        for _ in range(3):
            response = await c.post(f"{url}/v1/chat/completions", json=payload)
            assert response.status_code == 200 and response.content == BODY
    assert len(connections) == 1
