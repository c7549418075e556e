"""Flask's side of the page cache: which responses readers may share, and for how long.

Anonymous GETs of the public lists, articles and feeds get an ETag, a Last-Modified date
and a Cache-Control that lets nginx keep them a few seconds; the browser always revalidates
(304 when nothing changed). When the middleware is waiting for a page, they also get a
StoreOrder: keep it until the content generation moves, the next scheduled article falls
due or expires, or PAGE_CACHE_SECONDS pass, whichever comes first.
"""

from datetime import datetime, timedelta

from flask import Flask, Response, current_app, request
from flask_login import current_user

from portal import clock
from portal.cache.middleware import PENDING, STATUS_HEADER, STORE, Pending, StoreOrder
from portal.content.freshness import next_visibility_change
from portal.extensions import db
from portal.web.routes import is_shared_page


class ScheduleMemo:
    """The next scheduled change, asked of the database once per generation (or when it passes)."""

    def __init__(self) -> None:
        self._memo: tuple[int, datetime | None] | None = None

    def next_change(self, generation: int, now: datetime) -> datetime | None:
        """The next moment a published article falls due or expires, after now."""
        memo = self._memo
        if memo is not None and memo[0] == generation and (memo[1] is None or now < memo[1]):
            return memo[1]
        moment = next_visibility_change(db.session.connection(), now)
        self._memo = (generation, moment)
        return moment


def is_shareable(response: Response) -> bool:
    """Whether this response is an anonymous reader's public page (a view marked with shared_page)."""
    return (
        is_shared_page(current_app.view_functions.get(request.endpoint or ""))
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.direct_passthrough
        and not current_user.is_authenticated
    )


def register(app: Flask) -> None:
    """Install the after_request step that marks shareable responses."""
    shared_seconds = app.config["MICROCACHE_SECONDS"]
    max_age = timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])
    schedule = ScheduleMemo()

    @app.after_request
    def mark_shareable(response: Response) -> Response:
        if not is_shareable(response):
            return response
        now = clock.now()
        response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={shared_seconds}"
        response.vary.add("Cookie")
        response.last_modified = now.replace(microsecond=0)
        response.add_etag()
        pending: Pending | None = request.environ.get(PENDING)
        if pending is not None:
            next_change = schedule.next_change(pending.generation, now)
            valid_until = min(now + max_age, next_change) if next_change else now + max_age
            etag, _weak = response.get_etag()
            shown = (request.view_args or {}).get("article_id") if request.endpoint == "public.article" else None
            request.environ[STORE] = StoreOrder(
                valid_until=valid_until.timestamp(),
                etag=etag,
                last_modified=response.last_modified.timestamp(),
                article_id=shown,
            )
            response.headers[STATUS_HEADER] = "MISS"
        return response.make_conditional(request)
