"""Sign-in, server-side sessions, the idle policy, throttling and redirects."""

import re

import pytest
import sqlalchemy as sa

from config import ProductionConfig
from portal import create_app
from portal.content.accounts import AccountError, change_password, create_user, set_active, set_role
from portal.extensions import db
from portal.models import AuditLog, Role, UserSession
from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, make_user

IDLE = 1800
PROMPT_WORDS = "Bạn đã không sử dụng Site, "


def sign_in(client, username, password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login", data=data)


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def copy_of(app, client):
    """A second browser holding the same cookie, as an attacker who copied it would."""
    thief = app.test_client()
    thief.set_cookie("session", session_cookie(client))
    return thief


def audit_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditLog.action).order_by(AuditLog.id)))


def test_sign_in_through_the_form_opens_a_session_record_and_audits_it(app, client):
    user = make_user(username="thuydung")
    db.session.commit()
    response = sign_in(client, "ThuyDung ")
    assert response.status_code == 302 and response.headers["Location"] == "/editor/"
    record = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    assert record is not None and record.ended_at is None and record.user_agent
    assert client.get("/account").status_code == 200
    assert "login.success" in audit_actions()
    assert user.last_login_at is not None


def test_cookie_carries_a_token_naming_the_record_not_the_account(app, client):
    user = make_user(username="thuydung")
    db.session.commit()
    sign_in(client, "thuydung")
    with client.session_transaction() as cookie:
        token = cookie["_user_id"]
    assert token != str(user.id) and len(token) >= 40
    stored = db.session.scalar(sa.select(UserSession.token_hash))
    assert token not in stored  # only a hash of it is kept


def test_wrong_password_and_unknown_user_get_the_same_answer(app, client):
    make_user(username="thuydung")
    db.session.commit()
    wrong = sign_in(client, "thuydung", "sai-mat-khau-roi")
    unknown = sign_in(client, "khongcoai", "sai-mat-khau-roi")
    assert wrong.status_code == unknown.status_code == 200
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.get_data(as_text=True))  # noqa: E731
    assert strip(wrong) == strip(unknown)
    assert audit_actions() == ["login.failure", "login.failure"]
    assert client.get("/account").status_code == 302


def test_failed_sign_in_keeps_the_username_but_not_the_password(app, client):
    make_user(username="thuydung")
    db.session.commit()
    html = sign_in(client, "thuydung", "mat-khau-sai-1234").get_data(as_text=True)
    assert 'value="thuydung"' in html and "mat-khau-sai-1234" not in html


def test_deactivated_account_cannot_sign_in(app, client):
    make_user(username="nghiviec", is_active=False)
    db.session.commit()
    assert "không đúng" in sign_in(client, "nghiviec").get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_signing_in_again_gives_a_new_token_and_ends_the_old_record(app, client):
    make_user(username="thuydung")
    db.session.commit()
    sign_in(client, "thuydung")
    with client.session_transaction() as cookie:
        first = cookie["_user_id"]
    sign_in(client, "thuydung")
    with client.session_transaction() as cookie:
        second = cookie["_user_id"]
    assert first != second
    reasons = list(db.session.scalars(sa.select(UserSession.end_reason).order_by(UserSession.id)))
    assert reasons == ["replaced", ""]


def test_a_planted_session_cookie_is_not_adopted_at_sign_in(app, client):
    make_user(username="thuydung")
    db.session.commit()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = "token-chosen-by-an-attacker"
    sign_in(client, "thuydung")
    with client.session_transaction() as cookie:
        assert cookie["_user_id"] != "token-chosen-by-an-attacker"


