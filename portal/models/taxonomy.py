"""Categories (an ordered tree) and tags."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow

article_tags = sa.Table(
    "article_tags",
    Base.metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_article_tags_tag_id_article_id", "tag_id", "article_id"),  # a tag's articles, index only
)


class Category(Base):
    """A section of the portal; top-level ones head the navigation."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped["Category | None"] = relationship(back_populates="children", remote_side=lambda: Category.id)
    children: Mapped[list["Category"]] = relationship(
        back_populates="parent", order_by=lambda: (Category.position, Category.name)
    )

    def lineage(self) -> list["Category"]:
        """Return the category's ancestors from the root down, ending with itself."""
        chain: list[Category] = []
        node: Category | None = self
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def __repr__(self) -> str:
        return f"<Category {self.slug}>"


class CategoryRedirect(Base):
    """An old category slug that now leads to another category (301)."""

    __tablename__ = "category_redirects"

    old_slug: Mapped[str] = mapped_column(sa.String(120), primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    category: Mapped[Category] = relationship()


class Tag(Base):
    """A free keyword shared by articles."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)

    def __repr__(self) -> str:
        return f"<Tag {self.slug}>"
