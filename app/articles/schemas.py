"""Request and response shapes of the articles API: every field typed, so the OpenAPI schema
(and the TypeScript types generated from it) say exactly what a client receives."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from app.analyzers.base import WeightBasis, WeightStatus
from app.articles.models import ProcessingStage, ProcessingStatus
from app.indices.models import IndexCategory
from app.timestamps import UtcDatetime


class Stage(enum.StrEnum):
    """`processing_stage`: the job's stages plus `waiting` (pending, held by the provider) —
    every value the column can hold (ProcessingStage, kept to it by a CHECK constraint)."""

    EXTRACTING_TEXT = ProcessingStage.EXTRACTING_TEXT.value
    EXTRACTING_METADATA = ProcessingStage.EXTRACTING_METADATA.value
    GENERATING_COST_MODEL = ProcessingStage.GENERATING_COST_MODEL.value
    DONE = ProcessingStage.DONE.value
    WAITING = ProcessingStage.WAITING.value


class ErrorCode(enum.StrEnum):
    """Every stable `processing_error_code` (README, "A failed article"); a test checks that
    every code the code base writes is listed here."""

    EMPTY_FILE = "empty_file"
    UNSUPPORTED_FILE = "unsupported_file"
    CORRUPT_FILE = "corrupt_file"
    ENCRYPTED_FILE = "encrypted_file"
    FILE_TOO_COMPLEX = "file_too_complex"
    FILE_PURGED = "file_purged"
    TIMEOUT = "timeout"
    LLM_RATE_LIMITED = "llm_rate_limited"
    LLM_UNAVAILABLE = "llm_unavailable"
    LLM_TIMEOUT = "llm_timeout"
    LLM_INVALID_OUTPUT = "llm_invalid_output"
    LLM_AUTH = "llm_auth"
    LLM_REQUEST_REJECTED = "llm_request_rejected"
    INVALID_COST_MODEL = "invalid_cost_model"
    CATALOGUE_EMPTY = "catalogue_empty"
    WORKER_LOST = "worker_lost"
    DATABASE_UNAVAILABLE = "database_unavailable"
    CANCELLED = "cancelled"
    INTERNAL_ERROR = "internal_error"
    # While pending, not the article's fault (cleared when it completes):
    LLM_CIRCUIT_OPEN = "llm_circuit_open"
    LLM_BUDGET_SPENT = "llm_budget_spent"
    LLM_REQUESTS_PER_MINUTE = "llm_requests_per_minute"


def _enum_schema(values: type[enum.StrEnum], title: str) -> WithJsonSchema:
    """A plain `str` in Python, an enum in the schema: stored values are read back as they
    are (an old row never turns into a 500), while the contract lists the known ones and the
    schema tests flag a value the list lacks."""
    return WithJsonSchema({"type": "string", "enum": [v.value for v in values], "title": title})


ErrorCodeValue = Annotated[str, _enum_schema(ErrorCode, "ErrorCode")]
StageValue = Annotated[str, _enum_schema(Stage, "Stage")]
BasisValue = Annotated[str, _enum_schema(WeightBasis, "WeightBasis")]
WeightStatusValue = Annotated[str, _enum_schema(WeightStatus, "WeightStatus")]
CategoryValue = Annotated[str, _enum_schema(IndexCategory, "IndexCategory")]


class ArticleStatus(BaseModel):
    """What the frontend polls every 2–3 s: small, and `updated_at` moves with every stage."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 1,
                    "processing_status": "processing",
                    "processing_stage": "extracting_text",
                    "progress": 40,
                    "processing_error": None,
                    "processing_error_code": None,
                    "processing_started_at": "2026-12-01T09:30:00.123456Z",
                    "processing_completed_at": None,
                    "updated_at": "2026-12-01T09:30:01.500000Z",
                }
            ]
        },
    )

    id: int
    processing_status: ProcessingStatus
    processing_stage: StageValue | None
    progress: int = Field(ge=0, le=100)
    processing_error: str | None = Field(description="Readable reason of a failure (or a wait).")
    processing_error_code: ErrorCodeValue | None
    processing_started_at: UtcDatetime | None
    processing_completed_at: UtcDatetime | None
    updated_at: UtcDatetime
    needs_review: bool = Field(description="A person must look at it (the review queue).")


class StatusBatch(BaseModel):
    """Statuses of many articles at once; ids that do not exist (or are not yours) are listed."""

    items: list[ArticleStatus]
    missing: list[int]


