"""What a page offers to take away: its charts (as images) and its tables (as CSV and XLSX).

Each page module declares `CHARTS` and `TABLES`. A chart is drawn by the page's own
callback (the same function, the same cache), so an image or a brief pack shows exactly what
the page shows for the same view; a table is an indicator exported by
`observatory.exports.build`, the same numbers the API serves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from observatory.filters import Filter
from observatory.web.memo import view_callback
from observatory.web.pages import PAGES, PageSpec


@dataclass(frozen=True)
class Chart:
    """One chart: a name for its files, the indicator it draws, and the page callback that
    builds it (view store -> outputs), with the positions of its title and figure."""

    key: str
    indicator: str
    outputs: Callable[[Any], Any]
    title_at: int = 0
    figure_at: int = 1
    when: Callable[[Filter], bool] | None = None  # shown only for such filters

    def applies(self, flt: Filter) -> bool:
        """Whether the page shows this chart under `flt`."""
        return self.when is None or self.when(flt)

    def parts(self, view_store: dict) -> tuple[Any, dict]:
        """(title, figure) for a view, as the plain JSON the page receives (memoised)."""
        outputs = view_callback(self.outputs)(view_store)
        return outputs[self.title_at], outputs[self.figure_at] or {}


@dataclass(frozen=True)
class Table:
    """One table: the indicator behind it, and whether the page applies the view's filter
    (the register and the load statistics are shown for the whole corridor)."""

    indicator: str
    filtered: bool = True
    when: Callable[[Filter], bool] | None = None  # shown only for such filters

    def applies(self, flt: Filter) -> bool:
        """Whether the page shows this table under `flt`."""
        return self.when is None or self.when(flt)

    def filter(self, view_filter: Filter) -> Filter:
        """The filter the page uses for this table."""
        return view_filter if self.filtered else Filter()


def charts(page: PageSpec, flt: Filter | None = None) -> tuple[Chart, ...]:
    """The page's charts, in page order (those it shows under `flt`, when given)."""
    declared = tuple(getattr(page.load(), "CHARTS", ()))
    return tuple(c for c in declared if flt is None or c.applies(flt))


def tables(page: PageSpec, flt: Filter | None = None) -> tuple[Table, ...]:
    """The page's tables, in page order: the chart's indicators first, then the others
    (those it shows under `flt`, when given)."""
    declared = tuple(getattr(page.load(), "TABLES", ()))
    seen = {table.indicator for table in declared}
    drawn = tuple(Table(c.indicator, when=c.when) for c in charts(page) if c.indicator not in seen)
    return tuple(t for t in _unique(drawn + declared) if flt is None or t.applies(flt))


def _unique(items: Sequence[Table]) -> tuple[Table, ...]:
    out: dict[str, Table] = {}
    for item in items:
        out.setdefault(item.indicator, item)
    return tuple(out.values())


def page_by_slug(slug: str) -> PageSpec | None:
    """The page whose slug (`PageSpec.slug`) is `slug`."""
    return next((page for page in PAGES if page.slug == slug), None)


def chart(page: PageSpec, key: str, flt: Filter) -> Chart | None:
    """The chart `key` of `page` under `flt`, None when the page does not show it."""
    return next((c for c in charts(page, flt) if c.key == key), None)


def table(page: PageSpec, indicator: str, flt: Filter) -> Table | None:
    """The table of `indicator` on `page` under `flt`, None when the page does not show it."""
    return next((t for t in tables(page, flt) if t.indicator == indicator), None)


def plain_text(node: Any) -> str:
    """The text of a callback output: a string, or a component tree as plain JSON."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(part for part in (plain_text(n) for n in node) if part)
    if isinstance(node, dict):
        return plain_text(node.get("props", {}).get("children"))
    return ""
