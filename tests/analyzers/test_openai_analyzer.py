"""OpenAIAnalyzer against the fake OpenAI server over real HTTP on loopback (real SDK client)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from openai import AsyncOpenAI
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.analyzers.base import AnalysisError, AnalysisRequest, CatalogueIndex
from app.analyzers.factory import build_analyzer
from app.analyzers.openai_analyzer import (
    MESSAGE_OVERHEAD_TOKENS,
    OpenAIAnalyzer,
    answer_codes,
    extract_json_object,
    naive_prompt_tokens,
    weight_backed,
)
from app.analyzers.passages import select_passages
from app.analyzers.tokens import count_tokens, get_encoding, is_exact
from app.config import Settings
from app.extraction import extract_document
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES
from tests.fakes.fake_openai import FakeOpenAIServer, sensible_answer

CATALOGUE = tuple(
    CatalogueIndex(i, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES, 1)
)
CODES = {index.code for index in CATALOGUE}

SPEC_PAGE_1 = """Bracket BR-12 - product specification
Customer drawing no. 4711-12, revision C
Scope: this document describes the mounting bracket used in the door module.
Tolerances according to ISO 2768-m unless stated otherwise.
"""
SPEC_PAGE_2 = """Technical data
Material: PA66 GF30 (black)
Net weight: 12.5 g
Colour: RAL 9005
Operating temperature: -40 to 120 °C
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def spec(*pages: str, role: str = "specification") -> ExtractedDocument:
    return ExtractedDocument(
        role=role,
        format="pdf",
        media_type="application/pdf",
        sections=[Section(f"page {i}", text) for i, text in enumerate(pages, 1)],
        page_count=len(pages),
    )


def request_for(
    specification: ExtractedDocument,
    drawing: ExtractedDocument | None = None,
    description: str | None = "Mounting bracket for door module",
) -> AnalysisRequest:
    return AnalysisRequest(
        article_name="Bracket BR-12",
        description=description,
        specification=specification,
        drawing=drawing,
        catalogue=CATALOGUE,
    )


REQUEST = request_for(spec(SPEC_PAGE_1, SPEC_PAGE_2))


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(seed=7) as server:
        yield server


@contextlib.asynccontextmanager
async def analyzer_for(fake: FakeOpenAIServer, **kwargs: Any) -> AsyncIterator[OpenAIAnalyzer]:
    client = AsyncOpenAI(api_key="test", base_url=fake.base_url, timeout=5, max_retries=0)
    options: dict[str, Any] = {"max_retries": 1, "request_timeout_s": 5.0, **kwargs}
    try:
        yield OpenAIAnalyzer(client, model="gpt-test", **options)
    finally:
        await client.close()


async def analyze(fake: FakeOpenAIServer, request: AnalysisRequest = REQUEST, **kwargs: Any):  # type: ignore[no-untyped-def]
    async with analyzer_for(fake, **kwargs) as analyzer:
        return await analyzer.analyze(request)


async def analysis_error(fake: FakeOpenAIServer, **kwargs: Any) -> AnalysisError:
    with pytest.raises(AnalysisError) as caught:
        await analyze(fake, **kwargs)
    return caught.value


def user_text(body: dict[str, Any]) -> str:
    texts = []
    for message in body["messages"]:
        if message["role"] != "user":
            continue
        content = message["content"]
        if isinstance(content, str):
            texts.append(content)
        else:
            texts.extend(part["text"] for part in content if part["type"] == "text")
    return "\n".join(texts)


# --- happy path -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_happy_path_returns_weight_quote_materials_and_shares(
    fake: FakeOpenAIServer,
) -> None:
    result = await analyze(fake)

    assert result.method == "openai:gpt-test"
    assert result.weight is not None
    assert result.weight.grams == pytest.approx(12.5)
    assert result.weight.basis == "net"
    assert result.weight.supported
    assert result.weight.evidence.quote == "Net weight: 12.5 g"
    assert result.weight.evidence.location == "specification, page 2"
    assert result.weight.evidence.confidence >= 0.9
    assert "pa66" in {m.index_code for m in result.materials}
    assert sum(s.part for s in result.cost_shares) == pytest.approx(1.0)
    assert {s.index_code for s in result.cost_shares} <= CODES
    stats = fake.stats()
    assert stats["total_requests"] == 1
    assert result.prompt_tokens == stats["prompt_tokens"] > 0
    assert result.completion_tokens == stats["completion_tokens"] > 0


