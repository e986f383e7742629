"""Synthetic Guatemala → Mexico corridor: simulated registrations written as border-office files."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.simulate import choose_corrections, simulate_registrations
from etl.demo.writers import write_border_office_files

if TYPE_CHECKING:
    from observatory.corridor import Corridor

__all__ = ["DemoFile", "write_demo_files"]


@dataclass(frozen=True)
class DemoFile:
    source_kind: str  # "border_office" (later also "recruiter_registry", "contracts")
    path: Path


def write_demo_files(
    out_dir: Path,
    corridor: Corridor,
    *,
    seed: int = 2014,
    first_year: int = 2021,
    last_month: dt.date = dt.date(2026, 10, 1),
) -> list[DemoFile]:
    """Write the synthetic corridor's source files into out_dir, in the order they must be loaded.

    Deterministic: the same arguments give the same bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _collector_paused():
        registrations = simulate_registrations(
            corridor, seed=seed, first_year=first_year, last_month=last_month
        )
        corrections = choose_corrections(corridor, registrations, seed=seed)
        paths = write_border_office_files(out_dir, corridor, registrations, corrections, seed=seed)
    return [DemoFile("border_office", path) for path in paths]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while ~300,000 rows (which form no cycles) are built.

    Otherwise every few thousand new objects start a pass over all the rows built so far,
    which more than doubles the time of generation.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
