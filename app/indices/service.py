"""The cost-index catalogue as the API and the analyzers see it: each tenant's own.

A tenant starts with the default catalogue, copied on its first use (idempotently); from then
on it is the tenant's data. An index a cost model uses cannot be deleted: no cost model ever
points at nothing.
"""

from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from app.analyzers.base import CatalogueIndex
from app.errors import ConflictError, InvalidInputError, NotFoundError
from app.indices import repository
from app.indices.schemas import CostIndexCreate, CostIndexPatch, CostIndexRead

REQUIRED_ON_PATCH = frozenset({"name", "unit", "category"})


def _not_found(index_id: int) -> NotFoundError:
    return NotFoundError(f"Index {index_id} does not exist.")


def _taken(field: str, value: str | None) -> ConflictError:
    return ConflictError(
        f"Your catalogue already has an index with this {field}.",
        errors=[
            {
                "field": field,
                "location": "body",
                "message": f"'{value}' is taken",
                "type": "duplicate",
            }
        ],
    )


async def list_indices(session: AsyncSession, tenant: str) -> list[CostIndexRead]:
    await repository.ensure_seeded(session, tenant)
    indices = [
        CostIndexRead.model_validate(i) for i in await repository.list_indices(session, tenant)
    ]
    await session.commit()
    return indices


async def get_index(session: AsyncSession, index_id: int, tenant: str) -> CostIndexRead:
    await repository.ensure_seeded(session, tenant)
    index = await repository.get_index(session, index_id, tenant)
    if index is None:
        raise _not_found(index_id)
    await session.commit()
    return CostIndexRead.model_validate(index)


async def create_index(session: AsyncSession, tenant: str, body: CostIndexCreate) -> CostIndexRead:
    await repository.ensure_seeded(session, tenant)
    clash = await repository.taken(session, tenant, code=body.code, name=body.name)
    if clash is not None:
        raise _taken(clash, getattr(body, clash))
    index = await repository.insert_index(session, tenant, body.model_dump(mode="json"))
    created = CostIndexRead.model_validate(index)
    await session.commit()
    return created


async def update_index(
    session: AsyncSession, index_id: int, tenant: str, body: CostIndexPatch
) -> CostIndexRead:
    await repository.ensure_seeded(session, tenant)
    if await repository.get_index(session, index_id, tenant) is None:
        raise _not_found(index_id)
    values = body.model_dump(mode="json", exclude_unset=True)
    for field in REQUIRED_ON_PATCH & values.keys():
        if values[field] is None:
            raise InvalidInputError(
                f"Invalid request: {field}",
                errors=[
                    {
                        "field": field,
                        "location": "body",
                        "message": "must not be null",
                        "type": "value_error",
                    }
                ],
            )
    if "name" in values and (
        await repository.taken(session, tenant, code=None, name=values["name"], other_than=index_id)
    ):
        raise _taken("name", values["name"])
    if values:
        await repository.update_index(session, index_id, values)
    index = await repository.get_index(session, index_id, tenant)
    assert index is not None
    await session.refresh(index)
    updated = CostIndexRead.model_validate(index)
    await session.commit()
    return updated


async def delete_index(session: AsyncSession, index_id: int, tenant: str) -> None:
    """409 while a cost model uses it: delete or correct those cost models first."""
    if await repository.get_index(session, index_id, tenant) is None:
        raise _not_found(index_id)
    used = await repository.in_use(session, index_id)
    if used:
        raise ConflictError(
            f"Index {index_id} is used by {used} cost-model part(s); it cannot be deleted."
        )
    await repository.delete_index(session, index_id)
    await session.commit()


async def load_catalogue_for_article(
    pool: asyncpg.Pool, article_id: int
) -> tuple[CatalogueIndex, ...]:
    """The catalogue handed to the analyzers: the article's tenant's (seeded if new)."""
    return tuple(
        CatalogueIndex(
            id=row["id"],
            code=row["code"],
            name=row["name"],
            unit=row["unit"],
            category=row["category"],
        )
        for row in await repository.catalogue_for_article(pool, article_id)
    )
