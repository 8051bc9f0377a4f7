"""API keys, OIDC bearer tokens and tenant isolation."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx2
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.support import running_app

SPEC = b"Datasheet\nNet weight: 12 g\nMaterial: POM\n"
KEYS = "team-a:key-aaaa,team-b:key-bbbb"
ISSUER = "https://idp.test"
AUDIENCE = "cost-model-api"


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def _upload(client: httpx2.AsyncClient, headers: dict[str, str]) -> httpx2.Response:
    return await client.post(
        "/api/analyze",
        data={"articleName": "Clip"},
        files={"productSpecification": ("s.txt", SPEC)},
        headers=headers,
    )


@pytest.fixture
async def keyed_client(
    migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    async with running_app(make_settings(migrated_url, api_keys=KEYS)) as (_, client):
        yield client


async def test_missing_or_wrong_key_is_401(keyed_client: httpx2.AsyncClient):
    for headers in ({}, _auth("nope"), {"X-API-Key": "nope"}, {"Authorization": "Basic abc"}):
        response = await keyed_client.get("/api/articles", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await _upload(keyed_client, {})).status_code == 401


async def test_bearer_and_x_api_key_both_work(keyed_client: httpx2.AsyncClient):
    assert (await keyed_client.get("/api/articles", headers=_auth("key-aaaa"))).status_code == 200
    response = await keyed_client.get("/api/indices", headers={"X-API-Key": "key-bbbb"})
    assert response.status_code == 200


async def test_health_ready_and_docs_stay_open(keyed_client: httpx2.AsyncClient):
    assert (await keyed_client.get("/health")).status_code == 200
    assert (await keyed_client.get("/ready")).status_code == 200
    assert (await keyed_client.get("/openapi.json")).status_code == 200


async def test_tenants_never_see_each_others_articles(keyed_client: httpx2.AsyncClient):
    a, b = _auth("key-aaaa"), _auth("key-bbbb")
    created = await _upload(keyed_client, a)
    assert created.status_code == 201
    article_id = created.json()["id"]
    await wait_terminal_as(keyed_client, article_id, a)

    for method, path in [
        ("GET", f"/api/articles/{article_id}"),
        ("GET", f"/api/articles/{article_id}/status"),
        ("GET", f"/api/articles/{article_id}/cost-models"),
        ("GET", f"/api/articles/{article_id}/events"),
        ("POST", f"/api/articles/{article_id}/reprocess"),
        ("POST", f"/api/articles/{article_id}/cancel"),
        ("DELETE", f"/api/articles/{article_id}"),
    ]:
        response = await keyed_client.request(method, path, headers=b)
        assert response.status_code == 404, (method, path, response.status_code)

    assert (await keyed_client.get("/api/articles", headers=b)).json()["total"] == 0
    batch = (await keyed_client.get(f"/api/articles/status?ids={article_id}", headers=b)).json()
    assert batch == {"items": [], "missing": [article_id]}
    # and the owner still has it, untouched
    own = await keyed_client.get(f"/api/articles/{article_id}", headers=a)
    assert own.status_code == 200
    assert own.json()["processing_status"] == "completed"
    assert (await keyed_client.get("/api/articles", headers=a)).json()["total"] == 1


async def test_same_idempotency_key_is_per_tenant(keyed_client: httpx2.AsyncClient):
    key = {"Idempotency-Key": "shared"}
    first = await _upload(keyed_client, {**_auth("key-aaaa"), **key})
    second = await _upload(keyed_client, {**_auth("key-bbbb"), **key})
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


async def wait_terminal_as(
    client: httpx2.AsyncClient, article_id: int, headers: dict[str, str]
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = (await client.get(f"/api/articles/{article_id}/status", headers=headers)).json()
        if status["processing_status"] in ("completed", "failed"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not terminal")


# --- OIDC bearer tokens -------------------------------------------------------------------


class IdentityProvider:
    """A local JWKS endpoint with keys the test generates and rotates."""

    def __init__(self) -> None:
        self.keys: dict[str, Any] = {}
        self.published: list[str] = []
        self.delay_s = 0.0  # a slow identity provider
        self.requests = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.requests += 1
                time.sleep(provider.delay_s)
                body = json.dumps(
                    {
                        "keys": [
                            {
                                **json.loads(RSAAlgorithm.to_jwk(provider.keys[k].public_key())),
                                "kid": k,
                                "use": "sig",
                                "alg": "RS256",
                            }
                            for k in provider.published
                        ]
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add_key(self, kid: str, *, publish: bool = True) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)

    def token(self, kid: str, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "user-1",
            "iat": now,
            "exp": now + 300,
            "org": "team-a",
            **claims,
        }
        return jwt.encode(payload, self.keys[kid], algorithm="RS256", headers={"kid": kid})


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    provider = IdentityProvider()
    provider.add_key("k1")
    yield provider
    provider.server.shutdown()


@pytest.fixture
async def oidc_client(
    migrated_url: str, db_engine: AsyncEngine, idp: IdentityProvider
) -> AsyncIterator[httpx2.AsyncClient]:
    settings = make_settings(
        migrated_url,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        jwt_jwks_url=idp.url,
        jwt_tenant_claim="org",
        api_keys="svc:service-key",
    )
    async with running_app(settings) as (_, client):
        yield client


async def test_valid_token_is_accepted_and_names_the_tenant(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider
):
    token = idp.token("k1", org="team-a")
    created = await _upload(oidc_client, _auth(token))
    assert created.status_code == 201
    article_id = created.json()["id"]
    other = idp.token("k1", org="team-b")
    assert (
        await oidc_client.get(f"/api/articles/{article_id}", headers=_auth(other))
    ).status_code == 404
    assert (
        await oidc_client.get(f"/api/articles/{article_id}", headers=_auth(token))
    ).status_code == 200
    # an API key of another tenant does not see it either, and API keys still work
    assert (
        await oidc_client.get(f"/api/articles/{article_id}", headers=_auth("service-key"))
    ).status_code == 404


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"exp": int(time.time()) - 120}, "expired"),
        ({"aud": "someone-else"}, "audience"),
        ({"iss": "https://evil.test"}, "issuer"),
        ({"org": None}, "org"),
    ],
)
async def test_invalid_tokens_are_401(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider, claims: dict, reason: str
):
    token = idp.token("k1", **claims)
    response = await oidc_client.get("/api/articles", headers=_auth(token))
    assert response.status_code == 401
    assert reason in response.json()["detail"]


async def test_token_signed_by_an_unknown_key_is_401(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider
):
    idp.add_key("rogue", publish=False)
    response = await oidc_client.get("/api/articles", headers=_auth(idp.token("rogue")))
    assert response.status_code == 401


async def test_tampered_token_is_401(oidc_client: httpx2.AsyncClient, idp: IdentityProvider):
    header, _payload, signature = idp.token("k1").split(".")
    forged = jwt.utils.base64url_encode(
        json.dumps({"iss": ISSUER, "aud": AUDIENCE, "org": "team-b", "exp": 9999999999}).encode()
    ).decode()
    response = await oidc_client.get(
        "/api/articles", headers=_auth(f"{header}.{forged}.{signature}")
    )
    assert response.status_code == 401


async def test_rotated_keys_are_picked_up_without_restart(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("app.auth.jwt.REFETCH_MIN_INTERVAL_S", 0.0)
    assert (
        await oidc_client.get("/api/articles", headers=_auth(idp.token("k1")))
    ).status_code == 200
    idp.add_key("k2")  # the provider rotates: a new key appears in the JWKS
    response = await oidc_client.get("/api/articles", headers=_auth(idp.token("k2")))
    assert response.status_code == 200


async def test_x_api_key_is_trimmed_like_the_bearer_value(keyed_client: httpx2.AsyncClient):
    for value in ("key-aaaa ", " key-aaaa", "key-aaaa\t"):
        response = await keyed_client.get("/api/articles", headers={"X-API-Key": value})
        assert response.status_code == 200, repr(value)


# --- tenant claims: refused when they do not fit, never cut ---------------------------------


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        ("a" * 65, "longer than 64"),
        ("", "empty"),
        (123, "not a string"),
        (["team-a"], "not a string"),
        ("team a", "may only contain"),
        (" team-a", "may only contain"),
        ("team-a\u0000", "may only contain"),
        ("t\u00e9am", "may only contain"),
    ],
)
async def test_tenant_claims_that_do_not_fit_are_401(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider, claim: object, reason: str
):
    response = await oidc_client.get("/api/articles", headers=_auth(idp.token("k1", org=claim)))
    assert response.status_code == 401
    assert reason in response.json()["detail"]


async def test_two_long_claims_sharing_64_characters_stay_two_tenants(
    oidc_client: httpx2.AsyncClient, idp: IdentityProvider
):
    prefix = "x" * 64
    exact = await _upload(oidc_client, _auth(idp.token("k1", org=prefix)))
    assert exact.status_code == 201  # 64 characters fit
    for longer in (prefix + "1", prefix + "2"):
        response = await _upload(oidc_client, _auth(idp.token("k1", org=longer)))
        assert response.status_code == 401  # not cut down to the tenant above


@pytest.fixture
async def mixed_client(
    request: pytest.FixtureRequest,
    migrated_url: str,
    db_engine: AsyncEngine,
    idp: IdentityProvider,
) -> AsyncIterator[httpx2.AsyncClient]:
    """API keys and tokens side by side, with CMS_TENANT_NAMESPACES from the parameter."""
    settings = make_settings(
        migrated_url,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        jwt_jwks_url=idp.url,
        jwt_tenant_claim="org",
        api_keys=KEYS,
        tenant_namespaces=request.param,
    )
    async with running_app(settings) as (_, client):
        yield client


@pytest.mark.parametrize("mixed_client", ["shared"], indirect=True)
async def test_shared_namespaces_let_a_key_tenant_and_its_sso_claim_see_the_same_articles(
    mixed_client: httpx2.AsyncClient, idp: IdentityProvider
):
    created = await _upload(mixed_client, _auth("key-aaaa"))
    article_id = created.json()["id"]
    token = _auth(idp.token("k1", org="team-a"))
    assert (await mixed_client.get(f"/api/articles/{article_id}", headers=token)).status_code == 200
    other = _auth(idp.token("k1", org="team-b"))
    assert (await mixed_client.get(f"/api/articles/{article_id}", headers=other)).status_code == 404


@pytest.mark.parametrize("mixed_client", ["separate"], indirect=True)
async def test_separate_namespaces_keep_a_key_tenant_and_a_same_named_claim_apart(
    mixed_client: httpx2.AsyncClient, idp: IdentityProvider
):
    by_key = (await _upload(mixed_client, _auth("key-aaaa"))).json()["id"]
    token = _auth(idp.token("k1", org="team-a"))
    by_token = (await _upload(mixed_client, token)).json()["id"]
    assert (await mixed_client.get(f"/api/articles/{by_key}", headers=token)).status_code == 404
    key = _auth("key-aaaa")
    assert (await mixed_client.get(f"/api/articles/{by_token}", headers=key)).status_code == 404
    assert (await mixed_client.get(f"/api/articles/{by_token}", headers=token)).status_code == 200
    # The prefix counts against the 64 characters: a 60-character claim no longer fits.
    long_token = _auth(idp.token("k1", org="y" * 60))
    assert (await mixed_client.get("/api/articles", headers=long_token)).status_code == 401


def test_api_key_tenants_follow_the_same_rules():
    from app.auth.api_keys import ApiKeyError, ApiKeyRegistry

    for spec in ("a b:key", f"{'t' * 65}:key", "t\u00e9:key"):
        with pytest.raises(ApiKeyError):
            ApiKeyRegistry(spec)
    assert ApiKeyRegistry("org_1.x@y-z:key").tenant_for("key") == "org_1.x@y-z"


# --- JWKS: single-flight refresh, negative cache ---------------------------------------------


def _verifier(
    idp: IdentityProvider,
    http: httpx2.AsyncClient,
    cache_s: float = 300.0,
    clock: Callable[[], float] = time.time,
) -> Any:
    from app.auth.jwt import JwtVerifier

    return JwtVerifier(
        issuer=ISSUER,
        audience=AUDIENCE,
        jwks_url=idp.url,
        tenant_claim="org",
        algorithms=["RS256"],
        cache_s=cache_s,
        http=http,
        clock=clock,
    )


async def test_a_verified_token_is_recalled_until_its_key_leaves_the_set(idp: IdentityProvider):
    from app.auth.jwt import TokenError

    token = idp.token("k1")
    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http, cache_s=0.05)
        assert await verifier.tenant_of(token) == ("team-a", "user-1")
        assert await verifier.tenant_of(token) == ("team-a", "user-1")
        assert verifier.verifications == 1  # the second from memory
        idp.add_key("k2")
        idp.published = ["k2"]  # the provider retires k1
        await asyncio.sleep(0.1)  # our key set is stale now
        assert await verifier.tenant_of(token) == ("team-a", "user-1")  # k1 is still ours
        refresh = verifier._inflight
        assert refresh is not None
        await refresh  # the background refresh has fetched the set without k1
        with pytest.raises(TokenError, match="unknown key"):
            await verifier.tenant_of(token)
        assert await verifier.tenant_of(idp.token("k2")) == ("team-a", "user-1")


async def test_a_recalled_verification_ends_when_the_token_expires(idp: IdentityProvider):
    from app.auth.jwt import LEEWAY_S

    now = [time.time()]
    token = idp.token("k1", exp=int(now[0]) + 300)
    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http, clock=lambda: now[0])
        await verifier.tenant_of(token)
        now[0] += 300 + LEEWAY_S - 5  # still within the leeway
        await verifier.tenant_of(token)
        assert verifier.verifications == 1
        now[0] += 10  # past it: the token is checked again (our real clock still accepts it)
        await verifier.tenant_of(token)
        assert verifier.verifications == 2


async def test_concurrent_token_checks_share_one_jwks_fetch(idp: IdentityProvider):
    idp.delay_s = 1.0
    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http)
        async with asyncio.timeout(30):  # only to catch a hang
            results = await asyncio.gather(
                *(verifier.tenant_of(idp.token("k1")) for _ in range(10))
            )
    assert results == [("team-a", "user-1")] * 10
    assert idp.requests == 1


async def test_a_stale_key_set_serves_while_one_refresh_runs(idp: IdentityProvider):
    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http, cache_s=0.01)
        await verifier.tenant_of(idp.token("k1"))
        await asyncio.sleep(0.05)  # the cached set is stale now
        idp.delay_s = 2.0
        results = [await verifier.tenant_of(idp.token("k1")) for _ in range(10)]
        refresh = verifier._inflight
        # Answered from the cached set: the one background refresh is still running.
        assert refresh is not None and not refresh.done()
        assert results == [("team-a", "user-1")] * 10
        await refresh
    assert idp.requests == 2


async def test_unknown_key_ids_are_remembered_briefly(
    idp: IdentityProvider, monkeypatch: pytest.MonkeyPatch
):
    from app.auth.jwt import TokenError

    monkeypatch.setattr("app.auth.jwt.REFETCH_MIN_INTERVAL_S", 0.0)
    idp.add_key("rogue", publish=False)
    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http)
        for _ in range(10):
            with pytest.raises(TokenError, match="unknown key"):
                await verifier.tenant_of(idp.token("rogue"))
    assert idp.requests == 2  # the first key set, one refetch for the unknown kid, no more


async def test_a_failing_identity_provider_is_not_asked_for_every_token(idp: IdentityProvider):
    from app.auth.jwt import TokenError

    async with httpx2.AsyncClient() as http:
        verifier = _verifier(idp, http)
        idp.server.shutdown()
        idp.server.server_close()
        for _ in range(5):
            with pytest.raises(TokenError, match="unavailable"):
                await verifier.tenant_of(idp.token("k1"))
    assert verifier.fetches == 1


async def test_an_unauthenticated_upload_is_401_before_its_body_is_read(
    migrated_url: str, db_engine: AsyncEngine
):
    async with running_app(make_settings(migrated_url, api_keys=KEYS)) as (app, _):
        reads = 0

        async def receive() -> dict[str, Any]:
            nonlocal reads
            reads += 1
            return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/api/analyze",
            "raw_path": b"/api/analyze",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"testserver"),
                (b"content-type", b"multipart/form-data; boundary=x"),
                (b"content-length", b"10000000"),
                (b"x-api-key", b"wrong"),
            ],
            "client": ("127.0.0.1", 1),
            "server": ("testserver", 80),
            "state": {"services": app.services},  # what a server copies from the lifespan
        }
        await app(scope, receive, send)
    assert sent[0]["status"] == 401
    assert (b"connection", b"close") in sent[0]["headers"]
    assert reads == 0  # not a byte of the body was read
