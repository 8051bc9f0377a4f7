"""`JobStore`: every state change of the article row as a job, in one place and one SQL style.

The article row is the job. Each step is one statement in autocommit mode on a named asyncpg
pool (through the ORM session every step cost a BEGIN, a COMMIT and most of a millisecond of
CPU, and with fifty jobs in flight every extra round trip waits its turn in the event loop):

- the *progress* pool commits asynchronously (`synchronous_commit = off`): a claim, a stage or
  a lease renewal lost in a database crash only means the article is claimed again;
- the *durable* pool commits synchronously: what ends a run (completed, failed, retried,
  handed back) and what a person asked for (cancel, reprocess, delete) stays done.

Fencing: every claim increments the row's `claim_token`, and every write a run makes is
guarded by `id AND claim_token AND processing_status = 'processing'` (one helper, `_held`).
A run that lost its claim — cancelled, deleted, reprocessed, its lease expired and the row
claimed again, even by the same process — can write nothing.

Cancel, reprocess and delete by the API go through here too; the processor of this process
listens (`on_released`) and stops the run at once instead of at its next lease renewal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from app.articles.models import ProcessingStage, ProcessingStatus

PENDING = ProcessingStatus.PENDING.value
PROCESSING = ProcessingStatus.PROCESSING.value
COMPLETED = ProcessingStatus.COMPLETED.value
FAILED = ProcessingStatus.FAILED.value

# How far along each stage is, for the status endpoint's `progress`. Text extraction reports
# pages between EXTRACTING_TEXT and EXTRACTING_METADATA (see `extraction_progress`).
PROGRESS: dict[ProcessingStage, int] = {
    ProcessingStage.WAITING: 0,
    ProcessingStage.EXTRACTING_TEXT: 2,
    ProcessingStage.EXTRACTING_METADATA: 45,
    ProcessingStage.GENERATING_COST_MODEL: 75,
    ProcessingStage.DONE: 100,
}
EXTRACTION_SPAN = (5, 40)

CANCELLED_CODE = "cancelled"
WORKER_LOST_MESSAGE = "Processing was interrupted too many times (the worker stopped responding)."


@dataclass(frozen=True, slots=True)
class Claim:
    """One run's hold on an article: its writes name `token`, so a stale run writes nothing."""

    article_id: int
    token: int
    attempts: int
    tenant: str


@dataclass(frozen=True, slots=True)
class JobFile:
    role: str
    original_filename: str | None
    content_type: str | None
    sha256: str
    content: bytes | None


@dataclass(frozen=True, slots=True)
class JobInput:
    article_name: str
    description: str | None
    files: list[JobFile]


@dataclass(frozen=True, slots=True)
class CostRow:
    index_id: int
    part: float
    quantity_g: float | None


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A model's answer to keep for identical input (see app.processing.cache)."""

    key: str
    method: str
    result: dict[str, Any]


def _held(assignments: str, *, returning: str = "id", also: str = "") -> str:
    """A write only the current claim may make: $1 is the article id, $2 the claim token."""
    return (
        f"UPDATE articles SET {assignments}, updated_at = now() "
        f"WHERE id = $1 AND claim_token = $2 AND processing_status = '{PROCESSING}'{also} "
        f"RETURNING {returning}"
    )


_RELEASE = "lease_owner = NULL, lease_expires_at = NULL"

