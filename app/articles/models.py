"""Articles (each row is also the durable processing job), their uploaded files and cost models."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin


class ProcessingStatus(enum.StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in (ProcessingStatus.COMPLETED, ProcessingStatus.FAILED)


class ProcessingStage(enum.StrEnum):
    """Every value `processing_stage` can hold (a CHECK constraint keeps the column to these).

    A pending article has no stage, or `waiting` while it waits for the model provider. The
    result is saved by the statement that completes the article, so there is no saving stage.
    """

    WAITING = "waiting"
    EXTRACTING_TEXT = "extracting_text"
    EXTRACTING_METADATA = "extracting_metadata"
    GENERATING_COST_MODEL = "generating_cost_model"
    DONE = "done"


class FileRole(enum.StrEnum):
    SPECIFICATION = "specification"
    DRAWING = "drawing"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Article(TimestampMixin, Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Who uploaded it: API-key or token tenant; "public" when the service runs open.
    tenant: Mapped[str] = mapped_column(String(64), nullable=False, server_default="public")
    article_name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    unit_weight: Mapped[float | None] = mapped_column(Float)  # kg
    processing_status: Mapped[str] = mapped_column(
        String(16), nullable=False, server_default=ProcessingStatus.PENDING.value
    )
    processing_stage: Mapped[str | None] = mapped_column(String(32))
    progress: Mapped[int] = mapped_column(SmallInteger, nullable=False, server_default="0")
    processing_error: Mapped[str | None] = mapped_column(Text)
    processing_error_code: Mapped[str | None] = mapped_column(String(64))
    processing_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    processing_completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    analysis_method: Mapped[str | None] = mapped_column(String(128))
    extracted_metadata: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # A person must look at it: the analysis was unsure (extracted_metadata.review says why).
    needs_review: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    # The job side of the row: who holds it, until when, and when it may next be tried.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    available_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    # The fencing token: every claim increments it, and a worker's writes name the token of
    # its claim, so a run that lost the article (cancelled, deleted, reprocessed, taken over)
    # can write nothing, even from the same process as the run that holds it now.
    claim_token: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    # Safe upload retries: the same key from the same tenant returns the first article.
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    # Corrections by people (app.articles.corrections): kept apart from the analysis, so a
    # reprocess keeps them; `version` moves with every correction (the article's ETag).
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    weight_manual: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())
    manual_materials: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB(none_as_null=True))
    cost_model_manual: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())
    # A person's process (correction_schemas.ProcessName); None: the analysis's.
    manual_process: Mapped[str | None] = mapped_column(String(32))
    # The part of the price no index moves (a in P = P0 · (a + Σ bᵢ · Iᵢ/Iᵢ0)).
    fixed_share: Mapped[float] = mapped_column(Float, nullable=False, server_default="0")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(255))
    # The agreed price (app.pricing): per piece, per 100 or per 1000, at a date.
    price: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    price_date: Mapped[date | None] = mapped_column(Date)
    price_unit: Mapped[str | None] = mapped_column(String(8))
    # How the cost model was obtained from the price, or why it could not be.
    pricing: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # The analysis's own estimate, kept while computed parts replace it.
    estimated_costs: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)

    files: Mapped[list[ArticleFile]] = relationship(
        back_populates="article", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    cost_models: Mapped[list[CostModel]] = relationship(
        back_populates="article", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint(_in("processing_status", ProcessingStatus), name="processing_status"),
        CheckConstraint(
            f"processing_stage IS NULL OR {_in('processing_stage', ProcessingStage)}",
            name="processing_stage",
        ),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("unit_weight IS NULL OR unit_weight > 0", name="unit_weight_positive"),
        CheckConstraint("fixed_share >= 0 AND fixed_share <= 1", name="fixed_share_range"),
        CheckConstraint("price IS NULL OR price > 0", name="price_positive"),
        CheckConstraint(
            "price_unit IS NULL OR price_unit IN ('piece', '100', '1000')", name="price_unit"
        ),
        # The processor claims the oldest available pending rows.
        Index(
            "ix_articles_pending_available",
            "available_at",
            "id",
            postgresql_where=text("processing_status = 'pending'"),
        ),
        # The claim serves tenants in turn: each tenant's oldest available pending rows.
        Index(
            "ix_articles_pending_tenant_available",
            "tenant",
            "available_at",
            "id",
            postgresql_where=text("processing_status = 'pending'"),
        ),
        # The claim counts each tenant's running jobs; the sweeper looks for expired leases.
        Index(
            "ix_articles_processing_lease",
            "lease_expires_at",
            postgresql_where=text("processing_status = 'processing'"),
        ),
        # Listing: newest first, optionally by status.
        Index("ix_articles_created_at_id", "created_at", "id"),
        Index("ix_articles_status_created_at", "processing_status", "created_at"),
        Index("ix_articles_tenant_created_at", "tenant", "created_at"),
        # The review queue: what a person must look at, newest first.
        Index(
            "ix_articles_review_queue",
            "tenant",
            "created_at",
            postgresql_where=text("needs_review"),
        ),
        Index(
            "uq_articles_tenant_idempotency_key",
            "tenant",
            "idempotency_key",
            unique=True,
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
    )


class ArticleFile(Base):
    """An uploaded file, stored in PostgreSQL in the same transaction as its article."""

    __tablename__ = "article_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    original_filename: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )

    article: Mapped[Article] = relationship(back_populates="files", lazy="raise")

    __table_args__ = (
        UniqueConstraint("article_id", "role", name="uq_article_files_article_id_role"),
        CheckConstraint(_in("role", FileRole), name="role"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
        Index("ix_article_files_sha256", "sha256"),
    )


class CostModel(Base):
    """One index's share of an article's cost; the shares of one article sum to 1."""

    __tablename__ = "cost_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    index_id: Mapped[int] = mapped_column(
        ForeignKey("indices.id", ondelete="RESTRICT"), nullable=False
    )
    part: Mapped[float] = mapped_column(Float, nullable=False)
    quantity_g: Mapped[float | None] = mapped_column(Float)
    # How the part was obtained: `estimated` (the analysis), `computed` (from prices), `manual`.
    source: Mapped[str] = mapped_column(String(16), nullable=False, server_default="estimated")
    basis: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB(none_as_null=True)
    )  # the numbers a computed part used

    article: Mapped[Article] = relationship(back_populates="cost_models", lazy="raise")

    __table_args__ = (
        UniqueConstraint("article_id", "index_id", name="uq_cost_models_article_id_index_id"),
        CheckConstraint("part > 0 AND part <= 1", name="part_range"),
        CheckConstraint("quantity_g IS NULL OR quantity_g >= 0", name="quantity_non_negative"),
        CheckConstraint("source IN ('estimated', 'computed', 'manual')", name="source"),
        Index("ix_cost_models_index_id", "index_id"),
    )


class ArticleChange(Base):
    """One correction by a person: who, when, which field, the value before and after."""

    __tablename__ = "article_changes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    tenant: Mapped[str] = mapped_column(String(64), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(255), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    before: Mapped[Any] = mapped_column(JSONB, nullable=True)
    after: Mapped[Any] = mapped_column(JSONB, nullable=True)

    __table_args__ = (Index("ix_article_changes_article_id_id", "article_id", "id"),)
