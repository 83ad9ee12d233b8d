"""Audit a built site against the WordPress export it was migrated from.

An independent second derivation: it reads only the export (export.py) and the
built files (site.py), never the importer's code or records, and checks
posts and pages, responses, old addresses, media, links and privacy
(checks.py), then reports counts and every failing item (report.py).
"""

from .audit import run_audit

__all__ = ["run_audit"]
