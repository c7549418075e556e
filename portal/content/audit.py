"""The audit trail: one row per security-relevant action, no secrets, no line breaks."""

import re
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, User

_LINE_BREAKS = re.compile(r"[\r\n\x00-\x1f\x7f\u2028\u2029]+")


def _one_line(value: str, limit: int) -> str:
    """Neutralize CR/LF and control characters so a log line cannot be forged."""
    return _LINE_BREAKS.sub(" ", value or "")[:limit]


def record(action: str, actor: User | None, target: str = "", ip: str = "", detail: str = "") -> AuditLog:
    """Add an audit entry.

    Args:
        action: a dotted name such as "login.success" or "article.publish".
        actor: the account acting, if known (its name is kept even if it is deleted).
        target: what was acted on, such as a username or "article:12".
        ip: the client address.
        detail: a short free-text note; never a password or token.
    Returns:
        The new entry, added to the session (committed with the caller's transaction).
    """
    entry = AuditLog(
        actor_id=actor.id if actor else None,
        actor_name=_one_line(actor.username if actor else "", 120),
        action=action,
        target=_one_line(target, 200),
        ip=_one_line(ip, 64),
        detail=_one_line(detail, 1000),
        created_at=clock.now(),
    )
    db.session.add(entry)
    return entry


REPEAT_WINDOW = timedelta(minutes=1)


def record_repeated(action: str, actor: User | None, target: str = "", ip: str = "") -> AuditLog:
    """Add an entry, or count one more on the entry for the same action, person and address made
    within the last minute: a flood of refusals from one place writes one row a minute."""
    now = clock.now()
    recent = db.session.scalar(
        sa.select(AuditLog)
        .where(
            AuditLog.action == action,
            AuditLog.actor_id.is_(None) if actor is None else AuditLog.actor_id == actor.id,
            AuditLog.ip == _one_line(ip, 64),
            AuditLog.created_at > now - REPEAT_WINDOW,
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    )
    if recent is None:
        return record(action, actor, target=target, ip=ip)
    recent.count = (recent.count or 1) + 1
    return recent


def latest(limit: int) -> list[AuditLog]:
    """The newest entries, newest first."""
    return list(db.session.scalars(sa.select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)))


def action_names() -> list[str]:
    """Every action the log holds, in alphabetical order."""
    return list(db.session.scalars(sa.select(AuditLog.action).distinct().order_by(AuditLog.action)))


def entries(
    actor: str = "", action: str = "", since: datetime | None = None, before: datetime | None = None
) -> sa.Select:
    """The entries by that actor (a username), of that action, made in [since, before), newest first."""
    stmt = sa.select(AuditLog).order_by(AuditLog.id.desc())
    if actor:
        stmt = stmt.where(AuditLog.actor_name == actor.lower())
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if since:
        stmt = stmt.where(AuditLog.created_at >= since)
    if before:
        stmt = stmt.where(AuditLog.created_at < before)
    return stmt
