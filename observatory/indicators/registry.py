"""The indicator registry: every indicator by its stable id (specs and computations)."""

from __future__ import annotations

from observatory.indicators import (
    catalogue_conditions,
    catalogue_flows,
    catalogue_recruiters,
    catalogue_registrations,
    catalogue_sectors,
    catalogue_stewards,
)
from observatory.indicators.specs import (
    Computation,
    IndicatorResult,
    IndicatorSpec,
    UnknownIndicator,
)

__all__ = ["Computation", "IndicatorResult", "IndicatorSpec", "UnknownIndicator", "lookup", "specs"]

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    catalogue_registrations.INDICATORS
    + catalogue_stewards.INDICATORS
    + catalogue_conditions.INDICATORS
    + catalogue_flows.INDICATORS
    + catalogue_sectors.INDICATORS
    + catalogue_recruiters.INDICATORS
)
_BY_ID = {spec.id: (spec, computation) for spec, computation in INDICATORS}


def specs() -> tuple[IndicatorSpec, ...]:
    """Every indicator's spec, in registry order."""
    return tuple(spec for spec, _ in INDICATORS)


def lookup(indicator_id: str) -> tuple[IndicatorSpec, Computation]:
    """The spec and computation of an indicator id; UnknownIndicator when there is none."""
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise UnknownIndicator(indicator_id) from None
