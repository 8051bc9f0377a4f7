"""Which errors mean "the database is unreachable" (503 for the API, a retry for a job)."""

from __future__ import annotations

import asyncpg
import pytest

from app.errors import is_database_unavailable


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        ConnectionRefusedError(111, "refused"),
    ],
)
def test_lost_connections_and_shutdowns_are_unavailability(exc: BaseException):
    assert is_database_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.UniqueViolationError("duplicate key"),
        asyncpg.exceptions.UndefinedColumnError("no such column"),
        ValueError("a bug"),
    ],
)
def test_query_errors_are_not(exc: BaseException):
    assert not is_database_unavailable(exc)
