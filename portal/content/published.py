"""What readers may see: published, already due and not expired articles, and lists of them."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Article, ArticleStatus, Category, Tag, article_tags

MAX_PAGE = 10_000


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its number and how many pages there are."""

    items: list[Article]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """The number of pages (at least one, even when empty)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.number < self.pages


def is_visible(now: datetime) -> sa.ColumnElement[bool]:
    """The SQL condition for an article a reader may see at `now`."""
    return sa.and_(
        Article.status == ArticleStatus.PUBLISHED,
        Article.published_at <= now,
        sa.or_(Article.expires_at.is_(None), Article.expires_at > now),
    )


def _listing(now: datetime) -> sa.Select:
    """Visible articles, newest first, with what a list shows loaded in bulk."""
    return (
        sa.select(Article)
        .where(is_visible(now))
        .options(selectinload(Article.category), selectinload(Article.image))
        .order_by(Article.published_at.desc(), Article.id.desc())
    )


def get_visible_article(article_id: int, now: datetime) -> Article | None:
    """Return the article if a reader may see it now, else None."""
    stmt = (
        sa.select(Article)
        .where(Article.id == article_id, is_visible(now))
        .options(selectinload(Article.tags), selectinload(Article.image), selectinload(Article.category))
    )
    return db.session.scalar(stmt)


def latest(now: datetime, limit: int, featured: bool | None = None) -> list[Article]:
    """Return the newest visible articles, optionally only featured (or not featured) ones."""
    stmt = _listing(now).limit(limit)
    if featured is not None:
        stmt = stmt.where(Article.featured.is_(featured))
    return list(db.session.scalars(stmt))


def most_read(now: datetime, limit: int) -> list[Article]:
    """The visible articles with the most views."""
    stmt = _listing(now).order_by(None).order_by(Article.view_count.desc(), Article.published_at.desc())
    return list(db.session.scalars(stmt.where(Article.view_count > 0).limit(limit)))


def paginate(stmt: sa.Select, page: int, per_page: int) -> Page | None:
    """Return the page of stmt's results, or None when the page number is out of range."""
    if page < 1 or page > MAX_PAGE:
        return None
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
    items = list(db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    result = Page(items=items, number=page, per_page=per_page, total=total or 0)
    return None if page > result.pages else result


def category_ids_below(category: Category, all_categories: list[Category]) -> list[int]:
    """Return the ids of the category and of every category nested under it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for cat in all_categories:
        children[cat.parent_id].append(cat.id)
    ids, stack = [], [category.id]
    while stack:
        current = stack.pop()
        if current not in ids:
            ids.append(current)
            stack.extend(children[current])
    return ids


def category_page(category_ids: list[int], now: datetime, page: int, per_page: int) -> Page | None:
    """Return a page of visible articles filed under any of the categories."""
    return paginate(_listing(now).where(Article.category_id.in_(category_ids)), page, per_page)


def tag_page(tag: Tag, now: datetime, page: int, per_page: int) -> Page | None:
    """Return a page of visible articles carrying the tag."""
    stmt = _listing(now).join(article_tags).where(article_tags.c.tag_id == tag.id)
    return paginate(stmt, page, per_page)


def latest_by_root(
    roots: list[Category], all_categories: list[Category], now: datetime, per_root: int
) -> dict[int, list[Article]]:
    """Return, for each top-level category, its newest visible articles, in one statement.

    Each category contributes its own newest `per_root` through the (category, status,
    published_at) index, so the cost does not grow with the number of articles.
    """
    root_of = {c.id: c.lineage()[0].id for c in all_categories}
    branches = [
        sa.select(Article.id)
        .where(Article.category_id == category.id, is_visible(now))
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(per_root)
        .subquery()
        for category in all_categories
    ]
    blocks: dict[int, list[Article]] = {root.id: [] for root in roots}
    if not branches:
        return blocks
    newest_ids = sa.union_all(*(sa.select(branch.c.id) for branch in branches)).subquery()
    stmt = _listing(now).where(Article.id.in_(sa.select(newest_ids.c.id)))
    for article in db.session.scalars(stmt):
        block = blocks.get(root_of.get(article.category_id, -1))
        if block is not None and len(block) < per_root:
            block.append(article)
    return blocks


def neighbours(article: Article, now: datetime, limit: int) -> tuple[list[Article], list[Article]]:
    """Return (newer, older) visible articles of the same category around the given one."""
    same = _listing(now).where(Article.category_id == article.category_id, Article.id != article.id)
    key = sa.tuple_(Article.published_at, Article.id)
    mark = sa.tuple_(sa.literal(article.published_at, Article.published_at.type), sa.literal(article.id))
    newer = db.session.scalars(
        same.where(key > mark).order_by(None).order_by(Article.published_at.asc(), Article.id.asc()).limit(limit)
    )
    older = db.session.scalars(same.where(key < mark).limit(limit))
    return list(newer), list(older)


def feed_articles(now: datetime, limit: int, category_ids: list[int] | None = None) -> list[Article]:
    """Return the newest visible articles for a feed, with category and image loaded in bulk.

    Args:
        now: the moment that decides visibility.
        limit: how many articles at most.
        category_ids: only articles filed under these categories; None for the whole site.
    """
    stmt = _listing(now).limit(limit)
    if category_ids is not None:
        stmt = stmt.where(Article.category_id.in_(category_ids))
    return list(db.session.scalars(stmt))


def count_visible(now: datetime) -> int:
    """Return how many articles a reader may see at `now`."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Article).where(is_visible(now))) or 0


def sitemap_rows(now: datetime, offset: int, limit: int) -> list[sa.Row]:
    """Return one slice of the visible articles, by id, in a single query and without ORM objects.

    Each row has `id`, `slug`, `category_slug`, `updated_at` and `published_at`.
    """
    stmt = (
        sa.select(
            Article.id, Article.slug, Category.slug.label("category_slug"), Article.updated_at, Article.published_at
        )
        .join(Category, Article.category_id == Category.id)
        .where(is_visible(now))
        .order_by(Article.id)
        .offset(offset)
        .limit(limit)
    )
    return list(db.session.execute(stmt))


def newest_change_by_category(now: datetime) -> dict[int, datetime]:
    """Return, per category id, the latest publication or edit among its own visible articles."""
    stmt = (
        sa.select(Article.category_id, sa.func.max(Article.published_at), sa.func.max(Article.updated_at))
        .where(is_visible(now))
        .group_by(Article.category_id)
    )
    return {
        category_id: max(d for d in (published_at, updated_at) if d)
        for category_id, published_at, updated_at in db.session.execute(stmt)
    }
