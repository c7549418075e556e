"""The editor-HTML sanitizer: the only module that imports bleach.

bleach's parser (html5lib) takes time that grows with the square of some shapes of input
(deep nesting, many sibling elements, thousands of attributes on one element), so a body
is first measured by a linear pass and refused when it is far beyond any real article.
"""

import html
import re
import threading
from dataclasses import dataclass

import bleach
from bleach.html5lib_shim import Filter
from flask_babel import lazy_gettext

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


# Limits far above any real article (a long one with a large table has a few thousand tags
# and a nesting depth of about 10), far below what slows the parser: at these limits the
# worst body is cleaned in under half a second (bench/adversarial.py measures it).
MAX_TAGS = 12_000  # start and end tags together
MAX_DEPTH = 60
MAX_ATTRIBUTES_PER_TAG = 40
MAX_ATTRIBUTES = 20_000
MAX_TAG_NAME = 100
MAX_MARKS = 12_000  # "<" and "&" each: the parser spends a token on every one, tag or not

# A tag: "<", a letter (or "/" and a letter), and everything up to the next ">" or the end.
# Each character is read once: a tag that never closes runs to the end of the text.
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>?")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]+))?""")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Opening one of these closes an open element of the same name (<p>a<p>b, <li>a<li>b).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
# Opening one of these closes an open <p>, as browsers do.
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "figure", "figcaption", "footer", "h1", "h2",
     "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"}
)  # fmt: skip
_LOOK_BACK = 8  # how far down the stack an implied close is looked for

TOO_MANY_TAGS = lazy_gettext("Nội dung có quá nhiều thẻ định dạng (tối đa %(n)s).", n=MAX_TAGS)
TOO_DEEP = lazy_gettext("Nội dung lồng định dạng quá sâu (tối đa %(n)s lớp).", n=MAX_DEPTH)
TOO_MANY_ATTRIBUTES = lazy_gettext("Nội dung có thẻ mang quá nhiều thuộc tính.")
TOO_MANY_MARKS = lazy_gettext("Nội dung có quá nhiều ký tự “<” hoặc “&” (tối đa %(n)s mỗi loại).", n=MAX_MARKS)
MALFORMED = lazy_gettext("Nội dung có thẻ HTML không hợp lệ.")
# Control characters have no place in HTML, and the parser is slow on each one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class _Shape:
    """What the linear pass counts: tags, attributes, and the stack of open elements."""

    tags: int = 0
    attributes: int = 0
    deepest: int = 0

    def __post_init__(self) -> None:
        self.open: list[str] = []

    def close_to(self, name: str, look_back: int | None = None) -> None:
        """Pop the open elements down to the nearest `name`, if it is open (within look_back)."""
        depth = len(self.open)
        lowest = 0 if look_back is None else max(0, depth - look_back)
        for index in range(depth - 1, lowest - 1, -1):
            if self.open[index] == name:
                del self.open[index:]
                return

    def start(self, name: str) -> None:
        """An element opens; elements it implicitly closes are closed first."""
        if name in _SELF_CLOSING_SIBLINGS:
            self.close_to(name, _LOOK_BACK)
        if name in _CLOSES_P:
            self.close_to("p", _LOOK_BACK)
        if name not in _VOID:
            self.open.append(name)
            self.deepest = max(self.deepest, len(self.open))


def complexity_problem(source: str) -> str | None:
    """Why this HTML is too complex to clean in bounded time (a sentence), or None if it is fine.

    One pass over the text, linear in its length: it counts tags and attributes and follows
    the nesting the way browsers do for unclosed paragraphs and list items, erring on the side
    of counting more.
    """
    source = source or ""
    if source.count("<") > MAX_MARKS or source.count("&") > MAX_MARKS:
        return str(TOO_MANY_MARKS)
    shape = _Shape()
    for match in _TAG_TOKEN.finditer(source):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        shape.tags += 1
        if shape.tags > MAX_TAGS:
            return str(TOO_MANY_TAGS)
        if len(name) > MAX_TAG_NAME:  # never in real HTML; slow for the parser when full of "<"
            return str(MALFORMED)
        if closing:
            shape.close_to(name)
            continue
        count = sum(1 for _ in zip(range(MAX_ATTRIBUTES_PER_TAG + 1), _ATTRIBUTE.finditer(rest), strict=False))
        shape.attributes += count
        if count > MAX_ATTRIBUTES_PER_TAG or shape.attributes > MAX_ATTRIBUTES:
            return str(TOO_MANY_ATTRIBUTES)
        shape.start(name)
        if shape.deepest > MAX_DEPTH:
            return str(TOO_DEEP)
    return None


class TooComplexError(ValueError):
    """The HTML is beyond the limits above; the message says which, for the person."""


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
    Raises:
        TooComplexError: the source is beyond MAX_TAGS, MAX_DEPTH or the attribute limits.
    """
    source = _CONTROL.sub("", source or "")
    problem = complexity_problem(source)
    if problem:
        raise TooComplexError(problem)
    return _cleaner().clean(source)
