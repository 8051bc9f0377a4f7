"""Tokens: prompt tokens per article of our OpenAI analyzer vs the naive prompt; cached repeats.

    .venv/bin/python bench/tokens.py

Part 1: every labelled file of tests/fixtures/corpus is parsed with
`app.extraction.extract_document` and analysed by the real `ModelAnalyzer` against the fake
OpenAI server (in a thread). The request bodies the fake recorded are counted with
`app.analyzers.tokens.count_tokens` (o200k_base): everything the model receives - system +
user messages + the JSON schema of the structured output (OpenAI bills it as input) + 12
tokens of framing (`MESSAGE_OVERHEAD_TOKENS`); images would be listed apart (none in the
corpus). The naive figure is `naive_prompt_tokens` (the same system prompt, the first 8,000
characters of the document + the full catalogue table with names, units and categories),
counted the same way but with no schema. Target: ours <= 50 % of naive (means over the corpus).
The reduction from the previous prompt layout is broken down by component (system prompt,
answer schema, code=name catalogue list, article header, passages) against BASELINE.

Part 1b, scaling: long specifications - 20 pages, each page the text of 4 consecutive corpus
documents (~2-3k characters), 10 such specs starting at different offsets - through the same
analyzer. Dense worst case: every page has weight and material lines (of other articles), so
the per-document passage cap is what bounds ours.

Part 2: through the running service (embedded PostgreSQL, the fake as its own process), the
same file is uploaded twice, the second after the first finished: the second article's
`prompt_tokens` must be 0 and the fake must have seen one request.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx2
from common import ROOT, FakeLLM, Service, log, machine, postgres

from app.analyzers.base import AnalysisRequest, CatalogueIndex
from app.analyzers.llm import ModelAnalyzer
from app.analyzers.llm.prompt import MESSAGE_OVERHEAD_TOKENS, naive_prompt_tokens
from app.analyzers.tokens import count_tokens
from app.extraction import extract_document
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES
from tests.fakes.fake_openai import FakeOpenAIServer

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TARGET = 0.5
CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


# Mean tokens per corpus article of the previous prompt layout (commit 6383c89: 882 in all),
# measured the same way: its system prompt, its strict schema (long names, enum in $defs),
# the "Catalogue (code=name): ..." list, the article header and ~1.2k-token passage budget.
BASELINE = {"system": 111.0, "schema": 340.0, "catalogue": 268.0, "header": 14.8, "passages": 135.9}
COMPONENTS = ("system", "schema", "catalogue", "header", "passages")
LONG_PAGES = 20
DOCS_PER_PAGE = 4
LONG_SPECS = 10


@dataclass
class Row:
    name: str
    ours: int
    naive: int
    images: int
    parts: dict[str, int]  # tokens by component, summed over the requests of the article


def body_tokens(body: dict[str, Any]) -> tuple[int, int, dict[str, int]]:
    """(text tokens incl. schema and framing, images, tokens by component) of one request."""
    parts = dict.fromkeys(COMPONENTS, 0)
    images = 0
    for message in body.get("messages") or []:
        content = message.get("content")
        texts: list[str] = []
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            for part in content:
                if part.get("type") == "text":
                    texts.append(part.get("text", ""))
                elif part.get("type") == "image_url":
                    images += 1
        for text in texts:
            if message.get("role") == "system":
                parts["system"] += count_tokens(text)
                continue
            for line in text.splitlines(keepends=True):
                if line.startswith("Catalogue"):
                    parts["catalogue"] += count_tokens(line)
                elif line.startswith(("Article:", "Passages (location")):
                    parts["header"] += count_tokens(line)
                else:
                    parts["passages"] += count_tokens(line)
    schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema")
    if schema is not None:
        parts["schema"] = count_tokens(json.dumps(schema, separators=(",", ":")))
    return sum(parts.values()) + MESSAGE_OVERHEAD_TOKENS, images, parts


def corpus_documents() -> list[tuple[str, ExtractedDocument]]:
    labels = json.loads((CORPUS / "labels.json").read_text())
    return [
        (name, extract_document((CORPUS / name).read_bytes(), role="specification", filename=name))
        for name in sorted(labels)
    ]


def long_specifications(
    documents: list[tuple[str, ExtractedDocument]],
) -> list[tuple[str, ExtractedDocument]]:
    """20-page specifications made of the corpus texts, 4 documents a page."""
    texts = [document.text for _, document in documents if document.text.strip()]
    specs: list[tuple[str, ExtractedDocument]] = []
    for k in range(LONG_SPECS):
        start = k * len(texts) // LONG_SPECS
        pages = [
            "\n\n".join(
                texts[(start + page * DOCS_PER_PAGE + i) % len(texts)] for i in range(DOCS_PER_PAGE)
            )
            for page in range(LONG_PAGES)
        ]
        document = ExtractedDocument(
            role="specification",
            format="pdf",
            media_type="application/pdf",
            sections=[Section(f"page {i}", text) for i, text in enumerate(pages, 1)],
            page_count=LONG_PAGES,
        )
        specs.append((f"long spec {k + 1} ({document.char_count} chars)", document))
    return specs


async def measure(documents: list[tuple[str, ExtractedDocument]]) -> list[Row]:
    from openai import AsyncOpenAI

    rows: list[Row] = []
    with FakeOpenAIServer(max_recorded=10) as fake:
        client = AsyncOpenAI(api_key="test", base_url=fake.base_url)
        analyzer = ModelAnalyzer(client, model="gpt-4o-mini", max_retries=0)
        for name, document in documents:
            request = AnalysisRequest(
                article_name=Path(name).stem.replace("_", " "),
                description=None,
                specification=document,
                drawing=None,
                catalogue=CATALOGUE,
            )
            fake.reset_stats()
            await analyzer.analyze(request)
            counted = [body_tokens(body) for body in fake.requests]
            parts = {c: sum(p[c] for _, _, p in counted) for c in COMPONENTS}
            rows.append(
                Row(
                    name,
                    sum(t for t, _, _ in counted),
                    naive_prompt_tokens(request),
                    sum(i for _, i, _ in counted),
                    parts,
                )
            )
        await client.close()
    return rows


def mean(values: list[int] | list[float]) -> float:
    return sum(values) / len(values)


async def upload(http: httpx2.AsyncClient, data: bytes, name: str) -> int:
    response = await http.post(
        "/api/analyze",
        data={"articleName": name},
        files={"productSpecification": ("spec.txt", data, "text/plain")},
    )
    response.raise_for_status()
    return int(response.json()["id"])


async def wait_article(http: httpx2.AsyncClient, article_id: int) -> dict[str, Any]:
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
    async with httpx2.AsyncClient(base_url=base_url, timeout=60) as http:
        first = await wait_article(http, await upload(http, data, "Roller"))
        second = await wait_article(http, await upload(http, data, "Roller again"))
    return first, second


def main() -> int:
    log(f"machine: {machine()}")
    documents = corpus_documents()
    rows = asyncio.run(measure(documents))
    for row in rows:
        log(
            f"  {row.name:45s} ours {row.ours:5d} (schema {row.parts['schema']}, passages "
            f"{row.parts['passages']})  naive {row.naive:5d}  {row.ours / row.naive:5.0%}"
            + (f"  (+{row.images} images)" if row.images else "")
        )
    mean_ours = mean([r.ours for r in rows])
    mean_naive = mean([r.naive for r in rows])
    share = mean_ours / mean_naive
    parts = {c: mean([r.parts[c] for r in rows]) for c in COMPONENTS}
    mean_chars = mean([len((CORPUS / r.name).read_bytes()) for r in rows])
    log(
        f"corpus: {len(rows)} files, mean prompt tokens ours {mean_ours:.0f}, naive "
        f"{mean_naive:.0f} ({share:.0%}); max ours {max(r.ours for r in rows)}; images "
        f"{sum(r.images for r in rows)}; mean file size {mean_chars:.0f} bytes"
    )
    before = sum(BASELINE.values()) + MESSAGE_OVERHEAD_TOKENS
    log(
        f"reduction per article {before:.0f} -> {mean_ours:.0f} ({mean_ours - before:+.0f}): "
        + ", ".join(
            f"{c} {BASELINE[c]:.0f} -> {parts[c]:.0f} ({parts[c] - BASELINE[c]:+.0f})"
            for c in COMPONENTS
        )
        + f", framing {MESSAGE_OVERHEAD_TOKENS} (same)"
    )

    long_rows = asyncio.run(measure(long_specifications(documents)))
    for row in long_rows:
        log(
            f"  {row.name:45s} ours {row.ours:5d} (passages {row.parts['passages']})  naive "
            f"{row.naive:5d}  {row.ours / row.naive:5.0%}"
        )
    long_ours = mean([r.ours for r in long_rows])
    long_naive = mean([r.naive for r in long_rows])
    long_chars = mean([float(len(d.text)) for _, d in long_specifications(documents)])
    log(
        f"long specs: {len(long_rows)} x {LONG_PAGES} pages (mean {long_chars:.0f} chars), mean "
        f"prompt tokens ours {long_ours:.0f} vs naive {long_naive:.0f} "
        f"({long_ours / long_naive:.0%}); max ours {max(r.ours for r in long_rows)}"
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
        f"{share:.0%} (target <= {TARGET:.0%}) over {len(rows)} files; {LONG_PAGES}-page specs "
        f"ours {long_ours:.0f} vs naive {long_naive:.0f} = {long_ours / long_naive:.0%}; "
        "duplicate upload "
        f"prompt_tokens {first['prompt_tokens']} then {second['prompt_tokens']} (target 0), "
        f"fake requests {requests} (target 1) {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
