"""The one timestamp format of the API: RFC 3339 in UTC with `Z` and microseconds.

Every endpoint, the status fast path and the SSE events write `2026-12-01T09:30:00.123456Z`:
always six fractional digits (a client can compare the strings), never `+00:00`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema

TIMESTAMP_EXAMPLE = "2026-12-01T09:30:00.123456Z"


def format_timestamp(value: datetime) -> str:
    """RFC 3339 UTC with `Z`; a naive datetime is taken to be UTC (PostgreSQL `timestamptz`
    always comes back aware, so that only happens for values made in code)."""
    if value.tzinfo is not UTC:
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    # isoformat is about twice as fast as strftime; the status fast path renders three.
    return value.isoformat(timespec="microseconds")[:-6] + "Z"


def format_optional_timestamp(value: datetime | None) -> str | None:
    return None if value is None else format_timestamp(value)


UtcDatetime = Annotated[
    datetime,
    PlainSerializer(format_timestamp, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": [TIMESTAMP_EXAMPLE]},
        mode="serialization",
    ),
]
