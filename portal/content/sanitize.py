"""The editor-HTML sanitizer: the only module that imports bleach.

bleach's parser (html5lib) takes time that grows with the square of some shapes of input
(deep nesting, many sibling elements, thousands of attributes on one element, formatting
elements left open and rebuilt again and again), so a body is first measured by a linear
pass and refused when it is far beyond any real article; and in a server's main thread
(gunicorn's workers) cleaning has a deadline, so a shape the pass does not foresee is
refused after CLEAN_SECONDS instead of holding the worker.
"""

import html
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

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
# worst body known is cleaned in under a second (bench/hostile.py replays the attacks).
MAX_TAGS = 12_000  # start and end tags together
MAX_DEPTH = 60
MAX_ATTRIBUTES_PER_TAG = 60  # counted generously: a quoted value counts as well as its name
MAX_OPEN_FORMATTING = 24  # formatting elements left open (<b>, <a>, ...) that the parser rebuilds
CLEAN_SECONDS = 1.5
MAX_ATTRIBUTES = 20_000
MAX_TAG_NAME = 100
MAX_MARKS = 12_000  # "<" and "&" each: the parser spends a token on every one, tag or not

# A tag: "<", a letter (or "/" and a letter), and everything up to the next ">" or the end.
# Each character is read once: a tag that never closes runs to the end of the text.
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>?")
# Where the parser may really end a tag: a ">" inside a quoted value does not end it. Quotes
# count only after "=", as for the parser; the end found is never before the parser's.
_TAG_EXTENT = re.compile(r"""(?:=\s*"[^"]*"?|=\s*'[^']*'?|[^>])*""")
_QUOTED_VALUE = re.compile(r"""=\s*(?:"[^"]*"?|'[^']*'?)""")
_CHUNK = re.compile(r"[^\s/]+")  # the parser starts an attribute after a space, a "/" or a quoted value
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
# An implied close stops at these, as the parser's scopes do (an <li> never closes the <li> of an outer list).
_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"})
_STOPS = {
    "p": _SCOPE | {"button"},
    "li": _SCOPE | {"ol", "ul"},
    "dt": _SCOPE | {"dl"},
    "dd": _SCOPE | {"dl"},
    "option": _SCOPE | {"select", "optgroup"},
    "tr": frozenset({"table", "thead", "tbody", "tfoot", "html", "template"}),
    "td": frozenset({"tr", "table", "html", "template"}),
    "th": frozenset({"tr", "table", "html", "template"}),
}
_FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}
)
_CELL_LIKE = frozenset({"td", "th", "caption", "applet", "marquee", "object", "template"})  # formatting stops at them
_MARKER = ("", "")

TOO_MANY_TAGS = lazy_gettext("Nội dung có quá nhiều thẻ định dạng (tối đa %(n)s).", n=MAX_TAGS)
TOO_DEEP = lazy_gettext("Nội dung lồng định dạng quá sâu (tối đa %(n)s lớp).", n=MAX_DEPTH)
TOO_MANY_OPEN = lazy_gettext("Nội dung có quá nhiều thẻ định dạng chưa đóng (tối đa %(n)s).", n=MAX_OPEN_FORMATTING)
TOO_MANY_ATTRIBUTES = lazy_gettext("Nội dung có thẻ mang quá nhiều thuộc tính.")
TOO_MANY_MARKS = lazy_gettext("Nội dung có quá nhiều ký tự “<” hoặc “&” (tối đa %(n)s mỗi loại).", n=MAX_MARKS)
MALFORMED = lazy_gettext("Nội dung có thẻ HTML không hợp lệ.")
# Control characters have no place in HTML, and the parser is slow on each one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class _Shape:
    """What the linear pass follows: counts, the stack of open elements, and the formatting
    elements the parser keeps to rebuild (its "list of active formatting elements")."""

    tags: int = 0
    attributes: int = 0
    deepest: int = 0
    open: list[str] = field(default_factory=list)
    formatting: list[tuple[str, str]] = field(default_factory=list)

    def close_to(self, name: str, look_back: int | None = None, stops: frozenset[str] = frozenset()) -> None:
        """Pop the open elements down to the nearest `name`, if it is open (within look_back, above any stop)."""
        depth = len(self.open)
        lowest = 0 if look_back is None else max(0, depth - look_back)
        for index in range(depth - 1, lowest - 1, -1):
            if self.open[index] == name:
                for closed in self.open[index:]:
                    if closed in _CELL_LIKE:
                        self.leave_cell()
                del self.open[index:]
                return
            if self.open[index] in stops:
                return

    def leave_cell(self) -> None:
        """Formatting opened inside a cell ends with it."""
        while self.formatting and self.formatting.pop() != _MARKER:
            pass

    def start(self, name: str, attributes: str) -> None:
        """An element opens; elements it implicitly closes are closed first."""
        if name in _SELF_CLOSING_SIBLINGS:
            self.close_to(name, _LOOK_BACK, _STOPS.get(name, frozenset()))
        if name in _CLOSES_P:
            self.close_to("p", _LOOK_BACK, _STOPS["p"])
        if name in _FORMATTING:
            self.open_formatting(name, attributes)
        elif name in _CELL_LIKE:
            self.formatting.append(_MARKER)
        if name not in _VOID:
            self.open.append(name)
            self.deepest = max(self.deepest, len(self.open))

    def open_formatting(self, name: str, attributes: str) -> None:
        """A formatting element joins the list; of three identical ones the oldest leaves it."""
        entry = (name, attributes.strip())
        since_marker = self.open_formatting_count()
        same = [
            i for i in range(len(self.formatting) - since_marker, len(self.formatting)) if self.formatting[i] == entry
        ]
        if len(same) >= 3:
            del self.formatting[same[0]]
        self.formatting.append(entry)

    def open_formatting_count(self) -> int:
        """Formatting entries since the last cell marker (the ones the parser would rebuild)."""
        count = 0
        for entry in reversed(self.formatting):
            if entry == _MARKER or count > MAX_OPEN_FORMATTING:
                break
            count += 1
        return count

    def end(self, name: str) -> None:
        """An end tag: a formatting element leaves the list, any element the stack."""
        if name in _FORMATTING:
            for index in range(len(self.formatting) - 1, -1, -1):
                if self.formatting[index] == _MARKER:
                    break
                if self.formatting[index][0] == name:
                    del self.formatting[index]
                    break
        self.close_to(name)


