"""The flows page's callbacks without a browser: the hand-counted fixture, an empty selection,
and a failing indicator (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import logging

from etl.load import load_file
from observatory.config import Settings
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app
from observatory.web.pages import flows
from observatory.web.state import View
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

FILE = FIXTURES / "flows" / "registros_flujos_2022_2025.csv"  # see test_flows_indicators.py
UPDATES = (
    flows.update_map,
    flows.update_sankey,
    flows.update_seasonality,
    flows.update_pyramid,
    flows.update_exits_returns,
    flows.update_circularity,
)


def _app(tmp_path, observatory):
    settings = Settings(database_url="sqlite://", cache_type="NullCache", instance_dir=tmp_path)
    return create_app(settings, observatory=observatory)


def _texts(node) -> str:
    """Every text of a component tree, joined."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if isinstance(node, list | tuple):
        return " ".join(_texts(child) for child in node)
    return _texts(getattr(node, "children", None))


def test_layout_ignores_unknown_query_parameters():
    assert flows.layout(lang="en", utm_source="mail", sex="F") is not None
    assert flows.layout() is not None


def test_callbacks_on_the_fixture(engine, corridor, tmp_path):
    report = load_file(engine, FILE, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.rows_loaded == 32
    app = _app(tmp_path, Observatory(engine, corridor))  # min_cell 5
    with app.server.test_request_context():
        store = View(Filter(), "en").store()
        title, figure, note = flows.update_sankey(store)
        assert "Nov 2022 – Nov 2025" in title
        labels = list(figure.data[0].node.label)
        # Q and P3 hidden (see test_flows_indicators.py): San Marcos 15 + 6 = 21.
        assert "San Marcos · 21" in labels and not any("Papaya" in x for x in labels)
        assert "not drawn: 2 of 5" in _texts(note)
        assert "5 registrations" in _texts(note)  # the reverse direction, Chiapas -> San Marcos
        share = _texts(flows.update_circular_share(store))
        assert "21.7%" in share and "5 of 23" in share
        for update in UPDATES:
            title, figure, note = update(store)
            assert title and figure and note


def test_an_empty_selection_shows_no_false_zeros(engine, corridor, tmp_path):
    load_file(engine, FILE, "border_office", corridor, TEST_PSEUDONYM_KEY)
    app = _app(tmp_path, Observatory(engine, corridor))
    # A period before any data: nothing is known, so nothing is drawn as zero.
    empty = Filter(period_start=dt.date(2020, 1, 1), period_end=dt.date(2020, 12, 31))
    with app.server.test_request_context():
        store = View(empty, "es").store()
        for update in UPDATES:
            title, _figure, _ = update(store)
            assert "sin registros" in title
        _, heat, _ = flows.update_seasonality(store)
        assert all(trace.z == () or trace.z is None for trace in heat.data)
        share = _texts(flows.update_circular_share(store))
        assert "sin registros en esta selección" in share


class _Broken(Observatory):
    def indicator(self, indicator_id, flt):
        raise RuntimeError("database on fire")


def test_a_failing_indicator_shows_a_message(sqlite_engine, corridor, tmp_path, caplog):
    app = _app(tmp_path, _Broken(sqlite_engine, corridor))
    with app.server.test_request_context(), caplog.at_level(logging.ERROR):
        title, figure, message = flows.update_seasonality(View(Filter(), "en").store())
        assert (title, figure) == ("", {})
        assert "Seasonality" in _texts(message)
        assert "database on fire" in caplog.text
