"""Import a WordPress export (WXR) into this site's content: posts, pages, responses.

Use :func:`import_wordpress`; it returns a :class:`Report`. See importer.py.
"""

from .importer import ImportConflictError, Report, import_wordpress
from .wxr import WxrError

__all__ = ["ImportConflictError", "Report", "WxrError", "import_wordpress"]
