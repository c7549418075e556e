"""Sign-in, sign-out, keep-alive, session status, and each person's own account page."""

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal import clock
from portal.auth import throttle
from portal.auth.forms import ChangePasswordForm, ConfirmForm, DisplayNameForm, LoginForm
from portal.auth.guard import session_state
from portal.content import audit
from portal.content.accounts import AccountError, authenticate, change_password, normalize_username
from portal.content.sessions import end_session, open_session, open_sessions
from portal.content.text import normalize_text
from portal.content.throttling import wait_message
from portal.extensions import db
from portal.models import UserSession
from portal.web.redirects import safe_next
from portal.web.traffic import background_request, client_address, passive_request

bp = Blueprint("auth", __name__)


def landing_url() -> str:
    """Where a person goes after signing in when no `next` was given."""
    endpoint = "editor.dashboard" if "editor.dashboard" in current_app.view_functions else "public.home"
    return url_for(endpoint)


def too_many_attempts(form: LoginForm, wait: int):
    """The 429 answer, in words a person understands, with the wait."""
    message = wait_message(wait, signing_in=True)
    username = normalize_username(form.username.data or "")[:64]
    audit.record_repeated("login.throttled", None, target=username, ip=client_address())
    db.session.commit()
    page = render_template("auth/login.html", form=form, error=message)
    return page, 429, {"Retry-After": str(wait)}


@bp.route("/login", methods=["GET", "POST"])
@passive_request  # the idle prompt's script lands here: that must not renew the session it ends
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data) or landing_url())
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    username, address = normalize_username(form.username.data), client_address()
    wait = throttle.seconds_blocked(username, address)
    if wait:
        return too_many_attempts(form, wait)
    user = authenticate(username, form.password.data)
    if user is None:
        throttle.count_failure(username, address)
        audit.record("login.failure", None, target=username, ip=address)
        db.session.commit()
        form.password.data = ""
        return render_template("auth/login.html", form=form, error=_("Tên đăng nhập hoặc mật khẩu không đúng."))
    return start_session(user, safe_next(form.next.data))


def start_session(user, next_url: str | None):
    """Replace whatever session the browser had with a new record and cookie."""
    now = clock.now()
    if current_user.is_authenticated:
        end_session(current_user.session_record, "replaced", now)
    session.clear()
    record, token = open_session(user, client_address(), request.user_agent.string, now)
    user.session_record, user.session_token = record, token
    user.last_login_at = now
    audit.record("login.success", user, target=user.username, ip=client_address())
    db.session.commit()
    login_user(user)
    response = redirect(next_url or landing_url())
    throttle.remember_device(response, user)
    return response


@bp.get("/logout")
def confirm_logout():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/logout.html", form=ConfirmForm())


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        end_session(current_user.session_record, "logout", clock.now())
        audit.record("logout", current_user, target=current_user.username, ip=client_address())
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/session/keepalive")
@login_required
def keepalive():
    return jsonify(session_state())


@bp.get("/session/status")
@background_request
@login_required
def status():
    return jsonify(session_state())


def render_account(password_form: ChangePasswordForm, status: int = 200, name_form: DisplayNameForm | None = None):
    """The account page with the given forms (kept as typed on errors)."""
    page = render_template(
        "auth/account.html",
        password_form=password_form,
        name_form=name_form or DisplayNameForm(formdata=None, display_name=current_user.display_name),
        confirm_form=ConfirmForm(),
        sessions=open_sessions(current_user),
        current_record=current_user.session_record,
    )
    return page, status


@bp.get("/account")
@login_required
def account():
    return render_account(ChangePasswordForm())


@bp.post("/account/password")
@login_required
def change_own_password():
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return render_account(form, 400)
    wait = throttle.seconds_blocked(current_user.username, client_address())
    if wait:
        form.current_password.errors.append(wait_message(wait))
        return render_account(form, 429)
    if not current_user.check_password(form.current_password.data):
        throttle.count_failure(current_user.username, client_address())
        audit.record("account.password_change_failure", current_user, target=current_user.username, ip=client_address())
        db.session.commit()
        form.current_password.errors.append(_("Mật khẩu hiện tại không đúng."))
        return render_account(form, 400)
    try:
        ended = change_password(current_user, form.new_password.data, clock.now(), keep=current_user.session_record)
    except AccountError as error:
        form.new_password.errors.append(str(error))
        return render_account(form, 400)
    audit.record("account.password_change", current_user, target=current_user.username, ip=client_address())
    db.session.commit()
    flash(_("Đã đổi mật khẩu. %(n)s phiên đăng nhập khác đã được kết thúc.", n=ended), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/name")
@login_required
def change_own_name():
    form = DisplayNameForm()
    name = normalize_text(form.display_name.data or "")
    if not form.validate_on_submit() or not name:
        return render_account(ChangePasswordForm(formdata=None), 400, name_form=form)
    current_user.display_name = name[:120]
    audit.record(
        "account.update", current_user, target=current_user.username, ip=client_address(), detail="display_name"
    )
    db.session.commit()
    flash(_("Đã đổi tên hiển thị."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end_own_session(session_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    record = db.session.get(UserSession, session_id)
    if record is None or record.user_id != current_user.id or record.ended_at is not None:
        abort(404)
    end_session(record, "ended_by_owner", clock.now())
    audit.record("session.end", current_user, target=f"session:{record.id}", ip=client_address())
    db.session.commit()
    if record.id == current_user.session_record.id:
        return redirect(url_for("auth.login"))
    flash(_("Đã kết thúc phiên đăng nhập."), "success")
    return redirect(url_for("auth.account"))
