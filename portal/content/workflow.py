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


# Why an article is read-only for a person who may open it but not change it (an author, since
# editors may edit every article): one true sentence per status, saying who can do what next.
READ_ONLY_NOTICES = {
    ArticleStatus.PENDING: N_(
        "Bài đang chờ biên tập viên duyệt nên bạn chưa sửa được; nếu cần sửa, biên tập viên sẽ trả bài lại cho bạn."
    ),
    ArticleStatus.PUBLISHED: N_("Bài đã đăng trên trang; chỉ biên tập viên mới sửa hoặc gỡ được."),
    ArticleStatus.UNPUBLISHED: N_("Bài đã bị gỡ khỏi trang; chỉ biên tập viên mới sửa hoặc đăng lại được."),
}
SCHEDULED_NOTICE = N_("Bài đã được hẹn giờ đăng; chỉ biên tập viên mới sửa hoặc đổi giờ đăng được.")
EXPIRED_NOTICE = N_("Bài đã hết hạn hiển thị nên không còn trên trang; chỉ biên tập viên mới sửa hoặc gia hạn được.")


def read_only_notice(user: User, article: Article, now: datetime) -> str | None:
    """What the form says to a person who sees the article but may not change it; None if they may."""
    if can_edit(user, article):
        return None
    if is_scheduled(article, now):
        return gettext(SCHEDULED_NOTICE)
    if article.status is ArticleStatus.PUBLISHED and article.expires_at is not None and article.expires_at <= now:
        return gettext(EXPIRED_NOTICE)
    text = READ_ONLY_NOTICES.get(article.status)
    return gettext(text) if text else gettext("Bạn không thể sửa bài này ở trạng thái hiện tại.")


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
