from .scheduled import register  # noqa: F401
