"""The status fast path authenticates on the scope's raw headers: it must decide exactly as
the request-based check every route uses."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from app.auth.api_keys import ApiKeyRegistry
from app.auth.dependencies import Authenticator, Principal
from app.errors import UnauthorizedError

AUTHENTICATOR = Authenticator(api_keys=ApiKeyRegistry("team-a:key-a,team-b:key-b"), jwt=None)

CASES = [
    [(b"x-api-key", b"key-a")],
    [(b"x-api-key", b" key-b ")],
    [(b"authorization", b"Bearer key-b")],
    [(b"authorization", b"bearer  key-a ")],
    [(b"x-api-key", b"key-a"), (b"authorization", b"Bearer key-b")],  # the API key wins
    [(b"x-api-key", b"key-b"), (b"x-api-key", b"key-a")],  # the first of a name counts
    [(b"authorization", b"Basic a2V5LWE=")],
    [(b"x-api-key", b"")],
    [(b"x-api-key", b"wrong")],
    [(b"authorization", b"Bearer")],
    [],
]


async def decide(check: object) -> Principal | str:
    try:
        return await check  # type: ignore[misc, no-any-return]
    except UnauthorizedError as exc:
        return exc.detail


@pytest.mark.parametrize("headers", CASES)
async def test_raw_headers_decide_as_the_request_does(headers: list[tuple[bytes, bytes]]):
    request = Request({"type": "http", "headers": headers})
    by_request = await decide(AUTHENTICATOR.authenticate(request))
    by_raw = await decide(AUTHENTICATOR.authenticate_raw(headers))
    assert by_raw == by_request


async def test_the_cases_cover_both_outcomes():
    outcomes = [await decide(AUTHENTICATOR.authenticate_raw(headers)) for headers in CASES]
    assert {o.tenant for o in outcomes if isinstance(o, Principal)} == {"team-a", "team-b"}
    assert any(isinstance(o, str) for o in outcomes)
