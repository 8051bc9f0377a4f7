"""Corrections by people: a weight, materials, a cost model, a settled review.

What a person sets is kept apart from what the analysis found (`weight_manual`,
`manual_materials`, `manual_process`, `cost_model_manual`): the completion statement of a
reprocess leaves it alone, and the analysis cache only ever holds the analyzer's own answer.
Every change is recorded with who made it, when, and the value before and after. An article's
ETag moves with every change, so two people editing at once cannot overwrite each other
unknowingly (`If-Match`, 412 on a mismatch).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import null
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles import correction_queries as queries
from app.articles import repository, service
from app.articles.correction_schemas import (
    ArticleChangeRead,
    ArticleHistory,
    ArticlePatch,
    CostModelPut,
    MaterialInput,
)
from app.articles.manual import effective_materials, material_grams
from app.articles.offers import Repricer
from app.articles.schemas import Article
from app.auth.dependencies import Principal
from app.errors import DomainError, InvalidInputError, NotFoundError
from app.indices import repository as indices

SUM_TOLERANCE = 1e-6
PRICE_FIELDS = ("price", "currency", "price_date", "price_unit")
# What the computed cost model depends on: changing one prices the article again.
PRICED_FIELDS = frozenset({"unit_weight", "manual_materials", "manual_process", *PRICE_FIELDS})
MATERIAL_CATEGORIES = frozenset({"metal", "polymer", "other"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


class PreconditionFailedError(DomainError):
    status_code = 412
    type_slug = "precondition-failed"


def etag(version: int, updated_at: datetime) -> str:
    """Strong validator of the whole article: the correction count and the last change."""
    micros = (updated_at - _EPOCH) // _MICROSECOND
    return f'"{version}.{micros:x}"'


def article_etag(article: Article) -> str:
    return etag(article.version, article.updated_at)


def actor(principal: Principal) -> str:
    """Who a history entry names: the tenant with the key's fingerprint or the token subject."""
    if principal.kind == "open":
        return "anonymous"
    return f"{principal.tenant}/{principal.subject or principal.kind}"


def _check_if_match(if_match: str | None, current: str) -> None:
    if if_match is None:
        return
    tags = {tag.strip() for tag in if_match.split(",")}
    if "*" in tags or current in tags or f"W/{current}" in tags:
        return
    raise PreconditionFailedError(
        "The article changed since you read it; load it again and reapply your change.",
        errors=[
            {
                "field": "If-Match",
                "location": "header",
                "message": f"the article's ETag is now {current}",
                "type": "precondition_failed",
            }
        ],
    )


def _invalid(field: str, message: str) -> InvalidInputError:
    return InvalidInputError(
        f"Invalid request: {field}",
        errors=[{"field": field, "location": "body", "message": message, "type": "value_error"}],
    )


async def _catalogue(session: AsyncSession, tenant: str) -> dict[str, indices.IndexRef]:
    return await indices.refs_by_code(session, tenant)


def _materials(
    materials: Sequence[MaterialInput], catalogue: Mapping[str, indices.IndexRef]
) -> list[dict[str, Any]]:
    total = 0.0
    for number, material in enumerate(materials):
        if material.index_code not in catalogue:
            raise _invalid(
                f"materials[{number}].index_code",
                f"'{material.index_code}' is not an index of your catalogue",
            )
        total += material.mass_share or 0.0
    if total > 1 + SUM_TOLERANCE:
        raise _invalid("materials", f"the mass shares sum to {total:.6g}, more than 1")
    return [m.model_dump() for m in materials]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _price_changes(row: Mapping[str, Any], patch: ArticlePatch, sent: set[str]) -> dict[str, Any]:
    """The price fields that change; a price needs a currency and a date."""
    changed = {
        f: getattr(patch, f) for f in PRICE_FIELDS if f in sent and getattr(patch, f) != row[f]
    }
    merged = {f: changed.get(f, row[f]) for f in PRICE_FIELDS}
    if merged["price"] is not None:
        for needed in ("currency", "price_date"):
            if merged[needed] is None:
                raise _invalid(needed, "needed with a price")
    return changed


async def _locked(
    session: AsyncSession, article_id: int, tenant: str | None, if_match: str | None
) -> Mapping[str, Any]:
    row = await queries.lock_article(session, article_id, tenant)
    if row is None:
        raise NotFoundError(f"Article {article_id} does not exist.")
    values: dict[str, Any] = dict(row._mapping)
    _check_if_match(if_match, etag(values["version"], values["updated_at"]))
    return values


def _change(
    row: Mapping[str, Any], who: str, field: str, before: Any, after: Any
) -> dict[str, Any]:
    return {
        "article_id": row["id"],
        "tenant": row["tenant"],
        "changed_by": who,
        "field": field,
        "before": before,
        "after": after,
    }


