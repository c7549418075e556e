"""The public site: home, categories, tags, articles, media."""

from portal.public.views import bp

__all__ = ["bp"]
