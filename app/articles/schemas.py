"""Request and response shapes of the articles API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.articles.models import ProcessingStatus


class ArticleStatus(BaseModel):
    """What the frontend polls every 2–3 s: small, and `updated_at` moves with every stage."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    processing_status: ProcessingStatus
    processing_stage: str | None
    progress: int = Field(ge=0, le=100)
    processing_error: str | None
    processing_error_code: str | None
    processing_started_at: datetime | None
    processing_completed_at: datetime | None
    updated_at: datetime
    needs_review: bool = Field(description="A person must look at it (the review queue).")


class StatusBatch(BaseModel):
    """Statuses of many articles at once; ids that do not exist (or are not yours) are listed."""

    items: list[ArticleStatus]
    missing: list[int]


class CostModelEntry(BaseModel):
    index_id: int
    index_code: str
    index_name: str
    category: str
    part: float = Field(gt=0, le=1)
    quantity_g: float | None
    source: str = Field(
        default="estimated",
        description="`estimated` (the analysis), `computed` (from prices) or `manual`.",
    )
    basis: dict[str, Any] | None = Field(
        default=None, description="For a computed part: the numbers it was computed from."
    )


class StoredFile(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: str
    original_filename: str | None
    content_type: str | None
    size_bytes: int
    sha256: str
    purged: bool = Field(
        default=False, description="The bytes were removed by the retention policy."
    )
    purged_at: datetime | None = None


class ArticleLinks(BaseModel):
    self: str
    status: str
    cost_models: str


class Corrections(BaseModel):
    """Values a person set; a reprocess keeps them unless told to discard them."""

    unit_weight: bool = False
    materials: bool = False
    cost_model: bool = False


class ArticleSummary(BaseModel):
    """An article as it appears in lists: no metadata, no cost model."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    article_name: str
    description: str | None
    unit_weight: float | None = Field(description="Unit weight in kg, when found.")
    processing_status: ProcessingStatus
    processing_stage: str | None
    progress: int
    processing_error: str | None
    processing_error_code: str | None
    analysis_method: str | None
    attempts: int
    needs_review: bool = Field(description="A person must look at it (the review queue).")
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    created_at: datetime
    updated_at: datetime


class Article(ArticleSummary):
    """The full article with its evidence, files and cost model."""

    processing_started_at: datetime | None
    processing_completed_at: datetime | None
    extracted_metadata: dict[str, Any] | None = Field(
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
