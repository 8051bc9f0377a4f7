"""The request metrics as /metrics shows them: counts by status, cumulative duration buckets."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, generate_latest

from app.core.metrics import RequestMetrics


def exposition(metrics: RequestMetrics) -> str:
    registry = CollectorRegistry()
    registry.register(metrics)
    return generate_latest(registry).decode()


def test_requests_are_counted_by_method_route_and_status():
    metrics = RequestMetrics(buckets=(0.01, 0.1))
    for status in (200, 200, 304):
        metrics.observe("GET", "/api/articles/{article_id}/status", status, 0.002)
    text = exposition(metrics)
    assert (
        'cms_http_requests_total{method="GET",route="/api/articles/{article_id}/status",'
        'status="200"} 2.0' in text
    )
    assert 'status="304"} 1.0' in text


def test_duration_buckets_are_cumulative_and_a_bound_counts_in_its_own_bucket():
    metrics = RequestMetrics(buckets=(0.01, 0.1, 1))
    for seconds in (0.005, 0.01, 0.05, 2.0):
        metrics.observe("POST", "/api/analyze", 201, seconds)
    text = exposition(metrics)
    head = 'cms_http_request_duration_seconds_bucket{le="%s",method="POST",route="/api/analyze"}'
    assert f"{head % '0.01'} 2.0" in text  # 0.005 and exactly 0.01
    assert f"{head % '0.1'} 3.0" in text
    assert f"{head % '1.0'} 3.0" in text
    assert f"{head % '+Inf'} 4.0" in text
    assert 'cms_http_request_duration_seconds_count{method="POST",route="/api/analyze"} 4.0' in text
    assert 'cms_http_request_duration_seconds_sum{method="POST",route="/api/analyze"} 2.065' in text
