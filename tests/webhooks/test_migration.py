"""Migration 0005 (webhooks, outbox trigger, rate-limit counters): up and down with data."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.ops.migrations import alembic_config


async def test_0005_up_and_down_with_data(fresh_database_url: str):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0004")
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO articles (tenant, article_name) VALUES ('t', 'before')")
            )
        await asyncio.to_thread(command.upgrade, config, "0005")
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO webhook_endpoints (tenant, url, events, secret) VALUES "
                    "('t', 'https://h.example/x', '{article.completed}', 'whsec_x')"
                )
            )
            await conn.execute(
                text(
                    "INSERT INTO rate_limit_counters (tenant, action, window_start, hits) "
                    "VALUES ('t', 'upload', now(), 3)"
                )
            )
            # The trigger fills the outbox in the same transaction as the change.
            await conn.execute(text("UPDATE articles SET processing_status = 'completed'"))
            events = (
                await conn.execute(text("SELECT event_type, tenant, data FROM webhook_events"))
            ).all()
        assert [(e[0], e[1], e[2]["status"]) for e in events] == [
            ("article.completed", "t", "completed")
        ]
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO webhook_attempts (event_id, endpoint_id, attempted_at, "
                    "duration_ms) SELECT id, endpoint_id, now(), 5 FROM webhook_events"
                )
            )

        await asyncio.to_thread(command.downgrade, config, "0004")
        async with engine.begin() as conn:
            tables = set(
                (
                    await conn.execute(
                        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    )
                ).scalars()
            )
            # The articles keep their data and update without the trigger.
            await conn.execute(text("UPDATE articles SET processing_status = 'failed'"))
            names = (await conn.execute(text("SELECT article_name FROM articles"))).scalars()
            assert list(names) == ["before"]
        assert not tables & {
            "webhook_endpoints",
            "webhook_events",
            "webhook_attempts",
            "rate_limit_counters",
        }

        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            outbox = (await conn.execute(text("SELECT count(*) FROM webhook_events"))).scalar()
        assert outbox == 0
    finally:
        await engine.dispose()
