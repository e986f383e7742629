"""The flask-caching Cache of the web app, configured from Settings and attached to the server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_caching import Cache

if TYPE_CHECKING:
    from flask import Flask

    from observatory.config import Settings

CACHE_TYPES = ("FileSystemCache", "RedisCache", "NullCache")
# Keys carry the data version, so a new load never reads an old entry; the timeout only
# bounds how long superseded entries occupy space.
DEFAULT_TIMEOUT_SECONDS = 24 * 3600


def cache_config(settings: Settings) -> dict[str, object]:
    """flask-caching configuration for `settings.cache_type` (a ValueError names a bad one)."""
    if settings.cache_type not in CACHE_TYPES:
        raise ValueError(
            f"CACHE_TYPE={settings.cache_type!r} is not supported; use one of {CACHE_TYPES}"
        )
    config: dict[str, object] = {
        "CACHE_TYPE": settings.cache_type,
        "CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT_SECONDS,
        # One Redis may serve several corridors or deployments: keep their keys apart.
        "CACHE_KEY_PREFIX": f"observatory:{settings.corridor}:",
        "CACHE_NO_NULL_WARNING": True,  # NullCache is a deliberate choice (tests), not a slip
    }
    if settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = str(settings.instance_dir / "cache")
        config["CACHE_THRESHOLD"] = 5000  # files kept before the oldest are pruned
    elif settings.cache_type == "RedisCache":
        config["CACHE_REDIS_URL"] = settings.cache_redis_url
    return config


def make_cache(server: Flask, settings: Settings) -> Cache:
    """A Cache bound to `server` (no connection is opened until the first get/set)."""
    cache = Cache(config=cache_config(settings))
    cache.init_app(server)
    return cache
