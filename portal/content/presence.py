"""Presence on an article's form: who has it open, stale after two minutes, take-over."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal.extensions import db
from portal.models import Article, EditLock, User

STALE_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Presence:
    """What the form should show: whether it is mine, and who else holds or took it."""

    mine: bool
    holder: str | None = None  # display name of the other person who has it open
    taken_by: str | None = None  # display name of who took it over from me

    def as_json(self) -> dict:
        """The heartbeat's answer."""
        return {"mine": self.mine, "holder": self.holder, "taken_by": self.taken_by}


def _fresh(lock: EditLock | None, now: datetime) -> bool:
    return lock is not None and now - lock.heartbeat_at < STALE_AFTER


def heartbeat(article: Article, user: User, now: datetime) -> Presence:
    """Record that the person has the form open; claim the article if nobody fresh holds it."""
    lock = db.session.get(EditLock, article.id)
    if lock is not None and lock.user_id == user.id:
        lock.heartbeat_at = now
        return Presence(mine=True)
    if _fresh(lock, now):
        taken = lock.taken_from_id == user.id
        return Presence(mine=False, holder=lock.user.display_name, taken_by=lock.user.display_name if taken else None)
    if lock is None:
        lock = EditLock(article_id=article.id, user_id=user.id)
        db.session.add(lock)
    lock.user_id, lock.heartbeat_at, lock.taken_from_id = user.id, now, None
    db.session.flush()
    return Presence(mine=True)


def take_over(article: Article, editor: User, now: datetime) -> User | None:
    """Give the article's form to the editor; return the person it was taken from, if any."""
    lock = db.session.get(EditLock, article.id)
    previous = lock.user if _fresh(lock, now) and lock.user_id != editor.id else None
    if lock is None:
        lock = EditLock(article_id=article.id, user_id=editor.id)
        db.session.add(lock)
    lock.user_id, lock.heartbeat_at = editor.id, now
    lock.taken_from_id = previous.id if previous else None
    db.session.flush()
    return previous


def other_holder(article: Article, user: User, now: datetime) -> User | None:
    """The other person who has the form open right now, if any."""
    lock = db.session.get(EditLock, article.id)
    return lock.user if _fresh(lock, now) and lock.user_id != user.id else None
