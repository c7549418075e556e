"""Presence on an article's form: who has it open to edit, stale after two minutes, take-over.

Only a person who may edit the article counts: someone reading it without the right to change
it (an author once the article left draft) holds nothing, even if they held it a minute ago.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal.content.workflow import can_edit
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


def _held(lock: EditLock | None, article: Article, now: datetime) -> bool:
    """Whether the lock is fresh and its holder may still edit the article."""
    return lock is not None and now - lock.heartbeat_at < STALE_AFTER and can_edit(lock.user, article)


def heartbeat(article: Article, user: User, now: datetime) -> Presence:
    """Record that the person has the form open; claim the article if nobody fresh holds it."""
    lock = db.session.get(EditLock, article.id)
    if lock is not None and lock.user_id == user.id:
        lock.heartbeat_at = now
        return Presence(mine=True)
    if _held(lock, article, now):
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
    previous = lock.user if _held(lock, article, now) and lock.user_id != editor.id else None
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
    return lock.user if _held(lock, article, now) and lock.user_id != user.id else None
