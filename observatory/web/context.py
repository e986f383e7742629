"""What callbacks reach through `flask.current_app`: settings, corridor, cache and the service."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import flask

if TYPE_CHECKING:
    from flask_caching import Cache
    from sqlalchemy import Engine

    from observatory.config import Settings
    from observatory.corridor import Corridor
    from observatory.filters import Filter
    from observatory.indicators.registry import IndicatorResult
    from observatory.services import Observatory

log = logging.getLogger(__name__)

EXTENSION = "observatory_web"  # server.extensions key of the WebContext


@dataclass(frozen=True)
class WebContext:
    """One app's collaborators, built once by create_app and never changed afterwards."""

    settings: Settings
    engine: Engine
    corridor: Corridor
    cache: Cache
    observatory: Observatory
    boundaries_url: str  # where the browser fetches the (simplified) boundaries GeoJSON
    pathname_prefix: str  # Dash's requests_pathname_prefix ("/" unless mounted elsewhere)


@dataclass(frozen=True)
class Failure:
    """An indicator that could not be computed; the traceback is in the log, not the page."""

    indicator_id: str
    title: str  # the indicator's title in the user's language (its id when unknown)


# How many indicators failed in the running callback (see `failures`).
_failures: contextvars.ContextVar[int] = contextvars.ContextVar("failures", default=0)


@contextmanager
def failures() -> Iterator[Callable[[], int]]:
    """Count the indicator failures inside the block (read the count inside it too)."""
    token = _failures.set(0)
    try:
        yield _failures.get
    finally:
        _failures.reset(token)


def current() -> WebContext:
    """The WebContext of the app serving this request."""
    return flask.current_app.extensions[EXTENSION]


def indicator_title(indicator_id: str, lang: str) -> str:
    """The indicator's title in `lang`, or its id when the registry does not know it."""
    for spec in current().observatory.specs():
        if spec.id == indicator_id:
            return spec.title(lang)
    return indicator_id


def compute(indicator_id: str, flt: Filter, lang: str) -> IndicatorResult | Failure:
    """One service call; any failure is logged with its traceback and becomes a Failure."""
    try:
        return current().observatory.indicator(indicator_id, flt)
    except Exception:
        # The boundary between the service and the page: whatever went wrong (database
        # down, a bug in a computation), the user gets a message and the log the traceback.
        log.exception("indicator %r failed for filter %r", indicator_id, flt.cache_key())
        _failures.set(_failures.get() + 1)
        return Failure(indicator_id, _safe_title(indicator_id, lang))


def _safe_title(indicator_id: str, lang: str) -> str:
    try:
        return indicator_title(indicator_id, lang)
    except Exception:
        log.exception("could not read the title of indicator %r", indicator_id)
        return indicator_id
