"""Indicators of the flows page."""

from __future__ import annotations

from observatory.indicators.specs import Computation, IndicatorSpec

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = ()
