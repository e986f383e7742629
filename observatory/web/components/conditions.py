"""Builders of the working-conditions page: KPI cards, the below-minimum bar chart (no data
access)."""

from __future__ import annotations

import textwrap

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from observatory.i18n import format_percent, t
from observatory.web.components.figures import BLUE, VERMILLION, base_layout, labelled_bars
from observatory.web.components.tables import value


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
    return dbc.Col(dbc.Card(body, className="kpi-card h-100"), xs=6, xl=3, className="mb-3")


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
