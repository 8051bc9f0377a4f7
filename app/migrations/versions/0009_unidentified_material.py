"""An `unidentified_material` index in every catalogue: where the material part of a cost model
goes when no document names the material (before, that part was left out).

Every seeded catalogue (the shared `public` one included) gets the index, unless it already
has one of that code or name (a tenant's own index is kept as it is). Downgrade removes the
rows this revision (or a later seeding) added, except where a cost model uses one or values
were given to it: those stay as the tenant's own index, so nothing anybody relies on is lost.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported from the seed) so that the migration means the same forever.
CODE = "unidentified_material"
NAME = "Unidentified material (to be named)"
UNIT = "EUR/t"
DESCRIPTION = (
    "The material part of an article whose documents name no material. It has no values: "
    "its share does not move the price development until a person names the material."
)
PARAMS = {"code": CODE, "name": NAME, "unit": UNIT, "description": DESCRIPTION}


def upgrade() -> None:
    op.execute(
        sa.text(
            """
            INSERT INTO indices (tenant, code, name, unit, category, currency, description)
            SELECT tenant, :code, :name, :unit, 'other', 'EUR', :description
            FROM tenant_catalogues
            ON CONFLICT DO NOTHING
            """
        ).bindparams(**PARAMS)
    )
    # A database created with the new default catalogue has the shared row already, bare.
    op.execute(
        sa.text(
            "UPDATE indices SET description = :description, currency = 'EUR' "
            "WHERE code = :code AND name = :name AND description IS NULL"
        ).bindparams(description=DESCRIPTION, code=CODE, name=NAME)
    )


def downgrade() -> None:
    op.execute(
        sa.text(
            """
            DELETE FROM indices AS i
            WHERE i.code = :code AND i.name = :name AND i.description = :description
              AND NOT EXISTS (SELECT 1 FROM cost_models AS cm WHERE cm.index_id = i.id)
              AND NOT EXISTS (SELECT 1 FROM index_values AS v WHERE v.index_id = i.id)
            """
        ).bindparams(code=CODE, name=NAME, description=DESCRIPTION)
    )
