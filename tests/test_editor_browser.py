"""Never lose a word, in a real Chromium: autosave, idle sign-out and back, presence."""

import datetime as dt
import json
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import ArticleStatus, Autosave, Role
from tests.factories import PASSWORD, make_article, make_category, make_user

T0 = dt.datetime(2030, 1, 1, 9, 0, 0)
IDLE_MS = 1800 * 1000


@pytest.fixture
def newsroom(live_app, clock):
    """An author with a draft, and an editor."""
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    editor = make_user(Role.EDITOR, username="bientap", display_name="Minh Quân")
    category = make_category("Tin trong huyện")
    draft = make_article(
        "Họp bàn kế hoạch năm",
        category,
        status=ArticleStatus.DRAFT,
        author=author,
        published_at=None,
        lead="Tóm tắt cũ.",
    )
    draft.updated_at = clock() - dt.timedelta(hours=1)
    db.session.commit()
    return {"author": author, "editor": editor, "draft": draft, "category": category}


def start_clock(clock_owner):
    clock_owner.clock.install(time=T0)
    clock_owner.clock.pause_at(T0 + dt.timedelta(seconds=1))


def sign_in(page, base, username, next_path=""):
    page.goto(f"{base}/login{next_path}")
    fill_sign_in(page, username)


def fill_sign_in(page, username):
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Xin chào")).to_be_visible()
    page.wait_for_load_state("load")  # the page's scripts have run: their clocks start from here


def autosaves() -> list[Autosave]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Autosave)))


def test_typing_is_autosaved_every_30_seconds_without_a_revision(page, live_server, newsroom):
    start_clock(page)
    sign_in(page, live_server, "tacgia", "?next=/editor/articles/new")
    page.get_by_label("Tiêu đề").fill("Bài mới đang viết dở")
    with page.expect_response("**/editor/autosave") as answer:
        page.clock.fast_forward(30_000)
    assert answer.value.ok
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu tự động")
    saved = autosaves()
    assert len(saved) == 1 and "Bài mới đang viết dở" in saved[0].data and saved[0].article_id is None


def test_idle_prompt_autosaves_and_the_text_comes_back_after_signing_in_again(page, live_server, newsroom, clock):
    draft = newsroom["draft"]
    start_clock(page)
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    typed = "Đoạn tóm tắt mới, gõ xong thì đi họp, chưa kịp bấm lưu."
    page.get_by_label("Tóm tắt (sapo)").fill(typed)
    with page.expect_response("**/editor/autosave"):
        page.clock.fast_forward(IDLE_MS - 60_000)
    expect(page.locator("#idle-prompt")).to_be_visible()
    assert typed in autosaves()[0].data
    clock.advance(seconds=1800)  # nobody came back: the server's idle limit passes
    page.clock.run_for(60_000)
    expect(page).to_have_url(re.compile(rf"/login\?next=%2Feditor%2Farticles%2F{draft.id}%2Fedit$"))
    fill_sign_in(page, "tacgia")
    expect(page).to_have_url(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Tóm tắt cũ.")
    page.get_by_role("link", name="Khôi phục bản lưu tự động").click()
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value(typed)


def test_the_browser_keeps_a_copy_that_survives_a_reload(page, live_server, newsroom):
    draft = newsroom["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill("Chỉ trình duyệt này còn giữ.")
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Tóm tắt cũ.")
    page.get_by_role("button", name="Khôi phục bản đó").click()
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Chỉ trình duyệt này còn giữ.")


def test_leaving_with_unsaved_changes_asks_first(page, live_server, newsroom):
    draft = newsroom["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    title = page.get_by_label("Tiêu đề")
    title.click()  # a real click and real keys: browsers only ask after a user gesture
    title.press_sequentially(" chưa lưu")
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    assert not page.is_closed()


def test_saving_does_not_ask_and_keeps_the_text(page, live_server, newsroom):
    draft = newsroom["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tiêu đề").fill("Tiêu đề đã lưu")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    expect(page.get_by_label("Tiêu đề")).to_have_value("Tiêu đề đã lưu")
    assert asked == []


def test_a_second_person_sees_who_is_editing_and_an_editor_can_take_over(browser, live_server, newsroom):
    draft = newsroom["draft"]
    author_context, editor_context = browser.new_context(), browser.new_context()
    try:
        start_clock(author_context)
        author = author_context.new_page()
        sign_in(author, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
        editor = editor_context.new_page()
        sign_in(editor, live_server, "bientap", f"?next=/editor/articles/{draft.id}/edit")
        expect(editor.locator("#presence-notice")).to_have_text("Thùy Dung đang sửa bài này.")
        editor.get_by_role("button", name="Tiếp quản bài này").click()
        expect(editor.locator("#presence-notice")).to_be_hidden()
        with author.expect_response("**/presence"):
            author_context.clock.fast_forward(20_000)
        expect(author.locator("#presence-notice")).to_contain_text("Minh Quân đã tiếp quản bài này")
    finally:
        author_context.close()
        editor_context.close()


def test_the_image_description_and_the_featured_box_are_autosaved_and_come_back(page, live_server, newsroom):
    draft = newsroom["draft"]
    start_clock(page)
    sign_in(page, live_server, "bientap", f"?next=/editor/articles/{draft.id}/edit")
    alt, featured = page.get_by_label("Mô tả ảnh cho người khiếm thị"), page.get_by_label("Tin nổi bật")
    alt.fill("Toàn cảnh hội trường")
    featured.check()
    with page.expect_response("**/editor/autosave") as answer:
        page.clock.fast_forward(30_000)
    assert answer.value.ok
    kept = json.loads(autosaves()[0].data)
    assert kept["image_alt"] == "Toàn cảnh hội trường" and kept["featured"] == "y"
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    expect(alt).to_have_value("")
    expect(featured).not_to_be_checked()
    page.get_by_role("button", name="Khôi phục bản đó").click()
    expect(alt).to_have_value("Toàn cảnh hội trường")
    expect(featured).to_be_checked()
