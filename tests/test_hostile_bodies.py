"""Bodies crafted to stall the sanitizer or the revision comparison are refused or bounded:
the author gets a clear refusal with every word kept, and no request runs for long."""

import time

import pytest
import sqlalchemy as sa

from portal.content.diffing import line_diff
from portal.content.sanitize import MAX_DEPTH, MAX_MARKS, clean_html, complexity_problem
from portal.extensions import db
from portal.models import Article, ArticleRevision, Autosave, Role
from tests.factories import make_category, make_user

# Far slower than this before the limits (31 s to minutes); well under it now, even on a busy machine.
GENEROUS_SECONDS = 5

HOSTILE_BODIES = {
    "70,000 unclosed <b>": "<b>" * 70_000,
    "100,000 formatting tags": "<b>x</b>" * 60_000,
    "40,000 attributes on one link": "<a " + " ".join(f"a{i}=1" for i in range(40_000)) + ">x</a>",
    "500,000 bare <": "<" * 499_000,
    "500,000 ampersands": "&" * 499_000,
    "120,000 entities": "&amp;" * 99_000,
    "a tag name full of <": "<x" + "<x" * 200_000,
    "16,000 sibling paragraphs with emphasis": "<p><em>x</em></p>" * 16_000,
    'a ">" in a quoted value hiding 70,000 attributes': '<p x=">" ' + " ".join(f"a{i}" for i in range(70_000)) + ">",
    "60,000 attributes made of bare quotes": "<p " + "\"' " * 60_000 + ">x</p>",
    "4,000 formatting elements left open and rebuilt": "".join(f"<p><b x={i}></p>" for i in range(4_000)),
    "6,000 nested lists": "<ul><li>" * 6_000,
    'a tag ended by "=" hiding 5,000 <b>': '<p ="x>' + "<b>" * 5_000 + '">',
}


@pytest.fixture
def author(app, login):
    user = make_user(Role.AUTHOR)
    category = make_category("Tin trong huyện")
    db.session.commit()
    return user, login(user), category


def article_form(category, body: str) -> dict:
    return {
        "title": "Bài có nội dung bất thường",
        "lead": "",
        "body": body,
        "byline": "",
        "source": "",
        "category": str(category.id),
        "tags": "",
        "image_caption": "",
        "published_at": "",
        "action": "save",
    }


@pytest.mark.parametrize("name", HOSTILE_BODIES)
def test_a_hostile_body_is_refused_quickly_and_kept(author, name):
    user, client, category = author
    body = HOSTILE_BODIES[name] + "ĐOẠN-CUỐI"
    started = time.perf_counter()
    response = client.post("/editor/articles/new", data=article_form(category, body))
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nội dung" in page and ("quá" in page or "không hợp lệ" in page or "chưa đóng" in page)
    assert "ĐOẠN-CUỐI" in page  # the text stays in the form
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
    kept = db.session.scalars(sa.select(Autosave).where(Autosave.user_id == user.id)).one()
    assert "ĐOẠN-CUỐI" in kept.data


def test_a_long_real_article_is_accepted(author):
    user, client, category = author
    paragraphs = "".join(
        f"<p>Đoạn {i}: <strong>Hội nghị</strong> bàn về <em>chuyển đổi số</em>.</p>" for i in range(600)
    )
    table = "<table><tbody>" + "<tr><td><p>Ô</p></td><td>1.000</td><td>&nbsp;</td></tr>" * 300 + "</tbody></table>"
    body = paragraphs + table + "<ul>" + "<li>mục<li>mục" * 100 + "</ul>"
    assert complexity_problem(body) is None
    response = client.post("/editor/articles/new", data=article_form(category, body))
    assert response.status_code == 302
    assert "Đoạn 599" in db.session.scalars(sa.select(Article)).one().body_html


