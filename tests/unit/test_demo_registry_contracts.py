"""The demo's recruiter registry snapshots and contracts, read back as plain CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.demo import DemoFile, write_demo_files
from etl.demo.calibration import BELOW_MINIMUM_BAND, MINIMUM_WAGE_MXN_DAY
from etl.demo.pools import recruiter_pool
from etl.demo.registry_files import write_registry_files
from observatory.corridor import load_corridor
from observatory.text import fold

# Two months are enough for the contracts (about 2,000); the registry is cheap to write alone
# over the whole default span, so its history is checked there.
SMALL = {"first_year": 2025, "last_month": dt.date(2025, 2, 1)}
SPAN = {"first_year": 2021, "last_month": dt.date(2026, 10, 1)}

# Just enough of DATA_SPEC's aliases to read the files back without the loader.
CONNECTING_WORDS = {"de", "del", "la", "los", "las", "of", "the"}
ALIASES = {
    "contract_id": {"contract id", "id contrato", "folio contrato"},
    "licence_no": {"licence no", "no licencia", "licencia", "numero registro"},
    "status": {"status", "estado", "situacion", "estatus"},
    "snapshot_date": {"snapshot date", "fecha corte", "fecha extraccion"},
    "start_date": {"start date", "fecha inicio"},
    "end_date": {"end date", "fecha fin", "fecha termino"},
    "wage_amount": {"wage amount", "salario", "monto salario"},
    "wage_period": {"wage period", "periodo salario", "periodicidad"},
    "currency": {"currency", "moneda"},
    "fee": {"fee paid by worker", "cuota reclutamiento", "pago reclutamiento"},
    "recruiter_licence": {"recruiter licence", "licencia reclutador"},
    "sector": {"sector", "actividad", "rama"},
    "social_security": {"social security", "seguro social", "imss"},
    "complaints": {"complaints", "quejas", "denuncias"},
}
PERIOD_DAYS = {"diario": 1, "semanal": 7, "quincenal": 15, "mensual": 30.4, "por hora": 1 / 8}
STATUS_WORDS = {
    "active": {"activo", "vigente"}, "suspended": {"suspendido"},
    "revoked": {"revocado", "cancelado"}, "expired": {"vencido"}, "pending": {"en tramite"},
}  # fmt: skip
YES = {"si", "x", "1", "yes"}


def header_key(text: object) -> str:
    return " ".join(w for w in fold(str(text or "")).split() if w not in CONNECTING_WORDS)


def read_rows(path: Path) -> list[list[object]]:
    if path.suffix == ".xlsx":
        workbook = load_workbook(path, read_only=True)
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t|").delimiter
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def records(path: Path, needed: str) -> list[dict[str, object]]:
    """Rows as {field: value} under the first row that has the `needed` field's header."""
    rows = read_rows(path)
    for index, row in enumerate(rows):
        keys = [header_key(v) for v in row]
        if any(k in ALIASES[needed] for k in keys):
            fields = {
                i: f for i, k in enumerate(keys) for f, names in ALIASES.items() if k in names
            }
            return [
                {f: r[i] if i < len(r) else None for i, f in fields.items()}
                for r in rows[index + 1 :]
                if any(v not in (None, "") for v in r)
            ]
    return []


def number(value: object) -> float | None:
    """DATA_SPEC numbers: one separator followed by exactly three digits marks thousands."""
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[^\d.,-]", "", str(value or ""))
    if not re.search(r"\d", text):
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    else:
        for mark in ",.":
            parts = text.split(mark)
            if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3):
                text = text.replace(mark, "")
            elif len(parts) == 2:
                text = text.replace(mark, ".")
    return float(text)


def date(value: object) -> dt.date | None:
    """ISO or day-first dates; None for anything else (a two-digit year is not a date)."""
    if isinstance(value, dt.datetime | dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    text = str(value or "").strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})( 00:00:00)?", text):
        return dt.date(*map(int, match.groups()[:3]))
    if match := re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text):
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    return None


@pytest.fixture(scope="module")
def corridor():
    return load_corridor("gt_mx")


@pytest.fixture(scope="module")
def small(tmp_path_factory, corridor) -> list[DemoFile]:
    return write_demo_files(tmp_path_factory.mktemp("small"), corridor, **SMALL)


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory, corridor) -> list[tuple[Path, dt.date | None]]:
    return write_registry_files(tmp_path_factory.mktemp("registry"), corridor, seed=2014, **SPAN)


def of_kind(files: list[DemoFile], kind: str) -> list[Path]:
    return [f.path for f in files if f.source_kind == kind]


def contract_files(files: list[DemoFile]) -> list[Path]:
    return [p for p in of_kind(files, "contracts") if "correcciones" not in p.name]


