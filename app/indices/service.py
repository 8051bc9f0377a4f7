"""The cost-index catalogue as the API and the analyzers see it: each tenant's own.

A tenant starts with the default catalogue, copied on its first use (idempotently); from then
on it is the tenant's data. An index a cost model uses cannot be deleted: no cost model ever
points at nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated

import asyncpg
from pydantic import Field, StringConstraints, TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.analyzers.base import CatalogueIndex
from app.errors import ConflictError, InvalidInputError, NotFoundError
from app.indices import repository
from app.indices.imports import MAX_ERRORS, BadRowError, ParsedImport, month_of
from app.indices.schemas import (
    CostIndexCreate,
    CostIndexPatch,
    CostIndexRead,
    ImportedSeries,
    ImportResult,
    IndexValueInput,
    IndexValueRead,
    IndexValuesWritten,
)

REQUIRED_ON_PATCH = frozenset({"name", "unit", "category"})
MAX_LISTED = MAX_ERRORS


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
    try:
        index = await repository.insert_index(session, tenant, body.model_dump(mode="json"))
        created = CostIndexRead.model_validate(index)
        await session.commit()
    except IntegrityError:  # the same code or name, created at the same moment
        await session.rollback()
        raise _taken("code", body.code) from None
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
        try:
            await repository.update_index(session, index_id, values)
        except IntegrityError:
            await session.rollback()
            raise _taken("name", values.get("name")) from None
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
    try:
        await repository.delete_index(session, index_id)
        await session.commit()
    except IntegrityError:  # a cost model started using it meanwhile
        await session.rollback()
        raise ConflictError(
            f"Index {index_id} is used by a cost model; it cannot be deleted."
        ) from None


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


def _bad_rows(rows: Sequence[tuple[int, str]], total: int) -> InvalidInputError:
    shown = len(rows)
    more = f" (the first {shown} are listed)" if total > shown else ""
    return InvalidInputError(
        f"The file has {total} bad row(s){more}; nothing was imported.",
        errors=[
            {
                "field": "file",
                "location": "body",
                "line": line,
                "message": f"line {line}: {reason}",
                "type": "bad_row",
            }
            for line, reason in rows
        ],
    )


def _month(text: str, field: str) -> date:
    try:
        return date.fromisoformat(month_of(text))
    except BadRowError as exc:
        raise InvalidInputError(
            f"Invalid request: {field}",
            errors=[
                {"field": field, "location": "body", "message": str(exc), "type": "value_error"}
            ],
        ) from None


def parse_month(text: str | None, field: str) -> date | None:
    """A month from the query string (`from`, `to`, `base_period`)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(month_of(text))
    except BadRowError as exc:
        raise InvalidInputError(
            f"Invalid request: {field}",
            errors=[
                {"field": field, "location": "query", "message": str(exc), "type": "value_error"}
            ],
        ) from None


async def _own_index(session: AsyncSession, index_id: int, tenant: str) -> None:
    if await repository.get_index(session, index_id, tenant) is None:
        raise _not_found(index_id)


async def put_values(
    session: AsyncSession, index_id: int, tenant: str, items: Sequence[IndexValueInput]
) -> IndexValuesWritten:
    """Upsert monthly values; sending the same list twice changes nothing."""
    await _own_index(session, index_id, tenant)
    by_month: dict[date, float] = {}
    for number, item in enumerate(items):
        month = _month(item.period, f"[{number}].period")
        if month in by_month:
            raise InvalidInputError(
                f"Invalid request: [{number}].period",
                errors=[
                    {
                        "field": f"[{number}].period",
                        "location": "body",
                        "message": f"a second value for {month:%Y-%m}",
                        "type": "duplicate",
                    }
                ],
            )
        by_month[month] = item.value
    await repository.upsert_values(session, index_id, list(by_month), list(by_month.values()))
    await session.commit()
    return IndexValuesWritten(index_id=index_id, written=len(by_month))


