"""Administration: accounts, roles, sessions, settings, categories and the audit trail."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.content.sessions import IDLE_POLICY
from portal.content.settings import save_settings
from portal.extensions import db
from portal.models import Article, AuditLog, Category, Role, User, UserSession
from tests.factories import PASSWORD, make_article, make_category, make_user


@pytest.fixture
def people(app, login):
    """Signed-in clients for an author, an editor and an admin, plus the anonymous reader."""
    author = make_user(Role.AUTHOR, username="tacgia")
    editor = make_user(Role.EDITOR, username="bientap")
    admin = make_user(Role.ADMIN, username="quantri", display_name="Quản trị")
    db.session.commit()
    clients = {"author": login(author), "editor": login(editor), "admin": login(admin), "anonymous": app.test_client()}
    return {"author": author, "editor": editor, "admin": admin}, clients


def fresh(model, key):
    """The row as the database has it now (None once deleted)."""
    return db.session.scalar(sa.select(model).where(model.id == key))


def actions_by(actor: str | None = None) -> list[str]:
    stmt = sa.select(AuditLog.action).order_by(AuditLog.id)
    if actor is not None:
        stmt = stmt.where(AuditLog.actor_name == actor)
    return list(db.session.scalars(stmt))


ADMIN_ROUTES = [
    ("GET", "/admin/"),
    ("GET", "/admin/users"),
    ("GET", "/admin/users/new"),
    ("POST", "/admin/users/new"),
    ("GET", "/admin/users/{target}"),
    ("POST", "/admin/users/{target}"),
    ("POST", "/admin/users/{target}/deactivate"),
    ("POST", "/admin/users/{target}/reactivate"),
    ("POST", "/admin/users/{target}/reset-password"),
    ("POST", "/admin/users/{target}/delete"),
    ("POST", "/admin/users/{target}/sessions/end"),
    ("GET", "/admin/settings"),
    ("POST", "/admin/settings"),
    ("GET", "/admin/audit"),
    ("POST", "/admin/reauth"),
]


@pytest.mark.parametrize("method, path", ADMIN_ROUTES, ids=[f"{m} {p}" for m, p in ADMIN_ROUTES])
def test_only_administrators_reach_the_admin_area(people, method, path):
    users, clients = people
    target = make_user(Role.AUTHOR, username="doituong")
    db.session.commit()
    url = path.format(target=target.id)
    assert clients["anonymous"].open(url, method=method).status_code == 302
    assert clients["author"].open(url, method=method).status_code == 403
    assert clients["editor"].open(url, method=method).status_code == 403
    answer = clients["admin"].open(url, method=method)
    assert answer.status_code != 403 and not answer.headers.get("Location", "").startswith("/login")


CATEGORY_ROUTES = [("GET", "/editor/categories/"), ("POST", "/editor/categories/"), ("GET", "/editor/categories/{id}"),
                   ("POST", "/editor/categories/{id}"), ("POST", "/editor/categories/{id}/delete")]  # fmt: skip


@pytest.mark.parametrize("method, path", CATEGORY_ROUTES, ids=[f"{m} {p}" for m, p in CATEGORY_ROUTES])
def test_editors_and_admins_manage_categories_authors_do_not(people, method, path):
    users, clients = people
    category_id = make_category("Thông báo").id
    db.session.commit()
    url = path.format(id=category_id)
    assert clients["anonymous"].open(url, method=method).status_code == 302
    assert clients["author"].open(url, method=method).status_code == 403
    for role in ("editor", "admin"):
        answer = clients[role].open(url, method=method)
        assert answer.status_code != 403 and not answer.headers.get("Location", "").startswith("/login"), role
        if fresh(Category, category_id) is None:  # deleted: give the next role one to work on
            category_id = make_category("Thông báo").id
            db.session.commit()
            url = path.format(id=category_id)


def test_creating_an_account_with_a_generated_password_shown_once(people, app):
    users, clients = people
    response = clients["admin"].post(
        "/admin/users/new",
        data={"username": "NguoiMoi", "display_name": "Người Mới", "email": "Moi@HuongAn.example.vn", "role": "editor"},
    )
    assert response.status_code == 200
    password = re.search(r'id="generated-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    user = db.session.scalar(sa.select(User).where(User.username == "nguoimoi"))
    assert user.role is Role.EDITOR and user.email == "moi@huongan.example.vn" and user.must_change_password
    newcomer = app.test_client()
    newcomer.post("/login", data={"username": "nguoimoi", "password": password})
    forced = newcomer.get("/editor/")
    assert forced.status_code == 302 and forced.headers["Location"] == "/account"
    newcomer.post(
        "/account/password",
        data={
            "current_password": password,
            "new_password": "cum-tu-rieng-cua-toi",
            "confirm_password": "cum-tu-rieng-cua-toi",
        },
    )
    assert newcomer.get("/editor/").status_code == 200
    assert actions_by("quantri") == ["account.create"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"username": "tacgia"}, "đã có người dùng"),
        ({"username": "TACGIA"}, "đã có người dùng"),
        ({"username": "ｔａｃｇｉａ"}, "đã có người dùng"),  # full-width letters fold to ASCII
        ({"username": "tac\u200bgia"}, "đã có người dùng"),  # a zero-width space is dropped
        ({"username": "\u0430dmin"}, "Tên đăng nhập gồm"),  # Cyrillic а
        ({"username": "a"}, "Tên đăng nhập gồm"),
        ({"username": "x" * 65}, "Tên đăng nhập gồm"),
        ({"email": "khong-phai-email"}, "không hợp lệ"),
        ({"email": "trung@huongan.example.vn"}, "đã được dùng"),
        ({"password": "123456789"}, "ít nhất 10 ký tự"),
        ({"password": "matkhau123"}, "quá phổ biến"),
        ({"display_name": "T" * 121}, "Field cannot be longer than 120 characters"),
    ],
)
def test_bad_account_input_is_refused_with_the_form_kept(people, data, message):
    users, clients = people
    users["editor"].email = "trung@huongan.example.vn"
    db.session.commit()
    form = {"username": "nguoimoi", "display_name": "Người Mới Đến", "email": "", "role": "author", "password": ""}
    form.update(data)
    response = clients["admin"].post("/admin/users/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html
    assert 'value="Người Mới Đến"' in html or data.get("display_name")
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 3


def test_editing_name_email_and_role_ends_sessions_on_role_change(people, login):
    users, clients = people
    response = clients["admin"].post(
        f"/admin/users/{users['author'].id}",
        data={"display_name": "Tác Giả Mới", "email": "tg@huongan.example.vn", "role": "editor"},
    )
    assert response.status_code == 302
    author = db.session.get(User, users["author"].id)
    assert (author.display_name, author.email, author.role) == ("Tác Giả Mới", "tg@huongan.example.vn", Role.EDITOR)
    assert clients["author"].get("/editor/").status_code == 302  # the old session ended with the role change
    assert actions_by("quantri") == ["account.role", "account.update"]


def test_deactivating_signs_the_person_out_on_their_very_next_request(people):
    users, clients = people
    assert clients["author"].get("/editor/").status_code == 200
    clients["admin"].post(f"/admin/users/{users['author'].id}/deactivate")
    assert clients["author"].get("/editor/").status_code == 302
    assert clients["author"].post("/login", data={"username": "tacgia", "password": PASSWORD}).status_code == 200
    clients["admin"].post(f"/admin/users/{users['author'].id}/reactivate")
    assert clients["author"].post("/login", data={"username": "tacgia", "password": PASSWORD}).status_code == 302
    assert actions_by("quantri") == ["account.deactivate", "account.reactivate"]


def test_resetting_a_password_ends_sessions_and_forces_a_change(people, app):
    users, clients = people
    page = clients["admin"].post(f"/admin/users/{users['author'].id}/reset-password").get_data(as_text=True)
    password = re.search(r'id="generated-password">([^<]+)<', page).group(1)
    assert clients["author"].get("/editor/").status_code == 302
    author = db.session.get(User, users["author"].id)
    assert author.must_change_password and author.check_password(password)
    assert "account.password_reset" in actions_by("quantri")


def test_the_last_active_admin_cannot_be_demoted_deactivated_or_deleted(people, login):
    users, clients = people
    second = make_user(Role.ADMIN, username="quantri2")
    db.session.commit()
    other_admin = login(second)
    admin_id = users["admin"].id
    # An admin cannot lock themself out, even while another admin exists.
    for path in ("deactivate", "delete"):
        assert clients["admin"].post(f"/admin/users/{admin_id}/{path}").status_code == 302
    demote = clients["admin"].post(f"/admin/users/{admin_id}", data={"display_name": "Quản trị", "role": "editor"})
    assert demote.status_code == 400 and "chính mình" in demote.get_data(as_text=True)
    # The other admin may remove the first; then the second is the last and is protected.
    assert other_admin.post(f"/admin/users/{admin_id}/deactivate").status_code == 302
    assert db.session.get(User, admin_id).is_active is False
    from portal.content.accounts import AccountError, deactivate_account

    with pytest.raises(AccountError, match="cuối cùng"):
        deactivate_account(db.session.get(User, second.id), db.session.get(User, admin_id), None)
    assert db.session.get(User, second.id).is_active


def test_deleting_an_account_keeps_its_articles_and_bylines(people, client, clock):
    users, clients = people
    author_id = users["author"].id
    article = make_article("Bài của tác giả sắp nghỉ", author=users["author"], byline="Thùy Dung", now=clock())
    db.session.commit()
    assert clients["admin"].post(f"/admin/users/{author_id}/delete").status_code == 302
    assert fresh(User, author_id) is None
    kept = fresh(Article, article.id)
    assert kept.author_id is None and kept.byline == "Thùy Dung"
    assert "Thùy Dung" in client.get(f"/{kept.category.slug}/{kept.slug}-{kept.id}.html").get_data(as_text=True)
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "account.delete"))
    assert entry.actor_name == "quantri" and entry.target == "tacgia"


def test_admin_sees_and_ends_a_persons_sessions(people, app):
    users, clients = people
    page = clients["admin"].get(f"/admin/users/{users['author'].id}").get_data(as_text=True)
    assert "pytest" in page and "127.0.0.1" in page
    record = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == users["author"].id))
    assert clients["admin"].post(f"/admin/users/{users['author'].id}/sessions/{record.id}/end").status_code == 302
    assert clients["author"].get("/editor/").status_code == 302
    assert actions_by("quantri") == ["session.end"]


def test_an_old_sign_in_must_confirm_the_password_and_keeps_the_form(people, clock):
    users, clients = people
    clock.advance(minutes=20)
    clients["admin"].get("/admin/")  # active, but the sign-in is getting old
    clock.advance(minutes=11)
    form = {
        "username": "nguoimoi",
        "display_name": "Người Mới",
        "email": "",
        "role": "author",
        "password": "mot-cum-tu-du-dai",
    }
    asked = clients["admin"].post("/admin/users/new", data=form)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 401 and "Xác nhận mật khẩu" in html and 'value="Người Mới"' in html
    assert db.session.scalar(sa.select(User).where(User.username == "nguoimoi")) is None
    wrong = clients["admin"].post(
        "/admin/reauth?next=/admin/users/new", data={**form, "reauth_password": "sai-roi-nhe"}
    )
    assert wrong.status_code == 401 and 'value="Người Mới"' in wrong.get_data(as_text=True)
    confirmed = clients["admin"].post("/admin/reauth?next=/admin/users/new", data={**form, "reauth_password": PASSWORD})
    assert confirmed.status_code == 307 and confirmed.headers["Location"] == "/admin/users/new"
    again = clients["admin"].post("/admin/users/new", data=form)
    assert again.status_code == 302
    assert db.session.scalar(sa.select(User).where(User.username == "nguoimoi")) is not None
    assert actions_by("quantri") == ["reauth.failure", "reauth.success", "account.create"]


def test_reauth_never_redirects_off_the_site(people, clock):
    users, clients = people
    response = clients["admin"].post("/admin/reauth?next=//evil.example/", data={"reauth_password": PASSWORD})
    assert response.status_code == 307 and response.headers["Location"] == "/admin/users"


def test_a_changed_site_name_shows_in_the_public_header_at_once(people, client):
    users, clients = people
    client.get("/")
    data = {
        "site_name": "Cổng thông tin điện tử Xã Quế Xuân 1",
        "site_tagline": "",
        "footer_owner": "UBND xã Quế Xuân 1",
        "footer_address": "",
        "footer_phone": "",
        "footer_email": "",
        "idle_timeout_minutes": "45",
        "page_size": "12",
        "home_latest_count": "6",
        "default_language": "vi",
    }
    assert clients["admin"].post("/admin/settings", data=data).status_code == 302
    assert "Cổng thông tin điện tử Xã Quế Xuân 1" in client.get("/").get_data(as_text=True)
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "settings.update"))
    assert entry.actor_name == "quantri" and "site_name" in entry.detail
    bad = clients["admin"].post("/admin/settings", data={**data, "idle_timeout_minutes": "500", "site_name": "Tên mới"})
    assert bad.status_code == 400 and "Từ 5 đến 120 phút." in bad.get_data(as_text=True)
    assert 'value="Tên mới"' in bad.get_data(as_text=True)


def test_the_idle_timeout_setting_governs_sessions(people, clock):
    users, clients = people
    save_settings({"idle_timeout_minutes": "5"})
    db.session.commit()
    assert 'data-session-expires-ms="300000"' in clients["author"].get("/editor/").get_data(as_text=True)
    clock.advance(minutes=5)
    assert clients["author"].get("/editor/").status_code == 302


def test_the_audit_log_filters_by_person_action_and_date(people, clock, login):
    users, clients = people
    clients["admin"].post(f"/admin/users/{users['author'].id}/sessions/end")
    clock.advance(days=3)
    login(users["editor"]).post("/logout")
    clients["admin"] = login(users["admin"])
    ended, logged_out = "kết thúc mọi phiên đăng nhập của", "</a> đăng xuất."
    page = clients["admin"].get("/admin/audit?actor=quantri").get_data(as_text=True)
    assert ended in page and logged_out not in page
    by_action = clients["admin"].get("/admin/audit?action=logout").get_data(as_text=True)
    assert ended not in by_action and logged_out in by_action
    today = (clock() + timedelta(hours=7)).strftime("%d/%m/%Y")
    by_day = clients["admin"].get(f"/admin/audit?date_from={today}").get_data(as_text=True)
    assert ended not in by_day and logged_out in by_day
    assert clients["admin"].get("/admin/audit?page=99").status_code == 404
    assert clients["admin"].get("/admin/audit?date_from=hôm-qua").status_code == 200


def test_the_audit_log_holds_no_secrets(people, app):
    users, clients = people
    clients["anonymous"].post("/login", data={"username": "quantri", "password": "mot-mat-khau-bi-mat"})
    clients["admin"].post(f"/admin/users/{users['author'].id}/reset-password")
    text = " ".join(f"{e.target} {e.detail}" for e in db.session.scalars(sa.select(AuditLog)))
    assert "mot-mat-khau-bi-mat" not in text and "scrypt" not in text


def test_category_rename_keeps_old_urls_working(people, client, clock):
    users, clients = people
    category = make_category("Tin tức")
    article = make_article("Bài trong chuyên mục", category, now=clock())
    db.session.commit()
    old_slug = category.slug
    data = {"name": "Tin tức - Sự kiện", "slug": "tin-tuc-su-kien", "parent": "0", "position": "1", "description": ""}
    assert clients["editor"].post(f"/editor/categories/{category.id}", data=data).status_code == 302
    moved = client.get(f"/{old_slug}/?page=1")
    assert moved.status_code == 301 and moved.headers["Location"] == "/tin-tuc-su-kien/?page=1"
    old_article = client.get(f"/{old_slug}/{article.slug}-{article.id}.html")
    assert old_article.status_code == 301 and old_article.headers["Location"].startswith("/tin-tuc-su-kien/")
    assert "category.update" in actions_by("bientap")


def test_category_slug_rules_and_nesting(people):
    users, clients = people
    parent, child = make_category("Tin tức"), make_category("Tin huyện")
    db.session.commit()
    nest = {"name": "Tin huyện", "slug": child.slug, "parent": str(parent.id), "position": "0", "description": ""}
    assert clients["editor"].post(f"/editor/categories/{child.id}", data=nest).status_code == 302
    assert db.session.get(Category, child.id).parent_id == parent.id
    cycle = {"name": "Tin tức", "slug": parent.slug, "parent": str(child.id), "position": "0", "description": ""}
    assert clients["editor"].post(f"/editor/categories/{parent.id}", data=cycle).status_code == 400
    for bad_slug in ("admin", "login", child.slug):
        data = {"name": "Tin tức", "slug": bad_slug, "parent": "0", "position": "0", "description": ""}
        response = clients["editor"].post(f"/editor/categories/{parent.id}", data=data)
        assert response.status_code == 400, bad_slug


def test_deleting_a_category_asks_where_its_articles_go(people, client, clock):
    users, clients = people
    doomed, target = make_category("Chuyên mục cũ"), make_category("Chuyên mục mới")
    article = make_article("Bài cần giữ", doomed, now=clock())
    make_article("Bài cần giữ", target, now=clock())  # same slug waiting in the target
    db.session.commit()
    old_slug = doomed.slug
    refused = clients["editor"].post(f"/editor/categories/{doomed.id}/delete", data={})
    assert refused.status_code == 302 and db.session.get(Category, doomed.id) is not None
    assert (
        clients["editor"].post(f"/editor/categories/{doomed.id}/delete", data={"move_to": str(target.id)}).status_code
        == 302
    )
    kept = db.session.get(Article, article.id)
    assert kept.category_id == target.id and kept.slug == "bai-can-giu-2"
    assert client.get(f"/{old_slug}/").headers["Location"] == f"/{target.slug}/"
    assert "category.delete" in actions_by("bientap")


def test_every_publishing_decision_is_audited_with_its_actor(people, clock):
    users, clients = people
    category = make_category("Tin")
    db.session.commit()
    base = {"title": "Bài", "category": str(category.id), "action": "publish", "body": "<p>x</p>"}
    clients["editor"].post("/editor/articles/new", data=base)
    article = db.session.scalar(sa.select(Article))
    clients["editor"].post(
        f"/editor/articles/{article.id}/edit", data={**base, "action": "unpublish", "version": article.version}
    )
    article_id = article.id
    clients["admin"].post(f"/editor/articles/{article_id}/delete")
    assert actions_by("bientap") == ["article.publish", "article.unpublish"]
    assert actions_by("quantri") == ["article.delete"]
    assert fresh(Article, article_id) is None
    assert clients["author"].post(f"/editor/articles/{article_id}/delete").status_code == 404


def test_cli_set_role_and_deactivate_for_when_nobody_can_sign_in(people, runner):
    users, clients = people
    assert runner.invoke(args=["set-role", "tacgia", "admin"]).exit_code == 0
    assert fresh(User, users["author"].id).role is Role.ADMIN
    assert runner.invoke(args=["deactivate", "tacgia"]).exit_code == 0
    assert clients["author"].get("/editor/").status_code == 302
    assert runner.invoke(args=["deactivate", "tacgia", "--reactivate"]).exit_code == 0
    assert runner.invoke(args=["set-role", "tacgia", "author"]).exit_code == 0
    assert runner.invoke(args=["deactivate", "quantri"]).exit_code == 1  # the last active admin
    assert runner.invoke(args=["set-role", "quantri", "editor"]).exit_code == 1
    assert runner.invoke(args=["set-role", "khongco", "author"]).exit_code == 1


def test_a_person_changes_their_own_display_name(people):
    users, clients = people
    assert clients["author"].post("/account/name", data={"display_name": "  Thùy   Dung  "}).status_code == 302
    assert db.session.get(User, users["author"].id).display_name == "Thùy Dung"
    assert clients["author"].post("/account/name", data={"display_name": ""}).status_code == 400


def test_the_audit_log_pages_through_many_entries(people):
    users, clients = people
    for n in range(60):  # from 60 addresses: one address's failures are throttled after 20
        address = {"REMOTE_ADDR": f"203.0.113.{n}"}
        clients["anonymous"].post("/login", data={"username": f"ai-{n}", "password": "x"}, environ_base=address)
    first = clients["admin"].get("/admin/audit")
    assert first.status_code == 200 and "Trang sau" in first.get_data(as_text=True)
    assert clients["admin"].get("/admin/audit?page=2").status_code == 200


def test_password_confirmation_and_change_are_throttled(people, clock, login):
    users, clients = people
    clock.advance(minutes=29)
    clients["admin"].get("/admin/")
    clock.advance(minutes=2)  # the sign-in is now older than 30 minutes
    for _ in range(5):
        assert (
            clients["admin"]
            .post("/admin/reauth?next=/admin/users", data={"reauth_password": "doan-sai-mat-khau"})
            .status_code
            == 401
        )
    assert (
        clients["admin"].post("/admin/reauth?next=/admin/users", data={"reauth_password": PASSWORD}).status_code == 429
    )
    clients["author"] = login(users["author"])  # the old session has gone idle meanwhile
    for _ in range(5):
        clients["author"].post(
            "/account/password",
            data={
                "current_password": "sai-roi",
                "new_password": "ca-vang-boi-loi",
                "confirm_password": "ca-vang-boi-loi",
            },
        )
    blocked = clients["author"].post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "ca-vang-boi-loi", "confirm_password": "ca-vang-boi-loi"},
    )
    assert blocked.status_code == 429


def test_refusals_are_audited(people):
    users, clients = people
    clients["author"].get("/admin/users")
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "access.denied"))
    assert entry.actor_name == "tacgia" and entry.target == "GET /admin/users"


def test_an_old_category_slug_with_odd_query_arguments_still_redirects(people, client):
    users, clients = people
    category = make_category("Tin tức")
    db.session.commit()
    data = {"name": "Tin tức", "slug": "tin-moi", "parent": "0", "position": "0", "description": ""}
    clients["editor"].post(f"/editor/categories/{category.id}", data=data)
    response = client.get("/tin-tuc/?category_slug=x&_external=1")
    assert response.status_code == 301 and response.headers["Location"] == "/tin-moi/?category_slug=x&_external=1"


def test_a_forced_password_change_also_gates_categories(people):
    users, clients = people
    users["editor"].must_change_password = True
    db.session.commit()
    assert clients["editor"].get("/editor/categories/").headers["Location"] == "/account"


def test_the_idle_timeout_field_takes_its_bounds_and_message_from_the_policy(people):
    users, clients = people
    page = clients["admin"].get("/admin/settings").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="idle_timeout_minutes"[^>]*>', page).group(0)
    assert f'min="{IDLE_POLICY.min_minutes}"' in field and f'max="{IDLE_POLICY.max_minutes}"' in field
    assert 'value="30"' in field  # PORTAL_IDLE_TIMEOUT (1800 s) in minutes
    clients["admin"].set_cookie("portal_lang", "en")
    bad = clients["admin"].post("/admin/settings", data={"idle_timeout_minutes": "4", "site_name": "X"})
    assert bad.status_code == 400 and "Between 5 and 120 minutes." in bad.get_data(as_text=True)
