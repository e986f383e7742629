"""Meeting mode and agendas over HTTP: a slide's headline states the numbers of its view (es
and en), the slide's links keep the view, an agenda is a deck of its own slides, changing
agendas needs the analyst role, an agenda's brief pack holds its slides, and the guard covers
every new path."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from etl.load import load_file
from observatory.accounts import role_allows
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db import agendas as store
from observatory.db.agendas import Slide
from observatory.exports.chart_image import RendererUnavailable, find_chromium
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app, meeting
from observatory.web.access.guard import Guard, Rule
from tests.access_helpers import access_app, dash_headers, signed_in
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

NBSP = "\u00a0"
# The registrations and the recruiter registry of the accessibility tests (tests/browser/a11y.py).
LOADS = (
    ("flows/registros_flujos_2022_2025.csv", "border_office", {}),
    ("recruiter_registry/registro_gt_2023-12-31.csv", "recruiter_registry", {}),
    (
        "recruiter_registry/registro_gt_2024_sin_fecha.csv",
        "recruiter_registry",
        {"as_of": dt.date(2024, 12, 31)},
    ),
    ("recruiter_registry/registro_mx_2024-06-30.tsv", "recruiter_registry", {}),
    ("compliance/border_office_compliance.csv", "border_office", {}),
)


def meeting_app(engine, folder, min_cell: int = 1):
    corridor = load_corridor("gt_mx")
    for name, kind, options in LOADS:
        path = FIXTURES / name
        report = load_file(engine, path, kind, corridor, TEST_PSEUDONYM_KEY, **options)
        assert report.status == "loaded", report.message
    settings = Settings(cache_type="NullCache", instance_dir=folder, analytics="sql")
    return create_app(
        settings.with_(min_cell=min_cell),
        observatory=Observatory(engine, corridor, min_cell=min_cell),
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from observatory.db.engine import make_engine
    from observatory.db.migrate import upgrade

    folder = tmp_path_factory.mktemp("meeting")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    yield meeting_app(engine, folder)
    engine.dispose()


def render(app, client, path: str, search: str) -> dict:
    """The layout Dash's pages router returns for `path` and `search` (as plain JSON)."""
    client.get("/")  # the router is registered on the first request
    key = next(k for k in app.callback_map if "_pages_content.children" in k)
    spec = app.callback_map[key]
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    body = {
        "output": key,
        "outputs": [{"id": o.component_id, "property": o.component_property} for o in outputs],
        "inputs": [
            {**d, "value": path if d["property"] == "pathname" else search} for d in spec["inputs"]
        ],
        "state": [],
        "changedPropIds": [],
    }
    response = client.post("/_dash-update-component", json=body, headers=dash_headers(client))
    assert response.status_code == 200, response.data[:500]
    return response.get_json()["response"]["_pages_content"]["children"]


