"""The editor-HTML sanitizer: the only module that imports bleach."""

import html
import re
import threading

import bleach
from bleach.html5lib_shim import Filter

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "a", "blockquote", "table", "caption", "thead", "tbody", "tfoot",
        "tr", "th", "td", "figure", "figcaption", "img", "code", "pre",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_ATTRIBUTES = frozenset({"href", "title"})
IMAGE_ATTRIBUTES = frozenset({"src", "alt", "title", "width", "height"})
CELL_ATTRIBUTES = frozenset({"colspan", "rowspan", "scope"})
LINK_REL = "noopener noreferrer"

# A path on our own media route: plain segments only, so no "..", "%2e", backslash, tab or
# "//host" can make the browser resolve it somewhere else.
_MEDIA_PATH = re.compile(r"/media(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+")
# Browsers drop tab/CR/LF anywhere in a URL and trim C0 controls and spaces at its ends.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def _is_allowed_image_src(value: str) -> bool:
    """Tell whether an <img src> may stay: our own /media/ paths or https:// URLs.

    Args:
        value: the attribute value as written in the source; bleach hands it over with its
            character references still encoded, so it is decoded here as a browser would.
    Returns:
        True for a plain "/media/..." path or an "https://" URL with no whitespace or
        control characters; False for anything else (http, data:, "//host", "/\\host", ...).
    """
    url = html.unescape(value)
    if _URL_NOISE.search(url):
        return False
    return _MEDIA_PATH.fullmatch(url) is not None or (url[:8].lower() == "https://" and len(url) > 8)


def _allow_img_attribute(tag: str, name: str, value: str) -> bool:
    """bleach's attribute hook for <img>."""
    if name == "src":
        return _is_allowed_image_src(value)
    return name in IMAGE_ATTRIBUTES


ALLOWED_ATTRIBUTES = {
    "a": LINK_ATTRIBUTES,
    "img": _allow_img_attribute,
    "th": CELL_ATTRIBUTES,
    "td": CELL_ATTRIBUTES,
}


class _LinkRelFilter(Filter):
    """Give every surviving link rel="noopener noreferrer"."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "a":
                token["data"] = {**token["data"], (None, "rel"): LINK_REL}
            yield token


# bleach's Cleaner keeps parser state between calls and is not thread-safe, while the app
# serves requests from several threads: each thread gets its own.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    """This thread's Cleaner, built on first use."""
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_LinkRelFilter],
        )
    return cleaner


def clean_html(source: str) -> str:
    """Return the editor HTML reduced to the news allow-list.

    Args:
        source: HTML as typed or pasted into the editor.
    Returns:
        HTML safe to render with |safe: only ALLOWED_TAGS and ALLOWED_ATTRIBUTES survive,
        links carry rel="noopener noreferrer", URLs use http, https or mailto (or are
        relative), and images come only from /media/ or https. Cleaning the result again
        changes nothing.
    """
    return _cleaner().clean(source or "")
