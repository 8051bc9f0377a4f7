"""Tokens: prompt tokens per article of our OpenAI analyzer vs the naive prompt; cached repeats.

    .venv/bin/python bench/tokens.py

Part 1: every labelled file of tests/fixtures/corpus is parsed with
`app.extraction.extract_document` and analysed by the real `OpenAIAnalyzer` against the fake
OpenAI server (in a thread). The request bodies the fake recorded are counted with
`app.analyzers.tokens.count_tokens` (o200k_base): system + user messages + the JSON schema of
the structured output + 12 tokens of framing (`MESSAGE_OVERHEAD_TOKENS`). The naive figure is
`naive_prompt_tokens` (the first 8,000 characters + the full catalogue table), counted the
same way but with no schema. Target: ours <= 50 % of naive (means over the corpus).

Part 2: through the running service (embedded PostgreSQL, the fake as its own process), the
same file is uploaded twice, the second after the first finished: the second article's
`prompt_tokens` must be 0 and the fake must have seen one request.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from common import ROOT, FakeLLM, Service, log, machine, postgres

from app.analyzers.base import AnalysisRequest, CatalogueIndex
from app.analyzers.openai_analyzer import (
    MESSAGE_OVERHEAD_TOKENS,
    OpenAIAnalyzer,
    naive_prompt_tokens,
)
from app.analyzers.tokens import count_tokens
from app.extraction import extract_document
from app.indices.seed import DEFAULT_INDICES
from tests.fakes.fake_openai import FakeOpenAIServer

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TARGET = 0.5
CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def body_tokens(body: dict[str, Any]) -> tuple[int, int, int]:
    """(text tokens incl. schema and framing, images, schema tokens) of one recorded request."""
    tokens = MESSAGE_OVERHEAD_TOKENS
    images = 0
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, str):
            tokens += count_tokens(content)
        elif isinstance(content, list):
            for part in content:
                if part.get("type") == "text":
                    tokens += count_tokens(part.get("text", ""))
                elif part.get("type") == "image_url":
                    images += 1
    schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema")
    schema_tokens = 0
    if schema is not None:
        schema_tokens = count_tokens(json.dumps(schema, separators=(",", ":")))
    return tokens + schema_tokens, images, schema_tokens


async def corpus_tokens() -> list[tuple[str, int, int, int, int]]:
    from openai import AsyncOpenAI

    labels = json.loads((CORPUS / "labels.json").read_text())
    rows: list[tuple[str, int, int, int, int]] = []
    with FakeOpenAIServer(max_recorded=10) as fake:
        client = AsyncOpenAI(api_key="test", base_url=fake.base_url)
        analyzer = OpenAIAnalyzer(client, model="gpt-4o-mini", max_retries=0)
        for name in sorted(labels):
            data = (CORPUS / name).read_bytes()
            document = extract_document(data, role="specification", filename=name)
            request = AnalysisRequest(
                article_name=Path(name).stem.replace("_", " "),
                description=None,
                specification=document,
                drawing=None,
                catalogue=CATALOGUE,
            )
            fake.reset_stats()
            await analyzer.analyze(request)
            bodies = fake.requests
            ours = sum(body_tokens(b)[0] for b in bodies)
            images = sum(body_tokens(b)[1] for b in bodies)
            schema = sum(body_tokens(b)[2] for b in bodies)
            rows.append((name, ours, naive_prompt_tokens(request), images, schema))
        await client.close()
    return rows


async def upload(http: httpx.AsyncClient, data: bytes, name: str) -> int:
    response = await http.post(
        "/api/analyze",
        data={"articleName": name},
        files={"productSpecification": ("spec.txt", data, "text/plain")},
    )
    response.raise_for_status()
    return int(response.json()["id"])


async def wait_article(http: httpx.AsyncClient, article_id: int) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = (await http.get(f"/api/articles/{article_id}/status")).json()
        if status["processing_status"] in ("completed", "failed"):
            article: dict[str, Any] = (await http.get(f"/api/articles/{article_id}")).json()
            return article
        await asyncio.sleep(0.1)
    raise RuntimeError(f"article {article_id} not finished")


async def duplicates(base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    data = (CORPUS / "en_datasheet_roller.md").read_bytes()
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        first = await wait_article(http, await upload(http, data, "Roller"))
        second = await wait_article(http, await upload(http, data, "Roller again"))
    return first, second


def main() -> int:
    log(f"machine: {machine()}")
    rows = asyncio.run(corpus_tokens())
    for name, ours, naive, images, schema in rows:
        log(
            f"  {name:45s} ours {ours:5d} (schema {schema})  naive {naive:5d}  {ours / naive:5.0%}"
            + (f"  (+{images} images)" if images else "")
        )
    mean_ours = sum(r[1] for r in rows) / len(rows)
    mean_naive = sum(r[2] for r in rows) / len(rows)
    share = mean_ours / mean_naive
    mean_schema = sum(r[4] for r in rows) / len(rows)
    mean_chars = sum(len((CORPUS / r[0]).read_bytes()) for r in rows) / len(rows)
    log(
        f"corpus: {len(rows)} files, mean prompt tokens ours {mean_ours:.0f}, naive "
        f"{mean_naive:.0f} ({share:.0%}); max ours {max(r[1] for r in rows)}; of ours, the "
        f"answer schema is {mean_schema:.0f}; mean file size {mean_chars:.0f} bytes; without the "
        f"schema ours is {(mean_ours - mean_schema) / mean_naive:.0%} of naive"
    )

    with postgres() as url, FakeLLM(0.0) as fake:
        fake.start()
        settings = {"CMS_OPENAI_API_KEY": "test", "CMS_OPENAI_BASE_URL": fake.base_url}
        with Service(url, settings) as service:
            service.start()
            first, second = asyncio.run(duplicates(service.base_url))
            requests = int(fake.stats()["total_requests"])
    log(
        f"duplicate upload: first {first['processing_status']} prompt_tokens "
        f"{first['prompt_tokens']}, second {second['processing_status']} prompt_tokens "
        f"{second['prompt_tokens']}; fake requests {requests}"
    )
    ok = (
        share <= TARGET
        and second["prompt_tokens"] == 0
        and requests == 1
        and second["processing_status"] == "completed"
    )
    print(
        f"tokens: mean prompt tokens ours {mean_ours:.0f} vs naive {mean_naive:.0f} = "
        f"{share:.0%} (target <= {TARGET:.0%}) over {len(rows)} files; duplicate upload "
        f"prompt_tokens {first['prompt_tokens']} then {second['prompt_tokens']} (target 0), "
        f"fake requests {requests} (target 1) {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
