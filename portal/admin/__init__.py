"""The administration area: accounts, sessions, site settings, audit log."""

from portal.admin.views import bp

__all__ = ["bp"]
