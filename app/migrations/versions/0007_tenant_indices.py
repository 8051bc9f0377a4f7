"""Indices are the tenant's data: a catalogue per tenant, editable, with currency and source.

The shared rows become the `public` tenant's; every other tenant that has articles gets its
own copy of them, and its cost models are pointed at its copies (same codes).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPY_COLUMNS = "code, name, unit, category, currency, source, description"


def upgrade() -> None:
    op.add_column(
        "indices",
        sa.Column("tenant", sa.String(length=64), server_default="public", nullable=False),
    )
    op.add_column("indices", sa.Column("currency", sa.String(length=3)))
    op.add_column("indices", sa.Column("source", sa.Text()))
    op.add_column("indices", sa.Column("description", sa.Text()))
    op.add_column(
        "indices",
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.add_column(
        "indices",
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.execute("UPDATE indices SET currency = 'EUR' WHERE unit LIKE 'EUR/%'")
    op.drop_constraint(op.f("uq_indices_code"), "indices", type_="unique")
    op.drop_constraint(op.f("uq_indices_name"), "indices", type_="unique")
    op.create_unique_constraint("uq_indices_tenant_code", "indices", ["tenant", "code"])
    op.create_index("ix_indices_tenant_name", "indices", ["tenant", "name"], unique=True)
    op.create_check_constraint(
        op.f("ck_indices_code_format"), "indices", "code ~ '^[a-z0-9][a-z0-9_]*$'"
    )
    op.create_table(
        "tenant_catalogues",
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column(
            "seeded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant", name=op.f("pk_tenant_catalogues")),
    )
    # Every tenant with articles gets its own copy of the shared catalogue …
    op.execute(
        f"""
        INSERT INTO indices (tenant, {COPY_COLUMNS})
        SELECT t.tenant, {COPY_COLUMNS}
        FROM indices CROSS JOIN (
            SELECT DISTINCT tenant FROM articles WHERE tenant <> 'public'
        ) AS t
        WHERE indices.tenant = 'public'
        """
    )
    # … and its cost models point at its own rows.
    op.execute(
        """
        UPDATE cost_models AS cm SET index_id = mine.id
        FROM articles AS a, indices AS shared, indices AS mine
        WHERE cm.article_id = a.id AND shared.id = cm.index_id
          AND mine.tenant = a.tenant AND mine.code = shared.code AND shared.tenant <> a.tenant
        """
    )
    op.execute("INSERT INTO tenant_catalogues (tenant) SELECT DISTINCT tenant FROM indices")


def downgrade() -> None:
    # One shared catalogue again: a code only a tenant had becomes shared (its name made
    # unique), every cost model points at the shared row of its code, the copies go.
    op.execute(
        """
        UPDATE indices AS i SET tenant = 'public',
            name = CASE WHEN EXISTS (SELECT 1 FROM indices o WHERE o.tenant = 'public'
                                     AND o.name = i.name)
                        THEN left(i.name || ' (' || i.code || ')', 128) ELSE i.name END
        WHERE i.id IN (
            SELECT min(id) FROM indices
            WHERE code NOT IN (SELECT code FROM indices WHERE tenant = 'public')
            GROUP BY code
        )
        """
    )
    op.execute(
        """
        UPDATE cost_models AS cm SET index_id = shared.id
        FROM indices AS mine, indices AS shared
        WHERE mine.id = cm.index_id AND mine.tenant <> 'public'
          AND shared.tenant = 'public' AND shared.code = mine.code
        """
    )
    op.execute("DELETE FROM indices WHERE tenant <> 'public'")
    op.drop_table("tenant_catalogues")
    op.drop_constraint(op.f("ck_indices_code_format"), "indices", type_="check")
    op.drop_index("ix_indices_tenant_name", table_name="indices")
    op.drop_constraint("uq_indices_tenant_code", "indices", type_="unique")
    op.create_unique_constraint(op.f("uq_indices_name"), "indices", ["name"])
    op.create_unique_constraint(op.f("uq_indices_code"), "indices", ["code"])
    for column in ("updated_at", "created_at", "description", "source", "currency", "tenant"):
        op.drop_column("indices", column)
