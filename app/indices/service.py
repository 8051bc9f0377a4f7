"""The cost-index catalogue as the API and the analyzers see it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.analyzers.base import CatalogueIndex
from app.indices import repository
from app.indices.schemas import CostIndexRead


async def list_indices(session: AsyncSession) -> list[CostIndexRead]:
    return [CostIndexRead.model_validate(index) for index in await repository.list_indices(session)]


async def load_catalogue(session: AsyncSession) -> tuple[CatalogueIndex, ...]:
    """The catalogue handed to analyzers, which map materials onto index codes."""
    return tuple(
        CatalogueIndex(
            id=index.id, code=index.code, name=index.name, unit=index.unit, category=index.category
        )
        for index in await repository.list_indices(session)
    )
