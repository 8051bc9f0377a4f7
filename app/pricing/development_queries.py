"""Price development in one set-based statement per request.

A price moves with its indices: P(t) = P0 · (a + Σ bᵢ · Iᵢ(t)/Iᵢ(base)). The ratio depends only
on the index, the base month and the month, so the statement works out each index's series
once (the latest value at or before each month: carried forward, never interpolated), each
(index, base month) pair's base value once, and weighs them by the parts: for a portfolio the
parts are summed per (index, base month) first, so 10,000 articles cost little more than one.
"""

from __future__ import annotations

# $1 tenant (NULL: all), $2 article ids (NULL: the filter decides), $3 from, $4 to,
# $5 base month (NULL: each article's price month), $6 base price (NULL: the article's),
# $7 processing status (NULL: any), $8 needs_review (NULL: any), $9 currency (NULL: any)
_COMMON = """
WITH arts AS (
    SELECT a.id, coalesce($6::float8, a.price) AS base_price, a.fixed_share, a.currency,
           coalesce($5::date, date_trunc('month', a.price_date)::date) AS base
    FROM articles AS a
    WHERE ($1::text IS NULL OR a.tenant = $1)
      AND ($2::int[] IS NULL OR a.id = ANY($2))
      AND ($7::text IS NULL OR a.processing_status = $7)
      AND ($8::bool IS NULL OR a.needs_review = $8)
      AND ($9::text IS NULL OR a.currency = $9)
), months AS (
    SELECT generate_series($3::date, $4::date, interval '1 month')::date AS period
), parts AS (
    SELECT cm.article_id, cm.index_id, cm.part, arts.base, arts.base_price
    FROM cost_models AS cm JOIN arts ON arts.id = cm.article_id
    WHERE arts.base IS NOT NULL
), base_values AS (
    SELECT b.index_id, b.base, v.value, v.period
    FROM (SELECT DISTINCT index_id, base FROM parts) AS b
    LEFT JOIN LATERAL (
        SELECT value, period FROM index_values
        WHERE index_id = b.index_id AND period <= b.base
        ORDER BY period DESC LIMIT 1
    ) AS v ON true
), series AS (
    SELECT i.index_id, m.period, v.value, v.period AS value_period
    FROM (SELECT DISTINCT index_id FROM parts) AS i CROSS JOIN months AS m
    LEFT JOIN LATERAL (
        SELECT value, period FROM index_values
        WHERE index_id = i.index_id AND period <= m.period
        ORDER BY period DESC LIMIT 1
    ) AS v ON true
), ratios AS (
    SELECT s.index_id, bv.base, s.period, s.value, s.value_period,
           bv.value AS base_value, bv.period AS base_value_period,
           CASE WHEN s.value IS NULL OR bv.value IS NULL THEN 1.0
                ELSE s.value / bv.value END AS ratio
    FROM series AS s JOIN base_values AS bv ON bv.index_id = s.index_id
)
"""

# One article: a row per (index, month), with the numbers behind each contribution.
ARTICLE = (
    _COMMON
    + """
SELECT r.period, p.index_id, i.code, i.name, p.part, r.ratio, p.part * r.ratio AS contribution,
       r.value, r.value_period, r.base_value, r.base_value_period
FROM parts AS p
JOIN ratios AS r ON r.index_id = p.index_id AND r.base = p.base
JOIN indices AS i ON i.id = p.index_id
ORDER BY r.period, p.part DESC, p.index_id
"""
)

# Many articles: per month and index, the sum of base price × part × ratio (index_id NULL:
# the fixed shares); only articles with a base price count.
PORTFOLIO = (
    _COMMON
    + """
, weights AS (
    SELECT index_id, base, sum(base_price * part) AS weight
    FROM parts WHERE base_price IS NOT NULL
    GROUP BY index_id, base
)
SELECT r.period, w.index_id, i.code, sum(w.weight * r.ratio) AS amount,
       sum(w.weight) AS base_amount,
       bool_or(r.value IS NULL OR r.base_value IS NULL) AS missing,
       bool_or(r.value_period IS DISTINCT FROM r.period) AS carried_forward
FROM weights AS w
JOIN ratios AS r ON r.index_id = w.index_id AND r.base = w.base
JOIN indices AS i ON i.id = w.index_id
GROUP BY r.period, w.index_id, i.code
UNION ALL
SELECT m.period, NULL, NULL, sum(arts.base_price * arts.fixed_share),
       sum(arts.base_price * arts.fixed_share), false, false
FROM arts CROSS JOIN months AS m
WHERE arts.base_price IS NOT NULL AND arts.base IS NOT NULL
GROUP BY m.period
UNION ALL
SELECT NULL, NULL, NULL, count(*) FILTER (WHERE base_price IS NOT NULL AND base IS NOT NULL),
       count(*), bool_or(currency IS DISTINCT FROM (SELECT min(currency) FROM arts)), false
FROM arts
ORDER BY 1 NULLS FIRST, 2 NULLS FIRST
"""
)
