"""The interface every analyzer implements, and the evidence-carrying result it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.extraction.document import ExtractedDocument


class AnalysisError(Exception):
    """An analysis that cannot finish; `code` is stable (e.g. `llm_invalid_output`)."""

    def __init__(self, code: str, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable


@dataclass(frozen=True, slots=True)
class CatalogueIndex:
    """One cost index the analyzers may use; `code` is stable across databases (e.g. `steel`)."""

    id: int
    code: str
    name: str
    unit: str
    category: str  # metal | polymer | energy | labour | other


@dataclass(frozen=True, slots=True)
class AnalysisRequest:
    article_name: str
    description: str | None
    specification: ExtractedDocument
    drawing: ExtractedDocument | None
    catalogue: tuple[CatalogueIndex, ...]

    @property
    def documents(self) -> list[ExtractedDocument]:
        return [doc for doc in (self.specification, self.drawing) if doc is not None]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value came from, so a person can check it at a glance."""

    quote: str  # the source text, verbatim (trimmed to a sentence or table row)
    location: str  # "specification, page 2" / "drawing, text" / "description"
    confidence: float  # 0..1


@dataclass(frozen=True, slots=True)
class WeightFinding:
    grams: float
    evidence: Evidence
    basis: str = "net"  # net | gross | unspecified
    supported: bool = True  # False when no quantity in the document backs it (LLM answers)


@dataclass(frozen=True, slots=True)
class MaterialFinding:
    index_code: str  # catalogue code the material maps to (e.g. "pa66", "steel")
    name: str  # as the document names it, e.g. "PA66 GF30", "1.4301"
    mass_share: float | None  # 0..1 of the article's mass when known or estimated
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class CostShare:
    index_code: str
    part: float  # (0, 1]; all shares of one article sum to 1
    rationale: str = ""


@dataclass(slots=True)
class AnalysisResult:
    method: str  # "offline" | "openai:gpt-4o-mini"
    weight: WeightFinding | None
    materials: list[MaterialFinding]
    cost_shares: list[CostShare]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    notes: list[str] = field(default_factory=list)


class Analyzer(Protocol):
    """Both analyzers, offline and OpenAI, look like this to the pipeline."""

    @property
    def method(self) -> str: ...

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult: ...


class AnalysisDeferred(Exception):  # noqa: N818 - a signal, not an error
    """Not now, and not the article's fault: the model is cooling down or the budget is spent.

    The article goes back to `pending` for `delay_s` without using up an attempt.
    """

    def __init__(self, code: str, message: str, *, delay_s: float) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.delay_s = delay_s
