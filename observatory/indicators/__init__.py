"""Indicators: the registry of ids, titles and definitions, and their computations."""

from observatory.indicators.registry import (
    IndicatorResult,
    IndicatorSpec,
    UnknownIndicator,
    lookup,
    specs,
)

__all__ = ["IndicatorResult", "IndicatorSpec", "UnknownIndicator", "lookup", "specs"]
