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
    Setting(
        "OBSERVATORY_CHROMIUM",
        "chromium",
        "",
        "Browser that draws chart images (PNG, SVG, brief packs) through kaleido: a path, or "
        "empty for `chromium` on PATH (Debian's package). Nothing is ever downloaded.",
    ),
    Setting(
        "OBSERVATORY_ENV",
        "environment",
        "development",
        "development or production; production refuses to start with authentication off, "
        "without SECRET_KEY or with a short one.",
    ),
    Setting(
        "SECRET_KEY",
        "secret_key",
        "",
        "Key that signs session cookies and CSRF tokens (32+ characters). Required in "
        "production; in development a random one is kept in the instance folder.",
    ),
    Setting(
        "OBSERVATORY_AUTH",
        "auth",
        "on",
        "on: every page, callback, API call, export and upload needs an account; public: "
        "anonymous visitors also see the published subset; off: no accounts (refused in "
        "production).",
    ),
    Setting(
        "OBSERVATORY_PUBLIC_PAGES",
        "public_pages",
        "/",
        "With OBSERVATORY_AUTH=public: comma-separated page paths anonymous visitors see.",
    ),
    Setting(
        "OBSERVATORY_PUBLIC_INDICATORS",
        "public_indicators",
        "",
        "With OBSERVATORY_AUTH=public: comma-separated indicator ids anonymous clients may "
        "fetch from /api/v1/indicators/<id>.",
    ),
    Setting(
        "OBSERVATORY_UPLOAD_MAX_MB",
        "upload_max_mb",
        "200",
        "Largest file a steward may upload from the browser, in MB (larger requests get 413).",
    ),
    Setting(
        "OBSERVATORY_LOCKOUT_ATTEMPTS",
        "lockout_attempts",
        "10",
        "Wrong passwords in a row that lock an account.",
    ),
    Setting(
        "OBSERVATORY_LOCKOUT_MINUTES",
        "lockout_minutes",
        "15",
        "How long a locked account stays locked, in minutes.",
    ),
)

AUTH_MODES = ("on", "public", "off")
ENVIRONMENTS = ("development", "production")
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(ValueError):
    """A configuration the observatory refuses to start with; the message says why."""


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
    chromium: str = ""  # empty: `chromium` on PATH
    environment: str = "development"  # "development" | "production"
    secret_key: str = ""
    # Settings built in code (tests, benchmarks) start without accounts; the environment
    # (`from_env`, i.e. app.py and gunicorn) defaults to "on", and production refuses "off".
    auth: str = "off"  # "on" | "public" | "off"
    public_pages: tuple[str, ...] = ("/",)
    public_indicators: tuple[str, ...] = ()
    upload_max_mb: int = 200
    lockout_attempts: int = 10
    lockout_minutes: int = 15
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
            chromium=raw["chromium"].strip(),
            environment=raw["environment"].strip().lower(),
            secret_key=raw["secret_key"],
            auth=raw["auth"].strip().lower(),
            public_pages=_csv_list(raw["public_pages"]),
            public_indicators=_csv_list(raw["public_indicators"]),
            upload_max_mb=int(raw["upload_max_mb"]),
            lockout_attempts=int(raw["lockout_attempts"]),
            lockout_minutes=int(raw["lockout_minutes"]),
        )

    def __post_init__(self) -> None:
        if self.analytics not in ("duckdb", "sql"):
            raise ValueError(f"OBSERVATORY_ANALYTICS must be duckdb or sql, not {self.analytics!r}")
        if self.auth not in AUTH_MODES:
            raise ConfigurationError(
                f"OBSERVATORY_AUTH must be on, public or off, not {self.auth!r}"
            )
        if self.environment not in ENVIRONMENTS:
            raise ConfigurationError(
                f"OBSERVATORY_ENV must be development or production, not {self.environment!r}"
            )
        if self.lockout_attempts < 1 or self.lockout_minutes < 1 or self.upload_max_mb < 1:
            raise ConfigurationError(
                "OBSERVATORY_LOCKOUT_ATTEMPTS, OBSERVATORY_LOCKOUT_MINUTES and "
                "OBSERVATORY_UPLOAD_MAX_MB must be at least 1"
            )

    @property
    def production(self) -> bool:
        return self.environment == "production"

    def check_can_serve(self) -> None:
        """Refuse a production configuration without authentication or a real secret."""
        if not self.production:
            return
        if self.auth == "off":
            raise ConfigurationError(
                "OBSERVATORY_ENV=production refuses OBSERVATORY_AUTH=off: set it to on or public"
            )
        if len(self.secret_key) < MIN_SECRET_KEY_LENGTH or self.secret_key in _KNOWN_SECRETS:
            raise ConfigurationError(
                f"OBSERVATORY_ENV=production needs SECRET_KEY: {MIN_SECRET_KEY_LENGTH} or more "
                "random characters (python -c 'import secrets; print(secrets.token_hex(32))')"
            )

    def resolved_secret_key(self) -> str:
        """SECRET_KEY, or in development a random key kept in the instance folder."""
        if self.secret_key:
            return self.secret_key
        if self.production:
            raise ConfigurationError("OBSERVATORY_ENV=production needs SECRET_KEY")
        return _instance_secret(self.instance_dir / "secret.key", "SECRET_KEY")

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


# Placeholders copied from examples are not secrets.
_KNOWN_SECRETS = frozenset({"dev", "secret", "changeme", "change-me", "development", "test"})


def _csv_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


def _instance_secret(key_file: Path, variable: str) -> str:
    """A random key created once in the instance folder (development only).

    Written to a temporary file and linked into place: of several workers starting at once,
    one creates the key and all read the same, complete one.
    """
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = key_file.with_name(f".{key_file.name}.{secrets.token_hex(4)}")
        temporary.write_text(secrets.token_hex(32), encoding="ascii")
        temporary.chmod(0o600)
        try:
            os.link(temporary, key_file)
        except FileExistsError:
            return key_file.read_text(encoding="ascii").strip()
        finally:
            temporary.unlink()
        log.warning(
            "%s is not set: created a local one in %s (development only).", variable, key_file
        )
    return key_file.read_text(encoding="ascii").strip()
