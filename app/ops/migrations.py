"""Alembic from code: upgrade on start, and whether the database is at head (for /ready)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection


def project_root() -> Path:
    """The checkout holding alembic.ini: this source tree, or the working directory."""
    for candidate in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (candidate / "alembic.ini").is_file():
            return candidate
    raise RuntimeError("alembic.ini not found: run from the project checkout")


def alembic_config(database_url: str) -> Config:
    root = project_root()
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "alembic"))
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
