"""Domain errors and their RFC 9457 problem+json rendering; every error response has one shape."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class DomainError(Exception):
    """Raised by services; routes never build HTTP errors themselves."""

    status_code = 400
    type_slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class UnauthorizedError(DomainError):
    status_code = 401
    type_slug = "unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="cost-model-service"'})


class TooManyRequestsError(DomainError):
    status_code = 429
    type_slug = "rate-limited"


class NotFoundError(DomainError):
    status_code = 404
    type_slug = "not-found"


class ConflictError(DomainError):
    status_code = 409
    type_slug = "conflict"


class PayloadTooLargeError(DomainError):
    status_code = 413
    type_slug = "payload-too-large"


class UnsupportedMediaTypeError(DomainError):
    status_code = 415
    type_slug = "unsupported-media-type"


class InvalidInputError(DomainError):
    status_code = 422
    type_slug = "validation-error"


class ServiceUnavailableError(DomainError):
    status_code = 503
    type_slug = "service-unavailable"


def problem_response(
    status: int,
    detail: str,
    *,
    type_slug: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": f"/problems/{type_slug or phrase.lower().replace(' ', '-')}",
        "title": phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        errors.append(
            {
                "field": _field_name(loc),
                "location": str(loc[0]) if loc else "body",
                "message": str(error.get("msg", "invalid value")),
                "type": str(error.get("type", "value_error")),
            }
        )
    return errors


def is_database_unavailable(exc: BaseException) -> bool:
    """True for errors that mean "the database is unreachable", as opposed to a bad query."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    # The raw asyncpg pools: a lost connection (08) or a server shutting down or starting (57).
    asyncpg_unreachable = (
        asyncpg.exceptions.PostgresConnectionError | asyncpg.exceptions.OperatorInterventionError
    )
    return isinstance(
        exc, PoolTimeoutError | ConnectionError | TimeoutError | OSError | asyncpg_unreachable
    )


def install_error_handlers(app: FastAPI) -> None:
    async def domain_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return problem_response(
            exc.status_code,
            exc.detail,
            type_slug=exc.type_slug,
            errors=exc.errors,
            headers=exc.headers,
            instance=request.url.path,
        )

    async def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = validation_errors(exc)
        fields = ", ".join(sorted({e["field"] for e in errors}))
        return problem_response(
            422,
            f"Invalid request: {fields}",
            type_slug="validation-error",
            errors=errors,
            instance=request.url.path,
        )

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return problem_response(
            exc.status_code,
            str(exc.detail),
            headers=dict(exc.headers) if exc.headers else None,
            instance=request.url.path,
        )

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_database_unavailable(exc):
            logger.warning("database unavailable: %s", exc.__class__.__name__)
            return problem_response(
                503,
                "The database is unavailable; retry shortly.",
                type_slug="service-unavailable",
                headers={"Retry-After": "2"},
                instance=request.url.path,
            )
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "Internal error.", instance=request.url.path)

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    # Database outages are handled here (not only by the catch-all, which re-raises to the server).
    for exc_class in (
        DBAPIError,
        PoolTimeoutError,
        OSError,
        TimeoutError,
        asyncpg.exceptions.PostgresError,
        Exception,
    ):
        app.add_exception_handler(exc_class, unexpected)


class ProblemFieldError(BaseModel):
    field: str
    location: str
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details: the body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemFieldError] | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses, all `application/problem+json` with `Problem`."""
    descriptions = {
        400: "Malformed request body (e.g. broken multipart)",
        401: "Missing or invalid API key or token",
        404: "No such article (or not yours)",
        409: "Conflict with the article's current state",
        413: "Upload larger than CMS_MAX_UPLOAD_BYTES",
        415: "Unsupported media type",
        422: "Invalid field; `errors` names it",
        429: "Rate limited; see Retry-After",
        503: "Database unavailable; see Retry-After",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
