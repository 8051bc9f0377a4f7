"""Alembic from code: upgrade on start, and whether the database is at head (for /ready).

The migrations ship inside the package (`app/migrations`), so an installed wheel migrates from
any working directory; `alembic.ini` at the repository root is only for the `alembic` command.
"""

from __future__ import annotations

import importlib.resources

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection


def script_location() -> str:
    """The migrations directory inside the installed package."""
    return str(importlib.resources.files("app") / "migrations")


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location())
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


def upgrade_to_head(database_url: str) -> None:
    """Blocking (Alembic runs its own event loop): call from a thread or before the server."""
    command.upgrade(alembic_config(database_url), "head")


def head_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config(""))
    return set(script.get_heads())


async def current_revisions(connection: AsyncConnection) -> set[str]:
    result = await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
    return {row[0] for row in result}
