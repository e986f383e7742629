"""The working-conditions tables: the recruiter breakdown kept light for thousands of licences."""

from __future__ import annotations

import pandas as pd

from observatory.web.components.conditions_tables import limited


def test_conditions_tables_list_the_largest_recruiters_only():
    keys = ["all", "coffee", "A-1", "A-2", "A-3", "direct_hire"]
    table = pd.DataFrame(
        {
            "breakdown": ["all", "sector", "recruiter", "recruiter", "recruiter", "recruiter"],
            "key": keys,
            "workers_count": pd.array([30, 30, 5, None, 12, 13], dtype="Int64"),
        }
    )
    # Two licences kept: A-3 (12) and A-1 (5); A-2 (hidden) sorts last; direct hire stays.
    assert list(limited(table, 2)["key"]) == ["all", "coffee", "A-1", "A-3", "direct_hire"]
    assert list(limited(table, 3)["key"]) == keys
