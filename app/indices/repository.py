"""Catalogue queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.indices.models import CostIndex


async def list_indices(session: AsyncSession) -> Sequence[CostIndex]:
    result = await session.execute(select(CostIndex).order_by(CostIndex.category, CostIndex.id))
    return result.scalars().all()
