"""Domain errors and their RFC 9457 problem+json rendering; every error response has one shape."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
# Seconds a client should wait before retrying while the database is away.
RETRY_AFTER_S = "2"


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


def check_upload_size(field: str, size: int | None, max_bytes: int) -> None:
    """413 for a file larger than the limit (every upload route: articles, index imports)."""
    if size is not None and size > max_bytes:
        raise PayloadTooLargeError(
            f"{field} is {size} bytes; the limit is {max_bytes} bytes.",
            errors=[
                {
                    "field": field,
                    "location": "body",
                    "message": f"file larger than {max_bytes} bytes",
                    "type": "too_large",
                }
            ],
        )


class UnsupportedMediaTypeError(DomainError):
    status_code = 415
    type_slug = "unsupported-media-type"


class InvalidInputError(DomainError):
    status_code = 422
    type_slug = "validation-error"


class ServiceUnavailableError(DomainError):
    status_code = 503
    type_slug = "service-unavailable"


DEFAULT_PROBLEM_BASE_URI = "https://cost-model-service.example/problems/"


@dataclass(frozen=True, slots=True)
class ProblemType:
    slug: str
    status: int
    title: str
    description: str


# Every problem `type` the service answers with; `GET /problems/{slug}` describes each and the
# README's error table lists them. A type URI is `CMS_PROBLEM_BASE_URI` + slug.
PROBLEM_TYPES: dict[str, ProblemType] = {
    p.slug: p
    for p in (
        ProblemType("bad-request", 400, "Bad request", "The request body is malformed."),
        ProblemType("unauthorized", 401, "Not authenticated", "No, or no valid, API key or token."),
        ProblemType(
            "not-found", 404, "Not found", "No such route, or no such article for your tenant."
        ),
        ProblemType(
            "method-not-allowed", 405, "Method not allowed", "The route exists, not this method."
        ),
        ProblemType(
            "not-acceptable", 406, "Not acceptable", "No representation matches the Accept header."
        ),
        ProblemType(
            "request-timeout", 408, "Request timeout", "The request body arrived too slowly."
        ),
        ProblemType(
            "request-header-fields-too-large",
            431,
            "Request header fields too large",
            "Headers over CMS_MAX_HEADER_BYTES or more than CMS_MAX_HEADER_COUNT fields.",
        ),
        ProblemType(
            "conflict", 409, "Conflict", "The article's state, or an Idempotency-Key, conflicts."
        ),
        ProblemType(
            "precondition-failed",
            412,
            "Precondition failed",
            "If-Match names an older version of the article: read it again, then retry.",
        ),
        ProblemType(
            "payload-too-large", 413, "Payload too large", "A file is over CMS_MAX_UPLOAD_BYTES."
        ),
        ProblemType(
            "unsupported-media-type", 415, "Unsupported media type", "Send multipart/form-data."
        ),
        ProblemType("validation-error", 422, "Invalid request", "A field is missing or invalid."),
        ProblemType("rate-limited", 429, "Too many requests", "Wait for Retry-After seconds."),
        ProblemType("internal-error", 500, "Internal error", "A bug; the log has details."),
        ProblemType(
            "service-unavailable",
            503,
            "Service unavailable",
            "The database is unreachable; retry after Retry-After seconds.",
        ),
    )
}
PROBLEM_SLUG_BY_STATUS = {p.status: p.slug for p in PROBLEM_TYPES.values()}


def problem_type_uri(slug: str, base_uri: str = DEFAULT_PROBLEM_BASE_URI) -> str:
    return f"{base_uri.rstrip('/')}/{slug}"


def problem_response(
    status: int,
    detail: str,
    *,
    type_slug: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
    base_uri: str = DEFAULT_PROBLEM_BASE_URI,
) -> JSONResponse:
    """The problem+json response; `type` is an absolute URI, `title` the type's title."""
    phrase = HTTPStatus(status).phrase
    slug = type_slug or PROBLEM_SLUG_BY_STATUS.get(status) or phrase.lower().replace(" ", "-")
    known = PROBLEM_TYPES.get(slug)
    body: dict[str, Any] = {
        "type": problem_type_uri(slug, base_uri),
        "title": known.title if known is not None else phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _base_uri(request: Request) -> str:
    settings = getattr(request.app.state, "settings", None)
    return str(getattr(settings, "problem_base_uri", DEFAULT_PROBLEM_BASE_URI))


def database_unavailable_response(
    instance: str | None = None, base_uri: str = DEFAULT_PROBLEM_BASE_URI
) -> JSONResponse:
    """The one 503 answer for a database outage, on every path."""
    return problem_response(
        503,
        "The database is unavailable; retry shortly.",
        type_slug="service-unavailable",
        headers={"Retry-After": RETRY_AFTER_S},
        instance=instance,
        base_uri=base_uri,
    )


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


# SQLSTATE classes that mean "no database to talk to", whatever the query: 08 connection
# exception, 57 operator intervention (shutting down, starting up, terminated by an admin),
# and 53300 too_many_connections.
UNAVAILABLE_SQLSTATE_CLASSES = ("08", "57")
UNAVAILABLE_SQLSTATES = frozenset({"53300"})
# How far down a chain of wrapped exceptions (`.orig`, `__cause__`) we look.
MAX_CAUSE_DEPTH = 8


def _unavailable_by_itself(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeoutError):
        return True
    sqlstate = getattr(exc, "sqlstate", None)
    if isinstance(sqlstate, str) and (
        sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES or sqlstate in UNAVAILABLE_SQLSTATES
    ):
        return True
    if isinstance(exc, asyncpg.exceptions.InterfaceError):
        # asyncpg says "connection is closed" / "connection was closed in the middle of
        # operation"; its other interface errors ("another operation is in progress") are bugs.
        return "closed" in str(exc)
    return isinstance(exc, OSError | TimeoutError)


def is_database_unavailable(exc: BaseException) -> bool:
    """True for errors that mean "the database is unreachable", as opposed to a bad query.

    The one classification for every path (ORM sessions, raw asyncpg pools, the status fast
    path, LISTEN, the job processor): SQLAlchemy wraps asyncpg's errors, sometimes as a plain
    `DBAPIError` (a server shutting down, 57P03), so the wrapped error (`.orig`) and the
    explicit cause are looked at too, by SQLSTATE class rather than by exception type.
    """
    pending: list[BaseException] = [exc]
    seen = 0
    while pending and seen < MAX_CAUSE_DEPTH:
        current = pending.pop()
        seen += 1
        if _unavailable_by_itself(current):
            return True
        orig = getattr(current, "orig", None)
        pending.extend(e for e in (orig, current.__cause__) if isinstance(e, BaseException))
    return False


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
            base_uri=_base_uri(request),
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
            base_uri=_base_uri(request),
        )

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return problem_response(
            exc.status_code,
            str(exc.detail),
            headers=dict(exc.headers) if exc.headers else None,
            instance=request.url.path,
            base_uri=_base_uri(request),
        )

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_database_unavailable(exc):
            logger.warning("database unavailable: %s", exc.__class__.__name__)
            return database_unavailable_response(request.url.path, _base_uri(request))
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            500, "Internal error.", instance=request.url.path, base_uri=_base_uri(request)
        )

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    # Database outages are answered here (the catch-all `Exception` handler answers too, but
    # then re-raises to the server, which logs a traceback for an outage).
    for exc_class in (
        SQLAlchemyError,
        OSError,
        TimeoutError,
        asyncpg.exceptions.PostgresError,
        asyncpg.exceptions.InterfaceError,
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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": problem_type_uri("validation-error"),
                    "title": "Invalid request",
                    "status": 422,
                    "detail": "Invalid request: articleName",
                    "instance": "/api/analyze",
                    "errors": [
                        {
                            "field": "articleName",
                            "location": "body",
                            "message": "must not be empty or blank",
                            "type": "value_error",
                        }
                    ],
                }
            ]
        }
    )

    type: str = Field(
        description="An absolute URI naming the problem type (CMS_PROBLEM_BASE_URI + slug); "
        "`GET /problems/{slug}` describes it."
    )
    title: str = Field(description="The problem type's short, fixed title.")
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What went wrong with this request, readable.")
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[ProblemFieldError] | None = Field(
        default=None, description="For 422 (and 413): one entry per offending field."
    )


class ProblemTypeInfo(BaseModel):
    """What a problem type URI resolves to."""

    type: str
    slug: str
    status: int
    title: str
    description: str


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "string"}}


RETRY_AFTER_HEADER = _header("Seconds to wait before trying again.")
ERROR_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": _header('`Bearer realm="cost-model-service"`')},
    429: {"Retry-After": RETRY_AFTER_HEADER},
    503: {"Retry-After": RETRY_AFTER_HEADER},
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses, all `application/problem+json` with `Problem`."""
    descriptions = {
        400: "Malformed request body (e.g. broken multipart)",
        401: "Missing or invalid API key or token",
        404: "No such article (or not yours)",
        409: "Conflict with the article's current state",
        412: "If-Match names an older version of the article",
        413: "Upload larger than CMS_MAX_UPLOAD_BYTES",
        415: "Unsupported media type",
        422: "Invalid field; `errors` names it",
        429: "Rate limited; see Retry-After",
        503: "Database unavailable; see Retry-After",
    }
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {
            "model": Problem,
            "description": descriptions[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if status in ERROR_HEADERS:
            entry["headers"] = ERROR_HEADERS[status]
        responses[status] = entry
    return responses
