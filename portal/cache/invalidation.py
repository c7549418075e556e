"""Raise the content generation with every commit that changes what readers see.

The listeners sit on Flask-SQLAlchemy's Session class, so every session of every app (views,
CLI commands, tests) is covered: ORM changes are judged by portal.content.freshness, bulk
statements by the table they touch. The database's generation moves inside the committing
transaction; the Redis counter, when there is one, right after the commit.
"""

import itertools
import logging

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session

from portal.content.freshness import READER_VISIBLE_TABLES, affects_readers, raise_generation
from portal.models.base import utcnow

log = logging.getLogger(__name__)

CHANGED = "portal.content_changed"


def _now():
    """The app's clock when there is an app, else the real time."""
    if has_app_context():
        from portal import clock

        return clock.now()
    return utcnow()


@sa.event.listens_for(Session, "after_flush")
def note_flushed_changes(session: Session, _context) -> None:
    """Remember whether anything just flushed is visible to readers."""
    if session.info.get(CHANGED):
        return
    changed = itertools.chain(
        (affects_readers(obj, new=True) for obj in session.new),
        (affects_readers(obj) for obj in itertools.chain(session.dirty, session.deleted)),
    )
    if any(changed):
        session.info[CHANGED] = True


@sa.event.listens_for(Session, "do_orm_execute")
def note_bulk_changes(state) -> None:
    """Remember INSERT, UPDATE and DELETE statements on the tables readers see."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in READER_VISIBLE_TABLES:
            state.session.info[CHANGED] = True


@sa.event.listens_for(Session, "before_commit")
def raise_generation_on_commit(session: Session) -> None:
    """Move the database's generation in the same transaction as the change."""
    session.flush()
    if session.info.get(CHANGED):
        raise_generation(session.connection(), _now())


@sa.event.listens_for(Session, "after_commit")
def tell_the_page_store(session: Session) -> None:
    """Let a shared store (Redis) know at once; its failure never undoes the commit."""
    if not session.info.pop(CHANGED, False) or not has_app_context():
        return
    store = current_app.extensions.get("page_cache")
    if store is None:
        return
    try:
        store.content_changed()
    except Exception:
        log.warning("page cache not told of a change; it will be told before the next lookup", exc_info=True)


@sa.event.listens_for(Session, "after_rollback")
def forget_changes(session: Session) -> None:
    """A rolled back change changed nothing."""
    session.info.pop(CHANGED, None)
