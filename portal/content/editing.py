"""Saving articles: fields, tags, slugs, workflow, optimistic locking, revisions and the form's save."""

from dataclasses import dataclass, field, replace
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from portal.content import audit, workflow
from portal.content.article_fields import ARTICLE_FIELDS
from portal.content.autosave import discard_autosave, store_autosave
from portal.content.revisions import snapshot
from portal.content.sanitize import TooComplexError, clean_html
from portal.content.search import index_article
from portal.content.slugs import slugify, unique_slug
from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Article, ArticleStatus, Category, Media, Permission, Tag, User

MAX_TAGS = 20
# The fields held in the article's own columns; its tags are rows of their own, compared by slug.
COLUMN_FIELDS = tuple(f.name for f in ARTICLE_FIELDS if f.kind != "tags")


@dataclass
class ArticleInput:
    """What the article form submits, already validated and normalized; one attribute per ARTICLE_FIELDS row."""

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
    featured: bool | None = None  # None: leave as it is (editors only, like the date and the note)
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
    return tuple(getattr(article, name) for name in COLUMN_FIELDS) + (
        article.status,
        tuple(sorted(t.slug for t in article.tags)),
    )


def settable_values(data: ArticleInput, editor: User) -> dict[str, object]:
    """The input's values the person may set, by field name: the one place that filters them.

    A field only some people may set is left out when they may not, and when it is None
    (which means "leave it as it is").
    """
    values = {}
    for article_field in ARTICLE_FIELDS:
        value = getattr(data, article_field.name)
        leave = article_field.permission is not Permission.WRITE and value is None
        if article_field.may_set(editor) and not leave:
            values[article_field.name] = value
    return values


def _apply_input(article: Article, values: dict[str, object], editor: User) -> datetime | None:
    """Copy the settable values onto the article, sanitizing the body; return the chosen publication time."""
    values = dict(values)
    publish_at = values.pop("published_at", None)  # the workflow applies it, with the action
    article.tags = tags_for(values.pop("tag_names"))
    for name, value in values.items():
        setattr(article, name, value)
    article.body_html = clean_html(article.body_source)
    article.byline = article.byline or editor.display_name
    return publish_at


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
        publish_at = _apply_input(article, settable_values(data, editor), editor)
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


@dataclass(frozen=True)
class Submission:
    """One press of a button on the article form: the input, what was typed, and on which version."""

    data: ArticleInput  # its image_id is the picture chosen in the form
    typed: dict[str, str]  # every field as an autosave keeps it, to keep if the save does not happen
    action: workflow.Action
    base_version: int  # the version the form was opened from
    remove_image: bool = False


@dataclass(frozen=True)
class Saved:
    """The article was saved and the action taken."""

    article: Article
    scheduled: bool  # published with a date still to come


@dataclass(frozen=True)
class Refused:
    """The person may not do this (anymore), or the body is too complex; nothing was saved."""

    message: str
    kept: bool  # the typed text was kept as the person's autosave
    image_id: int | None  # the lead image the form may show again


@dataclass(frozen=True)
class Conflict:
    """Someone saved a newer version first; nothing was saved, the typed text was kept as an autosave."""

    current: Article
    by: User | None  # who made the latest revision
    image_id: int | None  # the lead image the form may show again


def usable_image(editor: User, media_id: int | None, article: Article | None) -> int | None:
    """The lead image to use: the chosen one if the person may (their upload, the article's own,
    any for editors), else the article's current one."""
    if media_id is None or editor.can(Permission.EDIT_OTHERS):
        return media_id
    if article is not None and article.image_id == media_id:
        return media_id
    media = db.session.get(Media, media_id)
    if media is not None and media.uploader_id == editor.id:
        return media_id
    return article.image_id if article else None


def keep_typed(editor: User, article_id: int | None, base_version: int, typed: dict[str, str], now: datetime) -> bool:
    """Drop this attempt's unsaved changes and keep the typed fields as the person's autosave.

    Returns False when they are too large to keep (the form on the page still holds every word).
    """
    db.session.rollback()
    try:
        store_autosave(editor, article_id, base_version, typed, now)
    except ValueError:
        return False
    return True


def _conflict(article_id: int, submission: Submission, editor: User, now: datetime, image_id: int | None) -> Conflict:
    """Keep the typed text, and say who saved the article meanwhile."""
    keep_typed(editor, article_id, submission.base_version, submission.typed, now)
    current = db.session.get(Article, article_id)
    latest = current.revisions[-1] if current.revisions else None
    return Conflict(current, latest.editor if latest else None, image_id)


def save_submission(
    article: Article | None, submission: Submission, editor: User, now: datetime, address: str
) -> Saved | Refused | Conflict:
    """Save the article form: the image rule, the save, the audit entry, or the typed text kept.

    Args:
        article: the article being edited, or None to create one.
        submission: the form's input and typed fields, the button and the base version.
        editor: the person saving.
        now: the current time.
        address: the client address, for the audit log.
    Returns:
        Saved, Refused or Conflict; the caller commits in every case.
    """
    chosen = usable_image(editor, submission.data.image_id, article)
    data = replace(submission.data, image_id=None if submission.remove_image else chosen)
    article_id = article.id if article else None
    try:
        saved = save_article(article, data, editor, submission.action, submission.base_version, now)
    except (workflow.WorkflowError, TooComplexError) as error:  # the form checks complexity first, too
        kept = keep_typed(editor, article_id, submission.base_version, submission.typed, now)
        return Refused(str(error), kept, chosen)
    except ConflictError as conflict:
        return _conflict(conflict.current.id, submission, editor, now, chosen)
    if submission.action in workflow.EDITOR_ACTIONS:
        audit.record(f"article.{submission.action.value}", editor, target=f"article:{saved.id}", ip=address)
    return Saved(saved, workflow.is_scheduled(saved, now))
