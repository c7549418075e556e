"""Articles and their append-only revisions."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.media import Media
from portal.models.taxonomy import Category, Tag, article_tags
from portal.models.user import User


class ArticleStatus(enum.StrEnum):
    """Where an article stands in its life cycle (scheduled = published, future date)."""

    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


def _enum_values(enum_cls: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_cls]


class Article(Base):
    """A news article; the live fields sit on this row, history in ArticleRevision."""

    __tablename__ = "articles"
    __table_args__ = (
        sa.UniqueConstraint("category_id", "slug", name="uq_articles_category_id_slug"),
        # Public lists, newest first: the order (published_at, id), then expires_at, so that
        # deciding visibility and skipping to a deep page never reads the (wide) rows.
        sa.Index("ix_articles_visible_newest", "status", "published_at", "id", "expires_at"),
        sa.Index("ix_articles_category_newest", "category_id", "status", "published_at", "id", "expires_at"),
        sa.Index("ix_articles_featured_status_published", "featured", "status", "published_at"),
        sa.Index("ix_articles_status_view_count", "status", "view_count"),
        sa.Index("ix_articles_status_expires_at", "status", "expires_at"),
        # Visibility by id, for lists reached through another table (tags, search, sitemap).
        sa.Index("ix_articles_id_visibility", "id", "status", "published_at", "expires_at", "category_id"),
        # The editor dashboard: latest change first, alone or by status, category or author.
        sa.Index("ix_articles_updated_at", "updated_at", "id"),
        sa.Index("ix_articles_status_updated_at", "status", "updated_at", "id"),
        sa.Index("ix_articles_category_updated_at", "category_id", "updated_at", "id"),
        sa.Index("ix_articles_author_updated_at", "author_id", "updated_at", "id"),
        sa.Index("ix_articles_author_status_published", "author_id", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    slug: Mapped[str] = mapped_column(sa.String(120))
    lead: Mapped[str] = mapped_column(sa.Text, default="")
    body_source: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    byline: Mapped[str] = mapped_column(sa.String(120), default="")
    source: Mapped[str] = mapped_column(sa.String(300), default="")
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"))
    image_id: Mapped[int | None] = mapped_column(sa.ForeignKey("media.id", ondelete="SET NULL"))
    image_caption: Mapped[str] = mapped_column(sa.String(300), default="")
    image_alt: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[ArticleStatus] = mapped_column(
        sa.Enum(ArticleStatus, native_enum=False, length=16, values_callable=_enum_values),
        default=ArticleStatus.DRAFT,
    )
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    featured: Mapped[bool] = mapped_column(default=False)
    view_count: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    category: Mapped[Category] = relationship()
    image: Mapped[Media | None] = relationship()
    author: Mapped[User | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=article_tags, order_by=lambda: Tag.name)
    revisions: Mapped[list["ArticleRevision"]] = relationship(
        back_populates="article", order_by=lambda: ArticleRevision.id, cascade="all, delete-orphan"
    )

    # Optimistic locking: every ORM UPDATE checks and bumps `version`, so two saves based on
    # the same version cannot both land. Counters that are not edits (view counts) must
    # use Core UPDATE statements, which bypass this.
    __mapper_args__ = {"version_id_col": version}

    def is_public(self, now: datetime) -> bool:
        """Return whether a reader may see the article at the given moment."""
        return (
            self.status is ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.slug}>"


class ArticleRevision(Base):
    """A frozen copy of an article's editable fields at one save; never edited."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    lead: Mapped[str] = mapped_column(sa.Text, default="")
    body_source: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    byline: Mapped[str] = mapped_column(sa.String(120), default="")
    source: Mapped[str] = mapped_column(sa.String(300), default="")
    category_id: Mapped[int | None] = mapped_column(sa.ForeignKey("categories.id", ondelete="SET NULL"))
    tag_names: Mapped[str] = mapped_column(sa.Text, default="")
    image_id: Mapped[int | None] = mapped_column(sa.ForeignKey("media.id", ondelete="SET NULL"))
    image_caption: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[str] = mapped_column(sa.String(16), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")
    editor: Mapped[User | None] = relationship()
