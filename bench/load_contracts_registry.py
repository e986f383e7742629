"""Benchmark: a 5,000-recruiter registry and 1,000,000 messy contracts, with the real CLI.

python -m bench.load_contracts_registry                       # SQLite and PostgreSQL
python -m bench.load_contracts_registry --rows 200000 --only sqlite
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import text

from bench.cli_load import machine_line, print_timing, run_load
from bench.messy_contracts import write_contracts, write_registry
from observatory.db.engine import make_engine

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--recruiters", type=int, default=5_000)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--postgres", default=POSTGRES, help="server to use (a scratch schema)")
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as folder:
        registry, contracts = Path(folder) / "registro.csv", Path(folder) / "contratos.csv"
        write_registry(registry, args.recruiters)
        write_contracts(contracts, args.rows, args.recruiters)
        print(
            f"wrote {args.recruiters:,} recruiters and {args.rows:,} contracts "
            f"({contracts.stat().st_size / 1e6:.0f} MB)"
        )
        if args.only != "postgresql":
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            print_timing(
                "registry into sqlite",
                args.recruiters,
                run_load(url, "recruiter_registry", registry),
            )
            print_timing("contracts into sqlite", args.rows, run_load(url, "contracts", contracts))
        if args.only != "sqlite":
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = make_engine(args.postgres)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                url = f"{args.postgres}?options=-csearch_path%3D{schema}"
                print_timing(
                    "registry into postgresql",
                    args.recruiters,
                    run_load(url, "recruiter_registry", registry),
                )
                print_timing(
                    "contracts into postgresql", args.rows, run_load(url, "contracts", contracts)
                )
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
