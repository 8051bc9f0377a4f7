"""`python -m app serve`: embedded PostgreSQL when no URL is set, migrations, then uvicorn."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

import uvicorn

from app.config import get_settings
from app.core.embedded_postgres import EmbeddedPostgres
from app.http_protocol import limited_http_protocol
from app.logging import configure_logging
from app.main import create_app
from app.openapi import published_schema
from app.ops.migrations import upgrade_to_head

logger = logging.getLogger("app.cli")


def serve() -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    embedded: EmbeddedPostgres | None = None
    try:
        if settings.database_url is None:
            embedded = EmbeddedPostgres(settings.data_dir / "postgres")
            url = embedded.start()
            logger.info("CMS_DATABASE_URL not set: using the embedded PostgreSQL at %s", url)
            settings = settings.model_copy(update={"database_url": url})
        assert settings.database_url is not None
        logger.info("applying migrations (alembic upgrade head)")
        upgrade_to_head(settings.database_url)
        if settings.openai_api_key is None:
            logger.info("CMS_OPENAI_API_KEY not set: articles are analysed by the offline analyzer")
        server = uvicorn.Server(
            uvicorn.Config(
                # The service's own process: its long-lived heap may be frozen after startup.
                create_app(settings, freeze_heap=True),
                host=settings.host,
                port=settings.port,
                log_config=None,
                access_log=False,
                proxy_headers=True,
                # Refuse early: header size, count and deadline; idle keep-alive connections.
                http=limited_http_protocol(settings),
                h11_max_incomplete_event_size=settings.max_header_bytes,
                timeout_keep_alive=settings.keep_alive_timeout_s,
                timeout_graceful_shutdown=int(settings.shutdown_grace_s) + 5,
            )
        )
        # uvicorn handles SIGINT/SIGTERM (stop accepting, run the lifespan shutdown) and then
        # re-raises the signal to the handler that was there before. Ours only notes it, so
        # the embedded database below is still stopped before the process exits.
        received: list[int] = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda signum, _frame: received.append(signum))
        server.run()
        if received:
            logger.info("stopped by signal %s", signal.Signals(received[0]).name)
        return 0 if server.started else 1
    finally:
        if embedded is not None:
            embedded.stop()


def migrate() -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    if settings.database_url is None:
        logger.error("CMS_DATABASE_URL is not set")
        return 2
    upgrade_to_head(settings.database_url)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    parser.add_argument(
        "command", choices=["serve", "migrate", "openapi"], nargs="?", default="serve"
    )
    args = parser.parse_args(argv)
    if args.command == "openapi":  # python -m app openapi > openapi.json
        sys.stdout.write(published_schema())
        return 0
    return serve() if args.command == "serve" else migrate()


if __name__ == "__main__":
    sys.exit(main())
