"""The public site as a reader sees it."""

import itertools
import re
from datetime import timedelta

import pytest

from portal.content import published
from portal.content.search import reindex
from portal.content.settings import save_settings
from portal.extensions import db
from tests.factories import HIDDEN_STATES, make_article, make_category, make_hidden_article, make_image, make_tag

SITE_NAME = "Cổng thông tin điện tử Thị trấn Hương An - huyện Quế Sơn - Tỉnh Quảng Nam"


def article_path(article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


@pytest.fixture
def news(app, clock):
    """A category with three articles an hour apart, the middle one fully dressed."""
    save_settings({"site_name": SITE_NAME})
    category = make_category("Tin tức - Sự kiện")
    older = make_article("Họp dân về đường giao thông", category, now=clock() - timedelta(hours=2))
    middle = make_article(
        "UBND tỉnh làm việc với Sở TT&TT về chương trình kế hoạch năm 2018",
        category,
        now=clock(),
        lead="Sáng nay 31/01, Phó Chủ tịch UBND tỉnh chủ trì buổi làm việc.",
        body_html="<p>Tại buổi làm việc, Giám đốc Sở đã báo cáo.</p>",
        byline="Thùy Dung",
        source="Sở Thông tin và Truyền thông",
        image=make_image(),
        image_caption="Toàn cảnh buổi họp.",
        tags=[make_tag("chuyển đổi số")],
    )
    newer = make_article("Khai giảng lớp tin học cho cán bộ", category, now=clock() + timedelta(minutes=30))
    db.session.commit()
    return older, middle, newer


def test_article_page_shows_the_seed_parts_in_the_seed_order(client, news):
    older, middle, newer = news
    page = client.get(article_path(middle))
    assert page.status_code == 200
    html = page.get_data(as_text=True).split("<body", 1)[1]
    parts = [
        SITE_NAME,
        'class="breadcrumb"',
        "<h1",
        middle.title.replace("&", "&amp;"),
        "02/03/2026 07:30",
        "Sáng nay 31/01, Phó Chủ tịch UBND tỉnh chủ trì buổi làm việc.",
        "<figure",
        "<figcaption>Toàn cảnh buổi họp.</figcaption>",
        "Tại buổi làm việc, Giám đốc Sở đã báo cáo.",
        "Tác giả bài viết",
        "Thùy Dung",
        "Sở Thông tin và Truyền thông",
        "chuyển đổi số",
        "Những tin mới hơn",
        newer.title,
        "Những tin cũ hơn",
        older.title,
    ]
    positions = [html.find(part) for part in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions) if i < 0]
    assert positions == sorted(positions)


def test_article_page_has_canonical_link_and_print_view(client, news):
    _, middle, _ = news
    html = client.get(article_path(middle)).get_data(as_text=True)
    assert f'<link rel="canonical" href="http://localhost{article_path(middle)}">' in html
    printed = client.get(f"/print/{middle.id}")
    assert printed.status_code == 200
    text = printed.get_data(as_text=True)
    assert "Toàn cảnh buổi họp." in text and 'name="robots" content="noindex"' in text


@pytest.mark.parametrize(
    "wrong",
    ["/{cat}/sai-ten-{id}.html", "/chuyen-muc-khac/{slug}-{id}.html", "/{cat}/ubnd-tinh-lam-viec-{id}.html"],
)
def test_wrong_or_old_slug_redirects_permanently_to_canonical(client, news, wrong):
    _, middle, _ = news
    response = client.get(wrong.format(cat=middle.category.slug, slug=middle.slug, id=middle.id))
    assert response.status_code == 301
    assert response.headers["Location"] == article_path(middle)


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_articles_readers_may_not_see_answer_404_everywhere(client, clock, state):
    category = make_category("Thông báo")
    hidden = make_hidden_article(state, category, clock())
    db.session.commit()
    assert client.get(article_path(hidden)).status_code == 404
    assert client.get(f"/print/{hidden.id}").status_code == 404
    for listing in ("/", f"/{category.slug}/"):
        assert "Bài chưa được phép xem" not in client.get(listing).get_data(as_text=True)


def test_scheduled_article_appears_by_itself_when_its_time_comes(client, clock):
    category = make_category("Thông báo")
    scheduled = make_article("Lịch tiếp công dân tháng 4", category, published_at=clock() + timedelta(hours=2))
    db.session.commit()
    assert client.get(article_path(scheduled)).status_code == 404
    clock.advance(hours=1, minutes=59)
    assert client.get(article_path(scheduled)).status_code == 404
    clock.advance(minutes=1)
    assert client.get(article_path(scheduled)).status_code == 200
    assert "Lịch tiếp công dân tháng 4" in client.get("/").get_data(as_text=True)