async def get_values(
    session: AsyncSession, index_id: int, tenant: str, start: date | None, end: date | None
) -> list[IndexValueRead]:
    await _own_index(session, index_id, tenant)
    return [
        IndexValueRead(period=f"{period:%Y-%m}", value=value)
        for period, value in await repository.list_values(session, index_id, start, end)
    ]


_Title = Annotated[str, StringConstraints(min_length=1, max_length=255)]
_Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
# The `codes` form field: column title (or 1-based number) → index code, at least one.
_CODES: TypeAdapter[dict[str, str]] = TypeAdapter(
    Annotated[dict[_Title, _Code], Field(min_length=1, max_length=1000)]
)
_CODES_EXAMPLE = 'a JSON object of column title → index code, e.g. {"GP19-24": "metals"}'


def parse_codes(text: str | None) -> dict[str, str] | None:
    """The `codes` form field: a JSON object, column title (or number) → index code; 422
    naming what is wrong (not JSON, not an object, an empty title, a code that is no string)."""
    if not text or not text.strip():
        return None
    try:
        return _CODES.validate_json(text, strict=True)
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False)[:MAX_ERRORS]:
            loc = [part for part in error["loc"] if part != "[key]"]
            what = (
                "the column title: "
                if "[key]" in error["loc"]
                else "the index code: "
                if loc
                else ""
            )
            where = "".join(f"[{json.dumps(part, ensure_ascii=False)}]" for part in loc)
            errors.append(
                {
                    "field": f"codes{where}",
                    "location": "body",
                    "message": f"{what}{error['msg'][0].lower()}{error['msg'][1:]} "
                    f"({_CODES_EXAMPLE})",
                    "type": "value_error",
                }
            )
        raise InvalidInputError("Invalid request: codes", errors=errors) from None


async def catalogue_ids(session: AsyncSession, tenant: str) -> dict[str, int]:
    """The codes an import may name, read before the file is parsed (and the connection
    given back meanwhile: parsing a large file takes seconds)."""
    ids = await repository.catalogue_ids(session, tenant)
    await session.commit()
    return ids


async def import_values(
    session: AsyncSession,
    tenant: str,
    parsed: ParsedImport,
    catalogue: Mapping[str, int],
    *,
    dry_run: bool,
) -> ImportResult:
    """Store a parsed file in one transaction: a bad row, an unknown code or a month given
    twice refuses the whole file (422 with the lines). `catalogue` is what the parser mapped
    codes with."""
    if parsed.error_count:
        raise _bad_rows(parsed.errors, parsed.error_count)
    if parsed.unknown:
        raise _bad_rows(
            [
                (line, f"'{code}' is not an index of your catalogue (create it first)")
                for line, code in parsed.unknown[:MAX_LISTED]
            ],
            len(parsed.unknown),
        )
    ids = {s.code: catalogue[s.code] for s in parsed.series}
    changed = None
    if not dry_run:
        try:
            changed = await repository.import_rows(
                session,
                tenant,
                ids,
                [
                    (
                        ids[s.code],
                        date.fromisoformat(f"{s.first}-01"),
                        date.fromisoformat(f"{s.last}-01"),
                    )
                    for s in parsed.series
                ],
                parsed.copy_data,
            )
        except repository.CatalogueChangedError:
            await session.rollback()
            raise ConflictError(
                "An index of the file was deleted or re-created during the import; "
                "nothing was imported. Send the file again."
            ) from None
        await session.commit()
    return ImportResult(
        format=parsed.format,
        dry_run=dry_run,
        imported=parsed.count,
        changed=changed,
        series=[
            ImportedSeries(
                code=s.code,
                index_id=ids[s.code],
                first=s.first,
                last=s.last,
                count=s.count,
                column=parsed.columns.get(s.code),
            )
            for s in parsed.series
        ],
        skipped_columns=parsed.skipped,
    )
