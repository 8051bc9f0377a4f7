"""HTTP routes of the catalogue: each tenant's own indices."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from app.auth.dependencies import PrincipalDep
from app.dependencies import SessionDep
from app.errors import problem_responses
from app.indices import service
from app.indices.schemas import CostIndexCreate, CostIndexPatch, CostIndexRead

router = APIRouter(tags=["indices"], responses=problem_responses(401, 503))
INDEX_ERRORS = problem_responses(404, 422)

IndexId = Annotated[int, Path(description="The index's id.", ge=1, le=2_147_483_647)]


@router.get("/indices", response_model=list[CostIndexRead], summary="Your cost-index catalogue")
async def list_indices(session: SessionDep, principal: PrincipalDep) -> list[CostIndexRead]:
    """Commodity, energy and labour indices that cost models are made of."""
    return await service.list_indices(session, principal.tenant)


@router.post(
    "/indices",
    response_model=CostIndexRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add an index to your catalogue",
    responses=problem_responses(409, 422),
)
async def create_index(
    body: CostIndexCreate, session: SessionDep, principal: PrincipalDep, response: Response
) -> CostIndexRead:
    """409 when the code or the name is already in your catalogue."""
    created = await service.create_index(session, principal.tenant, body)
    response.headers["Location"] = f"indices/{created.id}"
    return created


@router.get(
    "/indices/{index_id}", response_model=CostIndexRead, summary="One index", responses=INDEX_ERRORS
)
async def get_index(
    index_id: IndexId, session: SessionDep, principal: PrincipalDep
) -> CostIndexRead:
    """404 for an index of another tenant."""
    return await service.get_index(session, index_id, principal.tenant)


@router.patch(
    "/indices/{index_id}",
    response_model=CostIndexRead,
    summary="Change an index's name, unit, category, currency, source or description",
    responses=problem_responses(404, 409, 422),
)
async def update_index(
    index_id: IndexId, body: CostIndexPatch, session: SessionDep, principal: PrincipalDep
) -> CostIndexRead:
    """The code is stable: cost models and analyzers refer to it."""
    return await service.update_index(session, index_id, principal.tenant, body)


@router.delete(
    "/indices/{index_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an index no cost model uses",
    responses=problem_responses(404, 409),
)
async def delete_index(index_id: IndexId, session: SessionDep, principal: PrincipalDep) -> Response:
    """409 while a cost model uses it."""
    await service.delete_index(session, index_id, principal.tenant)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
