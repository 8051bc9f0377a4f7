"""The review queue: articles the analysis was unsure about carry `needs_review`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("needs_review", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_index(
        "ix_articles_review_queue",
        "articles",
        ["tenant", "created_at"],
        unique=False,
        postgresql_where=sa.text("needs_review"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_articles_review_queue", table_name="articles", postgresql_where=sa.text("needs_review")
    )
    op.drop_column("articles", "needs_review")
