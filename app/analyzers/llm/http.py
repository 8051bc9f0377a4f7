"""The HTTP client under the model client: keep-alive connections checked when used.

httpcore's pool asks every idle connection whether the server has closed it (a `select()` on
its socket) each time a request is queued or a response is closed: with 50 calls in flight,
dozens of system calls per call and ~5 % of the event loop. Here a connection is looked at once,
when a request is about to be sent on it; one the server has closed is dropped and the request
goes on another, so a stale keep-alive connection still fails no request. The pool's own
keep-alive expiry is kept.
"""

from __future__ import annotations

import time

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
        )


def model_http_client(
    limits: httpx2.Limits = DEFAULT_CONNECTION_LIMITS,
) -> httpx2.AsyncClient:
    """The SDK's default client (its timeout, limits and redirects), on the pool above.
    Proxies from the environment keep httpx2's own transports."""
    return DefaultAsyncHttpxClient(
        transport=_Transport(limits), limits=limits, timeout=DEFAULT_TIMEOUT
    )
