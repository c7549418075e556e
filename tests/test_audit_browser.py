"""The audit log in a real Chromium at 360 and 1280 px (issue 16, item 3)."""

import pytest
from playwright.sync_api import expect

from portal.content import audit
from portal.extensions import db
from portal.models import Role
from tests.factories import PASSWORD, make_article, make_category, make_user

WIDTHS = {"360px": {"width": 360, "height": 740}, "1280px": {"width": 1280, "height": 800}}


@pytest.fixture
def entries(live_app):
    """An administrator and a few entries naming an account and a long-titled article."""
    admin = make_user(Role.ADMIN, username="quantri", display_name="Trần Văn An")
    make_user(Role.AUTHOR, username="tacgia", display_name="Lê Thị Bình")
    article = make_article("Lễ hội đền Hùng năm 2026 thu hút đông đảo du khách thập phương", make_category("Tin"))
    db.session.commit()
    audit.record("account.role", admin, target="tacgia", ip="203.0.113.9", detail="author -> editor")
    audit.record("article.publish", admin, target=f"article:{article.id}", ip="203.0.113.9")
    db.session.commit()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_sentences_read_without_scrolling_sideways(page, live_server, entries, width):
    """Issue 16, item 3: on a phone each entry reads as a sentence across the screen, links work."""
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{live_server}/login?next=/admin/audit")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    sentence = page.locator(".audit-sentence", has_text="đổi vai trò của")
    expect(sentence).to_have_text("Trần Văn An đổi vai trò của Lê Thị Bình từ tác giả thành biên tập viên.")
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), "the log scrolls sideways"
    assert sentence.bounding_box()["width"] >= 0.6 * min(WIDTHS[width]["width"], 1200) - 40
    sentence.get_by_role("link", name="Lê Thị Bình").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản: tacgia")
