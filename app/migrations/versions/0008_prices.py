"""Index values, an article's price, and cost-model parts computed from them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No foreign key to indices: its per-row check made a 1,000,000-value import take 2.5 ×
    # as long. An import locks the tenant's index rows once instead, and deleting an index
    # deletes its values in the same transaction (app.indices.repository).
    op.create_table(
        "index_values",
        sa.Column("index_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.CheckConstraint("value > 0", name=op.f("ck_index_values_value_positive")),
        sa.CheckConstraint(
            "extract(day FROM period) = 1", name=op.f("ck_index_values_period_is_month")
        ),
        sa.PrimaryKeyConstraint("index_id", "period", name=op.f("pk_index_values")),
    )
    op.add_column("articles", sa.Column("price", sa.Float()))
    op.add_column("articles", sa.Column("currency", sa.String(length=3)))
    op.add_column("articles", sa.Column("price_date", sa.Date()))
    op.add_column("articles", sa.Column("price_unit", sa.String(length=8)))
    op.add_column("articles", sa.Column("pricing", postgresql.JSONB()))
    op.add_column("articles", sa.Column("estimated_costs", postgresql.JSONB()))
    op.create_check_constraint(
        op.f("ck_articles_price_positive"), "articles", "price IS NULL OR price > 0"
    )
    op.create_check_constraint(
        op.f("ck_articles_price_unit"),
        "articles",
        "price_unit IS NULL OR price_unit IN ('piece', '100', '1000')",
    )
    op.add_column("cost_models", sa.Column("basis", postgresql.JSONB()))


def downgrade() -> None:
    op.drop_column("cost_models", "basis")
    op.drop_constraint(op.f("ck_articles_price_unit"), "articles", type_="check")
    op.drop_constraint(op.f("ck_articles_price_positive"), "articles", type_="check")
    for column in ("estimated_costs", "pricing", "price_unit", "price_date", "currency", "price"):
        op.drop_column("articles", column)
    op.drop_table("index_values")
