"""HTTP routes of the catalogue: each tenant's own indices."""

from typing import Annotated, Literal

from fastapi import APIRouter, Body, File, Form, Path, Query, Request, Response, UploadFile, status

from app.auth.dependencies import PrincipalDep
from app.dependencies import SessionDep, SettingsDep, get_services
from app.errors import check_upload_size, problem_responses
from app.indices import service
from app.indices.imports import ParsedImport, parse_index_csv
from app.indices.schemas import (
    CostIndexCreate,
    CostIndexPatch,
    CostIndexRead,
    ImportResult,
    IndexValueInput,
    IndexValueRead,
    IndexValuesWritten,
)

router = APIRouter(tags=["indices"], responses=problem_responses(400, 401, 422, 503))
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


MAX_VALUES_PER_PUT = 100_000


@router.put(
    "/indices/{index_id}/values",
    response_model=IndexValuesWritten,
    summary="Insert or update monthly values of an index",
    responses=INDEX_ERRORS,
)
async def put_values(
    index_id: IndexId,
    session: SessionDep,
    principal: PrincipalDep,
    values: Annotated[list[IndexValueInput], Body(max_length=MAX_VALUES_PER_PUT)],
) -> IndexValuesWritten:
    """A list of `{period, value}`; a date counts for its month. Idempotent."""
    return await service.put_values(session, index_id, principal.tenant, values)


@router.get(
    "/indices/{index_id}/values",
    response_model=list[IndexValueRead],
    summary="Monthly values of an index, oldest first",
    responses=INDEX_ERRORS,
)
async def get_values(
    index_id: IndexId,
    session: SessionDep,
    principal: PrincipalDep,
    start: Annotated[str | None, Query(alias="from", max_length=32, examples=["2024-01"])] = None,
    end: Annotated[str | None, Query(alias="to", max_length=32, examples=["2026-10"])] = None,
) -> list[IndexValueRead]:
    """`from` and `to` are months (inclusive)."""
    return await service.get_values(
        session,
        index_id,
        principal.tenant,
        service.parse_month(start, "from"),
        service.parse_month(end, "to"),
    )


async def _parse(
    request: Request,
    data: bytes,
    code: str | None,
    fmt: str | None,
    catalogue: dict[str, int],
    codes: dict[str, str] | None,
) -> ParsedImport:
    """Parsing a large file is CPU work: in the parser process pool (a thread without one)."""
    extractor = get_services(request).extractor
    parsed: ParsedImport = await extractor.run_blocking(
        parse_index_csv, data, code, fmt, catalogue, codes
    )
    return parsed


@router.post(
    "/indices/import",
    response_model=ImportResult,
    summary="Import index values from a CSV file (generic, Eurostat, Destatis GENESIS, FRED)",
    responses=problem_responses(409, 413, 422),
)
async def import_values(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The CSV file.")],
    index_code: Annotated[
        str | None,
        Form(max_length=64, description="The index a one-series file is for."),
    ] = None,
    file_format: Annotated[
        Literal["generic", "eurostat", "genesis", "fred"] | None,
        Form(alias="format", description="Detected from the content when left out."),
    ] = None,
    dry_run: Annotated[
        bool, Form(description="Check and preview only; nothing is stored.")
    ] = False,
    codes: Annotated[
        str | None,
        Form(
            max_length=20_000,
            description="GENESIS: which index each value column is, a JSON object of column "
            'title (or number, from 1) → index code, e.g. {"GP19-24": "metals"}; only these '
            "columns are read. Without it each column's code is its title in lower case, "
            "other characters `_` (GP19-24 → gp19_24).",
        ),
    ] = None,
) -> ImportResult:
    """All or nothing: a bad row refuses the file with 422 listing the lines and reasons."""
    check_upload_size("file", file.size, settings.max_upload_bytes)
    column_codes = service.parse_codes(codes)
    data = await file.read()
    catalogue = await service.catalogue_ids(session, principal.tenant)
    parsed = await _parse(request, data, index_code or None, file_format, catalogue, column_codes)
    return await service.import_values(
        session, principal.tenant, parsed, catalogue, dry_run=dry_run
    )
