"""Prometheus metrics (prometheus-client), exposed at /metrics beside /health.

Counters and histograms live in the process's default registry; the queue gauges are read
from PostgreSQL when /metrics is scraped, so every replica reports the shared queue.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from prometheus_client import REGISTRY, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector


class RequestMetrics(Collector):
    """`cms_http_requests_total` (method, route, status) and
    `cms_http_request_duration_seconds` (method, route), counted as plain numbers and turned
    into metric families only when /metrics is scraped.

    Every request is observed, status polls most of all: prometheus-client's counter and
    histogram take a lock per increment and walk the buckets in Python, several µs a request.
    Requests are observed on the event loop's thread only.
    """

    def __init__(self, buckets: tuple[float, ...]) -> None:
        self._bounds = buckets
        # As prometheus-client writes bucket bounds: 0.005, 1.0, +Inf.
        self._le = [repr(float(b)) for b in buckets] + ["+Inf"]
        self._requests: dict[tuple[str, str, int], int] = {}
        # Per (method, route): a count per bucket (not cumulative), +Inf last, then the sum.
        self._durations: dict[tuple[str, str], list[float]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        self._requests[key] = self._requests.get(key, 0) + 1
        row = self._durations.get((method, route))
        if row is None:
            row = self._durations[(method, route)] = [0] * (len(self._bounds) + 2)
        row[bisect_left(self._bounds, seconds)] += 1  # the first bound >= seconds
        row[-1] += seconds

    def collect(self) -> Iterator[Metric]:
        requests = CounterMetricFamily(
            "cms_http_requests",
            "HTTP requests by route and status",
            labels=["method", "route", "status"],
        )
        for (method, route, status), count in list(self._requests.items()):
            requests.add_metric([method, route, str(status)], count)
        yield requests
        durations = HistogramMetricFamily(
            "cms_http_request_duration_seconds",
            "HTTP request duration by route",
            labels=["method", "route"],
        )
        for (method, route), row in list(self._durations.items()):
            cumulative = accumulate(row[:-1])
            durations.add_metric(
                [method, route], list(zip(self._le, cumulative, strict=True)), row[-1]
            )
        yield durations


HTTP = RequestMetrics(
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
)
REGISTRY.register(HTTP)
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
