"""The SQL of pricing: an article's inputs and the cost model it produces."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Index values at or before a month, latest first: one query for all an article's indices.
VALUES_AT = text(
    """
    SELECT DISTINCT ON (index_id) index_id, period, value
    FROM index_values
    WHERE index_id = ANY(:ids) AND period <= :month
    ORDER BY index_id, period DESC
    """
)
INDICES_OF = text("SELECT id, code, unit, currency, category FROM indices WHERE tenant = :tenant")
COST_ROWS = text(
    """
    SELECT cm.index_id, cm.part, cm.quantity_g, cm.source, i.category
    FROM cost_models AS cm JOIN indices AS i ON i.id = cm.index_id
    WHERE cm.article_id = :article_id
    ORDER BY cm.part DESC, cm.index_id
    """
)
LOCK_ARTICLE = text(
    """
    SELECT id, tenant, unit_weight, manual_materials, extracted_metadata, price, currency,
           price_date, price_unit, cost_model_manual, fixed_share, estimated_costs,
           needs_review, pricing
    FROM articles WHERE id = :article_id FOR UPDATE
    """
)
STORE = text(
    """
    UPDATE articles SET fixed_share = :fixed_share, pricing = CAST(:pricing AS jsonb),
        estimated_costs = CAST(:estimated_costs AS jsonb),
        needs_review = needs_review OR :review, updated_at = now()
    WHERE id = :article_id
    """
)
# After a completed analysis: is there anything to price (a price, or a computed model to undo)?
NEEDS_PRICING = """
SELECT price IS NOT NULL OR (fixed_share > 0 AND NOT cost_model_manual)
FROM articles WHERE id = $1
"""


async def needs_pricing(pool: asyncpg.Pool, article_id: int) -> bool:
    return bool(await pool.fetchval(NEEDS_PRICING, article_id))


async def lock_article(session: AsyncSession, article_id: int) -> dict[str, Any] | None:
    row = (await session.execute(LOCK_ARTICLE, {"article_id": article_id})).mappings().first()
    return None if row is None else dict(row)


async def indices_of(session: AsyncSession, tenant: str) -> Sequence[Any]:
    return (await session.execute(INDICES_OF, {"tenant": tenant})).mappings().all()


async def values_at(
    session: AsyncSession, index_ids: Sequence[int], month: date
) -> dict[int, tuple[date, float]]:
    rows = await session.execute(VALUES_AT, {"ids": list(index_ids), "month": month})
    return {row.index_id: (row.period, row.value) for row in rows}


async def cost_rows(session: AsyncSession, article_id: int) -> Sequence[Any]:
    return (await session.execute(COST_ROWS, {"article_id": article_id})).mappings().all()


async def store(
    session: AsyncSession,
    article_id: int,
    *,
    fixed_share: float,
    pricing: str,
    estimated_costs: str | None,
    review: bool,
) -> None:
    await session.execute(
        STORE,
        {
            "article_id": article_id,
            "fixed_share": fixed_share,
            "pricing": pricing,
            "estimated_costs": estimated_costs,
            "review": review,
        },
    )
