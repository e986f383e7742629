"""Indicators of the sectors page."""

from __future__ import annotations

from observatory.indicators.specs import Computation, IndicatorSpec

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = ()