class CostModelEntry(BaseModel):
    """One index's share of the article's cost."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "index_id": 1,
                    "index_code": "steel",
                    "index_name": "Steel",
                    "category": "metal",
                    "part": 0.6,
                    "quantity_g": 350.0,
                }
            ]
        }
    )

    index_id: int
    index_code: str
    index_name: str
    category: CategoryValue
    part: float = Field(gt=0, le=1, description="Share of the cost; the parts sum to 1.")
    quantity_g: float | None = Field(description="Grams of this material in one unit.")
    source: str = Field(
        default="estimated",
        description="`estimated` (the analysis), `computed` (from prices) or `manual`.",
    )
    basis: dict[str, Any] | None = Field(
        default=None, description="For a computed part: the numbers it was computed from."
    )


class StoredFile(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: str = Field(description="`specification` or `drawing`.")
    original_filename: str | None
    content_type: str | None
    size_bytes: int
    sha256: str
    purged: bool = Field(
        default=False, description="The bytes were removed by the retention policy."
    )
    purged_at: UtcDatetime | None = None


class ArticleLinks(BaseModel):
    self: str
    status: str
    cost_models: str


# --- extracted_metadata: what the analysis found, with the quoted source text ------------
# Stored JSON read back as it is: every field has a default (rows older than a field stay
# readable) and unknown fields pass through.


class _Stored(BaseModel):
    model_config = ConfigDict(extra="allow")


class EvidenceInfo(_Stored):
    """The quoted source text a finding came from."""

    quote: str = Field(description="The text as it stands in the document.")
    location: str = Field(description="Where: e.g. `specification p.2`, `table 1 row 3`.")
    confidence: float = Field(ge=0, le=1)


class WeightInfo(_Stored):
    grams: float
    kg: float
    basis: BasisValue | None = None
    supported_by_document: bool = Field(
        default=True, description="False when no quoted text in the documents backs it."
    )
    evidence: EvidenceInfo | None = None


class MaterialInfo(_Stored):
    index_code: str
    name: str
    mass_share: float | None = Field(default=None, ge=0, le=1)
    evidence: EvidenceInfo | None = None


class DocumentInfo(_Stored):
    """What was read from one uploaded file."""

    role: str | None = None
    format: str | None = None
    media_type: str | None = None
    page_count: int | None = None
    has_text_layer: bool | None = None
    characters: int | None = None
    tokens: int | None = None
    language: str | None = None
    warnings: list[str] = Field(default_factory=list)


class WeightCandidateInfo(_Stored):
    """A weight the analysis considered, ranked; `chosen` marks the one taken."""

    grams: float | None = None
    basis: BasisValue | None = None
    quote: str = ""
    location: str = ""
    score: float = 0.0
    chosen: bool = False
    reason: str = ""


class ReviewInfo(_Stored):
    """Whether a person must look at the article, and why."""

    needed: bool = False
    reasons: list[str] = Field(default_factory=list)
    weight_status: WeightStatusValue | None = None
    candidates: list[WeightCandidateInfo] = Field(default_factory=list)


class TokenUsage(_Stored):
    prompt: int = 0
    completion: int = 0


class ExtractedMetadata(_Stored):
    """The analysis result as stored with the article."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "weight": {
                        "grams": 350.0,
                        "kg": 0.35,
                        "basis": "net",
                        "supported_by_document": True,
                        "evidence": {
                            "quote": "Net weight: 0,35 kg",
                            "location": "specification line 4",
                            "confidence": 0.95,
                        },
                    },
                    "materials": [
                        {
                            "index_code": "steel",
                            "name": "steel S235JR",
                            "mass_share": 1.0,
                            "evidence": None,
                        }
                    ],
                    "documents": [],
                    "review": {
                        "needed": False,
                        "reasons": [],
                        "weight_status": "stated",
                        "candidates": [],
                    },
                    "notes": [],
                    "analysis_method": "offline",
                    "tokens": {"prompt": 0, "completion": 0},
                }
            ]
        },
    )

    weight: WeightInfo | None = None
    materials: list[MaterialInfo] = Field(default_factory=list)
    documents: list[DocumentInfo] = Field(default_factory=list)
    review: ReviewInfo | None = None
    notes: list[str] = Field(default_factory=list)
    process: str | None = Field(
        default=None,
        description="The manufacturing process the cost model is for (`machining`, "
        "`die_casting`, `generic`, ...); null: not named (older analyses say it in a note).",
    )
    analysis_method: str | None = None
    tokens: TokenUsage | None = None


class Corrections(BaseModel):
    """Values a person set; a reprocess keeps them unless told to discard them."""

    unit_weight: bool = False
    materials: bool = False
    cost_model: bool = False
    process: bool = False


class ArticleSummary(BaseModel):
    """An article as it appears in lists: no metadata, no cost model."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    article_name: str
    description: str | None
    unit_weight: float | None = Field(description="Unit weight in kg, when found.")
    processing_status: ProcessingStatus
    processing_stage: StageValue | None
    progress: int
    processing_error: str | None
    processing_error_code: ErrorCodeValue | None
    analysis_method: str | None = Field(
        description="`offline`, `openai:<model>`, or `offline:llm-budget-spent`."
    )
    attempts: int
    needs_review: bool = Field(description="A person must look at it (the review queue).")
    reviewed_at: UtcDatetime | None = None
    reviewed_by: str | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class Article(ArticleSummary):
    """The full article with its evidence, files and cost model."""

    processing_started_at: UtcDatetime | None
    processing_completed_at: UtcDatetime | None
    extracted_metadata: ExtractedMetadata | None = Field(
        description="Weight in grams with the quoted source text, materials, document facts."
    )
    prompt_tokens: int
    completion_tokens: int
    files: list[StoredFile]
    cost_models: list[CostModelEntry]
    fixed_share: float = Field(
        default=0.0, ge=0, le=1, description="The share of the price no index moves."
    )
    corrections: Corrections = Field(description="Which values a person set.")
    price: float | None = None
    currency: str | None = None
    price_date: date | None = None
    price_unit: str | None = Field(default=None, description="piece, 100 or 1000")
    pricing: dict[str, Any] | None = Field(
        default=None,
        description="How the cost model follows from the price (`computed`) or why not.",
    )
    version: int = Field(default=1, description="Moves with every correction.")
    links: ArticleLinks


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int
