"""Category management for editors and administrators."""

from portal.categories.views import bp

__all__ = ["bp"]
