"""Source kinds as data: each kind's fields, aliases and types are read from its TOML file."""

from __future__ import annotations

import functools
import importlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from observatory.text import fold

_HERE = Path(__file__).parent
SOURCE_KINDS = ("border_office", "recruiter_registry", "contracts")


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field of a source: how it is found in a header and how it is read."""

    name: str
    type: str
    aliases: tuple[str, ...]
    required: bool = False
    default: str | None = None
    vocabulary: str | None = None
    country_field: str | None = None
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False  # a wage must be above 0, a fee may be 0
    max_length: int = 200


@dataclass(frozen=True)
class SourceSpec:
    """A source kind: its fields in file order of importance, its key and its rules."""

    kind: str
    description: str
    table: str
    natural_key: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    one_of: tuple[tuple[str, ...], ...]
    personal_name_headers: tuple[str, ...]

    def field(self, name: str) -> FieldSpec:
        """The field called `name` (KeyError if the source has none)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields if spec.required)

    def fields_of_type(self, *types: str) -> tuple[str, ...]:
        """The names of the fields of these types (e.g. the per-file coded ones)."""
        return tuple(spec.name for spec in self.fields if spec.type in types)


@functools.cache
def source_spec(kind: str) -> SourceSpec:
    """The specification of a source kind, read from `<kind>.toml` beside this module."""
    if kind not in SOURCE_KINDS:
        raise KeyError(f"unknown source kind {kind!r}; known: {', '.join(SOURCE_KINDS)}")
    data = tomllib.loads((_HERE / f"{kind}.toml").read_text(encoding="utf-8"))
    fields = tuple(
        FieldSpec(
            name=item["name"],
            type=item["type"],
            aliases=tuple(item.get("aliases", ())),
            required=item.get("required", False),
            default=item.get("default"),
            vocabulary=item.get("vocabulary"),
            country_field=item.get("country_field"),
            min=item.get("min"),
            max=item.get("max"),
            min_exclusive=item.get("min_exclusive", False),
            max_length=item.get("max_length", 200),
        )
        for item in data["fields"]
    )
    return SourceSpec(
        kind=data["kind"],
        description=data["description"],
        table=data["table"],
        natural_key=tuple(data["natural_key"]),
        fields=fields,
        one_of=tuple(tuple(group) for group in data.get("one_of", ())),
        personal_name_headers=tuple(data.get("personal_name_headers", ())),
    )


@functools.cache
def vocabulary(name: str) -> dict[str, str]:
    """A vocabulary as {folded spelling: code}."""
    data = tomllib.loads((_HERE / "vocabularies.toml").read_text(encoding="utf-8"))
    return {
        fold(spelling): code for code, spellings in data[name].items() for spelling in spellings
    }


@functools.cache
def sex_vocabulary() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Sex spellings {folded: code}, the ambiguous ones (`m`), and the Spanish-coding markers."""
    data = tomllib.loads((_HERE / "vocabularies.toml").read_text(encoding="utf-8"))["sex"]
    codes = {fold(s): code for code in ("M", "F") for s in data[code]}
    return (
        codes,
        frozenset(map(fold, data["ambiguous"])),
        frozenset(map(fold, data["spanish_markers"])),
    )


def source_rules(kind: str) -> ModuleType:
    """The module with a source's row rules: COLUMNS, NATURAL_KEY, keyed_table, derive, ..."""
    if kind not in SOURCE_KINDS:
        raise KeyError(f"unknown source kind {kind!r}; known: {', '.join(SOURCE_KINDS)}")
    return importlib.import_module(f"etl.sources.{kind}")


def yes_no_words() -> tuple[dict[str, bool], frozenset[str]]:
    """Yes/no spellings {folded: bool}, and the folded spellings of the bare `x` mark."""
    data = tomllib.loads((_HERE / "vocabularies.toml").read_text(encoding="utf-8"))["yes_no"]
    words = {fold(w): True for w in data["yes"]} | {fold(w): False for w in data["no"]}
    return words, frozenset(map(fold, data["marks"]))
