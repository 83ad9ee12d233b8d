from .srcset import register  # noqa: F401
