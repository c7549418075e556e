"""How NukeViet's values become the portal's: statuses, times, roles, names.

NukeViet's article status (modules/news/language/admin_vi.php, status_0 ... status_13):
0 suspended ("Ngưng hiệu lực"), 1 published, 2 scheduled ("Hẹn giờ đăng"), 3 expired,
4 draft, 5/7/8/10/12/13 somewhere in review, 6/9 refused in review.
"""

import html
import re
from datetime import UTC, datetime

from portal.models import ArticleStatus, Role

SUSPENDED, PUBLISHED, SCHEDULED, EXPIRED, DRAFT = 0, 1, 2, 3, 4
REFUSED = frozenset({6, 9})  # sent back to the writer: a draft again

# Scheduled and expired articles are published ones whose times decide what readers see.
STATUS_MAP = {
    SUSPENDED: ArticleStatus.UNPUBLISHED,
    PUBLISHED: ArticleStatus.PUBLISHED,
    SCHEDULED: ArticleStatus.PUBLISHED,
    EXPIRED: ArticleStatus.PUBLISHED,
    DRAFT: ArticleStatus.DRAFT,
}

# NukeViet's authors.lev: 1 the site's owner, 2 general administrator, 3 module administrator.
ADMIN_LEVELS = frozenset({1, 2})

_TAG = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"\s+")


def article_status(status: int) -> ArticleStatus:
    """The portal status of a NukeViet article status (anything in review is pending)."""
    if status in REFUSED:
        return ArticleStatus.DRAFT
    return STATUS_MAP.get(status, ArticleStatus.PENDING)


def moment(seconds: int | None) -> datetime | None:
    """A Unix time in seconds as an aware UTC datetime; 0 (NukeViet's "none") as None."""
    return datetime.fromtimestamp(int(seconds), UTC) if seconds and int(seconds) > 0 else None


def expiry(status: int, exptime: int | None, edittime: int | None) -> datetime | None:
    """When the article stops being shown; an expired one without a time ended at its last edit."""
    ends = moment(exptime)
    if ends is None and status == EXPIRED:
        ends = moment(edittime) or datetime.fromtimestamp(0, UTC)
    return ends


def staff_role(level: int | None, news_admin: bool) -> Role:
    """The portal role of a NukeViet administrator (level None: not one)."""
    if level in ADMIN_LEVELS:
        return Role.ADMIN
    return Role.EDITOR if level is not None and news_admin else Role.AUTHOR


def plain(text: str | None, limit: int) -> str:
    """Text with tags dropped, entities decoded and spaces folded, cut to limit characters."""
    words = _SPACES.sub(" ", html.unescape(_TAG.sub(" ", text or ""))).strip()
    return words[:limit]


def display_name(first_name: str | None, last_name: str | None, username: str) -> str:
    """Family name first, as Vietnamese names are written; the username when both are empty."""
    return (f"{last_name or ''} {first_name or ''}".strip() or username)[:120]
