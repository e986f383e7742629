"""The frame drawn around a chart image: title, filters, source and date in the figure, data
text escaped for Plotly's pseudo-HTML, the page's figure otherwise untouched."""

from __future__ import annotations

import re

import pytest

from observatory.exports.chart_image import (
    Header,
    RendererUnavailable,
    find_chromium,
    framed,
    wrap,
)

FIGURE = {
    "data": [{"type": "bar", "x": ["Café", "Banano"], "y": [12, 7]}],
    "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "showlegend": False},
}
HEADER = Header(
    "Registros por sector — mujeres, ene 2024 – jun 2024",
    (
        "Filtros: Sexo: mujeres",
        "Fuente: registros de las oficinas; datos v7; extraído el 2026-11-25 10:00 UTC.",
        "Se ocultan las celdas de menos de 5 trabajadores (1 en este gráfico).",
    ),
)


def drawn(text: str) -> str:
    """The header's words as drawn: markup removed, line breaks as spaces."""
    return " ".join(re.sub(r"<br>", " ", re.sub(r"</?(b|span)(\s[^>]*)?>", "", text)).split())


def test_wrap_breaks_between_words_within_the_width():
    assert wrap("uno dos tres cuatro", 8) == ["uno dos", "tres", "cuatro"]
    assert wrap("", 10) == [""]
    assert wrap("palabramuylarga corta", 5) == ["palabramuylarga", "corta"]


def test_the_header_is_drawn_into_the_figure_at_the_size_asked():
    figure = framed(FIGURE, HEADER, 1200, 700)
    layout = figure["layout"]
    assert (layout["width"], layout["height"]) == (1200, 700)
    text = layout["title"]["text"]
    assert drawn(text) == " ".join((HEADER.title, *HEADER.lines))
    assert text.startswith("<b>Registros por sector")
    # room for the header above the plot: more than the page's 10 px
    assert layout["margin"]["t"] > 100
    assert figure["data"] == FIGURE["data"]  # the numbers are the page's
    assert FIGURE["layout"]["margin"]["t"] == 10  # the page's figure is not changed


def test_text_from_the_data_is_escaped_for_plotly():
    hostile = Header('<a href="http://x">y</a> & <script>alert(1)</script>', ("=HYPERLINK(1)",))
    text = framed(FIGURE, hostile, 800, 600)["layout"]["title"]["text"]
    assert "<a href" not in text and "<script>" not in text
    assert drawn(text).startswith('&lt;a href="http://x"&gt;y&lt;/a&gt; &amp; &lt;script&gt;')
    assert "=HYPERLINK(1)" in text  # an image runs no formula: shown as written


def test_long_titles_wrap_on_narrow_images():
    title = " ".join(["Porcentaje de trabajadores con salario bajo el mínimo"] * 3)
    narrow = framed(FIGURE, Header(title, ()), 400, 600)["layout"]["title"]["text"]
    wide = framed(FIGURE, Header(title, ()), 2400, 600)["layout"]["title"]["text"]
    assert narrow.count("<br>") > wide.count("<br>")


def test_an_empty_figure_still_gets_its_frame():
    figure = framed({}, HEADER, 800, 600)
    assert figure["data"] == []
    assert drawn(figure["layout"]["title"]["text"]).startswith(HEADER.title)


def test_a_configured_browser_that_is_not_there_is_refused_clearly(tmp_path):
    with pytest.raises(RendererUnavailable, match="is not a file"):
        find_chromium(str(tmp_path / "no-such-chromium"))


def test_drawing_from_async_code_runs_in_a_thread_of_its_own():
    # asyncio.run refuses to start inside a running loop (Playwright's sync API, an async
    # server): the renderer must still draw there.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from observatory.exports.chart_image import ChartRenderer

    try:
        find_chromium()
    except RendererUnavailable as error:
        pytest.skip(str(error))
    figure = framed(FIGURE, HEADER, 800, 500)

    async def draw() -> list:
        return ChartRenderer().render([(figure, "svg")])

    # A thread of the test's own runs the loop: the test runner's main thread may already
    # have one running (Playwright's, after the browser tests).
    with ThreadPoolExecutor(1) as pool:
        (svg,) = pool.submit(asyncio.run, draw()).result()
    assert svg.startswith(b"<svg")


def test_the_smallest_image_with_a_long_header_still_draws():
    from observatory.exports.chart_image import SIZE_LIMITS, ChartRenderer

    try:
        find_chromium()
    except RendererUnavailable as error:
        pytest.skip(str(error))
    low = SIZE_LIMITS[0]
    header = Header(" ".join(["Trabajadores registrados por sector"] * 4), HEADER.lines * 2)
    figure = framed(FIGURE, header, low, low)
    assert figure["layout"]["margin"]["t"] <= 0.6 * low  # the plot keeps 40 % of the height
    (png,) = ChartRenderer().render([(figure, "png")])
    assert png is not None and png.startswith(b"\x89PNG")
