"""Status polls answered by the fast path are observed like every other request: their
request id comes back, and they are counted under the route template."""

from __future__ import annotations

import re

import httpx2

from tests.support import upload, wait_terminal

SPEC = "Datasheet\nNet weight: 90 g\nMaterial: brass CuZn39Pb3\n"
POLLS = re.compile(
    r'cms_http_requests_total\{method="GET",route="/api/articles/\{article_id\}/status",'
    r'status="(\d+)"\} (\d+)\.0'
)


def polls_counted(metrics: str) -> dict[int, int]:
    return {int(status): int(count) for status, count in POLLS.findall(metrics)}


async def test_a_status_poll_returns_its_request_id_and_is_counted(client: httpx2.AsyncClient):
    article = await upload(client, SPEC)
    await wait_terminal(client, article["id"])
    before = polls_counted((await client.get("/metrics")).text)
    url = f"/api/articles/{article['id']}/status"
    given = await client.get(url, headers={"X-Request-ID": "poll-42"})
    assert given.status_code == 200
    assert given.headers["x-request-id"] == "poll-42"
    made = await client.get(url, headers={"If-None-Match": given.headers["etag"]})
    assert made.status_code == 304
    assert len(made.headers["x-request-id"]) == 32
    after = polls_counted((await client.get("/metrics")).text)
    assert after.get(200, 0) == before.get(200, 0) + 1
    assert after.get(304, 0) == before.get(304, 0) + 1
