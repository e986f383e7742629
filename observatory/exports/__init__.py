"""Exports of indicator results: CSV, XLSX and JSON with their metadata, formula-safe.

Kept import-light: the ETL imports `observatory.exports.formula_safety` for its own CSVs.
"""
