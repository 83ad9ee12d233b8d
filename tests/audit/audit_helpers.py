"""Helpers for the audit's tests: import and build a fixture export, copy a site, edit a page,
(files: sitebuild.write_files; pictures: media_helpers.picture)."""

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from sitebuild import publish_build
from tools.audit import run_audit
from tools.wordpress import import_wordpress

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "export.xml"
POST = "2011/07/ethics-and-the-net/index.html"
OTHER_POST = "2011/08/new-style/index.html"
PAGE = "about/index.html"
POST_LABEL = "post 101 “Ethics & the “Net”: a sticky wicket”"


def import_and_build(export, root):
    """Today's importer, then the publish build: the site the society would deploy."""
    import_wordpress(export, root / "content")
    return publish_build(root / "content", root / "output").root


def copy_site(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def edit_page(site, relative, change):
    """Parse a built page, let `change(soup)` alter it, write it back."""
    path = Path(site) / relative
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
    change(soup)
    path.write_text(str(soup), encoding="utf-8")


def audit(site, export=EXPORT, **options):
    return run_audit(export, site, **options)


def failures(report, check):
    """The failure lines of one check, by its name."""
    return next(result for result in report.checks if result.name == check).failures