def test_idle_session_is_refused_without_any_script(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE - 1)
    assert client.get("/account").status_code == 200
    clock.advance(seconds=IDLE)
    response = client.get("/account?tab=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/account?tab%3D1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Phiên đăng nhập đã kết thúc" in page
    assert db.session.scalar(sa.select(UserSession.end_reason)) == "idle"
    assert "session.idle" in audit_actions()


def test_json_endpoints_answer_401_after_expiry(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE + 1)
    response = client.get("/session/status")
    assert response.status_code == 401 and response.json["authenticated"] is False
    assert client.post("/session/keepalive").status_code == 401


def test_activity_extends_the_idle_window(app, login, clock):
    client = login(make_user())
    for _ in range(4):
        clock.advance(seconds=IDLE - 60)
        assert client.get("/account").status_code == 200


def test_background_status_polls_never_extend_the_session(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE - 100)
    status = client.get("/session/status")
    assert status.status_code == 200 and status.json["expires_in_ms"] == 100_000
    clock.advance(seconds=99)
    assert client.get("/session/status").json["expires_in_ms"] == 1_000
    clock.advance(seconds=1)
    assert client.get("/account").status_code == 302


def test_keepalive_restarts_the_idle_clock_and_reports_it(app, login, clock):
    client = login(make_user())
    clock.advance(seconds=IDLE - 30)
    answer = client.post("/session/keepalive", headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.json == {
        "authenticated": True,
        "expires_in_ms": IDLE * 1000,
        "idle_timeout": IDLE,
        "warning": 60,
    }
    clock.advance(seconds=IDLE - 1)
    assert client.get("/account").status_code == 200


def test_keepalive_never_passes_the_absolute_lifetime(app, login, clock):
    client = login(make_user())
    lifetime = app.config["SESSION_LIFETIME"]
    elapsed = 0
    while elapsed + IDLE - 60 < lifetime:
        clock.advance(seconds=IDLE - 60)
        elapsed += IDLE - 60
        answer = client.post("/session/keepalive")
        assert answer.status_code == 200 and answer.json["expires_in_ms"] <= (lifetime - elapsed) * 1000
    clock.advance(seconds=lifetime - elapsed)
    assert client.post("/session/keepalive").status_code == 401
    assert db.session.scalar(sa.select(UserSession.end_reason)) == "lifetime"


def test_keepalive_needs_post_and_a_csrf_token(tmp_path, clock):
    app = create_app({"WTF_CSRF_ENABLED": True, "MEDIA_DIR": str(tmp_path), "CLOCK": clock})
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        try:
            user = make_user(username="csrfcheck")
            db.session.commit()
            client = app.test_client()
            login_page = client.get("/login").get_data(as_text=True)
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
            assert sign_in(client, "csrfcheck").status_code == 400  # the form without its token
            client.post("/login", data={"username": "csrfcheck", "password": PASSWORD, "csrf_token": token})
            assert client.get("/account").status_code == 200
            assert client.get("/session/keepalive").status_code == 405
            refused = client.post("/session/keepalive", headers={"Accept": "application/json"})
            assert refused.status_code == 400
            page = client.get("/account").get_data(as_text=True)
            meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
            accepted = client.post("/session/keepalive", headers={"X-CSRFToken": meta, "Accept": "application/json"})
            assert accepted.status_code == 200 and accepted.json["authenticated"] is True
            assert client.post("/logout").status_code == 400
            assert user.id
        finally:
            db.session.remove()
            db.drop_all()


@pytest.mark.parametrize("how", ["logout", "password", "deactivate", "role"])
def test_a_copied_cookie_is_refused_once_the_session_is_ended(app, client, clock, how):
    user = make_user(username="thuydung")
    db.session.commit()
    sign_in(client, "thuydung")
    thief = copy_of(app, client)
    assert thief.get("/account").status_code == 200
    if how == "logout":
        client.post("/logout")
    elif how == "password":
        change_password(user, "mot-cum-tu-moi-rat-rieng", clock())
    elif how == "deactivate":
        set_active(user, False, clock())
    else:
        set_role(user, Role.EDITOR, clock())
    db.session.commit()
    assert thief.get("/account").status_code == 302
    assert client.get("/account").status_code == 302


def test_changing_own_password_keeps_this_session_and_ends_the_others(app, client, clock):
    make_user(username="thuydung")
    db.session.commit()
    other = app.test_client()
    sign_in(other, "thuydung")
    sign_in(client, "thuydung")
    bad = client.post(
        "/account/password",
        data={
            "current_password": "sai",
            "new_password": "cum-tu-moi-cua-toi",
            "confirm_password": "cum-tu-moi-cua-toi",
        },
    )
    assert bad.status_code == 400 and "Mật khẩu hiện tại không đúng" in bad.get_data(as_text=True)
    good = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "cum-tu-moi-cua-toi",
            "confirm_password": "cum-tu-moi-cua-toi",
        },
    )
    assert good.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    client.post("/logout")
    assert sign_in(client, "thuydung", "cum-tu-moi-cua-toi").status_code == 302


def test_a_person_can_end_their_other_sessions_but_not_someone_elses(app, client, login):
    owner = make_user(username="thuydung")
    stranger = login(make_user(username="nguoikhac"))
    db.session.commit()
    laptop = app.test_client()
    sign_in(laptop, "thuydung")
    sign_in(client, "thuydung")
    laptop_record = db.session.scalar(
        sa.select(UserSession).where(UserSession.user_id == owner.id).order_by(UserSession.id).limit(1)
    )
    assert stranger.post(f"/account/sessions/{laptop_record.id}/end").status_code == 404
    assert laptop.get("/account").status_code == 200
    assert client.post(f"/account/sessions/{laptop_record.id}/end").status_code == 302
    assert laptop.get("/account").status_code == 302
    assert client.get("/account").status_code == 200


def test_five_failures_for_a_username_answer_429_with_the_wait(app, client):
    make_user(username="thuydung")
    db.session.commit()
    for _ in range(5):
        assert sign_in(client, "thuydung", "sai-mat-khau-roi").status_code == 200
    blocked = sign_in(client, "thuydung")  # even the right password waits now
    assert blocked.status_code == 429
    assert "thử lại sau 15 phút" in blocked.get_data(as_text=True)
    assert 800 < int(blocked.headers["Retry-After"]) <= 901
    assert client.get("/account").status_code == 302


def test_unknown_usernames_are_throttled_the_same_way(app, client):
    for _ in range(5):
        sign_in(client, "khongton-tai", "sai-mat-khau-roi")
    assert sign_in(client, "khongton-tai", "sai-mat-khau-roi").status_code == 429


