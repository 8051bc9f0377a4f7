"""Price an article: after its analysis and after every correction of what the price depends on.

The analysis's estimate is kept (`estimated_costs`) while computed parts replace it, so that
removing the price, or a value that goes missing, brings the estimate back. A cost model a
person set is never touched.
"""

from __future__ import annotations

import json
import logging

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.articles import correction_queries
from app.articles.manual import effective_materials, material_grams
from app.pricing import queries
from app.pricing.shares import (
    MATERIAL_CATEGORIES,
    EstimatedPart,
    IndexInfo,
    Pricing,
    PricingInput,
    compute,
)

logger = logging.getLogger(__name__)


async def reprice(session: AsyncSession, article_id: int) -> Pricing | None:
    """Recompute and store the article's cost model from its price (inside the caller's
    transaction); None when a person set the cost model or the article is gone."""
    row = await queries.lock_article(session, article_id)
    if row is None or row["cost_model_manual"]:
        return None
    current = await queries.cost_rows(session, article_id)
    indices = {r["code"]: IndexInfo(**r) for r in await queries.indices_of(session, row["tenant"])}
    category = {info.id: info.category for info in indices.values()}
    codes = {info.id: info.code for info in indices.values()}
    if current and all(r["source"] == "estimated" for r in current):
        estimate = [
            EstimatedPart(r["index_id"], r["category"], r["part"], r["quantity_g"]) for r in current
        ]
    else:
        estimate = [
            EstimatedPart(
                e["index_id"], category.get(e["index_id"], "other"), e["part"], e.get("quantity_g")
            )
            for e in row["estimated_costs"] or []
            if e["index_id"] in category
        ]
    price_month = None if row["price_date"] is None else row["price_date"].replace(day=1)
    values = (
        await queries.values_at(session, [i.id for i in indices.values()], price_month)
        if price_month is not None
        else {}
    )
    pricing = compute(
        PricingInput(
            unit_weight_kg=row["unit_weight"],
            materials=effective_materials(row),
            price=row["price"],
            currency=row["currency"],
            price_date=row["price_date"],
            price_unit=row["price_unit"],
            estimate=estimate,
            indices=indices,
            values=values,
        )
    )
    grams = material_grams(row["unit_weight"], effective_materials(row))
    await correction_queries.replace_cost_model(
        session,
        article_id,
        [
            {
                "index_id": p.index_id,
                "part": p.part,
                "quantity_g": p.quantity_g
                if p.source == "computed" or category.get(p.index_id) not in MATERIAL_CATEGORIES
                else grams.get(codes.get(p.index_id, "")),
                "source": p.source,
                "basis": p.basis,
            }
            for p in pricing.parts
        ],
    )
    summary = pricing.as_json()
    if pricing.review_reason:
        summary["review_reason"] = pricing.review_reason
    await queries.store(
        session,
        article_id,
        fixed_share=pricing.fixed_share,
        pricing=json.dumps(summary),
        estimated_costs=json.dumps(
            [{"index_id": e.index_id, "part": e.part, "quantity_g": e.quantity_g} for e in estimate]
        ),
        review=pricing.review_reason is not None,
    )
    return pricing


async def after_analysis(
    pool: asyncpg.Pool, sessions: async_sessionmaker[AsyncSession], article_id: int
) -> None:
    """Called once an analysis is stored; one cheap query when there is nothing to price.

    A failure here leaves the analysis's estimate in place (logged), never a failed job."""
    try:
        if not await queries.needs_pricing(pool, article_id):
            return
        async with sessions() as session:
            await reprice(session, article_id)
            await session.commit()
    except Exception:
        logger.exception("pricing after the analysis failed", extra={"article_id": article_id})
