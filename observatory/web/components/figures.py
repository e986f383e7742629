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
GREY = "#8c8c8c"  # 3.4:1 on white: a grey bar is still a graphical object (WCAG 1.4.11)
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
# Okabe-Ito's light colours (sky, orange, yellow) are 1.3-2.2:1 on white: a thin ink outline
# gives every bar the 3:1 edge WCAG 1.4.11 asks of graphical objects, whatever its fill.
_BAR_EDGE = {"marker": {"line": {"color": "rgba(27, 27, 27, 0.6)", "width": 1}}}
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    data={"bar": [_BAR_EDGE]},
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
    },
)
pio.templates.default = TEMPLATE_NAME  # also for a figure built without base_layout

# High contrast, for a projector at the back of a room (meeting mode builds on it): black on
# white, darker grid, every chart text at least CONTRAST_MIN_FONT_PX (issue 6: >= 20 px at
# 1920x1080). `with_contrast(figure)` restyles any figure of the pages.
CONTRAST_TEMPLATE_NAME = "observatory_contrast"
CONTRAST_INK = "#000000"
CONTRAST_MIN_FONT_PX = 20
CONTRAST_FONT_PX = 24
_CONTRAST_AXIS = {
    **_AXIS,
    "gridcolor": "#b8c2cc",
    "zerolinecolor": "#4d4d4d",
    "linecolor": CONTRAST_INK,
    "tickfont": {"size": CONTRAST_FONT_PX, "color": CONTRAST_INK},
    "title": {"standoff": 18, "font": {"size": CONTRAST_FONT_PX, "color": CONTRAST_INK}},
}
pio.templates[CONTRAST_TEMPLATE_NAME] = go.layout.Template(
    data={"bar": [{"marker": {"line": {"color": CONTRAST_INK, "width": 1.5}}}]},
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT_FAMILY, "size": CONTRAST_FONT_PX, "color": CONTRAST_INK},
        "colorway": [BLUE, ORANGE, "#009E73", VERMILLION, SKY, "#CC79A7", "#F0E442", INK],
        "xaxis": _CONTRAST_AXIS,
        "yaxis": _CONTRAST_AXIS,
        "legend": {"font": {"size": CONTRAST_FONT_PX, "color": CONTRAST_INK}},
        "hoverlabel": {"font": {"size": CONTRAST_FONT_PX}, "align": "left"},
        "title": {"x": 0.02, "font": {"size": 30, "color": CONTRAST_INK}},
        "autotypenumbers": "strict",
        "hovermode": "closest",
    },
)

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


def _at_least(font: object, size: int) -> dict:
    font = dict(font or {})
    current = font.get("size")
    if isinstance(current, list | tuple):
        font["size"] = [max(size, v or 0) for v in current]
    elif current is None or current < size:
        font["size"] = size
    font["color"] = CONTRAST_INK if isinstance(font.get("color"), str | None) else font["color"]
    return font


def with_contrast(figure: go.Figure | dict, min_font_px: int = CONTRAST_MIN_FONT_PX) -> go.Figure:
    """A copy of `figure` in the high-contrast theme: black text of at least `min_font_px` on
    white (layout, axes, legend, colour bars, annotations, trace texts), darker grid, outlined
    bars. Colours that carry meaning (the traces' fills) are kept."""
    figure = go.Figure(figure)
    size = max(min_font_px, CONTRAST_FONT_PX)
    figure.update_layout(
        template=CONTRAST_TEMPLATE_NAME,
        font=_at_least(figure.layout.font.to_plotly_json(), size),
        legend={"font": _at_least(figure.layout.legend.font.to_plotly_json(), size)},
        hoverlabel={"font": {"size": size}},
    )
    figure.for_each_xaxis(
        lambda axis: axis.update(
            tickfont=_at_least(axis.tickfont.to_plotly_json(), size),
            title_font=_at_least(axis.title.font.to_plotly_json(), size),
            linecolor=CONTRAST_INK,
            gridcolor="#b8c2cc",
        )
    )
    figure.for_each_yaxis(
        lambda axis: axis.update(
            tickfont=_at_least(axis.tickfont.to_plotly_json(), size),
            title_font=_at_least(axis.title.font.to_plotly_json(), size),
            linecolor=CONTRAST_INK,
            gridcolor="#b8c2cc",
        )
    )
    figure.for_each_annotation(
        lambda note: note.update(font=_at_least(note.font.to_plotly_json(), min_font_px))
    )
    for trace in figure.data:
        spec = trace.to_plotly_json()
        if "textfont" in trace and ("text" in spec or "texttemplate" in spec or "node" in spec):
            # a label inside a dark cell keeps the colour chosen for that cell
            own = (spec.get("textfont") or {}).get("color")
            font = _at_least(spec.get("textfont"), min_font_px)
            if own is not None:
                font["color"] = own
            trace.update(textfont=font)
        if "colorbar" in spec:
            bar = spec["colorbar"]
            trace.update(
                colorbar={
                    "tickfont": _at_least(bar.get("tickfont"), min_font_px),
                    "title_font": _at_least((bar.get("title") or {}).get("font"), min_font_px),
                }
            )
    return figure
