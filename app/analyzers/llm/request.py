"""`POST /chat/completions` as the SDK sends it, its URL and headers built once.

The SDK's `post` rebuilds everything but the body on every call: the request options copied
twice, the headers merged through six httpx header objects, the URL parsed three times, a
fresh idempotency key the API does not read. That was ~0.4 ms of event-loop CPU per call
(measured with a canned response), twice httpx's own send. With a static API key none of it
changes between calls, so the SDK builds one request here and each call reuses its URL,
headers and timeouts with its own JSON body, on the SDK's HTTP client, and raises the SDK's
errors as the SDK does.

Any other authentication (a key provider, workload identity, a cloud provider's runtime,
custom auth) or an idempotency header keeps the SDK's full request path: those change per
call.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import openai
from openai import AsyncOpenAI
from openai._constants import RAW_RESPONSE_HEADER  # the SDK's switch for an unread body
from openai._httpx2 import request_exceptions, timeout_exceptions
from openai._models import FinalRequestOptions

PATH = "/chat/completions"
# Per-call state the SDK keeps on the client; any of them set means the request is not static.
_PER_CALL_AUTH = ("_api_key_provider", "_workload_identity_auth", "_provider_runtime")


def _unread_headers(unread: bool) -> dict[str, str]:
    return {RAW_RESPONSE_HEADER: "stream"} if unread else {}


def dumps(body: dict[str, Any]) -> bytes:
    """The body as the SDK encodes it (`openapi_dumps`, for the plain types a body holds)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _static_auth(client: AsyncOpenAI) -> bool:
    if any(getattr(client, name, True) is not None for name in _PER_CALL_AUTH):
        return False
    return client.custom_auth is None and client._idempotency_header is None


class ChatPost:
    """Sends a chat request; `send` returns the response (its body unread when `unread`) or
    raises `openai.APIStatusError`, `APITimeoutError` or `APIConnectionError`."""

    def __init__(self, client: AsyncOpenAI, timeout_s: float) -> None:
        self._client = client
        self._timeout_s = timeout_s
        self._http = client._client
        self._templates: dict[bool, httpx2.Request] | None = None
        if _static_auth(client):
            self._templates = {unread: self._template(unread) for unread in (False, True)}

    @property
    def prepared(self) -> bool:
        """Requests reuse one built request (False: through the SDK's `post`)."""
        return self._templates is not None

    def _template(self, unread: bool) -> httpx2.Request:
        options = FinalRequestOptions.construct(
            method="post",
            url=PATH,
            json_data={},
            timeout=self._timeout_s,
            headers=_unread_headers(unread),
        )
        request = self._client._build_request(options)
        del request.headers["Content-Length"]  # the template's `{}`; each body sets its own
        return request

    async def send(self, body: dict[str, Any], *, unread: bool) -> httpx2.Response:
        if self._templates is None:
            return await self._client.post(
                PATH,
                cast_to=httpx2.Response,
                body=body,
                options={"timeout": self._timeout_s, "headers": _unread_headers(unread)},
            )
        template = self._templates[unread]
        request = httpx2.Request(
            "POST",
            template.url,
            headers=template.headers,
            content=dumps(body),
            extensions=dict(template.extensions),
        )
        cookies = self._http.cookies
        if cookies:  # what the SDK's `build_request` adds from the client's jar
            cookies.set_cookie_header(request)
        try:
            response = await self._http.send(request, stream=unread)
        except timeout_exceptions() as exc:
            raise openai.APITimeoutError(request=request) from exc
        except openai.OpenAIError:
            raise
        except request_exceptions() as exc:
            raise openai.APIConnectionError(request=request) from exc
        if not response.is_success:  # the SDK's `raise_for_status`
            if not response.is_closed:
                await response.aread()
            raise self._client._make_status_error_from_response(response) from None
        return response
