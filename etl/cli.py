"""The command line: python -m etl load <source> FILE... | demo | batches | quarantine | migrate."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import sys
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from etl.load import LoadReport, load_file
from etl.sources import SOURCE_KINDS
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db import migrate
from observatory.db.engine import make_engine
from observatory.db.queries_etl import list_batches, list_quarantine
from observatory.exports.formula_safety import inert

EXIT_OK, EXIT_REFUSED = 0, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load source files, one transaction per file")
    load.add_argument("source", choices=SOURCE_KINDS)
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--json", action="store_true", help="one JSON object per file on stdout")
    load.add_argument(
        "--dry-run", action="store_true", help="report what would happen; write nothing"
    )
    load.add_argument(
        "--sex-coding", choices=("es", "en"), help="force M = mujer (es) or male (en)"
    )
    load.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    load.add_argument(
        "--as-of",
        type=_date,
        help="snapshot date of a registry file without one "
        "(YYYY-MM-DD; default: the day the file is first loaded)",
    )
    demo = commands.add_parser("demo", help="write the synthetic corridor as files and load them")
    demo.add_argument("--out", type=Path, help="folder for the demo files (default: instance/demo)")
    demo.add_argument("--json", action="store_true")
    commands.add_parser("migrate", help="bring the database schema to the newest version")
    listing = commands.add_parser(
        "batches", help="list every load: when, file, SHA-256, counts, status"
    )
    listing.add_argument("--json", action="store_true")
    quarantine = commands.add_parser("quarantine", help="list rejected rows with their reasons")
    quarantine.add_argument("--batch", type=int)
    quarantine.add_argument("--csv", type=Path, help="write them to this CSV file")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from error


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Run one command; the exit code is 0 on success and 2 when a file is refused."""
    args = build_parser().parse_args(argv)
    settings = settings or Settings.from_env()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        # OSError: a SQLite file whose folder does not exist and cannot be created
        engine = make_engine(settings.database_url)
    except OSError as error:
        return _database_unusable(settings, error)
    try:
        migrate.upgrade(engine)
        return _COMMANDS[args.command](args, engine, settings)
    except SQLAlchemyError as error:
        return _database_unusable(settings, error)


def _database_unusable(settings: Settings, error: Exception) -> int:
    """One line on stderr (no traceback) for a database that is unreachable or read-only."""
    print(
        f"error: the database at {_safe_url(settings)} cannot be used: "
        f"{type(error).__name__}: {_first_line(error)}",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else "(no details)"


def _safe_url(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


def _load(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    corridor = load_corridor(settings.corridor)
    key = settings.resolved_pseudonym_key()
    exit_code = EXIT_OK
    for path in args.files:
        with _progress(path, args.json) as progress:
            report = load_file(
                engine,
                path,
                args.source,
                corridor,
                key,
                sex_coding=args.sex_coding,
                dry_run=args.dry_run,
                sheet=args.sheet,
                progress=progress,
                parallel=True,  # this module's entry point is import-safe (etl/__main__.py)
                as_of=args.as_of,
                max_bytes=settings.max_file_mb * 2**20,
            )
        _print_report(report, args.json)
        if not report.ok:
            print(f"error: {report.message}", file=sys.stderr)
            exit_code = EXIT_REFUSED
    return exit_code


def _progress(path: Path, quiet: bool):
    """A tqdm bar on a terminal; nothing when piped or with --json."""
    from contextlib import contextmanager

    @contextmanager
    def bar():
        if quiet or not sys.stderr.isatty():
            yield None
            return
        from tqdm import tqdm

        with tqdm(desc=path.name, unit=" rows", file=sys.stderr) as progress_bar:

            def update(done: int, total: int) -> None:
                progress_bar.total = total
                progress_bar.update(done - progress_bar.n)

            yield update

    return bar()


def _print_report(report: LoadReport, as_json: bool) -> None:
    if as_json:
        print(report.to_json(), flush=True)
        return
    print(human_summary(report), flush=True)


def human_summary(report: LoadReport) -> str:
    """A few lines a data steward reads after each file."""
    if report.status == "refused":
        return f"{report.file}: REFUSED - {report.message}"
    if report.status == "failed":
        return f"{report.file}: FAILED - {report.message}"
    lines = [
        f"{report.file}: {report.status} (batch {report.batch_id or '-'}, {report.seconds:.1f} s)",
        f"  rows read {report.rows_read:,}: {report.rows_loaded:,} new, {report.rows_updated:,} "
        f"updated, {report.rows_unchanged:,} unchanged, {report.rows_quarantined:,} quarantined",
    ]
    if report.header_row and report.header_row > 1:
        lines.append(f"  header found on row {report.header_row}; the rows above it were skipped")
    if report.ignored_columns:
        lines.append(f"  columns ignored: {', '.join(report.ignored_columns)}")
    if report.name_columns_dropped:
        lines.append(
            f"  {report.name_columns_dropped} column(s) of workers' names dropped, never stored"
        )
    for finding, count in report.findings.items():
        if count:
            lines.append(f"  finding: {count:,} {finding.replace('_', ' ')}")
    if report.rows_quarantined and report.status == "loaded":
        lines.append(f"  see the reasons: python -m etl quarantine --batch {report.batch_id}")
    if report.status == "duplicate":
        lines.append(f"  {report.message}")
    return "\n".join(lines)


def _demo(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    from etl.bootstrap import load_demo

    reports = load_demo(engine, settings, out_dir=args.out)
    for report in reports:
        _print_report(report, args.json)
    return EXIT_OK if all(r.ok for r in reports) else EXIT_REFUSED


def _migrate(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    print(f"database at {_safe_url(settings)} is at the newest schema")
    return EXIT_OK


def _batches(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    rows = list_batches(engine)
    if args.json:
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return EXIT_OK
    print(
        f"{'batch':>5}  {'status':9}  {'started (UTC)':19}  {'read':>8} {'new':>8} {'upd':>6} "
        f"{'same':>8} {'quar':>6}  file / sha256"
    )
    for row in rows:
        print(
            f"{row['id']:>5}  {row['status']:9}  {row['started_at']!s:19}  {row['rows_read']:>8} "
            f"{row['rows_loaded']:>8} {row['rows_updated']:>6} {row['rows_unchanged']:>8} "
            f"{row['rows_quarantined']:>6}  {row['file_name']} {row['sha256'][:12]}"
            + (f"\n       {row['message']}" if row["message"] else "")
        )
    return EXIT_OK


def _quarantine(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    rows = list_quarantine(engine, args.batch)
    if args.csv:
        with args.csv.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["batch", "file", "row", "field", "reason", "values"])
            for row in rows:
                writer.writerow(
                    [
                        inert(row[k])
                        for k in (
                            "batch_id",
                            "file_name",
                            "row_number",
                            "field",
                            "reason",
                            "raw_values",
                        )
                    ]
                )
        print(f"{len(rows)} quarantined field(s) written to {args.csv}")
        return EXIT_OK
    for row in rows:
        print(
            f"batch {row['batch_id']} {row['file_name']} row {row['row_number']}: "
            f"{row['field']}: {row['reason']}"
        )
    print(f"{len(rows)} quarantined field(s)")
    return EXIT_OK


_COMMANDS = {
    "load": _load,
    "demo": _demo,
    "migrate": _migrate,
    "batches": _batches,
    "quarantine": _quarantine,
}
