"""Every SQL statement the articles API needs; callers own the session and the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Row, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleFile, CostModel, ProcessingStatus
from app.indices.models import CostIndex

STATUS_COLUMNS = (
    Article.id,
    Article.processing_status,
    Article.processing_stage,
    Article.progress,
    Article.processing_error,
    Article.processing_error_code,
    Article.processing_started_at,
    Article.processing_completed_at,
    Article.updated_at,
)

# Statement built once: the status endpoint is the hottest path in the service.
_STATUS_BY_ID = select(*STATUS_COLUMNS).where(Article.id == bindparam("article_id"))

FILE_META_COLUMNS = (
    ArticleFile.role,
    ArticleFile.original_filename,
    ArticleFile.content_type,
    ArticleFile.size_bytes,
    ArticleFile.sha256,
    ArticleFile.content.is_(None).label("purged"),
)


@dataclass(frozen=True, slots=True)
class NewFile:
    role: str
    original_filename: str | None
    content_type: str | None
    sha256: str
    content: bytes


async def insert_article(
    session: AsyncSession, *, article_name: str, description: str | None, files: Sequence[NewFile]
) -> Article:
    article = Article(article_name=article_name, description=description)
    session.add(article)
    await session.flush()
    for file in files:
        session.add(
            ArticleFile(
                article_id=article.id,
                role=file.role,
                original_filename=file.original_filename,
                content_type=file.content_type,
                size_bytes=len(file.content),
                sha256=file.sha256,
                content=file.content,
            )
        )
    await session.flush()
    await session.refresh(article)
    return article


async def get_status(session: AsyncSession, article_id: int) -> Row[tuple[object, ...]] | None:
    """One primary-key lookup of the status columns: no file bytes, no joins."""
    result = await session.execute(_STATUS_BY_ID, {"article_id": article_id})
    return result.first()


async def get_article(session: AsyncSession, article_id: int) -> Article | None:
    return await session.get(Article, article_id)


async def get_file_meta(
    session: AsyncSession, article_id: int
) -> Sequence[Row[tuple[object, ...]]]:
    result = await session.execute(
        select(*FILE_META_COLUMNS)
        .where(ArticleFile.article_id == article_id)
        .order_by(ArticleFile.role.desc())
    )
    return result.all()


async def get_cost_models(
    session: AsyncSession, article_id: int
) -> Sequence[Row[tuple[int, str, str, str, float, float | None]]]:
    result = await session.execute(
        select(
            CostModel.index_id,
            CostIndex.code,
            CostIndex.name,
            CostIndex.category,
            CostModel.part,
            CostModel.quantity_g,
        )
        .join(CostIndex, CostIndex.id == CostModel.index_id)
        .where(CostModel.article_id == article_id)
        .order_by(CostModel.part.desc(), CostModel.index_id)
    )
    return result.all()


async def article_exists(session: AsyncSession, article_id: int) -> bool:
    result = await session.execute(select(Article.id).where(Article.id == article_id))
    return result.first() is not None


async def list_articles(
    session: AsyncSession, *, status: ProcessingStatus | None, limit: int, offset: int
) -> tuple[Sequence[Article], int]:
    query = select(Article)
    count = select(func.count()).select_from(Article)
    if status is not None:
        query = query.where(Article.processing_status == status.value)
        count = count.where(Article.processing_status == status.value)
    query = query.order_by(Article.created_at.desc(), Article.id.desc()).limit(limit).offset(offset)
    items = (await session.execute(query)).scalars().all()
    total = (await session.execute(count)).scalar_one()
    return items, total


async def delete_article(session: AsyncSession, article_id: int) -> bool:
    result = await session.execute(
        delete(Article).where(Article.id == article_id).returning(Article.id)
    )
    return result.first() is not None


async def requeue_finished(session: AsyncSession, article_id: int) -> Article | None:
    """Put a completed or failed article back to pending; None if it is not finished."""
    result = await session.execute(
        update(Article)
        .where(
            Article.id == article_id,
            Article.processing_status.in_(
                [ProcessingStatus.COMPLETED.value, ProcessingStatus.FAILED.value]
            ),
        )
        .values(
            processing_status=ProcessingStatus.PENDING.value,
            processing_stage=None,
            progress=0,
            processing_error=None,
            processing_error_code=None,
            processing_started_at=None,
            processing_completed_at=None,
            attempts=0,
            available_at=func.now(),
            updated_at=func.now(),
        )
        .returning(Article)
    )
    return result.scalars().first()
