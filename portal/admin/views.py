"""Views of the administration area: administrators only, checked on every request."""

from functools import wraps

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.admin.audit_views import audit_link
from portal.admin.blueprint import bp
from portal.admin.forms import (
    AccountForm,
    AccountSearchForm,
    ConfirmForm,
    NewAccountForm,
    ReauthForm,
    SettingsForm,
)
from portal.auth import throttle
from portal.auth.guard import mark_reauthenticated, signed_in_recently
from portal.content import audit
from portal.content.accounts import (
    AccountError,
    create_account,
    deactivate_account,
    delete_account,
    find_accounts,
    reset_account_password,
    role_counts,
    set_active,
    update_account,
)
from portal.content.audit_sentences import describe_all
from portal.content.sessions import IDLE_POLICY, end_all_sessions, end_session, open_sessions
from portal.content.settings import save_settings
from portal.content.throttling import wait_message
from portal.extensions import db
from portal.models import Role, User, UserSession
from portal.templating import current_settings
from portal.web.redirects import safe_next
from portal.web.traffic import client_address


def recent_password_required(view):
    """Before a change to accounts or roles, ask for the password if the sign-in is old.

    The confirmation page carries the submitted form along and, once the password is right,
    answers 307 so the browser posts the very same form again: nothing typed is lost.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method == "POST" and not signed_in_recently():
            carried = [(k, v) for k, v in request.form.items(multi=True) if k != "reauth_password"]
            page = render_template("admin/reauth.html", form=ReauthForm(), carried=carried, target=request.path)
            return page, 401
        return view(*args, **kwargs)

    return wrapper


@bp.post("/reauth")
def reauth():
    form = ReauthForm()
    target = safe_next(request.args.get("next")) or ""
    if not target.startswith("/admin/"):
        target = url_for("admin.accounts")
    carried = [(k, v) for k, v in request.form.items(multi=True) if k != "reauth_password"]
    wait = throttle.seconds_blocked(current_user.username, client_address())
    if wait:
        error = wait_message(wait)
        return render_template("admin/reauth.html", form=form, carried=carried, target=target, error=error), 429
    if form.validate_on_submit() and current_user.check_password(form.reauth_password.data):
        mark_reauthenticated()
        audit.record("reauth.success", current_user, ip=client_address())
        db.session.commit()
        return redirect(target, code=307)
    throttle.count_failure(current_user.username, client_address())
    audit.record("reauth.failure", current_user, ip=client_address())
    db.session.commit()
    error = _("Mật khẩu không đúng.")
    return render_template("admin/reauth.html", form=form, carried=carried, target=target, error=error), 401


def account_or_404(user_id: int) -> User:
    """An account by id."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def log(action: str, target: str, detail: str = "") -> None:
    """An audit entry for the signed-in administrator."""
    audit.record(action, current_user, target=target, ip=client_address(), detail=detail)


@bp.get("/")
def index():
    recent = audit.latest(10)
    described = list(zip(recent, describe_all(recent), strict=True))
    return render_template("admin/index.html", entries=described, link=audit_link, counts=role_counts())


@bp.get("/users")
def accounts():
    search = AccountSearchForm(request.args)
    role = Role(search.role.data) if search.role.data in {r.value for r in Role} else None
    active = search.active.data == "1" if search.active.data in {"0", "1"} else None
    users = find_accounts(search.q.data or "", role, active)
    return render_template("admin/accounts.html", users=users, search=search)


@bp.route("/users/new", methods=["GET", "POST"])
@recent_password_required
def new_account():
    form = NewAccountForm()
    if not form.validate_on_submit():
        return render_template("admin/account_new.html", form=form), 400 if request.method == "POST" else 200
    try:
        user, generated = create_account(
            form.username.data, form.display_name.data, form.email.data or "", Role(form.role.data), form.password.data
        )
    except AccountError as error:
        db.session.rollback()
        form.username.errors = [*form.username.errors, str(error)]
        return render_template("admin/account_new.html", form=form), 400
    log("account.create", user.username, detail=f"role={user.role.value}")
    db.session.commit()
    if generated:
        return render_template("admin/password_shown.html", user=user, password=generated)
    flash(
        _("Đã tạo tài khoản %(name)s. Người đó phải đổi mật khẩu khi đăng nhập lần đầu.", name=user.username), "success"
    )
    return redirect(url_for("admin.account", user_id=user.id))


def render_account(user: User, form: AccountForm, status: int = 200):
    """The account page: its details form, actions and open sessions."""
    sessions = open_sessions(user)
    page = render_template("admin/account.html", user=user, form=form, sessions=sessions, confirm_form=ConfirmForm())
    return page, status


@bp.get("/users/<int:user_id>")
def account(user_id: int):
    user = account_or_404(user_id)
    form = AccountForm(
        formdata=None, data={"display_name": user.display_name, "email": user.email, "role": user.role.value}
    )
    return render_account(user, form)