@pytest.mark.asyncio
async def test_request_uses_strict_json_schema_with_catalogue_enum(fake: FakeOpenAIServer) -> None:
    await analyze(fake, max_output_tokens=321)

    body = fake.requests[-1]
    assert body["model"] == "gpt-test"
    assert body["max_completion_tokens"] == 321
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert set(answer_codes(schema)) == CODES
    assert_strict(schema)
    assert set(schema["required"]) == {"g", "q", "c"}
    text = user_text(body)
    assert "[specification, page 2]" in text
    assert "Net weight: 12.5 g" in text
    assert "Polyamide 66" not in text  # the enum is the catalogue: no separate code=name list
    assert "EUR/t" not in text  # units and categories stay out of the prompt


def assert_strict(node: Any) -> None:
    """Strict structured outputs: every object lists all its properties as required and
    forbids others; every property has a type (null via type arrays) or a $ref."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert node["required"] == list(node["properties"])
            for value in node["properties"].values():
                assert "type" in value or "$ref" in value or "anyOf" in value
        for value in node.values():
            assert_strict(value)
    elif isinstance(node, list):
        for value in node:
            assert_strict(value)


# --- transport faults ----------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("kind", "code", "retryable"),
    [
        ("429", "llm_rate_limited", True),
        ("500", "llm_unavailable", True),
        ("503", "llm_unavailable", True),
        ("drop", "llm_unavailable", True),
        ("timeout", "llm_timeout", True),
        ("401", "llm_auth", False),
        ("403", "llm_auth", False),
    ],
)
async def test_persistent_transport_fault_maps_to_error_code(
    fake: FakeOpenAIServer, kind: str, code: str, retryable: bool
) -> None:
    fake.fault_rate, fake.fault_kinds, fake.hang_s = 1.0, (kind,), 5.0

    error = await analysis_error(fake, request_timeout_s=0.3, max_retries=1)

    assert error.code == code
    assert error.retryable is retryable
    # the SDK retries transient faults itself (max_retries=1); the analyzer does not multiply them
    expected_requests = 1 if code == "llm_auth" else 2
    assert fake.stats()["total_requests"] == expected_requests


@pytest.mark.asyncio
async def test_rate_limit_message_counts_attempts(fake: FakeOpenAIServer) -> None:
    fake.fault_rate, fake.fault_kinds = 1.0, ("429",)

    error = await analysis_error(fake, max_retries=2)

    assert error.message == "The model rate-limited after 3 attempts"
    assert fake.count("429") == 3


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["429", "500", "503", "drop", "timeout"])
async def test_transient_fault_then_success(fake: FakeOpenAIServer, kind: str) -> None:
    fake.hang_s = 5.0
    fake.enqueue(kind)

    result = await analyze(fake, request_timeout_s=0.5, max_retries=1)

    assert result.weight is not None
    assert result.weight.grams == pytest.approx(12.5)
    assert fake.stats()["total_requests"] == 2


@pytest.mark.asyncio
async def test_outer_budget_cuts_a_hanging_call(fake: FakeOpenAIServer) -> None:
    fake.latency = 10.0
    started = time.monotonic()

    error = await analysis_error(fake, call_budget_s=0.5, request_timeout_s=30.0, max_retries=3)

    assert time.monotonic() - started < 3.0
    assert error.code == "llm_timeout"
    assert error.retryable
    assert "0.5 s budget" in error.message


# --- invalid answers -----------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("malformed_json", "malformed JSON"),
        ("empty_choices", "no choices"),
        ("schema_violation", "cost_model"),
        ("malformed_body", "not valid JSON"),
        ("html_body", "not a chat completion"),
    ],
)
async def test_invalid_output_faults_retry_three_times(
    fake: FakeOpenAIServer, kind: str, reason: str
) -> None:
    fake.fault_rate, fake.fault_kinds = 1.0, (kind,)

    error = await analysis_error(fake)

    assert error.code == "llm_invalid_output"
    assert error.message.startswith("The model returned an invalid answer 3 times: ")
    assert reason in error.message
    assert fake.stats()["total_requests"] == 3


def _override(**changes: Any) -> Any:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        result = sensible_answer(body)
        for key, value in changes.items():
            if key == "grams":
                result["weight"]["grams"] = value
            elif key == "parts":
                result["cost_model"] = [
                    {"index_code": code, "part": part, "rationale": ""} for code, part in value
                ]
            elif key == "code":
                result["cost_model"][0]["index_code"] = value
        return result

    return answer


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("override", "reason"),
    [
        (_override(grams=-5), "weight must be > 0 g, got -5"),
        (_override(grams=0), "weight must be > 0 g"),
        (_override(grams=80_000_000), "above 50 t"),
        (_override(code="unobtainium"), "unknown catalogue code 'unobtainium'"),
        (_override(parts=[("pa66", 1.0), ("labour", 1.0), ("electricity", 1.0)]), "sum to 3"),
        (_override(parts=[("pa66", 0.5), ("labour", 0.2)]), "sum to 0.7"),
        (_override(parts=[("pa66", 1.5)]), "part must be within (0, 1]"),
        (_override(parts=[("pa66", 0.0), ("labour", 1.0)]), "part must be within (0, 1]"),
        ({"weight": None, "materials": []}, "cost_model: Field required"),
        ("[1, 2, 3]", "not an object"),
    ],
)
async def test_invalid_answers_are_retried_then_rejected(
    fake: FakeOpenAIServer, override: Any, reason: str
) -> None:
    fake.answer_override = override

    error = await analysis_error(fake)

    assert error.code == "llm_invalid_output"
    assert reason in error.message
    assert not error.retryable
    assert fake.stats()["total_requests"] == 3
    # retries tell the model what was wrong
    assert "Your previous answer was invalid" in user_text(fake.requests[-1])


@pytest.mark.asyncio
async def test_invalid_then_valid_answer_succeeds_and_sums_tokens(fake: FakeOpenAIServer) -> None:
    fake.enqueue("malformed_json", "schema_violation")

    result = await analyze(fake)

    stats = fake.stats()
    assert stats["total_requests"] == 3
    assert result.prompt_tokens == stats["prompt_tokens"]
    assert result.completion_tokens == stats["completion_tokens"]
    assert sum(1 for note in result.notes if "was invalid" in note) == 2


@pytest.mark.asyncio
async def test_parts_near_one_are_renormalized(fake: FakeOpenAIServer) -> None:
    fake.answer_override = _override(parts=[("pa66", 0.5), ("electricity", 0.1), ("labour", 0.39)])

    result = await analyze(fake)

    assert sum(s.part for s in result.cost_shares) == pytest.approx(1.0, abs=1e-12)
    assert any("renormalized" in note for note in result.notes)


@pytest.mark.asyncio
async def test_weight_absent_from_document_is_marked_unsupported(fake: FakeOpenAIServer) -> None:
    fake.answer_override = _override(grams=340.0)

    result = await analyze(fake)

    assert result.weight is not None
    assert result.weight.grams == 340.0
    assert not result.weight.supported
    assert result.weight.evidence.confidence < 0.5
    assert any("not backed" in note for note in result.notes)


def test_weight_backed_reads_units_and_decimal_commas() -> None:
    assert weight_backed(12.5, "", "Nettogewicht: 12,5 g")
    assert weight_backed(1250.0, "", "Gewicht 1,25 kg")
    assert weight_backed(1250.5, "", "weight 1.250,5 g")
    assert weight_backed(1200.0, "Weight [kg] | 1.2", "Part | Weight [kg] | 1.2")
    assert not weight_backed(340.0, "Net weight: 340 g", "Net weight: 12.5 g")


# --- response formats servers differ on --------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(("status", "rejected_calls"), [(400, 1), (422, 1), (500, 2)])
async def test_json_schema_rejection_falls_back_once_per_server(
    fake: FakeOpenAIServer, status: int, rejected_calls: int
) -> None:
    fake.reject_json_schema, fake.reject_json_schema_status = True, status

    async with analyzer_for(fake) as analyzer:
        first = await analyzer.analyze(REQUEST)
        assert fake.stats()["total_requests"] == rejected_calls + 1  # 500 is retried by the SDK
        assert analyzer.uses_json_object
        second = await analyzer.analyze(REQUEST)

    assert fake.stats()["total_requests"] == rejected_calls + 2  # second article: one call
    assert fake.count("rejected_json_schema") == rejected_calls
    last = fake.requests[-1]
    assert last["response_format"] == {"type": "json_object"}
    assert '"additionalProperties":false' in last["messages"][0]["content"]  # schema in prompt
    for result in (first, second):
        assert result.weight is not None
        assert result.weight.grams == pytest.approx(12.5)
    assert any("json_object" in note for note in first.notes)


@pytest.mark.asyncio
async def test_free_text_with_embedded_json_is_used(fake: FakeOpenAIServer) -> None:
    fake.free_text = True

    result = await analyze(fake)

    assert result.weight is not None
    assert result.weight.grams == pytest.approx(12.5)
    assert fake.count("free_text") == 1


@pytest.mark.asyncio
async def test_free_text_without_json_is_invalid(fake: FakeOpenAIServer) -> None:
    fake.free_text, fake.free_text_embed_json = True, False

    error = await analysis_error(fake)

    assert error.code == "llm_invalid_output"
    assert "no JSON object" in error.message


def test_extract_json_object_from_prose_and_fences() -> None:
    answer = {"weight": None, "materials": [], "cost_model": [{"index_code": "steel"}]}
    text = json.dumps(answer)
    assert extract_json_object(text) == answer
    assert extract_json_object(f"Sure:\n```json\n{text}\n```\nBye {{x}}") == answer
    assert extract_json_object(f'Note {{"a": 1}} then {text}') == answer
    with pytest.raises(Exception, match="malformed JSON"):
        extract_json_object('{"weight": ')


# --- vision ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_image_only_document_sends_page_images(fake: FakeOpenAIServer) -> None:
    scanned = ExtractedDocument(
        role="specification",
        format="pdf",
        media_type="application/pdf",
        sections=[],
        page_count=6,
        has_text_layer=False,
        images=[PNG] * 6,
    )
    drawing = spec(
        "Drawing BR-12\nMaterial: PA66 GF30\nGeneral tolerances ISO 2768-m", role="drawing"
    )

    result = await analyze(fake, request_for(scanned, drawing), max_images=4)

    content = fake.requests[-1]["messages"][1]["content"]
    images = [part for part in content if part["type"] == "image_url"]
    assert len(images) == 4
    assert images[0]["image_url"]["url"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert images[0]["image_url"]["detail"] in {"low", "auto"}
    assert "[drawing, page 1]" in content[0]["text"]  # the drawing's text is sent too
    assert "Material: PA66 GF30" in content[0]["text"]
    assert "pa66" in {m.index_code for m in result.materials}
    assert result.prompt_tokens >= 4 * 85


# --- token economy ---------------------------------------------------------------------------


def long_document() -> ExtractedDocument:
    filler = (
        "The supplier shall keep records of all process parameters for ten years and make "
        "them available on request to the quality department of the customer."
    )
    pages = ["\n".join(f"{i}. {filler}" for i in range(40)) for _ in range(30)]
    pages[0] = SPEC_PAGE_1 + pages[0]
    pages[22] = pages[22] + "\nTable 4 - Properties\nNet weight: 12.5 g\nMaterial: PA66 GF30\n"
    return spec(*pages)


def test_passage_selection_keeps_weight_line_within_budget() -> None:
    document = long_document()
    assert count_tokens(document.text) > 30_000

    selection = select_passages([document], "Mounting bracket", 300)

    assert selection.tokens == count_tokens(selection.text) <= 300
    assert "[specification, page 23]\nNet weight: 12.5 g" in selection.text
    assert "Material: PA66 GF30" in selection.text
    assert "Bracket BR-12 - product specification" in selection.text  # the title


@pytest.mark.asyncio
async def test_prompt_stays_within_token_budget(fake: FakeOpenAIServer) -> None:
    request = request_for(long_document())

    result = await analyze(fake, request, prompt_token_budget=1500)

    body = fake.requests[-1]
    sent = "\n".join(m["content"] for m in body["messages"])
    schema = json.dumps(body["response_format"]["json_schema"]["schema"], separators=(",", ":"))
    assert count_tokens(sent) + count_tokens(schema) <= 1500
    assert "Net weight: 12.5 g" in sent
    assert result.weight is not None
    assert result.weight.evidence.location == "specification, page 23"
    assert naive_prompt_tokens(request) > 2 * (count_tokens(sent) + count_tokens(schema))


def test_count_tokens_is_real_o200k() -> None:
    assert is_exact()
    assert count_tokens("hello world") == 2
    assert get_encoding().encode_ordinary("hello world") == [24912, 2375]
    assert count_tokens("") == 0
    assert count_tokens("<|endoftext|>") > 1  # document text, never a special token
    # The ids tiktoken's own o200k_base gives for this German spec line.
    text = "Nettogewicht: 12,5 g – Werkstoff PA66 GF30 (schwarz), Gehäuse aus 1.4301."
    assert get_encoding().encode_ordinary(text) == [
        45, 5608, 479, 937, 1837, 25, 220, 899, 11, 20, 329, 1127, 46223, 27277, 19133, 3618,
        85509, 1130, 350, 7253, 51703, 936, 5053, 59585, 1821, 3976, 220, 16, 13, 26348, 16, 13,
    ]  # fmt: skip


@pytest.mark.asyncio
async def test_concurrent_articles_share_one_analyzer(fake: FakeOpenAIServer) -> None:
    fake.latency = 0.2

    async with analyzer_for(fake) as analyzer:
        results = await asyncio.gather(*(analyzer.analyze(REQUEST) for _ in range(20)))

    assert all(r.weight is not None and r.weight.grams == 12.5 for r in results)
    assert fake.stats()["max_in_flight"] >= 10


# --- token economy on the labelled corpus ------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
CORPUS_PROMPT_MAX_TOKENS = 450  # everything the model reads: system, user, schema, framing
_WEIGHT_LINE = re.compile(r"gewicht|weight|\bmass[ea]?\b|\bmasa\b|\bpoids\b|\bpeso\b", re.I)
_MASS = re.compile(r"\d\s*(?:kg|g|lbs?|oz)\b", re.I)


def corpus_requests() -> list[tuple[str, AnalysisRequest]]:
    labels = json.loads((CORPUS / "labels.json").read_text())
    requests = []
    for name in sorted(labels):
        document = extract_document(
            (CORPUS / name).read_bytes(), role="specification", filename=name
        )
        requests.append((name, request_for(document, description=None)))
    return requests


def prompt_tokens(analyzer: OpenAIAnalyzer, request: AnalysisRequest) -> tuple[int, str]:
    """Tokens the model receives for `request` (as bench/tokens.py counts), and the user text."""
    prompt = analyzer._build_prompt(request)
    assert isinstance(prompt.user, str)
    schema = json.dumps(prompt.schema, separators=(",", ":"))
    total = count_tokens(prompt.system) + count_tokens(prompt.user) + count_tokens(schema)
    return total + MESSAGE_OVERHEAD_TOKENS, prompt.user


def tagged_lines(user: str) -> dict[str, list[str]]:
    """The rendered passages by location tag."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in user.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif current:
            out.setdefault(current, []).append(line)
    return out


