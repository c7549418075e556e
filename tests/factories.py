"""Plain functions that add rows with sensible defaults and flush."""

import functools
import io
import itertools
from datetime import datetime, timedelta

from PIL import Image

from portal.content.media import store_image
from portal.content.slugs import category_slug, slugify, unique_slug
from portal.extensions import db
from portal.models import Article, ArticleStatus, Category, Role, Tag, User

_counter = itertools.count(1)
PASSWORD = "mat-khau-rat-dai-2026"


@functools.cache
def _default_password_hash() -> str:
    probe = User()
    probe.set_password(PASSWORD)
    return probe.password_hash


def make_user(role: Role = Role.AUTHOR, **overrides) -> User:
    n = next(_counter)
    user = User(
        username=overrides.pop("username", f"user{n}"),
        display_name=overrides.pop("display_name", f"Người {n}"),
        role=role,
    )
    password = overrides.pop("password", PASSWORD)
    if password == PASSWORD:
        user.password_hash = _default_password_hash()  # scrypt is slow on purpose; hash once
    else:
        user.set_password(password)
    for key, value in overrides.items():
        setattr(user, key, value)
    db.session.add(user)
    db.session.flush()
    return user


def make_category(name: str = "", parent: Category | None = None, **overrides) -> Category:
    name = name or f"Chuyên mục {next(_counter)}"
    taken = lambda s: db.session.query(Category.id).filter_by(slug=s).first() is not None  # noqa: E731
    category = Category(
        name=name, slug=overrides.pop("slug", None) or category_slug(name, taken), parent=parent, **overrides
    )
    db.session.add(category)
    db.session.flush()
    return category


def make_tag(name: str) -> Tag:
    tag = Tag(name=name, slug=slugify(name))
    db.session.add(tag)
    db.session.flush()
    return tag


def make_image(width: int = 1200, height: int = 800, colour=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    from flask import current_app

    return store_image(buffer.getvalue(), "anh.jpg", current_app.config["MEDIA_DIR"], None)


def _free_slug(title: str, category: Category) -> str:
    taken = lambda s: db.session.query(Article.id).filter_by(category_id=category.id, slug=s).first() is not None  # noqa: E731
    return unique_slug(slugify(title), taken)


def make_article(
    title: str = "",
    category: Category | None = None,
    status: ArticleStatus = ArticleStatus.PUBLISHED,
    published_at: datetime | None = None,
    now: datetime | None = None,
    **overrides,
) -> Article:
    """An article; published an hour before `now` unless published_at says otherwise."""
    title = title or f"Bài viết số {next(_counter)}"
    category = category or make_category()
    if published_at is None and now is not None and status is ArticleStatus.PUBLISHED:
        published_at = now - timedelta(hours=1)
    body = overrides.pop("body_html", "<p>Nội dung bài viết.</p>")
    article = Article(
        title=title,
        slug=overrides.pop("slug", None) or _free_slug(title, category),
        lead=overrides.pop("lead", "Tóm tắt của bài viết."),
        body_source=body,
        body_html=body,
        byline=overrides.pop("byline", "Thùy Dung"),
        category=category,
        status=status,
        published_at=published_at,
        **overrides,
    )
    db.session.add(article)
    db.session.flush()
    return article


# Every way an article can exist without readers being allowed to see it.
HIDDEN_STATES = {
    "draft": {"status": ArticleStatus.DRAFT},
    "pending": {"status": ArticleStatus.PENDING},
    "unpublished": {"status": ArticleStatus.UNPUBLISHED},
    "expired": {"status": ArticleStatus.PUBLISHED, "expired": True},
    "scheduled": {"status": ArticleStatus.PUBLISHED, "scheduled": True},
}


def make_hidden_article(state: dict, category: Category, now: datetime) -> Article:
    """An article titled "Bài chưa được phép xem" in one of the HIDDEN_STATES."""
    published_at = now + timedelta(days=1) if state.get("scheduled") else now - timedelta(days=1)
    return make_article(
        "Bài chưa được phép xem",
        category,
        status=state["status"],
        published_at=published_at,
        expires_at=now - timedelta(minutes=1) if state.get("expired") else None,
    )
