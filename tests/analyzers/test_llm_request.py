"""The chat request built once: on the wire and in its errors the same as the SDK's `post`.

Every request goes to an in-process transport that records it; each case runs the SDK's own
`post` and the prepared request side by side and compares what was sent and what was raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx2
import openai
import pytest
from openai import AsyncOpenAI, DefaultAsyncHttpxClient

from app.analyzers.llm.request import PATH, ChatPost

BODY: dict[str, Any] = {
    "model": "m",
    "messages": [{"role": "user", "content": "Gewicht: 12,5 g — Stahl ü"}],
    "max_tokens": 400,
}
ANSWER = b'{"choices": [{"message": {"content": "{}"}, "finish_reason": "stop"}]}'
TIMEOUT_S = 30.0

APIErrorT = TypeVar("APIErrorT", bound=openai.APIError)
Handler = Callable[[httpx2.Request], httpx2.Response]


def answering(status: int = 200, **headers: str) -> tuple[Handler, list[httpx2.Request]]:
    seen: list[httpx2.Request] = []

    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(
            status, content=ANSWER, headers={"content-type": "application/json", **headers}
        )

    return handle, seen


def sdk_client(handler: Handler, api_key: Any = "sk-test") -> AsyncOpenAI:
    http = DefaultAsyncHttpxClient(transport=httpx2.MockTransport(handler))
    client = AsyncOpenAI(
        api_key=api_key, base_url="http://model.test/v1", max_retries=0, http_client=http
    )
    return client.with_options(timeout=TIMEOUT_S, max_retries=0)


async def sdk_post(client: AsyncOpenAI, *, unread: bool) -> httpx2.Response:
    """The request as the SDK's plain `post` sends it."""
    headers = {"X-Stainless-Raw-Response": "stream"} if unread else {}
    return await client.post(
        PATH,
        cast_to=httpx2.Response,
        body=BODY,
        options={"timeout": TIMEOUT_S, "headers": headers},
    )


async def raised_both_ways(
    client: AsyncOpenAI, error: type[APIErrorT], *, unread: bool
) -> tuple[APIErrorT, APIErrorT]:
    """What the prepared request raises, and what the SDK's `post` raises."""
    with pytest.raises(error) as ours:
        await ChatPost(client, TIMEOUT_S).send(BODY, unread=unread)
    with pytest.raises(error) as theirs:
        await sdk_post(client, unread=unread)
    return ours.value, theirs.value


def wire(request: httpx2.Request) -> tuple[str, str, list[tuple[str, str]], bytes, Any]:
    headers = sorted((k.lower(), v) for k, v in request.headers.multi_items())
    return request.method, str(request.url), headers, request.content, request.extensions


@pytest.mark.asyncio
@pytest.mark.parametrize("unread", [False, True])
async def test_the_prepared_request_is_the_one_the_sdk_sends(unread: bool) -> None:
    handler, seen = answering()
    client = sdk_client(handler)
    chat = ChatPost(client, TIMEOUT_S)
    assert chat.prepared
    ours = await chat.send(BODY, unread=unread)
    theirs = await sdk_post(client, unread=unread)
    assert (await ours.aread()) == (await theirs.aread()) == ANSWER
    assert wire(seen[0]) == wire(seen[1])
    assert ("content-length", str(len(seen[0].content))) in wire(seen[0])[2]
    assert ours.is_stream_consumed == theirs.is_stream_consumed


@pytest.mark.asyncio
async def test_each_call_sends_its_own_body() -> None:
    handler, seen = answering()
    chat = ChatPost(sdk_client(handler), TIMEOUT_S)
    await chat.send({"model": "a"}, unread=False)
    await chat.send({"model": "bb", "n": 2}, unread=False)
    assert [r.content for r in seen] == [b'{"model":"a"}', b'{"model":"bb","n":2}']
    assert [r.headers["content-length"] for r in seen] == ["13", "20"]


@pytest.mark.asyncio
async def test_cookies_the_server_set_go_back_as_with_the_sdk() -> None:
    handler, seen = answering(**{"set-cookie": "lb=node-3; Path=/"})
    client = sdk_client(handler)
    chat = ChatPost(client, TIMEOUT_S)
    await chat.send(BODY, unread=False)
    await chat.send(BODY, unread=False)
    await sdk_post(client, unread=False)
    assert "cookie" not in seen[0].headers
    assert seen[1].headers["cookie"] == seen[2].headers["cookie"] == "lb=node-3"


@pytest.mark.asyncio
@pytest.mark.parametrize("unread", [False, True])
@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, openai.BadRequestError),
        (429, openai.RateLimitError),
        (500, openai.InternalServerError),
        (302, openai.APIStatusError),
    ],
)
async def test_status_errors_are_the_sdks(
    status: int, error: type[openai.APIStatusError], unread: bool
) -> None:
    handler, _ = answering(status, **{"retry-after": "3"})  # a 302 with nowhere to go
    client = sdk_client(handler)
    ours, theirs = await raised_both_ways(client, error, unread=unread)
    assert type(ours) is type(theirs)
    assert (ours.status_code, ours.message, ours.body) == (
        theirs.status_code,
        theirs.message,
        theirs.body,
    )
    assert ours.response.headers["retry-after"] == "3"
    assert ours.__cause__ is None and ours.__suppress_context__


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (httpx2.ReadTimeout("slow"), openai.APITimeoutError),
        (httpx2.ConnectError("refused"), openai.APIConnectionError),
    ],
)
async def test_transport_errors_are_the_sdks(
    fault: Exception, error: type[openai.APIError]
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise fault

    client = sdk_client(handler)
    ours, theirs = await raised_both_ways(client, error, unread=False)
    assert type(ours) is type(theirs) and str(ours) == str(theirs)
    assert ours.__cause__ is fault and ours.request.url == theirs.request.url


@pytest.mark.asyncio
async def test_a_key_provider_keeps_the_sdks_request_per_call() -> None:
    """A key that can change between calls is asked for on every request, as the SDK does."""
    handler, seen = answering()
    keys = iter(["sk-first", "sk-second"])

    async def provide() -> str:
        return next(keys)

    chat = ChatPost(sdk_client(handler, api_key=provide), TIMEOUT_S)
    assert not chat.prepared
    await chat.send(BODY, unread=False)
    await chat.send(BODY, unread=False)
    assert [r.headers["authorization"] for r in seen] == ["Bearer sk-first", "Bearer sk-second"]
