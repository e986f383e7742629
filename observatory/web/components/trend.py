"""The monthly trend: registrations and distinct workers per month, gaps where suppressed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from observatory.i18n import format_month, t
from observatory.web.components.figures import BLUE, VERMILLION, base_layout


def _values(series: pd.Series) -> list[int | None]:
    # None breaks the line: a suppressed month is a gap, never a fake zero.
    return [None if pd.isna(v) else int(v) for v in series]


def suppressed_months(table: pd.DataFrame) -> int:
    """How many months have a suppressed registrations or workers count."""
    if table.empty:
        return 0
    hidden = table["registrations_count"].isna() | table["workers_count"].isna()
    return int(hidden.sum())


def month_span(table: pd.DataFrame) -> tuple[str | None, str | None]:
    """First and last month of a `monthly_registrations` table (None, None when empty)."""
    if table.empty:
        return None, None
    months = sorted(table["month"])
    return months[0], months[-1]


def trend_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Registrations (filled area) and distinct workers (line) per month."""
    labels = [format_month(month, lang) for month in table["month"]]
    markers = "lines+markers" if len(labels) <= 36 else "lines"
    registrations = t("trend.registrations", lang)
    workers = t("trend.workers", lang)
    fig = go.Figure(
        layout=base_layout(
            lang,
            height=560,  # the map's height: the two cards line up side by side
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
            hovermode="x unified",
            legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
            yaxis={
                "title": {"text": t("trend.yaxis", lang)},
                "rangemode": "tozero",
                "tickformat": ",d",
                "automargin": True,
            },
            xaxis={
                "type": "category",
                "automargin": True,
                "tickangle": -45 if len(labels) > 12 else 0,
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=_values(table["registrations_count"]),
            name=registrations,
            mode=markers,
            line={"color": BLUE, "width": 4},
            marker={"size": 7},
            fill="tozeroy",
            fillcolor="rgba(0,114,178,0.12)",
            hovertemplate="%{y:,d}",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=_values(table["workers_count"]),
            name=workers,
            mode=markers,
            line={"color": VERMILLION, "width": 3, "dash": "dash"},
            marker={"size": 7},
            hovertemplate="%{y:,d}",
        )
    )
    return fig


def trend_note(table: pd.DataFrame, lang: str, min_cell: int, source: str) -> str:
    """The line under the trend: empty selection, the source, suppressed months."""
    notes = [source]
    if table.empty:
        notes.insert(0, t("empty.no_data", lang))
    hidden = suppressed_months(table)
    if hidden:
        notes.append(t("trend.suppressed_note", lang, n=hidden, min_cell=min_cell))
    return " ".join(notes)
