"""Price development of one article or a portfolio (index-linked price adjustment)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.articles import repository as articles
from app.errors import InvalidInputError, NotFoundError
from app.indices.service import parse_month
from app.pricing import development_queries as sql
from app.pricing.schemas import (
    Contribution,
    DevelopmentMonth,
    IndexBase,
    PortfolioDevelopment,
    PortfolioIndexTotal,
    PortfolioMonth,
    PortfolioRequest,
    PriceDevelopment,
)

MAX_MONTHS = 600


def _invalid(field: str, message: str, location: str = "query") -> InvalidInputError:
    return InvalidInputError(
        f"Invalid request: {field}",
        errors=[{"field": field, "location": location, "message": message, "type": "value_error"}],
    )


def _range(start: date, end: date, location: str = "query") -> None:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months < 1:
        raise _invalid("to", "must not be before from", location)
    if months > MAX_MONTHS:
        raise _invalid("to", f"at most {MAX_MONTHS} months", location)


async def _driver(session: AsyncSession) -> Any:
    connection = await session.connection()
    return (await connection.get_raw_connection()).driver_connection


def _ym(day: date | None) -> str | None:
    return None if day is None else f"{day:%Y-%m}"


async def article_development(
    session: AsyncSession,
    article_id: int,
    tenant: str | None,
    *,
    start: str | None,
    end: str | None,
    base_period: str | None,
    base_price: float | None,
) -> PriceDevelopment:
    article = await articles.get_article(session, article_id, tenant)
    if article is None:
        raise NotFoundError(f"Article {article_id} does not exist.")
    base = parse_month(base_period, "base_period") or (
        None if article.price_date is None else article.price_date.replace(day=1)
    )
    if base is None:
        raise _invalid("base_period", "the article has no price date: name a base month")
    first = parse_month(start, "from") or base
    last = parse_month(end, "to") or date.today().replace(day=1)
    _range(first, last)
    rows = await (await _driver(session)).fetch(
        sql.ARTICLE, None, [article_id], first, last, base, base_price, None, None, None
    )
    price = base_price if base_price is not None else article.price
    months: dict[date, list[Contribution]] = defaultdict(list)
    indices: dict[int, IndexBase] = {}
    for row in rows:
        missing = row["value"] is None or row["base_value"] is None
        months[row["period"]].append(
            Contribution(
                index_id=row["index_id"],
                code=row["code"],
                part=row["part"],
                ratio=row["ratio"],
                contribution=row["contribution"],
                value=row["value"],
                value_period=_ym(row["value_period"]),
                carried_forward=row["value"] is not None and row["value_period"] != row["period"],
                missing=missing,
            )
        )
        indices.setdefault(
            row["index_id"],
            IndexBase(
                index_id=row["index_id"],
                code=row["code"],
                name=row["name"],
                part=row["part"],
                base_value=row["base_value"],
                base_value_period=_ym(row["base_value_period"]),
            ),
        )
    for index in indices.values():
        if index.base_value is None:
            index.note = (
                "no value at or before the base month: its share is held at the base price "
                "(ratio 1) and does not move the price"
            )
    series = []
    period = first
    while period <= last:
        contributions = months.get(period, [])
        factor = article.fixed_share + sum(c.contribution for c in contributions)
        series.append(
            DevelopmentMonth(
                period=f"{period:%Y-%m}",
                factor=round(factor, 9),
                price=None if price is None else round(price * factor, 9),
                contributions=contributions,
            )
        )
        period = date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return PriceDevelopment(
        article_id=article_id,
        base_period=f"{base:%Y-%m}",
        base_price=price,
        currency=article.currency,
        price_unit=article.price_unit,
        fixed_share=article.fixed_share,
        indices=list(indices.values()),
        months=series,
    )


async def portfolio_development(
    session: AsyncSession, tenant: str | None, request: PortfolioRequest
) -> PortfolioDevelopment:
    first = parse_month(request.from_period, "from")
    last = parse_month(request.to_period, "to")
    assert first is not None and last is not None
    _range(first, last, "body")
    base = parse_month(request.base_period, "base_period")
    if request.ids is None and request.filter is None:
        raise _invalid("ids", "name articles (ids) or a filter ({} for all)", "body")
    chosen = request.filter
    rows = await (await _driver(session)).fetch(
        sql.PORTFOLIO,
        tenant,
        request.ids,
        first,
        last,
        base,
        None,
        None
        if chosen is None or chosen.processing_status is None
        else chosen.processing_status.value,
        None if chosen is None else chosen.needs_review,
        None if chosen is None else chosen.currency,
    )
    summary, rest = rows[0], rows[1:]
    if summary["missing"] and summary["amount"]:
        raise _invalid(
            "filter.currency", "the articles are priced in several currencies: choose one", "body"
        )
    by_month: dict[date, list[PortfolioIndexTotal]] = defaultdict(list)
    fixed: dict[date, float] = {}
    for row in rest:
        if row["index_id"] is None:
            fixed[row["period"]] = row["amount"] or 0.0
            continue
        by_month[row["period"]].append(
            PortfolioIndexTotal(
                index_id=row["index_id"],
                code=row["code"],
                amount=row["amount"],
                base_amount=row["base_amount"],
                missing=row["missing"],
                carried_forward=row["carried_forward"],
            )
        )
    base_total = (fixed.get(first, 0.0)) + sum(t.base_amount for t in by_month.get(first, []))
    months = []
    period = first
    while period <= last:
        totals = by_month.get(period, [])
        total = fixed.get(period, 0.0) + sum(t.amount for t in totals)
        months.append(
            PortfolioMonth(
                period=f"{period:%Y-%m}",
                total=round(total, 9),
                factor=round(total / base_total, 9) if base_total else 1.0,
                fixed=fixed.get(period, 0.0),
                by_index=sorted(totals, key=lambda t: -t.base_amount),
            )
        )
        period = date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return PortfolioDevelopment(
        articles=int(summary["base_amount"]),
        priced=int(summary["amount"]),
        base_total=round(base_total, 9),
        months=months,
    )


def article_csv(development: PriceDevelopment) -> str:
    """A table for a spreadsheet: a row per month, a column per index's contribution."""
    codes = [i.code for i in development.indices]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["period", "factor", "price", "fixed", *codes, *(f"{c}_carried" for c in codes)]
    )
    for month in development.months:
        by_code = {c.code: c for c in month.contributions}
        writer.writerow(
            [
                month.period,
                month.factor,
                "" if month.price is None else month.price,
                development.fixed_share,
                *(by_code[c].contribution if c in by_code else "" for c in codes),
                *(
                    "missing"
                    if c in by_code and by_code[c].missing
                    else "yes"
                    if c in by_code and by_code[c].carried_forward
                    else ""
                    for c in codes
                ),
            ]
        )
    return "\ufeff" + out.getvalue()  # the byte-order mark makes Excel read UTF-8


def portfolio_csv(development: PortfolioDevelopment) -> str:
    codes = sorted({t.code for m in development.months for t in m.by_index})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "total", "factor", "fixed", *codes])
    for month in development.months:
        by_code = {t.code: t.amount for t in month.by_index}
        writer.writerow(
            [
                month.period,
                month.total,
                month.factor,
                month.fixed,
                *(by_code.get(c, "") for c in codes),
            ]
        )
    return "\ufeff" + out.getvalue()
