"""Webhooks go to public addresses only, checked at connect time (no DNS rebinding)."""

from __future__ import annotations

import asyncio
import ipaddress

import httpx2
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.webhooks.ssrf import TargetRefusedError, pin, refusal
from tests.conftest import make_settings
from tests.support import running_app
from tests.webhooks.support import attempts_recorded, new_article, receiver, register, set_status


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "fc00::1",
        "169.254.169.254",
        "fe80::1",
        "224.0.0.251",
        "ff02::1",
        "0.0.0.0",
        "::",
        "100.64.0.1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(address: str):
    assert refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str):
    assert refusal(ipaddress.ip_address(address)) is None


def resolving_to(*addresses: str):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolve


async def test_a_name_resolving_to_a_private_address_is_refused():
    for answer in (["127.0.0.1"], ["93.184.215.14", "10.0.0.5"], ["::ffff:169.254.169.254"]):
        with pytest.raises(TargetRefusedError):
            await pin(
                "https://hooks.example.com/x", allow_private=False, resolver=resolving_to(*answer)
            )


async def test_the_request_goes_to_the_checked_address_under_the_original_name():
    targets = await pin(
        "https://hooks.example.com:8443/cms?x=1",
        allow_private=False,
        resolver=resolving_to("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    )
    assert [t.url for t in targets] == [
        httpx2.URL("https://93.184.215.14:8443/cms?x=1"),
        httpx2.URL("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8443/cms?x=1"),
    ]
    for target in targets:
        assert target.headers == {"Host": "hooks.example.com:8443"}
        assert target.extensions == {"sni_hostname": "hooks.example.com"}  # TLS checks this


async def test_resolution_happens_once_per_attempt_so_rebinding_cannot_switch():
    answers = [["93.184.215.14"], ["127.0.0.1"]]
    calls = 0

    async def rebinding(host: str, port: int) -> list[str]:
        nonlocal calls
        calls += 1
        return answers.pop(0)

    [first] = await pin("http://rebind.example/x", allow_private=False, resolver=rebinding)
    assert first.url.host == "93.184.215.14"  # what is connected to is what was checked
    with pytest.raises(TargetRefusedError, match="loopback"):
        await pin("http://rebind.example/x", allow_private=False, resolver=rebinding)
    assert calls == 2


async def test_names_that_do_not_resolve_are_refused():
    async def fails(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(TargetRefusedError, match="does not resolve"):
        await pin("http://nowhere.invalid/x", allow_private=False, resolver=fails)


async def test_by_default_a_hostname_resolving_to_loopback_gets_nothing(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, run_processor=False, webhook_backoff_s=0.05)
    assert settings.webhook_allow_private_targets is False
    async with receiver() as hook, running_app(settings) as (_, client):
        port = httpx2.URL(hook.url).port
        # A name, not an address: accepted when registered, refused when connecting.
        endpoint = await register(client, f"http://localhost:{port}/hook")
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "completed")
        log: list[dict] = []
        for _ in range(500):
            log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
            if len(log) >= 2:
                break
            await asyncio.sleep(0.02)
    assert hook.received == []
    assert log[-1]["status_code"] is None
    assert log[-1]["error"].startswith("target refused: localhost:")
    assert "loopback" in log[-1]["error"]


async def test_allowed_private_targets_keep_the_host_header_and_redirects_are_not_followed(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(
        migrated_url,
        run_processor=False,
        webhook_backoff_s=0.05,
        webhook_allow_private_targets=True,
    )
    async with receiver() as hook, running_app(settings) as (_, client):
        port = httpx2.URL(hook.url).port
        endpoint = await register(client, f"http://localhost:{port}/hook")
        hook.script = [302]
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "completed")
        await hook.wait_for(1)
        await attempts_recorded(db_engine, 2)
        log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
    assert [d.answered for d in hook.received] == [302, 204]
    assert hook.received[0].headers["host"] == f"localhost:{port}"
    assert [a["error"] for a in log] == [None, "HTTP 302"]


async def test_a_stored_private_address_is_refused_when_connecting(
    migrated_url: str, db_engine: AsyncEngine
):
    """Registered while private targets were allowed; refused once they no longer are."""
    allowed = make_settings(migrated_url, run_processor=False, webhook_allow_private_targets=True)
    refused = make_settings(migrated_url, run_processor=False, webhook_backoff_s=0.05)
    async with receiver() as hook:
        async with running_app(allowed) as (app, client):
            await app.services.webhooks.stop(0)
            endpoint = await register(client, hook.url)  # http://127.0.0.1:PORT/hook
            await register(client, "http://169.254.169.254/latest/meta-data")
        async with running_app(refused) as (_, client):
            article_id = await new_article(db_engine)
            await set_status(db_engine, article_id, "failed")
            await attempts_recorded(db_engine, 2)
            log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
        async with db_engine.connect() as conn:
            errors = (await conn.execute(text("SELECT error FROM webhook_attempts"))).scalars()
            messages = sorted(errors)
    assert hook.received == []
    assert "loopback" in log[0]["error"]
    assert any("169.254.169.254 is not allowed (link-local)" in m for m in messages)
