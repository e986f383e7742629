"""Benchmark: every page's callbacks under random filter changes, cache cold and warm.

python -m bench.pages                      # 1,000,000 registrations, 500,000 contracts,
                                           # 5,000 recruiters, loaded by the real CLI
python -m bench.pages --database /tmp/b.db # reuse (or build once) that SQLite file
python -m bench.pages --analytics sql      # the same without the DuckDB replica

Each callback is called over HTTP the way the browser calls it (POST /_dash-update-component
through Flask's test client), so a figure is the server time of one request: reading the
cache, computing the indicators, building the figures, serialising the JSON. A page's time
for one filter is its slowest callback (the browser sends them in parallel); the p95 is over
--filters random filters. Cold: the cache is emptied before each filter; warm: the same
filter at once again. Payload: the JSON bytes a page's callbacks send for the unfiltered view.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select

from bench.cli_load import machine_line, run_load
from bench.messy_contracts import write_contracts, write_registry
from bench.messy_rows import write_messy_csv
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from observatory.db.schema import contract_table, recruiter_table, registration_table
from observatory.definitions import AGE_GROUP_CODES
from observatory.filters import Filter
from observatory.web import create_app
from observatory.web.pages import PAGES
from observatory.web.state import View

REGISTRATIONS, CONTRACTS, RECRUITERS = 1_000_000, 500_000, 5_000


def build_database(path: Path, registrations: int, contracts: int, recruiters: int) -> None:
    """Write messy files and load them with the real command line (skipped if loaded)."""
    url = f"sqlite:///{path}"
    if path.exists():
        print(f"reusing {path}")
        upgrade(make_engine(url))  # a file built by an older version gets the new tables
        return
    with tempfile.TemporaryDirectory() as folder:
        files = Path(folder)
        write_registry(files / "registro.csv", recruiters)
        write_messy_csv(files / "registros.csv", registrations)
        write_contracts(files / "contratos.csv", contracts, recruiters)
        for kind, name in (
            ("recruiter_registry", "registro.csv"),
            ("border_office", "registros.csv"),
            ("contracts", "contratos.csv"),
        ):
            timing = run_load(url, kind, files / name)
            print(f"loaded {name}: {timing.report['rows_loaded']:,} rows in {timing.seconds:.1f} s")


def random_filters(count: int, seed: int = 2026) -> list[Filter]:
    """Random selections over every filter dimension (each used about a third of the time)."""
    corridor = load_corridor("gt_mx")
    rng = random.Random(seed)
    origins = [u.code for u in corridor.units_of(corridor.origin.iso2)]
    destinations = ["MX-CHP", "MX-TAB", "MX-CAM", "MX-YUC", "MX-ROO"]
    sectors = [s.code for s in corridor.sectors]
    borders = [b.code for b in corridor.border_points]

    def some(values: list[str], most: int) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.randint(1, most))) if rng.random() < 0.33 else ()

    filters = []
    for _ in range(count):
        start = end = None
        if rng.random() < 0.5:
            year = rng.randint(2019, 2025)
            first, last = sorted(rng.sample(range(1, 13), 2))
            start = Filter.from_query({"from": f"{year}-{first:02d}"}).period_start
            end = Filter.from_query({"to": f"{year}-{last:02d}"}).period_end
        filters.append(
            Filter(
                period_start=start,
                period_end=end,
                sex=some(["F", "M"], 1),
                age_group=some(list(AGE_GROUP_CODES), 2),
                sector=some(sectors, 3),
                origin=some(origins, 3),
                destination=some(destinations, 2),
                border_point=some(borders, 2),
                direction=some(["exit", "return"], 1),
            )
        )
    return filters


def _ids(component) -> Iterator[str]:
    if isinstance(component, list | tuple):
        for child in component:
            yield from _ids(child)
        return
    if component is None or isinstance(component, str | int | float):
        return
    if isinstance(getattr(component, "id", None), str):
        yield component.id
    yield from _ids(getattr(component, "children", None))


def page_callbacks(app) -> dict[str, list[tuple[str, dict]]]:
    """{page path: [(output key, callback spec)]}: the callbacks that fill each page."""
    found: dict[str, list[tuple[str, dict]]] = {}
    for page in PAGES:
        layout_ids = set(_ids(page.load().layout(lang="es")))
        found[page.path] = [
            (key, spec)
            for key, spec in app.callback_map.items()
            if spec["inputs"] == [{"id": "view", "property": "data"}]
            and spec["output"]
            and all(str(o.component_id) in layout_ids for o in _outputs(spec))
        ]
    return found


def _outputs(spec: dict) -> list:
    output = spec["output"]
    return output if isinstance(output, list) else [output]


def call(client, key: str, spec: dict, view: View) -> tuple[float, int]:
    """One callback request as the browser sends it: (seconds, response bytes)."""
    outputs = [{"id": o.component_id, "property": o.component_property} for o in _outputs(spec)]
    body = {
        "output": key,
        "outputs": outputs if isinstance(spec["output"], list) else outputs[0],
        "inputs": [{"id": "view", "property": "data", "value": view.store()}],
        "changedPropIds": ["view.data"],
        "state": [],
    }
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=body)
    seconds = time.perf_counter() - started
    if response.status_code not in (200, 204):
        raise RuntimeError(f"{key}: HTTP {response.status_code} {response.data[:300]!r}")
    return seconds, len(response.data)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else 0


def measure(app, filters: list[Filter], lang: str = "es") -> None:
    client = app.server.test_client()
    cache = app.server.extensions["observatory_web"].cache
    pages = page_callbacks(app)
    print(
        f"{'page':16} {'callbacks':>9} {'cold p95':>9} {'cold max':>9} {'warm p95':>9} "
        f"{'warm max':>9} {'payload':>10}"
    )
    for path, callbacks in pages.items():
        payload = sum(call(client, k, s, View(Filter(), lang))[1] for k, s in callbacks)
        timings: dict[str, list[float]] = {"cold": [], "warm": []}
        for flt in filters:
            view = View(flt, lang)
            cache.clear()  # cold: neither the indicators nor the page's outputs are cached
            timings["cold"].append(max(call(client, k, s, view)[0] for k, s in callbacks))
            # warm: the same view again, as when a second official opens the same link
            timings["warm"].append(max(call(client, k, s, view)[0] for k, s in callbacks))
        cold, warm = timings["cold"], timings["warm"]
        print(
            f"{path:16} {len(callbacks):9d} {1000 * p95(cold):7.0f}ms {1000 * max(cold):7.0f}ms "
            f"{1000 * p95(warm):7.1f}ms {1000 * max(warm):7.1f}ms {payload / 1000:8.0f}kB"
        )


def database_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the benchmarks that run on the corridor-sized database."""
    parser.add_argument("--database", type=Path, help="SQLite file to reuse or build once")
    parser.add_argument("--registrations", type=int, default=REGISTRATIONS)
    parser.add_argument("--contracts", type=int, default=CONTRACTS)
    parser.add_argument("--recruiters", type=int, default=RECRUITERS)
    parser.add_argument("--analytics", choices=("duckdb", "sql"), default="duckdb")


def bench_app(args: argparse.Namespace, folder: Path):
    """The app on the benchmark database (built once by the real command line), with a
    file cache in `folder` and its analytics replica ready."""
    database = args.database or folder / "bench.db"
    build_database(database, args.registrations, args.contracts, args.recruiters)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        instance_dir=folder / "instance",
        cache_type="FileSystemCache",
        analytics=args.analytics,
    )
    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        counts = [
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (registration_table, contract_table, recruiter_table)
        ]
    print("rows: {:,} registrations, {:,} contracts, {:,} recruiters".format(*counts))
    app = create_app(settings)
    replica = app.server.extensions["observatory"].replica
    if replica is not None:
        started = time.perf_counter()
        replica.wait()
        print(f"analytics replica built in {time.perf_counter() - started:.1f} s")
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    database_arguments(parser)
    parser.add_argument("--filters", type=int, default=50)
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(args, Path(folder))
        measure(app, random_filters(args.filters))
        print(json.dumps({"analytics": args.analytics, "filters": args.filters}))


if __name__ == "__main__":
    main()
