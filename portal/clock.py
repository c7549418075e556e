"""The application's notion of now, replaceable in tests (app.config["CLOCK"])."""

from datetime import datetime

from flask import current_app

from portal.models.base import utcnow


def now() -> datetime:
    """Return the current aware UTC time, from the configured clock when there is one."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else utcnow()
