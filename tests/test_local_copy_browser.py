"""The browser's copy of an unsaved article, in a real Chromium: offered when it holds unsaved work, never as a false alarm."""

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import ArticleStatus, Role
from tests.factories import make_article, make_category, make_user
from tests.test_editor_browser import sign_in

OFFER = "Trình duyệt này còn giữ một bản chưa lưu"


def offer(page):
    """The box that offers the browser's copy back (its words vary: newer or older than the saved text)."""
    return page.locator("#local-draft-offer")


@pytest.fixture
def desk(live_app, clock):
    """An author with a draft, an editor, and a pending article waiting for the editor."""
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    make_user(Role.EDITOR, username="bientap", display_name="Minh Quân")
    category = make_category("Tin trong huyện")
    draft = make_article("Họp bàn kế hoạch năm", category, status=ArticleStatus.DRAFT, author=author, published_at=None)
    pending = make_article(
        "Ra quân làm đường giao thông nông thôn",
        category,
        status=ArticleStatus.PENDING,
        author=author,
        published_at=None,
        lead="Sáng 5/12, bà con thôn Đông ra quân làm đường.",
    )
    for article in (draft, pending):
        article.updated_at = clock() - dt.timedelta(hours=1)
    db.session.commit()
    return {"draft": draft, "pending": pending}


