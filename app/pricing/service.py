"""Price an article: with its analysis and after every correction of what the price depends on.

The analysis's estimate is kept (`estimated_costs`) while computed parts replace it, so that
removing the price, or a value that goes missing, brings the estimate back. A cost model a
person set is never touched.

The pricing of an analysis is part of the transaction that completes the article
(`complete_priced`): nobody sees the article completed with the estimate its price replaces,
and a crash or an outage between the two leaves nothing half done (the article is still
processing, its lease runs out and it runs again).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable
from typing import Protocol

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.manual import effective_materials, material_grams
from app.errors import is_database_unavailable
from app.pricing import queries
from app.pricing.shares import (
    MATERIAL_CATEGORIES,
    EstimatedPart,
    IndexInfo,
    Pricing,
    PricingInput,
    compute,
)
from app.pricing.yields import process_family

logger = logging.getLogger(__name__)


# Begins the session's transaction (and locks the row) before the raw statements run on it.
_LOCK_IN_SESSION = text("SELECT id FROM articles WHERE id = :article_id FOR UPDATE")


async def reprice(session: AsyncSession, article_id: int) -> Pricing | None:
    """`reprice_on` inside a session's transaction (a correction's)."""
    await session.execute(_LOCK_IN_SESSION, {"article_id": article_id})
    raw = await (await session.connection()).get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    return await reprice_on(driver, article_id)


async def reprice_on(connection: queries.Connection, article_id: int) -> Pricing | None:
    """Recompute and store the article's cost model from its price (inside the caller's
    transaction); None when a person set the cost model or the article is gone."""
    row = await queries.lock_article(connection, article_id)
    if row is None or row["cost_model_manual"]:
        return None
    current = await queries.cost_rows(connection, article_id)
    indices = {
        r["code"]: IndexInfo(**r) for r in await queries.indices_of(connection, row["tenant"])
    }
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
    materials = effective_materials(row)
    price_month = None if row["price_date"] is None else row["price_date"].replace(day=1)
    values = (
        await queries.values_at(connection, [i.id for i in indices.values()], price_month)
        if price_month is not None
        else {}
    )
    pricing = compute(
        PricingInput(
            unit_weight_kg=row["unit_weight"],
            materials=materials,
            price=row["price"],
            currency=row["currency"],
            price_date=row["price_date"],
            price_unit=row["price_unit"],
            estimate=estimate,
            indices=indices,
            values=values,
            process_family=process_family(
                row["extracted_metadata"], materials, chosen=row["manual_process"]
            ),
        )
    )
    grams = material_grams(row["unit_weight"], materials)
    await queries.replace_cost_model(
        connection,
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
        connection,
        article_id,
        fixed_share=pricing.fixed_share,
        pricing=json.dumps(summary),
        estimated_costs=json.dumps(
            [{"index_id": e.index_id, "part": e.part, "quantity_g": e.quantity_g} for e in estimate]
        ),
        review=pricing.review_reason is not None,
    )
    return pricing


class Completion(Protocol):
    """The statement that completes an article: on `connection` (None: a pool's own), and
    with `unpriced_only` only if the article has nothing to price."""

    def __call__(
        self, connection: queries.Connection | None, *, unpriced_only: bool = False
    ) -> Awaitable[bool]: ...


async def complete_priced(pool: asyncpg.Pool, article_id: int, complete: Completion) -> bool:
    """Run the statement that completes an article (`complete`) and price the article in the
    same transaction; returns whether `complete` found the article still held.

    Most articles have no price: for them the completing statement alone, in one round trip
    (it completes only an article with nothing to price, atomically). An article with a
    price — or a lost claim, which the transaction then finds — takes the transaction. A
    failure of the pricing itself (a bug, not the database) keeps the analysis's estimate and
    says so in `pricing`, rather than failing an analysis that succeeded; a failure of the
    database undoes the completion."""
    if await complete(None, unpriced_only=True):
        return True
    async with pool.acquire() as connection, connection.transaction():
        if not await complete(connection):
            return False
        if await queries.needs_pricing(connection, article_id):
            try:
                async with connection.transaction():  # a savepoint
                    await reprice_on(connection, article_id)
            except Exception as exc:
                if is_database_unavailable(exc):
                    raise  # the whole transaction is gone: the article runs again
                logger.exception("pricing the analysis failed", extra={"article_id": article_id})
                await queries.pricing_failed(
                    connection, article_id, f"pricing failed ({exc.__class__.__name__})"
                )
    return True
