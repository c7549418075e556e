"""Revisions: an append-only record of every save that changed an article."""

from portal.content.article_fields import REVISION_FIELDS, saved_value
from portal.extensions import db
from portal.models import Article, ArticleRevision, User


def snapshot(article: Article, editor: User | None, note: str = "") -> ArticleRevision:
    """Append a revision holding the article's current editable fields.

    Args:
        article: the article as just saved (flushed, so it has an id).
        editor: the account that made the save.
        note: a short description such as "Gửi duyệt".
    Returns:
        The new revision, added to the session.
    """
    revision = ArticleRevision(
        article_id=article.id,
        version=article.version,
        body_html=article.body_html,  # derived from body_source, kept to show old versions as they were
        status=article.status.value,
        editor_id=editor.id if editor else None,
        note=note[:300],
        **{f.name: saved_value(article, f) for f in REVISION_FIELDS},
    )
    db.session.add(revision)
    return revision
