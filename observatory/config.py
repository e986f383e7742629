"""Settings from the environment: the only module that reads os.environ."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One environment variable the observatory reads, documented once."""

    env: str
    attribute: str
    default: str
    help: str


# Every variable the observatory reads. A test fails when one of these is missing from
# the README, so this list and the documentation cannot drift apart.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "database_url",
        "sqlite:///observatory.db",
        "SQLAlchemy URL of the database (SQLite file in the working folder by default).",
    ),
    Setting(
        "OBSERVATORY_PSEUDONYM_KEY",
        "pseudonym_key",
        "",
        "Secret key of the keyed hash that replaces national IDs. Required in production; "
        "the embedded default creates one in the instance folder, with a warning.",
    ),
    Setting(
        "OBSERVATORY_INSTANCE_DIR",
        "instance_dir",
        "instance",
        "Folder for local state: the embedded pseudonym key, the file cache, demo files.",
    ),
    Setting(
        "OBSERVATORY_CORRIDOR",
        "corridor",
        "gt_mx",
        "Corridor to serve: a folder name under observatory/corridor/data or a path.",
    ),
    Setting(
        "CACHE_TYPE",
        "cache_type",
        "FileSystemCache",
        "flask-caching backend: FileSystemCache, RedisCache or NullCache.",
    ),
    Setting(
        "CACHE_REDIS_URL",
        "cache_redis_url",
        "redis://127.0.0.1:6379/0",
        "Redis URL when CACHE_TYPE is RedisCache.",
    ),
    Setting("HOST", "host", "127.0.0.1", "Address `python app.py` listens on."),
    Setting("PORT", "port", "8050", "Port `python app.py` listens on."),
    Setting(
        "OBSERVATORY_LOAD_DEMO",
        "load_demo",
        "1",
        "1: `python app.py` loads the demo corridor when the database is empty; 0: never.",
    ),
    Setting(
        "OBSERVATORY_MIN_CELL",
        "min_cell",
        "5",
        "Disclosure threshold: a published cell must count at least this many workers.",
    ),
    Setting("OBSERVATORY_DEBUG", "debug", "0", "1 runs Dash in debug mode (never in production)."),
    Setting(
        "OBSERVATORY_MAX_FILE_MB",
        "max_file_mb",
        "512",
        "Largest source file a load accepts, in MB; a larger one is refused (split it).",
    ),
    Setting(
        "OBSERVATORY_ANALYTICS",
        "analytics",
        "duckdb",
        "duckdb: indicators run on a DuckDB copy of each data version, kept in the instance "
        "folder and rebuilt in the background after a load; sql: always on the database.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved once; pass it in, never read the environment."""

    database_url: str = "sqlite:///observatory.db"
    pseudonym_key: str = ""
    instance_dir: Path = Path("instance")
    corridor: str = "gt_mx"
    cache_type: str = "FileSystemCache"
    cache_redis_url: str = "redis://127.0.0.1:6379/0"
    host: str = "127.0.0.1"
    port: int = 8050
    load_demo: bool = True
    min_cell: int = 5
    debug: bool = False
    # Loading keeps a small index entry per distinct key; 512 MB of CSV stays under 1 GB.
    max_file_mb: int = 512
    analytics: str = "duckdb"  # "duckdb" | "sql"
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every documented variable from `environ` (default: os.environ)."""
        env = os.environ if environ is None else environ
        raw = {s.attribute: env.get(s.env, s.default) for s in SETTINGS}
        return cls(
            database_url=raw["database_url"],
            pseudonym_key=raw["pseudonym_key"],
            instance_dir=Path(raw["instance_dir"]),
            corridor=raw["corridor"],
            cache_type=raw["cache_type"],
            cache_redis_url=raw["cache_redis_url"],
            host=raw["host"],
            port=int(raw["port"]),
            load_demo=raw["load_demo"].strip() not in ("0", "false", "no", ""),
            min_cell=int(raw["min_cell"]),
            debug=raw["debug"].strip() in ("1", "true", "yes"),
            max_file_mb=int(raw["max_file_mb"]),
            analytics=raw["analytics"].strip().lower(),
        )

    def __post_init__(self) -> None:
        if self.analytics not in ("duckdb", "sql"):
            raise ValueError(f"OBSERVATORY_ANALYTICS must be duckdb or sql, not {self.analytics!r}")

    def with_(self, **changes: object) -> Settings:
        """A copy with some values changed (tests build their own settings this way)."""
        return replace(self, **changes)

    def resolved_pseudonym_key(self) -> bytes:
        """The pseudonymisation key; the embedded default creates and keeps a local one.

        A production deployment sets OBSERVATORY_PSEUDONYM_KEY: with a local key the same
        worker would get different pseudonyms on two machines.
        """
        if self.pseudonym_key:
            return self.pseudonym_key.encode("utf-8")
        key_file = self.instance_dir / "pseudonym.key"
        if not key_file.exists():
            self.instance_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_hex(32), encoding="ascii")
            key_file.chmod(0o600)
            log.warning(
                "OBSERVATORY_PSEUDONYM_KEY is not set: created a local key in %s. "
                "Set the variable in production so pseudonyms are stable.",
                key_file,
            )
        return key_file.read_text(encoding="ascii").strip().encode("utf-8")
