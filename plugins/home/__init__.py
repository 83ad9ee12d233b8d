from .home import register  # noqa: F401
