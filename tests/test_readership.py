"""View counts: exact under concurrency, no UPDATE per view, once per reader, Redis too."""

import os
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from portal.content.readership import MemoryViewCounter, RedisViewCounter, record_view
from portal.extensions import db
from portal.models import Article
from tests.factories import make_article, make_category


def article_path(article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


def flush(app) -> None:
    app.extensions["view_counter"].flush()


def stored_views(article_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(Article.view_count).where(Article.id == article_id))


def test_200_concurrent_views_are_counted_exactly_without_an_update_each(live_app, live_server, clock):
    article = make_article("Bài được đọc nhiều", make_category("Tin tức"), now=clock())
    db.session.commit()
    url, article_id = live_server + article_path(article), article.id
    statements: list[str] = []

    @sa.event.listens_for(db.engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def read(n: int) -> int:
        request = urllib.request.Request(url, headers={"User-Agent": f"reader-{n}"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our own loopback server)
            return response.status

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert set(pool.map(read, range(200))) == {200}
    flush(live_app)
    sa.event.remove(db.engine, "before_cursor_execute", remember)
    assert stored_views(article_id) == 200
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE ARTICLES")]
    assert 1 <= len(updates) <= 5, len(updates)


def test_a_reader_is_counted_once_per_article_and_sees_the_count(app, client, clock):
    category = make_category("Tin tức")
    first, second = make_article("Bài một", category, now=clock()), make_article("Bài hai", category, now=clock())
    db.session.commit()
    for _ in range(3):
        page = client.get(article_path(first), headers={"User-Agent": "cùng-một-người"}).get_data(as_text=True)
    assert "Lượt xem: 1" in page
    client.get(article_path(second), headers={"User-Agent": "cùng-một-người"})
    clock.advance(seconds=app.config["PAGE_CACHE_SECONDS"])  # a cached page shows the count it was made with
    other = client.get(article_path(first), headers={"User-Agent": "người-khác"}).get_data(as_text=True)
    assert "Lượt xem: 2" in other
    flush(app)
    assert (stored_views(first.id), stored_views(second.id)) == (2, 1)


def test_counting_never_bumps_the_edit_version(app, client, clock):
    article = make_article("Bài đang sửa", make_category("Tin tức"), now=clock())
    db.session.commit()
    version = article.version
    client.get(article_path(article))
    flush(app)
    db.session.expire_all()
    assert db.session.get(Article, article.id).version == version


def test_the_home_page_lists_the_most_read(app, client, clock):
    category = make_category("Tin tức")
    quiet = make_article("Bài ít người đọc", category, now=clock(), view_count=3)
    popular = make_article("Bài nhiều người đọc", category, now=clock(), view_count=90)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    block = html.split('id="most-read-heading"')[1].split("</section>")[0]
    assert block.index(popular.title) < block.index(quiet.title)


def test_memory_counter_flushes_in_batches(app, clock):
    article = make_article("Bài", make_category("Tin tức"), now=clock())
    db.session.commit()
    counter = MemoryViewCounter()
    for n in range(250):
        record_view(counter, article.id, f"reader-{n}")
    assert stored_views(article.id) == 200  # two batches of 100 were written on the way
    assert counter.pending(article.id) == 50
    counter.flush()
    assert stored_views(article.id) == 250


def test_redis_counter_is_shared_by_workers_and_exact(app, clock):
    url = os.environ.get("PORTAL_TEST_REDIS_URL") or app.config.get("REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide Redis: .ci/run starts it and sets PORTAL_TEST_REDIS_URL")
        pytest.skip("no Redis (set PORTAL_TEST_REDIS_URL)")
    import redis

    client = redis.Redis.from_url(url, decode_responses=True)
    namespace = f"test-{uuid.uuid4().hex}:"
    workers = [RedisViewCounter(client, namespace), RedisViewCounter(client, namespace)]
    article = make_article("Bài", make_category("Tin tức"), now=clock())
    db.session.commit()
    for n in range(150):
        record_view(workers[n % 2], article.id, f"reader-{n}")
    workers[0].flush()
    workers[1].flush()
    assert stored_views(article.id) == 150
    workers[0].record(article.id, "reader-1")  # counted already, by the other worker
    assert workers[0].hand_over() == 0
    assert workers[0].pending(article.id) == 0
    for key in client.scan_iter(f"{namespace}*"):
        client.delete(key)
