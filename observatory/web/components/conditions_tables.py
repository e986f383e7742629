"""Tables of the working-conditions page: wages, fees and contract conditions, one row per
sector, state of destination and recruiter (no data access: results and names come in)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from observatory.i18n import format_number, t
from observatory.web.components.common import sector_name, unit_name
from observatory.web.components.tables import count_text, data_table, share_text, value

if TYPE_CHECKING:
    from dash import dash_table

    from observatory.corridor import Corridor

CONDITIONS = (
    "written_contract",
    "social_security",
    "hours_over_48",
    "housing_provided",
    "transport_paid",
)
DIRECT_HIRE = "direct_hire"
# The register can hold thousands of licences: the tables list the recruiters with the most
# workers (the recruiter filter reaches any other), so that the page stays light.
RECRUITER_ROWS = 50
Label = Callable[[str, str], str]


def limited(table: pd.DataFrame, limit: int = RECRUITER_ROWS) -> pd.DataFrame:
    """Every row but the recruiter breakdown's, which keeps direct hire and the `limit` licences
    with the most workers (a hidden count sorts last)."""
    recruiters = table[(table["breakdown"] == "recruiter") & (table["key"] != DIRECT_HIRE)]
    if len(recruiters) <= limit:
        return table
    workers = recruiters["workers_count"].astype("Float64").fillna(-1)
    keep = set(workers.sort_values(ascending=False, kind="stable").index[:limit])
    return table[(table.index.isin(keep)) | ~table.index.isin(recruiters.index)]


def labeller(corridor: Corridor, recruiter_names: Mapping[str, str], lang: str) -> Label:
    """(breakdown, key) -> the row's name: "Total", a sector, a state, "LICENCE — Name"."""

    def label(breakdown: str, key: str) -> str:
        if breakdown == "all":
            return t("conditions.all", lang)
        if breakdown == "destination":
            return unit_name(corridor, key)
        if breakdown == "recruiter":
            if key == DIRECT_HIRE:
                return t("conditions.direct_hire", lang)
            name = recruiter_names.get(key)
            return f"{key} — {name}" if name else key
        return sector_name(corridor, key, lang)

    return label


def _by_key(table: pd.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["breakdown"], r["key"]): r for r in table.to_dict("records")}


def _money(v: object, lang: str) -> str:
    v = value(v)
    return "–" if v is None else "$" + format_number(float(v), lang, 2)


def _group(breakdown: str, lang: str) -> str:
    return t(f"conditions.breakdown.{breakdown}", lang)


def _table(table_id: str, columns: list, records: list, numeric: tuple, lang: str):
    return data_table(
        table_id,
        columns,
        records,
        numeric=numeric,
        searchable=True,
        search_placeholder=t("conditions.search", lang),
        page_size=15,
    )


def wages_table(
    table_id: str, below: pd.DataFrame, gap: pd.DataFrame, label: Label, lang: str
) -> dash_table.DataTable:
    """Share below the minimum (contracts, workers) and the women/men means and gap per row."""
    gaps = _by_key(gap)
    records = []
    for row in limited(below).to_dict("records"):
        g = gaps.get((row["breakdown"], row["key"]), {})
        records.append(
            {
                "group": _group(row["breakdown"], lang),
                "name": label(row["breakdown"], row["key"]),
                "workers": count_text(row["workers_count"], lang),
                "below": share_text(row["share_below_pct"], lang),
                "below_workers": share_text(row["share_below_workers_pct"], lang),
                "women": _money(g.get("women_mean_daily_mxn"), lang),
                "men": _money(g.get("men_mean_daily_mxn"), lang),
                "gap": share_text(g.get("gap_pct"), lang),
            }
        )
    columns = [
        ("group", t("conditions.col.group", lang)),
        ("name", t("conditions.col.name", lang)),
        ("workers", t("conditions.col.workers", lang)),
        ("below", t("conditions.col.below_contracts", lang)),
        ("below_workers", t("conditions.col.below_workers", lang)),
        ("women", t("conditions.col.women_mean", lang)),
        ("men", t("conditions.col.men_mean", lang)),
        ("gap", t("conditions.col.gap", lang)),
    ]
    numeric = ("workers", "below", "below_workers", "women", "men", "gap")
    return _table(table_id, columns, records, numeric, lang)


def fees_table(
    table_id: str, workers: pd.DataFrame, contracts: pd.DataFrame, label: Label, lang: str
) -> dash_table.DataTable:
    """SDG 10.7.1 and the share who paid any fee, over workers first, then over contracts."""
    per_contract = _by_key(contracts)
    records = []
    for row in limited(workers).to_dict("records"):
        c = per_contract.get((row["breakdown"], row["key"]), {})
        records.append(
            {
                "group": _group(row["breakdown"], lang),
                "name": label(row["breakdown"], row["key"]),
                "workers": count_text(row["workers_count"], lang),
                "sdg": share_text(row["sdg_mean_workers_pct"], lang),
                "ratios": "–"
                if value(row["sdg_mean_workers_pct"]) is None
                else count_text(row["ratio_workers_count"], lang),
                "paid": share_text(row["share_paid_workers_pct"], lang),
                "sdg_contracts": share_text(c.get("sdg_mean_pct"), lang),
                "paid_contracts": share_text(c.get("share_paid_pct"), lang),
            }
        )
    columns = [
        ("group", t("conditions.col.group", lang)),
        ("name", t("conditions.col.name", lang)),
        ("workers", t("conditions.col.workers", lang)),
        ("sdg", t("conditions.col.sdg_workers", lang)),
        ("ratios", t("conditions.col.ratio_workers", lang)),
        ("paid", t("conditions.col.paid_workers", lang)),
        ("sdg_contracts", t("conditions.col.sdg_contracts", lang)),
        ("paid_contracts", t("conditions.col.paid_contracts", lang)),
    ]
    numeric = ("workers", "sdg", "ratios", "paid", "sdg_contracts", "paid_contracts")
    return _table(table_id, columns, records, numeric, lang)


def conditions_table(
    table_id: str, table: pd.DataFrame, label: Label, lang: str
) -> dash_table.DataTable:
    """The share of contracts with each condition, per row (unknown values left out)."""
    records = [
        {
            "group": _group(row["breakdown"], lang),
            "name": label(row["breakdown"], row["key"]),
            "contracts": count_text(row["contracts_count"], lang),
            "workers": count_text(row["workers_count"], lang),
            **{name: share_text(row[f"{name}_pct"], lang) for name in CONDITIONS},
        }
        for row in limited(table).to_dict("records")
    ]
    columns = [
        ("group", t("conditions.col.group", lang)),
        ("name", t("conditions.col.name", lang)),
        ("contracts", t("conditions.col.contracts", lang)),
        ("workers", t("conditions.col.workers", lang)),
        *((name, t(f"conditions.col.{name}", lang)) for name in CONDITIONS),
    ]
    return _table(table_id, columns, records, ("contracts", "workers", *CONDITIONS), lang)
