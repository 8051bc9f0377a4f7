"""HTTP routes of the catalogue."""

from fastapi import APIRouter

from app.dependencies import SessionDep
from app.errors import problem_responses
from app.indices import service
from app.indices.schemas import CostIndexRead

router = APIRouter(tags=["indices"], responses=problem_responses(401, 503))


@router.get("/indices", response_model=list[CostIndexRead], summary="The cost-index catalogue")
async def list_indices(session: SessionDep) -> list[CostIndexRead]:
    """Commodity, energy and labour indices that cost models are made of."""
    return await service.list_indices(session)
