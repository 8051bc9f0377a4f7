"""Serves the single-page UI at `/ui` and its assets under `/ui/static/`.

The files ship inside the package (`app/ui/static`) and are read with importlib.resources, so
the page works from a wheel, with no build step and no external URL. Only the files listed in
`_ASSETS` are served: a request can never reach anything else in the package.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fastapi import APIRouter, Request, Response

from app.errors import NotFoundError

router = APIRouter(tags=["ui"], include_in_schema=False)

_ASSETS: dict[str, str] = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
_DEFAULT_PREFIX_ATTR = 'data-api-prefix="/api"'
_STATIC_URL = "/ui/static/"
# The page talks only to its own origin; inline script and external resources are refused.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True)
class _Asset:
    body: bytes
    etag: str


@cache
def _read(name: str) -> bytes:
    return resources.files("app.ui").joinpath("static", name).read_bytes()


def _asset(body: bytes) -> _Asset:
    return _Asset(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:32]}"')


@cache
def _static(name: str) -> _Asset:
    return _asset(_read(name))


@cache
def _page(api_prefix: str, root_path: str) -> _Asset:
    """index.html with the configured API prefix and the asset URLs under the app's root path."""
    text = _read("index.html").decode("utf-8")
    prefix = html.escape(root_path + api_prefix, quote=True)
    text = text.replace(_DEFAULT_PREFIX_ATTR, f'data-api-prefix="{prefix}"')
    versions = {name: _static(name).etag.strip('"')[:12] for name in _ASSETS}
    for name, version in versions.items():
        text = text.replace(
            f'"{_STATIC_URL}{name}"',
            f'"{html.escape(root_path, quote=True)}{_STATIC_URL}{name}?v={version}"',
        )
    return _asset(text.encode("utf-8"))


def _respond(request: Request, asset: _Asset, media_type: str) -> Response:
    headers = {
        "ETag": asset.etag,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=media_type, headers=headers)


def _api_prefix(request: Request) -> str:
    settings = getattr(request.app.state, "settings", None)
    prefix = getattr(settings, "api_prefix", "/api")
    return str(prefix)


@router.api_route("/ui", methods=["GET", "HEAD"], response_class=Response)
async def ui_page(request: Request) -> Response:
    """The page: upload form, progress, result and recent articles."""
    root_path = str(request.scope.get("root_path", "")).rstrip("/")
    page = _page(_api_prefix(request), root_path)
    response = _respond(request, page, "text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.api_route("/ui/", methods=["GET", "HEAD"], response_class=Response)
async def ui_page_slash(request: Request) -> Response:
    return await ui_page(request)


@router.api_route("/ui/static/{name}", methods=["GET", "HEAD"], response_class=Response)
async def ui_asset(name: str, request: Request) -> Response:
    media_type = _ASSETS.get(name)
    if media_type is None:
        raise NotFoundError(f"No UI asset named {name!r}")
    return _respond(request, _static(name), media_type)
