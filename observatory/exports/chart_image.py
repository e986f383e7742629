"""A chart as a PNG or SVG file, with its title, filters, source line and date drawn in.

The figure is the page's own (the same JSON the browser draws); `framed` adds a header block
above the plot: the title in bold, then one line each for the filters, the source with the
data version and the extraction date, and the suppression rule. An image copied into a
brief therefore says what it shows without the page around it.

`ChartRenderer` draws figures with kaleido in the server's chromium (Debian's package, or
the path in OBSERVATORY_CHROMIUM), with the plotly.js of the installed plotly package and
MathJax off: nothing is fetched and no browser is downloaded. One browser is started per
batch (a single image or a whole brief pack), at most `parallel` at a time.
"""

from __future__ import annotations

import asyncio
import copy
import html
import logging
import shutil
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import plotly

from observatory.text import wrap_words

log = logging.getLogger(__name__)
IMAGE_FORMATS = ("png", "svg")
DEFAULT_SIZE = (1600, 900)
SIZE_LIMITS = (480, 4000)  # pixels, for width and height alike (below, no room for a plot)
TITLE_PX = 24
CAPTION_PX = 15
LINE_GAP = 1.35  # line height as a multiple of the font size
LEGEND_ROOM_PX = 44  # legends drawn above the plot sit between the header and the plot


class RendererUnavailable(RuntimeError):
    """No browser to draw with (the message says which path was looked for)."""


class RendererBusy(RuntimeError):
    """Every drawing slot stayed taken for longer than the wait allows."""


@dataclass(frozen=True)
class Header:
    """What is drawn above the plot: the title and the caption lines under it."""

    title: str
    lines: tuple[str, ...]


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words; [""] if empty."""
    return wrap_words(text, width) or [""]


def _chars(width_px: int, font_px: int, em: float = 0.56) -> int:
    # Average glyph of DejaVu Sans (Debian chromium's fallback face): ~0.56 em, bold ~0.64.
    return max(20, int((width_px - 48) / (font_px * em)))


def framed(figure: dict, header: Header, width: int, height: int) -> dict:
    """A copy of `figure` at `width` x `height` with `header` drawn above the plot.

    Text from the data is escaped for Plotly's pseudo-HTML, so a name like `<b>` or
    `<a href=...>` is drawn as the characters it is.
    """
    framed_figure = copy.deepcopy(figure) if figure else {"data": [], "layout": {}}
    layout = framed_figure.setdefault("layout", {})
    title_lines = wrap(header.title, _chars(width, TITLE_PX, em=0.64))
    caption_lines = [
        part for line in header.lines for part in wrap(line, _chars(width, CAPTION_PX))
    ]
    text = "<br>".join(f"<b>{html.escape(line, quote=False)}</b>" for line in title_lines)
    if caption_lines:
        caption = "<br>".join(html.escape(line, quote=False) for line in caption_lines)
        text += f"<br><span style='font-size:{CAPTION_PX}px'>{caption}</span>"
    # Plotly spaces every line of a title by the title's font size, small ones too.
    header_px = int(16 + LINE_GAP * TITLE_PX * (len(title_lines) + len(caption_lines)))
    margin = dict(layout.get("margin") or {})
    # The plot keeps at least 40 % of the height, whatever the header's length.
    margin["t"] = min(int(margin.get("t", 10)) + header_px + LEGEND_ROOM_PX, int(0.6 * height))
    for side in ("l", "r", "b"):
        margin[side] = max(int(margin.get(side, 10)), 24)
    layout.update(
        width=width,
        height=height,
        margin=margin,
        paper_bgcolor="#ffffff",
        title={
            "text": text,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "pad": {"l": 20},
            # Plotly anchors a multi-line title at its first line's middle: one line lower
            "y": 1 - (TITLE_PX + 12) / height,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": TITLE_PX, "color": "#1a1a1a"},
            "automargin": False,  # the margin above is worked out here (header_px)
        },
    )
    return framed_figure


def find_chromium(configured: str = "") -> str:
    """The browser to draw with: `configured` if set, else `chromium` on PATH."""
    if configured:
        if not Path(configured).is_file():
            raise RendererUnavailable(f"OBSERVATORY_CHROMIUM={configured} is not a file")
        return configured
    found = shutil.which("chromium")
    if found is None:
        raise RendererUnavailable("no `chromium` on PATH (Debian: apt-get install chromium)")
    return found


class ChartRenderer:
    """Draws framed figures as PNG or SVG bytes, one browser per batch."""

    def __init__(self, chromium: str = "", *, parallel: int = 2, wait_seconds: float = 60):
        self._configured = chromium
        self._slots = threading.BoundedSemaphore(parallel)
        self._wait = wait_seconds

    def render(self, jobs: Sequence[tuple[dict, str]]) -> list[bytes | None]:
        """The bytes of each (framed figure, format) job, in order; None for a figure that
        plotly.js refused to draw (logged), so one bad chart does not sink a brief pack.

        Raises RendererUnavailable without a browser and RendererBusy when no slot frees
        within the wait.
        """
        browser = find_chromium(self._configured)
        if not self._slots.acquire(timeout=self._wait):
            raise RendererBusy("every drawing slot is taken")
        try:
            if _loop_running():  # e.g. called from async code: draw in a thread of its own
                with ThreadPoolExecutor(1) as pool:
                    return pool.submit(asyncio.run, _render(browser, jobs)).result()
            return asyncio.run(_render(browser, jobs))
        finally:
            self._slots.release()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _render(browser: str, jobs: Sequence[tuple[dict, str]]) -> list[bytes | None]:
    import kaleido  # imported on first use: the dashboard starts without it
    from kaleido.errors import KaleidoError

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    out: list[bytes | None] = []
    async with kaleido.Kaleido(
        n=1, timeout=60, plotlyjs=str(plotly_js), mathjax=False, path=browser
    ) as renderer:
        for figure, fmt in jobs:
            layout = figure.get("layout", {})
            options = {
                "format": fmt,
                "width": layout.get("width", DEFAULT_SIZE[0]),
                "height": layout.get("height", DEFAULT_SIZE[1]),
                "scale": 1,
            }
            try:
                out.append(await renderer.calc_fig(figure, opts=options))
            except KaleidoError:
                log.exception("plotly.js could not draw a %s figure", fmt)
                out.append(None)
    return out
