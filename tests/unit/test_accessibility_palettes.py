"""Colours of the pages under simulated colour-vision deficiencies (Machado, Oliveira & Fernandes
2009, full severity): categorical palettes stay apart, sequential scales keep their order in
lightness, and chart text and marks contrast with the white background (WCAG 1.4.3, 1.4.11)."""

from __future__ import annotations

import itertools
import math

import plotly.io as pio
import pytest

from observatory.web.components import figures, flowmap, flows_figures, recruiter_profile, tables
from observatory.web.components import sector_figures as sf

# Linear-RGB simulation matrices, severity 1.0 (Machado et al. 2009, table 1).
SIMULATIONS = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
    "typical": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}
# CIE76 distance in L*a*b*: about 2 is just noticeable; 10 and more reads as another colour.
MIN_DISTANCE = 15


def linear(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    matrix = SIMULATIONS[vision]
    return lab(tuple(sum(row[j] * rgb[j] for j in range(3)) for row in matrix))


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b_ = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Colours drawn side by side in one chart, each set as a page uses it.
PALETTES = {
    "template colourway": list(pio.templates[figures.TEMPLATE_NAME].layout.colorway),
    "sectors": list(sf.OKABE_ITO),
    "load rows": [colour for _, colour in tables.ROW_KINDS],
    "compliance": list(tables.COMPLIANCE_COLOURS.values()),
    "licence status": list(recruiter_profile.STATUS_COLOURS.values()),
    "trend, pyramid, exits and returns": [figures.BLUE, figures.ORANGE, figures.VERMILLION],
}
SEQUENTIAL = {
    "map origins": [c for _, c in flowmap.ORIGIN_COLORS],
    "map destinations": [c for _, c in flowmap.DESTINATION_COLORS],
    "seasonality": [c for _, c in flows_figures.HEAT_SCALE],
}


@pytest.mark.parametrize("vision", SIMULATIONS)
@pytest.mark.parametrize("name", PALETTES)
def test_categorical_colours_stay_apart(name, vision):
    colours = sorted({c.lower() for c in PALETTES[name]})
    for a, b in itertools.combinations(colours, 2):
        distance = math.dist(seen(a, vision), seen(b, vision))
        # two shades of one status may share a hue only when patterns tell them apart
        assert distance >= MIN_DISTANCE, f"{name}: {a} and {b} are {distance:.1f} apart ({vision})"


@pytest.mark.parametrize("vision", SIMULATIONS)
@pytest.mark.parametrize("name", SEQUENTIAL)
def test_sequential_scales_keep_their_order_in_lightness(name, vision):
    lightness = [seen(c, vision)[0] for c in SEQUENTIAL[name]]
    steps = [b - a for a, b in itertools.pairwise(lightness)]
    assert all(step < -10 for step in steps), f"{name} ({vision}): L* {lightness}"


@pytest.mark.parametrize("template", [figures.TEMPLATE_NAME, figures.CONTRAST_TEMPLATE_NAME])
def test_chart_text_contrasts_with_the_background(template):
    layout = figures.base_layout("es") if template == figures.TEMPLATE_NAME else None
    ink = layout.font.color if layout is not None else figures.CONTRAST_INK
    background = pio.templates[template].layout.paper_bgcolor
    assert background == "white"
    assert contrast(ink, "#ffffff") >= 7  # AAA for text; AA asks 4.5


def test_grey_marks_meet_the_non_text_contrast_minimum():
    assert contrast(figures.GREY, "#ffffff") >= 3
