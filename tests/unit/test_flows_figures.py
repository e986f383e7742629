"""Flows-page figure builders: hidden values are marked, never drawn as zero."""

from __future__ import annotations

import pandas as pd

from observatory.corridor import load_corridor
from observatory.web.components import flows_figures as ff

CORRIDOR = load_corridor("gt_mx")


def _protected(rows: list[tuple], keys: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(
        rows, columns=[*keys, "registrations_count", "workers_count", "suppressed"]
    )
    for column in ("registrations_count", "workers_count"):
        table[column] = table[column].astype("Int64")
    return table


def test_sankey_draws_only_published_paths_and_sums_them_per_node():
    keys = ["origin_admin1", "border_point", "destination_admin1", "sector"]
    table = _protected(
        [
            ("GT-12", "tecun_uman", "MX-CHP", "coffee", 15, 7, False),
            ("GT-12", "el_carmen", "MX-CHP", "coffee", 6, 5, False),
            ("GT-09", "el_carmen", "MX-TAB", "papaya", None, None, True),
            ("MX-CHP", "tecun_uman", "GT-12", "commerce", 5, 5, False),
        ],
        keys,
    )
    sankey = ff.sankey_figure(table, CORRIDOR, "es").data[0]
    labels = list(sankey.node.label)
    assert "San Marcos · 21" in labels  # origin: 15 + 6
    assert "Café · 21" in labels
    assert not any("Papaya" in label or "Quetzaltenango" in label for label in labels)
    assert sum(sankey.link.value) == 3 * (15 + 6 + 5)  # three links per published path
    reverse = [c for c in sankey.link.color if c == ff.REVERSE_LINK_COLOUR]
    assert len(reverse) == 3  # Chiapas -> Tecún Umán -> San Marcos -> commerce


def test_seasonality_marks_hidden_cells_and_leaves_unknown_months_blank():
    table = _protected([(2024, 1, 7, 6, False), (2024, 2, None, None, True)], ["year", "month"])
    counts, hidden = ff.seasonality_figure(table, "en").data
    assert counts.z[0][0] == 7 and counts.z[0][1] is None  # hidden: not 0
    assert hidden.z[0][1] == 1 and hidden.text[0][1] == "hidden*"
    assert counts.z[0][2] is None and hidden.z[0][2] is None  # March: no data at all


def test_pyramid_puts_women_left_and_labels_hidden_bars():
    table = _protected(
        [("18-24", "F", 3, 3, False), ("18-24", "M", None, None, True)], ["age_group", "sex"]
    )
    women, men = ff.pyramid_figure(table, "es").data
    assert list(women.x) == [-3] and list(women.text) == ["3"]
    assert list(men.x) == [0] and list(men.text) == ["suprimido*"]
