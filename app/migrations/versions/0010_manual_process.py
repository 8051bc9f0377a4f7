"""A person's process for an article (`manual_process`): kept apart from the analysis's, so a
reprocess keeps it, like the other corrections.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("manual_process", sa.String(length=32)))


def downgrade() -> None:
    op.drop_column("articles", "manual_process")
