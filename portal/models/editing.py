"""Unsaved work and presence: autosaves and edit locks."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.article import Article
from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.user import User


class Autosave(Base):
    """The last unsaved state of one person's article form (article_id None: a new draft)."""

    __tablename__ = "autosaves"
    __table_args__ = (sa.Index("ix_autosaves_user_id_article_id", "user_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    base_version: Mapped[int] = mapped_column(default=0)
    data: Mapped[str] = mapped_column(sa.Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    article: Mapped[Article | None] = relationship()


class EditLock(Base):
    """Who has an article's form open now; stale when the heartbeat stops."""

    __tablename__ = "edit_locks"

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    taken_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    taken_from: Mapped[User | None] = relationship(foreign_keys=[taken_from_id])
