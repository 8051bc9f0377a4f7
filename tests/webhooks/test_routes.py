"""The webhooks API: endpoints per tenant, the secret shown once, validation, the log."""

from __future__ import annotations

import base64

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.support import running_app

KEYS = "team-a:key-aaaa,team-b:key-bbbb"
TEAM_A = {"X-API-Key": "key-aaaa"}
TEAM_B = {"X-API-Key": "key-bbbb"}
HOOK = "https://hooks.example.com/cms"


@pytest.fixture
async def keyed(migrated_url: str, db_engine: AsyncEngine) -> httpx2.AsyncClient:
    settings = make_settings(migrated_url, api_keys=KEYS, run_processor=False)
    async with running_app(settings) as (_, client):
        yield client  # type: ignore[misc]


async def test_create_shows_the_secret_once(keyed: httpx2.AsyncClient):
    created = await keyed.post(
        "/api/webhooks",
        json={"url": HOOK, "events": ["article.completed"], "description": "ERP"},
        headers=TEAM_A,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/api/webhooks/{body['id']}"
    assert body["secret"].startswith("whsec_")
    assert len(base64.b64decode(body["secret"].removeprefix("whsec_"))) >= 24
    assert body["events"] == ["article.completed"]
    assert body["enabled"] is True

    shown = await keyed.get(f"/api/webhooks/{body['id']}", headers=TEAM_A)
    assert shown.status_code == 200
    assert "secret" not in shown.json()
    listed = (await keyed.get("/api/webhooks", headers=TEAM_A)).json()["items"]
    assert [w["id"] for w in listed] == [body["id"]]
    assert all("secret" not in w for w in listed)


async def test_all_events_by_default_and_patch_changes_only_what_is_sent(
    keyed: httpx2.AsyncClient,
):
    created = (await keyed.post("/api/webhooks", json={"url": HOOK}, headers=TEAM_A)).json()
    assert created["events"] == ["article.completed", "article.failed", "article.needs_review"]
    patched = await keyed.patch(
        f"/api/webhooks/{created['id']}",
        json={"enabled": False, "events": ["article.failed", "article.failed"]},
        headers=TEAM_A,
    )
    assert patched.status_code == 200
    assert patched.json()["enabled"] is False
    assert patched.json()["events"] == ["article.failed"]
    assert patched.json()["url"] == HOOK
    assert patched.json()["updated_at"] >= created["updated_at"]


async def test_rotating_the_secret_returns_a_new_one(keyed: httpx2.AsyncClient):
    created = (await keyed.post("/api/webhooks", json={"url": HOOK}, headers=TEAM_A)).json()
    rotated = await keyed.post(f"/api/webhooks/{created['id']}/rotate-secret", headers=TEAM_A)
    assert rotated.status_code == 200
    assert rotated.json()["secret"].startswith("whsec_")
    assert rotated.json()["secret"] != created["secret"]
    assert rotated.json()["previous_secret_expires_at"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://hooks.example.com/x", "http and https"),
        ("file:///etc/passwd", "http and https"),
        ("https://", "no host"),
        ("not a url", "http and https"),
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://10.0.0.7/hook", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]/hook", "loopback"),
        ("http://0.0.0.0/hook", "unspecified"),
    ],
)
async def test_unusable_targets_are_refused_with_422(
    keyed: httpx2.AsyncClient, url: str, reason: str
):
    response = await keyed.post("/api/webhooks", json={"url": url}, headers=TEAM_A)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "url"
    assert reason in response.json()["errors"][0]["message"]


async def test_invalid_bodies_are_422(keyed: httpx2.AsyncClient):
    for body in (
        {"url": HOOK, "events": []},
        {"url": HOOK, "events": ["article.deleted"]},
        {"url": HOOK, "secret": "mine"},
        {},
    ):
        response = await keyed.post("/api/webhooks", json=body, headers=TEAM_A)
        assert response.status_code == 422, body
    created = (await keyed.post("/api/webhooks", json={"url": HOOK}, headers=TEAM_A)).json()
    nulled = await keyed.patch(f"/api/webhooks/{created['id']}", json={"url": None}, headers=TEAM_A)
    assert nulled.status_code == 422


async def test_webhooks_are_tenant_isolated(keyed: httpx2.AsyncClient):
    mine = (await keyed.post("/api/webhooks", json={"url": HOOK}, headers=TEAM_A)).json()
    url = f"/api/webhooks/{mine['id']}"
    assert (await keyed.get(url, headers=TEAM_B)).status_code == 404
    assert (await keyed.patch(url, json={"enabled": False}, headers=TEAM_B)).status_code == 404
    assert (await keyed.post(f"{url}/rotate-secret", headers=TEAM_B)).status_code == 404
    assert (await keyed.get(f"{url}/deliveries", headers=TEAM_B)).status_code == 404
    assert (await keyed.delete(url, headers=TEAM_B)).status_code == 404
    assert (await keyed.get("/api/webhooks", headers=TEAM_B)).json()["items"] == []
    assert (await keyed.get(url)).status_code == 401
    # Untouched by the stranger's attempts.
    assert (await keyed.get(url, headers=TEAM_A)).json()["enabled"] is True
    assert (await keyed.delete(url, headers=TEAM_A)).status_code == 204
    assert (await keyed.get(url, headers=TEAM_A)).status_code == 404


async def test_private_targets_can_be_allowed(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, webhook_allow_private_targets=True)
    async with running_app(settings) as (_, client):
        response = await client.post("/api/webhooks", json={"url": "http://127.0.0.1:9/hook"})
        assert response.status_code == 201
        log = await client.get(f"/api/webhooks/{response.json()['id']}/deliveries")
        assert log.status_code == 200
        assert log.json() == {"items": []}


async def test_webhook_routes_are_in_the_openapi_schema(keyed: httpx2.AsyncClient):
    schema = (await keyed.get("/openapi.json")).json()
    paths = schema["paths"]
    assert {"post", "get"} <= set(paths["/api/webhooks"])
    assert {"get", "patch", "delete"} <= set(paths["/api/webhooks/{webhook_id}"])
    assert "post" in paths["/api/webhooks/{webhook_id}/rotate-secret"]
    deliveries = paths["/api/webhooks/{webhook_id}/deliveries"]["get"]
    assert deliveries["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WebhookDeliveryPage"
    }
    assert "post" in paths["/api/articles/{article_id}/events-token"]
    assert "wait" in {
        p["name"] for p in paths["/api/articles/{article_id}/status"]["get"]["parameters"]
    }
