"""Corrections by people: manual values kept apart from the analysis, a history, a version.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "articles", sa.Column("version", sa.Integer(), server_default="1", nullable=False)
    )
    op.add_column(
        "articles",
        sa.Column("weight_manual", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("articles", sa.Column("manual_materials", postgresql.JSONB(), nullable=True))
    op.add_column(
        "articles",
        sa.Column("cost_model_manual", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "articles", sa.Column("fixed_share", sa.Float(), server_default="0", nullable=False)
    )
    op.add_column("articles", sa.Column("reviewed_at", sa.DateTime(timezone=True)))
    op.add_column("articles", sa.Column("reviewed_by", sa.String(length=255)))
    op.create_check_constraint(
        op.f("ck_articles_fixed_share_range"), "articles", "fixed_share >= 0 AND fixed_share <= 1"
    )
    op.add_column(
        "cost_models",
        sa.Column("source", sa.String(length=16), server_default="estimated", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_cost_models_source"),
        "cost_models",
        "source IN ('estimated', 'computed', 'manual')",
    )
    op.create_table(
        "article_changes",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("changed_by", sa.String(length=255), nullable=False),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("before", postgresql.JSONB(), nullable=True),
        sa.Column("after", postgresql.JSONB(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_changes_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_changes")),
    )
    op.create_index(
        "ix_article_changes_article_id_id", "article_changes", ["article_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_article_changes_article_id_id", table_name="article_changes")
    op.drop_table("article_changes")
    op.drop_constraint(op.f("ck_cost_models_source"), "cost_models", type_="check")
    op.drop_column("cost_models", "source")
    op.drop_constraint(op.f("ck_articles_fixed_share_range"), "articles", type_="check")
    for column in (
        "reviewed_by",
        "reviewed_at",
        "fixed_share",
        "cost_model_manual",
        "manual_materials",
        "weight_manual",
        "version",
    ):
        op.drop_column("articles", column)
