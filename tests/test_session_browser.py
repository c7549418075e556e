"""The idle prompt in a real Chromium, with Playwright's clock standing in for waiting."""

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import UserSession
from tests.factories import PASSWORD, make_user

T0 = dt.datetime(2030, 1, 1, 9, 0, 0)
IDLE_MS = 1800 * 1000
PROMPT_TEXT = "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây"


@pytest.fixture
def staff(live_app):
    user = make_user(username="thuydung", display_name="Thùy Dung")
    db.session.commit()
    return user


def start_clock(page):
    page.clock.install(time=T0)
    page.clock.pause_at(T0 + dt.timedelta(seconds=1))


def sign_in(page, base, next_path=""):
    page.goto(f"{base}/login{next_path}")
    page.get_by_label("Tên đăng nhập").fill("thuydung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Xin chào")).to_be_visible()
    page.wait_for_load_state("load")  # the page's scripts have run: their clocks start from here


def last_seen() -> dt.datetime:
    db.session.expire_all()
    return db.session.scalar(sa.select(UserSession.last_seen_at).order_by(UserSession.id.desc()).limit(1))


def test_prompt_appears_60_seconds_before_expiry_and_counts_down(page, live_server, staff):
    start_clock(page)
    sign_in(page, live_server)
    prompt, seconds = page.locator("#idle-prompt"), page.locator("#idle-prompt-seconds")
    expect(prompt).to_be_hidden()
    page.clock.fast_forward(IDLE_MS - 61_000)
    expect(prompt).to_be_hidden()
    page.clock.fast_forward(1_000)
    expect(prompt).to_be_visible()
    expect(prompt).to_have_text(PROMPT_TEXT)
    expect(prompt).to_have_attribute("role", "alertdialog")
    expect(page.get_by_role("link", name="Bấm vào đây để duy trì trạng thái đăng nhập")).to_be_focused()
    page.clock.run_for(15_000)
    expect(seconds).to_have_text("45")


def test_clicking_the_link_keeps_the_session_on_the_server_and_moves_the_deadline(page, live_server, staff, clock):
    start_clock(page)
    sign_in(page, live_server)
    page.clock.fast_forward(IDLE_MS - 60_000)
    clock.advance(seconds=1740)  # the server's clock follows the browser's
    expect(page.locator("#idle-prompt")).to_be_visible()
    with page.expect_response("**/session/keepalive") as answer:
        page.get_by_role("link", name="Bấm vào đây để duy trì trạng thái đăng nhập").click()
    assert answer.value.json()["expires_in_ms"] == IDLE_MS
    assert last_seen() == clock().replace(tzinfo=last_seen().tzinfo)
    expect(page.locator("#idle-prompt")).to_be_hidden()
    page.clock.fast_forward(IDLE_MS - 61_000)
    expect(page.locator("#idle-prompt")).to_be_hidden()
    page.clock.fast_forward(1_000)
    expect(page.locator("#idle-prompt")).to_be_visible()


def test_keyboard_activity_postpones_the_prompt(page, live_server, staff, clock):
    start_clock(page)
    sign_in(page, live_server, "?next=/account")
    page.clock.fast_forward(1_000_000)
    clock.advance(seconds=1000)
    with page.expect_response("**/session/keepalive"):
        page.get_by_label("Mật khẩu hiện tại").type("abc")
    assert last_seen() == clock().replace(tzinfo=last_seen().tzinfo)
    page.clock.fast_forward(1_000_000)  # 2,000 s after the page opened: past the old deadline
    expect(page.locator("#idle-prompt")).to_be_hidden()
    page.clock.fast_forward(IDLE_MS - 1_000_000 - 60_000)
    expect(page.locator("#idle-prompt")).to_be_visible()


