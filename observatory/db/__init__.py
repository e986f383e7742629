"""Database: the one schema, the engine factory and every query."""
