"""When what readers see changes: the content generation and the next scheduled change.

Every committed change that a reader could notice (a published article, a category, a tag, a
picture, a site setting) raises the content generation in the same transaction; cached
pages remember the generation they were made from and are stale once it moves. Changes that
need no write (a scheduled article falling due, an article expiring) are covered by
`next_visibility_change`, which caps how long a page may be kept.
"""

from datetime import datetime

import sqlalchemy as sa

from portal.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    AuditLog,
    Autosave,
    Category,
    CategoryRedirect,
    ContentState,
    EditLock,
    ImportedRecord,
    ImportedUpload,
    Media,
    SearchDocument,
    Setting,
    Tag,
    ThrottleHit,
    User,
    UserSession,
)
from portal.models.taxonomy import article_tags

READER_VISIBLE_MODELS = (Category, CategoryRedirect, Tag, Media, Setting)
READER_VISIBLE_TABLES = frozenset(
    [article_tags.name, *(model.__tablename__ for model in (Article, *READER_VISIBLE_MODELS))]
)
# Rows no cached page shows (bylines are free text, search pages are never cached): changing
# them leaves the generation alone. Every model is in exactly one of these lists (tests check).
PRIVATE_MODELS = (
    User,
    UserSession,
    ArticleRevision,
    Autosave,
    EditLock,
    SearchDocument,
    AuditLog,
    ThrottleHit,
    ContentState,
    ImportedRecord,  # old ids and picture paths: answered with redirects, never cached
    ImportedUpload,
)


# Rows that nobody sees until a published article uses them: a tag typed into a draft, an upload.
SEEN_ONLY_THROUGH_ARTICLES = (Tag, Media)


def affects_readers(obj: object, new: bool = False) -> bool:
    """Whether adding (`new`), changing or deleting this object can change a public page.

    A draft that stays a draft changes nothing readers see, nor does a new tag or picture
    (until a published article uses it, which counts then); an article that is, or was until
    this change, published does.
    """
    if new and isinstance(obj, SEEN_ONLY_THROUGH_ARTICLES):
        return False
    if isinstance(obj, READER_VISIBLE_MODELS):
        return True
    if not isinstance(obj, Article):
        return False
    if obj.status == ArticleStatus.PUBLISHED:
        return True
    history = sa.inspect(obj).attrs.status.history
    return ArticleStatus.PUBLISHED in (history.deleted or ())


def raise_generation(connection: sa.Connection, now: datetime) -> None:
    """Move the content generation on by one, inside the caller's transaction."""
    table = ContentState.__table__
    connection.execute(
        sa.update(table).where(table.c.id == 1).values(generation=table.c.generation + 1, changed_at=now)
    )


def read_generation(connection: sa.Connection) -> int:
    """The current content generation (0 before the first migration has run)."""
    table = ContentState.__table__
    return connection.execute(sa.select(table.c.generation).where(table.c.id == 1)).scalar() or 0


def next_visibility_change(connection: sa.Connection, now: datetime) -> datetime | None:
    """The next moment a published article falls due or expires, if any is scheduled."""
    published = Article.status == ArticleStatus.PUBLISHED
    due = sa.select(sa.func.min(Article.published_at)).where(published, Article.published_at > now)
    expiring = sa.select(sa.func.min(Article.expires_at)).where(published, Article.expires_at > now)
    first, second = connection.execute(sa.select(due.scalar_subquery(), expiring.scalar_subquery())).one()
    moments = [moment for moment in (first, second) if moment is not None]
    return min(moments) if moments else None
