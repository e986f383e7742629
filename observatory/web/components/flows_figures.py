"""Figure builders of the flows page: Sankey, seasonality heat map, pyramid, exits and returns,
circularity (no data access; suppressed values are marked, never drawn as zero)."""

from __future__ import annotations

import math
import textwrap
from itertools import pairwise
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from observatory.i18n import format_count, month_name, t
from observatory.web.components.common import border_point_name, sector_name, unit_name
from observatory.web.components.figures import (
    BLUE,
    GREY,
    INK,
    ORANGE,
    SKY,
    VERMILLION,
    base_layout,
    labelled_bars,
)
from observatory.web.components.tables import count_text, value

if TYPE_CHECKING:
    from observatory.corridor import Corridor

STAGES = ("origin_admin1", "border_point", "destination_admin1", "sector")
STAGE_COLOURS = {"origin_admin1": BLUE, "border_point": INK, "destination_admin1": ORANGE}
LINK_COLOUR = "rgba(0, 114, 178, 0.30)"  # BLUE, translucent
REVERSE_LINK_COLOUR = "rgba(213, 94, 0, 0.40)"  # VERMILLION: the reverse direction
HIDDEN_COLOUR = "#d9d9d9"
# ColorBrewer Blues without its near-white end, so a small count still reads as a value.
HEAT_SCALE = [[0.0, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
SEXES = (("F", VERMILLION), ("M", BLUE))  # women on the left, men on the right


def published(table: pd.DataFrame) -> pd.DataFrame:
    """The rows whose counts are published (not suppressed)."""
    return table[~table["suppressed"]] if not table.empty else table


def is_reverse(origin_code: str, corridor: Corridor) -> bool:
    """True for an origin unit in the corridor's destination country (Mexico -> Guatemala)."""
    return origin_code.startswith(corridor.destination.iso2 + "-")


def _node_name(stage: str, code: str, corridor: Corridor, lang: str) -> str:
    if stage == "border_point":
        return border_point_name(corridor, code)
    if stage == "sector":
        return sector_name(corridor, code, lang)
    return unit_name(corridor, code)


def sankey_figure(table: pd.DataFrame, corridor: Corridor, lang: str) -> go.Figure:
    """Published paths as a Sankey of registrations; each node is labelled with its total."""
    rows = published(table)
    nodes: dict[tuple[str, str], int] = {}
    totals: dict[tuple[str, str], int] = {}
    links: dict[tuple[int, int, bool], int] = {}
    for row in rows.itertuples(index=False):
        count, reverse = int(row.registrations_count), is_reverse(row.origin_admin1, corridor)
        keys = [(stage, getattr(row, stage)) for stage in STAGES]
        for key in keys:
            nodes.setdefault(key, len(nodes))
            totals[key] = totals.get(key, 0) + count
        for a, b in pairwise(keys):
            link = (nodes[a], nodes[b], reverse)
            links[link] = links.get(link, 0) + count
    if not links:  # every path hidden (or none): plotly.js cannot draw an empty Sankey
        return go.Figure(
            layout=base_layout(
                lang,
                height=420,
                xaxis={"visible": False},
                yaxis={"visible": False},
                annotations=[
                    {
                        "text": t("flows.sankey.empty", lang),
                        "showarrow": False,
                        "xref": "paper",
                        "yref": "paper",
                        "x": 0.5,
                        "y": 0.5,
                        "font": {"size": 18, "color": INK},
                    }
                ],
            )
        )
    labels = [
        "<br>".join(textwrap.wrap(_node_name(stage, code, corridor, lang), 22))
        + f" · {format_count(totals[(stage, code)], lang)}"
        for stage, code in nodes
    ]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",d",
            node={
                "label": labels,
                "color": [STAGE_COLOURS.get(stage, SKY) for stage, _ in nodes],
                "pad": 18,
                "thickness": 22,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [s for s, _, _ in links],
                "target": [d for _, d, _ in links],
                "value": list(links.values()),
                "color": [REVERSE_LINK_COLOUR if r else LINK_COLOUR for _, _, r in links],
            },
            textfont={"size": 16, "color": INK},
        ),
        layout=base_layout(lang, height=max(420, 46 * len(nodes) // 2 + 200)),
    )
    return figure


def seasonality_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Years (rows) by months (columns) of registrations; hidden cells grey and labelled,
    months outside the data blank."""
    months = [month_name(m, lang, short=True) for m in range(1, 13)]
    years = sorted({int(y) for y in table["year"]}) if not table.empty else []
    z = [[None] * 12 for _ in years]
    texts = [[""] * 12 for _ in years]
    hidden = [[None] * 12 for _ in years]
    hidden_texts = [[""] * 12 for _ in years]
    for row in table.itertuples(index=False):
        i, j = years.index(int(row.year)), int(row.month) - 1
        if row.suppressed:
            hidden[i][j], hidden_texts[i][j] = 1, t("flows.hidden_cell", lang)
        else:
            z[i][j] = int(row.registrations_count)
            texts[i][j] = format_count(z[i][j], lang)
    y = [str(year) for year in years]
    common = {"x": months, "y": y, "xgap": 3, "ygap": 3, "texttemplate": "%{text}"}
    counts = go.Heatmap(
        z=z,
        text=texts,
        colorscale=HEAT_SCALE,
        zmin=0,
        textfont={"size": 16},
        colorbar={"title": {"text": t("flows.season.scale", lang), "side": "top"}},
        hovertemplate="%{x} %{y}: %{text}<extra></extra>",
        **common,
    )
    marked = go.Heatmap(
        z=hidden,
        text=hidden_texts,
        colorscale=[[0, HIDDEN_COLOUR], [1, HIDDEN_COLOUR]],
        showscale=False,
        textfont={"size": 13, "color": INK},
        hovertemplate="%{x} %{y}: " + t("flows.hidden_hover", lang) + "<extra></extra>",
        **common,
    )
    layout = base_layout(
        lang,
        height=max(260, 70 * len(years) + 120),
        # Room for the tick labels set here, not left to automargin (which is not always
        # recomputed when a figure is replaced).
        margin={"l": 64, "r": 10, "t": 40, "b": 10},
        xaxis={"side": "top", "fixedrange": True},
        yaxis={"autorange": "reversed", "type": "category", "fixedrange": True},
        plot_bgcolor="white",
    )
    return go.Figure([counts, marked], layout=layout)


def pyramid_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Distinct workers by age group: women to the left, men to the right, values written."""
    traces = []
    largest = max([int(v) for v in table["workers_count"].dropna()] + [1])
    for sex, colour in SEXES:
        rows = table[table["sex"] == sex]
        counts = [value(v) for v in rows["workers_count"]]
        sign = -1 if sex == "F" else 1
        bar = labelled_bars(
            [t(f"age.{code}", lang) for code in rows["age_group"]],
            [None if v is None else sign * int(v) for v in counts],
            [count_text(v, lang) for v in counts],
            [colour] * len(rows),
        )
        bar.update(name=t(f"sex.{sex}", lang), showlegend=True)
        traces.append(bar)
    span = largest * 1.35  # room for the written values
    ticks = [round(largest * f) for f in (-1, -0.5, 0, 0.5, 1)]
    layout = base_layout(
        lang,
        height=440,
        margin={"l": 150, "r": 10, "t": 10, "b": 70},
        barmode="overlay",
        bargap=0.15,
        xaxis={
            "range": [-span, span],
            "tickvals": ticks,
            "ticktext": [format_count(abs(v), lang) for v in ticks],
            "title": t("flows.pyramid.xaxis", lang),
            "fixedrange": True,
        },
        yaxis={"automargin": True, "fixedrange": True},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.02, "yanchor": "bottom"},
    )
    return go.Figure(traces, layout=layout)


BAR_TEXT_MONTHS = 24


def exits_returns_figure(table: pd.DataFrame, lang: str, month_label) -> go.Figure:
    """Exits and returns per month as grouped bars; hidden months marked with a grey ×."""
    traces: list = []
    colours = {"exit": BLUE, "return": ORANGE}
    months = [month_label(m) for m in dict.fromkeys(table["month"])]
    step = max(1, math.ceil(len(months) / 12))  # about 12 labels, however long the period
    # Values written on the bars only while they can be read: up to two years of months.
    labelled = len(months) <= BAR_TEXT_MONTHS
    hidden_x: list[str] = []
    for direction in dict.fromkeys(table["direction"]):
        rows = table[table["direction"] == direction]
        x = [month_label(m) for m in rows["month"]]
        values = [value(v) for v in rows["registrations_count"]]
        hidden_x += [label for label, v in zip(x, values, strict=True) if v is None]
        traces.append(
            go.Bar(
                x=x,
                y=values,
                name=t(f"direction.{direction}", lang),
                marker_color=colours.get(direction, GREY),
                text=[format_count(v, lang) if v and labelled else "" for v in values],
                textposition="outside",
                textfont={"size": 15},
                constraintext="none",
                cliponaxis=False,
                hovertemplate="%{x}: %{y:,d}<extra>"
                + t(f"direction.{direction}", lang)
                + "</extra>",
            )
        )
    if hidden_x:
        traces.append(
            go.Scatter(
                x=hidden_x,
                y=[0] * len(hidden_x),
                mode="markers",
                marker={"symbol": "x-thin", "size": 14, "line": {"width": 3, "color": GREY}},
                name=t("flows.hidden_legend", lang),
                hovertemplate="%{x}: " + t("flows.hidden_hover", lang) + "<extra></extra>",
            )
        )
    layout = base_layout(
        lang,
        height=440,
        margin={"l": 80, "r": 10, "t": 10, "b": 90},
        barmode="group",
        xaxis={
            "type": "category",
            "title": t("flows.exits.xaxis", lang),
            "automargin": True,
            "tickvals": months[::step],
        },
        yaxis={"title": t("flows.exits.yaxis", lang), "rangemode": "tozero"},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return go.Figure(traces, layout=layout)


def circularity_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Distinct workers by the number of calendar years they are seen, values written."""
    counts = [value(v) for v in table["workers_count"]]
    labels = [t(f"flows.circ.years_{int(y)}", lang) for y in table["years_seen"]]
    colours = [SKY if int(y) == 1 else BLUE for y in table["years_seen"]]
    bars = labelled_bars(labels, counts, [count_text(v, lang) for v in counts], colours)
    layout = base_layout(
        lang,
        height=320,
        xaxis={"title": t("flows.circ.xaxis", lang), "rangemode": "tozero", "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        margin={"l": 90, "r": 100, "t": 10, "b": 70},
        showlegend=False,
    )
    return go.Figure(bars, layout=layout)
