"""The Dash web app: `create_app(settings)` wires the shell, the pages and their services."""

from __future__ import annotations

from pathlib import Path

import dash
from sqlalchemy import Engine

from observatory import analytics
from observatory.analytics import AnalyticsReplica
from observatory.api import register_api
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine
from observatory.exports.chart_image import ChartRenderer
from observatory.i18n import DEFAULT_LANGUAGE, t
from observatory.services import Observatory
from observatory.web import meeting, shell
from observatory.web.access import register_access
from observatory.web.cache import make_cache
from observatory.web.components import downloads
from observatory.web.context import EXTENSION, WebContext
from observatory.web.export_routes import register_exports
from observatory.web.geo import BOUNDARIES_ENDPOINT, BoundariesEndpoint
from observatory.web.layout import corridor_names
from observatory.web.layout import shell as shell_layout
from observatory.web.pages import PAGES
from observatory.web.transfer import register_static_transfer

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
BOOTSTRAP_CSS = "vendor/bootstrap/bootstrap.min.css"
BOUNDARIES_ROUTE = "_observatory/boundaries.geojson"


def make_replica(settings: Settings, engine: Engine) -> AnalyticsReplica | None:
    """The DuckDB analytics replica the settings ask for (None: indicators run on SQL)."""
    if settings.analytics != "duckdb" or not analytics.supported(engine):
        return None
    return analytics.AnalyticsReplica(engine, settings.instance_dir / "analytics")


def create_app(
    settings: Settings | None = None,
    *,
    observatory: Observatory | None = None,
    loader: object | None = None,
) -> dash.Dash:
    """A new Dash app for `settings` (default: the environment); never touches the database.

    `loader` loads stewards' uploads (app.py passes `etl.intake.UploadLoader`: the web layer
    never imports the ETL); without one the upload pages say loads are not available here.

    Engine, corridor, cache and the Observatory service are built here and kept on the
    Flask server (`server.extensions`), where callbacks reach them via `flask.current_app`.
    """
    settings = settings or Settings.from_env()
    settings.check_can_serve()  # production: never without accounts or a real secret
    engine = make_engine(settings.database_url) if observatory is None else observatory.engine
    corridor = load_corridor(settings.corridor) if observatory is None else observatory.corridor
    names = corridor_names(corridor, DEFAULT_LANGUAGE)
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder="",  # pages are registered below, from PAGES; nothing is imported by path
        assets_folder=str(ASSETS_DIR),
        assets_path_ignore=["vendor"],  # vendored CSS is linked explicitly, before ours
        serve_locally=True,
        compress=True,
        title=t("app.tab_title", DEFAULT_LANGUAGE, **names),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    # Stamped like Dash's own assets (?m=mtime), so browsers may keep it (observatory.web.transfer).
    stamp = int((ASSETS_DIR / BOOTSTRAP_CSS).stat().st_mtime)
    app.config.external_stylesheets.append(f"{app.get_asset_url(BOOTSTRAP_CSS)}?m={stamp}")
    register_static_transfer(app.server, app.config.routes_pathname_prefix)
    cache = make_cache(app.server, settings)
    if observatory is None:
        observatory = Observatory(
            engine,
            corridor,
            cache,
            min_cell=settings.min_cell,
            replica=make_replica(settings, engine),
        )
    prefix = app.config.requests_pathname_prefix
    app.server.add_url_rule(
        app.config.routes_pathname_prefix + BOUNDARIES_ROUTE,
        endpoint=BOUNDARIES_ENDPOINT,
        view_func=BoundariesEndpoint(corridor),
    )
    app.server.extensions["observatory"] = observatory
    register_api(app.server, observatory)
    register_exports(
        app.server, app.config.routes_pathname_prefix, ChartRenderer(settings.chromium)
    )
    app.server.extensions[EXTENSION] = WebContext(
        settings=settings,
        engine=engine,
        corridor=corridor,
        cache=cache,
        observatory=observatory,
        boundaries_url=prefix + BOUNDARIES_ROUTE,
        pathname_prefix=prefix,
    )
    callbacks_of: dict[str, set[str]] = {}  # page path -> its callbacks (public mode)
    for order, page in enumerate(PAGES):
        module = page.load()
        dash.register_page(
            page.module,
            path=page.path,
            order=order,
            layout=module.layout,
            name=t(page.nav_key, DEFAULT_LANGUAGE),
            title=app.title,
        )
        registered = set(app.callback_map)
        module.register_callbacks(app)
        callbacks_of[page.path] = set(app.callback_map) - registered
    app.layout = shell_layout(corridor, settings.min_cell, prefix)
    registered = set(app.callback_map)
    shell.register_callbacks(app)
    callbacks_of[""] = set(app.callback_map) - registered  # the shell's, on every page
    downloads.register_callbacks(app)
    meeting.register(app)  # /reunion/<deck>/<slide> and /agendas (issue 6)
    register_access(app, settings, engine, corridor, callbacks_of=callbacks_of, loader=loader)
    return app
