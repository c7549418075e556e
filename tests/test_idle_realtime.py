"""The idle timeout in real time: Chromium against gunicorn with 2 workers, the browser's clock
and the server's both real, at the shortest timeout the testing settings allow (a few seconds).

Playwright's fake clock (test_session_browser.py) moves only the page's time; these tests are
the seam between the two clocks, so they wait for real and are kept few and short.
"""

import http.client
import re
import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import Role, UserSession
from tests.factories import PASSWORD, make_user
from tests.servers import gunicorn_site

IDLE = 6  # seconds: the idle prompt shows for the last 3
ENDED_TEXT = "Phiên đăng nhập đã kết thúc"
LATE = 4.0  # how long after the server's deadline the page may take to land on the sign-in form


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn with 2 workers on the test database, the real clock and CSRF on; yields its base URL."""
    with gunicorn_site(tmp_path_factory.mktemp("realtime"), PORTAL_IDLE_TIMEOUT=str(IDLE)) as base_url:
        yield base_url


@pytest.fixture
def person(site):
    user = make_user(Role.EDITOR, username=f"bientap{secrets.token_hex(3)}", display_name="Biên Tập")
    db.session.commit()
    return user


def sign_in(page, site: str, username: str, next_path: str) -> float:
    """Sign in through the form; return the monotonic time of the sign-in (the person's last act)."""
    page.goto(f"{site}/login?next={next_path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    signed_in_at = time.monotonic()
    expect(page.get_by_text("Xin chào")).to_be_visible()
    return signed_in_at


def session_of(user) -> UserSession:
    db.session.expire_all()
    return db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)).one()


def wait_for_sign_in_form(page, next_path: str) -> float:
    """Wait (in real time) until the page has gone to the sign-in form; return when it got there."""
    expect(page).to_have_url(re.compile(rf"/login\?next={re.escape(next_path)}$"), timeout=(IDLE + 10) * 1000)
    return time.monotonic()


def status_with_cookie(site: str, cookie_header: str, path: str) -> tuple[int, str]:
    host, port = site.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie_header})
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def test_a_tab_left_alone_ends_on_the_sign_in_form_and_stays_there(page, site, person):
    signed_in_at = sign_in(page, site, person.username, "/editor/")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    seen = session_of(person).last_seen_at  # the dashboard the sign-in led to
    expect(page.locator("#idle-prompt")).to_be_visible(timeout=IDLE * 1000)
    landed_at = wait_for_sign_in_form(page, "%2Feditor%2F")
    assert IDLE <= landed_at - signed_in_at <= IDLE + LATE
    expect(page.get_by_text(ENDED_TEXT)).to_be_visible()
    record = session_of(person)
    assert record.end_reason == "idle"
    assert record.last_seen_at == seen  # nothing after the person's last page counted as activity
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.wait_for_timeout(IDLE * 1000 + 1000)  # a full timeout later it is still there
    assert navigations == []
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    status, location = status_with_cookie(site, cookie, "/editor/")  # the cookie it had is refused
    assert status == 302 and location.startswith("/login?next=")


def test_two_tabs_left_alone_both_end(context, site, person):
    first = context.new_page()
    sign_in(first, site, person.username, "/editor/")
    second = context.new_page()
    second.goto(f"{site}/account")  # opening a page is activity: the deadline moves to here
    opened_at = time.monotonic()
    expect(second.get_by_text("Xin chào")).to_be_visible()
    wait_for_sign_in_form(first, "%2Feditor%2F")
    landed_at = wait_for_sign_in_form(second, "%2Faccount")
    assert IDLE <= landed_at - opened_at <= IDLE + LATE
    assert session_of(person).end_reason == "idle"
    for tab in (first, second):
        expect(tab.get_by_label("Tên đăng nhập")).to_be_visible()


def test_someone_typing_is_never_signed_out(page, site, person):
    sign_in(page, site, person.username, "/account")
    field = page.get_by_label("Mật khẩu hiện tại")
    for _ in range(int(IDLE * 1.5)):  # typing now and then, past the first deadline
        field.press("a")
        page.wait_for_timeout(1000)
    expect(page.locator("#idle-prompt")).to_be_visible(timeout=IDLE * 1000)  # then nothing
    record = session_of(person)
    assert record.ended_at is None
    deadline = record.last_seen_at + timedelta(seconds=IDLE)  # the server's, from its own record
    page.wait_for_timeout((deadline - datetime.now(UTC)).total_seconds() * 1000 - 1000)
    with page.expect_response("**/session/keepalive") as kept:
        field.press("b")  # one second before the deadline
    assert kept.value.status == 200
    pressed_at = time.monotonic()
    expect(page.locator("#idle-prompt")).to_be_hidden()
    page.wait_for_timeout((IDLE - 2) * 1000)  # well past the deadline that the key beat
    assert time.monotonic() - pressed_at >= IDLE - 2
    expect(page).to_have_url(f"{site}/account")
    assert session_of(person).ended_at is None
