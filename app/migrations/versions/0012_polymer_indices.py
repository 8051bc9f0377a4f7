"""Thermoplastic elastomers, polyurethane, fluoropolymers, PE-X, PE-LLD and the
high-performance polymers in every catalogue: families the documents name (a TPE grip, a PU
hose, a PTFE gasket, a PE-X heating pipe, an LLDPE stretch film, a PPSU press fitting) that
had no index of their own, so they were priced as rubber or PE-LD or ended as "no material
identified".

Like 0011: every seeded catalogue (the shared `public` one included) gets each index unless it
already has one of that code or name (a tenant's own index is kept as it is). Downgrade removes
the rows this revision (or a later seeding) added, except where a cost model uses one or values
were given to it: those stay as the tenant's own index, so nothing anybody relies on is lost.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported from the seed) so that the migration means the same forever.
INDICES: tuple[tuple[str, str, str], ...] = (
    # code, name, description (unit EUR/t, category polymer, currency EUR)
    (
        "pe_lld",
        "Polyethylene linear low density (PE-LLD)",
        "Linear low-density polyethylene (LLDPE, PE-LLD, PEBDL): stretch and cling films, "
        "liners, rotomoulded tanks.",
    ),
    (
        "pe_x",
        "Cross-linked polyethylene (PE-X)",
        "Cross-linked polyethylene (PE-Xa, PE-Xb, PE-Xc; PEX, French PER): heating and "
        "plumbing pipes, cable insulation.",
    ),
    (
        "tpe",
        "Thermoplastic elastomer (TPE)",
        "Thermoplastic elastomers moulded as plastics (TPE-S/SEBS, TPE-O, TPE-E, TPV): grips, "
        "mats, soft-touch parts, cable sheaths. Polyurethane elastomers are under PU.",
    ),
    (
        "pu",
        "Polyurethane (PU, TPU)",
        "Polyurethanes: thermoplastic (TPU) hoses and wheels, cast PUR, foams.",
    ),
    (
        "ptfe",
        "Polytetrafluoroethylene (PTFE)",
        "PTFE (Teflon) and filled PTFE compounds: gaskets, seals, slide bearings, linings.",
    ),
    (
        "pvdf",
        "Polyvinylidene fluoride (PVDF)",
        "PVDF: chemical-resistant valves, pipes and fittings, membranes.",
    ),
    (
        "peek",
        "Polyether ether ketone (PEEK)",
        "PEEK and filled PEEK compounds: high-temperature insulators, bushes, medical parts.",
    ),
    (
        "ppsu",
        "Polyphenylsulfone (PPSU)",
        "PPSU: press fittings for drinking water and heating, sterilisable housings.",
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
