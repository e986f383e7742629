"""Figure builders of the sectors page: stacked sector shares, the HHI heat map, top-employer
and women/minors bars (no data access).

Colours: 11 sectors are more than any colour-blind-safe palette separates, so each sector keeps
one Okabe–Ito hue (7 of them) in the corridor's order, the 8th sector on reuses the hues with a
hatch pattern, and "other" is grey; the legend, the values written on the bars and the table
carry the names, so nothing depends on colour alone.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from observatory.i18n import format_count, format_number, format_percent, t
from observatory.web.components.common import sector_name, unit_name
from observatory.web.components.figures import BLUE, GREY, VERMILLION, base_layout, labelled_bars
from observatory.web.components.tables import value

if TYPE_CHECKING:
    from observatory.corridor import Corridor

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
PATTERNS = ("", "/", "x", ".")
# HHI bands (US DOJ/FTC Horizontal Merger Guidelines, 2010): light, amber, vermillion.
HHI_THRESHOLDS = (1500, 2500)
HHI_SCALE = [
    [0.0, "#dbe9f6"],
    [0.15, "#dbe9f6"],
    [0.15, "#E69F00"],
    [0.25, "#E69F00"],
    [0.25, "#D55E00"],
    [1.0, "#D55E00"],
]
SHOWN_ON_BAR_PCT = 7  # a share is written inside its segment from this size up
LEGEND_TOP = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "traceorder": "normal"}


def sector_style(corridor: Corridor, code: str) -> tuple[str, str]:
    """(colour, hatch pattern) of a sector: stable across charts, pages and filters."""
    codes = [sector.code for sector in corridor.sectors]
    if code == "other" or code not in codes:
        return GREY, ""
    index = codes.index(code)
    return OKABE_ITO[index % len(OKABE_ITO)], PATTERNS[(index // len(OKABE_ITO)) % len(PATTERNS)]


def ordered_sectors(corridor: Corridor, codes: object) -> list[str]:
    """The sector codes present, in the corridor's order (unknown codes last)."""
    order = [sector.code for sector in corridor.sectors]
    present = set(codes)
    return [c for c in order if c in present] + sorted(present - set(order))


def _wrap(label: str, width: int = 16) -> str:
    return "<br>".join(textwrap.wrap(label, width)) or label


def _mark(label: str, suppressed: bool) -> str:
    return f"{label}*" if suppressed else label


def stacked_shares(
    table: pd.DataFrame, corridor: Corridor, lang: str, key: str, horizontal: bool
) -> go.Figure:
    """Each sector's share of the workers per `key` (state or year), stacked to ~100 %.

    A hidden share draws nothing; its state or year is marked "*" (explained in the note).
    """
    groups = list(dict.fromkeys(table[key]))
    hidden_in = set(table.loc[table["suppressed"], key])
    names = {
        g: _mark(unit_name(corridor, g) if key == "destination_admin1" else g, g in hidden_in)
        for g in groups
    }
    traces = []
    for code in ordered_sectors(corridor, table["sector"]):
        rows = table[table["sector"] == code].set_index(key)["share_pct"]
        shares = [value(rows.get(g)) for g in groups]
        colour, pattern = sector_style(corridor, code)
        label = sector_name(corridor, code, lang)
        axis = [names[g] for g in groups]
        texts = [
            format_percent(s, lang, 0) if s is not None and s >= SHOWN_ON_BAR_PCT else ""
            for s in shares
        ]
        traces.append(
            go.Bar(
                **(
                    {"y": axis, "x": shares, "orientation": "h"}
                    if horizontal
                    else {"x": axis, "y": shares}
                ),
                name=label,
                text=texts,
                textposition="inside",
                insidetextanchor="middle",
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern},
                    "line": {"color": "#fff", "width": 1},
                },
                hovertemplate=label
                + " · %{"
                + ("y" if horizontal else "x")
                + "}: %{"
                + ("x" if horizontal else "y")
                + ":.1f} %<extra></extra>",
            )
        )
    share_axis = {
        "title": _wrap(t("sectors.share_axis", lang), 28),
        "range": [0, 100],
        "dtick": 25,
        "ticksuffix": " %",
        "automargin": True,
    }
    group_axis = {"automargin": True, "type": "category"}
    if horizontal:
        group_axis["autorange"] = "reversed"
    return go.Figure(
        traces,
        layout=base_layout(
            lang,
            barmode="stack",
            height=(170 + 70 * len(groups)) if horizontal else 460,
            legend=LEGEND_TOP,
            xaxis=share_axis if horizontal else group_axis,
            yaxis=group_axis if horizontal else share_axis,
            uniformtext={"minsize": 13, "mode": "hide"},
            margin={"l": 10, "r": 30, "t": 10, "b": 10},  # room for the last tick, "100 %"
        ),
    )


