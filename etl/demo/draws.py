"""Fast random draws for the simulation's hot path."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Mapping, Sequence
from typing import Any


class _Weights:
    """A categorical draw by bisection (random.choices rebuilds its cumulative sums per call)."""

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.choices = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def draw(self, rng: random.Random) -> Any:
        return self.choices[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _below(rng: random.Random, n: int) -> int:
    """A whole number in [0, n): randrange without its argument checks (a hot path)."""
    return int(rng.random() * n)


def _one_of(rng: random.Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]
