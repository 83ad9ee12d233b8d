"""Fixtures for the WordPress importer's tests: one import of the WXR 1.2 export."""

import pytest
from wordpress_helpers import EXPORT_12

from tools.wordpress import import_wordpress


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The WXR 1.2 fixture imported once into a fresh content folder: (report, content dir)."""
    content = tmp_path_factory.mktemp("import") / "content"
    return import_wordpress(EXPORT_12, content), content
