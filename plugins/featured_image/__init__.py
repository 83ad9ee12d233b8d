from .featured_image import register  # noqa: F401