def test_nesting_is_counted_as_browsers_nest():
    assert complexity_problem("<p>một<p>hai" * 3000) is None  # unclosed paragraphs do not nest
    assert complexity_problem("<div>" * MAX_DEPTH + "x") is None
    assert complexity_problem("<div>" * (MAX_DEPTH + 1) + "x") is not None
    assert complexity_problem("<br>" * MAX_MARKS) is None
    assert complexity_problem("<br>" * (MAX_MARKS + 1)) is not None


def test_control_characters_are_dropped_not_parsed():
    assert clean_html("<p>a\x00b\x01c\x7f</p>\n") == "<p>abc</p>\n"


def test_a_tag_with_a_lonely_bracket_costs_one_step_in_the_comparison():
    started = time.perf_counter()
    lines, by_paragraph = line_diff("<" * 500_000, "<" * 499_999 + "x")
    assert time.perf_counter() - started < GENEROUS_SECONDS and not by_paragraph
    assert [line.kind for line in lines] == ["removed", "added"]


@pytest.fixture
def two_huge_revisions(author):
    """Two revisions of 16,000 short lines each (stored directly: saving them is refused now)."""
    user, client, category = author
    client.post("/editor/articles/new", data=article_form(category, "<p>Bắt đầu</p>"))
    article = db.session.scalars(sa.select(Article)).one()
    first = article.revisions[-1]
    old = ArticleRevision(
        article=article, version=first.version + 1, title=article.title, body_source="x<br>" * 16_000, editor=user
    )
    new = ArticleRevision(
        article=article, version=first.version + 2, title=article.title, body_source="y<br>" * 16_000, editor=user
    )
    db.session.add_all([old, new])
    db.session.commit()
    return client, article, old, new


def test_comparing_huge_revisions_is_bounded_and_says_so(two_huge_revisions):
    client, article, old, new = two_huge_revisions
    started = time.perf_counter()
    response = client.get(f"/editor/articles/{article.id}/revisions/diff?a={old.id}&b={new.id}")
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "quá dài để so sánh từng dòng" in page
    assert page.count("diff__line--removed") == 16_000 and page.count("diff__line--added") == 16_000


def test_restoring_a_revision_beyond_the_limits_is_refused_with_a_message(two_huge_revisions):
    client, article, old, new = two_huge_revisions
    response = client.post(f"/editor/articles/{article.id}/revisions/{old.id}/restore")
    assert response.status_code == 302 and response.headers["Location"].endswith("/revisions")
    assert "quá nhiều" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.get(Article, article.id).body_source == "<p>Bắt đầu</p>"


def test_a_small_change_in_a_long_text_is_still_shown_line_by_line():
    old = "".join(f"<p>Đoạn {i}</p>" for i in range(5000))
    new = old.replace("<p>Đoạn 2500</p>", "<p>Đoạn 2500 đã sửa</p>")
    lines, by_paragraph = line_diff(old, new)
    assert not by_paragraph
    changed = [(line.kind, line.text) for line in lines if line.kind != "same"]
    assert changed == [("removed", "Đoạn 2500"), ("added", "Đoạn 2500 đã sửa")]


def test_a_body_the_pass_lets_through_still_has_a_deadline(app, monkeypatch):
    from portal.content import sanitize

    monkeypatch.setattr(sanitize, "CLEAN_SECONDS", 0.01)
    body = "".join(
        f"<p>Đoạn {i}: <strong>hội nghị</strong> <em>bàn</em> về <a href='https://x.vn'>số</a>.</p>"
        for i in range(1200)
    )
    assert complexity_problem(body) is None
    started = time.perf_counter()
    with pytest.raises(sanitize.TooComplexError, match="quá phức tạp"):
        clean_html(body)
    assert time.perf_counter() - started < 1
    assert "Đoạn 1199" in clean_html("<p>Đoạn 1199</p>")  # the next body gets a fresh parser


def test_formatting_left_open_in_table_cells_ends_with_each_cell():
    cells = "".join(f"<td><a href='https://x.vn/{i}'>ô {i}</td>" for i in range(400))
    assert complexity_problem(f"<table><tr>{cells}</tr></table>") is None
