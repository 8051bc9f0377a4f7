"""Prometheus metrics (prometheus-client), exposed at /metrics beside /health.

Counters and histograms live in the process's default registry; the queue gauges are read
from PostgreSQL when /metrics is scraped, so every replica reports the shared queue.
"""

from __future__ import annotations

import logging
import time

from prometheus_client import Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_logger = logging.getLogger("app.access")

HTTP_REQUESTS = Counter(
    "cms_http_requests_total", "HTTP requests by route and status", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "cms_http_request_duration_seconds",
    "HTTP request duration by route",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
JOBS = Counter(
    "cms_jobs_total",
    "Processing attempts by outcome (completed, failed, retried, deferred, handed_back, lost)",
    ["outcome"],
)
JOB_DURATION = Histogram(
    "cms_job_duration_seconds",
    "Duration of one processing attempt",
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600),
)
STAGE_DURATION = Histogram(
    "cms_stage_duration_seconds",
    "Duration of each processing stage",
    ["stage"],
    buckets=(0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120),
)
QUEUE_PENDING = Gauge("cms_queue_pending", "Articles waiting to be processed")
QUEUE_OLDEST_AGE = Gauge(
    "cms_queue_oldest_pending_age_seconds", "Age of the oldest pending article (0 when none)"
)
JOBS_ACTIVE = Gauge("cms_jobs_active", "Articles being processed by this process")
LLM_CALLS = Counter("cms_llm_calls_total", "Model calls by outcome", ["outcome"])
LLM_TOKENS = Counter("cms_llm_tokens_total", "Tokens spent by model and kind", ["model", "kind"])
LLM_BREAKER_OPEN = Gauge("cms_llm_breaker_open", "1 while the model circuit breaker is open")
LLM_TOKENS_TODAY = Gauge("cms_llm_tokens_today", "Tokens spent today (UTC), all replicas")
LLM_REQUESTS_THIS_MINUTE = Gauge(
    "cms_llm_requests_this_minute", "Model requests this minute, all replicas"
)
FILES_PURGED = Counter("cms_files_purged_total", "Stored files purged by the retention policy")


def route_template(scope: Scope) -> str:
    """The matched route with its parameters as names, e.g. /api/articles/{article_id}/status.

    FastAPI puts the route as declared in its router in the scope, without the prefix it was
    included under; the prefix is what the request path has in front of the route's segments.
    """
    route_path = getattr(scope.get("route"), "path", None)
    if not route_path:
        return "unmatched"
    path: str = scope["path"]
    depth = route_path.strip("/").count("/") + 1 if route_path.strip("/") else 0
    segments = path.strip("/").split("/") if path.strip("/") else []
    prefix = "/".join(segments[: max(len(segments) - depth, 0)])
    return f"/{prefix}{route_path}" if prefix else route_path


class MetricsMiddleware:
    """Counts and times every HTTP request under its route template (not the raw path), and
    writes one access-log line per request (CMS_ACCESS_LOG)."""

    def __init__(self, app: ASGIApp, *, access_log: bool = True) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            template = route_template(scope)
            method = scope["method"]
            elapsed = time.perf_counter() - started
            HTTP_REQUESTS.labels(method, template, str(status)).inc()
            HTTP_DURATION.labels(method, template).observe(elapsed)
            if self.access_log:
                access_logger.info(
                    "%s %s %s",
                    method,
                    scope["path"],
                    status,
                    extra={
                        "route": template,
                        "status": status,
                        "duration_ms": round(elapsed * 1e3, 2),
                    },
                )
