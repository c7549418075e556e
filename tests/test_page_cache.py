"""The page cache: readers get fresh pages at once after every change, never anyone's private page."""

import os
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.content.freshness import PRIVATE_MODELS, READER_VISIBLE_MODELS, READER_VISIBLE_TABLES
from portal.extensions import db
from portal.models import Article, ArticleStatus, Base, Role, Setting
from portal.web.routes import private_segments, shared_endpoints
from tests.conftest import IsolatedClient
from tests.factories import make_article, make_category, make_user

CACHE = "X-Portal-Cache"


def path_of(article: Article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


@pytest.fixture
def news(app, clock):
    category = make_category("Tin tức", slug="tin-tuc")
    article = make_article("Khai mạc hội chợ xuân", category, now=clock() - timedelta(hours=1))
    db.session.commit()
    return article


@pytest.fixture
def editor(app, login):
    user = make_user(Role.EDITOR)
    db.session.commit()
    return login(user)


def edit(editor, article: Article, **changes) -> None:
    """Save the article through the editor, as an editor would."""
    data = {
        "title": article.title, "lead": article.lead, "body": article.body_html, "byline": article.byline,
        "source": "", "category": str(article.category_id), "tags": "", "image_caption": "",
        "published_at": "", "action": "save", "version": str(article.version),
    }  # fmt: skip
    data.update(changes)
    response = editor.post(f"/editor/articles/{article.id}/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    db.session.expire_all()


def count_statements():
    seen: list[str] = []

    def listener(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    return seen, lambda: sa.event.remove(db.engine, "before_cursor_execute", listener)


def test_a_second_reader_is_served_from_the_cache_without_rendering(client, news):
    path = path_of(news)
    first = client.get(path)
    assert first.status_code == 200 and first.headers[CACHE] == "MISS"
    seen, stop = count_statements()
    second = client.get(path)
    stop()
    assert second.headers[CACHE] == "HIT"
    assert second.get_data() == first.get_data()
    assert len(seen) <= 1, seen  # at most the content generation
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert client.head(path_of(news)).get_data() == b""


def test_an_edit_reaches_readers_at_once(client, news, editor):
    assert "Khai mạc hội chợ xuân" in client.get("/").get_data(as_text=True)
    assert client.get(path_of(news)).status_code == 200
    edit(editor, news, title="Hội chợ xuân dời sang tuần sau")
    page = client.get(path_of(news))
    assert page.headers[CACHE] == "MISS"
    assert "Hội chợ xuân dời sang tuần sau" in page.get_data(as_text=True)
    assert "Hội chợ xuân dời sang tuần sau" in client.get("/").get_data(as_text=True)


def test_unpublishing_removes_the_page_at_once(client, news, editor):
    assert client.get(path_of(news)).status_code == 200
    edit(editor, news, action="unpublish")
    assert client.get(path_of(news)).status_code == 404
    assert "Khai mạc hội chợ xuân" not in client.get("/").get_data(as_text=True)


def test_a_draft_saved_elsewhere_keeps_the_cached_pages(client, news, editor, clock):
    client.get("/")
    draft = make_article("Bản nháp chưa đăng", news.category, status=ArticleStatus.DRAFT, published_at=None)
    db.session.commit()
    edit(editor, draft, title="Bản nháp sửa lại")
    home = client.get("/")
    assert home.headers[CACHE] == "HIT" and "Bản nháp" not in home.get_data(as_text=True)


def test_a_site_setting_changes_every_page(client, news):
    assert "Cổng mới của thị trấn" not in client.get(path_of(news)).get_data(as_text=True)
    db.session.merge(Setting(key="site_name", value="Cổng mới của thị trấn"))
    db.session.commit()
    assert "Cổng mới của thị trấn" in client.get(path_of(news)).get_data(as_text=True)


def test_a_scheduled_article_appears_at_its_time_without_any_write(client, news, clock):
    make_article("Thông báo lịch cắt điện", news.category, published_at=clock() + timedelta(minutes=10))
    db.session.commit()
    assert "Thông báo lịch cắt điện" not in client.get("/").get_data(as_text=True)
    assert client.get("/").headers[CACHE] == "HIT"
    clock.advance(minutes=10)
    home = client.get("/")
    assert home.headers[CACHE] == "MISS" and "Thông báo lịch cắt điện" in home.get_data(as_text=True)


def test_an_expiring_article_leaves_at_its_time(client, news, clock):
    make_article("Tuyển dụng giáo viên", news.category, now=clock(), expires_at=clock() + timedelta(minutes=5))
    db.session.commit()
    assert "Tuyển dụng giáo viên" in client.get("/").get_data(as_text=True)
    clock.advance(minutes=5)
    assert "Tuyển dụng giáo viên" not in client.get("/").get_data(as_text=True)


def test_pages_are_kept_no_longer_than_the_configured_age(app, client, news, clock):
    client.get("/")
    clock.advance(seconds=app.config["PAGE_CACHE_SECONDS"] - 1)
    assert client.get("/").headers[CACHE] == "HIT"
    clock.advance(seconds=1)
    assert client.get("/").headers[CACHE] == "MISS"


def test_a_signed_in_persons_page_is_never_cached_nor_served_to_others(client, news, editor):
    mine = editor.get(path_of(news))
    assert "Đăng xuất" in mine.get_data(as_text=True)
    assert mine.headers["Cache-Control"] == "no-store" and CACHE not in mine.headers
    anonymous = client.get(path_of(news))
    assert anonymous.headers[CACHE] == "MISS" and "Đăng xuất" not in anonymous.get_data(as_text=True)
    assert "Đăng xuất" in editor.get(path_of(news)).get_data(as_text=True)  # not the cached public page


def test_readers_revalidate_and_get_304(client, news):
    first = client.get(path_of(news))
    assert first.headers["Cache-Control"] == "public, max-age=0, s-maxage=10"
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(path_of(news), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == first.headers["ETag"]
    since = client.get(path_of(news), headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


@pytest.mark.uncached
def test_without_the_page_cache_pages_still_revalidate(client, news):
    first = client.get("/rss.xml")
    assert CACHE not in first.headers and first.headers["Cache-Control"] == "public, max-age=0, s-maxage=10"
    assert client.get("/rss.xml", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_each_language_has_its_own_copy(client, news):
    assert client.get("/").headers[CACHE] == "MISS"
    client.set_cookie("portal_lang", "en")
    english = client.get("/")
    assert english.headers[CACHE] == "MISS" and 'lang="en"' in english.get_data(as_text=True)
    client.delete_cookie("portal_lang")
    assert 'lang="vi"' in client.get("/").get_data(as_text=True)


def test_unknown_query_strings_and_hosts_do_not_poison_the_cache(client, news):
    assert CACHE not in client.get("/?utm_source=zalo").headers
    evil = client.get("/rss.xml", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" in evil
    assert "evil.example" not in client.get("/rss.xml").get_data(as_text=True)


def test_readers_served_from_the_cache_are_counted(app, client, news):
    for n in range(3):
        assert client.get(path_of(news), headers={"User-Agent": f"reader-{n}"}).status_code == 200
    app.extensions["view_counter"].flush()
    db.session.expire_all()
    assert db.session.get(Article, news.id).view_count == 3


# --- several workers: one database (or one Redis) tells every worker at once ----------


def second_worker(app, **overrides):
    """Another app on the same database, as a second gunicorn worker would be."""
    config = {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_DIR": app.config["MEDIA_DIR"],
        "CLOCK": app.config["CLOCK"],
        "THROTTLE_NAMESPACE": app.config["THROTTLE_NAMESPACE"],
        "REDIS_URL": app.config.get("REDIS_URL"),
        **overrides,
    }
    other = create_app(config)
    other.test_client_class = IsolatedClient
    return other


def redis_url() -> str:
    url = os.environ.get("PORTAL_TEST_REDIS_URL") or os.environ.get("PORTAL_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide Redis: .ci/run starts it and sets PORTAL_TEST_REDIS_URL")
        pytest.skip("no Redis (set PORTAL_TEST_REDIS_URL)")
    return url


def check_every_worker_sees_a_change_at_once(app, other, clock) -> None:
    article = make_article("Lịch tiếp công dân", make_category("Thông báo"), now=clock() - timedelta(hours=1))
    db.session.commit()
    one, two = app.test_client(), other.test_client()
    assert one.get(path_of(article)).status_code == 200
    assert "Lịch tiếp công dân" in two.get(path_of(article)).get_data(as_text=True)
    with other.app_context():
        moved = db.session.get(Article, article.id)
        moved.title = "Lịch tiếp công dân tháng Ba"
        db.session.commit()
    path = path_of(article)
    first = one.get(path)
    assert first.headers[CACHE] == "MISS" and "Lịch tiếp công dân tháng Ba" in first.get_data(as_text=True)
    assert "Lịch tiếp công dân tháng Ba" in two.get(path).get_data(as_text=True)


def test_every_worker_drops_its_pages_when_another_worker_publishes(live_app, clock):
    check_every_worker_sees_a_change_at_once(live_app, second_worker(live_app), clock)


def test_redis_workers_share_pages_and_changes(live_app, clock):
    url = redis_url()
    namespace = f"{uuid.uuid4().hex}/"
    first, other = (second_worker(live_app, REDIS_URL=url, THROTTLE_NAMESPACE=namespace) for _ in range(2))
    with first.app_context():
        article = make_article("Họp dân khu phố 3", make_category("Tin tức"), now=clock() - timedelta(hours=1))
        db.session.commit()
        path = path_of(article)
    assert first.test_client().get(path).headers[CACHE] == "MISS"
    assert other.test_client().get(path).headers[CACHE] == "HIT"  # kept by the first worker
    with first.app_context():
        check_every_worker_sees_a_change_at_once(first, other, clock)


def test_redis_down_means_no_cache_not_errors(tmp_path, clock):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'down.db'}",
            "MEDIA_DIR": str(tmp_path / "media"), "CLOCK": clock,
            "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    )  # fmt: skip
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        article = make_article("Trời mưa to", make_category("Thời tiết"), now=clock() - timedelta(hours=1))
        db.session.commit()
        client = app.test_client()
        for _ in range(2):
            page = client.get(path_of(article))
            assert page.status_code == 200 and "Trời mưa to" in page.get_data(as_text=True)
            assert CACHE not in page.headers
        db.session.get(Article, article.id).title = "Trời đã tạnh"
        db.session.commit()  # telling Redis fails; the change is saved all the same
        assert "Trời đã tạnh" in client.get(path_of(article)).get_data(as_text=True)
        db.session.remove()
        db.engine.dispose()


def test_readers_keep_the_pages_already_kept_while_the_database_is_away(tmp_path, clock):
    from tests.outage import app_with_removable_database

    with app_with_removable_database(tmp_path, clock, PAGE_CACHE=True) as (app, outage):
        category = make_category("Thông báo")
        kept = make_article("Lịch cắt điện tuần này", category, now=clock() - timedelta(hours=1))
        other = make_article("Thông báo tuyển dụng", category, now=clock() - timedelta(hours=1))
        db.session.commit()
        kept_path, other_path = path_of(kept), path_of(other)
        reader = app.test_client()
        assert reader.get(kept_path).status_code == 200
        db.session.commit()
        outage.down()
        during = reader.get(kept_path)
        assert during.status_code == 200 and "Lịch cắt điện tuần này" in during.get_data(as_text=True)
        assert reader.get(other_path).status_code == 503  # never kept: the outage page
        outage.up()
        assert reader.get(other_path).status_code == 200


# --- what the cache derives from the URL map and the models ----------------------------------


def test_shared_pages_are_the_public_lists_articles_and_feeds(app):
    assert shared_endpoints(app) == {
        "public.home",
        "public.category",
        "public.tag",
        "public.article",
        "public.print_article",
        "feeds.site_rss",
        "feeds.category_rss",
        "feeds.sitemap",
        "feeds.sitemap_page",
        "feeds.robots",
    }


def test_the_sitemap_is_kept_and_follows_a_publication(client, news, editor):
    assert client.get("/sitemap.xml").headers[CACHE] == "MISS"
    assert client.get("/sitemap.xml").headers[CACHE] == "HIT"
    edit(editor, news, title="Hội chợ xuân dời sang tuần sau")
    again = client.get("/sitemap.xml")
    assert again.headers[CACHE] == "MISS" and path_of(news).split("/")[-1] in again.get_data(as_text=True)


def test_the_cache_does_not_look_under_segments_without_shared_pages(app):
    skipped = private_segments(app)
    staff_and_files = set("static media editor admin session login logout account healthz readyz".split())
    assert staff_and_files <= skipped
    assert not {"tag", "print", "rss", "rss.xml", "robots.txt"} & skipped


def test_every_model_is_either_seen_by_readers_or_listed_as_private():
    visible, private = {Article, *READER_VISIBLE_MODELS}, set(PRIVATE_MODELS)
    assert not visible & private
    assert {mapper.class_ for mapper in Base.registry.mappers} == visible | private


def test_every_table_but_the_private_ones_raises_the_content_generation():
    private_tables = {model.__tablename__ for model in PRIVATE_MODELS}
    assert set(Base.metadata.tables) - private_tables == READER_VISIBLE_TABLES
