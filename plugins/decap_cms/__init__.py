from .decap_cms import register  # noqa: F401
