"""The article life cycle and who may do what to which article, in one place.

draft -> pending (submitted) -> published; published with a future date is "scheduled";
published -> unpublished; an editor can send a pending article back to draft with a note.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext

from portal.models import Article, ArticleStatus, Permission, User


class Action(enum.StrEnum):
    """The buttons of the article form (the `action` field)."""

    SAVE = "save"
    SUBMIT = "submit"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    REJECT = "reject"


def N_(text: str) -> str:  # noqa: N802 (the gettext convention for "translate later")
    """Mark a text for translation where it is shown, not here (revision notes are stored)."""
    return text


class WorkflowError(PermissionError):
    """An action this person may not take on this article; the message is shown."""


AUTHOR_EDITABLE = frozenset({ArticleStatus.DRAFT})
EDITOR_ACTIONS = frozenset({Action.PUBLISH, Action.UNPUBLISH, Action.REJECT})


def can_view(user: User, article: Article) -> bool:
    """Whether the person may open the article in the editor area."""
    return user.can(Permission.EDIT_OTHERS) or (user.can(Permission.WRITE) and article.author_id == user.id)


def can_edit(user: User, article: Article) -> bool:
    """Whether the person may change the article's content now."""
    if user.can(Permission.EDIT_OTHERS):
        return True
    return user.can(Permission.WRITE) and article.author_id == user.id and article.status in AUTHOR_EDITABLE


def is_scheduled(article: Article, now: datetime) -> bool:
    """Published, but with a date still to come (templates: `article is scheduled(now)`)."""
    return article.status is ArticleStatus.PUBLISHED and article.published_at is not None and article.published_at > now


def scheduled_condition(now: datetime) -> sa.ColumnElement[bool]:
    """is_scheduled as a query condition."""
    return sa.and_(Article.status == ArticleStatus.PUBLISHED, Article.published_at > now)


def allowed_actions(user: User, article: Article | None) -> list[Action]:
    """The buttons to offer this person for this article (None: a new article)."""
    if article is not None and not can_edit(user, article):
        return []
    status = article.status if article else ArticleStatus.DRAFT
    actions = [Action.SAVE]
    if status in {ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED}:
        actions.append(Action.SUBMIT)
    if user.can(Permission.PUBLISH):
        actions.append(Action.PUBLISH)
        if status is ArticleStatus.PUBLISHED:
            actions.append(Action.UNPUBLISH)
        if status is ArticleStatus.PENDING:
            actions.append(Action.REJECT)
    return actions


def check_action(user: User, article: Article | None, action: Action) -> None:
    """Raise WorkflowError unless the person may take the action on the article."""
    if article is not None and not can_edit(user, article):
        raise WorkflowError(gettext("Bạn không thể sửa bài này ở trạng thái hiện tại."))
    if action not in allowed_actions(user, article):
        raise WorkflowError(gettext("Bạn không có quyền thực hiện thao tác này."))


def apply_action(article: Article, action: Action, now: datetime, publish_at: datetime | None) -> str:
    """Move the article to the status the action leads to; return a note for the revision.

    Args:
        article: the article, already checked with check_action.
        action: the button pressed.
        now: the current time.
        publish_at: the publication time chosen in the form, if any; a future one schedules.
    """
    if publish_at is not None:
        article.published_at = publish_at
    if action is Action.SUBMIT:
        article.status = ArticleStatus.PENDING
        return N_("Gửi duyệt")
    if action is Action.PUBLISH:
        article.status = ArticleStatus.PUBLISHED
        article.review_note = ""
        if article.published_at is None:
            article.published_at = now
        return N_("Hẹn giờ đăng") if article.published_at > now else N_("Đăng bài")
    if action is Action.UNPUBLISH:
        article.status = ArticleStatus.UNPUBLISHED
        return N_("Gỡ bài")
    if action is Action.REJECT:
        article.status = ArticleStatus.DRAFT
        return N_("Trả lại để sửa")
    return N_("Lưu")
