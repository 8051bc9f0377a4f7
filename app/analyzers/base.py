"""The interface every analyzer implements, and the evidence-carrying result it returns."""

from __future__ import annotations

import contextlib
import enum
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


class WeightBasis(enum.StrEnum):
    """What a mass quantity in a document is the mass of; only `net` and `unspecified` are
    the article's own weight, every other basis is a distractor or needs a derivation."""

    NET = "net"  # the article's own (net) weight, stated as such
    UNSPECIFIED = "unspecified"  # a plain "weight" of the article
    DERIVED = "derived"  # computed: pack weight / count, per length x length, volume x density
    UPPER_BOUND = "upper_bound"  # "less than 47.5 g": the only figure given for the piece
    GROSS = "gross"  # packed, gross, shipping weight
    PER_PACK = "per_pack"  # a box, bundle, reel or 1000 pieces
    COMPONENT = "component"  # one part of an assembly, or an assembly without named parts
    CAPACITY = "capacity"  # capacity, load, weight limit, fill weight, load rating
    PER_LENGTH = "per_length"  # kg/m
    PER_AREA = "per_area"  # g/m², grammage
    PROCESS = "process"  # machine or process figures: press tonnage, shot weight, forces
    NOT_MASS = "not_mass"  # accelerations (±40 g), torques (kgf·cm), inertias (g·cm²)
    OTHER_VARIANT = "other_variant"  # the weight of a variant the article name does not name


class WeightStatus(enum.StrEnum):
    """Why the analysis reports the weight it reports, or none."""

    STATED = "stated"  # a weight of the article is stated and was taken
    DERIVED = "derived"  # computed from a stated pack weight, length, volume
    NOT_STATED = "not_stated"  # the documents state no weight of the article
    AMBIGUOUS = "ambiguous"  # candidates conflict; a person must choose
    IMPLAUSIBLE = "implausible"  # the only candidates contradict the document (dimensions, kind)
    MANUAL = "manual"  # set by a person


@dataclass(frozen=True, slots=True)
class WeightCandidate:
    """One mass quantity the analysis considered, with its verdict: the review queue shows these
    ranked, so a person can pick one or type a weight."""

    grams: float | None  # per piece as read (None when it cannot be turned into one piece)
    basis: str  # a WeightBasis value
    quote: str
    location: str
    score: float  # 0..1, higher is more likely the article's own weight
    chosen: bool
    reason: str  # why it was taken, or why it lost


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
    weight_status: str = WeightStatus.NOT_STATED.value  # a WeightStatus value
    weight_candidates: list[WeightCandidate] = field(default_factory=list)  # ranked, best first
    # Non-empty: a person must look at the article (ambiguous weight, unknown material, ...).
    review_reasons: list[str] = field(default_factory=list)
    # The manufacturing process the cost model is for: a key of
    # `app.analyzers.offline.cost_model.PROCESSES` ("machining", "generic", ...); None: not named.
    process: str | None = None

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


class Analyzer(Protocol):
    """Both analyzers, offline and OpenAI, look like this to each other."""

    @property
    def method(self) -> str: ...

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult: ...


# Held around one model call: the processor's bound on the calls at once.
ModelSlot = contextlib.AbstractAsyncContextManager[object]
NO_SLOT: ModelSlot = contextlib.nullcontext()


class SlottedAnalyzer(Protocol):
    """What the pipeline calls: an analyzer that holds `model_slot` around its model calls
    only. The prompt is built before and the answer read after, so a slot held by an
    article being prepared or checked is never a model call not made."""

    @property
    def method(self) -> str: ...

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult: ...


class SlotAroundAnalysis:
    """Any other analyzer as a `SlottedAnalyzer`: its whole analysis holds the slot (the
    offline rules and test doubles: CMS_MAX_CONCURRENT_JOBS bounds their analyses instead)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    @property
    def method(self) -> str:
        return self.analyzer.method

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult:
        async with model_slot:
            return await self.analyzer.analyze(request)


class AnalysisDeferred(Exception):  # noqa: N818 - a signal, not an error
    """Not now, and not the article's fault: the model is cooling down or the budget is spent.

    The article goes back to `pending` for `delay_s` without using up an attempt.
    """

    def __init__(self, code: str, message: str, *, delay_s: float) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.delay_s = delay_s
