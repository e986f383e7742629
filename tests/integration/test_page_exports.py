"""What a page offers to take away, over HTTP: the same numbers in the figure, the page's
table, the CSV, the XLSX and the API; table downloads byte for byte the API's; chart images
with their frame; brief packs whose files open; hostile names inert everywhere.

Fixtures (hand-written from DATA_SPEC, see their comments and READMEs):
- tests/fixtures/sectors/border_office_sectores.csv — the sector numbers worked out in
  tests/integration/test_sector_indicators.py;
- tests/fixtures/exports/registro_nombres_peligrosos_2024-06-30.csv — recruiter names that
  are formulas or markup;
- tests/fixtures/exports/border_office_empleadores_peligrosos.csv — employers whose names
  are formulas or markup, each large enough (>= 5 workers) to be named on the page.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import urlencode

import openpyxl
import pytest
from PIL import Image

from etl.load import load_file
from observatory.config import Settings
from observatory.exports.chart_image import (
    ChartRenderer,
    Header,
    RendererUnavailable,
    find_chromium,
    framed,
)
from observatory.services import Observatory
from observatory.web import create_app, exhibits
from observatory.web.pages import PAGES
from observatory.web.state import parse_search
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.services import in_ci

SECTORS = FIXTURES / "sectors" / "border_office_sectores.csv"
HOSTILE_RECRUITERS = FIXTURES / "exports" / "registro_nombres_peligrosos_2024-06-30.csv"
HOSTILE_EMPLOYERS = FIXTURES / "exports" / "border_office_empleadores_peligrosos.csv"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    """One app on a SQLite database holding the three fixtures (module scope: images take
    seconds to draw, the data never change here)."""
    from observatory.corridor import load_corridor
    from observatory.db.engine import make_engine
    from observatory.db.migrate import upgrade

    folder = tmp_path_factory.mktemp("exports")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    corridor = load_corridor("gt_mx")
    for path, kind in (
        (SECTORS, "border_office"),
        (HOSTILE_RECRUITERS, "recruiter_registry"),
        (HOSTILE_EMPLOYERS, "border_office"),
    ):
        report = load_file(engine, path, kind, corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded", report.message
    settings = Settings(cache_type="NullCache", instance_dir=folder, analytics="sql")
    yield create_app(settings, observatory=Observatory(engine, corridor))
    engine.dispose()


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def chromium() -> str:
    """Images need Debian's chromium: skipped locally without it, never in CI."""
    try:
        return find_chromium()
    except RendererUnavailable as error:
        if in_ci():
            pytest.fail(f"{error}; CI must draw chart images (see .ci/run)")
        pytest.skip(str(error))


