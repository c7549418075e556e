"""The editor-HTML sanitizer: the only module that imports bleach."""

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
LINK_REL = "noopener noreferrer"


def _allow_img_attribute(tag: str, name: str, value: str) -> bool:
    """Images may come only from our own /media/ or over https."""
    if name == "src":
        return value.startswith("/media/") or value.lower().startswith("https://")
    return name in {"alt", "title", "width", "height"}


ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "img": _allow_img_attribute,
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": ["start"],
}


class _LinkRelFilter(Filter):
    """Give every surviving link rel="noopener noreferrer"."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "a":
                token["data"] = {**token["data"], (None, "rel"): LINK_REL}
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinkRelFilter],
)


def clean_html(source: str) -> str:
    """Return the editor HTML reduced to the news allow-list.

    Args:
        source: HTML as typed or pasted into the editor.
    Returns:
        HTML safe to render with |safe: only ALLOWED_TAGS and ALLOWED_ATTRIBUTES survive,
        links carry rel="noopener noreferrer", URLs use http, https or mailto.
    """
    return _cleaner.clean(source or "")