# Tenants are served in turn: a tenant's n-th pending article has the turn (its running jobs
# + n), the lowest turns are claimed first, and a tenant at CMS_MAX_JOBS_PER_TENANT running
# jobs (counted over every replica) is skipped. The tenants with pending work are found by
# skipping through the (tenant, available_at, id) index, one probe per tenant, and each gives
# only its oldest rows: the claim never reads the whole queue (it runs after every finished
# job). $1 owner, $2 limit, $3 lease, $4 per tenant.
CLAIM = f"""
WITH RECURSIVE tenants AS (
    (SELECT tenant FROM articles WHERE processing_status = '{PENDING}' ORDER BY tenant LIMIT 1)
    UNION ALL
    SELECT (
        SELECT p.tenant FROM articles AS p
        WHERE p.processing_status = '{PENDING}' AND p.tenant > t.tenant
        ORDER BY p.tenant LIMIT 1
    )
    FROM tenants AS t WHERE t.tenant IS NOT NULL
), running AS (
    SELECT tenant, count(*) AS jobs FROM articles
    WHERE processing_status = '{PROCESSING}'
    GROUP BY tenant
), oldest AS (
    SELECT t.tenant, coalesce(r.jobs, 0) AS jobs, next.id, next.available_at
    FROM tenants AS t
    LEFT JOIN running AS r ON r.tenant = t.tenant
    CROSS JOIN LATERAL (
        SELECT p.id, p.available_at FROM articles AS p
        WHERE p.processing_status = '{PENDING}' AND p.tenant = t.tenant
          AND p.available_at <= now()
        ORDER BY p.available_at, p.id
        LIMIT least($2, greatest($4 - coalesce(r.jobs, 0), 0))
        FOR UPDATE SKIP LOCKED
    ) AS next
    WHERE t.tenant IS NOT NULL
), candidates AS (
    SELECT id FROM oldest
    ORDER BY jobs + row_number() OVER (PARTITION BY tenant ORDER BY available_at, id),
             available_at, id
    LIMIT $2
)
UPDATE articles AS a SET
    processing_status = '{PROCESSING}',
    processing_stage = '{ProcessingStage.EXTRACTING_TEXT.value}',
    progress = {PROGRESS[ProcessingStage.EXTRACTING_TEXT]},
    lease_owner = $1, lease_expires_at = now() + make_interval(secs => $3),
    claim_token = a.claim_token + 1, attempts = a.attempts + 1,
    processing_started_at = now(), processing_completed_at = NULL, updated_at = now()
FROM candidates WHERE a.id = candidates.id
RETURNING a.id, a.claim_token, a.attempts, a.tenant
"""

ADVANCE = _held("processing_stage = $3, progress = $4")

RENEW = f"""
UPDATE articles AS a SET lease_expires_at = now() + make_interval(secs => $3)
FROM unnest($1::int[], $2::bigint[]) AS held(id, token)
WHERE a.id = held.id AND a.claim_token = held.token AND a.processing_status = '{PROCESSING}'
RETURNING a.id, a.claim_token
"""

# The article with its files (one row per file; none when it has no files).
LOAD_INPUT = """
SELECT a.article_name, a.description,
       f.role, f.original_filename, f.content_type, f.sha256, f.content
FROM articles AS a LEFT JOIN article_files AS f ON f.article_id = a.id
WHERE a.id = $1
"""

LOAD_CACHE = "SELECT method, result FROM analysis_cache WHERE key = $1"

# Finish the article, replace its cost model and cache the model's answer, all only if the
# guarded update found the article (a lost claim returns nothing and changes nothing). A
# weight or cost model a person corrected stays (app.articles.corrections); the cache gets
# the analyzer's answer only. The new rows are upserted and the old ones outside the new set
# deleted: sub-statements of one statement do not see each other's rows, so a
# delete-then-insert could collide.
_FINISH_ASSIGNMENTS = (
    f"processing_status = '{COMPLETED}', processing_stage = '{ProcessingStage.DONE.value}', "
    f"progress = {PROGRESS[ProcessingStage.DONE]}, "
    "unit_weight = CASE WHEN weight_manual THEN unit_weight ELSE $3 END, "
    "extracted_metadata = $4::jsonb, analysis_method = $5, "
    "prompt_tokens = $6, completion_tokens = $7, needs_review = $14, "
    "fixed_share = CASE WHEN cost_model_manual THEN fixed_share ELSE 0 END, "
    "processing_error = NULL, processing_error_code = NULL, "
    f"processing_completed_at = now(), {_RELEASE}"
)
_FINISHED = """
), stale AS (
    DELETE FROM cost_models
    WHERE article_id IN (SELECT id FROM done WHERE NOT cost_model_manual)
      AND index_id <> ALL($8::int[])
), fresh AS (
    INSERT INTO cost_models (article_id, index_id, part, quantity_g)
    SELECT done.id, rows.index_id, rows.part, rows.quantity_g
    FROM done, unnest($8::int[], $9::float8[], $10::float8[]) AS rows(index_id, part, quantity_g)
    WHERE NOT done.cost_model_manual
    ON CONFLICT (article_id, index_id)
    DO UPDATE SET part = excluded.part, quantity_g = excluded.quantity_g, source = 'estimated'
), cached AS (
    INSERT INTO analysis_cache (key, method, result)
    SELECT $11::text, $12::text, $13::jsonb FROM done WHERE $11::text IS NOT NULL
    ON CONFLICT (key) DO NOTHING
)
SELECT id FROM done
"""
COMPLETE = (
    "WITH done AS (" + _held(_FINISH_ASSIGNMENTS, returning="id, cost_model_manual") + _FINISHED
)
# The same, only for an article with nothing to price (no price, or a cost model a person
# set): then this one statement is the whole completion, atomic on its own. An article with
# a price is left alone, for the transaction that completes and prices it (app.pricing).
COMPLETE_UNPRICED = (
    "WITH done AS ("
    + _held(
        _FINISH_ASSIGNMENTS,
        returning="id, cost_model_manual",
        also=" AND (price IS NULL OR cost_model_manual)",
    )
    + _FINISHED
)

