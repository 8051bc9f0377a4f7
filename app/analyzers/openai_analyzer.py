"""The OpenAI analyzer: one Chat Completions call per article, answer validated before use.

Design points, each from a failure seen with real servers:
- Token economy: the model gets only selected lines (see `passages`: weight lines with their
  heading and pack-size context, material lines, the title), a short system prompt and a
  minimal strict schema whose enum is the catalogue (the codes are self-explanatory, so no
  separate code=name list). A corpus document costs ~330 prompt tokens, schema included.
- Structured outputs (`json_schema`, strict) with the catalogue codes as an enum, so an unknown
  index cannot be produced; servers that reject `json_schema` get `json_object` instead,
  remembered per base URL so the rejected call is paid once per server, not once per article.
- The answer names the weight line verbatim; its location and net/gross basis are read back
  from the documents, not asked of the model (fewer schema tokens, no invented locations).
- Servers that ignore `response_format` and answer prose: the embedded JSON object is used.
- Every answer is validated (pydantic); an invalid one is retried up to 2 more times, then
  `llm_invalid_output` — an invalid answer is never returned.
- `timeout` x `max_retries` of the SDK multiply, so each call also has an outer budget.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

import openai
from openai import AsyncOpenAI
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionContentPartParam,
    ChatCompletionMessageParam,
)
from openai.types.chat.completion_create_params import ResponseFormat
from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.analyzers.base import (
    AnalysisError,
    AnalysisRequest,
    AnalysisResult,
    CostShare,
    Evidence,
    MaterialFinding,
    WeightFinding,
)
from app.analyzers.passages import select_passages
from app.analyzers.tokens import count_tokens

logger = logging.getLogger(__name__)

MAX_CALLS = 3  # one call plus up to 2 retries for an invalid answer
MAX_PLAUSIBLE_GRAMS = 50_000_000.0  # 50 t: anything heavier is a unit mix-up
PART_SUM_TOLERANCE = 0.02
MIN_PASSAGE_TOKENS = 200  # even with a huge catalogue, the document gets this much
PASSAGE_TOKENS_PER_DOCUMENT = 600  # a 200-page specification still sends at most this much
MESSAGE_OVERHEAD_TOKENS = 12  # role markers and framing the API adds per request
MAX_QUOTE_CHARS = 300
NAIVE_DOCUMENT_CHARS = 8_000
SCHEMA_NAME = "article_cost_model"
BASES = ("net", "gross", "unspecified")

SYSTEM_PROMPT = (
    "Spec lines of one article. g: grams per piece (pack weight/count) or null; q: that line "
    "verbatim. c: cost shares (materials, energy, labour), sum 1; materials add name as "
    "written and mass share."
)
JSON_OBJECT_SUFFIX = "\nAnswer with one JSON object matching this JSON Schema:\n"
RETRY_PROMPT = "Your previous answer was invalid: {reason}. Answer again with valid JSON only."


def answer_schema(codes: Sequence[str]) -> dict[str, Any]:
    """The minimal strict JSON schema of the answer (every property required, no extra ones,
    null via type arrays); the catalogue codes appear once, as the enum of `c[].k`.

    Short names keep it small (OpenAI counts the schema as prompt tokens): g = grams,
    q = verbatim quote, c = cost shares, k = catalogue code; `Answer` maps them back."""

    def obj(properties: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    text_or_null = {"type": ["string", "null"]}
    share = obj(
        {
            "k": {"type": "string", "enum": list(codes)},
            "part": {"type": "number"},
            "name": text_or_null,
            "share": {"type": ["number", "null"]},
        }
    )
    return obj(
        {
            "g": {"type": ["number", "null"]},
            "q": text_or_null,
            "c": {"type": "array", "items": share},
        }
    )


def answer_codes(schema: dict[str, Any]) -> list[str]:
    """The catalogue codes of an `answer_schema`."""
    return list(schema["properties"]["c"]["items"]["properties"]["k"]["enum"])


_GROSS_RE = re.compile(r"gross|brutto|\bbrut\b|\bbruto\b|\blordo\b|shipping|versand", re.I)
_NET_RE = re.compile(r"\bnett?o?\b|netto|nettogewicht|\bneto\b", re.I)


def basis_of(quote: str) -> str:
    """net / gross / unspecified, as the weight line itself says."""
    if _GROSS_RE.search(quote):
        return "gross"
    if _NET_RE.search(quote):
        return "net"
    return "unspecified"


def _from_compact(data: dict[str, Any]) -> dict[str, Any]:
    """The compact answer ({"g", "q", "c": [{"k", "part", "name", "share"}]}) in the long form
    the validators read; materials are the shares with a name."""
    grams, quote = data.get("g"), data.get("q")
    weight: dict[str, Any] | None = None
    if grams is not None:
        text = quote if isinstance(quote, str) else ""
        weight = {"grams": grams, "quote": text, "basis": basis_of(text)}
    shares: list[Any] = []
    materials: list[dict[str, Any]] = []
    items = data["c"] if isinstance(data["c"], list) else [data["c"]]
    for item in items:
        if not isinstance(item, dict):
            shares.append(item)
            continue
        share: dict[str, Any] = {}
        if "k" in item:
            share["index_code"] = item["k"]
        if "part" in item:
            share["part"] = item["part"]
        shares.append(share)
        if item.get("name"):
            materials.append(
                {"index_code": item.get("k"), "name": item["name"], "mass_share": item.get("share")}
            )
    return {"weight": weight, "materials": materials, "cost_model": shares}


# --- validation ---------------------------------------------------------------------------


def _check_code(value: str, info: ValidationInfo) -> str:
    codes = info.context.get("codes") if isinstance(info.context, dict) else None
    if codes is not None and value not in codes:
        raise ValueError(f"unknown catalogue code {value!r}")
    return value


class WeightAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    grams: float
    quote: str
    location: str = ""
    basis: str = "unspecified"

    @field_validator("grams")
    @classmethod
    def _plausible(cls, value: float) -> float:
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"weight must be > 0 g, got {value:g}")
        if value > MAX_PLAUSIBLE_GRAMS:
            raise ValueError(f"weight {value:g} g is above 50 t, not plausible")
        return value

    @field_validator("basis", mode="before")
    @classmethod
    def _basis(cls, value: object) -> str:
        text = str(value or "").strip().lower()
        return text if text in BASES else "unspecified"


class MaterialAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    index_code: str
    name: str
    mass_share: float | None = None
    quote: str | None = None
    location: str | None = None

    _code = field_validator("index_code")(_check_code)

    @field_validator("mass_share")
    @classmethod
    def _share(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value <= 1:
            raise ValueError(f"mass_share must be within 0..1, got {value:g}")
        return value


class ShareAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    index_code: str
    part: float
    rationale: str = ""

    _code = field_validator("index_code")(_check_code)

    @field_validator("part")
    @classmethod
    def _part(cls, value: float) -> float:
        if not math.isfinite(value) or not 0 < value <= 1:
            raise ValueError(f"part must be within (0, 1], got {value:g}")
        return value


class Answer(BaseModel):
    """The model's answer; after validation the cost parts sum to exactly 1."""

    model_config = ConfigDict(extra="ignore")

    weight: WeightAnswer | None
    materials: list[MaterialAnswer]
    cost_model: list[ShareAnswer]
    _raw_sum: float = PrivateAttr(default=1.0)

    @model_validator(mode="before")
    @classmethod
    def _compact(cls, data: Any) -> Any:
        if isinstance(data, dict) and "c" in data and "cost_model" not in data:
            return _from_compact(data)
        return data

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Answer:
        if not self.cost_model:
            raise ValueError("cost_model is empty")
        merged: dict[str, ShareAnswer] = {}
        for share in self.cost_model:  # the same index twice: one share with both parts
            if share.index_code in merged:
                first = merged[share.index_code]
                rationale = "; ".join(r for r in (first.rationale, share.rationale) if r)
                merged[share.index_code] = ShareAnswer.model_construct(
                    index_code=share.index_code, part=first.part + share.part, rationale=rationale
                )
            else:
                merged[share.index_code] = share
        total = sum(share.part for share in merged.values())
        if abs(total - 1.0) > PART_SUM_TOLERANCE:
            raise ValueError(f"cost_model parts sum to {total:.3g}, not 1")
        self.cost_model = [
            ShareAnswer.model_construct(
                index_code=s.index_code, part=s.part / total, rationale=s.rationale
            )
            for s in merged.values()
        ]
        self._raw_sum = total
        return self


