"""The editor dashboard's list: what each person may see, filtered."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.content.text import like_pattern
from portal.content.workflow import scheduled_condition
from portal.extensions import db
from portal.models import Article, ArticleStatus, Permission, User

STATUS_FILTERS = ("draft", "pending", "scheduled", "published", "unpublished")


def _status_condition(status: str, now: datetime) -> sa.ColumnElement[bool]:
    if status == "scheduled":
        return scheduled_condition(now)
    if status == "published":
        return sa.and_(Article.status == ArticleStatus.PUBLISHED, Article.published_at <= now)
    return Article.status == ArticleStatus(status)


def visible_to(user: User) -> sa.Select:
    """Articles the person may open: editors all of them, authors their own."""
    stmt = sa.select(Article).options(selectinload(Article.category), selectinload(Article.author))
    if not user.can(Permission.EDIT_OTHERS):
        stmt = stmt.where(Article.author_id == user.id)
    return stmt


def editor_listing(
    user: User,
    now: datetime,
    status: str = "",
    category_id: int | None = None,
    author_id: int | None = None,
    q: str = "",
) -> sa.Select:
    """The dashboard query: newest change first, with the chosen filters."""
    stmt = visible_to(user)
    if status in STATUS_FILTERS:
        stmt = stmt.where(_status_condition(status, now))
    if category_id:
        stmt = stmt.where(Article.category_id == category_id)
    if author_id and user.can(Permission.EDIT_OTHERS):
        stmt = stmt.where(Article.author_id == author_id)
    if q:
        stmt = stmt.where(Article.title.ilike(like_pattern(q), escape="\\"))
    return stmt.order_by(Article.updated_at.desc(), Article.id.desc())


def status_counts(user: User, now: datetime) -> dict[str, int]:
    """How many articles the person can see in each status filter."""
    counts = {}
    for status in STATUS_FILTERS:
        base = visible_to(user).where(_status_condition(status, now)).order_by(None)
        counts[status] = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    return counts