def test_corpus_prompts_stay_small_and_keep_every_weight_line() -> None:
    analyzer = OpenAIAnalyzer(
        AsyncOpenAI(api_key="test", base_url="http://127.0.0.1:9/v1"), model="m"
    )
    ours: list[int] = []
    naive: list[int] = []
    for name, request in corpus_requests():
        tokens, user = prompt_tokens(analyzer, request)
        assert tokens <= CORPUS_PROMPT_MAX_TOKENS, (name, tokens)
        assert "Catalogue" not in user
        ours.append(tokens)
        naive.append(naive_prompt_tokens(request))
        passages = tagged_lines(user)
        for document in request.documents:
            for section in document.sections:
                for raw in section.text.splitlines():
                    line = " ".join(raw.split())
                    if _WEIGHT_LINE.search(line) and _MASS.search(line) and len(line) <= 240:
                        # verbatim, under its own location tag
                        where = f"{document.role}, {section.location}"
                        assert line in passages.get(where, []), (name, where, line)
    if is_exact():  # the target, on real o200k counts (bench/tokens.py reports it)
        assert sum(ours) / sum(naive) <= 0.5


def test_pack_size_and_net_gross_context_is_kept_with_the_weight() -> None:
    filler = "\n".join(
        f"{i}. The supplier keeps records of all process parameters." for i in range(30)
    )
    page_2 = (
        f"{filler}\nTechnical data\nInhalt: 100 Stück\nFarbe: schwarz\n"
        "Gewicht je Packung: 180 g\nVE 10 Packungen\n"
        "| Part | Net | Gross |\n| BR-12 | 250 g | 1.2 kg |\n"
        f"{filler}\nPacked in boxes of 50 pcs\n"
    )
    document = spec("Cable tie KB 4,8 x 200\n" + filler, page_2)

    selection = select_passages([document], None, 1000)
    passages = tagged_lines(selection.text)

    kept = passages["specification, page 2"]
    assert "Gewicht je Packung: 180 g" in kept
    assert "Inhalt: 100 Stück" in kept  # pack size two lines above the weight
    assert "VE 10 Packungen" in kept  # and just below it
    assert "| Part | Net | Gross |" in kept  # the column names say which value is net
    assert "| BR-12 | 250 g | 1.2 kg |" in kept
    assert "Farbe: schwarz" not in kept  # not the whole document
    assert "Packed in boxes of 50 pcs" not in kept  # far from any weight
    assert passages["specification, page 1"] == ["Cable tie KB 4,8 x 200"]  # the title
    assert selection.tokens < 80