class InvalidAnswerError(Exception):
    """An answer that cannot be used; the message is the reason shown to people."""


def _validation_reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "answer"
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def extract_json_object(text: str) -> dict[str, Any]:
    """The answer's JSON object, also when a server wrapped it in prose or a code fence."""
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except json.JSONDecodeError as exc:
        first_error: str = exc.msg
    else:
        if isinstance(value, dict):
            return value
        raise InvalidAnswerError(f"the answer is JSON but not an object ({type(value).__name__})")
    decoder = json.JSONDecoder()
    fallback: dict[str, Any] | None = None
    skip_to = 0
    for match in re.finditer(r"\{", text):
        if match.start() < skip_to:
            continue
        try:
            value, end = decoder.raw_decode(text, match.start())
        except json.JSONDecodeError:
            continue
        skip_to = end
        if isinstance(value, dict):
            if {"weight", "materials", "cost_model", "c"} & value.keys():
                return value
            fallback = fallback or value
    if fallback is not None:
        return fallback
    if stripped.startswith(("{", "```")):
        raise InvalidAnswerError(f"malformed JSON ({first_error})")
    raise InvalidAnswerError("the answer contains no JSON object")


def parse_answer(completion: object, codes: frozenset[str], max_tokens: int) -> Answer:
    """Checks a completion and returns the validated answer, or raises InvalidAnswerError."""
    if not isinstance(completion, ChatCompletion):  # the SDK returns text for a non-JSON type
        raise InvalidAnswerError("the response is not a chat completion")
    try:
        return _parse_completion(completion, codes, max_tokens)
    except (AttributeError, TypeError, IndexError) as exc:  # SDK models are built unvalidated
        raise InvalidAnswerError(f"the response has an unexpected shape ({exc})") from exc


