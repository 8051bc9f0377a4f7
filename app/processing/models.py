"""Tables the processing side keeps besides the articles: model spend and the analysis cache."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class LlmUsage(Base):
    """Requests and tokens per time bucket, shared by every replica (spend limits)."""

    __tablename__ = "llm_usage"

    bucket: Mapped[str] = mapped_column(String(32), primary_key=True)  # "minute:…" | "day:…"
    requests: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    tokens: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class AnalysisCache(Base):
    """Finished analyses by input fingerprint: identical input costs no second model call."""

    __tablename__ = "analysis_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    method: Mapped[str] = mapped_column(String(128), nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
