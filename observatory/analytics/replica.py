"""The analytics replica: a columnar DuckDB copy of the database at one data version.

Indicators aggregate up to a million registrations under any filter; SQLite needs 0.3-2 s
for that, DuckDB 10-60 ms. The primary database (SQLite or PostgreSQL) stays the only
system of record; after each load, the first request that sees the new data version starts
a copy of it into `<folder>/replica-<database>-v<version>.duckdb` (from a background thread,
one process of the instance folder at a time; the copy itself runs in a child process, see
observatory.analytics.copy), and until the file is complete the indicators are computed on
the primary, with the same SQL and the same results.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine

from observatory.analytics.copy import OUTDATED_EXIT, ReplicaOutdated
from observatory.db import queries

log = logging.getLogger(__name__)

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
COPY_TIMEOUT_S = 3600
RETRY_AFTER_S = 300  # after a failed copy, requests use SQL this long before the next try
# The folder holding the `observatory` package: the child runs `-m` from there, whatever
# the server's working folder.
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def supported(engine: Engine) -> bool:
    """True when the primary database can be copied (SQLite or PostgreSQL)."""
    return engine.url.get_backend_name() in SUPPORTED_BACKENDS


def copy_database(primary: Engine, target: Path) -> int:
    """Copy the primary database into a new DuckDB file `target`, in a child process.

    Returns the data version copied; raises ReplicaOutdated when a load committed during the
    copy, RuntimeError when the child failed (its stderr in the message).
    """
    child = subprocess.run(  # noqa: S603 - our own module, with our own interpreter
        [sys.executable, "-m", "observatory.analytics.copy", str(target)],
        input=primary.url.render_as_string(hide_password=False) + "\n",
        cwd=_PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=COPY_TIMEOUT_S,
        check=False,
    )
    if child.returncode == OUTDATED_EXIT:
        raise ReplicaOutdated(json.loads(child.stdout)["outdated"])
    if child.returncode != 0:
        raise RuntimeError(f"the copy failed ({child.returncode}): {child.stderr[-2000:]}")
    return int(json.loads(child.stdout)["version"])


class AnalyticsReplica:
    """The replica of one primary database, kept at its newest data version.

    `engine(version)` answers at once: the DuckDB engine of that version when its file is
    complete, otherwise None (and a background build starts, unless one is running here or
    in another process of the same instance folder).
    """

    def __init__(self, primary: Engine, folder: Path, *, background: bool = True) -> None:
        self.primary = primary
        self.folder = Path(folder)
        self.background = background
        self._name = hashlib.sha256(
            primary.url.render_as_string(hide_password=True).encode()
        ).hexdigest()[:12]
        self._engines: dict[int, Engine] = {}
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self._failed_at: float | None = None  # monotonic time of the last failed copy
        self.last_build_seconds: float | None = None

    def path(self, version: int) -> Path:
        """The replica file of a data version."""
        return self.folder / f"replica-{self._name}-v{version}.duckdb"

    def engine(self, version: int) -> Engine | None:
        """The read-only DuckDB engine of `version`, or None while it is not built."""
        with self._lock:
            if version in self._engines:
                return self._engines[version]
            if self.path(version).exists():
                engine = create_engine(
                    f"duckdb:///{self.path(version)}", connect_args={"read_only": True}
                )
                for old in self._engines.values():
                    old.dispose()
                self._engines = {version: engine}
                return engine
            resting = (
                self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S
            )
            if not resting and (self._building is None or not self._building.is_alive()):
                self._building = threading.Thread(
                    target=self.build, name="analytics-replica", daemon=True
                )
                if self.background:
                    self._building.start()
        if not self.background:
            self.build()
            return self.engine(version) if self.path(version).exists() else None
        return None

    def wait(self, timeout: float | None = None) -> Path | None:
        """The replica of the current data version, built now if no thread is building it."""
        thread = self._building
        if thread is not None and thread.is_alive():
            thread.join(timeout)
        return self.build()

    def build(self) -> Path | None:
        """Copy the primary at its current version (no-op when that file exists).

        Never raises: a failure is logged, and requests use SQL until RETRY_AFTER_S passed.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _exclusive(self.folder / f"replica-{self._name}.lock") as acquired:
                if not acquired:
                    return None  # another process is copying; its file will appear
                return self._copy_current()
        except ReplicaOutdated as moved:
            log.info("analytics replica not kept: %s", moved)
            return None
        except Exception:
            log.exception(
                "the analytics replica could not be built; indicators use SQL (next try in %s s)",
                RETRY_AFTER_S,
            )
            self._failed_at = time.monotonic()
            return None

    def _copy_current(self) -> Path:
        with self.primary.connect() as conn:
            version = queries.data_version(conn)
        final = self.path(version)
        if final.exists():
            return final
        partial = final.with_suffix(f".{os.getpid()}.partial")
        started = time.perf_counter()
        try:
            built = copy_database(self.primary, partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        final = self.path(built)
        os.replace(partial, final)
        self._failed_at = None
        self.last_build_seconds = time.perf_counter() - started
        log.info("analytics replica v%s built in %.1f s", built, self.last_build_seconds)
        self._remove_older_than(built)
        return final

    def _remove_older_than(self, version: int) -> None:
        for path in self.folder.glob(f"replica-{self._name}-v*.duckdb"):
            number = path.stem.rsplit("-v", 1)[-1]
            if number.isdigit() and int(number) < version:
                with contextlib.suppress(OSError):
                    path.unlink()

    def close(self) -> None:
        """Dispose of the open DuckDB engines."""
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines = {}


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[bool]:
    # An advisory lock: gunicorn's workers share the instance folder, one copies at a time.
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
