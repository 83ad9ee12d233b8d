from .responses import register  # noqa: F401
