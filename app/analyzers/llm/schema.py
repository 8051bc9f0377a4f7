"""The answer schema sent to the model, and the checks that turn its answer into an `Answer`.

The schema is minimal and strict (OpenAI counts it as prompt tokens): short names, every
property required, the catalogue codes once, as an enum. Every answer is validated before use;
an invalid one never reaches the article.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

MAX_PLAUSIBLE_GRAMS = 50_000_000.0  # 50 t: anything heavier is a unit mix-up
PART_SUM_TOLERANCE = 0.02
SCHEMA_NAME = "article_cost_model"
BASES = ("net", "gross", "unspecified")
ANSWER_KEYS = frozenset({"weight", "materials", "cost_model", "c"})


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
            if answer_shaped(value):
                return value
            fallback = fallback or value
    if fallback is not None:
        return fallback
    if stripped.startswith(("{", "```")):
        raise InvalidAnswerError(f"malformed JSON ({first_error})")
    raise InvalidAnswerError("the answer contains no JSON object")


def answer_shaped(data: dict[str, Any]) -> bool:
    """True when a JSON object is laid out like an answer (compact or long form), whatever
    its values: a server that enforced the schema can only produce such objects."""
    return bool(ANSWER_KEYS & data.keys())


def parse_content(content: str | None, codes: frozenset[str]) -> Answer:
    """The validated answer in a completion's text, or InvalidAnswerError with the reason."""
    if not content or not content.strip():
        raise InvalidAnswerError("the answer is empty")
    data = extract_json_object(content)
    try:
        return Answer.model_validate(data, context={"codes": codes})
    except ValidationError as exc:
        raise InvalidAnswerError(_validation_reason(exc)) from exc
