from .titles import register  # noqa: F401
