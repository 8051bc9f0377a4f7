"""The fake OpenAI server itself: real HTTP on loopback, raw (httpx2) and through the SDK."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from openai import AsyncOpenAI

from tests.fakes.fake_openai import FAULT_KINDS, FakeOpenAIServer, find_codes, sensible_answer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_CODES = ["steel", "stainless_steel", "aluminium", "pa66", "glass_fibre", "electricity"]
SCHEMA_CODES += ["labour"]
PROMPT = (
    "Article: Bracket\nPassages:\n[specification, page 2]\nMaterial: PA66 GF30\nNet weight: 12.5 g"
)


def chat_body(response_format: dict[str, Any] | None = None, text: str = PROMPT) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {"cost_model": {"type": "array", "items": {"$ref": "#/$defs/code"}}},
        "$defs": {"code": {"type": "string", "enum": SCHEMA_CODES}},
    }
    body: dict[str, Any] = {
        "model": "fake-model",
        "messages": [
            {"role": "system", "content": "Answer in JSON."},
            {"role": "user", "content": text},
        ],
        "response_format": response_format
        or {"type": "json_schema", "json_schema": {"name": "a", "strict": True, "schema": schema}},
    }
    return body


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(seed=3) as server:
        yield server


def post(fake: FakeOpenAIServer, body: dict[str, Any], timeout: float = 5.0) -> httpx2.Response:
    return httpx2.post(f"{fake.base_url}/chat/completions", json=body, timeout=timeout)


def content(response: httpx2.Response) -> str:
    return str(response.json()["choices"][0]["message"]["content"])


def test_start_stop_and_base_url() -> None:
    server = FakeOpenAIServer()
    server.start()
    try:
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        with socket.create_connection(("127.0.0.1", server.port), timeout=1):
            pass
    finally:
        server.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=1):
        pass
    server.stop()  # idempotent


def test_sensible_answer_from_request(fake: FakeOpenAIServer) -> None:
    response = post(fake, chat_body())

    assert response.status_code == 200
    answer = json.loads(content(response))
    assert answer["weight"] == {
        "grams": 12.5,
        "quote": "Net weight: 12.5 g",
        "location": "specification, page 2",
        "basis": "net",
    }
    assert {m["index_code"] for m in answer["materials"]} == {"pa66", "glass_fibre"}
    assert sum(s["part"] for s in answer["cost_model"]) == pytest.approx(1.0)
    assert {s["index_code"] for s in answer["cost_model"]} <= set(SCHEMA_CODES)
    usage = response.json()["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0


def test_codes_come_from_schema_or_prompt() -> None:
    assert find_codes(chat_body()) == SCHEMA_CODES
    in_prompt = chat_body({"type": "json_object"})
    in_prompt["messages"][0]["content"] += ' schema: {"enum":["a1","b2","c3","d4","e5"]}'
    assert find_codes(in_prompt) == ["a1", "b2", "c3", "d4", "e5"]
    listed = chat_body(
        {"type": "json_object"}, text="Catalogue (code=name): x1=X; y2=Y\nNet weight: 3 kg"
    )
    assert find_codes(listed) == ["x1", "y2"]
    kilo = sensible_answer(chat_body(text="Gewicht: 1,5 kg"))
    assert kilo["weight"]["grams"] == 1500.0


def test_answer_without_weight_or_materials_is_still_valid(fake: FakeOpenAIServer) -> None:
    answer = json.loads(content(post(fake, chat_body(text="Nothing useful here"))))

    assert answer["weight"] is None
    assert answer["materials"] == []
    assert sum(s["part"] for s in answer["cost_model"]) == pytest.approx(1.0)


@pytest.mark.parametrize(("kind", "status"), [("429", 429), ("500", 500), ("503", 503)])
def test_status_faults(fake: FakeOpenAIServer, kind: str, status: int) -> None:
    fake.enqueue(kind)

    response = post(fake, chat_body())

    assert response.status_code == status
    assert "message" in response.json()["error"]
    assert response.headers["retry-after"] == "0"
    assert fake.count(kind) == 1


def test_drop_closes_without_response(fake: FakeOpenAIServer) -> None:
    fake.enqueue("drop")

    with pytest.raises(httpx2.RemoteProtocolError):
        post(fake, chat_body())
    assert post(fake, chat_body()).status_code == 200  # the server is still fine


def test_timeout_outlasts_client(fake: FakeOpenAIServer) -> None:
    fake.hang_s = 3.0
    fake.enqueue("timeout")

    with pytest.raises(httpx2.ReadTimeout):  # the client gave up before the fake answered
        post(fake, chat_body(), timeout=0.3)
    assert fake.count("timeout") == 0  # still sleeping: it records the outcome once it answers


def test_content_faults(fake: FakeOpenAIServer) -> None:
    fake.enqueue("malformed_json", "empty_choices", "schema_violation", "schema_violation")

    with pytest.raises(json.JSONDecodeError):
        json.loads(content(post(fake, chat_body())))
    assert post(fake, chat_body()).json()["choices"] == []
    for _ in range(2):
        answer = json.loads(content(post(fake, chat_body())))
        broken = "cost_model" not in answer or sum(s["part"] for s in answer["cost_model"]) > 2.9
        assert broken


def test_seeded_faults_are_reproducible() -> None:
    def outcomes(seed: int) -> list[str]:
        with FakeOpenAIServer(seed=seed, fault_rate=0.5, fault_kinds=("429", "500")) as server:
            return [str(post(server, chat_body()).status_code) for _ in range(12)]

    first = outcomes(11)
    assert first == outcomes(11)
    assert {"200", "429", "500"} <= set(first + outcomes(12))


def test_reject_json_schema_accepts_json_object(fake: FakeOpenAIServer) -> None:
    fake.reject_json_schema = True

    rejected = post(fake, chat_body())
    accepted = post(fake, chat_body({"type": "json_object"}))

    assert rejected.status_code == 400
    assert "json_schema" in rejected.json()["error"]["message"]
    assert accepted.status_code == 200
    assert fake.stats()["outcomes"] == {"rejected_json_schema": 1, "ok": 1}


def test_free_text_modes(fake: FakeOpenAIServer) -> None:
    fake.free_text = True
    embedded = content(post(fake, chat_body()))
    fake.free_text_embed_json = False
    prose = content(post(fake, chat_body()))

    assert embedded.startswith("Sure!") and '"cost_model"' in embedded
    assert "{" not in prose


def test_answer_override_dict_and_callable(fake: FakeOpenAIServer) -> None:
    fake.answer_override = {"weight": {"grams": -5}}
    assert json.loads(content(post(fake, chat_body()))) == {"weight": {"grams": -5}}

    fake.answer_override = lambda body: {"model_seen": body["model"]}
    assert json.loads(content(post(fake, chat_body()))) == {"model_seen": "fake-model"}


def test_unknown_fault_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown fault kinds"):
        FakeOpenAIServer(fault_kinds=("meteor",))


def test_stats_and_control_over_http(fake: FakeOpenAIServer) -> None:
    fake.max_recorded = 3
    fake.reset_stats()
    control = httpx2.post(
        f"http://127.0.0.1:{fake.port}/_control",
        json={"latency": 0.01, "enqueue": ["500"], "fault_kinds": "429,drop"},
    )
    assert control.status_code == 200
    assert fake.latency == 0.01 and fake.fault_kinds == ("429", "drop")
    for _ in range(5):
        post(fake, chat_body())

    stats = httpx2.get(f"http://127.0.0.1:{fake.port}/_stats").json()

    assert stats["total_requests"] == 5
    assert stats["outcomes"] == {"500": 1, "ok": 4}
    assert len(stats["last_requests"]) == 3
    assert stats["prompt_tokens"] > 0
    assert stats["in_flight"] == 0
    bad = httpx2.post(f"http://127.0.0.1:{fake.port}/_control", json={"nope": 1})
    assert bad.status_code == 400
    assert "last_requests" not in httpx2.get(f"{fake.base_url[:-3]}/_stats?bodies=0").json()


@pytest.mark.asyncio
async def test_high_concurrency_with_latency(fake: FakeOpenAIServer) -> None:
    fake.latency = 0.3
    limits = httpx2.Limits(max_connections=200)
    async with httpx2.AsyncClient(timeout=10, limits=limits) as client:
        responses = await asyncio.gather(
            *(
                client.post(f"{fake.base_url}/chat/completions", json=chat_body())
                for _ in range(100)
            )
        )

    assert all(r.status_code == 200 for r in responses)
    stats = fake.stats()
    assert stats["max_in_flight"] >= 50  # latency is slept concurrently, not serially
    assert stats["in_flight"] == 0


@pytest.mark.asyncio
async def test_sdk_client_sees_each_fault_as_its_exception(fake: FakeOpenAIServer) -> None:
    client = AsyncOpenAI(api_key="test", base_url=fake.base_url, max_retries=0, timeout=0.5)
    fake.hang_s = 3.0
    expected = {
        "429": openai.RateLimitError,
        "500": openai.InternalServerError,
        "503": openai.InternalServerError,
        "drop": openai.APIConnectionError,
        "timeout": openai.APITimeoutError,
    }
    try:
        for kind, error in expected.items():
            fake.enqueue(kind)
            with pytest.raises(error):
                await client.chat.completions.create(**chat_body())
        fake.enqueue("empty_choices")
        completion = await client.chat.completions.create(**chat_body())
        assert completion.choices == []
        completion = await client.chat.completions.create(**chat_body())
        assert completion.usage is not None and completion.usage.prompt_tokens > 0
    finally:
        await client.close()
    assert set(expected) <= set(FAULT_KINDS)


def test_api_key_check(fake: FakeOpenAIServer) -> None:
    fake.api_key = "right"
    wrong = httpx2.post(
        f"{fake.base_url}/chat/completions", json=chat_body(), headers={"Authorization": "Bearer x"}
    )
    right = httpx2.post(
        f"{fake.base_url}/chat/completions",
        json=chat_body(),
        headers={"Authorization": "Bearer right"},
    )
    assert (wrong.status_code, right.status_code) == (401, 200)


def test_cli_mode() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.fake_openai", "--port", str(port), "--latency", "0.01"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/v1" in line
        base = f"http://127.0.0.1:{port}"
        httpx2.post(f"{base}/_control", json={"enqueue": ["503"]}).raise_for_status()
        assert httpx2.post(f"{base}/v1/chat/completions", json=chat_body()).status_code == 503
        assert httpx2.post(f"{base}/v1/chat/completions", json=chat_body()).status_code == 200
        stats = httpx2.get(f"{base}/_stats").json()
        assert stats["outcomes"] == {"503": 1, "ok": 1}
    finally:
        process.terminate()
        assert process.wait(10) == 0
