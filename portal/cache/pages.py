"""Cached pages and where they are kept: this process's memory, or Redis for every worker.

Both stores answer `lookup(key)` with the current content generation and the page kept under
the key, so that the caller can tell a fresh page from a stale one in one step (one MGET in
Redis). In memory the generation is read from the database, the one place every worker of
the machine shares; in Redis it is a counter next to the pages.
"""

import contextlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa

from portal.content.freshness import read_generation


@dataclass(frozen=True)
class CachedPage:
    """One rendered anonymous response and what decides whether it may still be served."""

    generation: int
    valid_until: float  # POSIX seconds
    status: str
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)
    etag: str
    last_modified: float
    article_id: int | None = None

    def encode(self) -> bytes:
        """Serialize as a JSON line followed by the body (never pickle: Redis is not trusted code)."""
        meta = asdict(self)
        del meta["body"]
        return json.dumps(meta, separators=(",", ":")).encode() + b"\n" + self.body

    @classmethod
    def decode(cls, data: bytes | None) -> "CachedPage | None":
        """Read what encode() wrote; anything malformed is treated as absent."""
        if not data:
            return None
        meta, _, body = data.partition(b"\n")
        try:
            fields = json.loads(meta)
            fields["headers"] = [(str(k), str(v)) for k, v in fields["headers"]]
            return cls(body=body, **fields)
        except (ValueError, TypeError, KeyError):
            return None

    @property
    def size(self) -> int:
        """Approximate bytes held (body plus headers)."""
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class DatabaseGeneration:
    """Reads the database's generation on a connection of its own per thread, outside the pool.

    One prepared query, no pool checkout and no ping: a few microseconds on SQLite, one round
    trip on PostgreSQL (in autocommit, so never idle in a transaction). A connection that
    fails is dropped and opened again once; a database that stays away raises.
    """

    QUERY = "SELECT generation FROM content_state WHERE id = 1"

    def __init__(self, engine_getter: Callable[[], sa.Engine]) -> None:
        self._engine_getter = engine_getter
        self._local = threading.local()

    def read(self) -> int:
        """The current content generation."""
        engine = self._engine_getter()
        if engine.url.database in (None, "", ":memory:"):  # one shared in-memory connection (tests)
            with engine.connect() as connection:
                return read_generation(connection)
        try:
            return self._query(engine)
        except Exception:
            self._drop()
            return self._query(engine)

    def _query(self, engine: sa.Engine) -> int:
        connection = getattr(self._local, "connection", None) or self._open(engine)
        cursor = connection.cursor()
        try:
            cursor.execute(self.QUERY)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return int(row[0]) if row else 0

    def _open(self, engine: sa.Engine):
        connection = engine.raw_connection()
        if engine.dialect.name == "postgresql":
            connection.rollback()  # the pool's ping may have opened a transaction
            connection.driver_connection.autocommit = True
        connection.detach()  # ours for good: closed, not returned, when dropped
        self._local.connection = connection
        return connection

    def _drop(self) -> None:
        connection, self._local.connection = getattr(self._local, "connection", None), None
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken
                connection.close()


class PageLRU:
    """Pages held in this process, least recently used first out, within a byte budget."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedPage | None:
        """The page kept under key, now the most recently used."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: CachedPage) -> None:
        """Keep the page, dropping the least recently used ones beyond the budget."""
        if page.size > self._max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self._bytes -= old.size if old else 0
            self._pages[key] = page
            self._bytes += page.size
            while self._bytes > self._max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= dropped.size

    def __len__(self) -> int:
        return len(self._pages)


class MemoryPageStore:
    """Pages in this process; the generation they are judged by comes from the database."""

    def __init__(self, engine_getter: Callable[[], sa.Engine], max_bytes: int) -> None:
        self._generation = DatabaseGeneration(engine_getter)
        self._pages = PageLRU(max_bytes)

    def lookup(self, key: str) -> tuple[int, CachedPage | None]:
        """The database's content generation and the page kept under key."""
        return self._generation.read(), self._pages.get(key)

    def peek(self, key: str) -> CachedPage | None:
        """The page kept under key, whatever the generation (for when the database is away)."""
        return self._pages.get(key)

    def store(self, key: str, page: CachedPage, ttl: int) -> None:
        """Keep the page; it carries its own expiry."""
        self._pages.put(key, page)

    def content_changed(self) -> None:
        """Nothing to do: the generation lives in the database and moved with the commit."""


class RedisPageStore:
    """Pages in Redis, shared by every worker and machine, next to the generation counter.

    Each worker also keeps the pages it has fetched, decoded, in memory: while the generation
    has not moved, a lookup costs one small GET instead of fetching the page again.
    """

    def __init__(self, client, namespace: str = "", local_bytes: int = 32 * 1024 * 1024) -> None:
        self._redis = client
        self._local = PageLRU(local_bytes)
        self._generation_key = f"{namespace}portal:content-generation"
        self._page_prefix = f"{namespace}portal:page:"
        self._missed_bump = False

    def lookup(self, key: str) -> tuple[int, CachedPage | None]:
        """The shared generation and the page kept under key, in one round trip."""
        if self._missed_bump:
            self.content_changed()
        local = self._local.get(key)
        if local is not None:
            generation = self._redis.get(self._generation_key)
            if generation is not None and int(generation) == local.generation:
                return local.generation, local
        generation, data = self._redis.mget(self._generation_key, self._page_prefix + key)
        generation = self._start_generation() if generation is None else int(generation)
        page = CachedPage.decode(data)
        if page is not None and page.generation == generation:
            self._local.put(key, page)
        return generation, page

    def _start_generation(self) -> int:
        """A fresh counter starts from the clock, so it never repeats one an evicted counter had."""
        self._redis.set(self._generation_key, time.time_ns() // 1000, nx=True)
        return int(self._redis.get(self._generation_key) or 0)

    def peek(self, key: str) -> CachedPage | None:
        """Nothing: when Redis is away its pages are away too."""
        return None

    def store(self, key: str, page: CachedPage, ttl: int) -> None:
        """Keep the page for ttl seconds, when it would have gone stale anyway."""
        self._redis.set(self._page_prefix + key, page.encode(), ex=max(1, ttl))
        self._local.put(key, page)

    def content_changed(self) -> None:
        """Raise the shared generation; if Redis is away, try again before the next lookup."""
        try:
            if self._redis.exists(self._generation_key):
                self._redis.incr(self._generation_key)
            else:
                self._start_generation()
            self._missed_bump = False
        except Exception:
            self._missed_bump = True
            raise