def dash_callback(client, outputs: list[tuple[str, str]], view: dict) -> dict:
    """POST one page callback to Dash, as the browser does; {component id: {prop: value}}."""
    payload = {
        "output": "...".join(f"{cid}.{prop}" for cid, prop in outputs).join(("..", "..")),
        "outputs": [{"id": cid, "property": prop} for cid, prop in outputs],
        "inputs": [{"id": "view", "property": "data", "value": view}],
        "changedPropIds": ["view.data"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.data[:300]
    return response.get_json()["response"]


def table_records(node) -> list[dict]:
    """The `data` of the DataTable in a component tree (plain JSON)."""
    if isinstance(node, list):
        return next((r for r in (table_records(n) for n in node) if r is not None), None)
    if isinstance(node, dict):
        props = node.get("props", {})
        if node.get("type") == "DataTable":
            return props["data"]
        return table_records(props.get("children"))
    return None


# --- one filter, five places ------------------------------------------------------------

# destination=MX-CHP (Chiapas), worked out in test_sector_indicators: 15 workers in Chiapas;
# coffee 7 + 3 = 10 registrations of 8 workers (W01 in both years), 8 / 15 = 53.33 %;
# domestic work (2 workers) is hidden, and construction (5, the smallest other cell) with it
# as its complement, so that the state's published total does not give it back. (The
# hostile employers all work in Campeche: they change nothing here.)
VIEW = {"filter": {"destination": "MX-CHP"}, "lang": "es"}
QUERY = "destination=MX-CHP&lang=es"
HIDDEN = ("construction", "domestic_work")
SECTION = "sectors-destination"


def test_figure_table_csv_xlsx_and_api_agree_and_hide_the_same_cells(client):
    # 1. the API (JSON)
    api = client.get(f"/api/v1/indicators/sector_by_destination?{QUERY}").get_json()
    rows = {r["sector"]: r for r in api["rows"]}
    assert (rows["coffee"]["registrations_count"], rows["coffee"]["workers_count"]) == (10, 8)
    assert round(rows["coffee"]["share_pct"], 2) == 53.33
    for sector in HIDDEN:
        assert rows[sector]["suppressed"] is True
        assert (rows[sector]["workers_count"], rows[sector]["share_pct"]) == (None, None)
    assert api["suppressed_cells"] == 6  # 2 hidden rows x (2 counts + 1 share)

    # 2. the CSV from the page's download link
    raw = client.get(f"/export/table/sectores/sector_by_destination.csv?{QUERY}").data
    csv_rows = {r["sector"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert (csv_rows["coffee"]["registrations_count"], csv_rows["coffee"]["workers_count"]) == (
        "10",
        "8",
    )
    assert float(csv_rows["coffee"]["share_pct"]) == rows["coffee"]["share_pct"]
    for sector in HIDDEN:
        assert (csv_rows[sector]["workers_count"], csv_rows[sector]["suppressed"]) == ("", "true")

    # 3. the XLSX from the page's download link (columns: state, sector, registrations,
    #    workers, share, suppressed)
    data = client.get(f"/export/table/sectores/sector_by_destination.xlsx?{QUERY}").data
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    xlsx = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert xlsx["coffee"][2:4] == (10, 8)
    # Excel keeps 15 significant digits: the same number to its precision
    assert xlsx["coffee"][4] == pytest.approx(rows["coffee"]["share_pct"], rel=1e-14)
    for sector in HIDDEN:
        assert xlsx[sector][2:5] == (None, None, None)

    # 4. the figure and 5. the table, as the page's callback sends them to the browser
    out = dash_callback(
        client,
        [
            (f"{SECTION}-title", "children"),
            (f"{SECTION}-chart", "figure"),
            (f"{SECTION}-details", "children"),
        ],
        VIEW,
    )
    traces = {trace["name"]: trace for trace in out[f"{SECTION}-chart"]["figure"]["data"]}
    assert traces["Café"]["x"] == [rows["coffee"]["share_pct"]]
    assert traces["Café"]["y"] == ["Chiapas*"]  # "*": a cell of the state is hidden
    records = {r["sector"]: r for r in table_records(out[f"{SECTION}-details"]["children"])}
    assert (records["Café"]["registrations"], records["Café"]["workers"]) == ("10", "8")
    assert records["Café"]["share"] == "53,3\u00a0%"  # es: decimal comma, one decimal
    for label in ("Construcción", "Trabajo doméstico"):
        assert traces[label]["x"] == [None]  # nothing drawn
        assert records[label]["workers"] == "suprimido*"


# --- every table link serves the API's bytes --------------------------------------------

TABLES = [(page, table) for page in PAGES for table in exhibits.tables(page)]


@pytest.mark.parametrize(
    ("page", "table"), TABLES, ids=[f"{p.slug}-{t.indicator}" for p, t in TABLES]
)
def test_every_table_download_is_the_api_export_under_the_pages_filter(client, page, table):
    # A recruiter's profile (and its tables) is on the page when the filter names one.
    view = "sex=F&recruiter=MX-REC-0101&lang=en" if table.when else "sex=F&lang=en"
    download = client.get(f"/export/table/{page.slug}/{table.indicator}.csv?{view}")
    assert download.status_code == 200, download.data[:200]
    assert download.headers["Content-Disposition"].startswith("attachment; filename=")
    # The page applies the view's filter, except for the whole-corridor tables (the register,
    # the load statistics): the download does exactly the same.
    applied = view if table.filtered and page.filters else "lang=en"
    api = client.get(f"/api/v1/indicators/{table.indicator}?{applied}&format=csv")
    assert download.data == api.data


def test_every_page_declares_its_charts_and_tables():
    for page in PAGES:
        assert exhibits.tables(page), page.slug
        keys = [chart.key for chart in exhibits.charts(page)]
        assert len(keys) == len(set(keys)), page.slug
    # 2 + 6 + 3 + 5 + (1 + 3 for a recruiter's profile) + 1
    assert sum(len(exhibits.charts(page)) for page in PAGES) == 21


# --- refused requests say why, in the view's language -------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/export/chart/nada/trend.png", 404, "No hay una página «nada»."),
        ("/export/chart/panorama/pie.png?lang=en", 404, "The page 'panorama' has no chart 'pie'."),
        (
            "/export/chart/panorama/trend.gif",
            404,
            "Formato «gif» no disponible; use uno de: png, svg.",
        ),
        (
            "/export/table/flujos/sector_hhi.csv?lang=en",
            404,
            "The page 'flujos' does not show the indicator 'sector_hhi'.",
        ),
        (
            "/export/chart/panorama/trend.png?width=5000",
            400,
            "El tamaño de la imagen debe estar entre 480 y 4000 píxeles.",
        ),
        (
            "/export/chart/panorama/trend.png?height=abc&lang=en",
            400,
            "must be between 480 and 4000",
        ),
    ],
)
def test_refused_downloads_answer_with_a_plain_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert response.content_type == "text/plain; charset=utf-8"
    assert message in response.data.decode("utf-8")


def test_without_a_browser_images_answer_503_and_tables_still_work(tmp_path):
    from observatory.corridor import load_corridor
    from observatory.db.engine import make_engine
    from observatory.db.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    upgrade(engine)
    missing = tmp_path / "no-chromium"
    settings = Settings(
        cache_type="NullCache", instance_dir=tmp_path, analytics="sql", chromium=str(missing)
    )
    app = create_app(settings, observatory=Observatory(engine, load_corridor("gt_mx")))
    client = app.server.test_client()
    response = client.get("/export/chart/panorama/trend.png?lang=en")
    assert response.status_code == 503
    assert f"This server cannot draw images: OBSERVATORY_CHROMIUM={missing} is not a file" in (
        response.data.decode("utf-8")
    )
    assert client.get("/export/brief/panorama.zip").status_code == 503
    assert client.get("/export/table/panorama/flows.csv").status_code == 200
    engine.dispose()


# --- images and brief packs (drawn in Debian's chromium) ----------------------------------


def svg_text(svg: bytes) -> str:
    """Every text node of an SVG (it must parse), joined by spaces."""
    root = ET.fromstring(svg)
    return " ".join(" ".join(node.itertext()) for node in root.iter() if node.tag.endswith("text"))


def test_a_chart_image_is_the_size_asked_with_its_frame_drawn_in(client, chromium):
    query = urlencode({"destination": "MX-CHP", "lang": "es", "width": 1000, "height": 640})
    png = client.get(f"/export/chart/sectores/destination.png?{query}")
    assert png.status_code == 200, png.data[:300]
    assert png.content_type == "image/png"
    image = Image.open(io.BytesIO(png.data))
    image.load()  # decodes every pixel
    assert image.size == (1000, 640)

    svg = client.get(f"/export/chart/sectores/destination.svg?{query}")
    words = svg_text(svg.data)
    assert "Porcentaje de cada sector" in words  # the page's title
    assert "Filtros: Destino: Chiapas (MX-CHP)" in words
    assert "Observatorio binacional GT-MX" in words and "datos v" in words
    assert "Se ocultan las celdas de menos de 5 trabajadores (6 en este gráfico)." in words
    assert "Café" in words and "Chiapas*" in words  # the figure itself


HOSTILE = ('=HYPERLINK("http://x","y")', "<script>alert(1)</script>")
LINK_NAME = '<a href="http://x">Obras</a> & <b>Hijos</b>'


def test_hostile_employer_names_stay_text_on_the_page_and_in_every_download(client):
    # Campeche's top employers (tests/fixtures/exports/README.md): 6, 5 and 5 workers, each
    # the only employer of its sector, so each sector row names one.
    out = dash_callback(
        client,
        [
            ("sectors-top-title", "children"),
            ("sectors-top-chart", "figure"),
            ("sectors-top-details", "children"),
        ],
        {"filter": {"destination": "MX-CAM"}, "lang": "es"},
    )
    shown = json.dumps(table_records(out["sectors-top-details"]["children"]), ensure_ascii=False)
    for name in (*HOSTILE, LINK_NAME):  # a DataTable cell is text, never HTML
        assert json.dumps(name, ensure_ascii=False)[1:-1] in shown

    query = "destination=MX-CAM&lang=es"
    raw = client.get(f"/export/table/sectores/top_employers_share.csv?{query}").data
    by_key = {r["key"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert by_key["coffee"]["top_employers"] == "'" + HOSTILE[0]  # cannot run in Excel
    assert by_key["banana"]["top_employers"] == HOSTILE[1]
    assert by_key["construction"]["top_employers"] == LINK_NAME

    data = client.get(f"/export/table/sectores/top_employers_share.xlsx?{query}").data
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert "'" + HOSTILE[0] in [c.value for c in cells]

    api = client.get(f"/api/v1/indicators/top_employers_share?{query}")
    assert b"<script>" not in api.data and b"\\u003cscript\\u003e" in api.data
    rows = {r["key"]: r["top_employers"] for r in api.get_json()["rows"]}
    assert (rows["coffee"], rows["banana"]) == HOSTILE  # JSON keeps the true text


def test_hostile_text_in_a_chart_header_is_drawn_as_text(chromium):
    # Titles name places, sectors and recruiters of the filter: data, escaped for plotly.
    figure = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
    header = Header(f"{HOSTILE[1]} {LINK_NAME}", (HOSTILE[0],))
    (svg,) = ChartRenderer().render([(framed(figure, header, 900, 500), "svg")])
    words = svg_text(svg)
    for name in (*HOSTILE, LINK_NAME):
        assert name in words
    root = ET.fromstring(svg)
    tags = {node.tag.rsplit("}", 1)[-1] for node in root.iter()}
    assert "script" not in tags and "a" not in tags


PACKS = [(page, "sex=F") for page in PAGES] + [(PAGES[4], "recruiter=MX-REC-0104")]


@pytest.mark.parametrize(
    ("page", "query"), PACKS, ids=[f"{p.slug}-{q.split('=')[0]}" for p, q in PACKS]
)
def test_every_pages_brief_pack_opens(client, app, chromium, page, query):
    lang = "en" if page.slug in ("flujos", "reclutadores") else "es"
    view = parse_search(f"{query}&lang={lang}", app.server.extensions["observatory"].corridor)
    response = client.get(f"/export/brief/{page.slug}.zip?{query}&lang={lang}")
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="gt-mx_{page.slug}_20')
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    assert pack.testzip() is None
    names = pack.namelist()
    stem = names[0].split("/")[0]
    assert disposition.endswith(f'{stem}.zip"')
    charts_dir, tables_dir, note = (
        ("charts", "tables", "methodology.md")
        if lang == "en"
        else ("graficos", "tablas", "metodologia.md")
    )
    expected_charts = [
        f"{stem}/{charts_dir}/{chart.key}.{ext}"
        for chart in exhibits.charts(page, view.filter)
        for ext in ("png", "svg")
    ]
    tables = [n for n in names if n.startswith(f"{stem}/{tables_dir}/")]
    assert names == [f"{stem}/{note}", *expected_charts, *tables]
    assert len(tables) == len(exhibits.tables(page, view.filter))

    for name in expected_charts:
        data = pack.read(name)
        if name.endswith(".png"):
            image = Image.open(io.BytesIO(data))
            image.load()
            assert image.size == (1600, 900)
        else:
            assert svg_text(data)  # parses, has text
    for name in tables:
        book = openpyxl.load_workbook(io.BytesIO(pack.read(name)))
        assert len(book.worksheets) == 2  # the table and its metadata
    text = pack.read(f"{stem}/{note}").decode("utf-8")
    filters = {"sex=F": "Sex: women", "recruiter=MX-REC-0104": "MX-REC-0104"}[query]
    if lang == "es":
        filters = filters.replace("Sex: women", "Sexo: mujeres")
    heading = "# Methodology note" if lang == "en" else "# Nota de metodología"
    assert text.startswith(heading)
    if page.filters:
        assert filters in text
    else:  # the load statistics are for the whole corridor, whatever the URL says
        assert ("No filter" if lang == "en" else "Sin filtro") in text
    for table in exhibits.tables(page, view.filter):
        assert f"(`{table.indicator}`)" in text
