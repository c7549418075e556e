"""Sign-in throttling on Flask-Limiter's storage: per username and per address, no lockout."""

import time

from flask import current_app
from limits import parse

from portal.extensions import limiter

PER_USERNAME = parse("5 per 15 minutes")
PER_ADDRESS = parse("20 per 15 minutes")


def _keys(username: str, address: str) -> list[tuple]:
    """The (limit, key) pairs that a sign-in attempt counts against."""
    namespace = current_app.config.get("THROTTLE_NAMESPACE", "")
    return [
        (PER_USERNAME, f"{namespace}login-user/{username[:64]}"),
        (PER_ADDRESS, f"{namespace}login-addr/{address}"),
    ]


def seconds_blocked(username: str, address: str) -> int:
    """How long this attempt must wait (0 when it may go ahead)."""
    for limit, key in _keys(username, address):
        if not limiter.limiter.test(limit, key):
            reset_at = limiter.limiter.get_window_stats(limit, key).reset_time
            return max(1, int(reset_at - time.time()) + 1)
    return 0


def count_failure(username: str, address: str) -> None:
    """Count a failed sign-in against both the username and the address."""
    for limit, key in _keys(username, address):
        limiter.limiter.hit(limit, key)
