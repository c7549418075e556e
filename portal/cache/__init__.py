"""The page cache: anonymous public pages kept whole and served before Flask runs.

- middleware.py  the WSGI layer: answers from the cache, keeps the pages Flask marks
- marking.py     Flask's side: ETag, Last-Modified, Cache-Control, what may be kept
- pages.py       the cached page and its stores (this process's memory, or Redis with a
                 copy in each worker)
- invalidation.py  the content generation raised by every change readers can see
"""

import threading

from flask import Flask

from portal.cache import invalidation  # noqa: F401  (installs the session listeners)
from portal.cache.marking import register as register_marking
from portal.cache.middleware import PageCacheMiddleware
from portal.cache.pages import MemoryPageStore, RedisPageStore
from portal.extensions import db


def lazy_engine(app: Flask):
    """A getter for the app's engine that works outside any app context."""
    engines: list = []
    lock = threading.Lock()

    def get():
        if not engines:
            with lock, app.app_context():
                engines[:] = [db.engine]
        return engines[0]

    return get


def make_store(app: Flask) -> MemoryPageStore | RedisPageStore:
    """Redis when PORTAL_REDIS_URL is set (shared by every worker), else this process's memory."""
    if app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["REDIS_URL"], socket_timeout=0.5, socket_connect_timeout=0.5)
        return RedisPageStore(
            client, app.config.get("THROTTLE_NAMESPACE", ""), app.config["PAGE_CACHE_MB"] * 1024 * 1024
        )
    return MemoryPageStore(lazy_engine(app), app.config["PAGE_CACHE_MB"] * 1024 * 1024)


def register(app: Flask, languages: tuple[str, ...]) -> None:
    """Mark shareable responses always; put the cache in front of the app unless turned off."""
    register_marking(app)
    if not app.config["PAGE_CACHE"]:
        return
    store = make_store(app)
    app.extensions["page_cache"] = store
    app.wsgi_app = PageCacheMiddleware(app, app.wsgi_app, store, languages)
