"""Sign-in throttling that is exact across workers and cannot lock the owner out, and anonymous
refusals that cannot fill the audit log."""

import uuid

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.auth.throttle import DEVICE_COOKIE
from portal.extensions import db
from portal.models import AuditLog
from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, make_user

WRONG = "khong-phai-mat-khau"


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
