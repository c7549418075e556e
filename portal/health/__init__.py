"""Health checks for load balancers and systemd: /healthz (process up) and /readyz (database)."""

from portal.health.views import bp

__all__ = ["bp"]
