"""Meeting agendas on SQLite and PostgreSQL: saved, renamed, reordered, deleted, and kept
across a restart (a new engine on the same database)."""

from __future__ import annotations

import pytest

from observatory.db import agendas as store
from observatory.db.agendas import AgendaError, Slide
from observatory.db.engine import make_engine

TREND = Slide("panorama", "trend", "destination=MX-CHP")
MAP = Slide("flujos", "map", "sex=F")
COMPLIANCE = Slide("reclutadores", "compliance", "")


def test_an_agenda_is_saved_reordered_renamed_and_deleted(engine):
    agenda_id = store.create_agenda(engine, "  Grupo   de trabajo  ", created_by="ana")
    for slide in (TREND, MAP, COMPLIANCE):
        store.add_slide(engine, agenda_id, slide)
    with engine.connect() as conn:
        agenda = store.get_agenda(conn, agenda_id)
    assert agenda.name == "Grupo de trabajo"
    assert agenda.created_by == "ana"
    assert agenda.slides == (TREND, MAP, COMPLIANCE)

    assert store.move_slide(engine, agenda_id, 2, -1).slides == (TREND, COMPLIANCE, MAP)
    assert store.move_slide(engine, agenda_id, 0, -1).slides == (TREND, COMPLIANCE, MAP)
    assert store.move_slide(engine, agenda_id, 2, +1).slides == (TREND, COMPLIANCE, MAP)
    assert store.move_slide(engine, agenda_id, 0, +1).slides == (COMPLIANCE, TREND, MAP)
    assert store.remove_slide(engine, agenda_id, 1).slides == (COMPLIANCE, MAP)
    assert store.rename_agenda(engine, agenda_id, "Reunión de marzo").name == "Reunión de marzo"

    other = store.create_agenda(engine, "Otra")
    with engine.connect() as conn:
        assert [a.id for a in store.list_agendas(conn)] == [other, agenda_id]
    assert store.delete_agenda(engine, agenda_id)
    assert not store.delete_agenda(engine, agenda_id)
    with engine.connect() as conn:
        assert store.get_agenda(conn, agenda_id) is None
        assert [a.name for a in store.list_agendas(conn)] == ["Otra"]


def test_an_agenda_survives_a_restart(engine):
    agenda_id = store.create_agenda(engine, "Persistente")
    store.add_slide(engine, agenda_id, MAP)
    # the same database through a new engine, as after a restart
    again = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with again.connect() as conn:
            agenda = store.get_agenda(conn, agenda_id)
        assert (agenda.name, agenda.slides) == ("Persistente", (MAP,))
    finally:
        again.dispose()


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_name_must_be_given_and_short(engine, name):
    with pytest.raises(AgendaError):
        store.create_agenda(engine, name)


def test_changes_to_a_missing_agenda_are_refused(engine):
    with pytest.raises(AgendaError):
        store.add_slide(engine, 999, TREND)
    with pytest.raises(AgendaError):
        store.rename_agenda(engine, 999, "Nada")


def test_an_agenda_holds_a_meeting_not_a_dump(engine):
    agenda_id = store.create_agenda(engine, "Larga")
    for _ in range(store.SLIDES_MAX):
        store.add_slide(engine, agenda_id, TREND)
    with pytest.raises(AgendaError):
        store.add_slide(engine, agenda_id, TREND)
