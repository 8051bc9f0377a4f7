"""The status endpoint without the framework: every open browser tab polls it every 2–3 s.

It answers `GET {prefix}/articles/{id}/status` with one prepared primary-key query on a
small asyncpg pool, rendered exactly as the FastAPI route renders it (`render_status`):
straight from the service's HTTP protocol where it can (no ASGI layer in front of it), else
as a pure ASGI middleware. Anything it is not sure about — a missing or wrong credential,
an unknown id, a database error, a long poll (`?wait=`) — falls through to the regular
route, which answers with the usual problem+json. The route stays the documented,
validated reference implementation.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from binascii import hexlify
from collections.abc import Mapping
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import asyncpg
import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import RequestResponseCycle

from app.auth.dependencies import Authenticator
from app.core.observe import ROUTE_TEMPLATE_KEY, observed, request_id_of
from app.errors import (
    DomainError,
    database_unavailable_response,
    is_database_unavailable,
)
from app.http_protocol import PREPARED_RESPONSE, PreparedResponse, write_prepared
from app.timestamps import format_timestamp

logger = logging.getLogger(__name__)

# The metrics middleware labels requests by this route template.
STATUS_ROUTE = SimpleNamespace(path="/articles/{article_id}/status")
TERMINAL = frozenset({"completed", "failed"})
# While an article is not finished, clients are told to look again after this many seconds.
POLL_HINT_S = "2"
MAX_ID = 2_147_483_647
_NO_CACHE = (b"cache-control", b"no-cache")
_RETRY_AFTER = (b"retry-after", POLL_HINT_S.encode())
_JSON = (b"content-type", b"application/json")
_RETRY_AFTER_LINE = b"retry-after: %s\r\n" % _RETRY_AFTER[1]
_JSON_LINE = b"content-type: application/json\r\n"

_COLUMNS = (
    "id, processing_status, processing_stage, progress, processing_error, "
    "processing_error_code, processing_started_at, processing_completed_at, updated_at, "
    "needs_review"
)
STATUS_SQL = f"SELECT {_COLUMNS} FROM articles WHERE id = $1"
STATUS_FOR_TENANT_SQL = f"SELECT {_COLUMNS} FROM articles WHERE id = $1 AND tenant = $2"


def _timestamp(value: datetime | None) -> datetime | str | None:
    """What orjson gets for a timestamp: the datetime itself when orjson writes it in the API's
    format (aware UTC: `...123456Z`, one C call instead of isoformat), else the formatted
    string (orjson drops a zero fraction, and only `format_timestamp` converts other zones)."""
    if value is None or (value.microsecond and value.tzinfo is UTC):
        return value
    return format_timestamp(value)


def _render(status: Mapping[str, Any] | asyncpg.Record) -> tuple[bytes, str, bool]:
    """(body, ETag, finished) of a status; the ETag is a digest of the body."""
    processing_status = str(status["processing_status"])
    body = orjson.dumps(
        {
            "id": status["id"],
            "processing_status": processing_status,
            "processing_stage": status["processing_stage"],
            "progress": status["progress"],
            "processing_error": status["processing_error"],
            "processing_error_code": status["processing_error_code"],
            "processing_started_at": _timestamp(status["processing_started_at"]),
            "processing_completed_at": _timestamp(status["processing_completed_at"]),
            "updated_at": _timestamp(status["updated_at"]),
            "needs_review": status["needs_review"],
        },
        option=orjson.OPT_UTC_Z,
    )
    etag = f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    return body, etag, processing_status in TERMINAL


_TIMESTAMPS = ("processing_started_at", "processing_completed_at", "updated_at")


def _render_row(row: asyncpg.Record) -> tuple[bytes, bytes, bool]:
    """`_render` of a row of STATUS_SQL, whose columns are the body's keys in its order (one
    C call makes the dict): (body, ETag as header bytes, finished)."""
    status = dict(row)
    for key in _TIMESTAMPS:
        value = status[key]
        if value is not None and not (value.microsecond and value.tzinfo is UTC):
            status[key] = format_timestamp(value)
    body = orjson.dumps(status, option=orjson.OPT_UTC_Z)
    etag = _etags.get(body)
    if etag is None:
        etag = b'"%s"' % hexlify(hashlib.blake2b(body, digest_size=12).digest())
        if len(_etags) >= _ETAGS_KEPT:
            _etags.clear()
        _etags[body] = etag
    return body, etag, status["processing_status"] in TERMINAL


# The ETags of recent bodies: most polls find their article unchanged, and looking the body
# up costs a fraction of digesting it again. Bounded (emptied when full), event loop only.
_ETAGS_KEPT = 4096
_etags: dict[bytes, bytes] = {}


def _matches(etag: str, if_none_match: str | None) -> bool:
    return if_none_match is not None and etag in {t.strip() for t in if_none_match.split(",")}


def render_status(
    status: Mapping[str, Any] | asyncpg.Record, if_none_match: str | None
) -> tuple[int, bytes, dict[str, str]]:
    """(status code, body, headers) for a status: ETag from the body, 304 when unchanged."""
    body, etag, finished = _render(status)
    headers = {"etag": etag, "cache-control": "no-cache"}
    if not finished:
        headers["retry-after"] = POLL_HINT_S
    if _matches(etag, if_none_match):
        return 304, b"", headers
    headers["content-type"] = "application/json"
    return 200, body, headers


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class StatusFastPath:
    """The fast path, asked in one of two ways: from the observing layer as its `first`
    responder (`answer`, through ASGI), or straight from the HTTP protocol as the app's
    early responder (`claim` and `respond`, app.http_protocol), which skips the ASGI stack
    in front of the app and observes the request itself."""

    def __init__(self, app: ASGIApp, *, api_prefix: str, access_log: bool = True) -> None:
        self.app = app
        self._path = re.compile(rf"^{re.escape(api_prefix)}/articles/([0-9]{{1,10}})/status$")
        self._template = f"{api_prefix}{STATUS_ROUTE.path}"
        self._access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if await self.answer(scope, send, []) is None:
            await self.app(scope, receive, send)

    def claim(self, scope: Scope) -> int | None:
        """The article id of a status poll this path may answer, else None."""
        # A long poll (`?wait=`) is the route's: it waits, this path answers at once.
        if scope["method"] != "GET" or b"wait" in scope["query_string"]:
            return None
        match = self._path.match(scope["path"])
        if match is None:
            return None
        article_id = int(match.group(1))
        return None if article_id > MAX_ID else article_id

    async def answer(
        self, scope: Scope, send: Send, extra_headers: list[tuple[bytes, bytes]]
    ) -> int | None:
        """The status code sent (with `extra_headers`), or None to let the regular route
        handle the request (`app.core.observe.FirstResponder`)."""
        if scope["type"] != "http":
            return None
        article_id = self.claim(scope)
        if article_id is None:
            return None
        found = await self._look_up(scope, article_id)
        if found is None:
            return None
        if found is _UNAVAILABLE:
            return await self._unavailable(scope, send, extra_headers)
        code, body, etag, finished = self._response(scope, found)
        scope["route"] = STATUS_ROUTE
        scope[ROUTE_TEMPLATE_KEY] = self._template
        extensions = scope.get("extensions")
        prepared: PreparedResponse | None = (
            None if extensions is None else extensions.get(PREPARED_RESPONSE)
        )
        if prepared is not None and prepared.accepts(send):
            # Straight to the socket: every value here is ours or checked (the request id).
            lines = _header_lines(code, body, etag, finished)
            for name, value in extra_headers:
                lines += b"%s: %s\r\n" % (name, value)
            await prepared.send(send, code, lines, body)
            return code
        # The same headers as `render_status`, written as bytes once.
        headers = [(b"etag", etag), _NO_CACHE, *extra_headers]
        if not finished:
            headers.append(_RETRY_AFTER)
        if code == 200:
            headers.append(_JSON)
        headers.append((b"content-length", b"%d" % len(body)))
        await send({"type": "http.response.start", "status": code, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return code

    async def respond(self, scope: Scope, cycle: RequestResponseCycle, article_id: int) -> bool:
        """Answer a claimed poll on the server's cycle and observe it, as the observing layer
        would have; False (nothing sent) hands it to the app."""
        started = time.perf_counter()
        found = await self._look_up(scope, article_id)
        if found is None:
            return False
        id_header = (b"x-request-id", request_id_of(scope["headers"]))
        if found is _UNAVAILABLE:
            send: Send = cycle.send  # type: ignore[assignment]
            code = await self._unavailable(scope, send, [id_header])
        else:
            code, body, etag, finished = self._response(scope, found)
            lines = _header_lines(code, body, etag, finished)
            await write_prepared(cycle, code, lines + b"x-request-id: %s\r\n" % id_header[1], body)
        observed(self._access_log, "GET", scope["path"], self._template, code, started)
        return True

    async def _look_up(self, scope: Scope, article_id: int) -> asyncpg.Record | object | None:
        """The status row, `_UNAVAILABLE` when the database is away, or None for the route
        to answer (no lifespan, a credential to refuse, no such article, another error)."""
        state = scope.get("state")
        services = None if state is None else state.get("services")  # the lifespan's
        if services is None:
            return None
        pool: asyncpg.Pool = services.database.pools.status
        authenticator: Authenticator = services.authenticator
        tenant: str | None = None
        if authenticator.enabled:
            try:
                tenant = (await authenticator.authenticate_raw(scope["headers"])).scope
            except DomainError:
                return None  # the route answers 401 in the usual shape
        try:
            if tenant is None:
                row = await pool.fetchrow(STATUS_SQL, article_id)
            else:
                row = await pool.fetchrow(STATUS_FOR_TENANT_SQL, article_id, tenant)
        except Exception as exc:
            if not is_database_unavailable(exc):
                logger.debug("status fast path fell through (%s)", exc.__class__.__name__)
                return None  # the route decides
            # The database is away: the route could only wait for its own connection to fail.
            return _UNAVAILABLE
        return row  # None: the route answers 404

    def _response(self, scope: Scope, row: Any) -> tuple[int, bytes, bytes, bool]:
        """(status, body, ETag, finished): 200 with the status, or 304 when the client's ETag
        matches."""
        body, etag, finished = _render_row(row)
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if _matches(etag.decode(), value.decode("latin-1")):
                    return 304, b"", etag, finished
                break
        return 200, body, etag, finished

    async def _unavailable(
        self, scope: Scope, send: Send, extra_headers: list[tuple[bytes, bytes]]
    ) -> int:
        """503 in the usual problem shape, labelled with the route in the metrics."""
        scope["route"] = STATUS_ROUTE
        scope[ROUTE_TEMPLATE_KEY] = self._template

        async def send_with_extra(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message["headers"], *extra_headers]}
            await send(message)

        services = scope["state"]["services"]
        response = database_unavailable_response(
            scope["path"], str(services.settings.problem_base_uri)
        )
        await response(scope, _no_body, send_with_extra)
        return response.status_code


_UNAVAILABLE = object()


def _header_lines(code: int, body: bytes, etag: bytes, finished: bool) -> bytes:
    """The headers of `render_status` as header lines."""
    lines = b"etag: %s\r\ncache-control: no-cache\r\n" % etag
    if not finished:
        lines += _RETRY_AFTER_LINE
    if code == 200:
        lines += _JSON_LINE
    return lines + b"content-length: %d\r\n" % len(body)
