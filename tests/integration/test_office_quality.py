"""Data quality per office, against the load reports of hand-written fixtures, on both databases."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from etl.load import load_file
from observatory.filters import Filter
from observatory.indicators.offices import office_quality
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

BORDER = FIXTURES / "border_office"
COLUMNS = (
    "batches_count",
    "rows_loaded",
    "rows_updated",
    "rows_quarantined",
    "registrations_count",
    "last_registered_on",
)


def test_each_office_gets_its_loads_rows_and_freshness(engine, corridor):
    def load(name):
        report = load_file(engine, BORDER / name, "border_office", corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded", report.message
        return report

    load("registros_tecun_uman_2024T1.csv")  # 29 read: 20 new, 1 repeat, 8 quarantined
    load("correccion_tecun_uman_2024.csv")  # 4 read: 1 new (TU-0028), 1 updated, 2 unchanged
    load("el_carmen_2024_english.tsv")  # 4 new, all El Carmen (Malacatán, Talismán: aliases)
    loaded_on = dt.date.today()
    with engine.connect() as conn:
        table, hidden = office_quality(
            conn, Filter(), corridor, 5, today=loaded_on + dt.timedelta(days=3)
        )
    assert hidden == 0
    rows = {
        r["office"]: tuple(r[c] for c in COLUMNS)
        for r in table.astype(object).where(table.notna(), None).to_dict("records")
    }
    assert rows == {
        # Tecún Umán: 2 loads; 20 + 1 new rows, 1 updated, 8 quarantined; it holds 21
        # registrations, the newest TU-0028 of 02/02/2024 (the correction file).
        "tecun_uman": (2, 21, 1, 8, 21, "2024-02-02"),
        "el_carmen": (1, 4, 0, 0, 4, "2024-02-12"),  # EC-004, 2024-02-12
        "la_mesilla": (0, 0, 0, 0, 0, None),  # border points of the corridor with no load
        "el_ceibo": (0, 0, 0, 0, 0, None),
    }
    freshness = table.set_index("office")[["last_load_on", "days_since_last_load"]]
    assert freshness.loc["tecun_uman"].tolist() == [loaded_on.isoformat(), 3]
    assert freshness.loc["la_mesilla"].isna().all()


def test_a_load_with_rows_of_several_offices_is_counted_once(engine, corridor):
    # la_mesilla_2024_pipes.csv holds La Mesilla rows only; the Q1 indicators fixture holds
    # both Tecún Umán and El Carmen rows: one load, "several".
    report = load_file(
        engine,
        FIXTURES / "indicators" / "border_office_q1.csv",
        "border_office",
        corridor,
        TEST_PSEUDONYM_KEY,
    )
    with engine.connect() as conn:
        table, _ = office_quality(conn, Filter(), corridor, 5)
    several = table[table["office"] == "several"].iloc[0]
    assert (several["batches_count"], several["rows_loaded"]) == (1, report.rows_loaded)  # 28
    by_office = table.set_index("office")["registrations_count"]
    # border_office_q1.csv: flows A, B, D at El Carmen (7 + 6 + 3), C at Tecún Umán (12).
    assert (by_office["el_carmen"], by_office["tecun_uman"]) == (16, 12)
    assert pd.isna(table.set_index("office").loc["el_carmen", "last_load_on"])
