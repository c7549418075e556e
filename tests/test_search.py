"""Accent-insensitive search, the same on SQLite and PostgreSQL."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from portal.content import search as search_module
from portal.content.editing import ArticleInput, save_article
from portal.content.search import Query, reindex
from portal.content.settings import save_settings
from portal.content.workflow import Action
from portal.extensions import db
from portal.models import ArticleStatus, Category, Role, SearchDocument
from tests.factories import make_article, make_category, make_image, make_tag, make_user


@pytest.fixture
def library(app, clock):
    """Articles saved through the editor's own service, so the index is kept in step."""
    editor = make_user(Role.EDITOR)
    news, notices = make_category("Tin tức"), make_category("Thông báo")
    db.session.commit()

    def publish(title, category, body="", lead="", tags=(), hours_ago=1):
        data = ArticleInput(
            title=title, lead=lead, body_source=body, category_id=category.id, tag_names=list(tags),
            published_at=clock() - timedelta(hours=hours_ago),
        )  # fmt: skip
        article = save_article(None, data, editor, Action.PUBLISH, 0, clock())
        db.session.commit()
        return article

    articles = {
        "so": publish("Sở Thông tin và Truyền thông làm việc với thị trấn", news, "<p>Chuyển đổi số.</p>", hours_ago=3),
        "duong": publish(
            "Đường giao thông nông thôn được bê tông hóa", notices, "<p>Người dân hiến đất.</p>", hours_ago=2
        ),
        "body": publish("Hội nghị tổng kết năm", news, "<p>Đại diện sở thông tin phát biểu.</p>", hours_ago=1),
        "tag": publish(
            "Tập huấn cho cán bộ", notices, "<p>Nội dung tập huấn.</p>", tags=["chuyển đổi số"], hours_ago=30 * 24
        ),
    }
    draft = ArticleInput(title="Bản nháp về sở thông tin", category_id=news.id)
    save_article(None, draft, editor, Action.SAVE, 0, clock())
    db.session.commit()
    return articles, news, notices


def titles(client, query: str, **params) -> list[str]:
    response = client.get("/search", query_string={"q": query, **params})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return [part.split("</a>")[0] for part in html.split('class="card__title"><a href="')[1:]]


def plain(html_titles: list[str]) -> list[str]:
    return [t.split('">', 1)[1].replace("<mark>", "").replace("</mark>", "") for t in html_titles]


@pytest.mark.parametrize(
    "query",
    ["so thong tin", "SỞ THÔNG TIN", "Sở Thông tin", "So\u0302\u0309 Tho\u0302ng tin", "sở thông tin", "SO THONG TIN"],
)
def test_diacritics_case_and_decomposed_text_all_find_the_same_articles(client, library, query):
    found = plain(titles(client, query))
    assert found[0] == "Sở Thông tin và Truyền thông làm việc với thị trấn"  # the title match ranks first
    assert "Hội nghị tổng kết năm" in found  # matched in the body
    assert "Bản nháp về sở thông tin" not in found  # drafts are never found


def test_d_with_stroke_is_found_both_ways(client, library):
    assert plain(titles(client, "duong giao thong")) == ["Đường giao thông nông thôn được bê tông hóa"]
    assert plain(titles(client, "ĐƯỜNG")) == ["Đường giao thông nông thôn được bê tông hóa"]


def test_tags_are_searched_and_a_quoted_phrase_must_match_in_order(client, library):
    assert "Tập huấn cho cán bộ" in plain(titles(client, "chuyen doi so"))
    assert plain(titles(client, '"thong tin so"')) == []
    assert "Hội nghị tổng kết năm" in plain(titles(client, '"so thong tin"'))


def test_matches_are_highlighted_in_title_and_snippet(client, library):
    html = client.get("/search?q=hien+dat").get_data(as_text=True)
    assert "<mark>hiến</mark> <mark>đất</mark>" in html
    title_html = titles(client, "duong")[0]
    assert "<mark>Đường</mark>" in title_html


