from .tables import register  # noqa: F401
