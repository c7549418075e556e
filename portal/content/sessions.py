"""Sign-in sessions kept on the server: open, check, touch and end them."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import User, UserSession

# The idle prompt appears this long before the session ends (the seed page's "60 giây").
WARNING_SECONDS = 60


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session may sit idle and how long it may live at most, in seconds."""

    idle_timeout: int
    lifetime: int

    @property
    def warning_seconds(self) -> int:
        """How long before the end the idle prompt appears: 60 s, or half a shorter timeout (tests)."""
        return min(WARNING_SECONDS, self.idle_timeout // 2)


def hash_token(token: str) -> str:
    """The stored form of a session token (a leaked table gives no usable cookie)."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User, ip: str, user_agent: str, now: datetime) -> tuple[UserSession, str]:
    """Start a session for the user; return the record and the token for the cookie."""
    token = secrets.token_urlsafe(32)
    record = UserSession(
        token_hash=hash_token(token),
        user=user,
        created_at=now,
        last_seen_at=now,
        ip=ip[:64],
        user_agent=user_agent[:300],
    )
    db.session.add(record)
    db.session.flush()
    return record, token


def find_open_session(token: str) -> UserSession | None:
    """Return the open session the token names, or None."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        sa.select(UserSession).where(UserSession.token_hash == hash_token(token), UserSession.ended_at.is_(None))
    )


def expires_at(record: UserSession, policy: SessionPolicy) -> datetime:
    """When the session ends unless used again: idle limit or absolute limit, the earlier."""
    idle_end = record.last_seen_at + timedelta(seconds=policy.idle_timeout)
    return min(idle_end, record.created_at + timedelta(seconds=policy.lifetime))


def milliseconds_left(record: UserSession, policy: SessionPolicy, now: datetime) -> int:
    """Milliseconds until the session ends if left alone, rounded up: never 0 while it is alive."""
    left = expires_at(record, policy) - now
    return max(0, -(-left // timedelta(milliseconds=1)))


def reason_to_end(record: UserSession, policy: SessionPolicy, now: datetime) -> str | None:
    """Why the session must end now ("idle", "lifetime", "inactive"), or None if it may go on."""
    if not record.user.is_active:
        return "inactive"
    if now >= record.created_at + timedelta(seconds=policy.lifetime):
        return "lifetime"
    if now >= record.last_seen_at + timedelta(seconds=policy.idle_timeout):
        return "idle"
    return None


def touch(record: UserSession, now: datetime) -> None:
    """Record activity; the idle clock starts again from now."""
    record.last_seen_at = now


def end_session(record: UserSession, reason: str, now: datetime) -> None:
    """End one session for good; its cookie is refused from now on."""
    if record.ended_at is None:
        record.ended_at, record.end_reason = now, reason[:32]


def end_all_sessions(user: User, reason: str, now: datetime, keep: UserSession | None = None) -> int:
    """End every open session of the user (but `keep`); return how many were ended."""
    stmt = sa.select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    ended = 0
    for record in db.session.scalars(stmt):
        if keep is None or record.id != keep.id:
            end_session(record, reason, now)
            ended += 1
    return ended
