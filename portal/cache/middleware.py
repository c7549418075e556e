"""The WSGI layer that answers anonymous readers from the page cache before Flask runs.

A request may be answered from the cache only when it is a GET or HEAD without the session
(or remember-me) cookie and with no query string other than `page=N`. The key holds the host,
the path, that query, the reader's language and the compression the reader gets. Flask decides
what may be kept (see portal.cache.marking): the middleware stores a response only when Flask
marked it and it sets no cookie, so a signed-in person's page never reaches the cache.
"""

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from flask import Flask
from werkzeug.http import is_resource_modified, parse_cookie

from portal.cache.pages import CachedPage
from portal.content.readership import reader_key
from portal.delivery import page_encoding
from portal.i18n import COOKIE_NAME as LANGUAGE_COOKIE
from portal.web.routes import first_segment, private_segments

log = logging.getLogger(__name__)

PENDING = "portal.page_cache.pending"
STORE = "portal.page_cache.store"
STATUS_HEADER = "X-Portal-Cache"
CACHEABLE_QUERY = re.compile(r"^(page=[1-9][0-9]{0,4})?$")
MAX_PATH = 512
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "etag", "last-modified", "vary", "expires", "content-location"})


@dataclass(frozen=True)
class Pending:
    """A request the cache could not answer: where to keep its page and from which generation."""

    key: str
    generation: int


@dataclass(frozen=True)
class StoreOrder:
    """Flask's permission to keep a response, with how long and which article it shows."""

    valid_until: float
    etag: str
    last_modified: float
    article_id: int | None


class PageCacheMiddleware:
    """Serve fresh cached pages, and keep the pages Flask marks as shareable."""

    def __init__(self, flask_app: Flask, wsgi_app: Callable, store, languages: Iterable[str]) -> None:
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self.store = store
        self.languages = frozenset(languages)
        self.private_cookies = {
            flask_app.config["SESSION_COOKIE_NAME"],
            flask_app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        }
        self._warned_at = 0.0

    @cached_property
    def skipped_segments(self) -> frozenset[str]:
        """First path segments with no shared page under them, read from the URL map once it is complete."""
        return private_segments(self.flask_app)

    def now(self) -> float:
        """The application's clock as POSIX seconds (tests move it)."""
        clock = self.flask_app.config.get("CLOCK")
        return clock().timestamp() if clock else time.time()

    def key_for(self, environ: dict) -> str | None:
        """The cache key of a request the cache may answer, else None."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        if len(path) > MAX_PATH or first_segment(path) in self.skipped_segments or not CACHEABLE_QUERY.match(query):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", "")) if environ.get("HTTP_COOKIE") else {}
        if self.private_cookies.intersection(cookies):
            return None
        language = cookies.get(LANGUAGE_COOKIE)
        language = language if language in self.languages else "-"
        # Everything the page's absolute links are built from: scheme, host and the mount point.
        scheme, host = environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", "")[:100]
        root = environ.get("SCRIPT_NAME", "")[:100]
        encoding = page_encoding(self.flask_app, environ.get("HTTP_ACCEPT_ENCODING", ""))  # one copy per encoding
        return f"{language}|{encoding}|{scheme}://{host}{root}|{path}?{query}"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self.key_for(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        try:
            generation, page = self.store.lookup(key)
        except Exception:  # Redis or the database away: no cache, not an error
            self._warn("page cache unavailable")
            return self.serve_during_outage(key, environ, start_response)
        if page is not None and page.generation == generation and self.now() < page.valid_until:
            self.count_view(page, environ)
            return self.serve(page, environ, start_response)
        environ[PENDING] = Pending(key, generation)
        return self.render_and_keep(environ, start_response)

    def serve_during_outage(self, key: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """With the database away nothing can change: a page kept in memory and not yet due
        for renewal is still the right answer, and readers get it instead of a 503."""
        page = self.store.peek(key)
        if page is not None and self.now() < page.valid_until:
            return self.serve(page, environ, start_response)
        return self.wsgi_app(environ, start_response)

    def serve(self, page: CachedPage, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Answer from the cache: 304 when the reader's copy is current, else the page."""
        conditional = "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ
        if conditional and not is_resource_modified(
            environ, etag=page.etag, last_modified=datetime.fromtimestamp(page.last_modified, UTC)
        ):
            start_response("304 Not Modified", [(k, v) for k, v in page.headers if k.lower() in NOT_MODIFIED_HEADERS])
            return []
        start_response(page.status, list(page.headers))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]

    def render_and_keep(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Let Flask answer; keep the response when Flask marked it and it sets no cookie."""
        seen: dict = {}

        def remember_start(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        app_iter = self.wsgi_app(environ, remember_start)
        order: StoreOrder | None = environ.get(STORE)
        headers = seen.get("headers", [])
        shareable = (
            order is not None
            and environ["REQUEST_METHOD"] == "GET"
            and seen.get("status", "").startswith("200")
            and not any(name.lower() == "set-cookie" for name, _ in headers)
        )
        if not shareable:
            return app_iter
        try:
            body = b"".join(app_iter)
        finally:
            if hasattr(app_iter, "close"):
                app_iter.close()
        self.keep(environ[PENDING], order, seen["status"], headers, body)
        return [body]

    def keep(self, pending: Pending, order: StoreOrder, status: str, headers: list, body: bytes) -> None:
        """Store a page; a store that is away only costs the next reader a render."""
        page = CachedPage(
            generation=pending.generation,
            valid_until=order.valid_until,
            status=status,
            headers=[(str(k), "HIT" if k == STATUS_HEADER else str(v)) for k, v in headers],
            body=body,
            etag=order.etag,
            last_modified=order.last_modified,
            article_id=order.article_id,
        )
        try:
            self.store.store(pending.key, page, int(order.valid_until - self.now()) + 1)
        except Exception:
            self._warn("page cache could not keep a page")

    def count_view(self, page: CachedPage, environ: dict) -> None:
        """A reader served from the cache still counts as a view of the article."""
        if page.article_id is None or environ["REQUEST_METHOD"] != "GET":
            return
        counter = self.flask_app.extensions["view_counter"]
        reader = reader_key(environ.get("REMOTE_ADDR", ""), environ.get("HTTP_USER_AGENT", ""))
        try:
            counter.record(page.article_id, reader)
            if counter.flush_due():
                with self.flask_app.app_context():
                    counter.sync()
        except Exception:  # a counter that is down must never break reading
            self._warn("view counter unavailable")

    def _warn(self, message: str) -> None:
        """Log a failure with its traceback at most once a minute per worker."""
        if time.monotonic() - self._warned_at > 60:
            self._warned_at = time.monotonic()
            log.warning(message, exc_info=True)
