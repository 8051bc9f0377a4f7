"""The model client's own reading of a streamed answer (server-sent events, decoded by hand
instead of through the SDK's per-event objects), against streams real servers send."""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx2
import pytest
from openai import AsyncOpenAI

from app.analyzers.llm.client import (
    CapabilityRegistry,
    ModelClient,
    _AnswerEnd,
    _decoded,
    _EventDecoder,
)
from app.analyzers.llm.evidence import SourceText
from app.analyzers.llm.prompt import Prompt
from app.analyzers.llm.schema import InvalidAnswerError, answer_schema

ANSWER = {"g": 12.5, "q": "Net weight: 12,5 g", "c": [{"k": "A", "part": 1, "name": None}]}
MIXED_STREAM = (
    b": a comment line, skipped\r\n"
    b"event: message\r\n"
    b'data: {"choices": [{"delta": {"content": "one"}}]}\r\n\r\n'
    b'data: {"choices":\n'
    b'data: [{"delta": {"content": "two"}}]}\n\n'
    b'id: 7\rdata: {"choices": [{"delta": {"content": "three"}}]}\r\r'
    b"data: [DONE]\n\n"
)


def prompt() -> Prompt:
    return Prompt(
        system="system",
        user="user",
        schema=answer_schema(["A"]),
        codes=frozenset({"A"}),
        source=SourceText("Net weight: 12,5 g", []),
        has_images=False,
    )


def sse(*events: dict[str, Any] | str, line_end: bytes = b"\n") -> bytes:
    body = b""
    for event in events:
        data = event if isinstance(event, str) else json.dumps(event)
        body += b"data: " + data.encode() + line_end + line_end
    return body


def content_events(text: str, size: int = 4) -> list[dict[str, Any]]:
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    return [
        {"choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]} for p in pieces
    ]


def client_for(
    body: bytes,
    requests: list[dict[str, Any]] | None = None,
    content_type: str = "text/event-stream",
    gzipped: bool = False,
) -> ModelClient:
    def handle(request: httpx2.Request) -> httpx2.Response:
        if requests is not None:
            requests.append(json.loads(request.content))
        headers = {"content-type": content_type}
        if gzipped:
            headers["content-encoding"] = "gzip"
        content = gzip.compress(body) if gzipped else body
        return httpx2.Response(200, content=content, headers=headers)

    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handle))
    sdk = AsyncOpenAI(api_key="test", base_url="http://model.test/v1", http_client=http)
    return ModelClient(
        sdk,
        model="m",
        call_budget_s=10,
        request_timeout_s=5,
        max_retries=0,
        max_output_tokens=300,
        temperature=0.0,
        capabilities=CapabilityRegistry(),
    )


@pytest.mark.parametrize("step", [1, 2, 3, 7, 50])
def test_events_are_the_same_however_the_bytes_arrive(step: int) -> None:
    decoder = _EventDecoder()
    events: list[str] = []
    for start in range(0, len(MIXED_STREAM), step):
        events += decoder.feed(MIXED_STREAM[start : start + step])
    events += decoder.close()
    assert [json.loads(e)["choices"][0]["delta"]["content"] for e in events[:3]] == [
        "one",
        "two",
        "three",
    ]
    assert events[3:] == ["[DONE]"]


def test_an_event_without_its_blank_line_at_the_end_still_counts() -> None:
    decoder = _EventDecoder()
    assert decoder.feed(b"data: last") == []
    assert decoder.close() == ["last"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1000])
def test_the_answer_end_is_found_however_the_text_is_split(size: int) -> None:
    # Braces, quotes and backslashes inside strings, and an object before the answer that is
    # not one: the end is the answer's own closing brace, in whatever piece it arrives.
    answer = {**ANSWER, "q": 'Net weight: 12,5 g \\ "{ } \\" \\'}
    before = '{"note": "a } \\" {"} '
    text = before + json.dumps(answer) + " and on {"
    end = len(before) + len(json.dumps(answer))
    watcher, parts, seen = _AnswerEnd(), [], 0
    for start in range(0, len(text), size):
        parts.append(text[start : start + size])
        seen += len(parts[-1])
        if watcher.feed(parts[-1], parts):
            break
    assert seen - len(parts[-1]) < end <= seen
    assert json.loads("".join(parts)[len(before) : end]) == answer


def test_an_event_decodes_with_surrounding_space_but_not_with_trailing_text() -> None:
    response = httpx2.Response(200, request=httpx2.Request("POST", "http://model.test/v1"))
    assert _decoded(' {"choices": []}\n', response) == {"choices": []}
    with pytest.raises(ValueError):
        _decoded('{"choices": []} {"choices": []}', response)
    with pytest.raises(ValueError):
        _decoded('{"choices": [', response)


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n"])
async def test_the_answer_usage_and_finish_reason_are_read(line_end: bytes) -> None:
    text = json.dumps(ANSWER)
    done = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    usage = {"choices": [], "usage": {"prompt_tokens": 42, "completion_tokens": 9}}
    body = sse(*content_events(text), done, usage, "[DONE]", line_end=line_end)
    requests: list[dict[str, Any]] = []
    reply = await client_for(body, requests).complete(prompt(), [])
    assert json.loads(reply.content) == ANSWER
    assert (reply.finish_reason, reply.prompt_tokens, reply.completion_tokens) == ("stop", 42, 9)
    assert not reply.cut_at_cap
    # The body is sent as built, with every parameter the server is to see.
    (sent,) = requests
    assert sent["stream"] is True and sent["model"] == "m"
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert sent["response_format"]["json_schema"]["schema"] == answer_schema(["A"])
    assert sent["max_tokens"] == 300 and sent["stream_options"] == {"include_usage": True}


async def test_a_compressed_stream_is_decoded() -> None:
    body = sse(*content_events(json.dumps(ANSWER)), "[DONE]")
    reply = await client_for(body, gzipped=True).complete(prompt(), [])
    assert json.loads(reply.content) == ANSWER


async def test_run_on_text_after_the_answer_is_not_read() -> None:
    events = content_events(json.dumps(ANSWER)) + content_events(" And more." * 50)
    reply = await client_for(sse(*events, "[DONE]")).complete(prompt(), [])
    assert reply.complete_early and json.loads(reply.content) == ANSWER


async def test_an_error_event_inside_the_stream_is_no_answer() -> None:
    body = sse(*content_events('{"g": 1'), {"error": {"message": "model overloaded"}})
    with pytest.raises(InvalidAnswerError, match="model overloaded"):
        await client_for(body).complete(prompt(), [])


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"choices": "none"}, "unexpected shape"),
        ({"choices": [{"delta": "text"}]}, "unexpected shape"),
        ({"choices": [{"delta": {"content": 5}}]}, "unexpected shape"),
        ("[1, 2]", "unexpected shape"),
        ('{"choices": [', "not valid JSON"),
        ({"choices": []}, "no choices"),
    ],
)
async def test_events_of_the_wrong_shape_are_invalid_answers(
    event: dict[str, Any] | str, reason: str
) -> None:
    with pytest.raises(InvalidAnswerError, match=reason):
        await client_for(sse(event, "[DONE]")).complete(prompt(), [])


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "text/html", r"stream \(text/html\)"),
        (b"", "text/event-stream", "not a chat completion stream"),
    ],
)
async def test_a_body_with_no_events_is_no_stream(
    body: bytes, content_type: str, reason: str
) -> None:
    with pytest.raises(InvalidAnswerError, match=reason):
        await client_for(body, content_type=content_type).complete(prompt(), [])
