from .neighbours import register  # noqa: F401