def test_passages_respect_the_per_document_cap() -> None:
    document = long_document()
    many = spec(*["\n".join(f"Part {i}: weight {i} g, material steel" for i in range(200))])

    selection = select_passages([document, many], None, 5000, per_document_tokens=120)

    assert "Net weight: 12.5 g" in selection.text  # the first document keeps its weight line
    assert count_tokens(selection.text) <= 2 * 120


@pytest.mark.asyncio
async def test_compact_answer_is_mapped_and_located_by_the_analyzer(
    fake: FakeOpenAIServer,
) -> None:
    fake.answer_override = {
        "g": 12.5,
        "q": "Net weight: 12.5 g",
        "c": [
            {"k": "pa66", "part": 0.6, "name": "PA66 GF30", "share": 1.0},
            {"k": "electricity", "part": 0.1, "name": None, "share": None},
            {"k": "labour", "part": 0.3, "name": None, "share": None},
        ],
    }

    result = await analyze(fake)

    assert result.weight is not None
    assert result.weight.grams == 12.5
    assert result.weight.basis == "net"  # read from the quoted line
    assert result.weight.evidence.location == "specification, page 2"  # found, not asked for
    assert result.weight.evidence.confidence >= 0.9
    [material] = result.materials
    assert (material.index_code, material.name, material.mass_share) == ("pa66", "PA66 GF30", 1.0)
    assert material.evidence is not None
    assert material.evidence.quote == "Material: PA66 GF30 (black)"
    assert material.evidence.location == "specification, page 2"
    rationales = {s.index_code: s.rationale for s in result.cost_shares}
    assert rationales == {
        "pa66": "material: PA66 GF30",
        "electricity": "energy",
        "labour": "labour",
    }


