"""Autosaves: the unsaved state of an article form, kept per person, never a revision."""

import json
from datetime import datetime

import sqlalchemy as sa

from portal.content.article_fields import AUTOSAVE_NAMES, autosave_names
from portal.extensions import db
from portal.models import Article, Autosave, User

MAX_AUTOSAVE_BYTES = 2_000_000


def _target(article_id: int | None) -> sa.ColumnElement[bool]:
    return Autosave.article_id.is_(None) if article_id is None else Autosave.article_id == article_id


def find_autosave(user: User, article_id: int | None) -> Autosave | None:
    """The person's autosave of this article (or of their new draft), if any."""
    stmt = sa.select(Autosave).where(Autosave.user_id == user.id, _target(article_id))
    return db.session.scalars(stmt.order_by(Autosave.id.desc()).limit(1)).first()


def store_autosave(user: User, article_id: int | None, base_version: int, fields: dict, now: datetime) -> Autosave:
    """Keep the form's fields for the person; replaces their previous autosave of it.

    Only the form fields the person may set are kept, as strings. Raises ValueError when too large.
    """
    clean = {name: str(fields.get(name, ""))[:MAX_AUTOSAVE_BYTES] for name in autosave_names(user)}
    data = json.dumps(clean, ensure_ascii=False)
    if len(data.encode()) > MAX_AUTOSAVE_BYTES:
        raise ValueError("autosave too large")
    autosave = find_autosave(user, article_id)
    if autosave is None:
        autosave = Autosave(user_id=user.id, article_id=article_id)
        db.session.add(autosave)
    autosave.base_version, autosave.data, autosave.updated_at = base_version, data, now
    db.session.flush()
    return autosave


def autosave_fields(autosave: Autosave) -> dict[str, str]:
    """The stored form fields."""
    try:
        data = json.loads(autosave.data)
    except ValueError:
        return {}
    return {k: str(v) for k, v in data.items() if k in AUTOSAVE_NAMES} if isinstance(data, dict) else {}


def offer_autosave(user: User, article: Article | None, saved_fields: dict[str, str] | None = None) -> Autosave | None:
    """An autosave worth offering back: one whose text differs from what is saved.

    Its age does not matter: a colleague may have saved the article after it was written,
    and restoring it goes through the usual version check (a conflict page, not a loss).

    Args:
        user: the person opening the form.
        article: the article (None: their new draft).
        saved_fields: the article's saved values under the form's field names.
    """
    autosave = find_autosave(user, article.id if article else None)
    if autosave is None or saved_fields is None:
        return autosave
    stored = autosave_fields(autosave)
    differs = any(
        stored.get(name, "") != str(saved_fields.get(name) or "") for name in AUTOSAVE_NAMES if name in stored
    )
    return autosave if differs else None


def discard_autosave(user: User, article_id: int | None) -> None:
    """Forget the person's autosave of this article (or of their new draft)."""
    db.session.execute(sa.delete(Autosave).where(Autosave.user_id == user.id, _target(article_id)))
