"""NukeViet 4's news addresses, answered with a permanent redirect to the portal's own."""

from portal.legacy.views import bp

__all__ = ["bp"]
