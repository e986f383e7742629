"""The memoized facade the web, API and exports call, keyed by (indicator, Filter, data version)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Connection, Engine

from observatory.db import queries
from observatory.disclosure import DEFAULT_MIN_CELL
from observatory.filters import Filter
from observatory.indicators.registry import (
    Computation,
    IndicatorResult,
    IndicatorSpec,
    UnknownIndicator,
    lookup,
)
from observatory.indicators.registry import specs as registry_specs

if TYPE_CHECKING:
    from flask_caching import Cache

    from observatory.analytics import AnalyticsReplica
    from observatory.corridor import Corridor

__all__ = ["Observatory", "UnknownIndicator"]

log = logging.getLogger(__name__)

# A load that commits while an indicator is computed changes the data under it; the
# computation is retried this many times before its (uncached) result is returned.
_CONSISTENT_ATTEMPTS = 3


class Observatory:
    """Indicators for one corridor and database, memoized in a flask-caching cache.

    Cache keys are plain text: `"{indicator_id}|{filter}|{data_version}|{min_cell}|{day}"`;
    a new load advances the data version, so stale entries are never read again (they
    expire with the cache's default timeout). Values are plain dicts and lists, so any
    backend (Redis, files) can pickle them and a pandas upgrade cannot break them.

    With a `replica`, a computation runs on the DuckDB copy of the same data version when
    that copy is ready, and on the primary database otherwise: the same SQL, the same result
    (tests/integration/test_replica_parity.py), only faster.
    """

    def __init__(
        self,
        engine: Engine,
        corridor: Corridor,
        cache: Cache | None = None,
        min_cell: int = DEFAULT_MIN_CELL,
        replica: AnalyticsReplica | None = None,
    ) -> None:
        self.engine = engine
        self.corridor = corridor
        self.cache = cache
        self.min_cell = min_cell
        self.replica = replica

    def data_version(self) -> int:
        """The data version (0 before any load); every successful load advances it.

        Not cached: it is a one-row read, far cheaper than the risk of serving an indicator
        older than the last load.
        """
        with self.engine.connect() as conn:
            return queries.data_version(conn)

    def cache_key(
        self, indicator_id: str, flt: Filter, data_version: int, day: dt.date | None = None
    ) -> str:
        """The cache key of one indicator result (plain values only).

        The day is part of it: a few indicators count days ("days since the last load").
        """
        day = day or dt.date.today()
        return f"{indicator_id}|{flt.cache_key()}|{data_version}|{self.min_cell}|{day.isoformat()}"

    def indicator(self, indicator_id: str, flt: Filter) -> IndicatorResult:
        """The protected result of an indicator under a filter, from the cache when possible.

        Raises UnknownIndicator (a KeyError) for an id the registry does not know.
        """
        spec, computation = lookup(indicator_id)
        with self.engine.connect() as conn:
            for _attempt in range(_CONSISTENT_ATTEMPTS):
                version = queries.data_version(conn)
                key = self.cache_key(indicator_id, flt, version)
                cached = self.cache.get(key) if self.cache is not None else None
                if cached is not None:
                    return _from_payload(spec, cached, version, flt)
                table, hidden = self._compute(computation, conn, flt, version)
                if self._unchanged(conn, version):
                    if self.cache is not None:
                        self.cache.set(key, _to_payload(table, hidden))
                    return IndicatorResult(spec, table, hidden, version, flt)
            log.warning("data kept changing while %s was computed; result not cached", key)
            return IndicatorResult(spec, table, hidden, queries.data_version(conn), flt)

    def _compute(
        self, computation: Computation, conn: Connection, flt: Filter, version: int
    ) -> tuple[pd.DataFrame, int]:
        replica = self.replica.engine(version) if self.replica is not None else None
        if replica is None:
            return computation(conn, flt, self.corridor, self.min_cell)
        with replica.connect() as replica_conn:
            return computation(replica_conn, flt, self.corridor, self.min_cell)

    def specs(self) -> tuple[IndicatorSpec, ...]:
        """Every indicator's spec, in registry order."""
        return registry_specs()

    def period_bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """First and last registration date in the database ((None, None) when empty)."""
        with self.engine.connect() as conn:
            return queries.period_bounds(conn)

    def last_load(self) -> dt.datetime | None:
        """When the newest 'loaded' batch finished (None when nothing is loaded)."""
        with self.engine.connect() as conn:
            return queries.last_load(conn)

    @staticmethod
    def _unchanged(conn: Connection, version: int) -> bool:
        # Reading the version again closes the race with a load committing mid-computation
        # (PostgreSQL's READ COMMITTED gives each statement a fresh snapshot); a SQLite
        # read transaction already sees one snapshot, and then this is a cheap no-op.
        if conn.in_transaction():
            conn.commit()  # end the read snapshot so the check sees the latest commit
        return queries.data_version(conn) == version


def _to_payload(table: pd.DataFrame, suppressed_cells: int) -> dict[str, Any]:
    # Plain Python values: None for <NA>, dtype names to rebuild the nullable columns.
    return {
        "columns": list(table.columns),
        "dtypes": [str(t) for t in table.dtypes],
        "data": [table[c].astype(object).where(table[c].notna(), None).tolist() for c in table],
        "suppressed_cells": suppressed_cells,
    }


def _from_payload(
    spec: IndicatorSpec, payload: dict[str, Any], version: int, flt: Filter
) -> IndicatorResult:
    table = pd.DataFrame(
        {
            column: pd.array(values, dtype=dtype)
            for column, dtype, values in zip(
                payload["columns"], payload["dtypes"], payload["data"], strict=True
            )
        }
    )
    return IndicatorResult(spec, table, payload["suppressed_cells"], version, flt)
