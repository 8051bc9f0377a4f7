"""The published contract: operation ids, security schemes, named bodies, and `/docs` served
from a package (no CDN).

`openapi.json` at the repository root is this schema as generated with the default settings
(`python -m app openapi > openapi.json`); a test fails when the code and the file drift, and
the TypeScript types in `clients/typescript/` are generated from the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.staticfiles import StaticFiles

# Swagger UI and ReDoc, as shipped inside the fastapi-offline wheel.
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
DOCS_ASSETS_PATH = "/docs-assets"

# Form bodies are named after the operation by FastAPI (`Body_analyze`); clients see these.
BODY_NAMES = {"Body_analyze": "AnalyzeUpload", "Body_import_values": "IndexImportUpload"}

SECURITY_SCHEMES: dict[str, Any] = {
    "ApiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "A key from CMS_API_KEYS (also accepted as `Authorization: Bearer KEY`).",
    },
    "BearerToken": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "An OpenID Connect access token from the configured identity provider.",
    },
}


# OpenAPI links: what a client (and the stateful fuzzer) can do with a created article's id.
ARTICLE_LINKS = {
    name: {"operationId": name, "parameters": {"article_id": "$response.body#/id"}}
    for name in (
        "article_status",
        "get_article",
        "get_cost_models",
        "article_events",
        "reprocess_article",
        "cancel_article",
        "delete_article",
    )
}
LINKED_RESPONSES = {("analyze", "201"), ("reprocess_article", "202"), ("cancel_article", "200")}


def operation_id(route: APIRoute) -> str:
    """Operation ids are the route functions' names: `analyze`, `get_article`, …"""
    return route.name


def _rename_refs(node: Any, renames: dict[str, str]) -> None:
    """Rewrite `$ref`s to renamed components, iteratively (the schema is our own, but deep)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name in renames:
                    current["$ref"] = f"#/components/schemas/{renames[name]}"
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def refine_openapi(schema: dict[str, Any], api_prefix: str) -> dict[str, Any]:
    """FastAPI's schema plus what it cannot express from the routes alone."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    renames = {old: new for old, new in BODY_NAMES.items() if old in schemas}
    for old, new in renames.items():
        schemas[new] = {**schemas.pop(old), "title": new}
    _rename_refs(schema, renames)
    components["securitySchemes"] = SECURITY_SCHEMES
    seen: set[str] = set()
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            # A route serving GET and HEAD appears twice under one name.
            if operation.get("operationId") in seen:
                operation["operationId"] = f"{operation['operationId']}_{method}"
            seen.add(operation.get("operationId", ""))
            for code, response in operation.get("responses", {}).items():
                if (operation.get("operationId"), code) in LINKED_RESPONSES:
                    response["links"] = ARTICLE_LINKS
            if path.startswith(f"{api_prefix}/"):
                # Either one; required only when keys or tokens are configured.
                operation["security"] = [{"ApiKey": []}, {"BearerToken": []}]
    return schema


def install_docs(app: FastAPI) -> None:
    """`/docs` (Swagger UI) and `/redoc` with their scripts served by the app itself."""
    app.mount(DOCS_ASSETS_PATH, StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{root}{DOCS_ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS_PATH}/favicon.png",
            swagger_ui_parameters={"persistAuthorization": True},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return get_redoc_html(
            openapi_url=f"{root}/openapi.json",
            title=f"{app.title} — API",
            redoc_js_url=f"{root}{DOCS_ASSETS_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )


def published_schema() -> str:
    """`openapi.json` as committed: the schema of the default settings (the environment and
    `.env` are ignored, so every machine generates the same file)."""
    import json

    from app.config import Settings
    from app.main import create_app

    schema = create_app(Settings.model_construct()).openapi()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
