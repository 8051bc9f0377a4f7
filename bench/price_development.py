"""Price development of a portfolio: 10,000 articles × 36 months in one request.

    .venv/bin/python bench/price_development.py [--articles 10000] [--months 36]

Each article has a price, a price month (spread over a year) and a cost model of three to
five parts over the open tenant's catalogue; every index has a value per month for four
years. `POST /api/price-development` with `{"filter": {}}` is timed from the client, best and
median of 5 (after one warm-up), then the same for one article's `GET …/price-development`.

Target: <= 1 s for 10,000 articles × 36 months.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import asyncpg
import httpx2
from common import Service, asyncpg_dsn, log, machine, postgres

TARGET_S = 1.0

SEED = """
WITH catalogue AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM indices
                   WHERE tenant = 'public'),
values_ AS (
    INSERT INTO index_values (index_id, period, value)
    SELECT id, (date '2023-01-01' + make_interval(months => m))::date, 100 + n + m * (n % 5)
    FROM catalogue, generate_series(0, 47) AS m
), articles_ AS (
    INSERT INTO articles (tenant, article_name, processing_status, unit_weight, price, currency,
                          price_date, price_unit, fixed_share)
    SELECT 'public', 'Article ' || a, 'completed', 0.25, 1 + a % 50, 'EUR',
           (date '2024-01-15' + make_interval(months => a % 12))::date, 'piece', 0.1
    FROM generate_series(1, $1) AS a
    RETURNING id
)
INSERT INTO cost_models (article_id, index_id, part, source)
SELECT a.id, c.id, 0.9 / (3 + a.id % 3), 'manual'
FROM articles_ AS a JOIN catalogue AS c ON c.n BETWEEN 1 + a.id % 20 AND 3 + a.id % 20 + a.id % 3
"""


async def seed(url: str, articles: int) -> int:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute("SELECT 1 FROM indices LIMIT 1")
        await connection.execute(SEED, articles)
        await connection.execute("ANALYZE")
        return int(await connection.fetchval("SELECT count(*) FROM cost_models"))
    finally:
        await connection.close()


async def timed(base_url: str, months: int, rounds: int = 5) -> tuple[list[float], dict]:  # type: ignore[type-arg]
    request = {"filter": {}, "from": "2024-01", "to": _month(months)}
    async with httpx2.AsyncClient(base_url=base_url, timeout=120) as http:
        (await http.post("/api/price-development", json=request)).raise_for_status()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = await http.post("/api/price-development", json=request)
            times.append(time.perf_counter() - started)
            response.raise_for_status()
        single = []
        for _ in range(rounds):
            started = time.perf_counter()
            one = await http.get(
                f"/api/articles/1/price-development?from=2024-01&to={_month(months)}"
            )
            single.append(time.perf_counter() - started)
            one.raise_for_status()
        return times + single, response.json()


def _month(months: int) -> str:
    m = months - 1
    return f"{2024 + m // 12}-{m % 12 + 1:02d}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=36)
    args = parser.parse_args()
    log(f"machine: {machine()}")
    with postgres() as url, Service(url, {"CMS_RUN_PROCESSOR": "false"}) as service:
        service.start()
        # The first use of the open tenant is what the service sees at start: seeded already.
        parts = asyncio.run(seed(url, args.articles))
        log(f"seeded {args.articles:,} articles with {parts:,} cost-model parts")
        times, body = asyncio.run(timed(service.base_url, args.months))
    portfolio, single = times[:5], times[5:]
    ok = body["articles"] == args.articles and len(body["months"]) == args.months
    best, median = min(portfolio), statistics.median(portfolio)
    met = ok and median <= TARGET_S
    log(
        f"price development: {args.articles:,} articles × {args.months} months: best "
        f"{best * 1000:.0f} ms, median {median * 1000:.0f} ms; one article: median "
        f"{statistics.median(single) * 1000:.0f} ms; target <= {TARGET_S * 1000:.0f} ms: "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
