"""ASGI middleware that refuses early: before the body is read, and while it streams.

- `AuthenticateFirst`: the API key or token is checked on the headers, so an unauthenticated
  upload is answered 401 before a byte of its multipart body is spooled to disk (FastAPI
  parses a form before any dependency runs).
- `BodySizeLimitMiddleware`: the upload size limit, and idle/total deadlines for the body.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.dependencies import PRINCIPAL_SCOPE_KEY, Authenticator
from app.errors import DEFAULT_PROBLEM_BASE_URI, DomainError, problem_response

# Two files plus form fields and multipart framing.
MULTIPART_OVERHEAD = 256 * 1024
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _base_uri(scope: Scope) -> str:
    app = scope.get("app")
    settings = getattr(getattr(app, "state", None), "settings", None)
    return str(getattr(settings, "problem_base_uri", DEFAULT_PROBLEM_BASE_URI))


class AuthenticateFirst:
    """401 on the headers alone for API requests that carry a body; the principal it finds
    is left in the scope for `get_principal`, so the credential is verified once."""

    def __init__(self, app: ASGIApp, *, api_prefix: str) -> None:
        self.app = app
        self._prefix = f"{api_prefix}/"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in BODY_METHODS
            and scope["path"].startswith(self._prefix)
        ):
            services = scope.get("state", {}).get("services")  # the lifespan's (app.services)
            authenticator: Authenticator | None = (
                None if services is None else services.authenticator
            )
            if authenticator is not None and authenticator.enabled:
                try:
                    scope[PRINCIPAL_SCOPE_KEY] = await authenticator.authenticate(Request(scope))
                except DomainError as exc:
                    headers = {**(exc.headers or {}), "Connection": "close"}
                    response = problem_response(
                        exc.status_code,
                        exc.detail,
                        type_slug=exc.type_slug,
                        headers=headers,
                        instance=scope["path"],
                        base_uri=_base_uri(scope),
                    )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class BodySizeLimitMiddleware:
    """Answers 413 as soon as a request body is larger than allowed, before reading it all,
    and 408 when the body stalls (`idle_timeout_s` between chunks) or takes too long overall
    (`total_timeout_s`): a client sending a byte every few seconds is cut off.

    A declared Content-Length over the limit is refused without reading a byte; a chunked
    body is counted as it arrives, and the app sees a disconnect once it passes the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        idle_timeout_s: float | None = None,
        total_timeout_s: float | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.idle_timeout_s = idle_timeout_s
        self.total_timeout_s = total_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(scope, receive, send, 413, limit)
                    return

        loop = asyncio.get_running_loop()
        deadline = None if self.total_timeout_s is None else loop.time() + self.total_timeout_s
        received = 0
        refused: int | None = None  # the status we answer instead of the app
        body_done = False
        response_started = False

        async def guarded_receive() -> Message:
            nonlocal received, refused, body_done
            if refused is not None:
                return {"type": "http.disconnect"}
            if body_done:
                return await receive()  # e.g. a streaming response listening for disconnect
            wait = self.idle_timeout_s
            if deadline is not None:
                left = deadline - loop.time()
                wait = left if wait is None else min(wait, left)
            try:
                if wait is None:
                    message = await receive()
                else:
                    async with asyncio.timeout(max(wait, 0.0)):
                        message = await receive()
            except TimeoutError:
                refused = 408
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:
                    refused = 413
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused is not None and not response_started:
                return  # our answer replaces whatever the app tries to say
            response_started = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            if refused is None:
                raise
        if refused is not None and not response_started:
            await self._refuse(scope, receive, send, refused, limit)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, limit: int) -> None:
        details: dict[int, tuple[str, str]] = {
            413: ("payload-too-large", f"The request body is larger than {limit} bytes."),
            408: ("request-timeout", "The request body arrived too slowly."),
        }
        slug, detail = details[status]
        headers: dict[str, Any] = {"Connection": "close"}
        response = problem_response(
            status,
            detail,
            type_slug=slug,
            headers=headers,
            instance=scope["path"],
            base_uri=_base_uri(scope),
        )
        await response(scope, receive, send)
