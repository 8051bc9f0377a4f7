"""Catalogue queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.indices.models import CostIndex


async def list_indices(session: AsyncSession) -> Sequence[CostIndex]:
    result = await session.execute(select(CostIndex).order_by(CostIndex.category, CostIndex.id))
    return result.scalars().all()


@dataclass(frozen=True, slots=True)
class IndexRef:
    id: int
    code: str
    category: str


async def refs_by_code(session: AsyncSession, tenant: str) -> dict[str, IndexRef]:
    """The tenant's catalogue by code (what corrections and cost models may name)."""
    result = await session.execute(select(CostIndex.id, CostIndex.code, CostIndex.category))
    return {code: IndexRef(id=id_, code=code, category=category) for id_, code, category in result}