FAIL = _held(
    f"processing_status = '{FAILED}', processing_error = $4, processing_error_code = $3, "
    f"processing_completed_at = now(), {_RELEASE}"
)

# A transient failure uses up its attempt; a deferral ($6: the breaker is open or the budget
# is spent, not the article's fault) does not, and shows the stage `waiting`.
RETRY = _held(
    f"processing_status = '{PENDING}', "
    f"processing_stage = CASE WHEN $6 THEN '{ProcessingStage.WAITING.value}' END, "
    "progress = 0, processing_error = $4, processing_error_code = $3, "
    "attempts = CASE WHEN $6 THEN greatest(attempts - 1, 0) ELSE attempts END, "
    f"available_at = now() + make_interval(secs => $5), {_RELEASE}"
)

HAND_BACK = f"""
UPDATE articles AS a SET
    processing_status = '{PENDING}', processing_stage = NULL, progress = 0,
    attempts = greatest(a.attempts - 1, 0), available_at = now(),
    lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
FROM unnest($1::int[], $2::bigint[]) AS held(id, token)
WHERE a.id = held.id AND a.claim_token = held.token AND a.processing_status = '{PROCESSING}'
RETURNING a.id
"""

RECOVER_EXPIRED = f"""
WITH expired AS (
    SELECT id, attempts >= $1 AS exhausted FROM articles
    WHERE processing_status = '{PROCESSING}' AND lease_expires_at < now()
    FOR UPDATE SKIP LOCKED
)
UPDATE articles AS a SET
    processing_status = CASE WHEN e.exhausted THEN '{FAILED}' ELSE '{PENDING}' END,
    processing_error = CASE WHEN e.exhausted THEN $2 END,
    processing_error_code = CASE WHEN e.exhausted THEN 'worker_lost' END,
    processing_completed_at = CASE WHEN e.exhausted THEN now() END,
    processing_stage = CASE WHEN e.exhausted THEN a.processing_stage END,
    progress = CASE WHEN e.exhausted THEN a.progress ELSE 0 END,
    lease_owner = NULL, lease_expires_at = NULL, available_at = now(), updated_at = now()
FROM expired AS e WHERE a.id = e.id
RETURNING a.id, a.processing_status
"""

# By the API ($2 the tenant, NULL = any): each names the statuses it may start from.
REQUEUE = f"""
UPDATE articles SET
    processing_status = '{PENDING}', processing_stage = NULL, progress = 0,
    processing_error = NULL, processing_error_code = NULL,
    processing_started_at = NULL, processing_completed_at = NULL,
    attempts = 0, available_at = now(), updated_at = now()
WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)
  AND processing_status IN ('{COMPLETED}', '{FAILED}')
RETURNING id
"""

CANCEL = f"""
UPDATE articles SET
    processing_status = '{FAILED}', processing_error = '{CANCELLED_CODE}',
    processing_error_code = '{CANCELLED_CODE}', processing_completed_at = now(),
    {_RELEASE}, updated_at = now()
WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)
  AND processing_status IN ('{PENDING}', '{PROCESSING}')
RETURNING id
"""

