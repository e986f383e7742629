"""Slow connections: static files cached by browsers and compressed hard, once per process.

Dash serves its scripts under `/_dash-component-suites/` (fingerprinted URLs such as
`dash_renderer.v4_4_1m1795567176.min.js`, plus a few unversioned ones it loads on demand,
among them plotly.min.js, 4.8 MB) and our files under `/assets/` (stamped `?m=<mtime>`).

- **Caching.** A fingerprinted or stamped URL changes whenever its content does, so the
  browser may keep it for a year without asking again (`immutable`). An unversioned one must
  be revalidated on every visit (`no-cache`: a 304 without a body when it has not changed).
- **Compression.** Flask-Compress (Dash's `compress=True`) compresses every response at a
  fast level on every request. Static files never change while the process runs, so they
  are compressed once at a high level (brotli 9 with a 16 MB window: plotly.min.js goes to
  1.23 MB instead of 1.41 MB, in 0.4 s once) and served from memory; Flask-Compress leaves a
  response that already has a Content-Encoding alone and still handles callbacks and pages.
"""

from __future__ import annotations

import gzip
import threading
from typing import TYPE_CHECKING

import brotli
from flask import request

if TYPE_CHECKING:
    from flask import Flask, Response

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
COMPRESSIBLE = frozenset(
    {
        "application/javascript",
        "text/javascript",
        "text/css",
        "application/json",
        "application/geo+json",
        "image/svg+xml",
        "text/plain",
    }
)
MIN_BYTES = 500  # smaller files gain nothing from compression
BROTLI = {"quality": 9, "lgwin": 24}
GZIP_LEVEL = 9


class CompressedFiles:
    """Compressed bodies of static files, by (URL, encoding, size): computed once, thread-safe."""

    def __init__(self) -> None:
        self._bodies: dict[tuple[str, str, int], bytes] = {}
        self._lock = threading.Lock()

    def get(self, url: str, encoding: str, data: bytes) -> bytes:
        key = (url, encoding, len(data))
        body = self._bodies.get(key)
        if body is None:
            if encoding == "br":
                body = brotli.compress(data, mode=brotli.MODE_TEXT, **BROTLI)
            else:
                body = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            with self._lock:
                self._bodies[key] = body
        return body


def accepted_encoding(accept_encoding: str) -> str | None:
    """br when the client takes it, else gzip, else None (tokens with q=0 are refused)."""
    offered = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        offered[name.strip()] = q
    for encoding in ("br", "gzip"):
        if offered.get(encoding, 0) > 0:
            return encoding
    return None


def cache_control(path: str, query: dict, response: Response, prefix: str) -> str | None:
    """The Cache-Control a static response deserves (None: not a static file of ours)."""
    if path.startswith(prefix + "_dash-component-suites/"):
        # Dash gives fingerprinted files max-age=31536000 and the others an ETag only.
        fingerprinted = (response.cache_control.max_age or 0) >= 31536000
        return IMMUTABLE if fingerprinted else REVALIDATE
    if path.startswith(prefix + "assets/"):
        return IMMUTABLE if "m" in query else REVALIDATE
    return None


def register_static_transfer(server: Flask, prefix: str = "/") -> None:
    """Cache headers and one-time compression for Dash's scripts and the assets folder."""
    files = CompressedFiles()

    @server.after_request
    def _static_transfer(response: Response) -> Response:
        if request.method not in ("GET", "HEAD"):
            return response
        policy = cache_control(request.path, request.args, response, prefix)
        if policy is None:
            return response
        if response.status_code not in (200, 304):
            return response
        response.headers["Cache-Control"] = policy
        vary = response.headers.get("Vary", "")
        if "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        if (
            response.status_code != 200
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        encoding = accepted_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        response.set_data(files.get(request.full_path, encoding, data))
        response.headers["Content-Encoding"] = encoding
        return response
