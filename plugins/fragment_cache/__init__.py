from .fragment_cache import register  # noqa: F401
