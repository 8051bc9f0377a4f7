"""HTTP routes of corrections by people and of an article's history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from app.articles import corrections
from app.articles.correction_schemas import ArticleHistory, ArticlePatch, CostModelPut
from app.articles.router import ArticleId
from app.articles.schemas import Article
from app.auth.dependencies import PrincipalDep
from app.dependencies import ServicesDep, SessionDep
from app.errors import problem_responses

router = APIRouter(tags=["corrections"], responses=problem_responses(400, 401, 422, 503))
EDIT_ERRORS = problem_responses(404, 412)

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The ETag from GET /articles/{id}; a changed article answers 412.",
    ),
]


@router.patch(
    "/articles/{article_id}",
    response_model=Article,
    summary="Correct the weight, the materials or settle the review",
    responses=EDIT_ERRORS,
)
async def patch_article(
    article_id: ArticleId,
    body: ArticlePatch,
    session: SessionDep,
    services: ServicesDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatch = None,
) -> Article:
    """Only the fields sent change; each change is kept in the history with who made it."""
    article = await corrections.correct_article(
        session, article_id, principal, body, if_match=if_match, reprice=services.reprice
    )
    response.headers["ETag"] = corrections.article_etag(article)
    return article


@router.put(
    "/articles/{article_id}/cost-models",
    response_model=Article,
    summary="Set the cost model by hand (parts plus fixed share sum to 1)",
    responses=EDIT_ERRORS,
)
async def put_cost_model(
    article_id: ArticleId,
    body: CostModelPut,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatch = None,
) -> Article:
    """The parts become `manual` and stay through reprocessing unless discarded."""
    article = await corrections.put_cost_model(
        session, article_id, principal, body, if_match=if_match
    )
    response.headers["ETag"] = corrections.article_etag(article)
    return article


@router.get(
    "/articles/{article_id}/history",
    response_model=ArticleHistory,
    summary="Every correction: who, when, the field, before and after",
    responses=problem_responses(404),
)
async def article_history(
    article_id: ArticleId, session: SessionDep, principal: PrincipalDep
) -> ArticleHistory:
    """Oldest first."""
    return await corrections.get_history(session, article_id, principal.scope)
