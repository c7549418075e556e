"""Revisions: an append-only record of every save that changed an article."""

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
        title=article.title,
        lead=article.lead,
        body_source=article.body_source,
        body_html=article.body_html,
        byline=article.byline,
        source=article.source,
        category_id=article.category_id,
        tag_names=", ".join(tag.name for tag in article.tags),
        image_id=article.image_id,
        image_caption=article.image_caption,
        status=article.status.value,
        published_at=article.published_at,
        editor_id=editor.id if editor else None,
        note=note[:300],
    )
    db.session.add(revision)
    return revision