def hhi_text(hhi: object, hidden_sectors: object, lang: str) -> str:
    """ "5.041" (exact), "≥ 5.000" (a lower bound: some sector cells hidden) or "suprimido*"."""
    v = value(hhi)
    if v is None:
        return t("compliance.suppressed_bar", lang)
    bound = "≥\u00a0" if (value(hidden_sectors) or 0) > 0 else ""
    return bound + format_number(float(v), lang)


def hhi_figure(table: pd.DataFrame, corridor: Corridor, lang: str) -> go.Figure:
    """A heat map of the HHI, states by years, in three bands (the merger-guideline thresholds)."""
    states = list(dict.fromkeys(table["destination_admin1"]))
    years = sorted(set(table["year"]))
    cells = {(r.destination_admin1, r.year): r for r in table.itertuples(index=False)}
    z, text = [], []
    for state in states:
        found = [cells.get((state, year)) for year in years]
        z.append([None if r is None else value(r.hhi) for r in found])
        text.append(
            ["" if r is None else hhi_text(r.hhi, r.hidden_sectors_count, lang) for r in found]
        )
    ticks = [0, *HHI_THRESHOLDS, 10000]
    return go.Figure(
        go.Heatmap(
            x=years,
            y=[unit_name(corridor, s) for s in states],
            z=z,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 16},
            zmin=0,
            zmax=10000,
            colorscale=HHI_SCALE,
            xgap=3,
            ygap=3,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            # Above the map, so that a phone keeps the width for the cells.
            colorbar={
                "orientation": "h",
                "y": 1.02,
                "yanchor": "bottom",
                "thickness": 14,
                "title": {"text": "HHI", "side": "top"},
                "tickvals": ticks,
                "ticktext": [format_count(v, lang) for v in ticks],
            },
        ),
        layout=base_layout(
            lang,
            height=200 + 70 * len(states),
            xaxis={
                "type": "category",
                "title": t("sectors.hhi.year_axis", lang),
                "automargin": True,
            },
            yaxis={"automargin": True, "autorange": "reversed"},
        ),
    )


def row_label(breakdown: str, key: str, corridor: Corridor, lang: str) -> str:
    """ "Todos los sectores" for the overall row, else the sector's name."""
    return (
        t("sectors.all_sectors", lang) if breakdown == "all" else sector_name(corridor, key, lang)
    )


def employers_figure(table: pd.DataFrame, corridor: Corridor, lang: str) -> go.Figure:
    """Bars of the share of the 5 largest employers per sector (overall first); the number of
    employers is written under each label."""
    labels = []
    for r in table.itertuples(index=False):
        label = _wrap(row_label(r.breakdown, r.key, corridor, lang))
        if value(r.employers_count) is not None:
            n = int(r.employers_count)
            count = t(
                "sectors.employers_one" if n == 1 else "sectors.employers_n",
                lang,
                n=format_count(n, lang),
            )
            label += f"<br><span style='font-size:14px'>{count}</span>"
        labels.append(label)
    shares = [value(v) for v in table["top_share_pct"]]
    # No share: hidden ("suprimido*"), or undefined when no registration names an employer.
    texts = [
        format_percent(s, lang)
        if s is not None
        else ("–" if value(n) == 0 else t("compliance.suppressed_bar", lang))
        for s, n in zip(shares, table["workers_count"], strict=True)
    ]
    colours = [BLUE if b == "all" else "#56B4E9" for b in table["breakdown"]]
    bars = [labelled_bars(labels, shares, texts, colours)]
    return _bars(bars, len(labels), lang, "sectors.top.axis", 48)


def women_minors_figure(table: pd.DataFrame, corridor: Corridor, lang: str) -> go.Figure:
    """Grouped bars: share of women and share of minors among each sector's workers."""
    codes = ordered_sectors(corridor, table["sector"])
    rows = table.set_index("sector").loc[codes]
    labels = [_wrap(sector_name(corridor, c, lang)) for c in codes]
    traces = []
    for group, colour in (("women", BLUE), ("minors", VERMILLION)):
        shares = [value(v) for v in rows[f"share_{group}_pct"]]
        texts = [
            t("compliance.suppressed_bar", lang) if s is None else format_percent(s, lang)
            for s in shares
        ]
        bar = labelled_bars(labels, shares, texts, [colour] * len(shares))
        bar.update(name=t(f"sectors.women.{group}", lang), showlegend=True)
        traces.append(bar)
    return _bars(traces, 2 * len(labels), lang, "sectors.women.axis", 30)


def _bars(traces: list[go.Bar], bars: int, lang: str, axis_key: str, per_bar: int) -> go.Figure:
    return go.Figure(
        traces,
        layout=base_layout(
            lang,
            barmode="group",
            height=max(280, per_bar * bars + 160),
            legend=LEGEND_TOP,
            xaxis={
                "title": _wrap(t(axis_key, lang), 28),
                "range": [0, 100],
                "dtick": 25,
                "ticksuffix": " %",
                "automargin": True,
            },
            yaxis={"autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 100, "t": 10, "b": 10},
            showlegend=len(traces) > 1,
        ),
    )
