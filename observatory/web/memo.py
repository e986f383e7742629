"""Page callbacks memoized whole: the same view of the same data is built once.

The indicators are cached by the service; building the Plotly figures and components from
them still costs 5-30 ms per callback. `view_callback` keeps a callback's finished outputs in
the app's flask-caching cache under (callback, view, data version, threshold, day): the day
because some texts count days ("3 days since the last load"). Outputs that carry an error
card are not kept, so a passing failure is not served again.

Outputs are kept, and returned, as the plain JSON structure Dash sends to the browser
(figures as dicts, components as {"type", "namespace", "props"}): unpickling a go.Figure
validates it again, which cost as much as building it (measured: 140 ms for the map).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from plotly.io.json import to_json_plotly

from observatory.web import context

log = logging.getLogger(__name__)


def plain(outputs: Any) -> Any:
    """Callback outputs as the JSON structure Dash would send (plain dicts, lists, numbers)."""
    return json.loads(to_json_plotly(outputs))


def view_key(name: str, view_data: object, data_version: int, min_cell: int) -> str:
    """The cache key of one callback's outputs for one view (plain text)."""
    view = json.dumps(view_data, sort_keys=True, separators=(",", ":"))
    return f"view|{name}|{view}|{data_version}|{min_cell}|{dt.date.today().isoformat()}"


def view_callback(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap a callback whose only input is the view store, so its outputs are cached."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(view_data: object) -> Any:
        web = context.current()
        if view_data is None:
            return function(view_data)  # raises PreventUpdate: nothing to keep
        try:
            key = view_key(name, view_data, web.observatory.data_version(), web.settings.min_cell)
        except Exception:
            log.exception("no data version: %s runs without its cache", name)
            return function(view_data)
        kept = web.cache.get(key)
        if kept is not None:
            return kept
        with context.failures() as failed:
            outputs = plain(function(view_data))
            complete = failed() == 0
        if complete:
            web.cache.set(key, outputs)
        return outputs

    return cached
