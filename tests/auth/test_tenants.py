"""API keys, OIDC bearer tokens and tenant isolation."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
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


async def _upload(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post(
        "/api/analyze",
        data={"articleName": "Clip"},
        files={"productSpecification": ("s.txt", SPEC)},
        headers=headers,
    )


@pytest.fixture
async def keyed_client(
    migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(make_settings(migrated_url, api_keys=KEYS)) as (_, client):
        yield client


async def test_missing_or_wrong_key_is_401(keyed_client: httpx.AsyncClient):
    for headers in ({}, _auth("nope"), {"X-API-Key": "nope"}, {"Authorization": "Basic abc"}):
        response = await keyed_client.get("/api/articles", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await _upload(keyed_client, {})).status_code == 401


async def test_bearer_and_x_api_key_both_work(keyed_client: httpx.AsyncClient):
    assert (await keyed_client.get("/api/articles", headers=_auth("key-aaaa"))).status_code == 200
    response = await keyed_client.get("/api/indices", headers={"X-API-Key": "key-bbbb"})
    assert response.status_code == 200


async def test_health_ready_and_docs_stay_open(keyed_client: httpx.AsyncClient):
    assert (await keyed_client.get("/health")).status_code == 200
    assert (await keyed_client.get("/ready")).status_code == 200
    assert (await keyed_client.get("/openapi.json")).status_code == 200


async def test_tenants_never_see_each_others_articles(keyed_client: httpx.AsyncClient):
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


async def test_same_idempotency_key_is_per_tenant(keyed_client: httpx.AsyncClient):
    key = {"Idempotency-Key": "shared"}
    first = await _upload(keyed_client, {**_auth("key-aaaa"), **key})
    second = await _upload(keyed_client, {**_auth("key-bbbb"), **key})
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


async def wait_terminal_as(
    client: httpx.AsyncClient, article_id: int, headers: dict[str, str]
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
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
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
) -> AsyncIterator[httpx.AsyncClient]:
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
    oidc_client: httpx.AsyncClient, idp: IdentityProvider
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
    oidc_client: httpx.AsyncClient, idp: IdentityProvider, claims: dict, reason: str
):
    token = idp.token("k1", **claims)
    response = await oidc_client.get("/api/articles", headers=_auth(token))
    assert response.status_code == 401
    assert reason in response.json()["detail"]


async def test_token_signed_by_an_unknown_key_is_401(
    oidc_client: httpx.AsyncClient, idp: IdentityProvider
):
    idp.add_key("rogue", publish=False)
    response = await oidc_client.get("/api/articles", headers=_auth(idp.token("rogue")))
    assert response.status_code == 401


async def test_tampered_token_is_401(oidc_client: httpx.AsyncClient, idp: IdentityProvider):
    header, _payload, signature = idp.token("k1").split(".")
    forged = jwt.utils.base64url_encode(
        json.dumps({"iss": ISSUER, "aud": AUDIENCE, "org": "team-b", "exp": 9999999999}).encode()
    ).decode()
    response = await oidc_client.get(
        "/api/articles", headers=_auth(f"{header}.{forged}.{signature}")
    )
    assert response.status_code == 401


async def test_rotated_keys_are_picked_up_without_restart(
    oidc_client: httpx.AsyncClient, idp: IdentityProvider, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("app.auth.jwt.REFETCH_MIN_INTERVAL_S", 0.0)
    assert (
        await oidc_client.get("/api/articles", headers=_auth(idp.token("k1")))
    ).status_code == 200
    idp.add_key("k2")  # the provider rotates: a new key appears in the JWKS
    response = await oidc_client.get("/api/articles", headers=_auth(idp.token("k2")))
    assert response.status_code == 200
