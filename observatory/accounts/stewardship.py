"""Which country's stewards may load which source kind: the corridor's stewardship.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from observatory.accounts.roles import Role

FILE_NAME = "stewardship.toml"


@dataclass(frozen=True)
class SourceStewards:
    """The countries whose stewards load one source kind; `by_column`: every row of the
    file must then name the steward's country in that field."""

    source_kind: str
    countries: tuple[str, ...]
    by_column: str | None = None


@dataclass(frozen=True)
class Stewardship:
    """The corridor's mapping of source kinds to stewarding countries."""

    sources: dict[str, SourceStewards]

    def kinds_for(self, role: str, country: str | None) -> tuple[str, ...]:
        """The source kinds a user may load (all of them for an admin)."""
        if role == Role.ADMIN:
            return tuple(self.sources)
        if role != Role.STEWARD or not country:
            return ()
        return tuple(k for k, s in self.sources.items() if country in s.countries)

    def may_load(self, role: str, country: str | None, source_kind: str) -> bool:
        return source_kind in self.kinds_for(role, country)

    def file_refusal(
        self, role: str, country: str | None, source_kind: str, file_countries: frozenset[str]
    ) -> str | None:
        """Why a steward may not load a file whose `by_column` names `file_countries`."""
        if role == Role.ADMIN or self.sources[source_kind].by_column is None:
            return None
        others = sorted(c for c in file_countries if c != country)
        if others:
            return (
                f"the file holds rows of {', '.join(others)}; a steward of {country} loads "
                f"only {country}'s rows ({self.sources[source_kind].by_column})"
            )
        if not file_countries:
            return f"the file names no country in {self.sources[source_kind].by_column}"
        return None


def load_stewardship(corridor_path: Path) -> Stewardship:
    """Read the corridor's stewardship.toml; without one only admins may load."""
    path = Path(corridor_path) / FILE_NAME
    if not path.is_file():
        return Stewardship({})
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    sources = {
        kind: SourceStewards(
            kind,
            tuple(str(c).upper() for c in entry.get("countries", ())),
            entry.get("by_column"),
        )
        for kind, entry in data.get("sources", {}).items()
    }
    return Stewardship(sources)
