"""Which errors mean "the database is unreachable" (503 for the API, a retry for a job)."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from app.errors import PROBLEM_TYPES, is_database_unavailable, problem_response


def _wrapped(error: Exception) -> DBAPIError:
    """What SQLAlchemy's asyncpg dialect raises: a generic DBAPIError around an adapted error."""
    adapted = AsyncAdapt_asyncpg_dbapi.Error(str(error), error)
    adapted.__cause__ = error
    return DBAPIError("SELECT 1", None, adapted)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.exceptions.InterfaceError("connection is closed"),
        ConnectionRefusedError(111, "refused"),
        TimeoutError(),  # asyncpg pool acquire timeout
        PoolTimeoutError("QueuePool limit reached"),
        # The restart finding: "the database system is shutting down" (57P03) reaches the
        # ORM path as a plain DBAPIError, not an OperationalError.
        _wrapped(asyncpg.exceptions.CannotConnectNowError("the database system is shutting down")),
        _wrapped(asyncpg.exceptions.TooManyConnectionsError("too many connections")),
        _wrapped(asyncpg.exceptions.InterfaceError("connection is closed")),
    ],
    ids=repr,
)
def test_lost_connections_and_shutdowns_are_unavailability(exc: BaseException):
    assert is_database_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.UniqueViolationError("duplicate key"),
        asyncpg.exceptions.UndefinedColumnError("no such column"),
        asyncpg.exceptions.InterfaceError(
            "cannot perform operation: another operation is in progress"
        ),
        _wrapped(asyncpg.exceptions.UniqueViolationError("duplicate key")),
        _wrapped(asyncpg.exceptions.CharacterNotInRepertoireError("invalid byte sequence 0x00")),
        ValueError("a bug"),
    ],
    ids=repr,
)
def test_query_errors_are_not(exc: BaseException):
    assert not is_database_unavailable(exc)


def test_a_cycle_of_causes_ends():
    first, second = ValueError("a"), ValueError("b")
    first.__cause__, second.__cause__ = second, first
    assert not is_database_unavailable(first)


def test_problem_types_are_absolute_uris_with_a_title_of_their_own():
    response = problem_response(404, "Article 9 does not exist.", base_uri="https://x.test/p/")
    assert response.body.startswith(b'{"type":"https://x.test/p/not-found","title":"Not found"')
    for slug, problem in PROBLEM_TYPES.items():
        assert problem.slug == slug and problem.title and problem.description
