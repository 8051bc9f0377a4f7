"""Webhooks (endpoints, an outbox filled by a trigger, the delivery log) and shared rate limits.

The trigger writes the outbox in the same transaction as the article's state change, so an
event is never lost and never announced for a change that rolled back; with no endpoints it
costs one index lookup, and only on a change to a terminal status or to `needs_review`.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENQUEUE_FUNCTION = """
CREATE FUNCTION enqueue_article_webhooks() RETURNS trigger AS $$
DECLARE
    kinds text[] := ARRAY[]::text[];
BEGIN
    IF NEW.processing_status IS DISTINCT FROM OLD.processing_status THEN
        IF NEW.processing_status = 'completed' THEN
            kinds := kinds || 'article.completed'::text;
        ELSIF NEW.processing_status = 'failed' THEN
            kinds := kinds || 'article.failed'::text;
        END IF;
    END IF;
    IF NEW.needs_review AND (NOT OLD.needs_review OR 'article.completed' = ANY(kinds)) THEN
        kinds := kinds || 'article.needs_review'::text;
    END IF;
    IF cardinality(kinds) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_events (endpoint_id, tenant, article_id, event_type, data)
    SELECT e.id, NEW.tenant, NEW.id, k.kind,
           jsonb_build_object('id', NEW.id, 'status', NEW.processing_status,
                              'unit_weight', NEW.unit_weight, 'needs_review', NEW.needs_review)
    FROM unnest(kinds) WITH ORDINALITY AS k(kind, n)
    JOIN webhook_endpoints e ON e.tenant = NEW.tenant AND e.enabled AND k.kind = ANY(e.events)
    ORDER BY k.n, e.id;
    IF FOUND THEN  -- wake the dispatchers (delivered at commit, like the row)
        PERFORM pg_notify('webhook_events', NEW.id::text);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

ENQUEUE_TRIGGER = """
CREATE TRIGGER articles_enqueue_webhooks
AFTER UPDATE OF processing_status, needs_review ON articles FOR EACH ROW
WHEN ((NEW.processing_status IS DISTINCT FROM OLD.processing_status
       AND NEW.processing_status IN ('completed', 'failed'))
      OR (NEW.needs_review AND NOT OLD.needs_review))
EXECUTE FUNCTION enqueue_article_webhooks()
"""


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("events", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.Column("previous_secret", sa.String(length=128), nullable=True),
        sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_index(
        "ix_webhook_endpoints_tenant_enabled",
        "webhook_endpoints",
        ["tenant"],
        unique=False,
        postgresql_where=sa.text("enabled"),
    )
    op.create_table(
        "webhook_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("endpoint_id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "occurred_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'delivering', 'delivered', 'failed')",
            name=op.f("ck_webhook_events_status"),
        ),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_events_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_events")),
    )
    op.create_index(
        "ix_webhook_events_due",
        "webhook_events",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_events_lease",
        "webhook_events",
        ["lease_expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'delivering'"),
    )
    op.create_index(
        "ix_webhook_events_chain",
        "webhook_events",
        ["endpoint_id", "article_id", "id"],
        unique=False,
        postgresql_where=sa.text("status IN ('pending', 'delivering')"),
    )
    op.create_table(
        "webhook_attempts",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("endpoint_id", sa.Integer(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_code", sa.SmallInteger(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_attempts_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["webhook_events.id"],
            name=op.f("fk_webhook_attempts_event_id_webhook_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_attempts")),
    )
    op.create_index(
        "ix_webhook_attempts_endpoint_id_id",
        "webhook_attempts",
        ["endpoint_id", "id"],
        unique=False,
    )
    op.create_index("ix_webhook_attempts_event_id", "webhook_attempts", ["event_id"], unique=False)
    op.create_table(
        "rate_limit_counters",
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant", "action", "window_start", name=op.f("pk_rate_limit_counters")
        ),
    )
    op.execute(ENQUEUE_FUNCTION)
    op.execute(ENQUEUE_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS articles_enqueue_webhooks ON articles")
    op.execute("DROP FUNCTION IF EXISTS enqueue_article_webhooks()")
    op.drop_table("rate_limit_counters")
    op.drop_index("ix_webhook_attempts_event_id", table_name="webhook_attempts")
    op.drop_index("ix_webhook_attempts_endpoint_id_id", table_name="webhook_attempts")
    op.drop_table("webhook_attempts")
    op.drop_index(
        "ix_webhook_events_chain",
        table_name="webhook_events",
        postgresql_where=sa.text("status IN ('pending', 'delivering')"),
    )
    op.drop_index(
        "ix_webhook_events_lease",
        table_name="webhook_events",
        postgresql_where=sa.text("status = 'delivering'"),
    )
    op.drop_index(
        "ix_webhook_events_due",
        table_name="webhook_events",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("webhook_events")
    op.drop_index(
        "ix_webhook_endpoints_tenant_enabled",
        table_name="webhook_endpoints",
        postgresql_where=sa.text("enabled"),
    )
    op.drop_table("webhook_endpoints")
