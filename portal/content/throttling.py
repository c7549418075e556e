"""Slowing down password guessing: failed attempts counted in the database, shared by every
worker and machine, per username, per address, and per browser that has signed in before.

A browser that has signed in successfully carries a device cookie (OWASP's "device cookies"):
its attempts count against that browser alone, so a stranger's failures for a username or
from a shared office address never lock the owner out. Other browsers count against the
username (5 in 15 minutes) and the address (20 in 15 minutes).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext

from portal.extensions import db
from portal.models import ThrottleHit

WINDOW = timedelta(minutes=15)
PER_USERNAME = 5
PER_ADDRESS = 20
PER_DEVICE = 5


@dataclass(frozen=True)
class Attempt:
    """Who tries: the username typed, the client's address, and the browser's device id if trusted."""

    username: str
    address: str
    device: str | None = None


def _limits(attempt: Attempt, namespace: str) -> list[tuple[str, int]]:
    """The (key, limit) pairs this attempt counts against."""
    if attempt.device:
        return [(f"{namespace}device/{attempt.device[:64]}", PER_DEVICE)]
    return [
        (f"{namespace}user/{attempt.username[:64]}", PER_USERNAME),
        (f"{namespace}addr/{attempt.address[:64]}", PER_ADDRESS),
    ]


def seconds_blocked(attempt: Attempt, now: datetime, namespace: str = "") -> int:
    """How long this attempt must wait (0 when it may go ahead): until the oldest counted failure ages out."""
    wait = 0
    for key, limit in _limits(attempt, namespace):
        recent = (
            sa.select(ThrottleHit.at)
            .where(ThrottleHit.key == key, ThrottleHit.at > now - WINDOW)
            .order_by(ThrottleHit.at.desc())
            .limit(limit)
        )
        hits = list(db.session.scalars(recent))
        if len(hits) >= limit:
            wait = max(wait, 1, math.ceil((hits[-1] + WINDOW - now).total_seconds()))
    return wait


def count_failure(attempt: Attempt, now: datetime, namespace: str = "") -> None:
    """Count a failed attempt against each of its keys, and forget failures older than the window."""
    db.session.execute(sa.delete(ThrottleHit).where(ThrottleHit.at <= now - WINDOW))
    for key, _ in _limits(attempt, namespace):
        db.session.add(ThrottleHit(key=key, at=now))
    db.session.flush()


def wait_message(seconds: int, signing_in: bool = False) -> str:
    """The refusal a person reads after too many wrong passwords, with the wait in whole minutes (at least one)."""
    minutes = max(1, -(-seconds // 60))
    if signing_in:
        return gettext("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.", minutes=minutes)
    return gettext("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.", minutes=minutes)
