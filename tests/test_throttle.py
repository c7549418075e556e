"""Sign-in throttling that is exact across workers and cannot lock the owner out, and anonymous
refusals that cannot fill the audit log."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.auth.throttle import DEVICE_COOKIE
from portal.extensions import db
from portal.models import AuditLog, Role
from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, make_user
from tests.servers import gunicorn_site

WRONG = "khong-phai-mat-khau"


class Browser:
    """A browser of its own (cookie jar), speaking to the server with urllib."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def sign_in(self, username: str, password: str) -> tuple[int, str]:
        """Send the sign-in form as a person would; return the final status and URL."""
        with self.opener.open(f"{self.base_url}/login") as page:  # a signed-in browser lands on a page
            token = re.search(r'name="csrf[-_]token"[^>]*(?:value|content)="([^"]+)"', page.read().decode()).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token}).encode()
        try:
            with self.opener.open(f"{self.base_url}/login", data=data) as answer:
                return answer.status, answer.url
        except urllib.error.HTTPError as error:
            return error.code, error.url


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with gunicorn_site(tmp_path_factory.mktemp("throttle")) as base_url:
        yield base_url


def test_two_workers_share_the_count_and_the_owners_browser_still_gets_in(site):
    owner = make_user(Role.EDITOR, username=f"chu{uuid.uuid4().hex[:6]}")
    db.session.commit()
    owners_browser = Browser(site)
    assert owners_browser.sign_in(owner.username, PASSWORD)[0] == 200  # landed on the dashboard
    stranger = Browser(site)
    for _ in range(5):
        assert stranger.sign_in(owner.username, WRONG)[0] == 200  # the form again, with its error
    assert stranger.sign_in(owner.username, WRONG)[0] == 429  # the sixth, whichever worker took it
    assert Browser(site).sign_in(owner.username, PASSWORD)[0] == 429  # a new browser waits too
    status, url = owners_browser.sign_in(owner.username, PASSWORD)
    assert status == 200 and "/login" not in url  # the owner's browser is not locked out


def test_the_owners_browser_has_its_own_allowance(site):
    owner = make_user(Role.AUTHOR, username=f"chu{uuid.uuid4().hex[:6]}")
    db.session.commit()
    browser = Browser(site)
    assert browser.sign_in(owner.username, PASSWORD)[0] == 200
    for _ in range(5):
        assert browser.sign_in(owner.username, WRONG)[0] == 200
    assert browser.sign_in(owner.username, PASSWORD)[0] == 429  # someone guessing on that browser waits too


@pytest.fixture
def guarded_app(tmp_path, clock):
    """An app with CSRF protection on, as in production."""
    app = create_app(
        {
            "WTF_CSRF_ENABLED": True,
            "MEDIA_DIR": str(tmp_path),
            "CLOCK": clock,
            "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


def test_a_flood_of_forged_posts_writes_one_audit_row_a_minute(guarded_app, clock):
    client = guarded_app.test_client()
    for n in range(300):
        assert client.post(f"/login?n={n}", data={"username": "x", "password": "y"}).status_code == 400
    rows = list(db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "csrf.failure")))
    assert [row.count for row in rows] == [300]
    clock.advance(minutes=2)
    client.post("/login", data={"username": "x", "password": "y"})
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditLog.action == "csrf.failure")) == 2


def test_throttled_sign_ins_are_counted_not_stored_one_by_one(app, client):
    for _ in range(50):
        client.post("/login", data={"username": "ai-do", "password": WRONG})
    rows = list(db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "login.throttled")))
    assert len(rows) == 1 and rows[0].count == 45
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditLog.action == "login.failure")) == 5


def test_a_device_cookie_of_another_account_or_forged_is_not_trusted(app, client):
    owner, other = make_user(username="chu-nha"), make_user(username="nguoi-khac")
    db.session.commit()
    assert client.post("/login", data={"username": "nguoi-khac", "password": PASSWORD}).status_code == 302
    issued = client.get_cookie(DEVICE_COOKIE).value
    stranger = app.test_client()
    for cookie in (issued, issued[:-2] + "xx"):  # another account's cookie, then a forged one
        stranger.set_cookie(DEVICE_COOKIE, cookie)
        for _ in range(5):
            stranger.post("/login", data={"username": "chu-nha", "password": WRONG})
        assert stranger.post("/login", data={"username": "chu-nha", "password": PASSWORD}).status_code == 429
    assert owner.username == "chu-nha" and other.username == "nguoi-khac"


def test_a_new_password_withdraws_the_device_cookies(app, client, login):
    owner = make_user(username="chu-nha")
    db.session.commit()
    assert client.post("/login", data={"username": "chu-nha", "password": PASSWORD}).status_code == 302
    stranger = app.test_client()
    for _ in range(5):
        stranger.post("/login", data={"username": "chu-nha", "password": WRONG})
    assert client.post("/login", data={"username": "chu-nha", "password": PASSWORD}).status_code == 302
    owner.set_password("một mật khẩu mới hoàn toàn khác 2027")
    db.session.commit()
    refused = client.post("/login", data={"username": "chu-nha", "password": "một mật khẩu mới hoàn toàn khác 2027"})
    assert refused.status_code == 429  # the old cookie counts for nothing now: the username is throttled
