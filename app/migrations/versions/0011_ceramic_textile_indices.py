"""Ceramics, technical ceramics, textiles and leather in every catalogue: material families the
documents name (a porcelain insulator, an alumina ring, a webbing strap, a leather grip) that
had no index to carry their share, so they ended as "no material identified".

Like 0009: every seeded catalogue (the shared `public` one included) gets each index unless it
already has one of that code or name (a tenant's own index is kept as it is). Downgrade removes
the rows this revision (or a later seeding) added, except where a cost model uses one or values
were given to it: those stay as the tenant's own index, so nothing anybody relies on is lost.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported from the seed) so that the migration means the same forever.
INDICES: tuple[tuple[str, str, str], ...] = (
    # code, name, description (unit EUR/t, category other, currency EUR)
    (
        "technical_ceramics",
        "Technical ceramics (alumina, zirconia, SiC, Si3N4)",
        "Oxide and non-oxide technical ceramics (alumina/Al2O3, zirconia/ZrO2, silicon carbide, "
        "silicon nitride, steatite, cordierite), as pressed and sintered parts.",
    ),
    (
        "ceramics",
        "Ceramics (porcelain, stoneware, earthenware)",
        "Clay-based ceramics (porcelain, stoneware, earthenware, terracotta), and a ceramic "
        "the documents do not name more precisely.",
    ),
    (
        "textile",
        "Textiles (fabric, webbing, felt, non-woven)",
        "Woven, knitted and non-woven textiles of natural or synthetic fibres (cotton, "
        "polyester, nylon webbing, wool, felt), coated fabrics (artificial leather) included.",
    ),
    (
        "leather",
        "Leather",
        "Tanned hides (cow, goat, sheep), suede and nubuck; not artificial leather.",
    ),
)


def upgrade() -> None:
    for code, name, description in INDICES:
        params = {"code": code, "name": name, "description": description}
        op.execute(
            sa.text(
                """
                INSERT INTO indices (tenant, code, name, unit, category, currency, description)
                SELECT tenant, :code, :name, 'EUR/t', 'other', 'EUR', :description
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
