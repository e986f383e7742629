"""Builders of a recruiter's profile: the register card, the status timeline and the sector
bars (no data access: indicator tables in, components and figures out)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from dash import html

from observatory.i18n import format_date, t
from observatory.web.components.figures import (
    BLUE,
    GREY,
    ORANGE,
    SKY,
    VERMILLION,
    base_layout,
    labelled_bars,
)
from observatory.web.components.tables import count_text, value

STATUS_COLOURS = {
    "active": BLUE,
    "pending": SKY,
    "suspended": ORANGE,
    "revoked": VERMILLION,
    "expired": GREY,
}
# Patterns as well as colours, so that statuses differ for every reader and in grey print.
STATUS_PATTERNS = {"active": "", "pending": ".", "suspended": "/", "revoked": "x", "expired": "-"}
_DAY_MS = 86_400_000


def _day(iso: object) -> dt.date | None:
    v = value(iso)
    return None if v is None else dt.date.fromisoformat(str(v))


def standing_today(status: object, valid_until: object, today: dt.date) -> str | None:
    """The licence's standing today: `expired` past valid_until (DATA_SPEC), else its status."""
    until = _day(valid_until)
    if until is not None and today > until:
        return "expired"
    return value(status)  # type: ignore[return-value]


def register_card(row: dict, lang: str, today: dt.date) -> html.Div:
    """The register entry and the (protected) counts of one licence, as a definition list."""
    standing = standing_today(row["status"], row["valid_until"], today)
    unknown = t("profile.not_registered", lang)
    items = [
        ("profile.name", value(row["name"]) or unknown),
        ("profile.country", value(row["registry_country"]) or "–"),
        ("profile.kind", t(f"profile.kind.{row['kind']}", lang) if value(row["kind"]) else "–"),
        ("profile.standing", t(f"status.{standing}", lang) if standing else "–"),
        ("profile.registered_on", _date_text(row["registered_on"], lang)),
        ("profile.valid_until", _date_text(row["valid_until"], lang)),
        ("profile.complaints_registry", _plain(row["complaints_registry"])),
        ("profile.registrations", count_text(row["registrations_count"], lang)),
        ("profile.workers", count_text(row["workers_count"], lang)),
        ("profile.contracts", count_text(row["contracts_count"], lang)),
        ("profile.complaint_workers", count_text(row["complaint_workers_count"], lang)),
    ]
    terms = []
    for key, text in items:
        terms += [
            html.Dt(t(key, lang), className="col-sm-5 col-xl-4"),
            html.Dd(text, className="col-sm-7 col-xl-8"),
        ]
    badge = html.Span(
        t(f"status.{standing}", lang) if standing else unknown,
        className="badge text-bg-light border ms-2",
        **{"data-standing": standing or "unknown"},
    )
    return html.Div(
        [
            html.H3([row["licence_no"], badge], className="obs-chart-title"),
            html.Dl(terms, className="row mb-0 obs-profile-facts"),
        ],
        **{"data-licence": row["licence_no"]},
    )


def _date_text(iso: object, lang: str) -> str:
    day = _day(iso)
    return "–" if day is None else format_date(day, lang)


def _plain(v: object) -> str:
    v = value(v)
    return "–" if v is None else str(v)


def timeline_figure(table: pd.DataFrame, lang: str, today: dt.date) -> go.Figure:
    """Horizontal bars over dates, one row per licence, one bar per status period (colour and
    pattern by status); an open period runs to today, with an arrow."""
    figure = go.Figure(
        layout=base_layout(
            lang,
            height=max(200, 70 * table["licence_no"].nunique() + 150),
            barmode="overlay",
            xaxis={"type": "date", "automargin": True},
            # One licence: its number heads the card, the axis keeps the width for the dates.
            yaxis={
                "automargin": True,
                "autorange": "reversed",
                "showticklabels": table["licence_no"].nunique() > 1,
            },
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            margin={"l": 10, "r": 20, "t": 10, "b": 10},
        )
    )
    for status in STATUS_COLOURS:
        rows = table[table["status"] == status]
        if rows.empty:
            continue
        starts = [_day(v) for v in rows["valid_from"]]
        ends = [_day(v) for v in rows["valid_to"]]
        shown_ends = [
            e or max(today, s) + dt.timedelta(days=60) for s, e in zip(starts, ends, strict=True)
        ]
        label = t(f"status.{status}", lang)
        figure.add_trace(
            go.Bar(
                y=list(rows["licence_no"]),
                x=[(e - s).days * _DAY_MS for s, e in zip(starts, shown_ends, strict=True)],
                base=[s.isoformat() for s in starts],
                orientation="h",
                name=label,
                marker={
                    "color": STATUS_COLOURS[status],
                    "pattern": {"shape": STATUS_PATTERNS[status]},
                },
                customdata=[_period_text(s, e, lang) for s, e in zip(starts, ends, strict=True)],
                hovertemplate="%{y}: " + label + ", %{customdata}<extra></extra>",
            )
        )
    return figure


def _period_text(start: dt.date, end: dt.date | None, lang: str) -> str:
    if end is None:
        return t("profile.period_open", lang, start=format_date(start, lang))
    last = end - dt.timedelta(days=1)  # valid_to is exclusive: the period ends the day before
    return t("profile.period", lang, start=format_date(start, lang), end=format_date(last, lang))


def timeline_records(table: pd.DataFrame, lang: str) -> list[dict]:
    """The timeline as table rows: licence, status, and the period in words."""
    return [
        {
            "licence_no": row["licence_no"],
            "status": t(f"status.{row['status']}", lang),
            "period": _period_text(_day(row["valid_from"]), _day(row["valid_to"]), lang),
        }
        for row in table.to_dict("records")
    ]


def sectors_figure(table: pd.DataFrame, labels: list[str], lang: str) -> go.Figure:
    """Horizontal bars of distinct workers placed per sector; a hidden count is labelled."""
    counts = [value(v) for v in table["workers_count"]]
    texts = [count_text(v, lang) for v in counts]
    return go.Figure(
        labelled_bars(labels, counts, texts, [BLUE] * len(labels)),
        layout=base_layout(
            lang,
            height=max(220, 60 * len(labels) + 100),
            xaxis={"title": t("profile.sectors.xaxis", lang), "rangemode": "tozero", "nticks": 5},
            yaxis={"autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 90, "t": 10, "b": 10},
            showlegend=False,
        ),
    )