DELETE = "DELETE FROM articles WHERE id = $1 AND ($2::text IS NULL OR tenant = $2) RETURNING id"

QUEUE_DEPTH = f"""
SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
FROM articles WHERE processing_status = '{PENDING}'
"""

PURGE_OLD_FILES = f"""
WITH purged AS (
    UPDATE article_files SET content = NULL, purged_at = now()
    WHERE content IS NOT NULL AND article_id IN (
        SELECT id FROM articles
        WHERE processing_status IN ('{COMPLETED}', '{FAILED}')
          AND processing_completed_at < now() - make_interval(secs => $1)
    )
    RETURNING 1
)
SELECT count(*) FROM purged
"""


def extraction_progress(done: int, total: int, *, start: int, width: int) -> int:
    """Progress while `done` of `total` pages of one file (its share of the span) are read."""
    return start + width * done // max(total, 1)


class JobStore:
    """The article row as a job: claim, advance, load, complete, renew, retry/defer, fail,
    hand back, recover, requeue, cancel, delete — one statement each."""

    def __init__(self, *, progress_pool: asyncpg.Pool, durable_pool: asyncpg.Pool) -> None:
        self._progress = progress_pool
        self._durable = durable_pool
        self._listeners: list[Callable[[int], None]] = []

    def on_released(self, listener: Callable[[int], None]) -> None:
        """Call `listener(article_id)` when this process cancels, requeues or deletes an article
        (the local processor stops its run at once; other replicas notice at lease renewal)."""
        self._listeners.append(listener)

    def _released(self, article_id: int) -> None:
        for listener in self._listeners:
            listener(article_id)

    # --- a run's own writes (fenced by the claim token) ---------------------------------------
    async def claim(
        self, *, owner: str, limit: int, lease_s: float, per_tenant: int
    ) -> list[Claim]:
        """Take up to `limit` available pending articles, tenants in turn; other workers skip
        the locked rows."""
        rows = await self._progress.fetch(CLAIM, owner, limit, lease_s, per_tenant)
        return [
            Claim(
                article_id=row["id"],
                token=row["claim_token"],
                attempts=row["attempts"],
                tenant=row["tenant"],
            )
            for row in rows
        ]

    async def advance(
        self, claim: Claim, stage: ProcessingStage, progress: int | None = None
    ) -> bool:
        """Show the stage (and progress, by default the stage's); False if the claim is lost."""
        value = PROGRESS[stage] if progress is None else progress
        row = await self._progress.fetchval(
            ADVANCE, claim.article_id, claim.token, stage.value, value
        )
        return row is not None

    async def renew(self, claims: Sequence[Claim], *, lease_s: float) -> set[tuple[int, int]]:
        """Extend the leases of these claims; returns the (article id, token) still held."""
        if not claims:
            return set()
        rows = await self._progress.fetch(
            RENEW, [c.article_id for c in claims], [c.token for c in claims], lease_s
        )
        return {(row["id"], row["claim_token"]) for row in rows}

    async def load_input(self, article_id: int) -> JobInput | None:
        """The article's name, description and files in one query; None if it is gone."""
        rows = await self._progress.fetch(LOAD_INPUT, article_id)
        if not rows:
            return None
        first = rows[0]
        return JobInput(
            article_name=first["article_name"],
            description=first["description"],
            files=[
                JobFile(
                    role=row["role"],
                    original_filename=row["original_filename"],
                    content_type=row["content_type"],
                    sha256=row["sha256"],
                    content=row["content"],
                )
                for row in rows
                if row["role"] is not None
            ],
        )

    async def load_cache(self, key: str) -> tuple[str, dict[str, Any]] | None:
        row = await self._progress.fetchrow(LOAD_CACHE, key)
        return None if row is None else (row["method"], row["result"])

    async def complete(
        self,
        claim: Claim,
        *,
        unit_weight_kg: float | None,
        metadata: dict[str, Any],
        analysis_method: str,
        prompt_tokens: int,
        completion_tokens: int,
        cost_rows: Sequence[CostRow],
        cache_entry: CacheEntry | None = None,
        needs_review: bool = False,
        connection: asyncpg.Connection | PoolConnectionProxy | None = None,
        unpriced_only: bool = False,
    ) -> bool:
        """Store the result durably and finish the article; False if the claim was lost.

        `connection` (one of the durable pool's): inside the caller's transaction, which then
        commits it (the pricing of the cost model joins the completion). `unpriced_only`:
        finish only an article with nothing to price (False too when it has a price)."""
        finished = await (connection or self._durable).fetchval(
            COMPLETE_UNPRICED if unpriced_only else COMPLETE,
            claim.article_id,
            claim.token,
            unit_weight_kg,
            metadata,
            analysis_method,
            prompt_tokens,
            completion_tokens,
            [row.index_id for row in cost_rows],
            [row.part for row in cost_rows],
            [row.quantity_g for row in cost_rows],
            None if cache_entry is None else cache_entry.key,
            None if cache_entry is None else cache_entry.method,
            None if cache_entry is None else cache_entry.result,
            needs_review,
        )
        return finished is not None

    async def fail(self, claim: Claim, *, code: str, message: str) -> bool:
        row = await self._durable.fetchval(FAIL, claim.article_id, claim.token, code, message)
        return row is not None

    async def retry(
        self, claim: Claim, *, code: str, message: str, delay_s: float, refund_attempt: bool
    ) -> bool:
        """Back to pending for another try after `delay_s`; the reason stays visible meanwhile.

        `refund_attempt` (a deferral: the provider, not the article, is the problem) gives the
        attempt back and shows the stage `waiting`.
        """
        row = await self._durable.fetchval(
            RETRY, claim.article_id, claim.token, code, message, delay_s, refund_attempt
        )
        return row is not None

    async def hand_back(self, claims: Sequence[Claim]) -> list[int]:
        """On shutdown: unfinished work goes back to pending at once, without using an attempt."""
        if not claims:
            return []
        rows = await self._durable.fetch(
            HAND_BACK, [c.article_id for c in claims], [c.token for c in claims]
        )
        return [row["id"] for row in rows]

    # --- the sweeper --------------------------------------------------------------------------
    async def recover_expired(self, *, max_attempts: int) -> list[tuple[int, str]]:
        """Take back articles whose worker died: retry them, or fail them once attempts are
        spent. The next claim gets a new token, so the old run (if alive) writes nothing."""
        rows = await self._durable.fetch(RECOVER_EXPIRED, max_attempts, WORKER_LOST_MESSAGE)
        return [(row["id"], row["processing_status"]) for row in rows]

    # --- what a person asks for (tenant None = any tenant) ------------------------------------
    async def requeue(self, article_id: int, tenant: str | None) -> bool:
        """A completed or failed article back to pending; False if it is not finished (or not
        this tenant's)."""
        done = await self._durable.fetchval(REQUEUE, article_id, tenant) is not None
        if done:
            self._released(article_id)
        return done

    async def cancel(self, article_id: int, tenant: str | None) -> bool:
        """Pending or processing → failed ("cancelled"); a run on it stops. False if it is
        already finished (or not this tenant's)."""
        done = await self._durable.fetchval(CANCEL, article_id, tenant) is not None
        if done:
            self._released(article_id)
        return done

    async def delete(self, article_id: int, tenant: str | None) -> bool:
        """The article with its files and cost model; a run on it stops."""
        done = await self._durable.fetchval(DELETE, article_id, tenant) is not None
        if done:
            self._released(article_id)
        return done

    # --- housekeeping and metrics -------------------------------------------------------------
    async def queue_depth(self) -> tuple[int, float]:
        """(pending articles, age in seconds of the oldest one)."""
        row = await self._progress.fetchrow(QUEUE_DEPTH)
        assert row is not None
        return int(row[0]), float(row[1])

    async def purge_old_files(self, *, older_than_days: float) -> int:
        """Drop the bytes of files whose article finished long enough ago; keep the metadata."""
        purged = await self._durable.fetchval(PURGE_OLD_FILES, older_than_days * 86400.0)
        return int(purged)