def test_twenty_failures_from_one_address_answer_429(app, client):
    make_user(username="thuydung")
    db.session.commit()
    for n in range(20):
        assert sign_in(client, f"doan-ten-{n}", "sai-mat-khau-roi").status_code == 200
    assert sign_in(client, "thuydung").status_code == 429


BAD_NEXT = [
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https://evil.example/",
    "http://localhost.evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "/account\r\nSet-Cookie: x=1",
    "/%0d%0aLocation:%20//evil",
    " //evil.example",
    "evil.example",
    "/\t/evil.example",
]


@pytest.mark.parametrize("target", BAD_NEXT)
def test_next_never_leads_off_the_site(app, client, target):
    make_user(username="thuydung")
    db.session.commit()
    response = sign_in(client, "thuydung", next_url=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/editor/" or (target.startswith("/%0d") and location == target)
    assert "evil" not in location or location.startswith("/%0d")


def test_next_within_the_site_is_followed(app, client):
    make_user(username="thuydung")
    db.session.commit()
    response = sign_in(client, "thuydung", next_url="/account?tab=sessions")
    assert response.headers["Location"] == "/account?tab=sessions"


def test_sign_in_form_keeps_next_from_the_query(app, client):
    html = client.get("/login?next=/account").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account"' in html


def test_logout_needs_post(app, login):
    client = login(make_user())
    confirm = client.get("/logout")  # a GET only asks; it changes nothing
    assert confirm.status_code == 200 and 'action="/logout"' in confirm.get_data(as_text=True)
    assert client.get("/account").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/account").status_code == 302


def test_cookies_are_httponly_and_lax(app, client):
    make_user(username="thuydung")
    db.session.commit()
    header = sign_in(client, "thuydung").headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header


def test_production_cookies_are_secure_with_the_host_prefix(tmp_path):
    class Production(ProductionConfig):
        SECRET_KEY = "x" * 48
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        MEDIA_DIR = str(tmp_path)

    app = create_app(Production)
    app.test_client_class = IsolatedClient
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-portal"
    with app.app_context():
        db.create_all()
        make_user(username="thuydung")
        db.session.commit()
        response = app.test_client().post(
            "/login", data={"username": "thuydung", "password": PASSWORD}, base_url="https://localhost"
        )
        # Production keeps CSRF on: the bare POST is refused, and the cookie set says Secure.
        assert response.status_code == 400
        cookie = app.test_client().get("/login", base_url="https://localhost").headers["Set-Cookie"]
        assert cookie.startswith("__Host-portal=") and "Secure" in cookie and "HttpOnly" in cookie
        assert "Path=/" in cookie and "Domain" not in cookie
        assert "Strict-Transport-Security" in app.test_client().get("/", base_url="https://localhost").headers
        db.drop_all()


def test_signed_in_pages_are_not_stored_by_caches(app, login, client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    staff = login(make_user())
    for path in ("/", "/account"):
        assert staff.get(path).headers["Cache-Control"] == "no-store"


def test_the_idle_prompt_is_on_signed_in_pages_only(app, login, client):
    anonymous = client.get("/").get_data(as_text=True)
    assert PROMPT_WORDS not in anonymous and "session.js" not in anonymous and "csrf-token" not in anonymous
    html = login(make_user()).get("/").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", html.split('id="idle-prompt"')[1].split("</div>")[0])
    assert " ".join(text.split()).endswith(
        "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây"
    )
    assert 'role="alertdialog"' in html and "aria-live" in html
    assert f'data-session-expires-ms="{IDLE * 1000}"' in html


def test_anonymous_readers_get_no_session_cookie(app, client):
    client.get("/")
    assert client.get_cookie("session") is None


@pytest.mark.parametrize(
    "password",
    ["ngan-qua", "1234567890", "password123", "Matkhau123", "qwertyuiop", "aaaaaaaaaaaa", "thuydung2026"],
)
def test_weak_passwords_are_refused(app, password):
    with pytest.raises(AccountError):
        create_user("thuydung", password, Role.AUTHOR)


@pytest.mark.parametrize(
    "password", ["mười ký tự đủ rồi", "Hương An " * 113, "Trời hôm nay trong xanh 🌤️", "correct horse battery"]
)
def test_long_and_unicode_passwords_work(app, client, password):
    create_user("thuydung", password, Role.AUTHOR)
    db.session.commit()
    assert sign_in(client, "thuydung", password).status_code == 302


@pytest.mark.parametrize("hops, expected", [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_client_address_comes_from_the_proxy_only_when_configured(tmp_path, clock, hops, expected):
    app = create_app({"PROXY_HOPS": hops, "MEDIA_DIR": str(tmp_path), "CLOCK": clock})
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        try:
            app.test_client().post(
                "/login",
                data={"username": "ai-do", "password": "sai-mat-khau-roi"},
                headers={"X-Forwarded-For": "203.0.113.9"},
            )
            assert db.session.scalar(sa.select(AuditLog.ip)) == expected
        finally:
            db.session.remove()
            db.drop_all()
