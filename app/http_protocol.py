"""uvicorn's httptools protocol with limits on what a client may make us wait for or hold.

uvicorn reads request headers without a size or count limit (with httptools) and without a
deadline: one 96 MB header kept the event loop busy for seconds, and connections that send a
header byte now and then, or nothing at all, were never closed. Here:

- the request line plus headers may be at most `max_header_bytes`, counted before they are
  parsed, and at most `max_header_count` fields: otherwise 431 and the connection is closed;
- they must arrive within `header_timeout_s` of the connection opening or of the request's
  first byte: otherwise 408 (or, if nothing was sent at all, the connection is just closed).

Request bodies have their own idle and total deadlines (`app.middleware`); idle keep-alive
connections are closed after uvicorn's `timeout_keep_alive`. Both connection deadlines share
one timer per connection, so a request costs no timer of its own (status polls are most of
the traffic, and a timer armed and cancelled per request was a measurable part of them).

uvicorn writes a response's head and its body with two writes: two system calls and two TCP
segments for every small answer. The head of a fixed-length response is held here until its
body follows, and both leave in one write (`_HeadHeldTransport`). A handler that has its whole
response ready (the status fast path) may hand it over at once through the request's
`PREPARED_RESPONSE` extension: one write, without uvicorn's checks of every header.

An app may go further and offer an `EarlyResponder` (`early_responder` on the app object given
to uvicorn): a request it claims on its method and path (a status poll) runs it straight from
the protocol, without the ASGI stack in front of the app (uvicorn's proxy-headers layer, the
app's middleware); what it does not answer goes through the whole stack as usual.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
from http import HTTPStatus
from typing import Any, Protocol

from uvicorn.protocols.http.httptools_impl import (
    STATUS_LINE,
    HttpToolsProtocol,
    RequestResponseCycle,
)

from app.config import Settings
from app.core.observe import EARLY_DECLINED
from app.errors import DEFAULT_PROBLEM_BASE_URI, PROBLEM_JSON, PROBLEM_TYPES, problem_type_uri

logger = logging.getLogger(__name__)


class _HeadHeldTransport:
    """The transport as one request's cycle sees it: the head of a response with a length
    (not chunked, so not a stream) waits for the body's first write and goes out with it.

    Every other write passes straight through: `100 Continue`, the head of a chunked
    response (a stream's client sees its headers at once), the head of an answer to HEAD
    (uvicorn writes it no body), and everything after the body's first write. Closing sends
    a held head first.

    The view lets go of its cycle as soon as the head is written: the cycle holds the view,
    and a view holding its cycle made every request a reference cycle, freed only by the
    garbage collector (a collection every ~70 status polls, pauses of milliseconds).
    """

    __slots__ = ("_cycle", "_head", "_transport")

    def __init__(self, transport: asyncio.Transport, cycle: RequestResponseCycle) -> None:
        self._transport = transport
        self._cycle: RequestResponseCycle | None = cycle  # None once the head is written
        self._head: bytes | None = None

    def write(self, data: bytes) -> None:
        head = self._head
        if head is not None:
            self._head = None
            self._transport.write(head + data)
            return
        cycle = self._cycle
        if cycle is None or not cycle.response_started:  # after the head, or 100 Continue
            self._transport.write(data)
            return
        self._cycle = None  # the cycle writes the head right after starting the response
        # A stream's head leaves at once; an answer to HEAD has no body to wait for.
        if cycle.chunked_encoding or cycle.scope["method"] == "HEAD":
            self._transport.write(data)
        else:
            self._head = data

    def write_response(self, data: bytes) -> None:
        """A whole response, head and body, written by a `PreparedResponse`."""
        self._cycle = None
        self._transport.write(data)

    def close(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)
        self._cycle = None
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


# The scope's extension: the `PreparedResponse` writer, offered by this protocol only.
PREPARED_RESPONSE = "cms.prepared_response"

_default_head: tuple[list[tuple[bytes, bytes]], bytes] = ([], b"")


def _encoded_defaults(headers: list[tuple[bytes, bytes]]) -> bytes:
    """uvicorn's default headers (date, server) as header lines; its list changes each second."""
    global _default_head
    if _default_head[0] is not headers:
        _default_head = (headers, b"".join(b"%s: %s\r\n" % pair for pair in headers))
    return _default_head[1]


def _server_cycle(send: object) -> RequestResponseCycle | None:
    """The request cycle whose own `send` this is, when this protocol serves it."""
    try:
        if send.__func__ is _CYCLE_SEND:  # type: ignore[attr-defined]
            cycle: RequestResponseCycle = send.__self__  # type: ignore[attr-defined]
            if isinstance(cycle.transport, _HeadHeldTransport):
                return cycle
    except AttributeError:  # not a bound method
        pass
    return None


_CYCLE_SEND = RequestResponseCycle.send


class PreparedResponse:
    """A whole response in one write for a handler that wrote and checked its header lines
    itself. Valid only with the server's own `send` (`accepts(send)`): a middleware that
    wraps `send` to add or read headers must see the response, so it is not bypassed.

    One writer serves every request (the request is found from its `send`): it keeps
    nothing of a request, so it ties no request's objects together after it ends."""

    __slots__ = ()

    def accepts(self, send: object) -> bool:
        return _server_cycle(send) is not None

    async def send(self, send: object, status: int, header_lines: bytes, body: bytes) -> None:
        """`header_lines`: `name: value\r\n` each, content-length included."""
        cycle = _server_cycle(send)
        if cycle is None:
            raise RuntimeError("A prepared response needs the server's own send.")
        await write_prepared(cycle, status, header_lines, body)


async def write_prepared(
    cycle: RequestResponseCycle, status: int, header_lines: bytes, body: bytes
) -> None:
    """A whole response in one write on `cycle`'s connection, with the server's default
    headers: `header_lines` are `name: value\r\n` each, content-length included, written
    and checked by the caller."""
    if cycle.flow.write_paused and not cycle.disconnected:
        await cycle.flow.drain()
    if cycle.disconnected:
        return
    if cycle.response_started:
        raise RuntimeError("The response has already started.")
    cycle.response_started = cycle.response_complete = True
    cycle.waiting_for_100_continue = False
    head = STATUS_LINE[status] + _encoded_defaults(cycle.default_headers) + header_lines
    if not cycle.keep_alive:
        head += b"connection: close\r\n"
    if cycle.scope["method"] == "HEAD":
        body = b""
    transport = cycle.transport
    if isinstance(transport, _HeadHeldTransport):
        transport.write_response(head + b"\r\n" + body)
    else:  # an early responder's request: the connection's own transport
        transport.write(head + b"\r\n" + body)
    cycle.message_event.set()
    if not cycle.keep_alive:
        transport.close()
    cycle.on_response()


class EarlyResponder(Protocol):
    """What an app offers to answer before its ASGI stack (`early_responder` on the app).

    `claim` looks at the scope of a request uvicorn has just parsed (method, path, query;
    nothing awaited) and returns what `respond` needs, or None to leave it to the stack.
    `respond` answers a claimed request on its cycle (`write_prepared`, or the cycle's own
    `send`), observing it itself, and returns False to hand it to the whole stack instead,
    having sent nothing.
    """

    def claim(self, scope: dict[str, Any]) -> Any: ...

    async def respond(
        self, scope: dict[str, Any], cycle: RequestResponseCycle, claim: Any
    ) -> bool: ...


_PREPARED = PreparedResponse()


def _nothing() -> None:
    pass


class _HeaderLimitError(Exception):
    """Raised from a parser callback to stop parsing; the refusal is already chosen."""


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    max_header_bytes = 32 * 1024
    max_header_count = 100
    header_timeout_s = 10.0
    problem_base_uri = DEFAULT_PROBLEM_BASE_URI

    def connection_made(  # type: ignore[override]
        self, transport: asyncio.Transport
    ) -> None:
        super().connection_made(transport)
        # uvicorn's access log is written by its own send, which an early answer bypasses.
        self._early: EarlyResponder | None = (
            None if self.access_log else getattr(self.config.app, "early_responder", None)
        )
        self._refusal: tuple[int, str, str] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._header_deadline: float | None = None
        self._idle_deadline: float | None = None
        self._received_any = False
        self._expect_headers()
        self._headers_due()  # a new connection owes us a request line soon

    def connection_lost(self, exc: Exception | None) -> None:
        self._header_deadline = self._idle_deadline = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        super().connection_lost(exc)

    def _expect_headers(self) -> None:
        """The next bytes are a request line and headers: count them from here."""
        self._awaiting_headers = True
        self._header_bytes = 0

    # One timer per connection for both deadlines (the headers', and uvicorn's keep-alive
    # idle time), not one armed and cancelled per request: moving a deadline is an attribute
    # write, and the timer, when it fires early, is armed again for what is left. A
    # connection polled every few seconds costs about one timer per `timeout_keep_alive`.

    def _headers_due(self) -> None:
        self._header_deadline = self.loop.time() + self.header_timeout_s
        if self._timer is None:
            self._timer = self.loop.call_at(self._header_deadline, self._check_deadlines)

    def _unset_keepalive_if_required(self) -> None:
        # uvicorn cancels its keep-alive timer here (data arrived, or the connection ends).
        self._idle_deadline = None

    def _check_deadlines(self) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        now = self.loop.time()
        idle, head = self._idle_deadline, self._header_deadline
        if idle is not None and now >= idle:
            self.timeout_keep_alive_handler()  # uvicorn's: close the idle connection
        elif head is not None and now >= head:
            self._too_slow()
        else:
            due = [d for d in (idle, head) if d is not None]
            if due:  # nothing due yet: wait for the earlier deadline
                self._timer = self.loop.call_at(min(due), self._check_deadlines)
            # else nothing is owed now: the next deadline set arms the timer again

    def _too_slow(self) -> None:
        self._header_deadline = None
        if not self._awaiting_headers:
            return
        if self._received_any:
            self._refuse(408, "request-timeout", "The request headers arrived too slowly.")
        else:
            self.transport.close()  # an idle connection that never sent a request

    def data_received(self, data: bytes) -> None:
        self._received_any = True
        if self._awaiting_headers:
            end = data.find(b"\r\n\r\n")
            counted = len(data) if end < 0 else end + 4
            if self._header_bytes + counted > self.max_header_bytes:
                self._refuse(
                    431,
                    "request-header-fields-too-large",
                    f"The request headers are larger than {self.max_header_bytes} bytes.",
                )
                return
            self._header_bytes += counted
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._awaiting_headers = True
        self._headers_due()  # the deadline runs from the request's first byte

    def on_response_complete(self) -> None:
        # uvicorn's (0.54), with its keep-alive timer replaced by the connection's deadline.
        self.server_state.total_requests += 1
        if self.transport.is_closing():
            return
        self.flow.resume_reading()
        # Keep-alive: what arrives next is the next request's head.
        self._expect_headers()
        if self.pipeline:
            cycle, app = self.pipeline.pop()
            self._start_asgi_task(cycle, app)
        else:
            self._idle_deadline = self.loop.time() + self.timeout_keep_alive
            if self._timer is None:
                self._timer = self.loop.call_at(self._idle_deadline, self._check_deadlines)

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        self._header_deadline = None  # the timer, if it fires, finds nothing owed
        # Counted here rather than in a callback per field: the byte limit above already
        # bounds how many fields one request head can hold.
        if len(self.headers) > self.max_header_count:
            self._refusal = (
                431,
                "request-header-fields-too-large",
                f"More than {self.max_header_count} header fields.",
            )
            raise _HeaderLimitError
        super().on_headers_complete()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        # Called for every request the app runs (at once, or when a pipelined one's turn
        # comes), never for an upgrade.
        early = self._early
        if early is not None and app is self.app:  # not uvicorn's 503 over its concurrency limit
            claim = early.claim(cycle.scope)  # type: ignore[arg-type]
            if claim is not None:
                coroutine = self._run_early(early, claim, cycle, app)
                if self.config.reset_contextvars:  # as uvicorn starts a task
                    task = self.loop.create_task(coroutine, context=contextvars.Context())
                else:
                    task = self.loop.create_task(coroutine)
                task.add_done_callback(self.tasks.discard)
                self.tasks.add(task)
                return
        self._prepare_cycle(cycle)
        super()._start_asgi_task(cycle, app)

    def _prepare_cycle(self, cycle: RequestResponseCycle) -> None:
        """The cycle as the app sees it: the head-holding transport, the prepared writer."""
        cycle.transport = _HeadHeldTransport(self.transport, cycle)  # type: ignore[assignment]
        if not cycle.access_log:  # uvicorn's access log is written by its own send
            scope: dict[str, Any] = cycle.scope  # type: ignore[assignment]
            scope.setdefault("extensions", {})[PREPARED_RESPONSE] = _PREPARED

    async def _run_early(
        self, early: EarlyResponder, claim: Any, cycle: RequestResponseCycle, app: Any
    ) -> None:
        scope: dict[str, Any] = cycle.scope  # type: ignore[assignment]
        try:
            if await early.respond(scope, cycle, claim):
                cycle.on_response = _nothing  # as uvicorn lets go of the protocol after a request
                return
        except Exception:
            logger.exception("early responder failed; the app answers instead")
            if cycle.response_started:
                self.transport.close()
                return
        scope[EARLY_DECLINED] = True
        self._prepare_cycle(cycle)
        await cycle.run_asgi(app)

    def send_400_response(self, msg: str) -> None:
        # uvicorn answers a parser error (our callback's exception included) with a plain 400.
        if self._refusal is not None:
            self._refuse(*self._refusal)
        else:
            self._refuse(400, "bad-request", msg)

    def _refuse(self, status: int, slug: str, detail: str) -> None:
        """A problem+json answer written straight to the socket, then the connection closed."""
        self._awaiting_headers = False
        self._header_deadline = None
        if self.transport.is_closing():
            return
        phrase = HTTPStatus(status).phrase
        body = json.dumps(
            {
                "type": problem_type_uri(slug, self.problem_base_uri),
                "title": PROBLEM_TYPES[slug].title if slug in PROBLEM_TYPES else phrase,
                "status": status,
                "detail": detail,
            }
        ).encode()
        head = (
            f"HTTP/1.1 {status} {phrase}\r\ncontent-type: {PROBLEM_JSON}\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
        )
        self.transport.write(head.encode() + body)
        self.transport.close()


def limited_http_protocol(settings: Settings) -> type[LimitedHttpToolsProtocol]:
    """The protocol class for uvicorn's `http=`, with the limits from the settings."""
    attributes: dict[str, Any] = {
        "max_header_bytes": settings.max_header_bytes,
        "max_header_count": settings.max_header_count,
        "header_timeout_s": settings.header_timeout_s,
        "problem_base_uri": settings.problem_base_uri,
    }
    return type("ConfiguredHttpToolsProtocol", (LimitedHttpToolsProtocol,), attributes)
