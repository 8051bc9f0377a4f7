"""The model analyzer: one answer per article, validated before use, located in the documents.

- The answer names the weight line verbatim; its location and net/gross basis are read back
  from the documents, not asked of the model (fewer schema tokens, no invented locations).
- Servers that ignore `response_format` and answer prose: the embedded JSON object is used.
- Every answer is validated (pydantic); an invalid one is retried up to 2 more times, then
  `llm_invalid_output`: an invalid answer is never returned.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Literal

from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam

from app.analyzers.base import (
    NO_SLOT,
    AnalysisError,
    AnalysisRequest,
    AnalysisResult,
    CostShare,
    Evidence,
    MaterialFinding,
    ModelSlot,
    WeightFinding,
)
from app.analyzers.llm.client import CapabilityRegistry, ModelClient, OutputCapParam, Reply
from app.analyzers.llm.evidence import MAX_QUOTE_CHARS, weight_backed
from app.analyzers.llm.prompt import (
    PASSAGE_TOKENS_PER_DOCUMENT,
    RETRY_PROMPT,
    Prompt,
    build_prompt,
)
from app.analyzers.llm.schema import (
    Answer,
    InvalidAnswerError,
    MaterialAnswer,
    ShareAnswer,
    answer_shaped,
    parse_content,
)

logger = logging.getLogger(__name__)

MAX_CALLS = 3  # one call plus up to 2 retries for an invalid answer


class ModelAnalyzer:
    """Analyzer backed by any OpenAI-compatible Chat Completions server."""

    def __init__(
        self,
        client: AsyncOpenAI,
        *,
        model: str,
        call_budget_s: float = 60.0,
        prompt_token_budget: int = 1500,
        passage_tokens_per_document: int = PASSAGE_TOKENS_PER_DOCUMENT,
        max_images: int = 4,
        max_output_tokens: int = 800,
        request_timeout_s: float | None = None,
        max_retries: int = 2,
        image_detail: Literal["auto", "low", "high"] = "low",
        temperature: float | None = 0.0,
        output_cap_param: OutputCapParam = "auto",
        capabilities: CapabilityRegistry | None = None,
    ) -> None:
        """`call_budget_s` bounds one call including retries; `request_timeout_s` (default:
        half the budget) bounds one HTTP attempt; `max_retries` counts transport retries.
        `temperature=None` omits it, for models that only accept their default.
        `prompt_token_budget` bounds everything the model reads (system, user, schema);
        `passage_tokens_per_document` bounds the passages taken from any one document;
        `max_output_tokens` bounds the answer (see `client` for how it is enforced)."""
        self._model = model
        self._prompt_token_budget = prompt_token_budget
        self._passage_tokens_per_document = passage_tokens_per_document
        self._max_images = max_images
        self._image_detail = image_detail
        self._client = ModelClient(
            client,
            model=model,
            call_budget_s=call_budget_s,
            request_timeout_s=request_timeout_s or call_budget_s / 2,
            max_retries=max_retries,
            max_output_tokens=max_output_tokens,
            temperature=temperature,
            output_cap_param=output_cap_param,
            capabilities=capabilities,
        )

    @property
    def method(self) -> str:
        return f"openai:{self._model}"

    @property
    def uses_json_object(self) -> bool:
        """True once this analyzer's server was found to reject `json_schema`."""
        return self._client.server.mode != "json_schema"

    @property
    def response_mode(self) -> str:
        return self._client.server.mode

    @property
    def passage_tokens_per_document(self) -> int:
        return self._passage_tokens_per_document

    def build_prompt(self, request: AnalysisRequest) -> Prompt:
        return build_prompt(
            request,
            prompt_token_budget=self._prompt_token_budget,
            passage_tokens_per_document=self._passage_tokens_per_document,
            max_images=self._max_images,
            image_detail=self._image_detail,
        )

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult:
        """`model_slot` is held around each call of the model, not while the prompt is built
        or the answer read."""
        if not request.catalogue:  # an empty enum is not a valid schema, and no answer could fit
            raise AnalysisError("catalogue_empty", "The cost-index catalogue has no indices")
        # Counting tokens loads the encoder the first time (~1 s): all of it off the loop.
        prompt = await asyncio.to_thread(self.build_prompt, request)
        notes: list[str] = []
        reasons: list[str] = []
        prompt_tokens = completion_tokens = 0
        retry_messages: list[ChatCompletionMessageParam] = []
        while True:
            reply: Reply | None = None
            try:
                async with model_slot:
                    reply = await self._client.complete(prompt, retry_messages)
                notes.extend(reply.notes)
                prompt_tokens += reply.prompt_tokens
                completion_tokens += reply.completion_tokens
                answer = self._read(reply, prompt, notes)
                break
            except InvalidAnswerError as exc:
                if reply is not None and self._client.demote_for_content(
                    reply, _is_schema_json(reply.content)
                ):
                    notes.append("server ignores json_schema; answered in json_object mode")
                    continue
                reasons.append(str(exc))
                logger.warning(
                    "invalid answer %d/%d for %r: %s",
                    len(reasons),
                    MAX_CALLS,
                    request.article_name,
                    exc,
                )
                if len(reasons) >= MAX_CALLS:
                    raise AnalysisError(
                        "llm_invalid_output",
                        f"The model returned an invalid answer {MAX_CALLS} times: {exc}",
                    ) from exc
                retry_messages = [
                    {"role": "user", "content": RETRY_PROMPT.format(reason=str(exc)[:300])}
                ]
        self._client.answer_was_usable(reply)
        notes.extend(f"answer {i} was invalid: {reason}" for i, reason in enumerate(reasons, 1))
        return self._result(answer, prompt, prompt_tokens, completion_tokens, notes)

    def _read(self, reply: Reply, prompt: Prompt, notes: list[str]) -> Answer:
        if reply.refusal:
            raise InvalidAnswerError(f"the model refused: {reply.refusal[:200]}")
        cap = self._client.max_output_tokens
        if not reply.cut_at_cap:
            return parse_content(reply.content, prompt.codes)
        try:  # a runaway answer whose JSON object was complete before the cap is usable
            answer = parse_content(reply.content, prompt.codes)
        except InvalidAnswerError as exc:
            raise InvalidAnswerError(f"the answer was cut off at {cap} output tokens") from exc
        notes.append(f"the answer ran on to the {cap}-token cap; its complete JSON object was used")
        return answer

    def _result(
        self,
        answer: Answer,
        prompt: Prompt,
        prompt_tokens: int,
        completion_tokens: int,
        notes: list[str],
    ) -> AnalysisResult:
        source = prompt.source

        def material_evidence(m: MaterialAnswer) -> Evidence | None:
            if m.quote:
                confidence = 0.8 if source.contains(m.quote) else 0.4
                return Evidence(
                    m.quote[:MAX_QUOTE_CHARS], source.location(m.quote, m.location), confidence
                )
            named = source.line_naming(m.name)  # compact answers name the material; find the line
            if named is None:
                return None
            return Evidence(named[0][:MAX_QUOTE_CHARS], named[1], 0.8)

        def rationale(share: ShareAnswer) -> str:
            if share.rationale:
                return share.rationale
            names = [m.name for m in answer.materials if m.index_code == share.index_code]
            if names:
                return "material: " + ", ".join(dict.fromkeys(names))
            return prompt.categories.get(share.index_code, "")

        weight: WeightFinding | None = None
        if answer.weight is not None:
            w = answer.weight
            backed = weight_backed(w.grams, w.quote, source.text)
            if not backed:
                notes.append(
                    f"weight {w.grams:g} g is not backed by a quantity in the document text"
                    + (" (read from page images)" if prompt.has_images else "")
                )
            confidence = 0.9 if backed and source.contains(w.quote) else 0.7 if backed else 0.3
            weight = WeightFinding(
                grams=w.grams,
                evidence=Evidence(
                    w.quote[:MAX_QUOTE_CHARS], source.location(w.quote, w.location), confidence
                ),
                basis=w.basis,
                supported=backed,
            )
        materials = [
            MaterialFinding(
                index_code=m.index_code,
                name=m.name,
                mass_share=m.mass_share,
                evidence=material_evidence(m),
            )
            for m in answer.materials
        ]
        shares = [CostShare(s.index_code, s.part, rationale(s)) for s in answer.cost_model]
        if abs(answer._raw_sum - 1.0) > 1e-9:
            notes.append(f"cost parts summed to {answer._raw_sum:.4g}; renormalized to 1")
        return AnalysisResult(
            method=self.method,
            weight=weight,
            materials=materials,
            cost_shares=shares,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            notes=notes,
        )


def _is_schema_json(content: str) -> bool:
    """True when the text is exactly one JSON object laid out like an answer."""
    try:
        data = json.loads(content.strip())
    except ValueError:
        return False
    return isinstance(data, dict) and answer_shaped(data)
