"""Registry snapshots: status history on any date, expiry, absentees, counts.

Expected values were worked out by hand from the three fixture files in
tests/fixtures/recruiter_registry (see the comments on each assertion).
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.load import load_file
from observatory.db.queries import recruiter_status_on
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.etl_helpers import counts, table_rows

REGISTRY = FIXTURES / "recruiter_registry"
D = dt.date


def load(engine, corridor, name, **options):
    return load_file(
        engine, REGISTRY / name, "recruiter_registry", corridor, TEST_PSEUDONYM_KEY, **options
    )


@pytest.fixture
def registry(engine, corridor):
    first = load(engine, corridor, "registro_gt_2023-12-31.csv")
    second = load(engine, corridor, "registro_gt_2024_sin_fecha.csv", as_of=D(2024, 12, 31))
    mexico = load(engine, corridor, "registro_mx_2024-06-30.tsv")
    return engine, (first, second, mexico)


def test_snapshot_counts(registry):
    _, (first, second, mexico) = registry
    # 7 rows: GT-REC-0006 has an unknown status (Dormido), gt-rec-0007 -1 complaints.
    assert counts(first) == (7, 5, 0, 0, 2)
    # 0001 suspended (and 3 complaints), 0003 revoked, 0004 active with a validity: updated;
    # 0002 as before; 0007 (quarantined the first time) and 0008 are new.
    assert counts(second) == (6, 2, 3, 1, 0)
    assert counts(mexico) == (2, 2, 0, 0, 0)
    assert second.findings == {"recruiters_missing_from_register": 1}  # GT-REC-0005


@pytest.mark.parametrize(
    ("licence", "on", "status"),
    [
        ("GT-REC-0001", D(2019, 3, 14), None),  # before its registration
        ("GT-REC-0001", D(2019, 3, 15), "active"),  # first status holds from registered_on
        ("GT-REC-0001", D(2024, 12, 30), "active"),
        ("GT-REC-0001", D(2024, 12, 31), "suspended"),  # changed: from the snapshot that shows it
        ("GT-REC-0002", D(2024, 6, 30), "active"),
        ("GT-REC-0002", D(2024, 7, 1), "expired"),  # valid until 30/06/2024, whatever it says
        ("GT-REC-0003", D(2023, 9, 14), None),  # its first known status starts on status_since
        ("GT-REC-0003", D(2023, 10, 1), "suspended"),
        ("GT-REC-0003", D(2024, 3, 1), "revoked"),  # status_since of the second snapshot
        ("GT-REC-0004", D(2024, 1, 10), "pending"),  # en trámite, from 20/11/2023
        ("GT-REC-0004", D(2024, 2, 15), "active"),
        ("GT-REC-0005", D(2025, 6, 1), "active"),  # absent from the newer snapshot: keeps it
        ("MX-REC-0002", D(2024, 1, 1), "revoked"),  # cancelado
        ("GT-REC-0006", D(2024, 1, 1), None),  # quarantined: never registered here
    ],
)
def test_status_on_any_date(registry, licence, on, status):
    engine, _ = registry
    with engine.connect() as conn:
        assert recruiter_status_on(conn, licence, on) == status


def test_absent_recruiters_are_flagged_per_country(registry):
    engine, _ = registry
    flags = {
        r["licence_no"]: bool(r["missing_from_register"]) for r in table_rows(engine, "recruiter")
    }
    # Only GT-REC-0005 is missing from Guatemala's newest snapshot; the Mexican snapshot
    # says nothing of Guatemalan recruiters.
    assert [k for k, missing in flags.items() if missing] == ["GT-REC-0005"]
    rows = {r["licence_no"]: r for r in table_rows(engine, "recruiter")}
    assert rows["GT-REC-0001"]["status"] == "suspended"
    assert rows["GT-REC-0008"]["sectors"] == "commerce;construction"
    assert rows["GT-REC-0001"]["sectors"] == "banana;coffee"
    assert rows["MX-REC-0002"]["admin1"] == "MX-TAB"  # INEGI 27, read against Mexico
    assert rows["GT-REC-0007"]["name"] == "<script>alert(1)</script>"  # text, kept as text


def test_snapshot_date_comes_from_as_of_or_the_first_load(engine, corridor):
    load(engine, corridor, "registro_gt_2024_sin_fecha.csv")  # no date, no --as-of
    today = dt.datetime.now(dt.UTC).date()
    dates = {r["snapshot_date"] for r in table_rows(engine, "recruiter_observation")}
    assert {str(d) for d in dates} == {today.isoformat()}


def test_reloading_a_snapshot_changes_nothing(registry, corridor):
    engine, _ = registry
    before = {
        t: table_rows(engine, t) for t in ("recruiter", "recruiter_status", "recruiter_observation")
    }
    again = load(engine, corridor, "registro_gt_2024_sin_fecha.csv", as_of=D(2025, 1, 5))
    assert again.status == "duplicate"
    assert {t: table_rows(engine, t) for t in before} == before
