"""Paths shared by the WordPress importer's tests (conftest.py is not importable by name)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT_12 = FIXTURES / "export-1.2.xml"
EXPORT_11 = FIXTURES / "export-1.1.xml"
