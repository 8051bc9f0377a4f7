"""HTTP routes of the articles API: parse the request, call the service, shape the response."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    File,
    Form,
    Header,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)

from app.articles import corrections, long_poll, offers, service
from app.articles.corrections import article_etag
from app.articles.models import FileRole, ProcessingStatus
from app.articles.schemas import Article, ArticlePage, ArticleStatus, CostModelEntry, StatusBatch
from app.articles.status_fast_path import render_status
from app.auth.dependencies import PrincipalDep
from app.db import request_session
from app.dependencies import (
    ServicesDep,
    SessionDep,
)
from app.errors import InvalidInputError, check_upload_size, problem_responses
from app.limits.dependencies import check_rate
from app.limits.service import Action

logger = logging.getLogger(__name__)
router = APIRouter(tags=["articles"], responses=problem_responses(401, 422, 503))
ARTICLE_ERRORS = problem_responses(404)


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "string"}}


CREATED_HEADERS = {
    "Location": _header("The article: `{prefix}/articles/{id}`."),
    "X-Status-URL": _header("Where to poll the status."),
    "Link": _header('`<…/status>; rel="status", <…/events>; rel="events"`.'),
    "Idempotent-Replayed": _header(
        "`true` when an Idempotency-Key returned the article created the first time."
    ),
}
STATUS_HEADERS = {
    "ETag": _header("A tag of this status; send it back in If-None-Match."),
    "Retry-After": _header("While not finished: seconds until the next poll is worthwhile."),
    "Cache-Control": _header("`no-cache`."),
}

ArticleId = Annotated[int, Path(description="The article's id.", ge=1, le=2_147_483_647)]
MAX_BATCH = 100


async def _read_upload(
    field: str, role: FileRole, upload: UploadFile, max_bytes: int
) -> service.Upload:
    check_upload_size(field, upload.size, max_bytes)
    return service.Upload(
        field=field,
        role=role,
        filename=upload.filename,
        content_type=upload.content_type,
        size=upload.size or 0,
        source=upload,
    )


@router.post(
    "/analyze",
    status_code=status.HTTP_201_CREATED,
    response_model=Article,
    summary="Upload a specification (and optional drawing); analysis starts in the background",
    responses={
        201: {"description": "Stored as `pending`; analysis follows", "headers": CREATED_HEADERS},
        **problem_responses(400, 409, 413, 429),
    },
)
async def analyze(
    request: Request,
    services: ServicesDep,
    principal: PrincipalDep,
    article_name: Annotated[str, Form(alias="articleName", min_length=1, max_length=255)],
    product_specification: Annotated[UploadFile, File(alias="productSpecification")],
    description: Annotated[str | None, Form(max_length=10_000)] = None,
    drawing: Annotated[UploadFile | None, File()] = None,
    price: Annotated[
        float | None, Form(gt=0, allow_inf_nan=False, description="The agreed price.")
    ] = None,
    currency: Annotated[
        str | None, Form(pattern=r"^[A-Z]{3}$", description="ISO 4217; needed with a price.")
    ] = None,
    price_date: Annotated[
        date | None, Form(alias="priceDate", description="When agreed; default today.")
    ] = None,
    price_unit: Annotated[
        Literal["piece", "100", "1000"] | None,
        Form(alias="priceUnit", description="Per piece (default), per 100 or per 1000."),
    ] = None,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            pattern=r"^[\x20-\x7e]+$",  # printable ASCII: compared exactly, never cleaned
            description="Retry-safe uploads: the same key within 24 h returns the first article.",
        ),
    ] = None,
) -> Response:
    """Store the article as `pending` and return at once; poll its status URL for progress."""
    # A session is opened only when the upload needs one (see service.create_article), and
    # the response is the model's own JSON: this route takes the whole burst of an import.
    settings = services.settings
    await check_rate(services, principal.tenant, Action.UPLOAD)
    offer = offers.Offer.checked(price, currency, price_date, price_unit)
    uploads = [
        await _read_upload(
            "productSpecification",
            FileRole.SPECIFICATION,
            product_specification,
            settings.max_upload_bytes,
        )
    ]
    # A browser form with no drawing chosen sends an empty, nameless part: that means "none".
    if drawing is not None and (drawing.filename or (drawing.size or 0) > 0):
        uploads.append(
            await _read_upload("drawing", FileRole.DRAWING, drawing, settings.max_upload_bytes)
        )
    created = await service.create_article(
        services.database.sessions,
        tenant=principal.tenant,
        article_name=article_name,
        description=description,
        uploads=uploads,
        max_upload_bytes=settings.max_upload_bytes,
        idempotency_key=idempotency_key,
        pool=services.database.pools.uploads,
    )
    article = created.article
    if offer is not None and not created.replayed:
        async with request_session(services.database.sessions) as session:
            article = await offers.set_offer(session, article.id, offer, services.reprice)
    base = f"{settings.api_prefix}/articles/{article.id}"
    headers = {
        "location": base,
        "link": f'<{base}/status>; rel="status", <{base}/events>; rel="events"',
        "x-status-url": f"{base}/status",
    }
    if created.replayed:
        headers["idempotent-replayed"] = "true"
    else:
        logger.info("article created", extra={"article_id": article.id})
        services.processor.wake()
    return Response(
        article.model_dump_json(),
        status_code=status.HTTP_201_CREATED,
        headers=headers,
        media_type="application/json",
    )


@router.get("/articles", response_model=ArticlePage, summary="List articles, newest first")
async def list_articles(
    session: SessionDep,
    principal: PrincipalDep,
    status_filter: Annotated[
        ProcessingStatus | None, Query(alias="status", description="Only this status.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    needs_review: Annotated[
        bool | None, Query(description="true: the review queue; false: settled ones.")
    ] = None,
) -> ArticlePage:
    """A page of articles without their metadata and cost models."""
    return await service.list_articles(
        session,
        tenant=principal.scope,
        status=status_filter,
        limit=limit,
        offset=offset,
        needs_review=needs_review,
    )


def _parse_ids(raw: str) -> list[int]:
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        ids = []
    problem = None
    if not ids:
        problem = "a comma-separated list of article ids, e.g. 1,2,3"
    elif len(ids) > MAX_BATCH:
        problem = f"at most {MAX_BATCH} ids"
    elif not all(1 <= i <= 2_147_483_647 for i in ids):
        problem = "ids are positive integers"
    if problem:
        raise InvalidInputError(
            "Invalid request: ids",
            errors=[
                {"field": "ids", "location": "query", "message": problem, "type": "value_error"}
            ],
        )
    return list(dict.fromkeys(ids))


@router.get(
    "/articles/status",
    response_model=StatusBatch,
    summary="Statuses of up to 100 articles in one query",
)
async def batch_status(
    session: SessionDep,
    principal: PrincipalDep,
    ids: Annotated[str, Query(description="Comma-separated ids, at most 100.", max_length=1200)],
) -> StatusBatch:
    """For a list page watching many articles: one query, unknown ids listed in `missing`."""
    return await service.get_statuses(session, _parse_ids(ids), principal.scope)


@router.get(
    "/articles/{article_id}/status",
    response_model=ArticleStatus,
    summary="Processing status (cheap; poll this)",
    responses={
        200: {"description": "The status", "headers": STATUS_HEADERS},
        304: {
            "description": "Unchanged since the ETag sent in If-None-Match",
            "headers": STATUS_HEADERS,
        },
        **ARTICLE_ERRORS,
        **problem_responses(429),
    },
)
async def article_status(
    services: ServicesDep,
    article_id: ArticleId,
    session: SessionDep,
    principal: PrincipalDep,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
    wait: Annotated[
        float | None,
        Query(
            gt=0,
            le=60,
            description="Long-poll: answer at the next change (relative to If-None-Match), "
            "or after this many seconds with the current status.",
        ),
    ] = None,
) -> Response:
    """One primary-key query; answers 304 to an unchanged ETag and hints `Retry-After`.

    Usually answered before reaching here by `StatusFastPath`, which renders the same way.
    With `wait` it long-polls (429 when `CMS_MAX_LONG_POLL_WAITERS` are already waiting).
    """
    if wait is not None:
        code, body, headers = await long_poll.wait_for_change(
            article_id=article_id,
            tenant=principal.scope,
            wait_s=wait,
            if_none_match=if_none_match,
            broadcaster=services.broadcaster,
            sessions=services.database.sessions,
        )
        return Response(body, status_code=code, headers=headers)
    article_status = await service.get_status(session, article_id, principal.scope)
    code, body, headers = render_status(article_status.model_dump(), if_none_match)
    return Response(body, status_code=code, headers=headers)


@router.get(
    "/articles/{article_id}",
    response_model=Article,
    summary="The full article",
    responses=ARTICLE_ERRORS,
)
async def get_article(
    article_id: ArticleId, session: SessionDep, principal: PrincipalDep, response: Response
) -> Article:
    """Unit weight (kg) with its evidence, materials, document facts and the cost model.

    The `ETag` goes back in `If-Match` on PATCH and PUT cost-models."""
    article = await service.get_article(session, article_id, principal.scope)
    response.headers["ETag"] = article_etag(article)
    return article


@router.get(
    "/articles/{article_id}/cost-models",
    response_model=list[CostModelEntry],
    summary="The article's cost model",
    responses=ARTICLE_ERRORS,
)
async def get_cost_models(
    article_id: ArticleId, session: SessionDep, principal: PrincipalDep
) -> list[CostModelEntry]:
    """The index shares of the article's cost; they sum to 1 once the article is completed."""
    return await service.get_cost_models(session, article_id, principal.scope)


