"""The view state (Filter + language) to and from the URL query string and the filter controls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from observatory.filters import Filter, FilterError
from observatory.i18n import DEFAULT_LANGUAGE, LANGUAGES
from observatory.web import ids

if TYPE_CHECKING:
    from observatory.corridor import Corridor

_DATE_PARAMS = ("from", "to")


@dataclass(frozen=True)
class Problem:
    """A URL parameter that was ignored, and the value it had."""

    param: str
    value: str


@dataclass(frozen=True)
class View:
    """Everything a page shows depends on: the filter and the language."""

    filter: Filter
    lang: str = DEFAULT_LANGUAGE
    problems: tuple[Problem, ...] = ()

    def query(self) -> dict[str, str]:
        """URL parameters: the filter's, then `lang` (always written, so links are explicit)."""
        return {**self.filter.to_query(), "lang": self.lang}

    def search(self) -> str:
        """The query string, "?sex=F&lang=es"; commas stay readable, "+" is escaped."""
        return "?" + urlencode(self.query(), safe=",")

    def store(self) -> dict[str, object]:
        """The small dict kept in the shell's dcc.Store (no data, only the selection)."""
        return {"filter": self.filter.to_query(), "lang": self.lang}

    def control_values(self) -> list[object]:
        """The value of each filter control, in `ids.FILTER_CONTROLS` order."""
        query = self.filter.to_query()
        values: list[object] = []
        for _, param in ids.FILTER_CONTROLS:
            if param in _DATE_PARAMS:
                values.append(query.get(param))
            else:
                values.append(query[param].split(",") if param in query else [])
        return values


def _tolerant_filter(
    params: dict[str, str | Sequence[str]], corridor: Corridor
) -> tuple[Filter, list[Problem]]:
    # Drop each parameter that Filter refuses, one at a time, so one bad value in a shared
    # link costs that value only and the rest of the view still opens.
    problems: list[Problem] = []
    for _ in range(len(params) + 1):
        try:
            return Filter.from_query(params, corridor), problems
        except FilterError as error:
            param = error.param if error.param in params else None
            if param is None:  # not attributable to one parameter: give up on all of them
                problems.append(Problem(error.param, str(error.value)))
                return Filter(), problems
            raw = params.pop(param)
            problems.append(Problem(param, raw if isinstance(raw, str) else ",".join(raw)))
    return Filter(), problems


def parse_search(search: str | None, corridor: Corridor) -> View:
    """The view a query string describes; invalid parameters are dropped and reported."""
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    params: dict[str, str | Sequence[str]] = {k: v[0] if len(v) == 1 else v for k, v in raw.items()}
    return view_from_params(params, corridor)


def view_from_params(params: Mapping[str, object], corridor: Corridor) -> View:
    """The view of already-split parameters (a URL's, a dcc.Store's, or the controls')."""
    filter_params: dict[str, str | Sequence[str]] = {
        k: v for k, v in params.items() if k != "lang" and v not in (None, "", [])
    }
    flt, problems = _tolerant_filter(filter_params, corridor)
    lang = params.get("lang") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        problems.append(Problem("lang", str(lang)))
        lang = DEFAULT_LANGUAGE
    return View(flt, str(lang), tuple(problems))


def view_from_store(data: Mapping[str, object] | None, corridor: Corridor) -> View:
    """The view kept in the shell's store (a client can forge it, so it is checked again)."""
    data = data or {}
    filter_params = data.get("filter") or {}
    if not isinstance(filter_params, Mapping):
        filter_params = {}
    return view_from_params({**filter_params, "lang": data.get("lang")}, corridor)


def view_from_controls(values: Sequence[object], lang: str | None, corridor: Corridor) -> View:
    """The view the filter controls show (values in `ids.FILTER_CONTROLS` order)."""
    params = {param: value for (_, param), value in zip(ids.FILTER_CONTROLS, values, strict=True)}
    return view_from_params({**params, "lang": lang}, corridor)
