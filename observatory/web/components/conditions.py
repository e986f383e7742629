"""Builders of the working-conditions page: KPI cards, the below-minimum bars, the wage bands
against the minimum and the women/men wage bars (no data access)."""

from __future__ import annotations

import textwrap

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from observatory.i18n import format_count, format_number, format_percent, t
from observatory.web.components.figures import (
    BLUE,
    INK,
    ORANGE,
    VERMILLION,
    base_layout,
    labelled_bars,
)
from observatory.web.components.tables import value


def kpi_row(kpis, results: dict, lang: str, **row: object) -> dbc.Row:
    """One card per (name, indicator, column, label key) of `kpis`, from the indicator
    results, with the overall row's value (the label texts are "conditions.kpi.<key>")."""
    return dbc.Row(
        [
            kpi_card(
                name,
                t(f"conditions.kpi.{key}", lang),
                results[indicator].table[column].iloc[0],
                t(f"conditions.kpi.{key}.what", lang),
                lang,
            )
            for name, indicator, column, key in kpis
        ],
        **row,
    )


def kpi_card(name: str, label: str, share: object, what: str, lang: str) -> dbc.Col:
    """One KPI card: a percentage, or "–" (no data or suppressed, explained in the notes)."""
    v = value(share)
    state = "empty" if v is None else "value"
    number = html.Div(
        "–" if v is None else format_percent(float(v), lang),
        className=f"kpi-value kpi-{state}",
        **{"data-kpi": name, "data-state": state},
    )
    body = dbc.CardBody(
        [html.Div(label, className="kpi-label"), number, html.Div(what, className="kpi-what")]
    )
    return dbc.Col(dbc.Card(body, className="kpi-card h-100"), xs=6, lg=4, xxl=2, className="mb-3")


def below_minimum_figure(table: pd.DataFrame, labels: list[str], lang: str) -> go.Figure:
    """Horizontal bars of the share below the minimum per sector, each value written on its bar;
    a share that is suppressed or undefined is labelled, not drawn as a zero."""
    shares = [value(v) for v in table["share_below_pct"]]
    texts = [
        t("compliance.suppressed_bar", lang) if v is None else format_percent(float(v), lang)
        for v in shares
    ]
    colours = [VERMILLION if (v or 0) > 0 else BLUE for v in shares]
    # Long sector names wrap, so that a phone keeps room for the bars.
    labels = ["<br>".join(textwrap.wrap(label, 14)) or label for label in labels]
    return go.Figure(
        labelled_bars(labels, shares, texts, colours),
        layout=base_layout(
            lang,
            height=max(260, 60 * len(labels) + 80),
            xaxis={
                "title": "<br>".join(textwrap.wrap(t("conditions.wage.xaxis", lang), 28)),
                "range": [0, 100],
                "nticks": 5,
            },
            yaxis={"autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 90, "t": 10, "b": 10},
            showlegend=False,
        ),
    )


def _suppressed(lang: str) -> str:
    return t("compliance.suppressed_bar", lang)


def wage_bands_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of workers per wage band (as % of the minimum), bands under the minimum in
    vermillion, a dashed line at 100 % of the minimum; a hidden band is labelled, not drawn."""
    labels = [t(f"conditions.band.{band}", lang) for band in table["band"]]
    counts = [value(v) for v in table["workers_count"]]
    below = [value(up) is not None and float(value(up)) <= 100 for up in table["upper_pct"]]
    texts = [_suppressed(lang) if v is None else format_count(int(v), lang) for v in counts]
    figure = go.Figure(
        labelled_bars(labels, counts, texts, [VERMILLION if b else BLUE for b in below]),
        layout=base_layout(
            lang,
            height=400,
            xaxis={
                "title": t("conditions.bands.xaxis", lang),
                "rangemode": "tozero",
                "automargin": True,
                "nticks": 5,
            },
            # The band labels say "% of the minimum" with the title: no axis title, so that a
            # phone keeps its width for the bars.
            yaxis={
                "type": "category",
                "autorange": "reversed",
                "automargin": True,
            },
            margin={"l": 10, "r": 90, "t": 10, "b": 10},
            bargap=0.5,
            showlegend=False,
        ),
    )
    # The minimum wage lies between the 75-100 % and 100-125 % bands (category 2.5).
    boundary = sum(below) - 0.5
    figure.add_hline(y=boundary, line={"color": INK, "dash": "dash", "width": 2})
    figure.add_annotation(
        x=1,
        xref="paper",
        xanchor="right",
        y=boundary,
        yanchor="middle",  # in the gap between the bars, clear of their labels
        text=t("conditions.bands.minimum", lang),
        showarrow=False,
        font={"size": 15},
        bgcolor="rgba(255,255,255,0.85)",
    )
    return figure


def wage_gap_figure(table: pd.DataFrame, labels: list[str], lang: str) -> go.Figure:
    """Grouped horizontal bars of the mean daily wage of women and of men per row; a mean that
    is not published is labelled so, not drawn as zero."""
    labels = [
        "<br>".join(line for part in label.split("<br>") for line in textwrap.wrap(part, 16))
        or label
        for label in labels
    ]
    traces = []
    for column, name, colour in (
        ("women_mean_daily_mxn", "conditions.gap.women", ORANGE),
        ("men_mean_daily_mxn", "conditions.gap.men", BLUE),
    ):
        means = [value(v) for v in table[column]]
        # No worker of that sex at all is "no data", not a suppression.
        counts = [value(v) for v in table[column.replace("mean_daily_mxn", "workers_count")]]
        texts = [
            ("$" + format_number(float(v), lang, 0))
            if v is not None
            else t("conditions.gap.none", lang)
            if n == 0
            else _suppressed(lang)
            for v, n in zip(means, counts, strict=True)
        ]
        traces.append(
            go.Bar(
                y=labels,
                x=[0 if v is None else float(v) for v in means],
                orientation="h",
                name=t(name, lang),
                text=texts,
                textposition="outside",
                cliponaxis=False,
                marker_color=colour,
                hovertemplate="%{y}: %{text}<extra>" + t(name, lang) + "</extra>",
            )
        )
    return go.Figure(
        traces,
        layout=base_layout(
            lang,
            barmode="group",
            height=max(280, 90 * len(labels) + 110),
            xaxis={
                "title": t("conditions.gap.xaxis", lang),
                "rangemode": "tozero",
                "automargin": True,
                "nticks": 5,
            },
            yaxis={"autorange": "reversed", "automargin": True},
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            margin={"l": 10, "r": 90, "t": 10, "b": 10},
        ),
    )
