"""The administration area: accounts, sessions, site settings, audit log."""

from portal.admin import audit_views, views  # noqa: F401 (each registers its pages on bp)
from portal.admin.blueprint import bp

__all__ = ["bp"]