def test_home_shows_featured_latest_and_a_block_per_top_level_category(client, clock):
    save_settings({"site_name": SITE_NAME})
    top = make_category("Kinh tế - Xã hội")
    child = make_category("Nông nghiệp", parent=top)
    other = make_category("Văn hóa - Thể thao")
    make_article("Tin nổi bật về mùa màng", child, now=clock(), featured=True)
    make_article("Giải bóng đá thiếu niên", other, now=clock())
    make_category("Chuyên mục trống")
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert SITE_NAME in html
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert "Tin nổi bật về mùa màng" in featured
    assert "Giải bóng đá thiếu niên" in html.split('id="latest-heading"')[1].split("</section>")[0]
    block = html.split(f'id="block-{top.id}"')[1].split("</section>")[0]
    assert "Tin nổi bật về mùa màng" in block  # a child's article shows in its parent's block
    assert f'id="block-{other.id}"' in html
    assert "Chuyên mục trống</a></h2>" not in html  # no empty block


def test_category_pages_paginate_with_the_page_size_setting(client, clock):
    save_settings({"page_size": "2"})
    category = make_category("Tin trong huyện")
    titles = [
        make_article(f"Tin huyện số {i}", category, published_at=clock() - timedelta(hours=i)).title for i in range(5)
    ]
    db.session.commit()
    first = client.get(f"/{category.slug}/").get_data(as_text=True)
    assert titles[0] in first and titles[1] in first and titles[2] not in first
    assert "Trang 1 / 3" in first
    third = client.get(f"/{category.slug}/?page=3").get_data(as_text=True)
    assert titles[4] in third and titles[0] not in third
    assert client.get(f"/{category.slug}/?page=4").status_code == 404


def test_category_page_includes_subcategories_and_breadcrumb(client, clock):
    parent = make_category("Tin tức - Sự kiện")
    child = make_category("Tin trong tỉnh", parent=parent)
    article = make_article("Tỉnh họp bàn phòng chống bão", child, now=clock())
    db.session.commit()
    assert article.title in client.get(f"/{parent.slug}/").get_data(as_text=True)
    html = client.get(article_path(article)).get_data(as_text=True)
    crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert crumbs.index("Tin tức - Sự kiện") < crumbs.index("Tin trong tỉnh")


def test_tag_page_lists_articles_with_the_tag(client, clock):
    tag = make_tag("nông thôn mới")
    make_article("Xây dựng nông thôn mới kiểu mẫu", now=clock(), tags=[tag])
    make_article("Bài không gắn thẻ", now=clock())
    db.session.commit()
    html = client.get("/tag/nong-thon-moi").get_data(as_text=True)
    assert "Xây dựng nông thôn mới kiểu mẫu" in html and "Bài không gắn thẻ" not in html
    assert client.get("/tag/khong-co-the-nay").status_code == 404


_minutes = itertools.count(1)


def publish_many(count: int, clock, categories, tags, image) -> list:
    """`count` more visible articles spread over the categories, every other one pictured, each with two tags."""
    articles = [
        make_article(
            "",
            categories[i % len(categories)],
            published_at=clock() - timedelta(minutes=next(_minutes)),
            image=image if i % 2 else None,
            tags=[tags[i % len(tags)], tags[(i + 1) % len(tags)]],
            featured=i % 7 == 0,
            view_count=i,
        )
        for i in range(count)
    ]
    db.session.commit()
    return articles


@pytest.mark.uncached
@pytest.mark.parametrize("page", ["home", "category", "tag", "article", "print"])
def test_pages_run_the_same_few_statements_with_5_or_80_articles(app, client, clock, statements_of, page):
    root = make_category("Tin tức - Sự kiện")
    categories = [root, make_category("Tin trong huyện", parent=root), make_category("Thông báo")]
    tags = [make_tag("nông thôn mới"), make_tag("chuyển đổi số"), make_tag("y tế")]
    image = make_image(64, 48)
    first = publish_many(5, clock, categories, tags, image)[0]
    paths = {
        "home": "/",
        "category": f"/{root.slug}/",
        "tag": "/tag/nong-thon-moi",
        "article": article_path(first),
        "print": f"/print/{first.id}",
    }
    counts = []
    for more in (0, 75):
        publish_many(more, clock, categories, tags, image)
        app.extensions["view_counter"].flush()  # a batch of view counts falling due is not this page's cost
        response, statements = statements_of(client, paths[page])
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 10, counts


