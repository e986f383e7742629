"""Download links are offered only to accounts the guard lets download (analyst and up); a
viewer's page hides them (and the export routes refuse a viewer anyway: see
test_access_guard). Over HTTP, as the Dash renderer calls the links' callback."""

from __future__ import annotations

import json

import pytest

from observatory.web.components.downloads import DOWNLOAD, LABEL
from tests.access_helpers import ROLE_USER, access_app, callback_body, dash_headers, signed_in

LINK = {
    "type": DOWNLOAD,
    "path": "/export/table/flujos/flows.csv",
    "kind": "table",
    "format": "csv",
    "at": "table-flows",
}
LABEL_ID = {"type": LABEL, "name": "table-flows", "indicator": "flows"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from observatory.db.engine import make_engine
    from observatory.db.migrate import upgrade

    folder = tmp_path_factory.mktemp("download_links")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    app = access_app(engine, folder)
    app.server.test_client().get("/cuenta/entrar")  # Dash registers its own callbacks now
    yield app
    engine.dispose()


def links_as(app, role: str) -> dict:
    """What the links' callback answers `role` for one link and its label."""
    key = next(k for k in app.callback_map if DOWNLOAD in k and ".href" in k)
    body = callback_body(key, app.callback_map[key])
    body["inputs"][0]["value"] = {"filter": {"sex": "F"}, "lang": "en"}
    body["outputs"] = [
        [{"id": LINK, "property": p}] for p in ("href", "children", "title", "hidden")
    ] + [[{"id": LABEL_ID, "property": p}] for p in ("children", "hidden")]
    body["state"] = [
        [{"id": LINK, "property": "id", "value": LINK}],
        [{"id": LABEL_ID, "property": "id", "value": LABEL_ID}],
    ]
    client = signed_in(app, ROLE_USER[role])
    response = client.post("/_dash-update-component", json=body, headers=dash_headers(client))
    assert response.status_code == 200, response.data[:300]
    answer = response.get_json()["response"]
    link = answer[json.dumps(LINK, sort_keys=True, separators=(",", ":"))]
    label = answer[json.dumps(LABEL_ID, sort_keys=True, separators=(",", ":"))]
    return {**link, "label": label["children"], "label_hidden": label["hidden"]}


def test_a_viewer_is_not_offered_downloads(app):
    links = links_as(app, "viewer")
    assert links["hidden"] is True and links["label_hidden"] is True


@pytest.mark.parametrize("role", ["analyst", "steward", "admin"])
def test_an_analyst_and_above_get_the_links_for_their_view(app, role):
    links = links_as(app, role)
    assert links["hidden"] is False and links["label_hidden"] is False
    assert links["href"] == "/export/table/flujos/flows.csv?sex=F&lang=en"
    assert links["label"] == "Download the table 'Origin–border–destination flows':"