def _attribute_bound(text: str) -> int:
    """At least as many attributes as the parser will find in this tag text (often more)."""
    quoted = len(_QUOTED_VALUE.findall(text))
    return quoted + len(_CHUNK.findall(_QUOTED_VALUE.sub(" ", text)))


def complexity_problem(source: str) -> str | None:
    """Why this HTML is too complex to clean in bounded time (a sentence), or None if it is fine.

    One pass over the text, linear in its length: it counts tags and attributes and follows
    the nesting the way browsers do for unclosed paragraphs and list items, erring on the side
    of counting more.
    """
    source = source or ""
    if source.count("<") > MAX_MARKS or source.count("&") > MAX_MARKS:
        return str(TOO_MANY_MARKS)
    shape, counted_to = _Shape(), 0
    for match in _TAG_TOKEN.finditer(source):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        shape.tags += 1
        if shape.tags > MAX_TAGS:
            return str(TOO_MANY_TAGS)
        if len(name) > MAX_TAG_NAME:  # never in real HTML; slow for the parser when full of "<"
            return str(MALFORMED)
        if closing:
            shape.end(name)
            continue
        if match.end(2) >= counted_to:  # the text up to where the parser may end this tag, read once
            counted_to = _TAG_EXTENT.match(source, match.end(2)).end()
            count = _attribute_bound(source[match.end(2) : counted_to])
            shape.attributes += count
            if count > MAX_ATTRIBUTES_PER_TAG or shape.attributes > MAX_ATTRIBUTES:
                return str(TOO_MANY_ATTRIBUTES)
        shape.start(name, rest)
        if shape.deepest > MAX_DEPTH:
            return str(TOO_DEEP)
        if shape.open_formatting_count() > MAX_OPEN_FORMATTING:
            return str(TOO_MANY_OPEN)
    return None


class TooComplexError(ValueError):
    """The HTML is beyond the limits above; the message says which, for the person."""


TOO_SLOW = lazy_gettext("Nội dung quá phức tạp để xử lý. Hãy dán lại dưới dạng văn bản thường rồi định dạng lại.")


class _OutOfTimeError(BaseException):
    """Raised into the parser by the deadline's alarm (a BaseException: no "except Exception" inside swallows it)."""


def _alarm(signum, frame):
    raise _OutOfTimeError


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` with _OutOfTimeError, in the main thread of a process.

    gunicorn's sync workers serve each request in their main thread; elsewhere (the threaded
    development server, a thread of the tests) the block runs without a deadline.
    """
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield  # not ours to set, or someone else's timer is running
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
        TooComplexError: the source is beyond MAX_TAGS, MAX_DEPTH or the attribute limits,
            or (in a server's main thread) cleaning it took longer than CLEAN_SECONDS.
    """
    source = _CONTROL.sub("", source or "")
    problem = complexity_problem(source)
    if problem:
        raise TooComplexError(problem)
    try:
        with _deadline(CLEAN_SECONDS):
            return _cleaner().clean(source)
    except _OutOfTimeError:
        _local.cleaner = None  # interrupted mid-parse: the next body gets a fresh parser
        raise TooComplexError(str(TOO_SLOW)) from None
