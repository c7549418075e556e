"""Sign-in, sign-out, the idle keep-alive and the server-side session guard."""

from portal.auth.views import bp

__all__ = ["bp"]
