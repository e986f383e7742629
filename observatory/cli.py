"""The observatory's command line, for scheduled jobs: `python -m observatory export ...`.

    python -m observatory export flows --filter "sex=F&from=2024-01" --format xlsx \
        --out flows.xlsx --lang en

The numbers are the dashboard's (the same `Observatory` service, threshold from
OBSERVATORY_MIN_CELL); the file is the API's for the same filter. Exit codes: 0 written,
2 refused (an unknown indicator, a bad filter, an unusable database or output path).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import parse_qs

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from observatory import users_cli
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine
from observatory.exports.build import export_indicator
from observatory.exports.formats import FORMATS
from observatory.filters import Filter, FilterError
from observatory.i18n import LANGUAGES
from observatory.indicators.registry import UnknownIndicator, specs
from observatory.services import Observatory

EXIT_OK, EXIT_REFUSED = 0, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m observatory", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write one indicator under a filter to a file")
    export.add_argument("indicator", help="indicator id, e.g. flows (GET /api/v1/indicators)")
    export.add_argument(
        "--filter",
        default="",
        help='the dashboard URL\'s parameters, e.g. "sex=F&from=2024-01&border=tecun_uman"',
    )
    export.add_argument("--format", choices=tuple(FORMATS), default="csv")
    export.add_argument("--out", required=True, help="output file; - writes to standard output")
    export.add_argument("--lang", choices=LANGUAGES, default="es", help="texts and headers")
    users_cli.add_parser(commands)
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Run one command; 0 on success, 2 (with one line on stderr) when it is refused."""
    args = build_parser().parse_args(argv)
    settings = settings or Settings.from_env()
    try:
        if args.command == "users":
            return users_cli.run(args, settings)
        return _export(args, settings)
    except SQLAlchemyError as error:
        url = make_url(settings.database_url).render_as_string(hide_password=True)
        return _refuse(f"the database at {url} cannot be used: {type(error).__name__}")


def _export(args: argparse.Namespace, settings: Settings) -> int:
    known = [spec.id for spec in specs()]
    if args.indicator not in known:
        return _refuse(f"unknown indicator {args.indicator!r}; known: {', '.join(known)}")
    corridor = load_corridor(settings.corridor)
    try:
        flt = Filter.from_query(parse_qs(args.filter.lstrip("?")), corridor=corridor)
    except FilterError as error:
        return _refuse(f"bad --filter: {error}")
    engine = make_engine(settings.database_url)
    try:
        observatory = Observatory(engine, corridor, min_cell=settings.min_cell)
        export = export_indicator(observatory, args.indicator, flt, args.format, args.lang)
    except UnknownIndicator:  # pragma: no cover - checked above
        return _refuse(f"unknown indicator {args.indicator!r}")
    finally:
        engine.dispose()
    if args.out == "-":
        sys.stdout.buffer.write(export.content)
        return EXIT_OK
    try:
        Path(args.out).write_bytes(export.content)
    except OSError as error:
        return _refuse(f"cannot write {args.out}: {error.strerror or error}")
    print(
        f"{args.indicator}: {len(export.result.table)} row(s), "
        f"{export.result.suppressed_cells} hidden cell(s), data version "
        f"{export.result.data_version} -> {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_REFUSED
