"""Import a WordPress export (WXR) into this site's content: posts, pages, responses.

Use :func:`import_wordpress`; it returns a :class:`Report`. See importer.py.
"""

from .importer import MediaSourceError, Report, StoreError, import_wordpress
from .wxr import WxrError

__all__ = ["MediaSourceError", "Report", "StoreError", "WxrError", "import_wordpress"]
