"""The binational labour-migration observatory: corridor data, indicators and the web app."""

__version__ = "0.1.0"
