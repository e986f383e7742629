"""Layout and figure builders: pure functions of results and language, no data access."""