def test_long_lists_stop_at_the_page_bound_and_say_there_are_more(client, clock, monkeypatch):
    monkeypatch.setattr(published, "MAX_PAGES", 3)
    save_settings({"page_size": "2"})
    category, tag = make_category("Tin trong huyện"), make_tag("nông thôn mới")
    for i in range(8):
        make_article(f"Tin huyện số {i}", category, published_at=clock() - timedelta(hours=i), tags=[tag])
    db.session.commit()
    for path in (f"/{category.slug}/", "/tag/nong-thon-moi"):
        assert "Trang 1 / hơn 3" in client.get(path).get_data(as_text=True)
        last = client.get(f"{path}?page=3").get_data(as_text=True)
        assert "Tin huyện số 5" in last and "Trang 3 / hơn 3" in last and 'rel="next"' not in last
        assert client.get(f"{path}?page=4").status_code == 404


@pytest.mark.uncached
def test_public_lists_read_indexes_never_a_whole_table(client, clock, statements_of):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the plans of SQLite, which has no statistics to change its mind")
    root = make_category("Tin tức - Sự kiện")
    categories = [root, make_category("Tin trong huyện", parent=root), make_category("Thông báo")]
    first = publish_many(12, clock, categories, [make_tag("nông thôn mới"), make_tag("y tế")], make_image(64, 48))[0]
    paths = ["/", f"/{root.slug}/", f"/{root.slug}/?page=2", "/tag/nong-thon-moi", article_path(first), "/search?q=bai"]
    paths += ["/rss.xml", f"/rss/{root.slug}.xml"]
    save_settings({"page_size": "2"})
    reindex()
    connection = db.session.connection()
    for path in paths:
        response, statements = statements_of(client, path)
        assert response.status_code == 200, path
        for sql, parameters in statements:
            plan = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)]
            scans = [step for step in plan if re.match(r"SCAN (articles|article_tags|search_documents)\b", step)]
            assert scans == [], (path, sql, plan)


@pytest.mark.parametrize(
    "path",
    [
        "/tin-tuc/bai-viet-abc.html",
        "/tin-tuc/bai-viet-0.html",
        "/tin-tuc/bai-viet-99999999999999999999999.html",
        "/tin-tuc/bai-viet--5.html",
        "/khong-ton-tai/",
        "/khong-ton-tai/?page=2",
        "/" + "a" * 5000 + "/",
        "/tin-tuc/" + "b" * 5000 + "-999.html",
        "/tag/" + "c" * 3000,
        "/print/99999999999999999999",
        "/media/../config.py",
        "/media/khong-co.jpg",
    ],
)
def test_bad_paths_answer_404_never_500(client, clock, path):
    make_article("Một bài", make_category("Tin tức"), now=clock())
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn yêu cầu" in response.get_data(as_text=True)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999999999999", "%00", "2" * 50])
def test_bad_page_numbers_answer_404(client, clock, page):
    category = make_category("Tin tức")
    make_article("Một bài", category, now=clock())
    db.session.commit()
    assert client.get(f"/{category.slug}/?page={page}").status_code == 404


def test_error_pages_are_vietnamese_in_the_site_layout(app, client):
    save_settings({"site_name": SITE_NAME})
    db.session.commit()

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and SITE_NAME in missing.get_data(as_text=True)
    broken = client.get("/boom-for-test")
    text = broken.get_data(as_text=True)
    assert broken.status_code == 500
    assert "Đã có lỗi xảy ra" in text and SITE_NAME in text
    assert "secret detail" not in text and "Traceback" not in text


def test_pages_carry_security_headers_and_no_inline_script(client, news):
    _, middle, _ = news
    for path in ("/", article_path(middle), f"/{middle.category.slug}/", "/khong-co/"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        html = response.get_data(as_text=True)
        # JSON-LD is data that browsers never run; any other script without src would be inline code.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?! type=\"application/ld\+json\">)[^>]*>", html)
        assert not re.search(r"\son[a-z]+=", html)
        assert 'lang="vi"' in html


def test_images_are_served_with_type_variants_and_srcset(client, news):
    _, middle, _ = news
    html = client.get(article_path(middle)).get_data(as_text=True)
    assert f"/media/{middle.image.stem}-480.jpg 480w" in html
    response = client.get(f"/media/{middle.image.filename}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_category_slug_never_shadows_a_fixed_path(client):
    for name in ("Admin", "Editor", "Login", "Static", "Media", "Search", "Tag", "Print"):
        category = make_category(name)
        assert category.slug != name.lower()
    db.session.commit()
    assert client.get("/static/css/portal.css").status_code == 200
