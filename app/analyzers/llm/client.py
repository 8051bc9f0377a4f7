"""One model call as OpenAI-compatible servers really behave: the call loop.

Each rule comes from a server seen in use:
- The output cap goes in the parameter the server honours: OpenAI's own API reads
  `max_completion_tokens`, llama.cpp's server only `max_tokens`. An ignored cap once let every
  answer run to the context limit (minutes), so the answer is streamed and reading stops at
  the cap whatever the server does with it, or as soon as the answer's JSON object is complete
  (llama.cpp's server goes on generating after it).
- A stream costs the event loop one HTTP chunk and one JSON event per token, most of a call's
  CPU. Once a server has ended a streamed answer itself, right after its JSON and within the
  cap, answers are asked for whole. A whole answer past the cap sends the server back to
  streaming for good; one that times out (a runaway looks like a slow server), until a stream
  shows again that it ends its answers.
- Servers refuse `response_format: json_schema` with 400, 422 or a plain 500 (llama.cpp), or
  ignore it and answer prose. The call falls back to `json_object` (schema in the prompt), then
  to the schema in the prompt alone, and the registry remembers what works for the process, so
  the next call goes straight there. A capability rejection is not a provider failure: it uses
  no attempt and never reaches the breaker.
- The SDK's own retries are off: this loop retries transport failures and 429/5xx itself
  (honouring `Retry-After`), because a 500 must first be told apart from a rejected format.
  An outer budget bounds the whole call, retries included.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx2
import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam

from app.analyzers.base import AnalysisError
from app.analyzers.llm.errors import (
    CAPABILITY_STATUSES,
    error_text,
    is_retryable,
    map_error,
    names_parameter,
)
from app.analyzers.llm.prompt import Prompt, ResponseMode
from app.analyzers.llm.request import ChatPost
from app.analyzers.llm.schema import SCHEMA_NAME, InvalidAnswerError, answer_shaped

logger = logging.getLogger(__name__)

OutputCapParam = Literal["auto", "max_tokens", "max_completion_tokens", "both"]
CapName = Literal["max_tokens", "max_completion_tokens"]
OPENAI_HOSTS = frozenset({"api.openai.com"})
# No tokenizer averages more characters per token: a bound on what one answer may stream.
CHARS_PER_TOKEN_CEILING = 8
TYPICAL_CHARS_PER_TOKEN = 4  # to estimate the usage of a whole answer when none is reported
BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
FORMAT_WORDS = ("response_format", "json_schema", "json schema", "json_object", "grammar")
NEXT_MODE: dict[ResponseMode, ResponseMode] = {
    "json_schema": "json_object",
    "json_object": "prompt",
}


def is_openai_api(base_url: str | None) -> bool:
    """OpenAI's own API: no base URL set, or one on its host."""
    return not base_url or (urlsplit(base_url).hostname or "") in OPENAI_HOSTS


def cap_names(setting: OutputCapParam, base_url: str | None) -> tuple[CapName, ...]:
    """The request parameters that carry the output cap for this server."""
    if setting == "both":
        return ("max_tokens", "max_completion_tokens")
    if setting == "auto":
        return ("max_completion_tokens",) if is_openai_api(base_url) else ("max_tokens",)
    return (setting,)


@dataclass(slots=True)
class ServerCapabilities:
    """What one server accepts, learnt from its answers."""

    cap_names: tuple[CapName, ...]
    mode: ResponseMode = "json_schema"
    confirmed: bool = False  # `mode` has produced a usable answer: its errors are outages now
    stream_usage: bool = True  # accepts stream_options.include_usage
    # Answers are streamed (and cut at the cap) until the server has ended one itself within
    # the cap; `runs_over` (a whole answer seen past the cap) keeps it streamed for good.
    stream: bool = True
    runs_over: bool = False


class CapabilityRegistry:
    """Capabilities by base URL, shared by every analyzer of the process."""

    def __init__(self) -> None:
        self._servers: dict[str, ServerCapabilities] = {}

    def server(self, base_url: str, cap: tuple[CapName, ...]) -> ServerCapabilities:
        return self._servers.setdefault(base_url, ServerCapabilities(cap_names=cap))


