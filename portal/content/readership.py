"""View counts that never cost a database write, nor a Redis round trip, per page view.

Each view is counted once per reader (address and browser) per article for 30 minutes, kept
in memory (one worker) or in Redis (every worker), and written to the articles table in
batches: one UPDATE statement for a whole batch, bypassing the edit version counter.

`record` only notes the view; the caller then calls `flush` when `flush_due()` says so, inside
an app context (the page cache records views before Flask runs and pays for a context only
then). The Redis counter gathers views in the worker and hands them to Redis in one pipeline
a second, where the once-per-reader rule is decided for all workers.
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


class RecentReaders:
    """The (article, reader) pairs this worker has seen in the last 30 minutes."""

    def __init__(self) -> None:
        self._until: dict[tuple[int, str], float] = {}

    def first_time(self, key: tuple[int, str], now: float) -> bool:
        """Remember the pair; False when it was already seen lately (the caller holds a lock)."""
        if self._until.get(key, 0.0) > now:
            return False
        self._until[key] = now + DEDUPE_SECONDS
        return True

    def forget_old(self, now: float) -> None:
        """Drop the pairs whose 30 minutes are over."""
        self._until = {k: v for k, v in self._until.items() if v > now}

    def __len__(self) -> int:
        return len(self._until)


class MemoryViewCounter:
    """Counts kept in this process; flushed every 100 views or 10 seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Counter[int] = Counter()
        self._seen = RecentReaders()
        self._total = 0
        self._last_flush = time.monotonic()

    def record(self, article_id: int, reader: str) -> None:
        """Count a view unless this reader was counted for this article lately."""
        with self._lock:
            if self._seen.first_time((article_id, reader), time.monotonic()):
                self._pending[article_id] += 1
                self._total += 1

    def flush_due(self) -> bool:
        """Whether enough views, or enough time, have gathered for a write."""
        return self._total >= FLUSH_EVERY_VIEWS or (
            self._total > 0 and time.monotonic() - self._last_flush >= FLUSH_EVERY_SECONDS
        )

    def pending(self, article_id: int) -> int:
        """Views counted here and not yet written."""
        with self._lock:
            return self._pending[article_id]

    def flush(self) -> int:
        """Write the pending counts; return how many views were written."""
        with self._lock:
            counts, self._pending, self._total = dict(self._pending), Counter(), 0
            self._last_flush = time.monotonic()
            self._seen.forget_old(self._last_flush)
        write_counts(counts)
        return sum(counts.values())

    sync = flush


class RedisViewCounter:
    """Counts kept in Redis, shared by every worker; any worker may write a batch."""

    PENDING = "portal:views:pending"
    SEEN = "portal:views:seen:"
    HAND_OVER_EVERY_SECONDS = 1.0
    HAND_OVER_EVERY_VIEWS = 50

    def __init__(self, client, namespace: str = "") -> None:
        self._redis = client
        self._pending_key = namespace + self.PENDING
        self._seen_prefix = namespace + self.SEEN
        self._lock = threading.Lock()
        self._local: list[tuple[int, str]] = []
        self._seen = RecentReaders()  # what this worker sent lately: no need to ask Redis again
        self._handed_over = self._last_flush = time.monotonic()

    def record(self, article_id: int, reader: str) -> None:
        """Note a view in this worker; Redis decides at the next hand-over whether it counts."""
        with self._lock:
            if self._seen.first_time((article_id, reader), time.monotonic()):
                self._local.append((article_id, reader))

    def flush_due(self) -> bool:
        """Whether this worker's views should go to Redis (every second or 50 views)."""
        return len(self._local) >= self.HAND_OVER_EVERY_VIEWS or (
            bool(self._local) and time.monotonic() - self._handed_over >= self.HAND_OVER_EVERY_SECONDS
        )

    def pending(self, article_id: int) -> int:
        """Views counted by any worker and not yet written (this worker's unsent ones included)."""
        with self._lock:
            local = sum(1 for noted, _ in self._local if noted == article_id)
        return int(self._redis.hget(self._pending_key, str(article_id)) or 0) + local

    def hand_over(self) -> int:
        """Send this worker's views to Redis in one pipeline; return how many were new readers."""
        with self._lock:
            views, self._local = self._local, []
            self._handed_over = now = time.monotonic()
            if len(self._seen) > 100_000:
                self._seen.forget_old(now)
        if not views:
            return 0
        pipe = self._redis.pipeline(transaction=False)
        for article_id, reader in views:
            pipe.set(f"{self._seen_prefix}{article_id}:{reader}", 1, nx=True, ex=DEDUPE_SECONDS)
        counted = [article_id for (article_id, _), new in zip(views, pipe.execute(), strict=True) if new]
        if counted:
            pipe = self._redis.pipeline()
            for article_id, views_of_it in Counter(counted).items():
                pipe.hincrby(self._pending_key, str(article_id), views_of_it)
            pipe.incrby(self._pending_key + ":total", len(counted))
            pipe.execute()
        return len(counted)

    def sync(self) -> int:
        """Hand this worker's views over, then write Redis's batch when it is big or old enough."""
        self.hand_over()
        total = int(self._redis.get(self._pending_key + ":total") or 0)
        if total < FLUSH_EVERY_VIEWS and time.monotonic() - self._last_flush < FLUSH_EVERY_SECONDS:
            return 0
        return self.write_batch()

    def flush(self) -> int:
        """Hand this worker's views over and write everything pending now."""
        self.hand_over()
        return self.write_batch()

    def write_batch(self) -> int:
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


def record_view(counter, article_id: int, reader: str) -> None:
    """Record a view and write what has gathered when it is time (needs an app context)."""
    counter.record(article_id, reader)
    if counter.flush_due():
        counter.sync()
