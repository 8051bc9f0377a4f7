"""A price given with the upload: checked before the article is stored, set right after.

The price is the article's; what it costs in index terms is pricing's, one layer up, which
this package reaches only through the `Repricer` it is handed (app.pricing.service.reprice,
wired in app.main), so that articles never import pricing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles import service as articles
from app.articles.models import Article as ArticleRow
from app.articles.schemas import Article
from app.errors import InvalidInputError

# Prices the article again inside the caller's transaction (after its price or weight changed).
Repricer = Callable[[AsyncSession, int], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Offer:
    price: float
    currency: str
    price_date: date
    price_unit: str

    @classmethod
    def checked(
        cls, price: float | None, currency: str | None, when: date | None, unit: str | None
    ) -> Offer | None:
        """None without a price; a price without a currency is a 422 (nothing is stored)."""
        if price is None:
            if currency or when or unit:
                raise _invalid("price", "currency, priceDate and priceUnit need a price")
            return None
        if currency is None:
            raise _invalid("currency", "needed with a price")
        return cls(price, currency, when or datetime.now(UTC).date(), unit or "piece")


def _invalid(field: str, message: str) -> InvalidInputError:
    return InvalidInputError(
        f"Invalid request: {field}",
        errors=[{"field": field, "location": "body", "message": message, "type": "value_error"}],
    )


async def set_offer(
    session: AsyncSession, article_id: int, offer: Offer, reprice: Repricer
) -> Article:
    """Store the price and price the article (its analysis may already be done)."""
    await session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article_id)
        .values(
            price=offer.price,
            currency=offer.currency,
            price_date=offer.price_date,
            price_unit=offer.price_unit,
        )
    )
    await reprice(session, article_id)
    await session.commit()
    return await articles.get_article(session, article_id, None)
