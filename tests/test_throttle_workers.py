"""Sign-in throttling across gunicorn's workers: the count is shared, and the owner's browser
still gets in (a module of its own: its server and database stay up for its tests only)."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from portal.extensions import db
from portal.models import Role
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