@bp.post("/users/<int:user_id>")
@recent_password_required
def update(user_id: int):
    user = account_or_404(user_id)
    form = AccountForm()
    if not form.validate_on_submit():
        return render_account(user, form, 400)
    old_role = user.role.value
    try:
        changed = update_account(
            user, form.display_name.data, form.email.data or "", Role(form.role.data), current_user, clock.now()
        )
    except AccountError as error:
        db.session.rollback()
        form.role.errors = [*form.role.errors, str(error)]
        return render_account(account_or_404(user_id), form, 400)
    if "role" in changed:
        log("account.role", user.username, detail=f"{old_role} -> {user.role.value}")
    if {"display_name", "email"} & set(changed):
        log("account.update", user.username, detail=", ".join(c for c in changed if c != "role"))
    db.session.commit()
    flash(_("Đã lưu tài khoản."), "success")
    return redirect(url_for("admin.account", user_id=user.id))


def account_action(user_id: int, action, audit_action: str, message: str):
    """Run a button-only action on an account, with its audit entry and a flash."""
    user = account_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        result = action(user)
    except AccountError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("admin.account", user_id=user_id))
    log(audit_action, user.username)
    db.session.commit()
    if isinstance(result, (str, Response)):
        return result
    flash(message, "success")
    return redirect(url_for("admin.account", user_id=user_id))


@bp.post("/users/<int:user_id>/deactivate")
@recent_password_required
def deactivate(user_id: int):
    return account_action(
        user_id,
        lambda user: deactivate_account(user, current_user, clock.now()),
        "account.deactivate",
        _("Đã khóa tài khoản; mọi phiên đăng nhập của người đó đã kết thúc."),
    )


@bp.post("/users/<int:user_id>/reactivate")
@recent_password_required
def reactivate(user_id: int):
    return account_action(
        user_id, lambda user: set_active(user, True, clock.now()), "account.reactivate", _("Đã mở khóa tài khoản.")
    )


@bp.post("/users/<int:user_id>/reset-password")
@recent_password_required
def reset_password(user_id: int):
    def reset(user):
        password = reset_account_password(user, clock.now())
        return render_template("admin/password_shown.html", user=user, password=password)

    return account_action(user_id, reset, "account.password_reset", "")


@bp.post("/users/<int:user_id>/delete")
@recent_password_required
def delete(user_id: int):
    def remove(user):
        delete_account(user, current_user)
        flash(_("Đã xóa tài khoản %(name)s. Các bài viết của người đó vẫn giữ nguyên.", name=user.username), "success")
        return redirect(url_for("admin.accounts"))

    return account_action(user_id, remove, "account.delete", "")


@bp.post("/users/<int:user_id>/sessions/end")
def end_sessions(user_id: int):
    def end_all(user):
        end_all_sessions(user, "ended_by_admin", clock.now())

    return account_action(user_id, end_all, "session.end_all", _("Đã kết thúc mọi phiên đăng nhập của tài khoản."))


@bp.post("/users/<int:user_id>/sessions/<int:session_id>/end")
def end_one_session(user_id: int, session_id: int):
    record = db.session.get(UserSession, session_id)
    if record is None or record.user_id != user_id:
        abort(404)

    def end_one(user):
        end_session(record, "ended_by_admin", clock.now())

    return account_action(user_id, end_one, "session.end", _("Đã kết thúc phiên đăng nhập."))


def settings_form_data() -> dict:
    """The settings form's values from the stored settings."""
    stored = current_settings()
    data = {key: stored.get(key, "") for key in ("site_name", "site_tagline", "footer_owner", "footer_address")}
    data |= {key: stored.get(key, "") for key in ("footer_phone", "footer_email")}
    setting = stored.get("idle_timeout_minutes", "")
    data["idle_timeout_minutes"] = IDLE_POLICY.minutes_shown(setting, current_app.config["IDLE_TIMEOUT"])
    data["page_size"] = int(stored.get("page_size") or 10)
    data["home_latest_count"] = int(stored.get("home_latest_count") or 8)
    data["default_language"] = stored.get("default_language") or current_app.config["DEFAULT_LOCALE"]
    return data


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    form = SettingsForm() if request.method == "POST" else SettingsForm(formdata=None, data=settings_form_data())
    if not form.validate_on_submit():
        return render_template("admin/settings.html", form=form), 400 if request.method == "POST" else 200
    values = {name: str(form[name].data) for name in settings_form_data()}
    before = current_settings()
    changed = sorted(k for k, v in values.items() if before.get(k, "") != v)
    save_settings(values)
    log("settings.update", "settings", detail=", ".join(changed))
    db.session.commit()
    flash(_("Đã lưu cài đặt; thay đổi có hiệu lực ngay."), "success")
    return redirect(url_for("admin.settings"))
