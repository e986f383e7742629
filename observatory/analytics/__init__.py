"""Fast aggregates: a DuckDB replica of the database, kept at the newest data version."""

from observatory.analytics.copy import replica_tables
from observatory.analytics.replica import AnalyticsReplica, copy_database, supported

__all__ = ["AnalyticsReplica", "copy_database", "replica_tables", "supported"]
