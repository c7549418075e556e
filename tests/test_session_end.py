"""How the end of a session is decided: the server's clock to the millisecond, and only what a
person does counts as activity (not the sign-in page, the language switch or their redirects)."""

from datetime import datetime

import pytest
import sqlalchemy as sa

from portal.content.sessions import IDLE_POLICY, SessionPolicy
from portal.extensions import db
from portal.models import Role, UserSession
from tests.factories import PASSWORD, make_user

IDLE = 1800


def last_seen() -> datetime:
    db.session.expire_all()
    return db.session.scalar(sa.select(UserSession.last_seen_at))


def end_reason() -> str | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(UserSession.end_reason))


def test_the_time_left_keeps_its_fraction_and_never_reads_zero_while_alive(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE - 1, microseconds=400_000)  # 0.6 s left
    answer = client.get("/session/status")
    assert answer.status_code == 200 and answer.json["expires_in_ms"] == 600
    clock.advance(microseconds=599_600)  # 0.4 ms left: rounded up, not down to 0
    assert client.get("/session/status").json["expires_in_ms"] == 1
    clock.advance(microseconds=400)
    assert client.get("/session/status").status_code == 401
    assert end_reason() == "idle"


def test_the_page_is_told_the_deadline_in_milliseconds(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=100, microseconds=250_000)
    html = client.get("/account").get_data(as_text=True)  # a page view restarts the clock
    assert f'data-session-expires-ms="{IDLE * 1000}"' in html
    assert 'data-idle-warning="60"' in html


def test_a_status_poll_at_the_deadline_ends_the_session_so_the_sign_in_page_stays(app, login, clock):
    client = login(make_user(Role.EDITOR))
    seen = last_seen()
    clock.advance(seconds=IDLE)
    assert client.get("/session/status").status_code == 401
    page = client.get("/login?next=%2Feditor%2F")
    assert page.status_code == 200  # the form, not a redirect back into the site
    assert "Phiên đăng nhập đã kết thúc" in page.get_data(as_text=True)
    assert client.get("/editor/").status_code == 302
    assert last_seen() == seen


def test_the_sign_in_page_and_its_redirect_are_not_activity(app, login, clock):
    client = login(make_user(Role.EDITOR))
    seen = last_seen()
    clock.advance(seconds=IDLE - 10)
    bounce = client.get("/login?next=%2Feditor%2F")
    assert bounce.status_code == 302 and bounce.headers["Location"] == "/editor/"
    assert client.get("/editor/").status_code == 200  # where the redirect leads
    assert last_seen() == seen
    clock.advance(seconds=10)
    assert client.get("/editor/").status_code == 302  # the session ran out all the same
    assert end_reason() == "idle"


def test_the_language_switch_and_its_redirect_are_not_activity(app, login, clock):
    client = login(make_user())
    seen = last_seen()
    clock.advance(seconds=60)
    assert client.get("/lang/en?next=/account").headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    assert last_seen() == seen


def test_only_the_redirect_target_is_passive_and_only_once(app, login, clock):
    client = login(make_user(Role.EDITOR))
    clock.advance(seconds=60)
    client.get("/lang/en?next=/account")
    assert client.get("/editor/").status_code == 200  # the person went somewhere else: that counts
    assert last_seen() == clock()
    clock.advance(seconds=60)
    client.get("/account")  # the old landing no longer applies
    assert last_seen() == clock()


def test_a_page_the_person_opens_and_a_form_they_send_are_activity(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE - 1)
    assert client.get("/account").status_code == 200
    assert last_seen() == clock()
    clock.advance(seconds=IDLE - 1)
    client.post("/account/name", data={"display_name": "Tên mới"})
    assert last_seen() == clock()
    clock.advance(seconds=IDLE - 1)
    assert client.get("/account").status_code == 200


def test_a_long_next_adds_only_a_short_mark_to_the_cookie(app, client):
    make_user(Role.EDITOR, username="bientap")
    db.session.commit()
    long_next = "/search?q=" + "hội nghị tổng kết " * 100
    signed_in = client.post(
        "/login", query_string={"next": long_next}, data={"username": "bientap", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert len(signed_in.headers["Set-Cookie"]) < 1000


def test_a_trailing_slash_redirect_does_not_hide_the_next_page_from_the_idle_clock(app, login, clock):
    client = login(make_user(Role.EDITOR))
    clock.advance(seconds=60)
    assert client.get("/editor").status_code == 308
    assert client.get("/editor/").status_code == 200
    assert last_seen() == clock()


def test_a_language_switch_to_an_address_with_vietnamese_letters_is_still_passive(app, login, clock):
    client = login(make_user())
    seen = last_seen()
    clock.advance(seconds=60)
    target = "/search?q=hội nghị"
    assert client.get("/lang/en", query_string={"next": target}).status_code == 302
    assert client.get("/search", query_string={"q": "hội nghị"}).status_code == 200
    assert last_seen() == seen


@pytest.mark.parametrize(
    "setting, seconds",
    [("", IDLE), ("abc", IDLE), ("4", IDLE), ("5", 300), ("45", 2700), ("120", 7200), ("121", IDLE)],
)
def test_the_idle_setting_counts_only_within_the_policy_bounds(setting, seconds):
    assert IDLE_POLICY.timeout_seconds(setting, IDLE) == seconds


def test_the_warning_is_the_policy_s_or_half_a_shorter_timeout():
    assert SessionPolicy(IDLE, 43_200).warning_seconds == IDLE_POLICY.warning_seconds == 60
    assert SessionPolicy(10, 43_200).warning_seconds == 5
    assert IDLE_POLICY.config_bounds(testing=False) == (120, 86_400)
