"""The portal's models, re-exported for `from portal.models import ...`."""

from portal.models import sqlite as _sqlite  # noqa: F401  (connection pragmas)
from portal.models.article import Article, ArticleRevision, ArticleStatus
from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.editing import Autosave, EditLock
from portal.models.imports import ImportedRecord, ImportedUpload
from portal.models.media import Media
from portal.models.search import SearchDocument
from portal.models.session import UserSession
from portal.models.site import AuditLog, ContentState, Setting, ThrottleHit
from portal.models.taxonomy import Category, CategoryRedirect, Tag, article_tags
from portal.models.user import Permission, Role, User

__all__ = [
    "Article",
    "ArticleRevision",
    "ArticleStatus",
    "AuditLog",
    "Autosave",
    "Base",
    "Category",
    "ContentState",
    "CategoryRedirect",
    "EditLock",
    "ImportedRecord",
    "ImportedUpload",
    "Media",
    "Permission",
    "Role",
    "SearchDocument",
    "Setting",
    "Tag",
    "ThrottleHit",
    "UTCDateTime",
    "User",
    "UserSession",
    "article_tags",
    "utcnow",
]
