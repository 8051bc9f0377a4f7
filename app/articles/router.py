"""HTTP routes of the articles API: parse the request, call the service, shape the response."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile, status

from app.articles import service
from app.articles.models import FileRole, ProcessingStatus
from app.articles.schemas import Article, ArticlePage, ArticleStatus, CostModelEntry
from app.dependencies import SessionDep, SettingsDep, wake_processor

router = APIRouter(tags=["articles"])

ArticleId = Annotated[int, Path(description="The article's id.", ge=1, le=2_147_483_647)]


async def _read_upload(
    field: str, role: FileRole, upload: UploadFile, max_bytes: int
) -> service.Upload:
    service.check_upload_size(field, upload.size, max_bytes)
    content = await upload.read()
    return service.Upload(
        field=field,
        role=role,
        filename=upload.filename,
        content_type=upload.content_type,
        content=content,
    )


@router.post(
    "/analyze",
    status_code=status.HTTP_201_CREATED,
    response_model=Article,
    summary="Upload a specification (and optional drawing); analysis starts in the background",
)
async def analyze(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    article_name: Annotated[str, Form(alias="articleName", min_length=1, max_length=255)],
    product_specification: Annotated[UploadFile, File(alias="productSpecification")],
    description: Annotated[str | None, Form(max_length=10_000)] = None,
    drawing: Annotated[UploadFile | None, File()] = None,
) -> Article:
    """Store the article as `pending` and return at once; poll its status URL for progress."""
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
    article = await service.create_article(
        session,
        article_name=article_name,
        description=description,
        uploads=uploads,
        max_upload_bytes=settings.max_upload_bytes,
    )
    wake_processor(request)
    base = f"{settings.api_prefix}/articles/{article.id}"
    response.headers["Location"] = base
    response.headers["Content-Location"] = base
    response.headers["Link"] = f'<{base}/status>; rel="status"'
    return article


@router.get("/articles", response_model=ArticlePage, summary="List articles, newest first")
async def list_articles(
    session: SessionDep,
    status_filter: Annotated[
        ProcessingStatus | None, Query(alias="status", description="Only this status.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ArticlePage:
    """A page of articles without their metadata and cost models."""
    return await service.list_articles(session, status=status_filter, limit=limit, offset=offset)


@router.get(
    "/articles/{article_id}/status",
    response_model=ArticleStatus,
    summary="Processing status (cheap; poll this)",
)
async def article_status(article_id: ArticleId, session: SessionDep) -> Response:
    """One primary-key query; `updated_at` moves with every stage, so progress and hangs differ."""
    article_status = await service.get_status(session, article_id)
    # Serialised directly: this endpoint is polled by every open tab every few seconds.
    return Response(orjson.dumps(article_status.model_dump()), media_type="application/json")


@router.get("/articles/{article_id}", response_model=Article, summary="The full article")
async def get_article(article_id: ArticleId, session: SessionDep) -> Article:
    """Unit weight (kg) with its evidence, materials, document facts and the cost model."""
    return await service.get_article(session, article_id)


@router.get(
    "/articles/{article_id}/cost-models",
    response_model=list[CostModelEntry],
    summary="The article's cost model",
)
async def get_cost_models(article_id: ArticleId, session: SessionDep) -> list[CostModelEntry]:
    """The index shares of the article's cost; they sum to 1 once the article is completed."""
    return await service.get_cost_models(session, article_id)


@router.delete(
    "/articles/{article_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an article with its files and cost model",
)
async def delete_article(article_id: ArticleId, session: SessionDep) -> Response:
    """A job working on it stops at its next stage."""
    await service.delete_article(session, article_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/articles/{article_id}/reprocess",
    response_model=Article,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Analyse a completed or failed article again",
)
async def reprocess_article(
    request: Request, article_id: ArticleId, session: SessionDep
) -> Article:
    """409 while it is pending or processing."""
    article = await service.reprocess_article(session, article_id)
    wake_processor(request)
    return article
