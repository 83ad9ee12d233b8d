"""Project tools that run outside a build: importers, the audit, the preview, the benchmark.

Pelican loads our plugins as top-level modules from PLUGIN_PATHS (``responses``,
``content_checks``...). The tools import them, and the modules the plugins share
(``pelican_adapter``, ``site_facts``), by the same names from the same folder, so each module
is loaded once per process whichever imports it first.
"""

import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
