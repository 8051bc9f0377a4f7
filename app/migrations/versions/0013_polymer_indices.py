"""Long-chain polyamides (PA12/PA11), PLA, PETG and EPP in every catalogue: families the
documents name (a PA12 air-brake tube, a PLA or PETG filament, an EPP food box) that were
priced as PA6, PET or PP, or read as another material, though their prices differ.

Like 0012: every seeded catalogue gets each index unless it already has one of that code or
name; downgrade removes the rows this revision added, except where a cost model uses one or
values were given to it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported from the seed) so that the migration means the same forever.
INDICES: tuple[tuple[str, str, str], ...] = (
    # code, name, description (unit EUR/t, category polymer, currency EUR)
    (
        "pa12",
        "Polyamide 12 and 11 (PA12, PA11)",
        "Long-chain polyamides PA12 and PA11: fuel and air-brake tubes, sintered (SLS, MJF) "
        "printed parts.",
    ),
    (
        "pla",
        "Polylactic acid (PLA)",
        "Polylactic acid (PLA), a bio-based polyester: 3D-printing filament, cups, films.",
    ),
    (
        "petg",
        "Glycol-modified PET (PETG)",
        "Glycol-modified PET (PETG, PET-G): 3D-printing filament, sheets, displays.",
    ),
    (
        "epp",
        "Expanded polypropylene (EPP)",
        "Expanded polypropylene bead foam (EPP): insulated boxes, crash pads, packaging.",
    ),
)


def upgrade() -> None:
    for code, name, description in INDICES:
        params = {"code": code, "name": name, "description": description}
        op.execute(
            sa.text(
                """
                INSERT INTO indices (tenant, code, name, unit, category, currency, description)
                SELECT tenant, :code, :name, 'EUR/t', 'polymer', 'EUR', :description
                FROM tenant_catalogues
                ON CONFLICT DO NOTHING
                """
            ).bindparams(**params)
        )
        # A database created with the new default catalogue has the shared row already, bare.
        op.execute(
            sa.text(
                "UPDATE indices SET description = :description, currency = 'EUR' "
                "WHERE code = :code AND name = :name AND description IS NULL"
            ).bindparams(**params)
        )


def downgrade() -> None:
    for code, name, description in INDICES:
        op.execute(
            sa.text(
                """
                DELETE FROM indices AS i
                WHERE i.code = :code AND i.name = :name AND i.description = :description
                  AND NOT EXISTS (SELECT 1 FROM cost_models AS cm WHERE cm.index_id = i.id)
                  AND NOT EXISTS (SELECT 1 FROM index_values AS v WHERE v.index_id = i.id)
                """
            ).bindparams(code=code, name=name, description=description)
        )
