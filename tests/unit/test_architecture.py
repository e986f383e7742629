"""House rules that a test can hold: import direction, documented settings, no CDN."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from observatory.config import SETTINGS, Settings

ROOT = Path(__file__).resolve().parents[2]


def imports_of(folder: str) -> dict[Path, set[str]]:
    found = {}
    for path in (ROOT / folder).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[path] = names
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("etl", r"^(dash|observatory\.web|observatory\.services|flask)"),
        ("observatory/indicators", r"^(dash|observatory\.web|flask)"),
        ("observatory/db", r"^(dash|observatory\.web|observatory\.services|etl)"),
        ("observatory/corridor", r"^(dash|observatory\.web|etl)"),
        ("observatory", r"^etl"),  # the observatory package never reaches back into the ETL
    ],
)
def test_dependencies_point_one_way(folder, forbidden):
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in names if re.match(forbidden, n))
        for p, names in imports_of(folder).items()
    }
    assert {p: n for p, n in offenders.items() if n} == {}


def test_only_config_reads_the_environment():
    readers = [
        str(p.relative_to(ROOT))
        for folder in ("observatory", "etl")
        for p in (ROOT / folder).rglob("*.py")
        if re.search(r"os\.environ|os\.getenv", p.read_text(encoding="utf-8"))
    ]
    assert readers == ["observatory/config.py"]


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [s.env for s in SETTINGS if f"`{s.env}`" not in readme] == []


def test_settings_come_from_the_environment():
    settings = Settings.from_env(
        {
            "DATABASE_URL": "sqlite:///x.db",
            "PORT": "9000",
            "OBSERVATORY_LOAD_DEMO": "0",
            "OBSERVATORY_MIN_CELL": "10",
        }
    )
    assert (settings.database_url, settings.port, settings.load_demo, settings.min_cell) == (
        "sqlite:///x.db",
        9000,
        False,
        10,
    )
    assert Settings.from_env({}).database_url == "sqlite:///observatory.db"


def test_no_internet_address_in_code_or_assets():
    pattern = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[a-z0-9.-]+\.(com|org|net|io|ly)/")
    offenders = []
    for folder in ("observatory", "etl", "assets"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".js", ".css", ".html"} and "vendor" not in path.parts:
                if pattern.search(path.read_text(encoding="utf-8", errors="ignore")):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_registration_columns_start_with_the_natural_key():
    from etl.sources import border_office

    assert tuple(c for c, _ in border_office.COLUMNS[:2]) == border_office.NATURAL_KEY
