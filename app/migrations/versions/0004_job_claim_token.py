"""Jobs: a claim (fencing) token, the stages a row can hold, and the per-tenant claim index.

Rows written before this revision may hold the stages `queued` or `saving`, which no code
writes any more: `queued` (never started) becomes no stage, `saving` the stage before it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("waiting", "extracting_text", "extracting_metadata", "generating_cost_model", "done")
PENDING = sa.text("processing_status = 'pending'")


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("claim_token", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.execute("UPDATE articles SET processing_stage = NULL WHERE processing_stage = 'queued'")
    op.execute(
        "UPDATE articles SET processing_stage = 'generating_cost_model' "
        "WHERE processing_stage = 'saving'"
    )
    allowed = ", ".join(f"'{stage}'" for stage in STAGES)
    op.create_check_constraint(
        op.f("ck_articles_processing_stage"),
        "articles",
        f"processing_stage IS NULL OR processing_stage IN ({allowed})",
    )
    op.create_index(
        "ix_articles_pending_tenant_available",
        "articles",
        ["tenant", "available_at", "id"],
        unique=False,
        postgresql_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_articles_pending_tenant_available", table_name="articles", postgresql_where=PENDING
    )
    op.drop_constraint(op.f("ck_articles_processing_stage"), "articles", type_="check")
    op.drop_column("articles", "claim_token")
