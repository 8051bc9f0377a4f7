"""The SQL of corrections by people: lock the article, write the values, keep the history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleChange, CostModel
from app.articles.repository import AnyRow


async def lock_article(session: AsyncSession, article_id: int, tenant: str | None) -> AnyRow | None:
    """The article's row, locked until the transaction ends: concurrent corrections queue up,
    so an `If-Match` check and the write that follows it see the same version."""
    articles = cast(Table, Article.__table__)
    query = select(articles).where(articles.c.id == article_id).with_for_update()
    if tenant is not None:
        query = query.where(articles.c.tenant == tenant)
    return (await session.execute(query)).first()


async def update_article(session: AsyncSession, article_id: int, values: dict[str, Any]) -> None:
    """Write corrected values; every correction moves the version (the ETag) and updated_at."""
    await session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(**values, version=Article.version + 1, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )


async def add_changes(session: AsyncSession, changes: Sequence[dict[str, Any]]) -> None:
    if changes:
        await session.execute(insert(ArticleChange), list(changes))


async def replace_cost_model(
    session: AsyncSession, article_id: int, rows: Sequence[dict[str, Any]]
) -> None:
    """The article's cost model becomes exactly these rows."""
    await session.execute(delete(CostModel).where(CostModel.article_id == article_id))
    if rows:
        await session.execute(
            insert(CostModel), [{"article_id": article_id, **row} for row in rows]
        )


async def history(session: AsyncSession, article_id: int) -> Sequence[AnyRow]:
    result = await session.execute(
        select(
            ArticleChange.id,
            ArticleChange.changed_at,
            ArticleChange.changed_by,
            ArticleChange.tenant,
            ArticleChange.field,
            ArticleChange.before,
            ArticleChange.after,
        )
        .where(ArticleChange.article_id == article_id)
        .order_by(ArticleChange.id)
    )
    return result.all()