def test_same_seed_same_bytes_and_load_order(tmp_path, corridor, small):
    again = write_demo_files(tmp_path, corridor, **SMALL)
    assert [(f.source_kind, f.path.name, f.as_of) for f in again] == [
        (f.source_kind, f.path.name, f.as_of) for f in small
    ]
    for first, second in zip(small, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.path.name
    kinds = [f.source_kind for f in small]
    assert kinds == sorted(kinds, key=["border_office", "recruiter_registry", "contracts"].index)
    assert {"recruiter_registry", "contracts"} <= set(kinds)


def test_every_contract_folio_is_on_a_registration(small):
    typed = set()
    for path in of_kind(small, "border_office"):
        typed |= {str(r["contract_id"]) for r in records(path, "contract_id") if r["contract_id"]}
    folios = [
        str(r["contract_id"]) for p in contract_files(small) for r in records(p, "contract_id")
    ]
    assert len(folios) > 1_000
    assert len(set(folios)) == len(folios)
    assert set(folios) <= typed


def test_registry_holds_only_registered_pool_licences(snapshots, corridor):
    pool = {r.licence_no: r for r in recruiter_pool(corridor)}
    seen = set()
    for path, as_of in snapshots:
        rows = records(path, "licence_no")
        licences = [str(r["licence_no"]) for r in rows]
        assert len(licences) == len(set(licences)), path.name
        assert all(pool[licence].in_registry for licence in licences), path.name
        assert len({pool[licence].country for licence in licences}) == 1, path.name
        cutoffs = {date(r.get("snapshot_date")) for r in rows}
        if as_of is None:  # the file says its date on every row
            assert len(cutoffs) == 1 and None not in cutoffs, path.name
        else:  # no cut-off column: the date is in the name, and given for --as-of
            assert cutoffs == {None} and as_of.isoformat() in path.name
        seen |= set(licences)
    assert {pool[licence].country for licence in seen} == {"GT", "MX"}
    assert any(as_of for _, as_of in snapshots) and any(not as_of for _, as_of in snapshots)
    assert any(path.suffix == ".xlsx" for path, _ in snapshots)


def test_licences_change_status_between_snapshots(snapshots):
    history: dict[str, list[str]] = {}
    for path, _ in snapshots:
        for r in records(path, "licence_no"):
            word = fold(str(r["status"]))
            status = next(s for s, words in STATUS_WORDS.items() if word in words)
            history.setdefault(str(r["licence_no"]), []).append(status)
    changed = {licence for licence, statuses in history.items() if len(set(statuses)) > 1}
    assert len(changed) >= 5
    every = Counter(s for statuses in history.values() for s in statuses)
    assert set(every) == set(STATUS_WORDS)
    assert every["active"] > sum(every.values()) / 2


def test_a_minority_earns_below_the_minimum_wage(small):
    compared = below = 0
    for path in contract_files(small):
        for r in records(path, "contract_id"):
            wage, start = number(r["wage_amount"]), date(r["start_date"])
            days = PERIOD_DAYS.get(fold(str(r["wage_period"])))
            currency = fold(str(r["currency"] or "mxn"))
            if currency != "mxn" or days is None or wage is None or wage <= 0 or start is None:
                continue  # other currencies, piece rates, and the deliberately faulty rows
            compared += 1
            below += wage / days < MINIMUM_WAGE_MXN_DAY[start.year]
    low, high = BELOW_MINIMUM_BAND
    assert compared > 1_000
    assert low <= below / compared <= high, below / compared


def test_fees_are_few_concentrated_and_complained_of_and_sectors_differ(small, snapshots):
    rows = [r for p in contract_files(small) for r in records(p, "contract_id")]
    payers = [r for r in rows if (number(r["fee"]) or 0) > 0]
    assert 0.08 <= len(payers) / len(rows) <= 0.2, len(payers) / len(rows)
    paid: dict[str, list[bool]] = {}
    for r in rows:
        paid.setdefault(str(r["recruiter_licence"] or ""), []).append((number(r["fee"]) or 0) > 0)
    charging = {lic for lic, v in paid.items() if lic and len(v) >= 5 and sum(v) / len(v) > 0.5}
    assert 3 <= len(charging) <= len(paid) / 2
    assert sum(sum(paid[lic]) for lic in charging) > len(payers) / 2
    # The registers' complaints, in the latest snapshot of each country, fall on those licences.
    latest = [path for path, _ in snapshots[-2:]]
    complaints = {
        str(r["licence_no"]): number(r["complaints"]) or 0
        for path in latest
        for r in records(path, "licence_no")
    }
    against = sum(n for lic, n in complaints.items() if lic in charging)
    assert against > sum(complaints.values()) / 2
    enrolled: dict[str, list[bool]] = {}
    for r in rows:
        enrolled.setdefault(fold(str(r["sector"])), []).append(
            fold(str(r["social_security"] or "")) in YES
        )
    share = {sector: sum(v) / len(v) for sector, v in enrolled.items() if len(v) >= 50}
    assert share["construccion"] > 0.5 > 0.3 > share["cafe"]


def test_faulty_rows_and_the_wage_corrections(small):
    rows = [r for p in contract_files(small) for r in records(p, "contract_id")]
    faults = Counter()
    for r in rows:
        start, end = date(r["start_date"]), date(r["end_date"])
        faults["two_digit_year"] += start is None
        faults["end_before_start"] += bool(start and end and end < start)
        faults["negative_wage"] += (number(r["wage_amount"]) or 0) < 0
        faults["unknown_period"] += fold(str(r["wage_period"])) not in {*PERIOD_DAYS, "destajo"}
    assert all(faults.values()), faults
    assert 0.002 <= sum(faults.values()) / len(rows) <= 0.01
    (corrections,) = [p for p in of_kind(small, "contracts") if "correcciones" in p.name]
    first = {r["contract_id"]: number(r["wage_amount"]) for r in rows}
    changed = records(corrections, "contract_id")
    assert 10 <= len(changed) <= 40
    assert all(number(r["wage_amount"]) != first[r["contract_id"]] for r in changed)
