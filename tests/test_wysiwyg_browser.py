"""The article body's rich-text editor (vendored Quill + static/js/wysiwyg.js) in a real Chromium."""

import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import Article, ArticleStatus, Role
from tests.factories import PASSWORD, make_article, make_category, make_user

# Runs before any page script on every page: records what the Content-Security-Policy blocked.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
QUILL_FILES = ("quill.js", "quill.snow.css")


@pytest.fixture
def newsroom(live_app):
    """An editor, an author and a category, committed for the server thread."""
    editor = make_user(Role.EDITOR, username="bientap", display_name="Minh Quân")
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    category = make_category("Tin trong huyện")
    db.session.commit()
    return {"editor": editor, "author": author, "category": category}


@pytest.fixture
def problems(page):
    """Console errors (CSP violations among them) and uncaught exceptions of the page."""
    found = []
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    return found


def sign_in(page, base, username):
    page.goto(f"{base}/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Xin chào")).to_be_visible()
    page.wait_for_load_state("load")  # the page's scripts have run: their clocks start from here


def body_editor(page):
    """The Quill editable area, found the way assistive technology finds it: by its label."""
    return page.get_by_role("textbox", name="Nội dung", exact=True)


def assert_no_csp_violations(page):
    assert page.evaluate("window.__cspViolations") == []


def only_article() -> Article:
    db.session.expire_all()
    return db.session.scalars(sa.select(Article)).one()


def test_rich_text_typed_in_the_editor_is_saved_as_html(page, live_server, newsroom, problems):
    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server}/editor/articles/new")
    page.get_by_label("Tiêu đề").fill("Đường liên xã được trải nhựa")
    page.get_by_role("combobox", name="Chuyên mục").select_option(label="Tin trong huyện")

    editor = body_editor(page)
    expect(editor).to_be_visible()
    expect(page.locator("textarea#body")).to_be_hidden()
    page.locator('label[for="body"]').click()  # the label still leads to the body
    expect(editor).to_be_focused()

    page.keyboard.type("Công trình hoàn thành ")
    page.get_by_role("button", name="Chữ đậm").click()
    page.keyboard.type("trước hạn")
    page.get_by_role("button", name="Chữ đậm").click()
    page.keyboard.type(" hai tháng.")
    page.keyboard.press("Enter")
    page.keyboard.type("Ý kiến người dân")
    page.get_by_role("button", name="Kiểu đoạn").click()
    page.get_by_role("button", name="Đầu đề 2").click()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Rất vui")
    expect(editor.locator("h2")).to_have_text("Ý kiến người dân")
    expect(editor.locator("strong")).to_have_text(["trước hạn", "Rất vui"])
    # The hidden textarea follows every change: it is what the form submits.
    expect(page.locator("textarea#body")).to_have_value(re.compile(r"<strong>trước hạn</strong>"))
    assert_no_csp_violations(page)

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    body = only_article().body_source
    assert "<p>Công trình hoàn thành <strong>trước hạn</strong> hai tháng.</p>" in body
    assert "<h2>Ý kiến người dân</h2>" in body
    assert "<strong>Rất vui</strong>" in body
    assert "&nbsp;" not in body  # spaces stay breakable (Quill 2.0.3 writes &nbsp; for every space)
    assert_no_csp_violations(page)
    assert problems == []


def test_an_article_opens_with_its_formatting_in_the_editor(page, live_server, newsroom, problems):
    source = (
        "<h2>Kết quả bước đầu</h2>"
        '<p>Xem <a href="https://ubnd.example.vn/thong-bao">thông báo</a> của xã.</p>'
        "<ul><li>Trải nhựa 3 km</li><li>Lắp 40 cột đèn</li></ul>"
        "<blockquote>Dân vui, Đảng vui.</blockquote>"
    )
    article = make_article(
        "Xã nông thôn mới",
        newsroom["category"],
        status=ArticleStatus.DRAFT,
        author=newsroom["editor"],
        body_html=source,
    )
    db.session.commit()
    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server}/editor/articles/{article.id}/edit")

    editor = body_editor(page)
    expect(editor.locator("h2")).to_have_text("Kết quả bước đầu")
    expect(editor.locator("a")).to_have_attribute("href", "https://ubnd.example.vn/thong-bao")
    expect(editor.locator("li")).to_have_text(["Trải nhựa 3 km", "Lắp 40 cột đèn"])
    expect(editor.locator("blockquote")).to_have_text("Dân vui, Đảng vui.")
    # Opening is not editing: the source is untouched and leaving does not ask.
    expect(page.locator("textarea#body")).to_have_value(source)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.goto(f"{live_server}/editor/")
    assert asked == []
    assert problems == []


def test_the_editor_is_vendored_and_nothing_leaves_the_machine(page, live_server, newsroom, problems):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server}/editor/articles/new")
    expect(body_editor(page)).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert page.evaluate("window.Quill.version") == "2.0.3"
    for name in QUILL_FILES:
        url = next(u for u in requested if urlsplit(u).path == f"/static/vendor/quill/{name}")
        assert page.request.get(url).ok
    outside = [url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    assert_no_csp_violations(page)
    assert problems == []


def test_a_restored_local_copy_shows_in_the_editor(page, live_server, newsroom, problems):
    article = make_article(
        "Họp bàn kế hoạch năm", newsroom["category"], status=ArticleStatus.DRAFT, author=newsroom["editor"]
    )
    db.session.commit()
    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server}/editor/articles/{article.id}/edit")
    editor = body_editor(page)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Chỉ trình duyệt này còn giữ.")
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    expect(editor).to_have_text("Nội dung bài viết.")
    page.get_by_role("button", name="Khôi phục bản đó").click()
    expect(editor).to_have_text("Nội dung bài viết. Chỉ trình duyệt này còn giữ.")
    expect(page.locator("textarea#body")).to_have_value(re.compile("Chỉ trình duyệt này còn giữ"))
    # Typing after the restore writes through as before.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("!")
    expect(page.locator("textarea#body")).to_have_value("<p>Nội dung bài viết. Chỉ trình duyệt này còn giữ.!</p>")
    assert problems == []


def test_a_pending_article_is_read_only_for_its_author(page, live_server, newsroom, problems):
    article = make_article(
        "Bài chờ duyệt", newsroom["category"], status=ArticleStatus.PENDING, author=newsroom["author"],
        published_at=None, body_html="<p>Đang chờ <strong>biên tập viên</strong>.</p>",
    )  # fmt: skip
    db.session.commit()
    sign_in(page, live_server, "tacgia")
    page.goto(f"{live_server}/editor/articles/{article.id}/edit")
    editor = body_editor(page)
    expect(editor.locator("strong")).to_have_text("biên tập viên")
    expect(editor).to_have_attribute("contenteditable", "false")
    expect(page.get_by_role("button", name="Chữ đậm")).to_have_count(0)
    assert problems == []


def test_a_body_the_editor_cannot_hold_stays_in_the_plain_textarea(page, live_server, newsroom, problems):
    source = "<p>Bảng giá:</p><table><tr><td>Lúa</td><td>7.500 đ</td></tr></table>"
    article = make_article(
        "Giá nông sản", newsroom["category"], status=ArticleStatus.DRAFT, author=newsroom["editor"], body_html=source
    )
    db.session.commit()
    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server}/editor/articles/{article.id}/edit")
    expect(page.get_by_label("Nội dung", exact=True)).to_have_value(source)
    expect(page.get_by_label("Nội dung", exact=True)).to_be_visible()
    expect(page.locator(".ql-editor")).to_have_count(0)
    assert problems == []
