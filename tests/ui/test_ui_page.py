"""The UI page and its assets, served by the app (no database, no lifespan: nothing else runs)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from importlib import resources
from typing import get_args

import httpx2
import pytest

from app.articles.correction_schemas import ProcessName
from app.main import create_app
from tests.conftest import make_settings

UNUSED_DATABASE = "postgresql+asyncpg://cms@127.0.0.1:9/never_connected"
FORM_FIELDS = ("articleName", "description", "productSpecification", "drawing")
REMOTE = re.compile(r"https?://|(?:src|href)=\"//|url\(\s*['\"]?(?:https?:)?//")


async def _client(**overrides: object) -> httpx2.AsyncClient:
    app = create_app(make_settings(UNUSED_DATABASE, **overrides))
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver")


@pytest.fixture
async def http() -> AsyncIterator[httpx2.AsyncClient]:
    async with await _client() as client:
        yield client


def _static(name: str) -> str:
    return resources.files("app.ui").joinpath("static", name).read_text("utf-8")


async def test_ui_serves_the_page_with_the_upload_form(http: httpx2.AsyncClient) -> None:
    response = await http.get("/ui")
    assert response.status_code == 200, (
        "app/main.py must include the UI: app.include_router(ui_router) "
        "with `from app.ui import router as ui_router`"
    )
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    assert 'data-api-prefix="/api"' in page
    assert re.search(r'<form id="upload-form"[^>]*>', page)
    for field in FORM_FIELDS:
        assert f'name="{field}"' in page
        assert f'<label for="{field}"' in page  # every input has its label
    assert 'type="file"' in page
    assert 'aria-live="polite"' in page
    assert 'role="progressbar"' in page

    slash = await http.get("/ui/")
    assert slash.status_code == 200
    assert slash.text == page


async def test_assets_are_served_with_their_content_types(http: httpx2.AsyncClient) -> None:
    page = (await http.get("/ui")).text
    urls = re.findall(r'(?:href|src)="(/ui/static/[^"]+)"', page)
    assert len(urls) == 2
    types = {}
    for url in urls:
        response = await http.get(url)
        assert response.status_code == 200, url
        assert response.headers["x-content-type-options"] == "nosniff"
        types[url.split("?")[0].rsplit("/", 1)[1]] = response.headers["content-type"]
        # Revalidation is cheap: the same ETag answers 304 with no body.
        again = await http.get(url, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304
        assert again.content == b""
    assert types == {
        "app.js": "text/javascript; charset=utf-8",
        "app.css": "text/css; charset=utf-8",
    }
    head = await http.head("/ui/static/app.css")
    assert head.status_code == 200


@pytest.mark.parametrize(
    "path", ["/ui/static/index.html", "/ui/static/nope.js", "/ui/static/..%2F__init__.py"]
)
async def test_only_the_listed_assets_are_served(http: httpx2.AsyncClient, path: str) -> None:
    response = await http.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_page_uses_the_configured_api_prefix() -> None:
    async with await _client(api_prefix="/v2") as client:
        page = (await client.get("/ui")).text
    assert 'data-api-prefix="/v2"' in page


def test_the_page_needs_no_external_url_and_never_injects_html() -> None:
    for name in ("index.html", "app.js", "app.css"):
        text = _static(name)
        # The machines have no internet: no CDN, no web font, nothing remote.
        local = text.replace('"http://www.w3.org/2000/svg"', "")  # a namespace, not a URL
        assert not REMOTE.search(local), name
    script = _static("app.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


async def test_the_page_has_the_review_correction_catalogue_and_price_parts(
    http: httpx2.AsyncClient,
) -> None:
    page = (await http.get("/ui")).text
    for element in (
        'id="queue-list"',  # the review queue
        'id="candidates-table"',  # the weight candidates with "use this"
        'id="weight-form"',
        'id="price-form"',
        'id="process-form"',
        'id="cost-form"',
        'id="materials-form"',
        'id="history-list"',
        'id="development-chart"',
        'id="catalogue-table"',
        'id="index-form"',
        'id="import-form"',
        'id="import-codes"',  # the import's column → index code mapping (GENESIS)
        'id="import-rejected"',
    ):
        assert element in page, element
    # Every input, select and textarea of the page has a label naming it.
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
        if field == "index-id":
            continue  # a hidden input
        assert f'<label for="{field}"' in page, field
    script = _static("app.js")
    for call in ('"PATCH"', '"PUT"', "needs_review=true", "/price-development?", "/indices/import"):
        assert call in script, call
    assert "If-Match" in script
    assert 'form.append("codes", $("import-codes")' in script


async def test_the_process_selector_offers_exactly_what_the_api_accepts(
    http: httpx2.AsyncClient,
) -> None:
    page = (await http.get("/ui")).text
    select = re.search(r'<select id="process-input"[^>]*>(.*?)</select>', page, re.S)
    assert select, "no process selector"
    values = re.findall(r'<option value="([^"]*)"', select.group(1))
    # "" sends null: the analysis's process again.
    assert values == ["", *values[1:]] and sorted(values[1:]) == sorted(get_args(ProcessName))
    script = _static("app.js")
    assert 'patchArticle("process-error", { process: $("process-input").value || null })' in script
