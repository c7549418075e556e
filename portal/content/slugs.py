"""ASCII slugs from Vietnamese text, and the paths a category may never take."""

import re
import unicodedata
from collections.abc import Callable

MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "bai-viet"

# First path segments owned by the application; a category slug may never shadow them. Every
# route's is here (tests/test_slugs.py checks the URL map against it), and a few kept for later.
RESERVED_SLUGS = frozenset(
    {
        "admin", "api", "account", "auth", "editor", "favicon.ico", "feeds", "healthz",
        "in", "lang", "login", "logout", "media", "print", "readyz", "robots.txt", "rss",
        "rss.xml", "search", "session", "sitemap.xml", "static", "tag", "tim-kiem",
        # NukeViet's old addresses (portal.legacy.addresses.PREFIXES)
        "index.php", "news", "vi", "uploads",
    }
)  # fmt: skip

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_vietnamese(text: str) -> str:
    """Return the text without diacritics: NFD, combining marks dropped, đ/Đ to d/D."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, fallback: str = FALLBACK_SLUG, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Make a lowercase ASCII slug with hyphens ("Sở Thông tin" -> "so-thong-tin").

    Args:
        text: any Unicode text, such as a title.
        fallback: returned when the text holds no letter or digit.
        max_length: the slug is cut at the last hyphen before this length.
    Returns:
        The slug; never empty.
    """
    slug = _NON_ALNUM.sub("-", fold_vietnamese(text).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def unique_slug(base: str, is_taken: Callable[[str], bool]) -> str:
    """Return base, or base-2, base-3 ... the first candidate that is_taken rejects not."""
    if not is_taken(base):
        return base
    number = 2
    while is_taken(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def category_slug(name: str, is_taken: Callable[[str], bool]) -> str:
    """Return a unique category slug that never equals a reserved first path segment."""
    base = slugify(name, fallback="chuyen-muc")
    return unique_slug(base, lambda s: s in RESERVED_SLUGS or is_taken(s))