def _parse_completion(completion: ChatCompletion, codes: frozenset[str], max_tokens: int) -> Answer:
    if not completion.choices:
        raise InvalidAnswerError("the answer has no choices")
    choice = completion.choices[0]
    message = choice.message
    refusal = getattr(message, "refusal", None)
    if refusal:
        raise InvalidAnswerError(f"the model refused: {str(refusal)[:200]}")
    if choice.finish_reason == "length":
        raise InvalidAnswerError(f"the answer was cut off at {max_tokens} output tokens")
    content = message.content if message is not None else None
    if not content or not content.strip():
        raise InvalidAnswerError("the answer is empty")
    data = extract_json_object(content)
    try:
        return Answer.model_validate(data, context={"codes": codes})
    except ValidationError as exc:
        raise InvalidAnswerError(_validation_reason(exc)) from exc


# --- evidence checks ----------------------------------------------------------------------

_UNIT_GRAMS = {
    "mg": 0.001,
    "g": 1.0,
    "gr": 1.0,
    "gram": 1.0,
    "grams": 1.0,
    "gramm": 1.0,
    "gramme": 1.0,
    "grammes": 1.0,
    "kg": 1000.0,
    "kilogram": 1000.0,
    "kilograms": 1000.0,
    "kilogramm": 1000.0,
    "t": 1_000_000.0,
    "lb": 453.59237,
    "lbs": 453.59237,
    "oz": 28.349523125,
}
_UNITS_ALTERNATION = "|".join(sorted(_UNIT_GRAMS, key=len, reverse=True))
_QUANTITY_RE = re.compile(
    r"(\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?)\s*(" + _UNITS_ALTERNATION + r")\b", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?")
_SPACES_RE = re.compile(r"\s+")


def _number_readings(text: str) -> set[float]:
    """Every plausible reading of a written number: "1.250,5", "1,250.5", "12,5"."""
    readings: set[float] = set()
    compact = text.replace("'", "").replace(" ", "")
    for decimal, thousands in ((".", ","), (",", ".")):
        candidate = compact.replace(thousands, "").replace(decimal, ".")
        try:
            readings.add(float(candidate))
        except ValueError:
            continue
    return readings


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.01, 0.01 * abs(b))


