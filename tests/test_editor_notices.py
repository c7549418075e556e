"""What the article form says about itself: a true notice per status and role, and who is really editing."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import ArticleStatus, Role
from tests.factories import make_article, make_category, make_user
from tests.test_editor_browser import sign_in

OLD_NOTICE = "Bài đang chờ duyệt hoặc đã đăng; chỉ biên tập viên mới sửa được."
NOTICES = {
    "draft": None,
    "pending": "Bài đang chờ biên tập viên duyệt nên bạn chưa sửa được; nếu cần sửa, biên tập viên sẽ trả bài lại cho bạn.",
    "scheduled": "Bài đã được hẹn giờ đăng; chỉ biên tập viên mới sửa hoặc đổi giờ đăng được.",
    "published": "Bài đã đăng trên trang; chỉ biên tập viên mới sửa hoặc gỡ được.",
    "unpublished": "Bài đã bị gỡ khỏi trang; chỉ biên tập viên mới sửa hoặc đăng lại được.",
    "expired": "Bài đã hết hạn hiển thị nên không còn trên trang; chỉ biên tập viên mới sửa hoặc gia hạn được.",
}
STATES = {
    "draft": (ArticleStatus.DRAFT, None),
    "pending": (ArticleStatus.PENDING, None),
    "scheduled": (ArticleStatus.PUBLISHED, timedelta(days=1)),
    "published": (ArticleStatus.PUBLISHED, timedelta(days=-1)),
    "unpublished": (ArticleStatus.UNPUBLISHED, timedelta(days=-1)),
    "expired": (ArticleStatus.PUBLISHED, timedelta(days=-2)),  # and its expiry a day ago (review of issue 16)
}
# What each role may press on an article in that status: the notice must not promise more.
BUTTONS = {
    "author": {"draft": ["Lưu nháp", "Gửi duyệt"]},
    "editor": {
        "draft": ["Lưu nháp", "Gửi duyệt", "Đăng bài"],
        "pending": ["Lưu nháp", "Đăng bài", "Trả lại tác giả"],
        "scheduled": ["Lưu thay đổi", "Cập nhật và đăng", "Gỡ bài"],
        "published": ["Lưu thay đổi", "Cập nhật và đăng", "Gỡ bài"],
        "unpublished": ["Lưu thay đổi", "Gửi duyệt", "Đăng bài"],
        "expired": ["Lưu thay đổi", "Cập nhật và đăng", "Gỡ bài"],
    },
}
BUTTONS["admin"] = BUTTONS["editor"]


@pytest.fixture
def desk(app, login):
    """The author of the articles, an editor and an admin, signed in."""
    author = make_user(Role.AUTHOR, display_name="Thùy Dung")
    editor, admin = make_user(Role.EDITOR, display_name="Minh Quân"), make_user(Role.ADMIN)
    db.session.commit()
    return {"author": author, "editor": editor}, {
        "author": login(author),
        "editor": login(editor),
        "admin": login(admin),
    }


def article_in(state: str, author, now):
    status, offset = STATES[state]
    article = make_article(
        f"Bài ở trạng thái {state}",
        make_category(),
        status=status,
        author=author,
        published_at=now + offset if offset is not None else None,
    )
    if state == "expired":
        article.expires_at = now - timedelta(days=1)
    db.session.commit()
    return article


def buttons_of(html: str) -> list[str]:
    import re

    return re.findall(r'<button type="submit" name="action" value="\w+" class="button[^"]*">([^<]+)</button>', html)


@pytest.mark.parametrize("role", ["author", "editor", "admin"])
@pytest.mark.parametrize("state", list(STATES))
def test_each_status_tells_each_role_the_truth(desk, clock, state, role):
    """Issue 16, item 4: every status × role gets its own true notice (or none where the person may edit)."""
    people, clients = desk
    article = article_in(state, people["author"], clock())
    html = clients[role].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    expected = NOTICES[state] if role == "author" else None
    notices = [text for text in NOTICES.values() if text and text in html]
    assert notices == ([expected] if expected else [])
    assert OLD_NOTICE not in html
    assert buttons_of(html) == BUTTONS[role].get(state, [])
    assert ("<fieldset disabled>" in html) == (expected is not None)


def test_the_notices_are_translated(desk, clock):
    """Issue 16, item 4: an author reading in English is told in English."""
    people, clients = desk
    article = article_in("unpublished", people["author"], clock())
    clients["author"].get("/lang/en")
    html = clients["author"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "taken off the site" in html and NOTICES["unpublished"] not in html


def test_an_author_reading_a_submitted_article_is_not_announced_as_editing(desk, clock):
    """Issue 16, item 4: the author submits, keeps the page open read-only and pings; the editor sees nobody editing."""
    people, clients = desk
    article = article_in("draft", people["author"], clock())
    clients["author"].get(f"/editor/articles/{article.id}/edit")  # the author has the draft open: it is theirs
    form = {"title": article.title, "body": "<p>x</p>", "category": str(article.category_id), "version": "1"}
    assert (
        clients["author"].post(f"/editor/articles/{article.id}/edit", data={**form, "action": "submit"}).status_code
        == 302
    )
    clock.advance(seconds=30)
    html = clients["author"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "data-presence-url" not in html  # a read-only page does not ping
    assert clients["author"].post(f"/editor/articles/{article.id}/presence").json["holder"] is None
    seen = clients["editor"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "Thùy Dung đang sửa bài này." not in seen and "Tiếp quản bài này" not in seen
    assert clients["editor"].post(f"/editor/articles/{article.id}/presence").json == {
        "mine": True,
        "holder": None,
        "taken_by": None,
    }


def test_an_author_editing_a_draft_is_still_announced(desk, clock):
    """Issue 16, item 4: someone who may edit and has the form open still counts."""
    people, clients = desk
    article = article_in("draft", people["author"], clock())
    clients["author"].get(f"/editor/articles/{article.id}/edit")
    assert "Thùy Dung đang sửa bài này." in clients["editor"].get(f"/editor/articles/{article.id}/edit").get_data(
        as_text=True
    )


def test_in_a_browser_a_read_only_author_page_never_shows_as_editing(browser, live_app, live_server, clock):
    """Issue 16, item 4: the author's read-only page stays open past its heartbeats; the editor sees no "đang sửa"."""
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    make_user(Role.EDITOR, username="bientap", display_name="Minh Quân")
    article = make_article("Bài đã gửi duyệt", make_category(), status=ArticleStatus.PENDING, author=author)
    db.session.commit()
    author_context, editor_context = browser.new_context(), browser.new_context()
    try:
        author_context.clock.install()
        reader = author_context.new_page()
        sign_in(reader, live_server, "tacgia", f"?next=/editor/articles/{article.id}/edit")
        expect(reader.get_by_text(NOTICES["pending"])).to_be_visible()
        pings = []
        reader.on("request", lambda request: pings.append(request.url) if "/presence" in request.url else None)
        reader.clock.fast_forward(60_000)  # three heartbeats' worth
        editor = editor_context.new_page()
        sign_in(editor, live_server, "bientap", f"?next=/editor/articles/{article.id}/edit")
        expect(editor.get_by_role("button", name="Đăng bài")).to_be_visible()
        expect(editor.locator("#presence-notice")).to_be_hidden()
        assert pings == []
    finally:
        author_context.close()
        editor_context.close()
