"""Shared figure style: colour-blind-safe palette, large type, per-language separators."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from observatory.i18n import plotly_separators

# Okabe–Ito colours (safe for the common colour-vision deficiencies).
BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
INK = "#1b1b1b"
GREY = "#9e9e9e"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Sequential scales for the map: blues for origin units, oranges for destination units.
ORIGIN_SCALE = "Blues"
DESTINATION_SCALE = "Oranges"

# The figures' template: white, light grid lines, Okabe-Ito colours. Deliberately small:
# plotly's own templates describe every trace type, and validating one of them costs
# 45-70 ms per figure (measured), more than the whole query behind the figure.
TEMPLATE_NAME = "observatory"
_GRID = "#e3e8ee"
_AXIS = {
    "gridcolor": _GRID,
    "zerolinecolor": _GRID,
    "zerolinewidth": 2,
    "linecolor": _GRID,
    "ticks": "",
    "automargin": True,  # long tick labels push the margin instead of being cut
    "title": {"standoff": 15},
}
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": [BLUE, ORANGE, "#009E73", VERMILLION, SKY, "#CC79A7", "#F0E442", INK],
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "autotypenumbers": "strict",
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "title": {"x": 0.05},
    }
)
pio.templates.default = TEMPLATE_NAME  # also for a figure built without base_layout

GRAPH_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}


def base_layout(lang: str, **overrides: object) -> go.Layout:
    """A layout readable when projected: 16 px type and the language's number separators."""
    layout = go.Layout(
        template=TEMPLATE_NAME,
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 16, "color": INK},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hoverlabel={"font": {"size": 16}},
    )
    layout.update(**overrides)
    return layout


def labelled_bars(
    labels: list[str], values: list[float | None], texts: list[str], colours: list[str]
) -> go.Bar:
    """Horizontal bars with their value written beside each (a hidden value draws no bar)."""
    return go.Bar(
        y=labels,
        x=[0 if v is None else v for v in values],
        orientation="h",
        text=texts,
        textposition="outside",
        cliponaxis=False,
        marker_color=colours,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
