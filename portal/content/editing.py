"""Saving articles: fields, tags, slugs, workflow, optimistic locking and revisions."""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from portal.content import workflow
from portal.content.autosave import discard_autosave
from portal.content.revisions import snapshot
from portal.content.sanitize import clean_html
from portal.content.search import index_article
from portal.content.slugs import slugify, unique_slug
from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Article, ArticleStatus, Category, Media, Permission, Tag, User

MAX_TAGS = 20
EDITABLE_FIELDS = (
    "title", "lead", "body_source", "byline", "source", "category_id", "image_id", "image_caption",
    "image_alt", "published_at", "featured", "review_note",
)  # fmt: skip


@dataclass
class ArticleInput:
    """What the article form submits, already validated and normalized by the form."""

    title: str
    lead: str = ""
    body_source: str = ""
    byline: str = ""
    source: str = ""
    category_id: int = 0
    tag_names: list[str] = field(default_factory=list)
    image_id: int | None = None
    image_caption: str = ""
    image_alt: str = ""
    published_at: datetime | None = None
    featured: bool | None = None  # None: the person may not set it
    review_note: str | None = None  # only editors sending an article back


class ConflictError(Exception):
    """The article changed since the form was opened; nothing was written."""

    def __init__(self, current: Article) -> None:
        super().__init__("conflict")
        self.current = current


def parse_tag_names(raw: str) -> list[str]:
    """Split "a, b, c" into distinct, normalized tag names (at most MAX_TAGS)."""
    names: list[str] = []
    for part in raw.replace(";", ",").split(","):
        name = normalize_text(part)[:80]
        if name and slugify(name, fallback="") and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names[:MAX_TAGS]


def tags_for(names: list[str]) -> list[Tag]:
    """The Tag rows for the names, created when missing (matched by slug)."""
    tags = []
    for name in names:
        slug = slugify(name, fallback="")
        tag = db.session.scalar(sa.select(Tag).where(Tag.slug == slug))
        if tag is None:
            tag = Tag(name=name, slug=slug)
            db.session.add(tag)
        if tag not in tags:
            tags.append(tag)
    return tags


def _article_slug(article: Article) -> str:
    """A slug for the title, unique within the article's category."""

    def taken(candidate: str) -> bool:
        stmt = sa.select(Article.id).where(
            Article.category_id == article.category_id, Article.slug == candidate, Article.id != (article.id or 0)
        )
        return db.session.scalar(stmt.limit(1)) is not None

    return unique_slug(slugify(article.title), taken)


def _snapshot_fields(article: Article) -> tuple:
    return tuple(getattr(article, name) for name in EDITABLE_FIELDS) + (
        article.status,
        tuple(sorted(t.slug for t in article.tags)),
    )


def _apply_input(article: Article, data: ArticleInput, editor: User) -> None:
    """Copy the submitted fields onto the article, sanitizing the body."""
    article.title = data.title
    article.lead = data.lead
    article.body_source = data.body_source
    article.body_html = clean_html(data.body_source)
    article.byline = data.byline or editor.display_name
    article.source = data.source
    article.category_id = data.category_id
    article.image_id = data.image_id
    article.image_caption = data.image_caption
    article.image_alt = data.image_alt
    article.tags = tags_for(data.tag_names)
    if data.featured is not None and editor.can(Permission.PUBLISH):
        article.featured = data.featured
    if data.review_note is not None and editor.can(Permission.PUBLISH):
        article.review_note = data.review_note


def save_article(
    article: Article | None,
    data: ArticleInput,
    editor: User,
    action: workflow.Action,
    base_version: int,
    now: datetime,
) -> Article:
    """Save the form on top of the version it was opened from, then apply the action.

    Args:
        article: the article being edited, or None to create one.
        data: the validated form input.
        editor: the person saving.
        action: the button pressed.
        base_version: the version the form was opened from.
        now: the current time.
    Returns:
        The saved article; a revision was added if anything changed.
    Raises:
        workflow.WorkflowError: the person may not take this action on this article.
        ConflictError: someone saved a newer version meanwhile; nothing was written.
    """
    workflow.check_action(editor, article, action)
    if db.session.get(Category, data.category_id) is None:
        raise ValueError("unknown category")
    if data.image_id is not None and db.session.get(Media, data.image_id) is None:
        data.image_id = None
    created = article is None
    if article is None:
        article = Article(author=editor, created_at=now, status=ArticleStatus.DRAFT, title=data.title)
        db.session.add(article)
    elif base_version != article.version:
        raise ConflictError(article)
    before = None if created else _snapshot_fields(article)
    with db.session.no_autoflush:
        _apply_input(article, data, editor)
        publish_at = data.published_at if editor.can(Permission.PUBLISH) else None
        note = workflow.apply_action(article, action, now, publish_at)
        article.slug = _article_slug(article)
    if created or _snapshot_fields(article) != before:
        article.updated_at = now
        try:
            db.session.flush()
        except StaleDataError:  # another save landed between our check and our write
            db.session.rollback()
            raise ConflictError(db.session.get(Article, article.id)) from None
        snapshot(article, editor, note)
        index_article(article)
    discard_autosave(editor, None if created else article.id)
    db.session.flush()
    return article