PROCESS_CAPABILITIES = CapabilityRegistry()


@dataclass(slots=True)
class Reply:
    """One streamed answer as read, before it is checked."""

    content: str
    mode: ResponseMode
    finish_reason: str | None = None
    refusal: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cut_at_cap: bool = False  # stopped at the output cap (by the server or by us)
    complete_early: bool = False  # stopped at run-on text after a complete JSON answer
    streamed: bool = True
    notes: list[str] = field(default_factory=list)


class ModelClient:
    """Calls one model on one server; `complete` returns the answer's text or raises
    AnalysisError (provider trouble) or InvalidAnswerError (a 200 that is no answer)."""

    def __init__(
        self,
        client: AsyncOpenAI,
        *,
        model: str,
        call_budget_s: float,
        request_timeout_s: float,
        max_retries: int,
        max_output_tokens: int,
        temperature: float | None,
        output_cap_param: OutputCapParam = "auto",
        capabilities: CapabilityRegistry | None = None,
    ) -> None:
        self._model = model
        self._call_budget_s = call_budget_s
        self._request_timeout_s = request_timeout_s
        self._max_retries = max_retries
        self.max_output_tokens = max_output_tokens
        self._temperature = temperature
        self._chat = ChatPost(
            client.with_options(timeout=request_timeout_s, max_retries=0), request_timeout_s
        )
        base_url = str(client.base_url)
        configured = None if is_openai_api(base_url) else base_url
        registry = capabilities or PROCESS_CAPABILITIES
        self.server = registry.server(base_url, cap_names(output_cap_param, configured))

    async def complete(self, prompt: Prompt, extra: list[ChatCompletionMessageParam]) -> Reply:
        notes: list[str] = []
        try:
            async with asyncio.timeout(self._call_budget_s):
                reply = await self._attempts(prompt, extra, notes)
        except TimeoutError as exc:
            raise AnalysisError(
                "llm_timeout",
                f"The model did not answer within the {self._call_budget_s:g} s budget "
                "(retries included)",
                retryable=True,
            ) from exc
        reply.notes[:0] = notes
        return reply

    def answer_was_usable(self, reply: Reply) -> None:
        """A valid answer: the mode it came in works on this server, and a stream the server
        ended itself within the cap (no run-on text) means whole answers are safe to ask for."""
        server = self.server
        if reply.mode == server.mode:
            server.confirmed = True
        if (
            reply.streamed
            and server.stream
            and not server.runs_over
            and reply.finish_reason == "stop"
            and not reply.cut_at_cap
            and not reply.complete_early
            and reply.completion_tokens <= self.max_output_tokens
        ):
            server.stream = False

    def demote_for_content(self, reply: Reply, content_is_schema_json: bool) -> bool:
        """A 200 whose text is not the schema's JSON under `json_schema` means the server does
        not enforce it: ask in JSON mode from now on. True when the mode changed."""
        server = self.server
        if (
            reply.mode != "json_schema"
            or server.mode != "json_schema"
            or server.confirmed
            or reply.cut_at_cap
            or reply.refusal
            or content_is_schema_json
        ):
            return False
        server.mode = "json_object"
        logger.warning("%s ignores json_schema (answered prose); using json_object", self._model)
        return True

    async def _attempts(
        self, prompt: Prompt, extra: list[ChatCompletionMessageParam], notes: list[str]
    ) -> Reply:
        attempt = 0
        adapted: set[str] = set()
        undo_mode: ResponseMode | None = None  # a 5xx taken for a rejected format
        while True:
            mode = self.server.mode
            attempt += 1
            whole = not self.server.stream
            try:
                if whole:
                    return await self._whole(prompt, extra, mode)
                return await self._stream(prompt, extra, mode)
            except ValueError as exc:  # a 200 whose body or event is not JSON
                raise InvalidAnswerError(f"the response body is not valid JSON ({exc})") from exc
            except openai.APIStatusError as exc:
                learnt = self._adapt(exc, mode, adapted)
                if learnt:
                    notes.append(learnt)
                    attempt -= 1  # the server told us what it accepts: no attempt used
                    if exc.status_code >= 500:
                        undo_mode = mode
                    continue
                if undo_mode is not None and exc.status_code >= 500:
                    # The other format failed alike: an outage, not a rejected format.
                    self.server.mode, undo_mode = undo_mode, None
                    notes.pop()
                failure: openai.APIError = exc
            except openai.APIError as exc:
                if whole and isinstance(exc, openai.APITimeoutError):
                    self.server.stream = True  # a runaway looks like a slow server: stream
                failure = exc
            if not is_retryable(failure) or attempt > self._max_retries:
                raise map_error(
                    failure, attempts=attempt, request_timeout_s=self._request_timeout_s
                ) from failure
            await asyncio.sleep(_backoff(failure, attempt))

    def _adapt(self, exc: openai.APIStatusError, mode: ResponseMode, adapted: set[str]) -> str:
        """Learns from a refusal of part of the request; returns a note, or "" if none."""
        server = self.server
        if server.stream_usage and names_parameter(exc, "stream_options", "include_usage"):
            server.stream_usage = False
            return "server rejects stream_options; token usage estimated"
        sent = server.cap_names
        blamed = [name for name in sent if names_parameter(exc, name)]
        if blamed and "cap" not in adapted and _says_unsupported(exc):
            adapted.add("cap")
            first = min(blamed, key=lambda name: error_text(exc).find(name))
            other: CapName = (
                "max_tokens" if first == "max_completion_tokens" else "max_completion_tokens"
            )
            server.cap_names = tuple(n for n in sent if n != first) or (other,)
            return f"server rejects {first}; the output cap is sent as {server.cap_names[0]}"
        if mode == "prompt" or server.confirmed or exc.status_code not in CAPABILITY_STATUSES:
            return ""
        if exc.status_code < 500 and not names_parameter(exc, *FORMAT_WORDS):
            return ""
        # A plain 500 is how llama.cpp's server refuses json_schema; beyond that one case a
        # 5xx is an outage, and must not walk the mode down while the server is away.
        if exc.status_code >= 500 and (mode != "json_schema" or "5xx" in adapted):
            return ""
        adapted.add("5xx" if exc.status_code >= 500 else mode)
        server.mode = NEXT_MODE[mode]
        logger.warning(
            "%s: the server refuses %s (HTTP %d); using %s",
            self._model,
            mode,
            exc.status_code,
            server.mode,
        )
        return f"server rejects {mode} (HTTP {exc.status_code}); answered in {server.mode} mode"

    def _body(
        self, prompt: Prompt, extra: list[ChatCompletionMessageParam], mode: ResponseMode
    ) -> dict[str, Any]:
        """The request body, sent as is (see `_post`)."""
        body: dict[str, Any] = {"model": self._model, "messages": prompt.messages(extra, mode=mode)}
        if mode == "json_schema":
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": prompt.schema},
            }
        elif mode == "json_object":
            body["response_format"] = _JSON_OBJECT
        for name in self.server.cap_names:
            body[name] = self.max_output_tokens
        if self._temperature is not None:
            body["temperature"] = self._temperature
        return body

    async def _post(self, body: dict[str, Any], *, unread: bool) -> httpx2.Response:
        """POST the body with the SDK's auth, headers, error mapping and timeouts, without the
        typed `create()` (its transform of the parameters and response wrappers cost ~0.5 ms
        of event-loop time per call, measured) nor the SDK's per-call request building (see
        `app.analyzers.llm.request`). `unread` leaves the body to be streamed by the caller,
        who closes the response."""
        return await self._chat.send(body, unread=unread)

    async def _whole(
        self, prompt: Prompt, extra: list[ChatCompletionMessageParam], mode: ResponseMode
    ) -> Reply:
        """The answer in one body, for a server known to end its answers within the cap."""
        http = await self._post(self._body(prompt, extra, mode), unread=False)
        raw = http.content
        if not raw.strip():
            kind = http.headers.get("content-type", "no content type")
            raise InvalidAnswerError(f"the response is not a chat completion ({kind})")
        content, refusal, finish_reason, usage = _message_fields(_decoded(raw.decode(), http))
        cap = self.max_output_tokens
        reply = Reply(content=content or "", mode=mode, streamed=False)
        reply.refusal = refusal or None
        reply.finish_reason = finish_reason
        reply.prompt_tokens = _count(usage, "prompt_tokens") or prompt.tokens
        counted = _count(usage, "completion_tokens")
        reply.completion_tokens = counted or -(-len(reply.content) // TYPICAL_CHARS_PER_TOKEN)
        over = counted > cap or len(reply.content) > cap * CHARS_PER_TOKEN_CEILING
        if over:
            # It ran past the cap it was sent: stream from now on, cut where a stream is cut.
            self.server.runs_over = self.server.stream = True
            reply.content = reply.content[: cap * CHARS_PER_TOKEN_CEILING]
            reply.completion_tokens = cap
            reply.notes.append("the server ran past the output cap; answers are streamed now")
            logger.warning("%s answered past the output cap; streaming from now on", self._model)
        reply.cut_at_cap = over or finish_reason == "length"
        return reply

    async def _stream(
        self, prompt: Prompt, extra: list[ChatCompletionMessageParam], mode: ResponseMode
    ) -> Reply:
        server, cap = self.server, self.max_output_tokens
        body = self._body(prompt, extra, mode)
        if server.stream_usage:
            body["stream_options"] = _INCLUDE_USAGE
        body["stream"] = True
        reply = Reply(content="", mode=mode)
        parts: list[str] = []
        refusals: list[str] = []
        answer_end = _AnswerEnd()
        answer_done = 0  # pieces read when the answer's JSON object was complete
        pieces = chars = chunks = 0
        with_choices = 0
        usage: dict[str, Any] | None = None
        http = await self._post(body, unread=True)
        # Closing the response (also mid-stream) tells a runaway server to stop.
        try:
            async for events in _event_batches(http):
                for event in events:
                    chunks += 1
                    has_choice, content, refusal, finish_reason, event_usage = _fields(
                        _decoded(event, http)
                    )
                    if event_usage is not None:
                        usage = event_usage
                    if not has_choice:
                        continue
                    with_choices += 1
                    if content:
                        if answer_done and (content.strip() or pieces > answer_done + 16):
                            reply.complete_early = True  # run-on text after the answer: stop
                            break
                        parts.append(content)
                        pieces += 1
                        chars += len(content)
                        if not answer_done and answer_end.feed(content, parts):
                            answer_done = pieces  # read on only for the end and the usage
                    if refusal:
                        refusals.append(refusal)
                    if finish_reason:
                        reply.finish_reason = finish_reason
                    if pieces > cap or chars > cap * CHARS_PER_TOKEN_CEILING:
                        reply.cut_at_cap = True  # the server ignores the cap: stop reading
                        break
                else:
                    continue
                break  # the response is closed mid-stream
        finally:
            await http.aclose()
        if not chunks:
            kind = http.headers.get("content-type", "no content type")
            raise InvalidAnswerError(f"the response is not a chat completion stream ({kind})")
        if not with_choices:
            raise InvalidAnswerError("the answer has no choices")
        reply.content = "".join(parts)
        reply.refusal = "".join(refusals) or None
        reply.cut_at_cap = reply.cut_at_cap or reply.finish_reason == "length"
        reply.prompt_tokens = _count(usage, "prompt_tokens") or prompt.tokens
        reply.completion_tokens = _count(usage, "completion_tokens") or pieces
        return reply


async def _event_batches(http: httpx2.Response) -> AsyncIterator[list[str]]:
    """The `data:` events of a server-sent event stream up to `[DONE]`, as many as each
    network read brings, still undecoded.

    Read straight off the HTTP stream (undecoded bytes when the body has no content encoding)
    and handed on a read at a time: the SDK builds a pydantic object per event, and servers
    send one event per token, which made the SDK's stream the service's hottest path.
    Transport errors are raised as the SDK raises them."""
    decoder = _EventDecoder()
    done = False
    encoding = http.headers.get("content-encoding", "identity").strip().lower()
    raw = encoding in ("", "identity") and not http.is_stream_consumed  # not read already
    source = http.aiter_raw() if raw else http.aiter_bytes()
    try:
        async for data in source:
            events = decoder.feed(data)
            if done or not events:
                continue  # the rest of the body is read so the connection can be reused
            for index, event in enumerate(events):
                if event.startswith("[DONE]"):
                    done = True
                    events = events[:index]
                    break
            if events:
                yield events
        if not done:
            events = [event for event in decoder.close() if not event.startswith("[DONE]")]
            if events:
                yield events
    except httpx2.TimeoutException as exc:
        raise openai.APITimeoutError(request=http.request) from exc
    except (httpx2.RequestError, ssl.SSLError) as exc:
        raise openai.APIConnectionError(request=http.request) from exc


_JSON_OBJECT = {"type": "json_object"}
_INCLUDE_USAGE = {"include_usage": True}

# json.loads without its wrapper: the events are compact, and they come one per token.
_DECODER = json.JSONDecoder()


def _decoded(event: str, http: httpx2.Response) -> Any:
    try:
        value, end = _DECODER.raw_decode(event)
    except ValueError:
        end = -1
    if end != len(event):  # leading or trailing text: json.loads accepts or rejects it fully
        value = json.loads(event)
    if isinstance(value, dict) and value.get("error"):
        error = value["error"]
        message = error.get("message") if isinstance(error, dict) else None
        if not isinstance(message, str) or not message:
            message = "An error occurred during streaming"
        raise openai.APIError(
            message,
            request=http.request,
            body=error,
        )
    return value


class _EventDecoder:
    """Splits a byte stream into the joined `data:` fields of its events (other fields and
    comments are skipped); any of the three line endings the SSE format allows."""

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[bytes] = []

    def feed(self, data: bytes) -> list[str]:
        buffer = self._buffer + data
        if b"\r" in buffer:
            if buffer.endswith(b"\r"):  # may be the first half of a CRLF
                self._buffer = buffer
                return []
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = buffer.split(b"\n")
        self._buffer = lines.pop()
        return self._lines(lines)

    def close(self) -> list[str]:
        lines = self._buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        self._buffer = b""
        return self._lines([*lines, b""])

    def _lines(self, lines: list[bytes]) -> list[str]:
        events: list[str] = []
        for line in lines:
            if not line:
                if self._data:
                    events.append(b"\n".join(self._data).decode("utf-8", "replace"))
                    self._data = []
            elif line.startswith(b"data:"):
                value = line[5:]
                self._data.append(value[1:] if value.startswith(b" ") else value)
        return events


def _count(usage: dict[str, Any] | None, key: str) -> int:
    value = (usage or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


EventFields = tuple[bool, str | None, str | None, str | None, dict[str, Any] | None]


def _fields(chunk: Any) -> EventFields:
    """(has a choice, content, refusal, finish_reason, usage) of one decoded event: one pass,
    since it runs once per token."""
    if not isinstance(chunk, dict):
        raise InvalidAnswerError(f"the response has an unexpected shape (event {chunk!r:.80})")
    usage = chunk.get("usage")
    if not isinstance(usage, dict):
        usage = None
    choices = chunk.get("choices")
    if not choices:
        return False, None, None, None, usage
    if not isinstance(choices, list) or not isinstance(choices[0], dict):
        raise InvalidAnswerError(f"the response has an unexpected shape (choices {choices!r:.80})")
    choice = choices[0]
    delta = choice.get("delta") or {}
    finish = choice.get("finish_reason")
    if not isinstance(delta, dict):
        raise InvalidAnswerError(f"the response has an unexpected shape (delta {delta!r:.80})")
    content, refusal = delta.get("content"), delta.get("refusal")
    if (
        (content is None or type(content) is str)
        and refusal is None
        and (finish is None or type(finish) is str)
    ):
        return True, content, None, finish, usage  # a token: the common case
    for name, value in (("content", content), ("refusal", refusal), ("finish_reason", finish)):
        if value is not None and not isinstance(value, str):
            raise InvalidAnswerError(f"the response has an unexpected shape ({name} {value!r:.80})")
    return True, content, refusal, finish, usage


MessageFields = tuple[str | None, str | None, str | None, dict[str, Any] | None]


def _message_fields(body: Any) -> MessageFields:
    """(content, refusal, finish_reason, usage) of a whole chat completion, shape-checked as
    strictly as a stream's events."""
    if not isinstance(body, dict):
        raise InvalidAnswerError(f"the response has an unexpected shape ({body!r:.80})")
    usage = body.get("usage")
    if not isinstance(usage, dict):
        usage = None
    choices = body.get("choices")
    if not choices:
        raise InvalidAnswerError("the answer has no choices")
    if not isinstance(choices, list) or not isinstance(choices[0], dict):
        raise InvalidAnswerError(f"the response has an unexpected shape (choices {choices!r:.80})")
    choice = choices[0]
    message = choice.get("message") or {}
    if not isinstance(message, dict):
        raise InvalidAnswerError(f"the response has an unexpected shape (message {message!r:.80})")
    fields = (message.get("content"), message.get("refusal"), choice.get("finish_reason"))
    for name, value in zip(("content", "refusal", "finish_reason"), fields, strict=True):
        if value is not None and not isinstance(value, str):
            raise InvalidAnswerError(f"the response has an unexpected shape ({name} {value!r:.80})")
    return (*fields, usage)


# The only characters that change the JSON structure _AnswerEnd follows.
_STRUCTURAL = re.compile(r'[{}"\\]')


class _AnswerEnd:
    """Watches a streamed text for the end of its first top-level JSON object that is an answer:
    a server that goes on generating after it (llama.cpp does) is not read any further."""

    def __init__(self) -> None:
        self._depth = 0
        self._in_string = self._escaped = False
        self._start: int | None = None  # offset of the object's "{" in the whole text
        self._seen = 0  # characters scanned so far

    def feed(self, piece: str, parts: list[str]) -> bool:
        """True when `piece` (the last of `parts`) completes an answer-shaped object."""
        skip = 0  # the character after a backslash in a string is not looked at
        if self._escaped:  # the previous piece ended in that backslash
            self._escaped = False
            skip = 1
        for match in _STRUCTURAL.finditer(piece, skip):
            offset = match.start()
            if offset < skip:
                continue
            char = piece[offset]
            if self._in_string:
                if char == "\\":
                    skip = offset + 2
                    self._escaped = skip > len(piece)
                elif char == '"':
                    self._in_string = False
            elif char == '"' and self._depth:
                self._in_string = True
            elif char == "{":
                if self._depth == 0:
                    self._start = self._seen + offset
                self._depth += 1
            elif char == "}" and self._depth:
                self._depth -= 1
                if self._depth == 0 and self._start is not None:
                    end = self._seen + offset + 1
                    if _is_answer("".join(parts)[self._start : end]):
                        return True
        self._seen += len(piece)
        return False


def _is_answer(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, dict) and answer_shaped(value)


def _says_unsupported(exc: openai.APIStatusError) -> bool:
    text = error_text(exc)
    return any(
        word in text
        for word in ("unsupported", "not supported", "unrecognized", "unknown", "extra", "use ")
    )


def _backoff(exc: openai.APIError, attempt: int) -> float:
    """The server's Retry-After when it sends one, else exponential backoff."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for header, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(header)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        if 0 < seconds <= 60:
            return seconds
    return float(min(BACKOFF_S * 2.0 ** (attempt - 1), MAX_BACKOFF_S))
