"""Figure and card builders: suppression is shown, never drawn as zero; no map text or tiles."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory.filters import Filter
from observatory.indicators.registry import IndicatorResult, lookup
from observatory.web.components.describe import describe_when, describe_where
from observatory.web.components.flowmap import flow_map_figure, suppressed_flows
from observatory.web.components.kpi import kpi_cards, kpi_values
from observatory.web.components.trend import month_span, suppressed_months, trend_figure

GEOJSON_URL = "/_observatory/boundaries.geojson"


def _result(indicator_id: str, table: pd.DataFrame) -> IndicatorResult:
    spec, _ = lookup(indicator_id)
    return IndicatorResult(spec, table, int(table.isna().sum().sum()), 1, Filter())


def _kpis(**values: object) -> IndicatorResult:
    row = {
        "registrations_count": 1234,
        "workers_count": 1000,
        "women_count": 250,
        "share_women_pct": 25.0,
        "minors_count": 0,
        "share_minors_pct": 0.0,
        **values,
    }
    table = pd.DataFrame(
        {
            k: pd.array([v], dtype="Int64" if k.endswith("count") else "Float64")
            for k, v in row.items()
        }
    )
    return _result("overview_kpis", table)


def test_kpis_are_formatted_in_the_language():
    es = kpi_values(_kpis(), "es")
    en = kpi_values(_kpis(), "en")
    assert es["registrations_count"].text == "1.234"
    assert en["registrations_count"].text == "1,234"
    assert es["share_women_pct"].text == "25,0\u00a0%"
    assert en["share_women_pct"].text == "25.0%"
    # A true zero is published as zero, not as a suppression.
    assert en["share_minors_pct"].text == "0.0%"
    assert en["share_minors_pct"].state == "value"


def test_suppressed_kpis_show_a_mark_and_a_footnote():
    result = _kpis(
        registrations_count=pd.NA, workers_count=pd.NA, women_count=pd.NA, share_women_pct=pd.NA
    )
    values = kpi_values(result, "es")
    assert values["registrations_count"].state == "suppressed"
    assert values["registrations_count"].text == "suprimido"
    assert values["share_women_pct"].state == "suppressed"
    html_text = str(kpi_cards(result, "es", min_cell=5).to_plotly_json())
    assert "menos de 5 trabajadores" in html_text


def test_a_share_of_nobody_is_no_data_rather_than_suppressed():
    result = _kpis(
        registrations_count=0,
        workers_count=0,
        women_count=0,
        share_women_pct=pd.NA,
        minors_count=0,
        share_minors_pct=pd.NA,
    )
    values = kpi_values(result, "en")
    assert values["registrations_count"].text == "0"
    assert values["share_women_pct"].state == "empty"
    assert values["share_women_pct"].text == "no data"


def _monthly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": ["2024-01", "2024-02", "2024-03"],
            "registrations_count": pd.array([1200, pd.NA, 0], dtype="Int64"),
            "workers_count": pd.array([800, pd.NA, 0], dtype="Int64"),
        }
    )


def test_trend_draws_suppressed_months_as_gaps_and_zeros_as_zeros():
    fig = trend_figure(_monthly(), "es")
    registrations, workers = fig.data
    assert list(registrations.x) == ["ene 2024", "feb 2024", "mar 2024"]
    assert list(registrations.y) == [1200, None, 0]
    assert list(workers.y) == [800, None, 0]
    assert fig.layout.separators == ",."
    assert trend_figure(_monthly(), "en").layout.separators == ".,"
    assert suppressed_months(_monthly()) == 1
    assert month_span(_monthly()) == ("2024-01", "2024-03")


def _by_admin1(rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "admin1": list(rows),
            "registrations_count": pd.array(list(rows.values()), dtype="Int64"),
            "workers_count": pd.array(list(rows.values()), dtype="Int64"),
        }
    )


def _flows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "origin_admin1": ["GT-12", "GT-13", "GT-12"],
            "border_point": ["tecun_uman", "la_mesilla", "el_carmen"],
            "destination_admin1": ["MX-CHP", "MX-CHP", "MX-TAB"],
            "registrations_count": pd.array([900, 40, pd.NA], dtype="Int64"),
            "workers_count": pd.array([600, 30, pd.NA], dtype="Int64"),
        }
    )


def test_map_is_offline_safe_and_skips_suppressed_flows(corridor):
    fig = flow_map_figure(
        _by_admin1({"GT-12": 940, "GT-13": pd.NA}),
        _by_admin1({"MX-CHP": 940}),
        _flows(),
        corridor,
        "es",
        GEOJSON_URL,
    )
    assert fig.layout.map.style == "white-bg"  # no tile server
    for trace in fig.data:
        # Text on a maplibre map makes it fetch glyphs from the internet.
        assert "text" not in (getattr(trace, "mode", None) or "")
        if trace.type == "choroplethmap":
            assert trace.geojson == GEOJSON_URL  # fetched once by the browser, not inlined
    choropleths = [t for t in fig.data if t.type == "choroplethmap"]
    suppressed = [t for t in choropleths if t.name == "Suprimido"]
    assert list(suppressed[0].locations) == ["GT-13"]
    flow_lines = [
        t
        for t in fig.data
        if t.type == "scattermap" and t.hoverinfo == "text" and t.mode == "lines"
    ]
    drawn = {text.split(":")[0] for t in flow_lines for text in t.hovertext if text}
    assert drawn == {
        "San Marcos → Tecún Umán (Ayutla) – Ciudad Hidalgo → Chiapas",
        "Huehuetenango → La Mesilla – Ciudad Cuauhtémoc → Chiapas",
    }
    # The larger flow gets the wider line.
    widths = {t.hovertext[0].split(" →")[0]: t.line.width for t in flow_lines}
    assert widths["San Marcos"] > widths["Huehuetenango"]
    assert suppressed_flows(_flows()) == 1


def test_describe_names_the_selection(corridor):
    assert describe_where(Filter(), corridor, "es") == "todo el corredor Guatemala – México"
    assert describe_where(Filter(), corridor, "en") == "the whole Guatemala – Mexico corridor"
    flt = Filter(origin=("GT-12",), destination=("MX-CHP",), sex=("F",), sector=("coffee",))
    assert describe_where(flt, corridor, "es") == "desde San Marcos, hacia Chiapas, mujeres, café"
    assert describe_when("2024-01", "2024-12", "en") == "Jan 2024 – Dec 2024"
    assert describe_when(None, None, "es") == "sin registros"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_builder_works_on_empty_results(corridor, lang):
    empty = _monthly().iloc[0:0]
    assert trend_figure(empty, lang).data[0].x == ()
    flows = _flows().iloc[0:0]
    fig = flow_map_figure(_by_admin1({}), _by_admin1({}), flows, corridor, lang, GEOJSON_URL)
    assert fig.layout.map.style == "white-bg"
