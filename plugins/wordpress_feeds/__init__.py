from .wordpress_feeds import register  # noqa: F401
