"""What readers may see: published, already due and not expired articles, and lists of them.

Lists load what a card shows (category, picture) in the statement that finds the articles, so
a page runs the same few statements however many articles it lists. Public lists stop at
MAX_PAGES pages: they never count, nor skip, more rows than that many pages hold.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, selectinload
from sqlalchemy.orm.util import AliasedClass

from portal.extensions import db
from portal.models import Article, ArticleStatus, Category, Media, Tag, article_tags

MAX_PAGE = 10_000  # editor lists: a page number past this is a 404
MAX_PAGES = 500  # public lists: never counted, nor skipped, past this many pages
# One UNION part per category: SQLite refuses more than 500 parts, the site allows 200 categories.
MAX_BRANCHES = 400
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)  # on or before any publication date
PICTURE_DEPTH = 20  # a list's link-preview picture is looked for among this many newest articles
# Many-to-one: joined into the statement that loads the articles, never one query per card.
CARD_OPTIONS = (joinedload(Article.category), joinedload(Article.image))


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its number and how many pages there are.

    `capped` says the list holds more than `total` items and only `total` of them are shown.
    """

    items: list[Article]
    number: int
    per_page: int
    total: int
    capped: bool = False

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


def is_visible(now: datetime, article: type[Article] | AliasedClass = Article) -> sa.ColumnElement[bool]:
    """The SQL condition for an article (or an alias of the table) a reader may see at `now`."""
    return sa.and_(
        article.status == ArticleStatus.PUBLISHED,
        article.published_at <= now,
        sa.or_(article.expires_at.is_(None), article.expires_at > now),
    )


def by_id(stmt: sa.Select) -> sa.Select:
    """Have SQLite judge articles reached by id from ix_articles_id_visibility, not from their wide rows."""
    return stmt.with_hint(Article, "INDEXED BY ix_articles_id_visibility", "sqlite")


def newest_first(stmt: sa.Select) -> sa.Select:
    """The statement ordered by publication, newest first (the id breaks ties)."""
    return stmt.order_by(Article.published_at.desc(), Article.id.desc())


def _listing(now: datetime) -> sa.Select:
    """Visible articles, newest first, with what a list shows loaded in the same statement."""
    return newest_first(sa.select(Article).where(is_visible(now)).options(*CARD_OPTIONS))


def cards(ids: sa.Select | sa.CompoundSelect) -> list[Article]:
    """The articles whose ids the statement selects, newest first, ready for a list."""
    return list(db.session.scalars(newest_first(sa.select(Article).where(Article.id.in_(ids)).options(*CARD_OPTIONS))))


