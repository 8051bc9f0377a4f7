"""The cost-index catalogue: commodity, energy and labour price indices."""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class IndexCategory(enum.StrEnum):
    METAL = "metal"
    POLYMER = "polymer"
    ENERGY = "energy"
    LABOUR = "labour"
    OTHER = "other"


class CostIndex(Base):
    __tablename__ = "indices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    unit: Mapped[str] = mapped_column(String(32), nullable=False)
    category: Mapped[str] = mapped_column(String(16), nullable=False)

    __table_args__ = (
        CheckConstraint(
            "category IN ('metal', 'polymer', 'energy', 'labour', 'other')", name="category"
        ),
    )