def local_copies(page) -> dict:
    """What the page's storage keeps under portal-draft:*."""
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter((key) => key.startsWith("portal-draft:"))
             .map((key) => [key, localStorage.getItem(key)]))"""
    )


def type_lead_and_close_the_tab(context, live_server, draft, lead: str) -> None:
    """The author types a new lead into the draft and closes the tab without saving."""
    page = context.new_page()
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill(lead)
    page.close()  # no beforeunload dialog: the tab is simply gone


def test_publishing_without_a_change_offers_no_local_copy(page, live_server, desk):
    """Issue 16, item 2: an editor publishes a pending article unchanged; no "unsaved copy" appears after."""
    pending = desk["pending"]
    sign_in(page, live_server, "bientap", f"?next=/editor/articles/{pending.id}/edit")
    page.get_by_role("button", name="Đăng bài").click()
    expect(page.get_by_text("Đã đăng bài.")).to_be_visible()
    page.wait_for_load_state("load")
    expect(offer(page)).to_be_hidden()
    assert local_copies(page) == {}
    page.reload()
    expect(offer(page)).to_be_hidden()


def test_saving_a_draft_then_reloading_offers_no_local_copy(page, live_server, desk):
    """Issue 16, item 2: after a successful save the browser's copy is gone; a reload offers nothing."""
    draft = desk["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill("Tóm tắt đã được lưu.")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    page.wait_for_load_state("load")
    assert local_copies(page) == {}
    page.reload()
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Tóm tắt đã được lưu.")
    expect(offer(page)).to_be_hidden()


def test_typing_then_closing_the_tab_offers_the_copy_and_restoring_gives_the_typed_text(context, live_server, desk):
    """Issue 16, item 2: the real case still works: text typed and never saved comes back in a new tab."""
    draft = desk["draft"]
    type_lead_and_close_the_tab(context, live_server, draft, "Gõ xong rồi đóng thẻ, chưa lưu.")
    again = context.new_page()
    again.goto(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(offer(again)).to_be_visible()
    expect(again.get_by_text(f"{OFFER} của bài, mới hơn nội dung đang hiển thị")).to_be_visible()
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Tóm tắt của bài viết.")  # as saved
    again.get_by_role("button", name="Khôi phục bản đó").click()
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Gõ xong rồi đóng thẻ, chưa lưu.")


def test_a_save_refused_by_validation_keeps_the_local_copy(page, live_server, desk):
    """Issue 16, item 2: a save the server refuses (no title) keeps the browser's copy, and leaving still asks."""
    draft = desk["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill("Tóm tắt chưa lưu được.")
    page.get_by_label("Tiêu đề").fill("")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Vui lòng nhập tiêu đề.")).to_be_visible()
    page.wait_for_load_state("load")
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Tóm tắt chưa lưu được.")
    copies = local_copies(page)
    assert len(copies) == 1
    kept = json.loads(next(iter(copies.values())))
    assert kept["fields"]["lead"] == "Tóm tắt chưa lưu được." and kept["fields"]["title"] == ""
    page.get_by_label("Tiêu đề").click()  # browsers only ask before leaving after a gesture on the page
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()


def test_a_save_lost_on_the_network_keeps_the_local_copy(page, live_server, desk):
    """Issue 16, item 2: a save that never reaches the server keeps the browser's copy, offered on the next visit."""
    draft = desk["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill("Gửi đi nhưng mạng rớt.")
    page.route(
        "**/editor/articles/*/edit",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    with page.expect_event("requestfailed"):
        page.get_by_role("button", name="Lưu nháp").click()
    page.unroute("**/editor/articles/*/edit")
    page.goto(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(offer(page)).to_be_visible()
    page.get_by_role("button", name="Khôi phục bản đó").click()
    expect(page.get_by_label("Tóm tắt (sapo)")).to_have_value("Gửi đi nhưng mạng rớt.")


def test_saving_a_new_article_leaves_no_copy_for_the_next_new_one(page, live_server, desk):
    """Issue 16, item 2: after a new article is saved, "Viết bài mới" opens empty, with no offer of the saved text."""
    sign_in(page, live_server, "tacgia", "?next=/editor/articles/new")
    page.get_by_label("Tiêu đề").fill("Bài mới đã lưu")
    page.get_by_role("combobox", name="Chuyên mục").select_option(label="Tin trong huyện")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    page.wait_for_load_state("load")
    assert local_copies(page) == {}
    page.get_by_role("link", name="Viết bài mới").click()
    expect(page.get_by_label("Tiêu đề")).to_have_value("")
    expect(offer(page)).to_be_hidden()


def test_a_copy_typed_before_a_colleagues_save_is_still_offered_as_the_older_one(context, live_server, desk):
    """Issue 16, item 2: unsaved text older than a later save is never dropped silently; the offer says it is older."""
    draft = desk["draft"]
    type_lead_and_close_the_tab(context, live_server, draft, "Gõ trước khi đồng nghiệp lưu.")
    draft.lead = "Bản đồng nghiệp đã lưu sau đó."
    draft.version += 1
    draft.updated_at = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)  # saved after the copy was kept
    db.session.commit()
    again = context.new_page()
    again.goto(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(again.get_by_text("soạn trước lần lưu gần nhất")).to_be_visible()
    expect(again.get_by_text("mới hơn nội dung đang hiển thị")).to_be_hidden()
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Bản đồng nghiệp đã lưu sau đó.")
    again.get_by_role("button", name="Khôi phục bản đó").click()
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Gõ trước khi đồng nghiệp lưu.")


def test_a_confirmation_arriving_late_drops_only_the_copy_its_save_carried(page, live_server, desk):
    """Issue 16, item 2 (review): a save went through but its page never loaded; a later send was lost.
    The next visit confirms the first save only, and the copy of the later, lost send is still offered."""
    draft = desk["draft"]
    sign_in(page, live_server, "tacgia", f"?next=/editor/articles/{draft.id}/edit")
    page.get_by_label("Tóm tắt (sapo)").fill("Lần gửi thứ nhất, đã lưu.")
    page.route(  # the save reaches the server, whose answer never reaches the page
        f"**/editor/articles/{draft.id}/edit",
        lambda route: (route.fetch(max_redirects=0), route.abort()) if route.request.method == "POST" else route.continue_(),
    )  # fmt: skip
    with page.expect_event("requestfailed"):
        page.get_by_role("button", name="Lưu nháp").click()  # saved; the page after it never arrives
    page.unroute(f"**/editor/articles/{draft.id}/edit")
    again = page.context.new_page()
    again.goto(f"{live_server}/editor/")  # the dashboard: no edit page has confirmed the save yet
    key = next(iter(local_copies(again)))
    later = {"fields": {"lead": "Lần gửi thứ hai, bị mất trên đường."}, "version": 99, "savedAt": 9e12, "submitted": True, "token": "lan-hai"}
    again.evaluate("([key, copy]) => localStorage.setItem(key, JSON.stringify(copy))", [key, later])
    again.goto(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Lần gửi thứ nhất, đã lưu.")
    expect(offer(again)).to_be_visible()
    again.get_by_role("button", name="Khôi phục bản đó").click()
    expect(again.get_by_label("Tóm tắt (sapo)")).to_have_value("Lần gửi thứ hai, bị mất trên đường.")


def test_a_copy_of_an_article_now_read_only_is_shown_to_copy_not_restored(context, live_server, desk):
    """Issue 16, item 2 (review): text typed before the article left the author's hands is not offered
    for a form that cannot be saved; it is shown as text to copy, and kept until dismissed."""
    draft = desk["draft"]
    type_lead_and_close_the_tab(context, live_server, draft, "Đoạn tóm tắt gõ dở, chưa lưu.")
    draft.status = ArticleStatus.PENDING  # an editor took it for review meanwhile
    db.session.commit()
    again = context.new_page()
    again.goto(f"{live_server}/editor/articles/{draft.id}/edit")
    expect(again.get_by_text("nhưng bạn không còn sửa được bài này")).to_be_visible()
    expect(again.get_by_role("button", name="Khôi phục bản đó")).to_be_hidden()
    again.get_by_role("button", name="Xem bản đó").click()
    shown = again.get_by_role("textbox", name="Bản chưa lưu trong trình duyệt")
    expect(shown).to_be_visible()
    expect(shown).to_have_value(re.compile("Đoạn tóm tắt gõ dở, chưa lưu."))
    again.reload()
    expect(offer(again)).to_be_visible()  # kept until the person dismisses it
    again.get_by_role("button", name="Bỏ qua").click()
    again.reload()
    expect(offer(again)).to_be_hidden()
