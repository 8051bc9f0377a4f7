"""One middleware for what every request needs observed: its id, its metrics, its log line.

One layer instead of three keeps the per-request cost low on the hottest endpoints.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import time
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.metrics import HTTP
from app.logging import request_id_var

access_logger = logging.getLogger("app.access")
# Checked on the header's bytes: what passes is ASCII, so its bytes are its text.
_SANE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:\-]{1,128}")
# A handler that answers without the router may name its route template here.
ROUTE_TEMPLATE_KEY = "cms.route_template"
# In the scope of a request an early responder (app.http_protocol) handed to the app after
# looking at it: the app's `first` responder, the same code, must not be asked again.
EARLY_DECLINED = "cms.early_declined"


def route_template(scope: Scope) -> str:
    """The matched route with its parameters as names, e.g. /api/articles/{article_id}/status.

    FastAPI puts the route as declared in its router in the scope, without the prefix it was
    included under; the prefix is what the request path has in front of the route's segments.
    """
    known: str | None = scope.get(ROUTE_TEMPLATE_KEY)
    if known is not None:
        return known
    route_path = getattr(scope.get("route"), "path", None)
    if not route_path:
        return "unmatched"
    path: str = scope["path"]
    depth = route_path.strip("/").count("/") + 1 if route_path.strip("/") else 0
    segments = path.strip("/").split("/") if path.strip("/") else []
    prefix = "/".join(segments[: max(len(segments) - depth, 0)])
    return f"/{prefix}{route_path}" if prefix else route_path


class _RequestIds:
    """Request ids made as a random per-process prefix plus a counter (32 hex digits): unique
    across processes and restarts without randomness for every request. A forked child
    draws its own prefix."""

    def __init__(self) -> None:
        self.reset()
        os.register_at_fork(after_in_child=self.reset)

    def reset(self) -> None:
        self._prefix = os.urandom(8).hex().encode()
        self._counter = itertools.count(1)

    def next(self) -> bytes:
        return b"%s%016x" % (self._prefix, next(self._counter) & 0xFFFF_FFFF_FFFF_FFFF)


_request_ids = _RequestIds()


def request_id_of(headers: list[tuple[bytes, bytes]]) -> bytes:
    """The request's X-Request-ID when sane, else a new one (a correlation id, not a secret:
    no randomness drawn for every request)."""
    for name, value in headers:
        if name == b"x-request-id":
            if _SANE_REQUEST_ID.fullmatch(value):
                return value
            break
    return _request_ids.next()


def observed(
    access_log: bool, method: str, path: str, template: str, status: int, started: float
) -> None:
    """Count a finished request by its route template; its access-log line if `access_log`."""
    elapsed = time.perf_counter() - started
    HTTP.observe(method, template, status, elapsed)
    # Status polls are most of the traffic: logged only at DEBUG (and the record, with its
    # extra fields, is only built when the level is on).
    level = logging.DEBUG if template.endswith("/status") else logging.INFO
    if access_log and access_logger.isEnabledFor(level):
        access_logger.log(
            level,
            "%s %s %s",
            method,
            path,
            status,
            extra={"route": template, "status": status, "duration_ms": round(elapsed * 1e3, 2)},
        )


class FirstResponder(Protocol):
    """A handler asked before the app (the status fast path): it answers with `extra_headers`
    added and returns the status it sent, or None to leave the request to the app."""

    async def answer(
        self, scope: Scope, send: Send, extra_headers: list[tuple[bytes, bytes]]
    ) -> int | None: ...


class ObservabilityMiddleware:
    """X-Request-ID (honoured when sane, made otherwise, returned, on every log line); request
    count and duration by route template (not the raw path); one access-log line per request
    (CMS_ACCESS_LOG; status polls only at DEBUG).

    `first` answers before the app without the send wrapper and context variable a request
    through the app needs (it logs nothing of its own): one layer less for status polls.
    """

    def __init__(
        self, app: ASGIApp, *, access_log: bool = True, first: FirstResponder | None = None
    ) -> None:
        self.app = app
        self.access_log = access_log
        self.first = first

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        request_id = request_id_of(scope["headers"])
        id_header = (b"x-request-id", request_id)
        # A request an early responder (app.http_protocol) handed over was already its.
        if self.first is not None and EARLY_DECLINED not in scope:
            answered = await self.first.answer(scope, send, [id_header])
            if answered is not None:
                self._done(scope, answered, started)
                return
        token = request_id_var.set(request_id.decode("ascii"))

        async def send_observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), id_header]}
            await send(message)

        try:
            await self.app(scope, receive, send_observed)
        finally:
            request_id_var.reset(token)
            self._done(scope, status, started)

    def _done(self, scope: Scope, status: int, started: float) -> None:
        observed(
            self.access_log, scope["method"], scope["path"], route_template(scope), status, started
        )
