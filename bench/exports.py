"""Benchmark: what a page's download links cost on a corridor-sized database.

python -m bench.exports                      # 1,000,000 registrations, 500,000 contracts,
                                             # 5,000 recruiters, loaded by the real CLI
python -m bench.exports --database /tmp/b.db # reuse (or build once) that SQLite file

Through the app's own routes (Flask's test client), for every page and the unfiltered view:
each table as CSV and XLSX (cold cache: the indicators are computed; warm: served from the
cache), one chart as PNG and as SVG (each a new chromium, as a single download is), and the
brief pack (all charts and tables, one chromium), cold and warm. Prints seconds and sizes.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.cli_load import machine_line
from bench.pages import bench_app, database_arguments
from observatory.filters import Filter
from observatory.web import exhibits
from observatory.web.context import EXTENSION
from observatory.web.pages import PAGES

EVERYONE = Filter()


def timed(client, url: str) -> tuple[float, int]:
    """Seconds and bytes of one GET, which must succeed."""
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.data[:200]!r}")
    return seconds, len(response.data)


def measure(app) -> dict[str, dict[str, float]]:
    """Per page: tables (cold, warm), one chart (PNG, SVG) and the brief pack (cold, warm)."""
    client, cache = app.server.test_client(), app.server.extensions[EXTENSION].cache
    figures: dict[str, dict[str, float]] = {}
    print(
        f"{'page':<14} {'tables':>6} {'csv+xlsx cold s':>15} {'warm s':>7} {'png s':>6} "
        f"{'svg s':>6} {'pack cold s':>11} {'pack warm s':>11} {'pack MB':>8} {'files':>5}"
    )
    for page in PAGES:
        cache.clear()
        tables = exhibits.tables(page, EVERYONE)  # the unfiltered view (no recruiter's profile)
        urls = [
            f"/export/table/{page.slug}/{t.indicator}.{fmt}?lang=es"
            for t in tables
            for fmt in ("csv", "xlsx")
        ]
        cold = sum(timed(client, url)[0] for url in urls)
        warm = sum(timed(client, url)[0] for url in urls)
        chart = exhibits.charts(page, EVERYONE)[0]
        png, _ = timed(client, f"/export/chart/{page.slug}/{chart.key}.png?lang=es")
        svg, _ = timed(client, f"/export/chart/{page.slug}/{chart.key}.svg?lang=es")
        cache.clear()
        pack_cold, size = timed(client, f"/export/brief/{page.slug}.zip?lang=es")
        pack_warm, _ = timed(client, f"/export/brief/{page.slug}.zip?lang=es")
        files = 1 + 2 * len(exhibits.charts(page, EVERYONE)) + len(tables)
        figures[page.slug] = {
            "tables": len(tables),
            "tables_cold_s": round(cold, 2),
            "tables_warm_s": round(warm, 2),
            "png_s": round(png, 2),
            "svg_s": round(svg, 2),
            "pack_cold_s": round(pack_cold, 2),
            "pack_warm_s": round(pack_warm, 2),
            "pack_mb": round(size / 1e6, 2),
        }
        print(
            f"{page.slug:<14} {len(tables):>6} {cold:>15.2f} {warm:>7.2f} {png:>6.2f} "
            f"{svg:>6.2f} {pack_cold:>11.2f} {pack_warm:>11.2f} {size / 1e6:>8.2f} {files:>5}"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    database_arguments(parser)
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(bench_app(args, Path(folder)))))


if __name__ == "__main__":
    main()
