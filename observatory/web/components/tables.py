"""Builders of the quality and recruiter pages: DataTables, bar charts, notes (no data access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from dash import dash_table, html

from observatory.i18n import format_count, format_month, format_percent, t
from observatory.text import wrap_words
from observatory.web.components.figures import (
    BLUE,
    FONT_FAMILY,
    GREY,
    ORANGE,
    SKY,
    VERMILLION,
    base_layout,
    labelled_bars,
)

if TYPE_CHECKING:
    from observatory.indicators.registry import IndicatorSpec

ROW_KINDS = (
    ("rows_loaded", BLUE),
    ("rows_updated", SKY),
    ("rows_unchanged", GREY),
    ("rows_quarantined", VERMILLION),
)
COMPLIANCE_COLOURS = {"active": BLUE, "direct_hire": GREY}

_CELL = {
    "fontFamily": FONT_FAMILY,
    "fontSize": "1rem",
    "padding": "0.4rem 0.6rem",
    "textAlign": "left",
    "whiteSpace": "normal",
    "height": "auto",
}
_HEADER = {"fontWeight": "700", "backgroundColor": "#eef2f5", "fontSize": "1rem"}


def value(v: object) -> object:
    """None for <NA>/NaN (what a DataTable cell shows as empty), the value otherwise."""
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def how_note(spec: IndicatorSpec, lang: str, extra: str = "") -> html.Details:
    """The "how is this computed" panel under a chart: one line open, the method on demand.

    Closed, it is one line naming the indicator; opened (click, Enter or Space), it gives the
    definition with its formula and caveats, the source tables and any note of the chart.
    """
    details = [html.P(spec.definition(lang), className="mb-1")]
    details.append(html.P(t("how.source", lang, source=spec.source), className="mb-1"))
    if extra.strip():
        details.append(html.P(extra.strip(), className="mb-0"))
    return html.Details(
        [html.Summary([html.Strong(t("how.label", lang)), spec.title(lang)]), *details],
        className="obs-source obs-how",
        **{"data-indicator": spec.id},
    )


def data_table(
    table_id: str,
    columns: list[tuple[str, str]],
    records: list[dict],
    *,
    searchable: bool = False,
    search_placeholder: str = "",
    numeric: tuple[str, ...] = (),
    conditional: list[dict] | None = None,
    page_size: int = 20,
) -> dash_table.DataTable:
    """A DataTable whose cells are plain text (never HTML or markdown), large enough to read."""
    return dash_table.DataTable(
        id=table_id,
        columns=[
            {"name": name, "id": cid, "type": "numeric" if _is_number(cid, records) else "text"}
            for cid, name in columns
        ],
        data=records,
        filter_action="native" if searchable else "none",
        filter_options={"placeholder_text": search_placeholder},
        sort_action="native",
        page_action="native",
        page_size=page_size,
        style_table={"overflowX": "auto"},
        style_cell=_CELL,
        style_header=_HEADER,
        style_filter={"backgroundColor": "#f3f5f7"},
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "right"} for c in numeric],
        style_data_conditional=conditional or [],
    )


def _is_number(column: str, records: list[dict]) -> bool:
    # Sorted as numbers only when they are numbers; formatted shares stay text, right-aligned.
    return any(isinstance(r.get(column), int | float) for r in records)


def loads_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of rows per kind, on a two-level axis: source, then month of loading."""
    sources = [_wrap(t(f"source_kind.{k}", lang), 11) for k in table["source_kind"]]
    months = [format_month(m, lang) for m in table["month"]]
    figure = go.Figure(
        [
            go.Bar(
                x=[sources, months],
                y=[int(v) for v in table[column]],
                name=t(f"quality.{column}", lang),
                marker_color=colour,
                hovertemplate="%{x}: %{y:,}<extra>" + t(f"quality.{column}", lang) + "</extra>",
            )
            for column, colour in ROW_KINDS
        ],
        layout=base_layout(
            lang,
            barmode="stack",
            height=440,
            # Above the plot, anchored at its bottom: on a phone it wraps and pushes the
            # plot down instead of covering it.
            legend={
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.02,
                "x": 0,
                "traceorder": "normal",
            },
            xaxis={"automargin": True, "tickangle": 0},
            yaxis={"title": t("quality.rows_axis", lang), "rangemode": "tozero"},
            margin={"l": 10, "r": 10, "t": 10, "b": 10},
        ),
    )
    return figure


def compliance_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of registrations per category; a suppressed category is labelled so."""
    # Long labels wrap, so that a phone keeps room for the bars.
    labels = [_wrap(t(f"compliance.{c}", lang)) for c in table["category"]]
    values = [value(v) for v in table["registrations_count"]]
    texts = [
        t("compliance.suppressed_bar", lang) if v is None else format_count(int(v), lang)
        for v in values
    ]
    colours = [COMPLIANCE_COLOURS.get(c, ORANGE) for c in table["category"]]
    figure = go.Figure(
        labelled_bars(labels, values, texts, colours),
        layout=base_layout(
            lang,
            height=420,
            xaxis={"title": t("compliance.xaxis", lang), "rangemode": "tozero"},
            yaxis={"autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 90, "t": 10, "b": 10},
            showlegend=False,
        ),
    )
    return figure


def _wrap(label: str, width: int = 14) -> str:
    return "<br>".join(wrap_words(label, width))


def count_text(v: object, lang: str) -> str:
    """A count for a table cell: formatted, or "suprimido*" when hidden."""
    v = value(v)
    return t("compliance.suppressed_bar", lang) if v is None else format_count(int(v), lang)


def share_text(v: object, lang: str) -> str:
    """A share for a table cell ("–" when there is none to publish)."""
    v = value(v)
    return "–" if v is None else format_percent(float(v), lang)
