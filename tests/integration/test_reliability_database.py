"""A database that cannot be reached or cannot be written: one clear line, exit code 2.

`python -m etl load ...` runs as a steward runs it (a subprocess). Whatever the database's
fault, stderr holds one line that names the database and the problem, never a traceback,
and the exit code is 2; nothing of the file is written.
"""

from __future__ import annotations

import socket
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from observatory.db.engine import make_engine
from tests.conftest import FIXTURES
from tests.etl_helpers import run_etl, table_rows
from tests.services import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS_FILE = FIXTURES / "contracts" / "contratos_2024.csv"


def run_load(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_etl(url, "load", "contracts", str(CONTRACTS_FILE), *extra, tmp_path=tmp_path)


def assert_one_clear_line(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit code 2 and a single `error:` line on stderr holding every `expected` text."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert line.startswith("error: "), line
    for part in expected:
        assert part in line, (part, line)
    assert "[SQL:" not in line and "parameters" not in line  # no statement, no values
    return line


def closed_port() -> int:
    """A local TCP port nobody listens on (just released by the system)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- unreachable ---------------------------------------------------------------------------


def test_postgresql_on_a_closed_port(tmp_path):
    url = f"postgresql+psycopg://nobody@127.0.0.1:{closed_port()}/observatory"
    line = assert_one_clear_line(run_load(url, tmp_path), "error: the database at " + url)
    assert "OperationalError" in line and "refused" in line.lower()


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("proc", "No such file or directory"),  # /proc takes no new folders, even from root
        ("under_a_file", "Not a directory"),  # a folder's place taken by a plain file
    ],
)
def test_sqlite_file_in_a_folder_that_cannot_be_created(tmp_path, where, reason):
    if where == "proc":
        database = Path("/proc") / f"observatory-{uuid.uuid4().hex}" / "observatory.db"
    else:
        (tmp_path / "a_file").write_text("not a folder\n")
        database = tmp_path / "a_file" / "data" / "observatory.db"
    url = f"sqlite:///{database}"
    line = assert_one_clear_line(run_load(url, tmp_path), f"error: the database at {url}")
    assert reason in line or "FileExistsError" in line
    assert not database.parent.exists()


# --- read-only -----------------------------------------------------------------------------


@pytest.fixture
def read_only_sqlite(sqlite_engine: Engine, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A migrated SQLite file made read-only (file 0444 in a folder 0555) and opened so.

    The suite runs as root, for whom file modes do not apply: the URL also opens the file
    read-only (`mode=ro`), which SQLite enforces for anyone.
    """
    database = Path(sqlite_engine.url.database)
    with sqlite_engine.begin() as conn:  # something that must stay as it is
        conn.execute(text("UPDATE data_state SET version = 41 WHERE id = 1"))
    sqlite_engine.dispose()
    database.chmod(0o444)
    database.parent.chmod(0o555)
    try:
        yield f"sqlite:///file:{database}?mode=ro&uri=true", database
    finally:
        database.parent.chmod(0o755)
        database.chmod(0o644)


@pytest.mark.parametrize("dry_run", [False, True], ids=["load", "dry_run"])
def test_read_only_sqlite(read_only_sqlite, tmp_path, dry_run):
    url, database = read_only_sqlite
    before = database.read_bytes()
    result = run_load(url, tmp_path, *(["--dry-run"] if dry_run else []))
    line = assert_one_clear_line(result, "readonly database")
    assert "contratos_2024.csv" in line or "the database at" in line
    if dry_run:  # the file was read: the report says it failed, on stdout
        assert "FAILED" in result.stdout
    assert database.read_bytes() == before
    assert stat.S_IMODE(database.stat().st_mode) == 0o444
    check = make_engine(f"sqlite:///{database}")
    try:
        assert table_rows(check, "load_batch") == [] and table_rows(check, "contract") == []
        assert [r["version"] for r in table_rows(check, "data_state")] == [41]
    finally:
        check.dispose()


def url_with_options(engine: Engine, *settings: str) -> str:
    """The engine's URL with more `-c name=value` server settings in `options`."""
    url = engine.url
    options = " ".join([url.query.get("options", ""), *(f"-c{s}" for s in settings)]).strip()
    return url.update_query_dict({"options": options}).render_as_string(hide_password=False)


@pytest.mark.postgres
@pytest.mark.parametrize("dry_run", [False, True], ids=["load", "dry_run"])
def test_postgresql_read_only_transactions(postgres_engine, tmp_path, dry_run):
    url = url_with_options(postgres_engine, "default_transaction_read_only=on")
    result = run_load(url, tmp_path, *(["--dry-run"] if dry_run else []))
    assert_one_clear_line(result, "read-only transaction")
    assert table_rows(postgres_engine, "load_batch") == []
    assert table_rows(postgres_engine, "contract") == []


@pytest.fixture
def select_only_role(postgres_engine: Engine) -> Iterator[str]:
    """A login role that may only SELECT in the test's schema; dropped afterwards."""
    role = f"reader_{uuid.uuid4().hex[:12]}"
    schema = postgres_engine.url.query["options"].split("search_path=", 1)[1].split()[0]
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
    try:
        yield role
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


@pytest.mark.postgres
def test_postgresql_role_that_may_only_read(postgres_engine, select_only_role, tmp_path):
    url = make_url(postgres_engine.url.render_as_string(hide_password=False))
    url = url.set(username=select_only_role).render_as_string(hide_password=False)
    line = assert_one_clear_line(run_load(url, tmp_path), "permission denied")
    assert select_only_role in line  # the database named as the steward configured it
    assert table_rows(postgres_engine, "load_batch") == []
    assert table_rows(postgres_engine, "contract") == []