def _normalize(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip().casefold()


def weight_backed(grams: float, quote: str, source_text: str) -> bool:
    """True when a quantity in the documents (or the verbatim quote) equals `grams`."""
    for match in _QUANTITY_RE.finditer(source_text):
        factor = _UNIT_GRAMS[match.group(2).lower()]
        if any(_close(value * factor, grams) for value in _number_readings(match.group(1))):
            return True
    # "Weight [kg] | 1.2": the unit is away from the number; trust a verbatim quote's number.
    if quote and _normalize(quote) in _normalize(source_text):
        for match in _NUMBER_RE.finditer(quote):
            for value in _number_readings(match.group(0)):
                if any(_close(value * f, grams) for f in set(_UNIT_GRAMS.values())):
                    return True
    return False


# --- the analyzer -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Prompt:
    system: str
    user: str | list[ChatCompletionContentPartParam]
    schema: dict[str, Any]
    codes: frozenset[str]
    source_text: str  # everything the documents and description say, to check quotes against
    has_images: bool
    # (location, text) of every section, to tell where a quoted line came from
    sections: tuple[tuple[str, str], ...] = ()
    categories: dict[str, str] = field(default_factory=dict)  # catalogue code -> category


def _user_header(request: AnalysisRequest) -> str:
    return f"Article: {request.article_name}\n"


def naive_prompt_tokens(request: AnalysisRequest) -> int:
    """Tokens of the obvious prompt (8,000 document characters + the full catalogue table)."""
    catalogue = "\n".join(
        f"{index.code} | {index.name} | {index.unit} | {index.category}"
        for index in request.catalogue
    )
    document = "\n\n".join(doc.text for doc in request.documents)[:NAIVE_DOCUMENT_CHARS]
    text = (
        f"{SYSTEM_PROMPT}\nArticle: {request.article_name}\n"
        f"Description: {request.description or ''}\n"
        f"Catalogue (code | name | unit | category):\n{catalogue}\nDocument:\n{document}"
    )
    return count_tokens(text) + MESSAGE_OVERHEAD_TOKENS


def _attempts(exc: openai.APIError) -> int:
    """How many HTTP attempts the SDK made: it numbers its retries in a request header."""
    try:
        return int(exc.request.headers.get("x-stainless-retry-count", "0")) + 1
    except (AttributeError, ValueError):
        return 1


def _rejects_json_schema(exc: openai.APIStatusError) -> bool:
    if exc.status_code not in (400, 422, 500):
        return False
    text = f"{exc.message} {json.dumps(exc.body, default=str)}".lower()
    return "response_format" in text or "json_schema" in text or "json schema" in text


class OpenAIAnalyzer:
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
    ) -> None:
        """`call_budget_s` bounds one call including the SDK's retries; `request_timeout_s`
        (default: half the budget) bounds one HTTP attempt; `max_retries` is the SDK's.
        `temperature=None` omits it, for models that only accept their default.
        `prompt_token_budget` bounds everything the model reads (system, user, schema);
        `passage_tokens_per_document` bounds the passages taken from any one document."""
        self._model = model
        self._call_budget_s = call_budget_s
        self._request_timeout_s = request_timeout_s or call_budget_s / 2
        self._max_retries = max_retries
        self._prompt_token_budget = prompt_token_budget
        self._passage_tokens_per_document = passage_tokens_per_document
        self._max_images = max_images
        self._max_output_tokens = max_output_tokens
        self._image_detail = image_detail
        self._temperature = temperature
        self._client = client.with_options(timeout=self._request_timeout_s, max_retries=max_retries)
        self._base_url = str(client.base_url)
        # Base URLs whose server rejected `json_schema`: they get `json_object` from then on.
        self._json_object_servers: set[str] = set()

    @property
    def method(self) -> str:
        return f"openai:{self._model}"

    @property
    def uses_json_object(self) -> bool:
        """True once this analyzer's server was found to reject `json_schema`."""
        return self._base_url in self._json_object_servers

    @property
    def passage_tokens_per_document(self) -> int:
        return self._passage_tokens_per_document

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        if not request.catalogue:  # an empty enum is not a valid schema, and no answer could fit
            raise AnalysisError("catalogue_empty", "The cost-index catalogue has no indices")
        # Counting tokens loads the encoder the first time (~1 s): all of it off the loop.
        prompt = await asyncio.to_thread(self._build_prompt, request)
        notes: list[str] = []
        reasons: list[str] = []
        prompt_tokens = completion_tokens = 0
        retry_messages: list[ChatCompletionMessageParam] = []
        answer: Answer | None = None
        while answer is None:
            use_schema = not self.uses_json_object
            try:
                completion = await self._call(prompt, retry_messages, use_schema=use_schema)
                usage = getattr(completion, "usage", None)
                prompt_tokens += getattr(usage, "prompt_tokens", None) or 0
                completion_tokens += getattr(usage, "completion_tokens", None) or 0
                answer = parse_answer(completion, prompt.codes, self._max_output_tokens)
            except _SchemaRejectedError as exc:
                self._json_object_servers.add(self._base_url)
                logger.warning("%s rejects json_schema, using json_object: %s", self._base_url, exc)
                notes.append("server rejects json_schema; answered in json_object mode")
                continue
            except InvalidAnswerError as exc:
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
        notes.extend(f"answer {i} was invalid: {reason}" for i, reason in enumerate(reasons, 1))
        return self._result(answer, prompt, prompt_tokens, completion_tokens, notes)

    # --- prompt ---------------------------------------------------------------------------

    def _build_prompt(self, request: AnalysisRequest) -> _Prompt:
        """Runs in a worker thread: tokenizing and base64-encoding are CPU work."""
        codes = [index.code for index in request.catalogue]
        schema = answer_schema(codes)
        schema_text = json.dumps(schema, separators=(",", ":"))
        header = _user_header(request)
        overhead = (
            count_tokens(SYSTEM_PROMPT)
            + count_tokens(header)
            + count_tokens(schema_text)
            + MESSAGE_OVERHEAD_TOKENS
        )
        budget = self._prompt_token_budget - overhead
        if budget < MIN_PASSAGE_TOKENS:
            logger.warning(
                "prompt_token_budget %d leaves %d tokens for passages; using %d",
                self._prompt_token_budget,
                budget,
                MIN_PASSAGE_TOKENS,
            )
            budget = MIN_PASSAGE_TOKENS
        selection = select_passages(
            request.documents,
            request.description,
            budget,
            per_document_tokens=self._passage_tokens_per_document,
        )
        user_text = header + (selection.text or "(no text; see the page images)")
        parts: list[ChatCompletionContentPartParam] = []
        for document in request.documents:
            if document.has_text_layer or not document.images:
                continue
            for page, image in enumerate(document.images, 1):
                if len(parts) // 2 >= self._max_images:
                    break
                url = f"data:{document.image_media_type};base64,"
                url += base64.b64encode(image).decode("ascii")
                parts.append({"type": "text", "text": f"[{document.role}, page {page} image]"})
                parts.append(
                    {
                        "type": "image_url",
                        "image_url": {"url": url, "detail": self._image_detail},
                    }
                )
        user: str | list[ChatCompletionContentPartParam] = user_text
        if parts:
            user = [{"type": "text", "text": user_text}, *parts]
        source_text = "\n".join(
            [request.description or "", *(doc.text for doc in request.documents)]
        )
        sections = [("description", request.description or "")] + [
            (f"{doc.role}, {section.location}", section.text)
            for doc in request.documents
            for section in doc.sections
        ]
        return _Prompt(
            system=SYSTEM_PROMPT,
            user=user,
            schema=schema,
            codes=frozenset(codes),
            source_text=source_text,
            has_images=bool(parts),
            sections=tuple((where, text) for where, text in sections if text.strip()),
            categories={index.code: index.category for index in request.catalogue},
        )

    def _messages(
        self, prompt: _Prompt, extra: list[ChatCompletionMessageParam], *, use_schema: bool
    ) -> list[ChatCompletionMessageParam]:
        system = prompt.system
        if not use_schema:
            system += JSON_OBJECT_SUFFIX + json.dumps(prompt.schema, separators=(",", ":"))
        return [
            {"role": "system", "content": system},
            {"role": "user", "content": prompt.user},
            *extra,
        ]

    # --- the call -------------------------------------------------------------------------

    async def _call(
        self, prompt: _Prompt, extra: list[ChatCompletionMessageParam], *, use_schema: bool
    ) -> ChatCompletion:
        response_format: ResponseFormat
        if use_schema:
            response_format = {
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": prompt.schema},
            }
        else:
            response_format = {"type": "json_object"}
        try:
            async with asyncio.timeout(self._call_budget_s):
                return await self._client.chat.completions.create(
                    model=self._model,
                    messages=self._messages(prompt, extra, use_schema=use_schema),
                    response_format=response_format,
                    max_completion_tokens=self._max_output_tokens,
                    timeout=self._request_timeout_s,
                    temperature=openai.omit if self._temperature is None else self._temperature,
                )
        except ValueError as exc:  # a 200 whose body is not JSON: json.JSONDecodeError
            raise InvalidAnswerError(f"the response body is not valid JSON ({exc})") from exc
        except TimeoutError as exc:
            raise AnalysisError(
                "llm_timeout",
                f"The model did not answer within the {self._call_budget_s:g} s budget "
                "(retries included)",
                retryable=True,
            ) from exc
        except openai.APIError as exc:
            self._raise_mapped(exc, use_schema=use_schema)

    def _raise_mapped(self, exc: openai.APIError, *, use_schema: bool) -> NoReturn:
        """Turns an SDK error into an AnalysisError with a stable code and a readable message."""
        attempts = _attempts(exc)
        if isinstance(exc, openai.APITimeoutError):
            raise AnalysisError(
                "llm_timeout",
                f"The model timed out after {attempts} attempts "
                f"({self._request_timeout_s:g} s each)",
                retryable=True,
            ) from exc
        if isinstance(exc, openai.APIConnectionError):
            raise AnalysisError(
                "llm_unavailable",
                f"The model server could not be reached after {attempts} attempts "
                f"({exc.__cause__ or exc})",
                retryable=True,
            ) from exc
        if isinstance(exc, openai.RateLimitError):
            raise AnalysisError(
                "llm_rate_limited",
                f"The model rate-limited after {attempts} attempts",
                retryable=True,
            ) from exc
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            raise AnalysisError(
                "llm_auth",
                f"The model server refused the API key (HTTP {exc.status_code}): {exc.message}",
            ) from exc
        if isinstance(exc, openai.APIStatusError):
            if use_schema and _rejects_json_schema(exc):
                raise _SchemaRejectedError(f"HTTP {exc.status_code}: {exc.message}") from exc
            if exc.status_code >= 500:
                raise AnalysisError(
                    "llm_unavailable",
                    f"The model server failed with HTTP {exc.status_code} "
                    f"after {attempts} attempts",
                    retryable=True,
                ) from exc
            raise AnalysisError(
                "llm_request_rejected",
                f"The model server rejected the request (HTTP {exc.status_code}): {exc.message}",
            ) from exc
        # APIResponseValidationError and friends: a 200 whose body is not a chat completion.
        raise InvalidAnswerError(f"the response is not a chat completion ({exc})") from exc

    # --- result ---------------------------------------------------------------------------

    def _result(
        self,
        answer: Answer,
        prompt: _Prompt,
        prompt_tokens: int,
        completion_tokens: int,
        notes: list[str],
    ) -> AnalysisResult:
        source = _normalize(prompt.source_text)

        def found(quote: str | None) -> bool:
            return bool(quote) and _normalize(quote or "") in source

        def location(quote: str | None, stated: str | None) -> str:
            """Where the quoted line is, read from the documents; else what the model said."""
            needle = _normalize(quote or "")
            if needle:
                for where, text in prompt.sections:
                    if needle in _normalize(text):
                        return where
            return (stated or "").strip().strip("[]").strip() or "specification"

        def line_naming(name: str) -> tuple[str, str] | None:
            """The first document line that names a material as written, and where it is."""
            needle = _normalize(name)
            if len(needle) < 2:
                return None
            for where, text in prompt.sections:
                for line in text.splitlines():
                    if needle in _normalize(line):
                        return _SPACES_RE.sub(" ", line).strip(), where
            return None

        def material_evidence(m: MaterialAnswer) -> Evidence | None:
            if m.quote:
                confidence = 0.8 if found(m.quote) else 0.4
                return Evidence(
                    m.quote[:MAX_QUOTE_CHARS], location(m.quote, m.location), confidence
                )
            named = line_naming(m.name)  # compact answers name the material; we find the line
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
            backed = weight_backed(w.grams, w.quote, prompt.source_text)
            if not backed:
                notes.append(
                    f"weight {w.grams:g} g is not backed by a quantity in the document text"
                    + (" (read from page images)" if prompt.has_images else "")
                )
            confidence = 0.9 if backed and found(w.quote) else 0.7 if backed else 0.3
            weight = WeightFinding(
                grams=w.grams,
                evidence=Evidence(
                    w.quote[:MAX_QUOTE_CHARS], location(w.quote, w.location), confidence
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


class _SchemaRejectedError(Exception):
    """The server refuses `response_format: json_schema`; try `json_object` instead."""
