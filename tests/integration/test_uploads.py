"""Loads from the browser: stewards of each country, the dry run and the commit, and hostile
files refused with a clear message while nothing is written and the server keeps serving."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from sqlalchemy import Engine, text

from observatory.accounts import audit
from tests.access_helpers import access_app, csrf_token, signed_in
from tests.conftest import FIXTURES

RUNNING = {"queued", "checking", "dry_run", "committing"}
TECUN = FIXTURES / "border_office" / "registros_tecun_uman_2024T1.csv"


def written(engine: Engine) -> tuple[int, int, int]:
    """What a load could have written: registrations, load batches, the data version."""
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT count(*) FROM registration")).scalar_one(),
            conn.execute(text("SELECT count(*) FROM load_batch")).scalar_one(),
            conn.execute(text("SELECT version FROM data_state")).scalar_one(),
        )


def upload(client, kind: str, name: str, content: bytes):
    return client.post(
        "/cuenta/cargas",
        data={
            "csrf_token": csrf_token(client),
            "source_kind": kind,
            "file": (io.BytesIO(content), name),
        },
        content_type="multipart/form-data",
    )


def finished(client, job_url: str, seconds: float = 60) -> dict:
    """The job's state once its background work is over."""
    deadline = time.monotonic() + seconds
    while True:
        state = client.get(f"{job_url}/estado.json").get_json()
        if state["status"] not in RUNNING or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def job_url(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    return response.location.split("?")[0]


@pytest.fixture
def app(engine, tmp_path):
    return access_app(engine, tmp_path, upload_max_mb=1)


def test_a_steward_sees_the_dry_run_then_loads_and_the_audit_log_says_so(app, engine):
    steward = signed_in(app, "guate")
    before = written(engine)
    url = job_url(upload(steward, "border_office", TECUN.name, TECUN.read_bytes()))
    state = finished(steward, url)
    assert state["status"] == "ready", state["message"]
    report = state["report"]
    assert (report["rows_read"], report["rows_loaded"], report["rows_quarantined"]) == (29, 20, 8)
    assert written(engine) == before  # a dry run writes nothing
    reasons = state["details"]["reasons"]
    assert sum(r["rows"] for r in reasons) >= 8 and all(r["reason"] for r in reasons)
    page = steward.get(url).get_data(as_text=True)
    assert 'id="job-commit"' in page and 'id="job-reasons"' in page
    dry_csv = steward.get(f"{url}/cuarentena.csv")
    assert dry_csv.mimetype == "text/csv" and dry_csv.get_data(as_text=True).count("\n") >= 9

    response = steward.post(f"{url}/confirmar", data={"csrf_token": csrf_token(steward)})
    assert response.status_code == 303
    state = finished(steward, url)
    assert state["status"] == "loaded", state["message"]
    assert written(engine)[0] == before[0] + 20
    stored_csv = steward.get(f"{url}/cuarentena.csv").get_data(as_text=True)
    assert stored_csv.startswith("\ufeffrow,field,reason,values") and stored_csv.count("\n") >= 9
    # Neither national IDs nor names leave with the quarantine, before or after the load.
    rows = [line.split(";") for line in TECUN.read_text("cp1252").splitlines()[3:]]
    people = [row[3:5] for row in rows if len(row) > 4]
    for text_ in (
        stored_csv,
        dry_csv.get_data(as_text=True),
        steward.get(url).get_data(as_text=True),
    ):
        for cui, name in people:
            assert not (cui and cui in text_) and not (name and name in text_)
    again = steward.post(f"{url}/confirmar", data={"csrf_token": csrf_token(steward)})
    assert again.status_code in (303, 409)
    assert written(engine)[0] == before[0] + 20  # a second click loads nothing twice

    events = [(e.action, e.actor) for e in audit.entries(engine)]
    assert ("load_dry_run", "guate") in events and ("load", "guate") in events
    load = next(e for e in audit.entries(engine, action="load"))
    assert load.details["rows_loaded"] == 20 and load.details["batch_id"]


def test_others_cannot_see_a_stewards_job(app):
    steward = signed_in(app, "guate")
    url = job_url(upload(steward, "border_office", TECUN.name, TECUN.read_bytes()))
    finished(steward, url)
    other = signed_in(app, "mexi")
    assert other.get(url).status_code == 404
    assert other.post(f"{url}/confirmar", data={"csrf_token": csrf_token(other)}).status_code == 404
    assert signed_in(app, "ana").get(url).status_code == 403


@pytest.mark.parametrize(
    ("username", "kind", "fixture"),
    [
        ("mexi", "contracts", "contracts/contratos_2024.csv"),
        ("mexi", "border_office", "border_office/registros_tecun_uman_2024T1.csv"),
    ],
)
def test_a_steward_cannot_load_the_other_countrys_sources(app, engine, username, kind, fixture):
    before = written(engine)
    response = upload(signed_in(app, username), kind, "f.csv", (FIXTURES / fixture).read_bytes())
    assert response.status_code == 403
    assert kind in response.get_data(as_text=True)
    assert written(engine) == before
    refusal = audit.entries(engine, action="upload_refused")[0]
    assert (refusal.actor, refusal.target) == (username, kind)


def test_a_guatemalan_steward_loads_guatemalan_licences_only(app, engine):
    steward = signed_in(app, "guate")
    mexican = FIXTURES / "recruiter_registry" / "registro_mx_2024-06-30.tsv"
    url = job_url(upload(steward, "recruiter_registry", mexican.name, mexican.read_bytes()))
    state = finished(steward, url)
    assert state["status"] == "refused" and "MX" in state["message"]
    guatemalan = FIXTURES / "recruiter_registry" / "registro_gt_2023-12-31.csv"
    url = job_url(upload(steward, "recruiter_registry", guatemalan.name, guatemalan.read_bytes()))
    assert finished(steward, url)["status"] == "ready"


def zip_bomb() -> bytes:
    """A workbook whose sheet expands from ~100 KB to 100 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(100):
                sheet.write(b"0" * 2**20)
    return buffer.getvalue()


HOSTILE = {
    "empty": ("vacio.csv", lambda: b"", "empty"),
    "renamed binary": (
        "imagen.csv",
        lambda: (FIXTURES / "border_office" / "imagen_renombrada.csv").read_bytes(),
        "binary",
    ),
    "zip bomb": ("registros.xlsx", zip_bomb, "zip bomb"),
    "10,000 columns": (
        "ancho.csv",
        lambda: (
            ",".join(f"c{i}" for i in range(10_000)) + "\n" + ",".join("1" * 10_000) + "\n"
        ).encode(),
        "10,000 columns",
    ),
    "over the limit": ("grande.csv", lambda: b"a,b\n" + b"1,2\n" * 330_000, "more than the 1 MB"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_get_a_clear_message_and_nothing_is_written(app, engine, case):
    name, content, message = HOSTILE[case]
    steward = signed_in(app, "guate")
    viewer = signed_in(app, "vera")
    before = written(engine)
    url = job_url(upload(steward, "border_office", name, content()))
    assert viewer.get("/").status_code == 200  # the server goes on serving others
    state = finished(steward, url)
    assert state["status"] == "refused"
    assert message in state["message"]
    assert message in steward.get(url).get_data(as_text=True)
    assert written(engine) == before
    refusal = audit.entries(engine, action="upload_refused")[0]
    assert message in refusal.details["reason"] and refusal.actor == "guate"
    assert viewer.get("/flujos").status_code == 200


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(app, engine):
    before = written(engine)
    steward = signed_in(app, "guate")
    response = upload(steward, "border_office", "huge.csv", b"a,b\n" + b"1,2\n" * 800_000)
    assert response.status_code == 413
    assert "1 MB" in response.get_data(as_text=True)  # the uploads page, with the limit named
    assert written(engine) == before
    assert audit.entries(engine, action="upload_refused")[0].actor == "guate"
    assert signed_in(app, "vera").get("/").status_code == 200


def test_uploads_need_a_csrf_token(app):
    steward = signed_in(app, "guate")
    response = steward.post(
        "/cuenta/cargas",
        data={"source_kind": "border_office", "file": (io.BytesIO(TECUN.read_bytes()), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


def test_a_running_job_shows_its_progress_and_refreshes_itself(app):
    from observatory.web.access.uploads import read_state, write_state

    steward = signed_in(app, "guate")
    url = job_url(upload(steward, "border_office", TECUN.name, TECUN.read_bytes()))
    finished(steward, url)
    folder = app.server.extensions["observatory_access"].jobs_dir / url.rsplit("/", 1)[1]
    write_state(folder, {**read_state(folder), "status": "dry_run", "progress": [5, 20]})
    page = steward.get(url).get_data(as_text=True)
    assert '<progress id="job-progress" max="100" value="25"' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    write_state(folder, {**read_state(folder), "status": "ready"})
    assert "http-equiv" not in steward.get(url).get_data(as_text=True)


def test_stewards_list_earlier_loads_of_their_sources_and_their_quarantine(app, engine):
    from etl.load import load_file
    from observatory.corridor import load_corridor
    from tests.conftest import TEST_PSEUDONYM_KEY

    report = load_file(engine, TECUN, "border_office", load_corridor("gt_mx"), TEST_PSEUDONYM_KEY)
    url = f"/cuenta/cargas/lotes/{report.batch_id}/cuarentena.csv"
    guate = signed_in(app, "guate")
    assert TECUN.name in guate.get("/cuenta/cargas").get_data(as_text=True)
    download = guate.get(url)
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert download.get_data(as_text=True).count("\n") == 1 + 9  # header, 9 faulty fields
    mexi = signed_in(app, "mexi")
    assert TECUN.name not in mexi.get("/cuenta/cargas").get_data(as_text=True)
    assert mexi.get(url).status_code == 404
    assert signed_in(app, "ana").get(url).status_code == 403
    assert signed_in(app, "boss").get(url).status_code == 200
