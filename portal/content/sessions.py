"""Sign-in sessions kept on the server: the idle policy; open, check, touch and end them."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import User, UserSession

SECONDS_PER_MINUTE = 60


@dataclass(frozen=True)
class IdlePolicy:
    """The idle-session rule in numbers, read by the guard, the factory, the settings form and the page script."""

    min_minutes: int = 5  # what an administrator may choose in the site settings
    max_minutes: int = 120
    default_minutes: int = 30  # when neither the settings nor PORTAL_IDLE_TIMEOUT say otherwise
    warning_seconds: int = 60  # the prompt appears this long before the end (the seed page's "60 giây")
    min_test_seconds: int = 5  # tests may end sessions within seconds
    max_config_seconds: int = 86_400  # PORTAL_IDLE_TIMEOUT at most a day

    @property
    def default_seconds(self) -> int:
        """The default idle timeout in seconds."""
        return self.default_minutes * SECONDS_PER_MINUTE

    def config_bounds(self, testing: bool) -> tuple[int, int]:
        """The range of PORTAL_IDLE_TIMEOUT in seconds: room for the whole warning twice, a few seconds in tests."""
        low = self.min_test_seconds if testing else 2 * self.warning_seconds
        return low, self.max_config_seconds

    def allows_minutes(self, minutes: int) -> bool:
        """Whether an administrator may set the idle timeout to this many minutes."""
        return self.min_minutes <= minutes <= self.max_minutes

    def timeout_seconds(self, setting: str, configured: int) -> int:
        """The idle timeout in force: the site setting (minutes) when allowed, else the configured seconds."""
        if setting.isdigit() and self.allows_minutes(int(setting)):
            return int(setting) * SECONDS_PER_MINUTE
        return configured

    def minutes_shown(self, setting: str, configured: int) -> int:
        """What the settings form starts from: the stored setting, else the configured seconds in minutes."""
        minutes = setting or str(configured // SECONDS_PER_MINUTE)
        return int(minutes) if minutes.isdigit() else self.default_minutes

    def warning_for(self, idle_timeout: int) -> int:
        """How long before the end the prompt appears: the whole warning, or half a shorter timeout (tests)."""
        return min(self.warning_seconds, idle_timeout // 2)


IDLE_POLICY = IdlePolicy()


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session may sit idle and how long it may live at most, in seconds."""

    idle_timeout: int
    lifetime: int

    @property
    def warning_seconds(self) -> int:
        """How long before the end the idle prompt appears (see IdlePolicy.warning_for)."""
        return IDLE_POLICY.warning_for(self.idle_timeout)


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


def open_sessions(user: User) -> list[UserSession]:
    """The user's open sessions, most recently active first."""
    stmt = (
        sa.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())
    )
    return list(db.session.scalars(stmt))