def test_filters_by_category_and_date(client, library, clock):
    articles, news, notices = library
    assert plain(titles(client, "chuyen doi so", category=notices.id)) == ["Tập huấn cho cán bộ"]
    today = (clock() + timedelta(hours=7)).strftime("%d/%m/%Y")
    assert "Tập huấn cho cán bộ" not in plain(titles(client, "chuyen doi so", **{"from": today}))
    assert "Tập huấn cho cán bộ" in plain(titles(client, "chuyen doi so", to=today))


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "so*", "-so", "so NEAR thong", "NEAR(so thong)", "(", ")", "so AND OR NOT", "title:so",
     "^so", "so:*", "'; DROP TABLE articles; --", "\\", "%", "_", "\x00", "🎉", "x" * 2000, "a " * 1000],
)  # fmt: skip
def test_search_syntax_and_absurd_queries_never_fail(client, library, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200


def test_no_result_and_empty_query_say_so(client, library):
    assert "Không tìm thấy bài viết nào phù hợp" in client.get("/search?q=khongcotu").get_data(as_text=True)
    empty = client.get("/search?q=").get_data(as_text=True)
    assert "kết quả" not in empty and 'type="search"' in empty


def test_results_paginate(client, library, app):
    from portal.content.settings import save_settings

    save_settings({"page_size": "1"})
    db.session.commit()
    first = client.get("/search?q=so+thong+tin").get_data(as_text=True)
    assert "Trang 1 / 2" in first
    assert client.get("/search?q=so+thong+tin&page=2").status_code == 200
    assert client.get("/search?q=so+thong+tin&page=3").status_code == 404


def test_saving_keeps_the_index_in_step_and_reindex_rebuilds_it(client, library, runner):
    articles, news, notices = library
    assert plain(titles(client, "tap huan")) == ["Tập huấn cho cán bộ"]
    db.session.execute(sa.delete(SearchDocument))
    db.session.commit()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "5 bài viết" in result.output
    assert plain(titles(client, "tap huan")) == ["Tập huấn cho cán bộ"]


def test_whole_words_first_and_the_last_word_as_a_prefix_only_when_nothing_matches(client, library):
    assert plain(titles(client, "thon")) == ["Đường giao thông nông thôn được bê tông hóa"]  # thôn, not thông
    found = titles(client, "truyen tho")  # no word "tho": then words that start with it
    assert plain(found) == ["Sở Thông tin và Truyền thông làm việc với thị trấn"]
    assert "<mark>Thông</mark>" in found[0] and "<mark>Truyền</mark>" in found[0]
    save_settings({"page_size": "1"})
    db.session.commit()
    assert "Trang 2 / 3" in client.get("/search?q=tho&page=2").get_data(as_text=True)
    assert client.get("/search?q=tho&page=4").status_code == 404
    assert client.get("/search?q=thon&page=2").status_code == 404


def publish_news(count: int, category, clock) -> None:
    """`count` more articles about the commune ("xã"), pictured and tagged, then the index rebuilt."""
    tag, image = make_tag(f"thẻ {count}"), make_image(64, 48)
    for _ in range(count):
        make_article("", category, now=clock(), lead="Tin hoạt động của xã.", image=image, tags=[tag])
    db.session.commit()
    reindex()


@pytest.mark.uncached
def test_search_runs_the_same_few_statements_however_many_articles_match(app, client, clock, statements_of):
    category_id = make_category("Tin xã").id
    counts = []
    for count in (5, 75):
        publish_news(count, db.session.get(Category, category_id), clock)
        for query in ("xa", "xã"):  # typed diacritics are tested in the same statement
            response, statements = statements_of(client, f"/search?q={query}")
            assert response.status_code == 200 and "<mark>xã</mark>" in response.get_data(as_text=True)
            counts.append(len(statements))
    assert counts[0] == counts[1] == counts[2] == counts[3] <= 10, counts


def test_only_the_newest_matches_are_ranked_and_the_count_says_there_are_more(client, clock, monkeypatch):
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    category = make_category("Tin xã")
    for n in range(1, 6):
        make_article(f"Xã tổ chức hội nghị lần {n}", category, now=clock())
    db.session.commit()
    reindex()
    html = client.get("/search?q=xa").get_data(as_text=True)
    assert "Hơn 3 kết quả" in html
    assert [f"lần {n}" in html for n in range(1, 6)] == [False, False, True, True, True]


def test_query_parsing_keeps_only_words():
    assert Query.parse('  "Sở  Thông-tin" ').tokens == ("so", "thong", "tin")
    assert Query.parse('"sở thông tin"').phrase is True
    assert not Query.parse('"*()-')
    assert len(Query.parse("từ " * 100).tokens) == 12


def test_unpublishing_removes_an_article_from_results(client, library, clock):
    articles, news, notices = library
    article = articles["duong"]
    article.status = ArticleStatus.UNPUBLISHED
    db.session.commit()
    assert plain(titles(client, "duong giao thong")) == []
    assert reindex() == 5


@pytest.fixture
def accents(app, clock):
    """Words that fold together but differ in their diacritics (lễ/lệ, sở/số/sơ, hội/hồi, đá/da),
    the older or weaker match written with the diacritics a reader types."""
    editor, news = make_user(Role.EDITOR), make_category("Tin tức")
    db.session.commit()
    for hours_ago, title, body in [
        (9, "Lễ hội đình làng Phú Mỹ khai mạc với nhiều hoạt động văn hóa", "<p>Đình làng đông vui.</p>"),
        (1, "Kỳ họp thường lệ: hội đồng bàn lệ phí, hội phí", "<p>Thường lệ, hội đồng họp cuối năm.</p>"),
        (8, "Sở Thông tin và Truyền thông tập huấn", "<p>Sở hướng dẫn cán bộ.</p>"),
        (2, "Số hóa thông tin hộ tịch", "<p>Số liệu được cập nhật.</p>"),
        (3, "Sơ kết công tác thông tin", "<p>Buổi sơ kết tổ chức tại cơ sở.</p>"),
        (7, "Hồi ức người lính", "<p>Cuốn hồi ký ra mắt.</p>"),
        (6, "Đá bóng giao hữu", "<p>Sân đá bóng mới.</p>"),
        (4, "Da giày xuất khẩu", "<p>Hàng da thuộc, da bò.</p>"),
    ]:
        data = ArticleInput(
            title=title, body_source=body, category_id=news.id, published_at=clock() - timedelta(hours=hours_ago)
        )
        save_article(None, data, editor, Action.PUBLISH, 0, clock())
        db.session.commit()


def results(client, query: str, **params) -> tuple[str, list[tuple[str, set[str]]]]:
    """The count line and, in the order shown, each result's title and its highlighted words."""
    html = client.get("/search", query_string={"q": query, **params}).get_data(as_text=True)
    count = html.split('role="status">', 1)[1].split("<", 1)[0]
    shown = []
    for item in html.split('<li class="search-result">')[1:]:
        title = plain([item.split('class="card__title"', 1)[1].split("<a href=", 1)[1].split("</a>")[0]])[0]
        shown.append((title, {word.lower() for word in re.findall(r"<mark>(.*?)</mark>", item)}))
    return count, shown


LE = "Lễ hội đình làng Phú Mỹ khai mạc với nhiều hoạt động văn hóa"
HOP = "Kỳ họp thường lệ: hội đồng bàn lệ phí, hội phí"
SO, SO_HOA, SO_KET = "Sở Thông tin và Truyền thông tập huấn", "Số hóa thông tin hộ tịch", "Sơ kết công tác thông tin"
HOI_UC, DA_BONG, DA_GIAY = "Hồi ức người lính", "Đá bóng giao hữu", "Da giày xuất khẩu"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # typed with diacritics: exact matches first, folded ones after, each highlighted its way
        ("lễ hội", [(LE, {"lễ", "hội"}), (HOP, {"lệ", "hội"})]),
        ("hội", [(HOP, {"hội"}), (LE, {"hội"}), (HOI_UC, {"hồi"})]),
        ("hồi", [(HOI_UC, {"hồi"}), (HOP, {"hội"}), (LE, {"hội"})]),
        ("sở", [(SO_KET, {"sở"}), (SO, {"sở"}), (SO_HOA, {"số"})]),
        ("số", [(SO_HOA, {"số"}), (SO_KET, {"sơ", "sở"}), (SO, {"sở"})]),
        ("sơ", [(SO_KET, {"sơ"}), (SO_HOA, {"số"}), (SO, {"sở"})]),
        ("sở thông tin", [(SO, {"sở", "thông", "tin"}), (SO_KET, {"sở", "thông", "tin"}), (SO_HOA, {"số", "thông", "tin"})]),
        # typed in part: only the words typed with diacritics are held to them (review of issue 16)
        ("so thông tin", [(SO, {"sở", "thông", "tin"}), (SO_HOA, {"số", "thông", "tin"}), (SO_KET, {"sơ", "sở", "thông", "tin"})]),
        ("le hội", [(HOP, {"lệ", "hội"}), (LE, {"lễ", "hội"})]),
        ("đá", [(DA_BONG, {"đá"}), (DA_GIAY, {"da"})]),
        ("ĐÁ", [(DA_BONG, {"đá"}), (DA_GIAY, {"da"})]),
        ("So\u031b\u0309 tho\u0302ng tin", [(SO, {"sở", "thông", "tin"}), (SO_KET, {"sở", "thông", "tin"}), (SO_HOA, {"số", "thông", "tin"})]),
        # no diacritics: folded, as before (the stronger or newer match first, every fold marked)
        ("le hoi", [(HOP, {"lệ", "hội"}), (LE, {"lễ", "hội"})]),
        ("hoi", [(HOP, {"hội"}), (HOI_UC, {"hồi"}), (LE, {"hội"})]),
        ("so thong tin", [(SO, {"sở", "thông", "tin"}), (SO_HOA, {"số", "thông", "tin"}), (SO_KET, {"sơ", "sở", "thông", "tin"})]),
        ("da", [(DA_GIAY, {"da"}), (DA_BONG, {"đá"})]),
    ],
)  # fmt: skip
def test_words_typed_with_diacritics_rank_and_highlight_first(client, accents, query, expected):
    """Issue 16, item 5: a query typed with diacritics shows the articles holding those exact words
    first, highlights only them where a result holds them, and still lists the folded matches."""
    count, shown = results(client, query)
    assert shown == expected
    assert count == f"{len(expected)} kết quả"