def test_ignoring_the_prompt_signs_out_to_login_with_next_and_comes_back(page, live_server, staff, clock):
    start_clock(page)
    sign_in(page, live_server, "?next=/account")
    page.evaluate("document.addEventListener('portal:session-ended', () => sessionStorage.setItem('ended', 'yes'))")
    page.clock.fast_forward(IDLE_MS - 60_000)
    expect(page.locator("#idle-prompt")).to_be_visible()
    clock.advance(seconds=1800)  # the server's idle limit passes too
    page.clock.run_for(60_000)
    expect(page).to_have_url(re.compile(r"/login\?next=%2Faccount$"))
    expect(page.get_by_text("Phiên đăng nhập đã kết thúc")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('ended')") == "yes"
    page.get_by_label("Tên đăng nhập").fill("thuydung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{live_server}/account")


def test_at_zero_the_page_asks_the_server_before_signing_out(page, live_server, staff, clock):
    start_clock(page)
    sign_in(page, live_server, "?next=/account")
    page.clock.fast_forward(IDLE_MS - 60_000)
    expect(page.locator("#idle-prompt")).to_be_visible()
    # Another tab or window kept the session alive meanwhile: the server still has 10 minutes.
    clock.advance(seconds=1200)
    db.session.execute(sa.update(UserSession).values(last_seen_at=clock()))
    db.session.commit()
    with page.expect_response("**/session/status"):
        page.clock.run_for(60_000)
    expect(page.locator("#idle-prompt")).to_be_hidden()
    expect(page).to_have_url(f"{live_server}/account")


def test_two_tabs_stay_in_step(context, live_server, staff):
    context.clock.install(time=T0)
    context.clock.pause_at(T0 + dt.timedelta(seconds=1))
    first = context.new_page()
    sign_in(first, live_server)
    second = context.new_page()
    second.goto(f"{live_server}/account")
    context.clock.fast_forward(IDLE_MS - 50_000)
    expect(first.locator("#idle-prompt")).to_be_visible()
    expect(second.locator("#idle-prompt")).to_be_visible()
    with first.expect_response("**/session/keepalive"):
        first.get_by_role("link", name="Bấm vào đây để duy trì trạng thái đăng nhập").click()
    expect(first.locator("#idle-prompt")).to_be_hidden()
    expect(second.locator("#idle-prompt")).to_be_hidden()
    second.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(second).to_have_url(re.compile(r"/login"))
    expect(first).to_have_url(re.compile(r"/login"))


def test_an_anonymous_reader_never_gets_the_prompt(page, live_server):
    start_clock(page)
    page.goto(live_server)
    page.clock.fast_forward(3 * IDLE_MS)
    expect(page.locator("#idle-prompt")).to_have_count(0)
    assert page.evaluate("typeof BroadcastChannel") == "function"
    # No session script for a reader: besides data for search engines, only the menu button's (issue 16).
    scripts = page.locator("script:not([type='application/ld+json'])")
    expect(scripts).to_have_count(1)
    assert "/static/js/nav.js" in scripts.get_attribute("src")


def test_near_the_absolute_lifetime_activity_sends_no_storm_of_keepalives(page, live_app, live_server, staff, clock):
    live_app.config["SESSION_LIFETIME"] = 300  # the session ends 5 minutes after sign-in, whatever happens
    start_clock(page)
    sign_in(page, live_server, "?next=/account")
    page.evaluate("window.warnings = 0; document.addEventListener('portal:idle-warning', () => window.warnings++)")
    keepalives = []
    page.on("request", lambda request: keepalives.append(request.url) if "keepalive" in request.url else None)
    page.clock.fast_forward(250_000)
    clock.advance(seconds=250)
    expect(page.locator("#idle-prompt")).to_be_visible()
    for step in range(40):
        page.mouse.move(10 + step, 10 + step)
        page.clock.run_for(100)
    page.wait_for_timeout(300)
    assert len(keepalives) <= 2  # one to learn that the end cannot move, then quiet
    assert page.evaluate("window.warnings") == 1
    expect(page.locator("#idle-prompt")).to_be_visible()


def test_a_failing_keepalive_is_not_retried_on_every_keystroke(page, live_server, staff, clock):
    start_clock(page)
    sign_in(page, live_server, "?next=/account")
    attempts = []

    def refuse(route):
        attempts.append(route.request.url)
        route.fulfill(status=503, body="{}", content_type="application/json")

    page.route("**/session/keepalive", refuse)
    page.clock.fast_forward(IDLE_MS - 60_000)
    expect(page.locator("#idle-prompt")).to_be_visible()
    field = page.get_by_label("Mật khẩu hiện tại")
    for _ in range(30):
        field.press("a")
    page.wait_for_timeout(300)
    assert 1 <= len(attempts) <= 2