def get_visible_article(article_id: int, now: datetime) -> Article | None:
    """Return the article if a reader may see it now, else None."""
    stmt = (
        sa.select(Article)
        .where(Article.id == article_id, is_visible(now))
        .options(selectinload(Article.tags), *CARD_OPTIONS)
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


def _rows(branches: list[sa.Select], limit: int, newest: bool) -> sa.Subquery:
    """At most `limit` (id, published_at) rows of each branch, the newest ones if asked, as one subquery."""
    parts = [(newest_first(branch) if newest else branch).limit(limit).subquery() for branch in branches]
    selects = [sa.select(part.c.id, part.c.published_at) for part in parts]
    return (selects[0] if len(selects) == 1 else sa.union_all(*selects)).subquery()


def capped_count(branches: list[sa.Select], bound: int) -> int:
    """How many rows the branches hold together, counting no further than bound + 1."""
    rows = _rows(branches, bound + 1, newest=False)
    return db.session.scalar(sa.select(sa.func.count()).select_from(sa.select(rows.c.id).limit(bound + 1).subquery()))


def bounded_page(branches: list[sa.Select], page: int, per_page: int) -> Page | None:
    """A page of a list, newest first; None past the last page or past MAX_PAGES pages.

    Args:
        branches: the list as a union of statements of (Article.id, Article.published_at),
            unordered; each is read newest first and only as deep as the page needs.
        page: the page number, from 1.
        per_page: how many articles a page holds.
    Returns:
        The page; its total stops at MAX_PAGES pages (`capped` tells when there are more).
    """
    if not 1 <= page <= MAX_PAGES:
        return None
    bound, skip = MAX_PAGES * per_page, (page - 1) * per_page
    found = capped_count(branches, bound)
    if page > 1 and skip >= found:
        return None
    rows = _rows(branches, skip + per_page, newest=True)
    ids = sa.select(rows.c.id).order_by(rows.c.published_at.desc(), rows.c.id.desc()).limit(per_page).offset(skip)
    return Page(items=cards(ids), number=page, per_page=per_page, total=min(found, bound), capped=found > bound)


def in_categories(category_ids: list[int], now: datetime) -> list[sa.Select]:
    """Visible articles filed under any of the categories, as one branch per category.

    Each branch reads its own (category, status, published_at) index range newest first, so a
    page costs what its depth costs, not what the categories hold. Past MAX_BRANCHES categories
    (only in a tree written past the site's limits) one branch reads them all instead.
    """
    visible = sa.select(Article.id, Article.published_at).where(is_visible(now))
    if len(category_ids) > MAX_BRANCHES:
        return [visible.where(Article.category_id.in_(category_ids))]
    return [visible.where(Article.category_id == category_id) for category_id in category_ids]


def with_tag(tag: Tag, now: datetime) -> list[sa.Select]:
    """Visible articles carrying the tag, as a single branch that starts from the tag's links."""
    stmt = sa.select(Article.id, Article.published_at).select_from(article_tags).join(Article)
    return [by_id(stmt.where(article_tags.c.tag_id == tag.id, is_visible(now)))]


def category_ids_below(category: Category, all_categories: list[Category]) -> list[int]:
    """Return the ids of the category and of every category nested under it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for cat in all_categories:
        children[cat.parent_id].append(cat.id)
    ids, seen, stack = [], set(), [category.id]
    while stack:
        current = stack.pop()
        if current not in seen:
            ids.append(current)
            seen.add(current)
            stack.extend(children[current])
    return ids


def category_page(category_ids: list[int], now: datetime, page: int, per_page: int) -> Page | None:
    """Return a page of visible articles filed under any of the categories."""
    return bounded_page(in_categories(category_ids, now), page, per_page)


def tag_page(tag: Tag, now: datetime, page: int, per_page: int) -> Page | None:
    """Return a page of visible articles carrying the tag."""
    return bounded_page(with_tag(tag, now), page, per_page)


def _tree() -> sa.CTE:
    """(id, root_id) of every category reached from a top-level one, root_id being that top-level one.

    A finite tree reached from its roots has no loop, so the recursion ends however deep it goes.
    """
    tree = sa.select(Category.id, Category.id.label("root_id")).where(Category.parent_id.is_(None)).cte(recursive=True)
    child = aliased(Category)
    return tree.union_all(sa.select(child.id, tree.c.root_id).where(child.parent_id == tree.c.id))


def _newest_per_category(now: datetime, per_category: int) -> sa.Subquery:
    """(id, published_at, root_id) of at least the `per_category` newest visible articles of each category.

    A correlated subquery finds each category's n-th newest date (through the (category, status,
    published_at) index) and only articles from that date on are read, so the cost follows the
    number of categories, never the number of articles. Articles on the very same date all pass.
    """
    tree, inner = _tree(), aliased(Article)
    floor = (
        sa.select(inner.published_at)
        .where(inner.category_id == tree.c.id, is_visible(now, inner))
        .order_by(inner.published_at.desc(), inner.id.desc())
        .offset(per_category - 1)
        .limit(1)
        .scalar_subquery()
    )
    # Fewer than per_category articles: no n-th date, so all of them (a bare OR would lose the index range).
    floor = sa.func.coalesce(floor, sa.literal(EARLIEST, Article.published_at.type))
    floors = sa.select(tree.c.id, tree.c.root_id, floor.label("floor")).subquery()
    return (
        sa.select(Article.id, Article.published_at, floors.c.root_id)
        .join(floors, Article.category_id == floors.c.id)
        .where(is_visible(now), Article.published_at >= floors.c.floor)
        .subquery()
    )


def latest_by_root(roots: list[Category], now: datetime, per_root: int) -> dict[int, list[Article]]:
    """Return, for each top-level category, the newest visible articles of its branch, in one statement.

    The statement is the same however many categories there are: the candidates of every category
    (see _newest_per_category) are ranked within their top-level category by ROW_NUMBER().
    """
    blocks: dict[int, list[Article]] = {root.id: [] for root in roots}
    if per_root < 1 or not roots:
        return blocks
    rows = _newest_per_category(now, per_root)
    order = (rows.c.published_at.desc(), rows.c.id.desc())
    rank = sa.func.row_number().over(partition_by=rows.c.root_id, order_by=order).label("rank")
    ranked = sa.select(rows.c.id, rows.c.root_id, rank).subquery()
    stmt = newest_first(
        sa.select(Article, ranked.c.root_id)
        .join(ranked, Article.id == ranked.c.id)
        .where(ranked.c.rank <= per_root)
        .options(*CARD_OPTIONS)
    )
    for article, root_id in db.session.execute(stmt):
        if root_id in blocks:
            blocks[root_id].append(article)
    return blocks


def neighbours(article: Article, now: datetime, limit: int) -> tuple[list[Article], list[Article]]:
    """Return (newer, older) visible articles of the same category around the given one, in one statement."""
    same = sa.select(Article.id).where(Article.category_id == article.category_id, is_visible(now))
    key = sa.tuple_(Article.published_at, Article.id)
    mark = sa.tuple_(sa.literal(article.published_at, Article.published_at.type), sa.literal(article.id))
    newer = same.where(key > mark).order_by(Article.published_at.asc(), Article.id.asc()).limit(limit).subquery()
    older = newest_first(same.where(key < mark)).limit(limit).subquery()
    found = cards(sa.union_all(sa.select(newer.c.id), sa.select(older.c.id)))
    after = [a for a in found if (a.published_at, a.id) > (article.published_at, article.id)]
    return after[::-1], [a for a in found if (a.published_at, a.id) < (article.published_at, article.id)]


def feed_articles(now: datetime, limit: int, category_ids: list[int] | None = None) -> list[Article]:
    """Return the newest visible articles for a feed, with category and image loaded in bulk.

    Args:
        now: the moment that decides visibility.
        limit: how many articles at most.
        category_ids: only articles filed under these categories; None for the whole site.
    """
    if category_ids is None:
        return list(db.session.scalars(_listing(now).limit(limit)))
    if not category_ids:
        return []
    newest = _rows(in_categories(category_ids, now), limit, newest=True)
    return cards(sa.select(newest.c.id).order_by(newest.c.published_at.desc(), newest.c.id.desc()).limit(limit))


def newest_picture(now: datetime, category_ids: list[int] | None = None) -> Media | None:
    """The picture of the newest visible article that has one, among the PICTURE_DEPTH newest.

    Args:
        now: the moment that decides visibility.
        category_ids: only articles filed under these categories; None for the whole site.
    Returns:
        The image, or None when none of those articles has one (the read stays bounded either way).
    """
    if category_ids is None:
        branches = [sa.select(Article.id, Article.published_at).where(is_visible(now))]
    else:
        branches = in_categories(category_ids, now)
    if not branches:
        return None
    rows = _rows(branches, PICTURE_DEPTH, newest=True)
    order = (rows.c.published_at.desc(), rows.c.id.desc())
    newest = sa.select(rows.c.id, rows.c.published_at).order_by(*order).limit(PICTURE_DEPTH).subquery()
    stmt = (
        sa.select(Media)
        .join(Article, Article.image_id == Media.id)
        .join(newest, newest.c.id == Article.id)
        .order_by(newest.c.published_at.desc(), newest.c.id.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)


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
