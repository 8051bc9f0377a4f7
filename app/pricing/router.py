"""HTTP routes of price development (JSON, or a CSV table with `Accept: text/csv`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from app.articles.router import ArticleId
from app.auth.dependencies import PrincipalDep
from app.dependencies import SessionDep
from app.errors import problem_responses
from app.pricing import development
from app.pricing.schemas import PortfolioDevelopment, PortfolioRequest, PriceDevelopment

router = APIRouter(tags=["pricing"], responses=problem_responses(400, 401, 422, 503))
CSV = {"content": {"text/csv": {}}, "description": "The same as a table (Accept: text/csv)"}
Month = Annotated[str | None, Query(max_length=32, examples=["2024-01"])]


def _wants_csv(accept: str | None) -> bool:
    return accept is not None and "text/csv" in accept


@router.get(
    "/articles/{article_id}/price-development",
    response_model=PriceDevelopment,
    summary="The article's price month by month as its indices moved",
    responses={200: CSV, **problem_responses(404)},
)
async def article_price_development(
    article_id: ArticleId,
    session: SessionDep,
    principal: PrincipalDep,
    start: Annotated[str | None, Query(alias="from", max_length=32)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=32)] = None,
    base_period: Month = None,
    base_price: Annotated[float | None, Query(gt=0, allow_inf_nan=False)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> PriceDevelopment | Response:
    """P(t) = P0 · (a + Σ bᵢ · Iᵢ(t)/Iᵢ(base)); the base month defaults to the price date."""
    result = await development.article_development(
        session,
        article_id,
        principal.scope,
        start=start,
        end=end,
        base_period=base_period,
        base_price=base_price,
    )
    if _wants_csv(accept):
        return Response(development.article_csv(result), media_type="text/csv; charset=utf-8")
    return result


@router.post(
    "/price-development",
    response_model=PortfolioDevelopment,
    summary="The price development of many articles, with totals by index",
    responses={200: CSV},
)
async def portfolio_price_development(
    body: PortfolioRequest,
    session: SessionDep,
    principal: PrincipalDep,
    accept: Annotated[str | None, Header()] = None,
) -> PortfolioDevelopment | Response:
    """Articles by `ids` or by `filter`; each counts with one piece at its base price."""
    result = await development.portfolio_development(session, principal.scope, body)
    if _wants_csv(accept):
        return Response(development.portfolio_csv(result), media_type="text/csv; charset=utf-8")
    return result
