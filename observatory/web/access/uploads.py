"""Monthly loads from the browser: upload, dry-run report, commit, quarantined rows.

A steward uploads one file for one source kind; it is streamed to a job folder in the
instance folder, checked (size, type by content, zip bomb, width, the country of its rows)
and dry-run in a background thread while the page polls (a meta refresh: no script). The
report says what would be added, updated, unchanged and quarantined, and why; "Load" then
runs the real load, one transaction. Job state is a JSON file, so any worker of a
multi-process server can show it or commit it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.utils import secure_filename

from observatory.accounts import Account, audit
from observatory.accounts.audit import utcnow
from observatory.db.queries_etl import batch, list_quarantine, recent_batches
from observatory.exports.formula_safety import inert
from observatory.web.access import EXTENSION, access, client_address, current_account
from observatory.web.access.views import lang, tr

log = logging.getLogger(__name__)

STATE_FILE = "state.json"
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_PROGRESS_EVERY_SECONDS = 0.5
_REFRESH_SECONDS = 2
RUNNING = ("queued", "checking", "dry_run", "committing")
# Jobs nobody committed are removed after a day (their files hold personal identifiers).
_JOB_MAX_AGE_SECONDS = 24 * 3600


def make_uploads_blueprint(routes_prefix: str) -> Blueprint:
    bp = Blueprint(
        "observatory_uploads",
        __name__,
        url_prefix=routes_prefix.rstrip("/") + "/cuenta/cargas",
        template_folder="templates",
    )
    bp.add_url_rule("", "uploads", uploads_page, methods=["GET"])
    bp.add_url_rule("", "upload", upload, methods=["POST"])
    bp.add_url_rule("/<job_id>", "job", job_page, methods=["GET"])
    bp.add_url_rule("/<job_id>/estado.json", "job_state", job_state, methods=["GET"])
    bp.add_url_rule("/<job_id>/confirmar", "commit", commit, methods=["POST"])
    bp.add_url_rule("/<job_id>/cuarentena.csv", "quarantine_csv", quarantine_csv)
    bp.add_url_rule(
        "/lotes/<int:batch_id>/cuarentena.csv", "batch_quarantine_csv", batch_quarantine_csv
    )
    return bp


# -- job state on disk ---------------------------------------------------------------------


def jobs_dir() -> Path:
    return Path(access().jobs_dir)


def _job_folder(job_id: str) -> Path:
    if not JOB_ID.match(job_id):
        abort(404)
    return jobs_dir() / job_id


def read_state(folder: Path) -> dict | None:
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def write_state(folder: Path, state: dict) -> None:
    """Replace the job's state atomically (a reader never sees half a file)."""
    temporary = folder / f".{STATE_FILE}.{secrets.token_hex(4)}"
    temporary.write_text(json.dumps(state, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(temporary, folder / STATE_FILE)


def _update(folder: Path, **changes: object) -> dict:
    state = read_state(folder) or {}
    state.update(changes)
    write_state(folder, state)
    return state


def _own_job(job_id: str) -> tuple[Path, dict]:
    """The job's folder and state, when it is this user's (or the user is an admin)."""
    folder = _job_folder(job_id)
    state = read_state(folder)
    account = current_account()
    if state is None or (state["username"] != account.username and account.role != "admin"):
        abort(404)
    return folder, state


def _remove_old_jobs() -> None:
    root = jobs_dir()
    if not root.is_dir():
        return
    limit = time.time() - _JOB_MAX_AGE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


# -- pages ---------------------------------------------------------------------------------


def _kinds(account: Account) -> tuple[str, ...]:
    return access().stewardship.kinds_for(account.role, account.country)


def uploads_page() -> Response:
    account = current_account()
    jobs = []
    root = jobs_dir()
    if root.is_dir():
        for folder in root.iterdir():
            state = read_state(folder) if folder.is_dir() else None
            if state and (state["username"] == account.username or account.role == "admin"):
                jobs.append(state)
    jobs.sort(key=lambda s: s["created_at"], reverse=True)
    return make_response(
        render_template(
            "access/uploads.html",
            kinds=_kinds(account),
            jobs=jobs[:20],
            batches=recent_batches(access().accounts.engine, _batch_kinds(account)),
            max_mb=access().settings.upload_max_mb,
            available=access().loader is not None,
        )
    )


def _batch_kinds(account: Account) -> tuple[str, ...]:
    """Sources whose earlier loads (from the browser or the command line) the account may
    inspect: its own country's. A binational source split by a column (the registry) is
    one country's only row by row, so its batches are for admins."""
    stewardship = access().stewardship
    return tuple(
        kind
        for kind in _kinds(account)
        if account.role == "admin" or stewardship.sources[kind].by_column is None
    )


def batch_quarantine_csv(batch_id: int) -> Response:
    """The quarantined fields of one earlier load of the account's own sources."""
    account = current_account()
    found = batch(access().accounts.engine, batch_id)
    if found is None or found["source_kind"] not in _batch_kinds(account):
        abort(404)
    rows = list_quarantine(access().accounts.engine, batch_id)
    lines = [(r["row_number"], r["field"], r["reason"], r["raw_values"]) for r in rows]
    return _csv_download(lines, f"cuarentena_lote_{batch_id}.csv")


def _csv_download(lines: list[tuple], name: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "field", "reason", "values"])
    for line in lines:
        writer.writerow([inert(v) for v in line])
    response = make_response("\ufeff" + out.getvalue())
    response.mimetype = "text/csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def upload() -> Response:
    """Store the uploaded file in a new job folder and start its checks and dry run."""
    account = current_account()
    state = access()
    kind = request.form.get("source_kind", "")
    if state.loader is None:
        abort(503)
    if kind not in _kinds(account):
        audit.record(
            state.accounts.engine,
            "upload_refused",
            actor=account.username,
            target=kind[:64],
            details={"reason": "source kind not allowed for this account"},
            remote_addr=client_address(),
        )
        return _refusal(tr("access.uploads.kind_not_allowed", kind=kind), 403)
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _refusal(tr("access.uploads.no_file"), 400)
    name = secure_filename(sent.filename) or "upload"
    _remove_old_jobs()
    job_id = secrets.token_urlsafe(18)
    folder = jobs_dir() / job_id
    # The file holds national IDs until it is loaded: readable by the server's user only.
    jobs_dir().mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(mode=0o700)
    path = folder / name
    sent.save(path)
    job = {
        "id": job_id,
        "username": account.username,
        "role": account.role,
        "country": account.country,
        "source_kind": kind,
        "file_name": sent.filename[:300],
        "stored_name": name,
        "size_bytes": path.stat().st_size,
        "created_at": utcnow().isoformat(timespec="seconds"),
        "status": "queued",
        "progress": [0, 0],
        "message": None,
        "report": None,
        "details": None,
    }
    write_state(folder, job)
    _start(current_app._get_current_object(), _check_and_dry_run, folder)
    return redirect(url_for("observatory_uploads.job", job_id=job_id, lang=lang()), code=303)


def job_page(job_id: str) -> Response:
    _folder, state = _own_job(job_id)
    running = state["status"] in RUNNING
    done, total = state.get("progress") or (0, 0)
    response = make_response(
        render_template(
            "access/job.html",
            job=state,
            running=running,
            percent=int(100 * done / total) if total else 0,
            refresh_seconds=_REFRESH_SECONDS if running else None,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def job_state(job_id: str) -> Response:
    _folder, state = _own_job(job_id)
    return current_app.response_class(
        json.dumps({k: v for k, v in state.items() if k != "stored_name"}, default=str),
        mimetype="application/json",
    )


def commit(job_id: str) -> Response:
    """Load the dry-run file for good (once: a second click finds the job taken)."""
    folder, state = _own_job(job_id)
    account = current_account()
    if state["username"] != account.username:
        abort(403)  # an admin may look at a steward's job, not commit it in their name
    if state["source_kind"] not in _kinds(account):
        abort(403)  # the account's role or country changed since the upload
    try:  # O_EXCL: of two clicks (or two workers), one commits
        os.close(os.open(folder / "commit.lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        flash(tr("access.uploads.already_committing"), "warning")
        return redirect(url_for("observatory_uploads.job", job_id=job_id, lang=lang()), code=303)
    if state["status"] != "ready":
        os.remove(folder / "commit.lock")
        abort(409)
    _update(folder, status="committing", progress=[0, 0])
    _start(current_app._get_current_object(), _commit, folder)
    return redirect(url_for("observatory_uploads.job", job_id=job_id, lang=lang()), code=303)


def quarantine_csv(job_id: str) -> Response:
    """The quarantined fields: the stored ones after the load, the dry run's before it."""
    _folder, state = _own_job(job_id)
    batch_id = (state.get("report") or {}).get("batch_id")
    if state["status"] == "loaded" and batch_id is not None:
        rows = list_quarantine(access().accounts.engine, batch_id)
        lines = [(r["row_number"], r["field"], r["reason"], r["raw_values"]) for r in rows]
    else:
        lines = [
            (
                r["row_number"],
                r["field"],
                r["reason"],
                json.dumps(r["raw_values"], ensure_ascii=False),
            )
            for r in (state.get("details") or {}).get("rows", [])
        ]
    return _csv_download(lines, f"cuarentena_{Path(state['stored_name']).stem}.csv")


def refusal_page(key: str, status: int, **params: object) -> Response:
    """The uploads page with a refusal message (the text of `key`) and `status`."""
    return _refusal(tr(key, **params), status)


def _refusal(message: str, status: int) -> Response:
    flash(message, "danger")
    account = current_account()
    page = render_template(
        "access/uploads.html",
        kinds=_kinds(account),
        jobs=[],
        batches=[],
        max_mb=access().settings.upload_max_mb,
        available=access().loader is not None,
    )
    return make_response(page, status)


# -- background work -------------------------------------------------------------------------


def _start(app, work, folder: Path) -> None:
    """Run `work(folder)` in a thread with the app's context; the request returns at once."""

    def run() -> None:
        with app.app_context():
            try:
                work(folder)
            except Exception:  # a job must end with a state the steward sees, not vanish
                log.exception("upload job %s failed", folder.name)
                _update(folder, status="failed", message=tr_default("access.uploads.crashed"))

    threading.Thread(target=run, name=f"upload-{folder.name[:8]}", daemon=True).start()


def _progress(folder: Path):
    last = [0.0]

    def update(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_EVERY_SECONDS or done == total:
            last[0] = now
            _update(folder, progress=[done, total])

    return update


def _check_and_dry_run(folder: Path) -> None:
    state = read_state(folder)
    access_state = current_app.extensions[EXTENSION]
    loader = access_state.loader
    path = folder / state["stored_name"]
    kind = state["source_kind"]
    max_bytes = access_state.settings.upload_max_mb * 2**20
    stewards = access_state.stewardship.sources[kind]
    _update(folder, status="checking")
    check = loader.check(path, kind, max_bytes, stewards.by_column)
    refusal = check.refused or access_state.stewardship.file_refusal(
        state["role"], state["country"], kind, check.countries
    )
    if refusal is not None:
        _finish_refused(folder, state, refusal)
        return
    _update(folder, status="dry_run")
    details = loader.new_details()
    report = loader.load(
        path, kind, dry_run=True, max_bytes=max_bytes, progress=_progress(folder), details=details
    )
    report_dict = dataclasses.asdict(report)
    if report_dict["status"] != "dry_run":
        _finish_refused(folder, state, report_dict.get("message") or report_dict["status"])
        return
    _update(
        folder,
        status="ready",
        report=report_dict,
        details=dataclasses.asdict(details),
        progress=[report_dict["rows_read"], report_dict["rows_read"]],
    )
    audit.record(
        access_state.accounts.engine,
        "load_dry_run",
        actor=state["username"],
        target=f"{kind}:{state['file_name']}",
        details=_audit_counts(report_dict),
    )


def _commit(folder: Path) -> None:
    state = read_state(folder)
    access_state = current_app.extensions[EXTENSION]
    path = folder / state["stored_name"]
    report = access_state.loader.load(
        path,
        state["source_kind"],
        dry_run=False,
        max_bytes=access_state.settings.upload_max_mb * 2**20,
        progress=_progress(folder),
    )
    report_dict = dataclasses.asdict(report)
    status = {"loaded": "loaded", "duplicate": "loaded"}.get(report_dict["status"], "failed")
    audit.record(
        access_state.accounts.engine,
        "load" if status == "loaded" else "load_failed",
        actor=state["username"],
        target=f"{state['source_kind']}:{state['file_name']}",
        details=_audit_counts(report_dict),
    )
    _update(folder, status=status, report=report_dict, message=report_dict.get("message"))
    path.unlink(missing_ok=True)  # the data is in the database now; the upload goes


def _finish_refused(folder: Path, state: dict, message: str) -> None:
    access_state = current_app.extensions[EXTENSION]
    audit.record(
        access_state.accounts.engine,
        "upload_refused",
        actor=state["username"],
        target=f"{state['source_kind']}:{state['file_name']}",
        details={"reason": message, "size_bytes": state["size_bytes"]},
    )
    _update(folder, status="refused", message=message)
    (folder / state["stored_name"]).unlink(missing_ok=True)


def tr_default(key: str) -> str:
    """A text in the default language (background jobs have no request to take one from)."""
    from observatory.i18n import DEFAULT_LANGUAGE, t

    return t(key, DEFAULT_LANGUAGE)


def _audit_counts(report: dict) -> dict:
    keys = (
        "status",
        "batch_id",
        "sha256",
        "rows_read",
        "rows_loaded",
        "rows_updated",
        "rows_unchanged",
        "rows_quarantined",
        "message",
    )
    return {k: report.get(k) for k in keys}
