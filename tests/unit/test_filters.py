"""Filter: URL round trips, validation, cache keys, and the WHERE clauses it becomes."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from observatory.db.queries import filter_clauses, reg
from observatory.definitions import AGE_GROUP_CODES
from observatory.filters import Filter, FilterError

D = dt.date

# (Filter, its URL parameters): to_query gives the parameters, from_query the Filter back.
ROUND_TRIPS = [
    (Filter(), {}),
    (Filter(period_start=D(2024, 1, 1)), {"from": "2024-01-01"}),
    (
        Filter(period_start=D(2024, 1, 1), period_end=D(2024, 3, 31)),
        {"from": "2024-01-01", "to": "2024-03-31"},
    ),
    (Filter(sex=("M", "F")), {"sex": "F,M"}),
    (Filter(age_group=("25-34", "18-24", "55+")), {"age": "18-24,25-34,55+"}),
    (Filter(sector=("coffee", "banana")), {"sector": "banana,coffee"}),
    (Filter(origin=("GT-13", "GT-12", "GT-12")), {"origin": "GT-12,GT-13"}),
    (Filter(destination=("MX-CHP",)), {"destination": "MX-CHP"}),
    (Filter(border_point=("tecun_uman",)), {"border": "tecun_uman"}),
    (Filter(direction=("exit",)), {"direction": "exit"}),
    (Filter(recruiter=("GT-REC-0003", "GT-REC-0001")), {"recruiter": "GT-REC-0001,GT-REC-0003"}),
]


@pytest.mark.parametrize(("flt", "query"), ROUND_TRIPS)
def test_to_query_and_back(flt: Filter, query: dict[str, str]) -> None:
    assert flt.to_query() == query
    assert Filter.from_query(query) == flt


# Messy but valid URL parameters -> the Filter they mean.
PARSES = [
    ({"lang": "en", "page": "3"}, Filter()),  # unknown names are ignored
    ({"sex": "f, m"}, Filter(sex=("F", "M"))),  # case and spaces do not matter
    ({"sex": ["F", "M"]}, Filter(sex=("F", "M"))),  # repeated parameter: a list
    ({"sex": ["F,M", "F"]}, Filter(sex=("F", "M"))),
    ({"sex": ""}, Filter()),  # a blank value selects everything
    ({"sector": "Coffee,,"}, Filter(sector=("coffee",))),
    ({"origin": "gt-12"}, Filter(origin=("GT-12",))),
    ({"age": "55 "}, Filter(age_group=("55+",))),  # "age=55+" unquoted: "+" became a space
    (
        {"from": "2024-02", "to": "2024-02"},
        Filter(period_start=D(2024, 2, 1), period_end=D(2024, 2, 29)),
    ),
    ({"direction": "RETURN"}, Filter(direction=("return",))),
    ({"recruiter": " gt-rec-0001 ,"}, Filter(recruiter=("GT-REC-0001",))),  # stored upper-case
    ({"recruiter": "MX/2024.7"}, Filter(recruiter=("MX/2024.7",))),
]


@pytest.mark.parametrize(("query", "expected"), PARSES)
def test_from_query_accepts(query: dict, expected: Filter) -> None:
    assert Filter.from_query(query) == expected


# Invalid values: the error names the parameter and the value.
ERRORS = [
    ({"sex": "X"}, "sex", "'X'"),
    ({"age": "18-25"}, "age", "'18-25'"),
    ({"direction": "in"}, "direction", "'in'"),
    ({"from": "2024-13-01"}, "from", "'2024-13-01'"),
    ({"from": "2024-02-30"}, "from", "'2024-02-30'"),
    ({"to": "15/03/2024"}, "to", "'15/03/2024'"),
    ({"to": "2024-01-01,2024-02-01"}, "to", "2024-01-01,2024-02-01"),
    ({"from": "2024-03-01", "to": "2024-02-01"}, "from", "'2024-03-01'"),
    ({"origin": "San Marcos"}, "origin", "'SAN MARCOS'"),
    ({"border": "Tecún Umán"}, "border", "'tecún umán'"),
    ({"sector": "drop table"}, "sector", "'drop table'"),
    ({"recruiter": "GT REC 1"}, "recruiter", "'GT REC 1'"),  # no spaces in a stored licence
    ({"recruiter": "<script>"}, "recruiter", "'<SCRIPT>'"),
    ({"recruiter": "-GT-1"}, "recruiter", "'-GT-1'"),  # a leading "-" could read as a formula
    ({"recruiter": "A" * 65}, "recruiter", "A" * 65),
]


@pytest.mark.parametrize(("query", "param", "value"), ERRORS)
def test_from_query_refuses(query: dict, param: str, value: str) -> None:
    with pytest.raises(FilterError) as info:
        Filter.from_query(query)
    assert str(info.value).startswith(f"{param}:")
    assert value in str(info.value)
    assert info.value.param == param


def test_constructor_validates_closed_vocabularies() -> None:
    with pytest.raises(FilterError, match="sex"):
        Filter(sex=("H",))
    with pytest.raises(FilterError, match="from"):
        Filter(period_start=D(2024, 2, 1), period_end=D(2024, 1, 1))
    assert Filter(sex="F") == Filter(sex=("F",))  # a lone string is one code


CORRIDOR_ERRORS = [
    ({"sector": "tobacco"}, "sector"),
    ({"origin": "GT-99"}, "origin"),
    ({"origin": "MX-CHP"}, "origin"),  # a destination unit is not an origin
    ({"destination": "GT-12"}, "destination"),
    ({"border": "nowhere"}, "border"),
]


@pytest.mark.parametrize(("query", "param"), CORRIDOR_ERRORS)
def test_from_query_checks_codes_against_the_corridor(corridor, query: dict, param: str) -> None:
    Filter.from_query(query)  # well-formed: accepted without a corridor
    with pytest.raises(FilterError, match=f"^{param}:"):
        Filter.from_query(query, corridor)


def test_corridor_codes_accepted(corridor) -> None:
    query = {
        "sector": corridor.sectors[0].code,
        "origin": corridor.units_of("GT")[0].code,
        "destination": "MX-CHP",
        "border": corridor.border_points[0].code,
    }
    assert Filter.from_query(query, corridor).to_query() == query


def test_cache_key_is_canonical() -> None:
    a = Filter(sex=("M", "F"), border_point=("tecun_uman",), period_start=D(2024, 1, 1))
    b = Filter.from_query({"border": "tecun_uman", "sex": "F,M,F", "from": "2024-01-01"})
    assert a == b and hash(a) == hash(b)
    assert a.cache_key() == b.cache_key() == "border=tecun_uman&from=2024-01-01&sex=F,M"
    licensed = Filter.from_query({"recruiter": "GT-REC-0003,gt-rec-0001", "sex": "F"})
    assert licensed.cache_key() == "recruiter=GT-REC-0001,GT-REC-0003&sex=F"
    assert Filter().cache_key() == ""
    assert Filter().is_empty() and not a.is_empty()


# Filter -> each WHERE clause it becomes: (SQL with placeholders, bound parameters).
CLAUSES = [
    (Filter(), []),
    (Filter(sex=("F",)), [("registration.sex IN (__[POSTCOMPILE_sex_1])", {"sex_1": ["F"]})]),
    (
        Filter(period_start=D(2024, 1, 1), period_end=D(2024, 6, 30)),
        [
            ("registration.registered_on >= :registered_on_1", {"registered_on_1": D(2024, 1, 1)}),
            ("registration.registered_on <= :registered_on_1", {"registered_on_1": D(2024, 6, 30)}),
        ],
    ),
    (
        Filter(origin=("GT-13", "GT-12"), destination=("MX-CHP",)),
        [
            (
                "registration.origin_admin1 IN (__[POSTCOMPILE_origin_admin1_1])",
                {"origin_admin1_1": ["GT-12", "GT-13"]},
            ),
            (
                "registration.destination_admin1 IN (__[POSTCOMPILE_destination_admin1_1])",
                {"destination_admin1_1": ["MX-CHP"]},
            ),
        ],
    ),
    (
        Filter(age_group=("15-17",), sector=("coffee",)),
        [
            ("registration.age_group IN (__[POSTCOMPILE_age_group_1])", {"age_group_1": ["15-17"]}),
            ("registration.sector IN (__[POSTCOMPILE_sector_1])", {"sector_1": ["coffee"]}),
        ],
    ),
    (
        Filter(border_point=("el_carmen",), direction=("return",)),
        [
            (
                "registration.office_code IN (__[POSTCOMPILE_office_code_1])",
                {"office_code_1": ["el_carmen"]},
            ),
            (
                "registration.direction IN (__[POSTCOMPILE_direction_1])",
                {"direction_1": ["return"]},
            ),
        ],
    ),
    (
        Filter(recruiter=("GT-REC-0001",)),
        [
            (
                "registration.recruiter_licence IN (__[POSTCOMPILE_recruiter_licence_1])",
                {"recruiter_licence_1": ["GT-REC-0001"]},
            )
        ],
    ),
]


@pytest.mark.parametrize(("flt", "expected"), CLAUSES)
def test_filter_clauses(flt: Filter, expected: list[tuple[str, dict]]) -> None:
    compiled = [clause.compile() for clause in filter_clauses(flt)]
    assert [(str(c), c.params) for c in compiled] == expected


EVERYTHING = Filter(
    period_start=D(2023, 11, 5),
    period_end=D(2024, 2, 7),
    sex=("F",),
    age_group=("25-34",),
    sector=("papaya",),
    origin=("GT-13",),
    destination=("MX-TAB",),
    border_point=("la_mesilla",),
    direction=("return",),
    recruiter=("GT-REC-0042",),
)


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "pg"])
def test_no_value_is_inlined(dialect) -> None:
    stmt = select(reg.c.id).where(*filter_clauses(EVERYTHING))
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    sql = str(compiled)
    for value in ("2023", "2024", "'F'", "25-34", "papaya", "GT-13", "MX-TAB", "la_mesilla", "REC"):
        assert value not in sql
    assert "'return'" not in sql
    assert len(compiled.params) == 10  # one bound parameter per filtered field
    assert set(compiled.params.values()) >= {"F", "papaya", "GT-13", "la_mesilla", "return"}


def _codes(pool: tuple[str, ...]):
    return st.lists(st.sampled_from(pool), max_size=len(pool)).map(tuple)


FILTERS = st.builds(
    Filter,
    period_start=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)),
    period_end=st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2040, 12, 31)),
    sex=_codes(("F", "M")),
    age_group=_codes(AGE_GROUP_CODES),
    sector=_codes(("coffee", "banana", "sugar_cane", "other")),
    origin=_codes(("GT-01", "GT-09", "GT-12", "GT-13")),
    destination=_codes(("MX-CHP", "MX-TAB", "MX-YUC")),
    border_point=_codes(("tecun_uman", "el_carmen", "la_mesilla")),
    direction=_codes(("exit", "return")),
    recruiter=_codes(("GT-REC-0001", "MX-REC-0002", "A/1.2_X")),
)


@given(FILTERS)
def test_any_filter_round_trips(flt: Filter) -> None:
    # Through the URL (urlencode, as the browser sees it, then parse_qs) and back.
    parsed = parse_qs(urlencode(flt.to_query()))
    again = Filter.from_query({k: v[0] for k, v in parsed.items()})
    assert again == flt
    assert again.cache_key() == flt.cache_key()
    assert flt.is_empty() == (flt.cache_key() == "")