def test_typed_diacritics_change_the_order_not_the_count_nor_the_pages(client, accents):
    """Issue 16, item 5: "lễ hội" and "le hoi" find the same articles, one page at a time with no
    repeats; only the order differs."""
    save_settings({"page_size": "1"})
    db.session.commit()
    for query, order in [("lễ hội", [LE, HOP]), ("le hoi", [HOP, LE])]:
        pages = [results(client, query, page=number) for number in (1, 2)]
        assert [title for _count, [(title, _marked)] in pages] == order
        assert all(count == "2 kết quả" for count, _shown in pages)
        assert client.get("/search", query_string={"q": query, "page": 3}).status_code == 404



def test_a_typed_word_held_only_in_a_tag_is_not_shown_as_a_different_word(client, clock):
    """Issue 16, item 5 (found on the demo): "lễ hội" ranked first an article tagged "an sinh xã
    hội" whose text says "thăm hỏi", and marked "hỏi"; now only what the reader typed is marked."""
    editor, news = make_user(Role.EDITOR), make_category("Tin trong tỉnh")
    db.session.commit()
    data = ArticleInput(
        title="Phát động tháng cao điểm vì người nghèo",
        body_source="<p>Buổi lễ phát động có thăm hỏi, tặng quà hộ nghèo.</p>",
        category_id=news.id,
        tag_names=["an sinh xã hội"],
        published_at=clock() - timedelta(hours=1),
    )
    save_article(None, data, editor, Action.PUBLISH, 0, clock())
    db.session.commit()
    assert results(client, "lễ hội") == ("1 kết quả", [("Phát động tháng cao điểm vì người nghèo", {"lễ"})])
    assert results(client, "le hoi")[1] == [("Phát động tháng cao điểm vì người nghèo", {"lễ", "hỏi"})]


