"""The corridor map: origin and destination units shaded by registrations, flows through
the border points. No tiles, no text on the map (text would make maplibre fetch glyphs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from observatory.i18n import format_count, t
from observatory.web.components.common import border_point_name, unit_name
from observatory.web.components.figures import INK, base_layout

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# The view that fits Guatemala and southern Mexico.
MAP_CENTER = {"lon": -91.0, "lat": 17.0}
MAP_ZOOM = 5.2
# Sequential scales without their near-white end, so the smallest published count still
# stands out from the unshaded units (ColorBrewer Blues / Oranges, colour-blind safe).
ORIGIN_COLORS = [[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]
DESTINATION_COLORS = [[0.0, "#fdd0a2"], [0.5, "#f16913"], [1.0, "#7f2704"]]
BASE_COLOR = "#eeeeee"
SUPPRESSED_COLOR = "#bdbdbd"
FLOW_COLOR = "rgba(35, 25, 60, 0.75)"
CASING_COLOR = "rgba(255, 255, 255, 0.8)"
# Flows are grouped into width classes by their share of the largest flow: one trace per
# class keeps the figure small however many flows there are.
FLOW_CLASSES: tuple[tuple[float, float], ...] = ((0.0, 1.5), (0.1, 3.0), (0.3, 5.5), (0.6, 9.0))


def _published(table: pd.DataFrame, column: str = "registrations_count") -> pd.DataFrame:
    return table[table[column].notna() & (table[column].fillna(0) > 0)]


def _units_trace(
    table: pd.DataFrame,
    corridor: Corridor,
    lang: str,
    colors: list,
    title: str,
    x: float,
    geojson: str,
) -> go.Choroplethmap:
    rows = _published(table)
    return go.Choroplethmap(
        geojson=geojson,
        featureidkey="id",
        locations=list(rows["admin1"]),
        z=[int(v) for v in rows["registrations_count"]],
        customdata=[unit_name(corridor, code) for code in rows["admin1"]],
        hovertemplate="<b>%{customdata}</b><br>"
        + t("map.registrations", lang, count="%{z:,d}")
        + "<extra></extra>",
        colorscale=colors,
        zmin=0,
        marker={"line": {"color": "white", "width": 0.8}},
        colorbar={
            "orientation": "h",
            "x": x,
            "xanchor": "center",
            "y": 0,
            "yanchor": "top",
            "len": 0.42,
            "thickness": 14,
            "tickformat": ",d",
            "title": {"text": title, "side": "top", "font": {"size": 14}},
        },
        name=title,
        showlegend=False,
    )


def _suppressed_trace(codes: list[str], corridor: Corridor, lang: str, geojson: str):
    label = t("map.suppressed_units", lang)
    return go.Choroplethmap(
        geojson=geojson,
        featureidkey="id",
        locations=codes,
        z=[1] * len(codes),
        customdata=[unit_name(corridor, code) for code in codes],
        hovertemplate="<b>%{customdata}</b><br>" + label + "<extra></extra>",
        colorscale=[[0, SUPPRESSED_COLOR], [1, SUPPRESSED_COLOR]],
        showscale=False,
        marker={"line": {"color": "white", "width": 0.8}},
        name=label,
        showlegend=True,
    )


def _flow_traces(flows: pd.DataFrame, corridor: Corridor, lang: str) -> list[go.Scattermap]:
    rows = _published(flows)
    if rows.empty:
        return []
    points = {bp.code: bp for bp in corridor.border_points}
    largest = int(rows["registrations_count"].max())
    by_class: dict[float, tuple[list, list, list]] = {}
    for row in rows.itertuples(index=False):
        point = points.get(row.border_point)
        try:
            origin = corridor.unit(row.origin_admin1)
            destination = corridor.unit(row.destination_admin1)
        except (KeyError, LookupError, ValueError):
            continue
        if point is None:
            continue
        count = int(row.registrations_count)
        width = max(w for share, w in FLOW_CLASSES if count / largest >= share)
        label = (
            f"{unit_name(corridor, row.origin_admin1)} → "
            f"{border_point_name(corridor, row.border_point)} → "
            f"{unit_name(corridor, row.destination_admin1)}: "
            + t("map.registrations", lang, count=format_count(count, lang))
        )
        lons, lats, texts = by_class.setdefault(width, ([], [], []))
        lons.extend([origin.lon, point.lon, destination.lon, None])
        lats.extend([origin.lat, point.lat, destination.lat, None])
        texts.extend([label, label, label, None])
    name = t("map.flows", lang)
    traces: list[go.Scattermap] = []
    for i, (width, (lons, lats, texts)) in enumerate(sorted(by_class.items())):
        # A white casing under each line keeps it legible over the darkest shading.
        traces.append(
            go.Scattermap(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"width": width + 2.5, "color": CASING_COLOR},
                hoverinfo="skip",
                showlegend=False,
                legendgroup="flows",
            )
        )
        traces.append(
            go.Scattermap(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"width": width, "color": FLOW_COLOR},
                hovertext=texts,
                hoverinfo="text",
                name=name,
                legendgroup="flows",
                showlegend=i == 0,
            )
        )
    return traces


def _border_points_traces(corridor: Corridor, lang: str) -> list[go.Scattermap]:
    points = corridor.border_points
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    # A white disc under a dark one draws a ring, visible on lines and shading alike.
    return [
        go.Scattermap(
            lon=lons,
            lat=lats,
            mode="markers",
            marker={"size": 20, "color": "white"},
            hoverinfo="skip",
            showlegend=False,
            legendgroup="points",
        ),
        go.Scattermap(
            lon=lons,
            lat=lats,
            mode="markers",
            marker={"size": 13, "color": INK},
            hovertext=[border_point_name(corridor, p.code) for p in points],
            hoverinfo="text",
            name=t("map.border_points", lang),
            legendgroup="points",
        ),
    ]


def suppressed_flows(flows: pd.DataFrame) -> int:
    """How many flows are suppressed (and therefore not drawn)."""
    return int(flows["registrations_count"].isna().sum()) if not flows.empty else 0


def flow_map_figure(
    by_origin: pd.DataFrame,
    by_destination: pd.DataFrame,
    flows: pd.DataFrame,
    corridor: Corridor,
    lang: str,
    geojson_url: str,
) -> go.Figure:
    """The map figure; `geojson_url` is fetched by the browser once, not sent with each figure."""
    all_units = [unit.code for unit in corridor.admin1]
    base = go.Choroplethmap(
        geojson=geojson_url,
        featureidkey="id",
        locations=all_units,
        z=[0] * len(all_units),
        colorscale=[[0, BASE_COLOR], [1, BASE_COLOR]],
        showscale=False,
        hoverinfo="skip",
        marker={"line": {"color": "white", "width": 0.8}},
        showlegend=False,
    )
    hidden = [
        code
        for table in (by_origin, by_destination)
        for code in table.loc[table["registrations_count"].isna(), "admin1"]
    ]
    traces: list = [base]
    if hidden:
        traces.append(_suppressed_trace(hidden, corridor, lang, geojson_url))
    traces += [
        _units_trace(
            by_origin, corridor, lang, ORIGIN_COLORS, t("map.origin_scale", lang), 0.24, geojson_url
        ),
        _units_trace(
            by_destination,
            corridor,
            lang,
            DESTINATION_COLORS,
            t("map.destination_scale", lang),
            0.76,
            geojson_url,
        ),
        *_flow_traces(flows, corridor, lang),
        *_border_points_traces(corridor, lang),
    ]
    layout = base_layout(
        lang,
        height=560,
        margin={"l": 0, "r": 0, "t": 0, "b": 90},
        map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM},
        legend={"x": 0.01, "y": 0.01, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.85)"},
        uirevision="corridor-map",  # keep the user's zoom and pan when the filter changes
    )
    return go.Figure(data=traces, layout=layout)
