"""View counts that never cost a database write per page view.

Each view is counted once per reader (address and browser) per article for 30 minutes, kept
in memory (one worker) or in Redis (every worker), and written to the articles table in
batches: one UPDATE statement for a whole batch, bypassing the edit version counter.
"""

import hashlib
import threading
import time
from collections import Counter

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Article

DEDUPE_SECONDS = 30 * 60
FLUSH_EVERY_VIEWS = 100
FLUSH_EVERY_SECONDS = 10.0


def reader_key(address: str, user_agent: str) -> str:
    """A short, non-reversible name for one reader's browser."""
    return hashlib.sha256(f"{address}\n{user_agent}".encode()).hexdigest()[:24]


def write_counts(counts: dict[int, int]) -> None:
    """Add the counts to the articles in one executemany UPDATE (no version bump)."""
    if not counts:
        return
    table = Article.__table__
    stmt = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("article_id"))
        .values(view_count=table.c.view_count + sa.bindparam("views"))
    )
    db.session.connection().execute(stmt, [{"article_id": k, "views": v} for k, v in counts.items()])
    db.session.commit()


class MemoryViewCounter:
    """Counts kept in this process; flushed every 100 views or 10 seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Counter[int] = Counter()
        self._seen: dict[tuple[int, str], float] = {}
        self._last_flush = time.monotonic()

    def record(self, article_id: int, reader: str) -> bool:
        """Count a view unless this reader was counted for this article lately."""
        now = time.monotonic()
        with self._lock:
            key = (article_id, reader)
            if self._seen.get(key, 0.0) > now:
                return False
            self._seen[key] = now + DEDUPE_SECONDS
            self._pending[article_id] += 1
            due = sum(self._pending.values()) >= FLUSH_EVERY_VIEWS or now - self._last_flush >= FLUSH_EVERY_SECONDS
        if due:
            self.flush()
        return True

    def pending(self, article_id: int) -> int:
        """Views counted here and not yet written."""
        with self._lock:
            return self._pending[article_id]

    def flush(self) -> int:
        """Write the pending counts; return how many views were written."""
        with self._lock:
            counts, self._pending = dict(self._pending), Counter()
            self._last_flush = time.monotonic()
            horizon = time.monotonic()
            self._seen = {k: v for k, v in self._seen.items() if v > horizon}
        write_counts(counts)
        return sum(counts.values())


class RedisViewCounter:
    """Counts kept in Redis, shared by every worker; any worker may flush a batch."""

    PENDING = "portal:views:pending"
    SEEN = "portal:views:seen:"

    def __init__(self, client, namespace: str = "") -> None:
        self._redis = client
        self._pending_key = namespace + self.PENDING
        self._seen_prefix = namespace + self.SEEN
        self._last_flush = time.monotonic()

    def record(self, article_id: int, reader: str) -> bool:
        """Count a view unless this reader was counted for this article lately."""
        if not self._redis.set(f"{self._seen_prefix}{article_id}:{reader}", 1, nx=True, ex=DEDUPE_SECONDS):
            return False
        pipe = self._redis.pipeline()
        pipe.hincrby(self._pending_key, str(article_id), 1)
        pipe.incr(self._pending_key + ":total")
        _, total = pipe.execute()
        if total >= FLUSH_EVERY_VIEWS or time.monotonic() - self._last_flush >= FLUSH_EVERY_SECONDS:
            self.flush()
        return True

    def pending(self, article_id: int) -> int:
        """Views counted by any worker and not yet written."""
        return int(self._redis.hget(self._pending_key, str(article_id)) or 0)

    def flush(self) -> int:
        """Take the pending hash atomically (so no view is written twice) and write it."""
        self._last_flush = time.monotonic()
        batch_key = f"{self._pending_key}:batch:{time.time_ns()}"
        self._redis.set(self._pending_key + ":total", 0)
        try:
            self._redis.rename(self._pending_key, batch_key)
        except Exception as error:  # redis.ResponseError: nothing pending
            if "no such key" in str(error).lower():
                return 0
            raise
        counts = {int(k): int(v) for k, v in self._redis.hgetall(batch_key).items()}
        write_counts(counts)
        self._redis.delete(batch_key)
        return sum(counts.values())