async def correct_article(
    session: AsyncSession,
    article_id: int,
    principal: Principal,
    patch: ArticlePatch,
    *,
    if_match: str | None,
    reprice: Repricer,
) -> Article:
    """Apply the fields sent; each one that changes is recorded in the history (and
    `reprice` prices the article again when a field its price depends on changed)."""
    row = await _locked(session, article_id, principal.scope, if_match)
    who = actor(principal)
    sent = patch.model_fields_set
    values: dict[str, Any] = {}
    changes: list[dict[str, Any]] = []
    if "unit_weight" in sent:
        before = row["unit_weight"]
        if before != patch.unit_weight or not row["weight_manual"]:
            values.update(unit_weight=patch.unit_weight, weight_manual=True)
            changes.append(_change(row, who, "unit_weight", before, patch.unit_weight))
    if "materials" in sent:
        if patch.materials is None:
            raise _invalid("materials", "a list (empty for none), not null")
        materials = _materials(patch.materials, await _catalogue(session, row["tenant"]))
        before_materials = effective_materials(row)
        if materials != before_materials or row["manual_materials"] is None:
            values["manual_materials"] = materials
            changes.append(_change(row, who, "materials", before_materials, materials))
    if "process" in sent and patch.process != row["manual_process"]:
        # null: the analysis's process again (the history shows what was in force before).
        before_process = row["manual_process"] or (row["extracted_metadata"] or {}).get("process")
        values["manual_process"] = patch.process
        changes.append(_change(row, who, "process", before_process, patch.process))
    price_values = _price_changes(row, patch, sent)
    for field, after in price_values.items():
        changes.append(_change(row, who, field, _jsonable(row[field]), _jsonable(after)))
    values.update(price_values)
    if "needs_review" in sent:
        if patch.needs_review is None:
            raise _invalid("needs_review", "true or false, not null")
        if patch.needs_review != row["needs_review"]:
            values["needs_review"] = patch.needs_review
            changes.append(
                _change(row, who, "needs_review", row["needs_review"], patch.needs_review)
            )
        if not patch.needs_review:
            values.update(reviewed_at=datetime.now(UTC), reviewed_by=who)
    if values:
        await queries.update_article(session, article_id, values)
        await queries.add_changes(session, changes)
        if PRICED_FIELDS & values.keys():
            await reprice(session, article_id)
        await session.commit()
    return await service.get_article(session, article_id, None)


async def put_cost_model(
    session: AsyncSession,
    article_id: int,
    principal: Principal,
    body: CostModelPut,
    *,
    if_match: str | None,
) -> Article:
    """Replace the cost model by a person's; it stays through reprocessing (`manual`)."""
    row = await _locked(session, article_id, principal.scope, if_match)
    catalogue = await _catalogue(session, row["tenant"])
    seen: set[str] = set()
    for number, part in enumerate(body.parts):
        if part.index_code not in catalogue:
            raise _invalid(
                f"parts[{number}].index_code",
                f"'{part.index_code}' is not an index of your catalogue",
            )
        if part.index_code in seen:
            raise _invalid(f"parts[{number}].index_code", f"'{part.index_code}' appears twice")
        seen.add(part.index_code)
    total = sum(part.part for part in body.parts) + body.fixed_share
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise _invalid(
            "parts", f"the parts and the fixed share sum to {total:.9g}, not 1 (± {SUM_TOLERANCE})"
        )
    grams = material_grams(row["unit_weight"], effective_materials(row))
    before = await service.get_cost_models(session, article_id, None, check_exists=False)
    await queries.replace_cost_model(
        session,
        article_id,
        [
            {
                "index_id": catalogue[part.index_code].id,
                "part": part.part,
                "quantity_g": grams.get(part.index_code)
                if catalogue[part.index_code].category in MATERIAL_CATEGORIES
                else None,
                "source": "manual",
            }
            for part in body.parts
        ],
    )
    await queries.update_article(
        session, article_id, {"cost_model_manual": True, "fixed_share": body.fixed_share}
    )
    await queries.add_changes(
        session,
        [
            _change(
                row,
                actor(principal),
                "cost_model",
                {
                    "parts": [{"index_code": e.index_code, "part": e.part} for e in before],
                    "fixed_share": row["fixed_share"],
                },
                {"parts": [p.model_dump() for p in body.parts], "fixed_share": body.fixed_share},
            )
        ],
    )
    await session.commit()
    return await service.get_article(session, article_id, None)


async def discard_corrections(session: AsyncSession, article_id: int, principal: Principal) -> None:
    """Before a reprocess that should start from the analysis alone: forget the manual values
    (recorded in the history). Only a finished article's (the reprocess refuses the others);
    the caller commits before requeueing, which writes the same row on another connection."""
    row = await _locked(session, article_id, principal.scope, None)
    if row["processing_status"] not in ("completed", "failed"):
        return
    manual = {
        "unit_weight": row["unit_weight"] if row["weight_manual"] else None,
        "materials": row["manual_materials"],
        "cost_model": bool(row["cost_model_manual"]),
        "fixed_share": row["fixed_share"],
        "process": row["manual_process"],
    }
    if not (
        row["weight_manual"]
        or row["manual_materials"] is not None
        or row["cost_model_manual"]
        or row["manual_process"] is not None
    ):
        return
    await queries.update_article(
        session,
        article_id,
        {
            "weight_manual": False,
            "manual_materials": null(),
            "cost_model_manual": False,
            "manual_process": None,
            "fixed_share": 0.0,
        },
    )
    await queries.add_changes(
        session, [_change(row, actor(principal), "corrections_discarded", manual, None)]
    )


async def get_history(session: AsyncSession, article_id: int, tenant: str | None) -> ArticleHistory:
    if not await repository.article_exists(session, article_id, tenant):
        raise NotFoundError(f"Article {article_id} does not exist.")
    rows = await queries.history(session, article_id)
    return ArticleHistory(items=[ArticleChangeRead.model_validate(r._mapping) for r in rows])
