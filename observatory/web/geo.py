"""The corridor's boundaries as a small GeoJSON the browser fetches once (not per figure)."""

from __future__ import annotations

import hashlib
import json
import threading
from typing import TYPE_CHECKING

import flask
from shapely.geometry import mapping, shape

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# ~0.01° is about 1 km: invisible at the corridor's zoom, and it shrinks the file tenfold.
SIMPLIFY_TOLERANCE_DEG = 0.01
COORDINATE_DECIMALS = 4
MAX_AGE_SECONDS = 24 * 3600


def _round(coords: object) -> object:
    if isinstance(coords, (list, tuple)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), COORDINATE_DECIMALS) for c in coords]
        return [_round(c) for c in coords]
    return coords


def simplified_boundaries(collection: dict) -> dict:
    """The FeatureCollection with simplified geometry, rounded coordinates and only `id`s."""
    features = []
    for feature in collection.get("features", []):
        geometry = shape(feature["geometry"]).simplify(
            SIMPLIFY_TOLERANCE_DEG, preserve_topology=True
        )
        features.append(
            {
                "type": "Feature",
                "id": feature["id"],
                "properties": {},
                "geometry": {
                    **mapping(geometry),
                    "coordinates": _round(mapping(geometry)["coordinates"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


BOUNDARIES_ENDPOINT = "observatory_boundaries"  # its Flask endpoint name (create_app)


class BoundariesEndpoint:
    """A Flask view serving the simplified boundaries, built on the first request only."""

    def __init__(self, corridor: Corridor) -> None:
        self._corridor = corridor
        self._lock = threading.Lock()
        self._body: bytes | None = None
        self._etag = ""

    def _build(self) -> bytes:
        with self._lock:
            if self._body is None:
                collection = simplified_boundaries(self._corridor.boundaries_geojson())
                self._body = json.dumps(collection, separators=(",", ":")).encode("utf-8")
                self._etag = hashlib.sha256(self._body).hexdigest()[:32]
            return self._body

    def geojson(self) -> dict:
        """The simplified boundaries as a GeoJSON dict (for figures drawn off the page)."""
        return json.loads(self._build())

    def __call__(self) -> flask.Response:
        """Serve the GeoJSON with a validator, so a browser revalidates instead of refetching."""
        body = self._build()
        response = flask.Response(body, mimetype="application/json")
        response.set_etag(self._etag)
        response.cache_control.public = True
        response.cache_control.max_age = MAX_AGE_SECONDS
        return response.make_conditional(flask.request)
