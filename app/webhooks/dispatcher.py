"""Delivers the webhook outbox: any replica, at least once, in order per article.

Each round claims due events with one `UPDATE … FOR UPDATE SKIP LOCKED` statement under a
lease (only the oldest undelivered event of each endpoint and article is eligible, see
`repository.CLAIM_SQL`), POSTs them signed per Standard Webhooks, and records each attempt in
the delivery log. A failure (no connection, a timeout, a non-2xx answer — redirects
included, they are not followed) is retried with exponential backoff from
`CMS_WEBHOOK_BACKOFF_S`, doubling up to an hour, until `CMS_WEBHOOK_RETRY_HOURS` after the
event, then the event is `failed`. A process that dies mid-delivery leaves its lease to
expire; another replica then delivers again (receivers deduplicate by `webhook-id`).

The dispatcher wakes on the `webhook_events` notification the outbox trigger sends and
otherwise looks every `CMS_POLL_INTERVAL_S` (retries become due without a notification).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from datetime import UTC, datetime

import httpx2
import orjson
from prometheus_client import Counter, Histogram
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings
from app.webhooks import repository
from app.webhooks.repository import ClaimedEvent
from app.webhooks.service import message_id
from app.webhooks.signing import signature_header
from app.webhooks.ssrf import PinnedTarget, Resolver, TargetRefusedError, pin, system_resolver

logger = logging.getLogger(__name__)

CHANNEL = "webhook_events"
BATCH = 20
# The delivery log keeps finished events this long; the purge runs at most hourly per process.
LOG_RETENTION_S = 30 * 86_400.0
PURGE_EVERY_S = 3600.0
MAX_DELAY_S = 3600.0
MAX_ERROR_CHARS = 500
USER_AGENT = "cost-model-service-webhooks"

DELIVERIES = Counter(
    "cms_webhook_attempts_total",
    "Webhook delivery attempts by outcome (delivered, retried, failed = given up)",
    ["outcome"],
)
DELIVERY_DURATION = Histogram(
    "cms_webhook_attempt_duration_seconds",
    "Duration of one webhook delivery attempt",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def event_body(event: ClaimedEvent, api_prefix: str) -> bytes:
    """The JSON body; built from the stored event alone, so every retry sends the same bytes."""
    data = event.data
    return orjson.dumps(
        {
            "type": event.event_type,
            "timestamp": event.occurred_at.astimezone(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "data": {
                "id": data["id"],
                "status": data["status"],
                "unit_weight": data["unit_weight"],
                "needs_review": data["needs_review"],
                "url": f"{api_prefix}/articles/{data['id']}",
            },
        }
    )


def retry_delay(attempts: int, backoff_s: float) -> float:
    """Seconds before the next try after `attempts` failed ones."""
    return float(min(backoff_s * 2 ** min(attempts - 1, 30), MAX_DELAY_S))


class WebhookDispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        *,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._sessions = sessions
        self._api_prefix = settings.api_prefix
        self._timeout_s = settings.webhook_timeout_s
        self._lease_s = settings.webhook_timeout_s + 30.0
        self._poll_s = settings.poll_interval_s
        self._backoff_s = settings.webhook_backoff_s
        self._retry_s = settings.webhook_retry_hours * 3600.0
        self._allow_private = settings.webhook_allow_private_targets
        self._resolver = resolver
        self.owner = f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = asyncio.Event()
        self._next_purge = 0.0
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._http: httpx2.AsyncClient | None = None

    async def start(self) -> None:
        self._stopping = False
        self._next_purge = 0.0  # once at start, then hourly
        self._http = httpx2.AsyncClient(
            timeout=self._timeout_s,
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would resolve names itself
            # Requests go to pinned addresses; a kept-alive connection could carry another
            # host's request over a TLS session made for the first one.
            limits=httpx2.Limits(max_keepalive_connections=0),
            headers={"User-Agent": USER_AGENT},
        )
        self._task = asyncio.create_task(self._run(), name="webhook-dispatcher")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, grace_s: float = 5.0) -> None:
        """Let deliveries under way finish for `grace_s`, then hand the rest back."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), grace_s)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            self._task = None
        try:
            async with self._sessions() as session:
                await repository.hand_back(session, owner=self.owner)
        except Exception as exc:  # the leases expire on their own
            logger.warning("webhook hand-back failed (%s)", exc.__class__.__name__)
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def _run(self) -> None:
        failures = 0
        while not self._stopping:
            try:
                async with self._sessions() as session:
                    events = await repository.claim(
                        session, owner=self.owner, lease_s=self._lease_s, batch=BATCH
                    )
                failures = 0
            except Exception as exc:  # database away: try again, more slowly
                failures += 1
                logger.warning("webhook claim failed (%s)", exc.__class__.__name__)
                await asyncio.sleep(min(0.5 * 2**failures, 10.0))
                continue
            if events:
                # _deliver records its own failures; nothing it raises may stop the loop.
                outcomes = await asyncio.gather(
                    *(self._deliver(event) for event in events), return_exceptions=True
                )
                for outcome in outcomes:
                    if isinstance(outcome, Exception):
                        logger.error("webhook delivery crashed (%r)", outcome)
                continue
            await self._purge_now_and_then()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_s):
                    await self._wake.wait()
            self._wake.clear()

    async def _purge_now_and_then(self) -> None:
        if time.monotonic() < self._next_purge:
            return
        self._next_purge = time.monotonic() + PURGE_EVERY_S
        try:
            async with self._sessions() as session:
                purged = await repository.purge_finished(session, older_than_s=LOG_RETENTION_S)
        except Exception as exc:  # tried again in an hour
            logger.warning("webhook log purge failed (%s)", exc.__class__.__name__)
            return
        if purged:
            logger.info("purged %d finished webhook events older than 30 days", purged)

    async def _post(self, targets: list[PinnedTarget], body: bytes, headers: dict[str, str]) -> int:
        """POST to the first address that accepts a connection; the answer's status code."""
        for target in targets[:-1]:
            try:
                return await self._post_one(target, body, headers)
            except httpx2.ConnectError:
                continue
        return await self._post_one(targets[-1], body, headers)

    async def _post_one(self, target: PinnedTarget, body: bytes, headers: dict[str, str]) -> int:
        assert self._http is not None
        async with self._http.stream(
            "POST",
            target.url,
            content=body,
            headers={**headers, **target.headers},
            extensions=target.extensions,
        ) as response:
            return response.status_code

    def _signed(self, event: ClaimedEvent) -> tuple[bytes, dict[str, str]]:
        """The body and the Standard Webhooks headers for this attempt."""
        body = event_body(event, self._api_prefix)
        timestamp = int(time.time())
        signing = [event.secret]
        if event.previous_secret and (
            event.previous_secret_expires_at is not None
            and event.previous_secret_expires_at > datetime.now(UTC)
        ):
            signing.append(event.previous_secret)
        msg_id = message_id(event.id)
        return body, {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(
                signing, msg_id=msg_id, timestamp=timestamp, body=body.decode()
            ),
        }

    async def _deliver(self, event: ClaimedEvent) -> None:
        attempted_at = datetime.now(UTC)
        started = time.perf_counter()
        status_code: int | None = None
        error: str | None = None
        try:
            body, headers = self._signed(event)
            # One bound for the whole attempt: httpx2's timeout is per read, and a receiver
            # that trickles bytes (or a slow DNS answer) must not outlast the lease.
            async with asyncio.timeout(self._timeout_s):
                targets = await pin(
                    event.url, allow_private=self._allow_private, resolver=self._resolver
                )
                status_code = await self._post(targets, body, headers)
        except TargetRefusedError as exc:
            error = f"target refused: {exc}"
        except (httpx2.TimeoutException, TimeoutError):
            error = f"no answer within {self._timeout_s:g} s"
        except httpx2.HTTPError as exc:
            error = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
        except Exception as exc:  # a bug: logged, and the event is retried like any failure
            logger.exception("webhook attempt crashed", extra={"article_id": event.article_id})
            error = f"internal error ({exc.__class__.__name__})"
        elapsed = time.perf_counter() - started
        DELIVERY_DURATION.observe(elapsed)
        duration_ms = round(elapsed * 1000)
        try:
            async with self._sessions() as session:
                if status_code is not None and 200 <= status_code < 300:
                    await repository.record_delivered(
                        session,
                        event_id=event.id,
                        owner=self.owner,
                        attempted_at=attempted_at,
                        status_code=status_code,
                        duration_ms=duration_ms,
                    )
                    DELIVERIES.labels("delivered").inc()
                    return
                if error is None:
                    error = f"HTTP {status_code}"
                now = await repository.record_failed_attempt(
                    session,
                    event_id=event.id,
                    owner=self.owner,
                    attempted_at=attempted_at,
                    status_code=status_code,
                    duration_ms=duration_ms,
                    error=error[:MAX_ERROR_CHARS],
                    delay_s=retry_delay(event.attempts, self._backoff_s),
                    retry_s=self._retry_s,
                )
                DELIVERIES.labels("failed" if now == "failed" else "retried").inc()
        except Exception as exc:  # the lease expires and the event is tried again
            logger.warning(
                "recording webhook attempt failed (%s)",
                exc.__class__.__name__,
                extra={"article_id": event.article_id},
            )
        if error:
            logger.info(
                "webhook attempt failed: %s",
                error[:MAX_ERROR_CHARS],
                extra={"article_id": event.article_id, "attempt": event.attempts},
            )