def find(node, component_id: str) -> dict | None:
    """The props of the component `component_id` in a layout (None when absent)."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if props.get("id") == component_id:
            return props
        for value in props.values():
            if (found := find(value, component_id)) is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            if (found := find(item, component_id)) is not None:
                return found
    return None


def text_of(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return " ".join(text_of(n) for n in node)
    if isinstance(node, dict):
        return text_of(node.get("props", {}).get("children"))
    return ""


def headline_of(app, path: str, search: str) -> str:
    layout = render(app, app.server.test_client(), path, search)
    return find(layout, meeting.HEADLINE)["children"]


def service(app) -> Observatory:
    return app.server.extensions["observatory"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_map_slide_names_the_main_destination_of_its_view(app, lang):
    # Women only (sex=F). The destinations in Mexico, from the service's own table:
    table = service(app).indicator("flows", Filter(sex=("F",))).table
    to_mexico = table[table["destination_admin1"].str.startswith("MX-")]
    by_state = to_mexico.groupby("destination_admin1")["registrations_count"].sum()
    assert not to_mexico["suppressed"].any()
    assert by_state.idxmax() == "MX-CHP"
    chiapas, total = int(by_state["MX-CHP"]), int(by_state.sum())
    assert (chiapas, total) == (12, 14)  # 12 / 14 = 85.7 % -> 86 %
    expected = {
        "en": "Chiapas is the main destination: 12 of 14 registrations (86%).",
        "es": f"Chiapas es el destino principal: 12 de 14 registros (86{NBSP}%).",
    }[lang]
    assert headline_of(app, "/reunion/flujos/map", f"?sex=F&lang={lang}") == expected


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_trend_slide_compares_the_quarters_of_its_view(app, lang):
    # To Chiapas, up to December 2024: Q4 2024 (Oct-Dec) against Q4 2023.
    flt = Filter(destination=("MX-CHP",))
    months = service(app).indicator("monthly_registrations", flt).table
    count = dict(zip(months["month"], months["registrations_count"], strict=True))
    q4_2024 = sum(int(count.get(f"2024-{m}", 0)) for m in ("10", "11", "12"))
    q4_2023 = sum(int(count.get(f"2023-{m}", 0)) for m in ("10", "11", "12"))
    assert (q4_2024, q4_2023) == (6, 2)  # (6 - 2) / 2 = +200 %
    expected = {
        "en": "Registrations to Chiapas rose 200% in Q4 2024 against Q4 2023 (6 against 2).",
        "es": (
            f"Los registros hacia Chiapas subieron un 200{NBSP}% en el T4 de 2024 frente al "
            "T4 de 2023 (6 frente a 2)."
        ),
    }[lang]
    search = f"?to=2024-12&destination=MX-CHP&lang={lang}"
    assert headline_of(app, "/reunion/panorama/trend", search) == expected


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_compliance_slide_gives_the_active_licence_share(app, lang):
    table = service(app).indicator("recruiter_compliance", Filter()).table
    active = table[table["category"] == "active"].iloc[0]
    through_recruiters = table[table["category"] != "direct_hire"]["registrations_count"].sum()
    assert (int(active["registrations_count"]), int(through_recruiters)) == (7, 22)  # 31.8 %
    expected = {
        "en": (
            "32% of the registrations through a recruiter used a licence that was active on "
            "the day (7 registrations)."
        ),
        "es": (
            f"El 32{NBSP}% de los registros por medio de un reclutador usó una licencia "
            "vigente ese día (7 registros)."
        ),
    }[lang]
    assert headline_of(app, "/reunion/reclutadores/compliance", f"?lang={lang}") == expected


def test_a_slide_keeps_its_view_in_every_link_and_shows_its_filters(app):
    layout = render(app, app.server.test_client(), "/reunion/flujos/map", "?sex=F&lang=en")
    assert find(layout, meeting.PREVIOUS)["className"].endswith("disabled")  # the first chart
    assert find(layout, meeting.NEXT)["href"] == "/reunion/flujos/sankey?sex=F&lang=en"
    assert find(layout, meeting.EXIT)["href"] == "/flujos?sex=F&lang=en"
    assert "Filters: Sex: women" in text_of(layout)
    assert find(layout, meeting.ROOT)["className"] == "obs-meeting"
    figure = find(layout, meeting.GRAPH)["figure"]
    assert figure["layout"]["template"]["layout"]["font"]["size"] >= 20  # observatory_contrast


def test_unknown_slides_say_so_in_the_view_language(app):
    layout = render(app, app.server.test_client(), "/reunion/flujos/nothing", "?lang=en")
    assert "the page 'flujos' shows no chart 'nothing'" in text_of(layout)
    assert "Slide 0" not in text_of(layout)
    layout = render(app, app.server.test_client(), "/reunion/agenda-999/1", "?lang=es")
    assert "No existe la agenda 999." in text_of(layout)


def test_an_agenda_is_a_deck_of_its_own_slides(engine, tmp_path):
    app = meeting_app(engine, tmp_path)
    agenda_id = store.create_agenda(engine, "Grupo binacional")
    for slide in (
        Slide("panorama", "trend", "to=2024-12&destination=MX-CHP"),
        Slide("flujos", "map", "sex=F"),
        Slide("reclutadores", "compliance", ""),
    ):
        store.add_slide(engine, agenda_id, slide)
    client = app.server.test_client()
    deck = f"/reunion/agenda-{agenda_id}"
    layout = render(app, client, f"{deck}/2", "?sex=F&lang=en")
    assert "Slide 2 of 3" in text_of(layout)
    assert find(layout, meeting.HEADLINE)["children"].startswith("Chiapas is the main destination")
    assert find(layout, meeting.PREVIOUS)["href"] == (
        f"{deck}/1?to=2024-12-31&destination=MX-CHP&lang=en"
    )
    assert find(layout, meeting.NEXT)["href"] == f"{deck}/3?lang=en"
    assert find(layout, meeting.EXIT)["href"] == "/agendas?lang=en"
    last = render(app, client, f"{deck}/3", "?lang=es")
    assert "Diapositiva 3 de 3" in text_of(last)
    assert find(last, meeting.NEXT)["className"].endswith("disabled")
    assert "La agenda no tiene diapositiva 4." in text_of(render(app, client, f"{deck}/4", ""))


def add_body(app, agenda_id: int) -> tuple[str, dict]:
    key = next(k for k in app.callback_map if k.startswith(f"{meeting.ADD_MESSAGE}."))
    slide = {"page": "flujos", "chart": "map", "query": "sex=F", "lang": "en"}
    return key, {
        "output": key,
        "outputs": {"id": meeting.ADD_MESSAGE, "property": "children"},
        "inputs": [{"id": meeting.ADD_BUTTON, "property": "n_clicks", "value": 1}],
        "state": [
            {"id": meeting.ADD_AGENDA, "property": "value", "value": agenda_id},
            {"id": meeting.SLIDE_STORE, "property": "data", "value": slide},
        ],
        "changedPropIds": [f"{meeting.ADD_BUTTON}.n_clicks"],
    }


def test_only_analysts_and_above_change_agendas(sqlite_engine, tmp_path):
    app = access_app(sqlite_engine, tmp_path)
    agenda_id = store.create_agenda(sqlite_engine, "Reunión")
    _, body = add_body(app, agenda_id)
    answers = {}
    for username in ("vera", "ana"):
        client = signed_in(app, username)
        response = client.post("/_dash-update-component", json=body, headers=dash_headers(client))
        assert response.status_code == 200, response.data[:300]
        answers[username] = response.get_json()["response"][meeting.ADD_MESSAGE]["children"]
    assert answers["vera"] == "Only analysts and administrators may change agendas."
    assert answers["ana"] == "Added to 'Reunión' (slide 1)."
    with sqlite_engine.connect() as conn:
        assert store.get_agenda(conn, agenda_id).slides == (Slide("flujos", "map", "sex=F"),)
    # Seeing a slide is a viewer's right; the agenda's brief pack is an export (analyst).
    viewer = signed_in(app, "vera")
    assert viewer.get(f"/reunion/agenda-{agenda_id}/1?lang=en").status_code == 200
    assert viewer.get("/agendas").status_code == 200
    assert viewer.get(f"/export/agenda/{agenda_id}.zip").status_code == 403


def test_the_guard_covers_meeting_mode_agendas_and_their_pack():
    guard = Guard()
    assert guard.rule_for("reunion/flujos/map") == Rule("reunion", "viewer")
    assert guard.rule_for("agendas") == Rule("agendas", "viewer")
    assert guard.rule_for("export/agenda/3.zip").role == "analyst"
    assert role_allows("analyst", meeting.EDIT_ROLE)
    assert not role_allows("viewer", meeting.EDIT_ROLE)


def test_an_agendas_brief_pack_holds_its_slides_in_order(app, tmp_path):
    try:
        find_chromium()
    except RendererUnavailable as error:
        pytest.skip(str(error))
    engine = service(app).engine
    agenda_id = store.create_agenda(engine, "Paquete")
    store.add_slide(engine, agenda_id, Slide("flujos", "map", "sex=F"))
    store.add_slide(engine, agenda_id, Slide("reclutadores", "compliance", ""))
    store.add_slide(engine, agenda_id, Slide("flujos", "map", "sex=M"))
    response = app.server.test_client().get(f"/export/agenda/{agenda_id}.zip?lang=en")
    assert response.status_code == 200, response.data[:300]
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    stem = pack.namelist()[0].split("/")[0]
    assert stem.startswith(f"gt-mx_agenda-{agenda_id}_20")
    charts = [n.split("/", 2)[2] for n in pack.namelist() if "/charts/" in n]
    assert charts == [
        "01_flujos_map.png",
        "01_flujos_map.svg",
        "02_reclutadores_compliance.png",
        "02_reclutadores_compliance.svg",
        "03_flujos_map.png",
        "03_flujos_map.svg",
    ]
    tables = [n.split("/", 2)[2] for n in pack.namelist() if "/tables/" in n]
    assert [t[:3] for t in tables] == ["01_", "02_", "03_"]
    note = pack.read(f"{stem}/methodology.md").decode("utf-8")
    assert "# Methodology note — Paquete" in note
    assert "1. Flows — map: Sex: women" in note
    assert "3. Flows — map: Sex: men" in note
    missing = app.server.test_client().get("/export/agenda/999.zip?lang=en")
    assert missing.status_code == 404
    assert missing.get_data(as_text=True) == "There is no agenda 999.\n"


def test_a_failed_indicator_gives_a_message_not_a_finding(app, monkeypatch, caplog):
    def broken(indicator_id, flt):
        raise RuntimeError("database away")

    monkeypatch.setattr(service(app), "indicator", broken)
    headline = headline_of(app, "/reunion/flujos/map", "?sex=M&lang=en")
    assert headline == (
        "The numbers of this chart could not be computed just now; try again in a moment."
    )
    assert "database away" in caplog.text  # the traceback is in the log


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_sector_slide_names_the_largest_sector_of_its_view(app, lang):
    table = service(app).indicator("sector_by_destination", Filter()).table
    assert not table["suppressed"].any()
    by_sector = table.groupby("sector")["registrations_count"].sum()
    assert by_sector.idxmax() == "coffee"
    coffee, total = int(by_sector["coffee"]), int(by_sector.sum())
    assert (coffee, total) == (30, 59)  # 30 / 59 = 50.8 % -> 51 %
    expected = {
        "en": "Coffee is the largest sector: 30 of 59 registrations (51%).",
        "es": f"Café es el sector más grande: 30 de 59 registros (51{NBSP}%).",
    }[lang]
    assert headline_of(app, "/reunion/sectores/destination", f"?lang={lang}") == expected


def test_a_headline_under_suppression_uses_published_cells_only(sqlite_engine, tmp_path):
    app = meeting_app(sqlite_engine, tmp_path, min_cell=5)
    table = service(app).indicator("sector_by_destination", Filter()).table
    assert table["suppressed"].any()  # papaya's single worker, at least
    published = table[~table["suppressed"]]
    top = published.groupby("sector")["registrations_count"].sum()
    assert top.idxmax() == "coffee"
    count = int(top.max())
    assert headline_of(app, "/reunion/sectores/destination", "?lang=en") == (
        f"Coffee is the largest sector among the published figures ({count} registrations); "
        "some cells are hidden, so no share is given."
    )
    # Women's flows are all hidden at 5: nothing is stated, not even a name.
    women = service(app).indicator("flows", Filter(sex=("F",))).table
    assert women["suppressed"].all()
    assert headline_of(app, "/reunion/flujos/map", "?sex=F&lang=es") == (
        "Ninguna cifra puede publicarse para esta selección."
    )