@pytest.mark.asyncio
async def test_compact_answer_without_weight_and_invalid_compact_answer(
    fake: FakeOpenAIServer,
) -> None:
    fake.answer_override = {
        "g": None,
        "q": None,
        "c": [{"k": "steel", "part": 1.0, "name": None, "share": None}],
    }
    result = await analyze(fake)
    assert result.weight is None and result.materials == []

    fake.answer_override = {"g": 5, "q": "x", "c": [{"k": "unobtainium", "part": 1.0}]}
    error = await analysis_error(fake)
    assert "unknown catalogue code 'unobtainium'" in error.message


@pytest.mark.asyncio
async def test_the_per_document_cap_is_a_setting(fake: FakeOpenAIServer) -> None:
    """CMS_LLM_PASSAGE_TOKENS_PER_DOCUMENT reaches the analyzer and bounds what is sent."""
    settings = Settings(
        database_url="postgresql://unused/db",
        openai_api_key="test",
        openai_base_url=fake.base_url,
        llm_passage_tokens_per_document=150,
        _env_file=None,
    )
    setup = build_analyzer(settings, async_sessionmaker())
    # Two hundred lines that each name a weight and a material: all worth sending.
    request = request_for(
        spec("\n".join(f"Part {i}: weight {i} g, material steel" for i in range(200)))
    )
    try:
        assert setup.guard is not None
        # The guard wraps the model analyzer; the setting is what the factory gave it.
        model = setup.guard._inner
        assert isinstance(model, OpenAIAnalyzer) and model.passage_tokens_per_document == 150
        capped = prompt_tokens(model, request)[0]
    finally:
        assert setup.client is not None
        await setup.client.close()
    async with analyzer_for(fake, passage_tokens_per_document=1000) as roomy:
        assert prompt_tokens(roomy, request)[0] > capped + 300
