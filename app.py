"""Entry point: `gunicorn app:server` serves; `python app.py` prepares the database, then serves."""

from __future__ import annotations

from etl.intake import UploadLoader
from observatory.config import Settings
from observatory.web import create_app

# Creating the app reads settings and wires objects; it opens no database connection, so
# gunicorn can import this module before the database is reachable.
settings = Settings.from_env()
# Stewards' uploads go through the ETL; the web layer is handed the loader, never imports it.
app = create_app(settings, loader=UploadLoader.from_settings(settings))
server = app.server

if __name__ == "__main__":
    from etl.bootstrap import prepare_database

    prepare_database(settings)  # migrate; load the demo corpus through the ETL when empty
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
