"""The cost-index catalogue: commodity, energy and labour price indices, one set per tenant."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, TimestampMixin


class IndexCategory(enum.StrEnum):
    METAL = "metal"
    POLYMER = "polymer"
    ENERGY = "energy"
    LABOUR = "labour"
    OTHER = "other"


class CostIndex(TimestampMixin, Base):
    __tablename__ = "indices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Whose catalogue it is; the same code in two tenants is two indices.
    tenant: Mapped[str] = mapped_column(String(64), nullable=False, server_default="public")
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    unit: Mapped[str] = mapped_column(String(32), nullable=False)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    currency: Mapped[str | None] = mapped_column(String(3))
    source: Mapped[str | None] = mapped_column(Text)  # publisher and series id, free text
    description: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "category IN ('metal', 'polymer', 'energy', 'labour', 'other')", name="category"
        ),
        CheckConstraint("code ~ '^[a-z0-9][a-z0-9_]*$'", name="code_format"),
        UniqueConstraint("tenant", "code", name="uq_indices_tenant_code"),
        Index("ix_indices_tenant_name", "tenant", "name", unique=True),
    )


class IndexValue(Base):
    """An index's value for one month (`period` is the month's first day)."""

    __tablename__ = "index_values"

    # Not a foreign key (see migration 0006): imports lock the index rows once instead.
    index_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[float] = mapped_column(Float, nullable=False)

    __table_args__ = (
        CheckConstraint("value > 0", name="value_positive"),
        CheckConstraint("extract(day FROM period) = 1", name="period_is_month"),
    )


class TenantCatalogue(Base):
    """A tenant whose catalogue was seeded with the defaults (so it is seeded only once)."""

    __tablename__ = "tenant_catalogues"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    seeded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
