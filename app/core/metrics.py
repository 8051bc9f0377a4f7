"""Prometheus metrics (prometheus-client), exposed at /metrics beside /health.

Counters and histograms live in the process's default registry; the queue gauges are read
from PostgreSQL when /metrics is scraped, so every replica reports the shared queue.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

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
