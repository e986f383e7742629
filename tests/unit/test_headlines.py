"""Headline sentences from hand-built result tables, in both languages (numbers worked out by
hand in the comments). A hidden cell is never used; a comparison that would need one, or
months that are not there, is said, not guessed."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory.filters import Filter
from observatory.web.headlines import headline

NBSP = "\u00a0"


def monthly(values: dict[str, int | None]) -> pd.DataFrame:
    """A monthly_registrations table; None is a suppressed month."""
    return pd.DataFrame(
        {
            "month": pd.array(list(values), dtype="string"),
            "registrations_count": pd.array(list(values.values()), dtype="Int64"),
            "workers_count": pd.array(list(values.values()), dtype="Int64"),
            "suppressed": [v is None for v in values.values()],
        }
    )


def months(first: str, last: str, value: int = 100) -> dict[str, int | None]:
    span = pd.period_range(first, last, freq="M")
    return {str(p): value for p in span}


def test_trend_compares_the_last_complete_quarter_with_a_year_earlier(corridor):
    # Data to Aug 2024: Q3 2024 is not complete, so Q2 2024 (Apr-Jun) against Q2 2023.
    # Q2 2023 = 100 + 100 + 100 = 300; Q2 2024 = 110 + 120 + 106 = 336; 36 / 300 = +12 %.
    values = months("2023-01", "2024-08")
    values.update({"2024-04": 110, "2024-05": 120, "2024-06": 106})
    flt = Filter(destination=("MX-CHP",))
    table = monthly(values)
    assert headline("monthly_registrations", table, flt, corridor, "en") == (
        "Registrations to Chiapas rose 12% in Q2 2024 against Q2 2023 (336 against 300)."
    )
    assert headline("monthly_registrations", table, flt, corridor, "es") == (
        f"Los registros hacia Chiapas subieron un 12{NBSP}% en el T2 de 2024 frente al "
        "T2 de 2023 (336 frente a 300)."
    )


def test_trend_falls_with_thousands_in_each_language(corridor):
    # Data to Dec 2024: Q4 2024 is complete. Q4 2023 = 3 x 1,000 = 3,000;
    # Q4 2024 = 900 + 900 + 900 = 2,700; -300 / 3,000 = -10 %. No destination named.
    values = months("2023-10", "2024-12", 1000)
    values.update({"2024-10": 900, "2024-11": 900, "2024-12": 900})
    table = monthly(values)
    assert headline("monthly_registrations", table, Filter(), corridor, "en") == (
        "Registrations fell 10% in Q4 2024 against Q4 2023 (2,700 against 3,000)."
    )
    assert headline("monthly_registrations", table, Filter(), corridor, "es") == (
        f"Los registros bajaron un 10{NBSP}% en el T4 de 2024 frente al T4 de 2023 "
        "(2.700 frente a 3.000)."
    )


def test_trend_says_when_there_are_not_enough_months(corridor):
    # Jan-Jun 2024 only: Q2 2024 is complete but Q2 2023 is not in the data.
    table = monthly(months("2024-01", "2024-06"))
    assert headline("monthly_registrations", table, Filter(), corridor, "en") == (
        "Not enough months to compare the last complete quarter with the same quarter a "
        "year earlier."
    )
    assert headline("monthly_registrations", table, Filter(), corridor, "es") == (
        "No hay meses suficientes para comparar el último trimestre completo con el mismo "
        "trimestre del año anterior."
    )


def test_trend_never_compares_through_a_hidden_month(corridor):
    values = months("2023-01", "2024-06")
    values["2023-05"] = None  # suppressed: Q2 2023 has no published total
    table = monthly(values)
    en = headline("monthly_registrations", table, Filter(), corridor, "en")
    es = headline("monthly_registrations", table, Filter(), corridor, "es")
    assert en == (
        "Q2 2024 cannot be compared with Q2 2023: some of their months count too few "
        "workers to be published."
    )
    assert es == (
        "No se puede comparar el T2 de 2024 con el T2 de 2023: algunos de sus meses cuentan "
        "muy pocos trabajadores para publicarse."
    )


def flows(rows: list[tuple[str, str, str, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "origin_admin1": [r[0] for r in rows],
            "border_point": [r[1] for r in rows],
            "destination_admin1": [r[2] for r in rows],
            "registrations_count": pd.array([r[3] for r in rows], dtype="Int64"),
            "workers_count": pd.array([r[3] for r in rows], dtype="Int64"),
            "suppressed": [r[3] is None for r in rows],
        }
    )


FLOWS = [
    ("GT-09", "el_carmen", "MX-TAB", 6),
    ("GT-12", "el_carmen", "MX-CHP", 6),
    ("GT-12", "tecun_uman", "MX-CHP", 37),
    ("GT-12", "tecun_uman", "MX-TAB", 5),
    ("MX-CHP", "tecun_uman", "GT-12", 5),  # a return: not a destination in Mexico
]


def test_top_destination_and_its_share(corridor):
    # Chiapas 6 + 37 = 43, Tabasco 6 + 5 = 11; 43 / 54 = 79.6 % -> 80 %.
    table = flows(FLOWS)
    assert headline("flows", table, Filter(), corridor, "en") == (
        "Chiapas is the main destination: 43 of 54 registrations (80%)."
    )
    assert headline("flows", table, Filter(), corridor, "es") == (
        f"Chiapas es el destino principal: 43 de 54 registros (80{NBSP}%)."
    )


def test_top_destination_gives_no_share_when_a_cell_is_hidden(corridor):
    table = flows([*FLOWS, ("GT-13", "el_carmen", "MX-TAB", None)])
    assert headline("flows", table, Filter(), corridor, "en") == (
        "Chiapas is the main destination among the published figures (43 registrations); "
        "some cells are hidden, so no share is given."
    )
    assert headline("flows", table, Filter(), corridor, "es") == (
        "Chiapas es el destino principal entre las cifras publicadas (43 registros); hay "
        "celdas ocultas, por eso no se da su parte."
    )


def test_largest_sector(corridor):
    # coffee 30, construction 8, sugar cane 5 (Chiapas); banana 10, papaya 1 (Tabasco):
    # 30 of 54 -> 55.6 % -> 56 %.
    rows = [
        ("MX-CHP", "coffee", 30),
        ("MX-CHP", "construction", 8),
        ("MX-CHP", "sugar_cane", 5),
        ("MX-TAB", "banana", 10),
        ("MX-TAB", "papaya", 1),
    ]
    table = pd.DataFrame(
        {
            "destination_admin1": [r[0] for r in rows],
            "sector": [r[1] for r in rows],
            "registrations_count": pd.array([r[2] for r in rows], dtype="Int64"),
            "share_pct": [0.0] * len(rows),
            "suppressed": [False] * len(rows),
        }
    )
    assert headline("sector_by_destination", table, Filter(), corridor, "en") == (
        "Coffee is the largest sector: 30 of 54 registrations (56%)."
    )
    assert headline("sector_by_destination", table, Filter(), corridor, "es") == (
        f"Café es el sector más grande: 30 de 54 registros (56{NBSP}%)."
    )


def test_share_below_the_minimum_wage(corridor):
    table = pd.DataFrame(
        {
            "breakdown": ["all", "sector"],
            "key": ["all", "coffee"],
            "contracts_count": pd.array([7, 2], dtype="Int64"),
            "comparable_contracts_count": pd.array([6, 1], dtype="Int64"),
            "share_below_pct": pd.array([50.0, 0.0], dtype="Float64"),
            "suppressed": [False, False],
        }
    )
    assert headline("wage_below_minimum_share", table, Filter(), corridor, "en") == (
        "50% of the contracts compared with the minimum wage pay less than it "
        "(6 contracts compared)."
    )
    assert headline("wage_below_minimum_share", table, Filter(), corridor, "es") == (
        f"El 50{NBSP}% de los contratos comparados con el salario mínimo pagan menos que él "
        "(6 contratos comparados)."
    )
    hidden = table.assign(suppressed=[True, False], share_below_pct=[None, 0.0])
    assert headline("wage_below_minimum_share", hidden, Filter(), corridor, "en") == (
        "The share of contracts paying less than the minimum wage is not published for this "
        "selection."
    )


def test_recruiter_compliance(corridor):
    # active 7 of 22 registrations through a recruiter (7 + 5 + 5 + 2 + 3) = 31.8 % -> 32 %.
    table = pd.DataFrame(
        {
            "category": [
                *("active", "suspended", "revoked", "expired", "unregistered"),
                "direct_hire",
            ],
            "registrations_count": pd.array([7, 5, 5, 2, 3, 37], dtype="Int64"),
            "share_pct": pd.array([31.818182, 22.7, 22.7, 9.1, 13.6, None], dtype="Float64"),
            "suppressed": [False] * 6,
        }
    )
    assert headline("recruiter_compliance", table, Filter(), corridor, "en") == (
        "32% of the registrations through a recruiter used a licence that was active on the "
        "day (7 registrations)."
    )
    assert headline("recruiter_compliance", table, Filter(), corridor, "es") == (
        f"El 32{NBSP}% de los registros por medio de un reclutador usó una licencia vigente "
        "ese día (7 registros)."
    )


def test_other_charts_name_their_largest_published_figure_never_a_hidden_one(corridor):
    # construction 99 is suppressed (a forged value behind the flag): coffee 21 is named.
    table = pd.DataFrame(
        {
            "sector": ["coffee", "construction", "banana"],
            "workers_count": pd.array([21, 99, 10], dtype="Int64"),
            "women_count": pd.array([5, None, 3], dtype="Int64"),
            "share_women_pct": pd.array([23.8, None, 30.0], dtype="Float64"),
            "suppressed": [False, True, False],
        }
    )
    en = headline("women_minors_by_sector", table, Filter(), corridor, "en")
    es = headline("women_minors_by_sector", table, Filter(), corridor, "es")
    assert en == "The largest published figure is Coffee: 21 (workers)."
    assert es == "La mayor cifra publicada es Café: 21 (trabajadores)."
    assert "99" not in en + es


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_empty_table_says_nothing_can_be_published(corridor, lang):
    table = monthly({})
    text = headline("flows", table, Filter(), corridor, lang)
    assert (
        text
        == {
            "en": "No figure can be published for this selection.",
            "es": "Ninguna cifra puede publicarse para esta selección.",
        }[lang]
    )
