"""The HTTP client under the model client: fewer system calls per call, same safety.

- httpcore's pool asks every idle connection whether the server has closed it (a `select()` on
  its socket) each time a request is queued or a response is closed: with 50 calls in flight,
  dozens of system calls per call and ~5 % of the event loop. Here a connection is looked at
  once, when a request is about to be sent on it; one the server has closed is dropped and the
  request goes on another, so a stale keep-alive connection still fails no request. The pool's
  own keep-alive expiry is kept.
- httpcore writes a request's head and its body in two `send()` calls; on loopback each one runs
  the receiving side's TCP work too (~0.3 ms of a call's ~2.7 ms, measured). Writes are held
  until the response is read (HTTP/1.1 only: it writes the whole request before reading) or
  64 KiB are pending, so a request leaves in one call.
"""

# httpcore's network stream interface takes its timeouts as arguments.
# ruff: noqa: ASYNC109

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable

import httpcore2
import httpx2
from openai import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT, DefaultAsyncHttpxClient


class _CheckedWhenUsed(httpcore2.AsyncHTTPConnection):
    """A connection whose socket is probed for a server-side close only when it is used."""

    def has_expired(self) -> bool:
        inner = self._connection
        if inner is None or not inner.is_idle():
            return super().has_expired()  # no probe: only idle connections are probed
        # The keep-alive expiry alone (httpcore's own deadline), without the socket probe.
        expire_at: float | None = getattr(inner, "_expire_at", None)
        return expire_at is not None and time.monotonic() > expire_at

    async def handle_async_request(self, request: httpcore2.Request) -> httpcore2.Response:
        inner = self._connection
        if inner is not None and inner.is_idle() and inner.has_expired():
            # Closed by the server while idle (its socket reads EOF), or past its keep-alive:
            # the pool sends the request on another connection.
            await self.aclose()
            raise httpcore2.ConnectionNotAvailable()
        return await super().handle_async_request(request)


_MAX_HELD_BYTES = 64 * 1024


class _CoalescedWrites(httpcore2.AsyncNetworkStream):
    """A stream whose writes are sent together, before the next read."""

    def __init__(self, stream: httpcore2.AsyncNetworkStream) -> None:
        self._stream = stream
        self._held: list[bytes] = []
        self._held_bytes = 0
        self._timeout: float | None = None

    async def _flush(self) -> None:
        if self._held:
            data = b"".join(self._held)
            self._held, self._held_bytes = [], 0
            await self._stream.write(data, self._timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self._held.append(buffer)
            self._held_bytes += len(buffer)
            self._timeout = timeout
            if self._held_bytes >= _MAX_HELD_BYTES:
                await self._flush()

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        await self._flush()
        return await self._stream.read(max_bytes, timeout)

    async def aclose(self) -> None:
        self._held, self._held_bytes = [], 0
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        await self._flush()
        return _CoalescedWrites(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class _Backend(httpcore2.AnyIOBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        stream = await super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _CoalescedWrites(stream)


class _Pool(httpcore2.AsyncConnectionPool):
    def create_connection(self, origin: httpcore2.Origin) -> httpcore2.AsyncConnectionInterface:
        if self._proxy is not None:
            return super().create_connection(origin)
        return _CheckedWhenUsed(
            origin=origin,
            ssl_context=self._ssl_context,
            keepalive_expiry=self._keepalive_expiry,
            http1=self._http1,
            http2=self._http2,
            retries=self._retries,
            local_address=self._local_address,
            uds=self._uds,
            network_backend=self._network_backend,
            socket_options=self._socket_options,
        )


class _Transport(httpx2.AsyncHTTPTransport):
    def __init__(self, limits: httpx2.Limits) -> None:
        super().__init__(limits=limits)
        # httpx2 builds its pool here with no way to choose the connection class: replace it
        # with the same settings.
        self._pool = _Pool(
            ssl_context=httpx2.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_Backend(),  # HTTP/1.1 only (http2=False): see _CoalescedWrites
        )


def model_http_client(
    limits: httpx2.Limits = DEFAULT_CONNECTION_LIMITS,
) -> httpx2.AsyncClient:
    """The SDK's default client (its timeout, limits and redirects), on the pool above.
    Proxies from the environment keep httpx2's own transports."""
    return DefaultAsyncHttpxClient(
        transport=_Transport(limits), limits=limits, timeout=DEFAULT_TIMEOUT
    )