@router.delete(
    "/articles/{article_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an article with its files and cost model",
    responses=ARTICLE_ERRORS,
)
async def delete_article(
    article_id: ArticleId, services: ServicesDep, principal: PrincipalDep
) -> Response:
    """A job working on it stops at its next stage."""
    await service.delete_article(services.jobs, article_id, principal.scope)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/articles/{article_id}/reprocess",
    response_model=Article,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Analyse a completed or failed article again",
    responses=problem_responses(404, 409, 429),
)
async def reprocess_article(
    article_id: ArticleId,
    services: ServicesDep,
    session: SessionDep,
    principal: PrincipalDep,
    discard_corrections: Annotated[
        bool, Query(description="Forget the values people set; else they are kept.")
    ] = False,
) -> Article:
    """409 while it is pending or processing; corrections by people are kept unless discarded.

    Limited per tenant (`CMS_RATE_LIMIT_REPROCESS`)."""
    await check_rate(services, principal.tenant, Action.REPROCESS)
    if discard_corrections:
        await corrections.discard_corrections(session, article_id, principal)
        await session.commit()  # the requeue writes the row through the job store's own pool
    article = await service.reprocess_article(services.jobs, session, article_id, principal.scope)
    services.processor.wake()
    return article


@router.post(
    "/articles/{article_id}/cancel",
    response_model=Article,
    summary="Stop a pending or processing article",
    responses=problem_responses(404, 409),
)
async def cancel_article(
    article_id: ArticleId, services: ServicesDep, session: SessionDep, principal: PrincipalDep
) -> Article:
    """It ends `failed` with `processing_error` "cancelled"; 409 if it already finished."""
    return await service.cancel_article(services.jobs, session, article_id, principal.scope)
