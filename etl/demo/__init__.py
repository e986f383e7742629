"""Synthetic Guatemala → Mexico corridor: simulated registrations written as border-office files."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.contract_files import write_contract_files
from etl.demo.contracts import simulate_contracts
from etl.demo.registry_files import write_registry_files
from etl.demo.simulate import choose_corrections, simulate_registrations
from etl.demo.writers import write_border_office_files

if TYPE_CHECKING:
    from observatory.corridor import Corridor

__all__ = ["DemoFile", "write_demo_files"]


@dataclass(frozen=True)
class DemoFile:
    source_kind: str  # "border_office", "recruiter_registry" or "contracts"
    path: Path
    # A registry snapshot whose file has no cut-off date (`Fecha de corte`): its date, for
    # the load's --as-of (the file's name carries it too). None for every other file.
    as_of: dt.date | None = None


def write_demo_files(
    out_dir: Path,
    corridor: Corridor,
    *,
    seed: int = 2014,
    first_year: int = 2021,
    last_month: dt.date = dt.date(2026, 10, 1),
) -> list[DemoFile]:
    """Write the synthetic corridor's source files into out_dir, in the order they must be loaded.

    The border-office exports first, then the registry snapshots (oldest first), then the
    contracts (by year, the wage corrections after their year). Deterministic: the same
    arguments give the same bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _collector_paused():
        registrations = simulate_registrations(
            corridor, seed=seed, first_year=first_year, last_month=last_month
        )
        corrections = choose_corrections(corridor, registrations, seed=seed)
        paths = write_border_office_files(out_dir, corridor, registrations, corrections, seed=seed)
        snapshots = write_registry_files(
            out_dir, corridor, seed=seed, first_year=first_year, last_month=last_month
        )
        contracts = simulate_contracts(corridor, registrations, corrections, seed=seed)
        contract_paths, _ = write_contract_files(out_dir, corridor, contracts, seed=seed)
    return [
        *(DemoFile("border_office", path) for path in paths),
        *(DemoFile("recruiter_registry", path, as_of) for path, as_of in snapshots),
        *(DemoFile("contracts", path) for path in contract_paths),
    ]


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