def test_a_word_typed_without_diacritics_in_a_typed_query_keeps_every_spelling(client, clock):
    """Issue 16, item 5 (review): in "so thông tin" the bare "so" means sở, số, sơ or so; an article
    saying "so sánh" must not outrank "Sở Thông tin" for holding "so" as typed."""
    editor, news = make_user(Role.EDITOR), make_category("Tin tức")
    db.session.commit()
    for hours_ago, title in [(5, "So sánh thông tin giá cả thị trường"), (1, "Sở Thông tin tập huấn cho cán bộ")]:
        data = ArticleInput(title=title, category_id=news.id, published_at=clock() - timedelta(hours=hours_ago))
        save_article(None, data, editor, Action.PUBLISH, 0, clock())
        db.session.commit()
    folded = [title for title, _marks in results(client, "so thong tin")[1]]
    assert folded[0] == "Sở Thông tin tập huấn cho cán bộ"
    assert [title for title, _marks in results(client, "so thông tin")[1]] == folded


def test_upgrading_gives_articles_indexed_before_their_words_as_written(app, client, clock):
    """Issue 16, item 5: after `flask db upgrade`, articles indexed by the previous version rank
    by typed diacritics too (migration 0011 fills their words, tags included)."""
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(revision="0010_imported_records")
    news = make_category("Tin tức")
    older = make_article("Đá bóng giao hữu", news, now=clock() - timedelta(hours=2), tags=[make_tag("Sân cỏ")])
    newer = make_article("Da giày xuất khẩu", news, now=clock(), body_html="<p>Hàng da, da bò.</p>")
    for article in (older, newer):
        title, content, _words = search_module.document_for(article)
        values = {"id": article.id, "title": title, "content": content}
        db.session.execute(sa.text("INSERT INTO search_documents VALUES (:id, :title, :content)"), values)
        if db.engine.dialect.name == "sqlite":
            db.session.execute(sa.text("INSERT INTO search_fts (rowid, title, content) VALUES (:id, :title, :content)"), values)
    db.session.commit()
    upgrade()
    words = db.session.scalar(sa.select(SearchDocument.words).where(SearchDocument.article_id == older.id))
    assert words.startswith(" đá bóng giao hữu ") and " sân cỏ " in words
    db.session.commit()  # no transaction left open while the client reads (PostgreSQL's locks)
    assert plain(titles(client, "da")) == ["Da giày xuất khẩu", "Đá bóng giao hữu"]
    assert plain(titles(client, "đá")) == ["Đá bóng giao hữu", "Da giày xuất khẩu"]
    with db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE alembic_version"))
