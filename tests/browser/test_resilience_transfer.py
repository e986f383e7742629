"""What a slow link carries: compressed responses, static files the browser keeps, and every
page's first load under 2 MB on the wire (measured in chromium as `python -m bench.transfer`)."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from bench.transfer import first_and_second_visit
from observatory.web.pages import PAGES
from observatory.web.transfer import IMMUTABLE
from tests.browser import a11y

pytestmark = pytest.mark.browser
full_app = a11y.full_app

FIRST_LOAD_LIMIT_BYTES = 2_000_000


def fetch(url: str, *, encoding: str = "gzip, deflate, br", body: bytes | None = None, **headers):
    """One HTTP request as a browser sends it; (status, headers, raw body bytes)."""
    request = urllib.request.Request(
        url, data=body, headers={"Accept-Encoding": encoding, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:  # 304 and friends
        return error.code, error.headers, error.read()


def scripts_of(base_url: str) -> list[str]:
    _, _, html = fetch(base_url + "/", encoding="identity")
    return re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', html.decode())


def test_scripts_and_styles_are_compressed_and_kept_for_a_year(full_app):
    urls = scripts_of(full_app)
    assert any("dash_renderer" in u for u in urls) and any(
        u.endswith("css") or ".css?" in u for u in urls
    )
    for url in urls:
        for encoding in ("br", "gzip"):
            status, headers, body = fetch(full_app + url, encoding=encoding)
            assert status == 200, url
            assert headers["Cache-Control"] == IMMUTABLE, (url, headers["Cache-Control"])
            assert "Accept-Encoding" in headers.get("Vary", ""), url
            if len(body) > 1000:
                assert headers["Content-Encoding"] == encoding, (url, encoding)


def test_plotly_is_compressed_and_revalidated_without_its_body(full_app):
    url = full_app + "/_dash-component-suites/plotly/package_data/plotly.min.js"
    status, headers, body = fetch(url, encoding="br")
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == "no-cache"  # unversioned: asked again, cheaply
    assert len(body) < 1_300_000  # 4.8 MB decoded
    again, headers_again, body_again = fetch(
        url, encoding="br", **{"If-None-Match": headers["ETag"]}
    )
    assert again == 304 and body_again == b"" and headers_again["Cache-Control"] == "no-cache"


def test_callbacks_and_the_page_are_compressed(full_app):
    status, headers, _ = fetch(full_app + "/?lang=es")
    assert status == 200 and headers["Content-Encoding"] in ("br", "gzip")
    status, headers, _ = fetch(full_app + "/_dash-layout")
    assert status == 200 and headers["Content-Encoding"] in ("br", "gzip")
    # the overview's trend, as the browser asks for it
    dependencies = json.loads(urllib.request.urlopen(full_app + "/_dash-dependencies").read())
    trend = next(d for d in dependencies if "overview-trend.figure" in d["output"])
    body = {
        "output": trend["output"],
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in trend["output"].strip(".").split("...")
        ],
        "inputs": [{"id": "view", "property": "data", "value": {"filter": {}, "lang": "es"}}],
        "changedPropIds": ["view.data"],
        "state": [],
    }
    status, headers, raw = fetch(
        full_app + "/_dash-update-component",
        encoding="gzip, br",
        body=json.dumps(body).encode(),
        **{"Content-Type": "application/json"},
    )
    assert status == 200, raw[:300]
    assert headers["Content-Encoding"] in ("br", "gzip")


def test_the_heaviest_page_loads_under_2_mb_and_a_second_visit_reuses_the_cache(full_app, browser):
    loads = {page.path: first_and_second_visit(browser, full_app, page.path) for page in PAGES}
    firsts = {path: first.total for path, (first, _) in loads.items()}
    heaviest = max(firsts, key=firsts.get)
    assert firsts[heaviest] < FIRST_LOAD_LIMIT_BYTES, firsts
    for path, (first, second) in loads.items():
        assert first.wire["js"] > 1_000_000, (path, first.wire)  # plotly.js came over the wire
        # the second visit asks for no script again except unversioned ones (304, no body)
        assert second.wire["js"] < 20_000, (path, second.wire)
        assert second.total < first.total / 5, (path, first.total, second.total)
