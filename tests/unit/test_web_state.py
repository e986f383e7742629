"""The view state: URL query string ⇄ Filter + language ⇄ filter controls, and bad links."""

from __future__ import annotations

import datetime as dt

from observatory.filters import Filter
from observatory.web.components.filter_panel import month_options, recruiter_options
from observatory.web.recruiter_choice import matches
from observatory.web.state import View, parse_search, view_from_controls, view_from_store


def test_a_link_round_trips(corridor):
    view = parse_search("?sex=F&origin=GT-12,GT-13&from=2024-01-01&lang=en", corridor)
    assert view.lang == "en"
    assert view.filter == Filter(
        period_start=dt.date(2024, 1, 1), sex=("F",), origin=("GT-12", "GT-13")
    )
    assert not view.problems
    assert parse_search(view.search(), corridor) == view
    assert view.search() == "?from=2024-01-01&sex=F&origin=GT-12,GT-13&lang=en"


def test_age_group_plus_survives_the_url(corridor):
    view = View(Filter(age_group=("55+",)), "es")
    assert "55%2B" in view.search()
    assert parse_search(view.search(), corridor).filter.age_group == ("55+",)


def test_bad_parameters_are_dropped_and_reported_the_rest_is_kept(corridor):
    view = parse_search("?sex=X&origin=GT-12&sector=gold&lang=fr&whatever=1", corridor)
    assert view.filter == Filter(origin=("GT-12",))
    assert view.lang == "es"
    assert {(p.param, p.value) for p in view.problems} == {
        ("sex", "X"),
        ("sector", "gold"),
        ("lang", "fr"),
    }


def test_a_period_backwards_drops_the_start(corridor):
    view = parse_search("?from=2024-05-01&to=2024-01-31", corridor)
    assert view.filter.period_end == dt.date(2024, 1, 31)
    assert view.filter.period_start is None
    assert [p.param for p in view.problems] == ["from"]


def test_controls_and_store_give_the_same_view(corridor):
    view = parse_search("?to=2024-06-30&border=tecun_uman&direction=exit&lang=en", corridor)
    values = view.control_values()
    assert values == [None, "2024-06-30", [], [], [], [], [], ["tecun_uman"], ["exit"], []]
    assert view_from_controls(values, "en", corridor) == view
    assert view_from_store(view.store(), corridor) == view
    assert view_from_store(None, corridor) == View(Filter(), "es")
    forged = view_from_store({"filter": {"sector": "<script>"}, "lang": "en"}, corridor)
    assert forged.filter == Filter() and forged.problems


def test_month_options_keep_a_linked_day_that_is_not_a_month_start():
    bounds = (dt.date(2024, 1, 10), dt.date(2024, 3, 2))
    starts = month_options(bounds, "es", end=False, keep="2024-02-15")
    assert [o["value"] for o in starts] == ["2024-01-01", "2024-02-01", "2024-02-15", "2024-03-01"]
    assert starts[0]["label"] == "ene 2024"
    assert starts[2]["label"] == "15 de febrero de 2024"
    ends = month_options(bounds, "en", end=True, keep=None)
    assert [o["value"] for o in ends] == ["2024-01-31", "2024-02-29", "2024-03-31"]
    assert month_options((None, None), "en", end=True, keep=None) == []


def test_a_recruiter_survives_the_url_the_controls_and_the_store(corridor):
    view = parse_search("?recruiter=gt-rec-0003,GT-REC-0001&sex=F&lang=en", corridor)
    assert view.filter == Filter(sex=("F",), recruiter=("GT-REC-0001", "GT-REC-0003"))
    assert view.search() == "?sex=F&recruiter=GT-REC-0001,GT-REC-0003&lang=en"
    values = view.control_values()
    assert values[-1] == ["GT-REC-0001", "GT-REC-0003"]
    assert view_from_controls(values, "en", corridor) == view
    assert view_from_store(view.store(), corridor) == view
    # A malformed licence costs that parameter only.
    bad = parse_search("?recruiter=GT%20REC&sex=F", corridor)
    assert bad.filter == Filter(sex=("F",))
    assert [(p.param, p.value) for p in bad.problems] == [("recruiter", "GT REC")]


def test_recruiter_options_are_the_selection_and_the_matches_only():
    names = {f"GT-REC-{n:04d}": f"Agencia {n}" for n in range(1, 5001)}
    names["MX-REC-0001"] = "Reclutadora Tapachula"
    assert matches("t", names) == []  # one character: nothing sent yet
    assert matches("tapáchula", names) == ["MX-REC-0001"]  # accents and case ignored
    assert len(matches("gt-rec", names)) == 30  # never the whole register
    options = recruiter_options(["GT-REC-0002", "ZZ-1"], ["GT-REC-0002", "MX-REC-0001"], names)
    assert options == [
        {"label": "GT-REC-0002 — Agencia 2", "value": "GT-REC-0002"},
        {"label": "ZZ-1", "value": "ZZ-1"},  # not in the register: the licence alone
        {"label": "MX-REC-0001 — Reclutadora Tapachula", "value": "MX-REC-0001"},
    ]


def test_titles_name_the_recruiter_filter(corridor):
    from observatory.web.components.describe import describe_where

    only = Filter(recruiter=("GT-REC-0101",), period_start=dt.date(2024, 1, 1))
    assert describe_where(only, corridor, "es") == "reclutador GT-REC-0101"
    both = Filter(sex=("F",), recruiter=("GT-REC-0101", "GT-REC-0102"))
    assert describe_where(both, corridor, "en") == "women, recruiter GT-REC-0101, GT-REC-0102"
    assert describe_where(Filter(sex=("F",)), corridor, "es") == "mujeres"
