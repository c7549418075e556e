"""The server-side session guard: load the person from a session record, enforce the idle
and absolute limits, answer the signed-out, and keep signed-in pages out of caches."""

import hashlib
from datetime import datetime, timedelta

from flask import Flask, current_app, flash, g, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.content import audit
from portal.content.sessions import (
    IDLE_POLICY,
    SessionPolicy,
    end_session,
    find_open_session,
    milliseconds_left,
    reason_to_end,
    touch,
)
from portal.errors import database_known_down
from portal.extensions import db, login_manager
from portal.models import User
from portal.templating import current_settings
from portal.web.redirects import safe_next
from portal.web.traffic import client_address, current_target, is_passive_request, local_target, wants_json

# A redirect answered to a request that was not activity: the page it leads to is not either.
PASSIVE_LANDING_KEY = "_passive_landing"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


def idle_timeout() -> int:
    """Seconds of inactivity that end a session: the site setting, else PORTAL_IDLE_TIMEOUT."""
    setting = current_settings().get("idle_timeout_minutes", "")
    return IDLE_POLICY.timeout_seconds(setting, current_app.config["IDLE_TIMEOUT"])


def session_policy() -> SessionPolicy:
    """The idle and absolute limits in force."""
    return SessionPolicy(idle_timeout(), current_app.config["SESSION_LIFETIME"])


def load_user_from_session_token(token: str) -> User | None:
    """Flask-Login's user loader: the cookie names a session record, not an account."""
    if database_known_down():
        return None  # the 503 page is drawn as for a reader; the cookie stays as it was
    record = find_open_session(token)
    if record is None:
        session.pop("_user_id", None)
        g.session_ended = "unknown"
        return None
    now = clock.now()
    reason = reason_to_end(record, session_policy(), now)
    if reason:
        end_session(record, reason, now)
        audit.record(f"session.{reason}", record.user, ip=client_address())
        db.session.commit()
        session.pop("_user_id", None)
        g.session_ended = reason
        return None
    if counts_as_activity():
        touch(record, now)
        db.session.commit()
    user = record.user
    user.session_record, user.session_token = record, token
    return user


def target_digest(target: str) -> str:
    """A short fingerprint of a path and query, to keep in the session cookie instead of the path."""
    return hashlib.sha256(target.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def counts_as_activity() -> bool:
    """Whether this request is something the person did: not a script's poll, not the sign-in
    page or the language switch, and not the page a redirect from one of those leads to."""
    landing = session.pop(PASSIVE_LANDING_KEY, None)
    return not is_passive_request() and landing != target_digest(current_target())


def remember_passive_redirect(response):
    """A redirect answered by the sign-in page or the language switch (GET): its target is not activity either."""
    passive_get = request.method == "GET" and is_passive_request()
    if passive_get and response.status_code in REDIRECT_CODES and "_user_id" in session:
        session[PASSIVE_LANDING_KEY] = target_digest(local_target(response.location or ""))
    return response


def session_state() -> dict:
    """What the idle prompt's script is told about the signed-in person's session."""
    policy = session_policy()
    return {
        "authenticated": True,
        "expires_in_ms": milliseconds_left(current_user.session_record, policy, clock.now()),
        "idle_timeout": policy.idle_timeout,
        "warning": policy.warning_seconds,
    }


def answer_signed_out():
    """Pages redirect to the sign-in form with `next`; JSON endpoints answer 401."""
    ended = g.get("session_ended") in {"idle", "lifetime", "unknown"}
    message = (
        _("Phiên đăng nhập đã kết thúc vì bạn không sử dụng trang quá lâu. Vui lòng đăng nhập lại.")
        if ended
        else _("Vui lòng đăng nhập để tiếp tục.")
    )
    if ended or not wants_json():
        flash(message, "warning")  # shown on the sign-in page the script goes to next
    if wants_json():
        return jsonify(authenticated=False, error=message), 401
    target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=safe_next(target)))


REAUTH_MAX_AGE = timedelta(minutes=30)
PASSWORD_CHANGE_GATED = ("editor.", "admin.", "categories.")


def signed_in_recently() -> bool:
    """Whether the person signed in, or typed their password again, in the last 30 minutes."""
    confirmed = current_user.session_record.created_at
    stamp = session.get("reauth_at")
    if stamp:
        try:
            confirmed = max(confirmed, datetime.fromisoformat(stamp))
        except ValueError:
            pass
    return clock.now() - confirmed < REAUTH_MAX_AGE


def mark_reauthenticated() -> None:
    """Remember that the person has just typed their password again."""
    session["reauth_at"] = clock.now().isoformat()


def require_password_change():
    """Send a person whose password must be changed to the account page first."""
    endpoint = request.endpoint or ""
    if not endpoint.startswith(PASSWORD_CHANGE_GATED) or not current_user.is_authenticated:
        return None
    if current_user.must_change_password:
        flash(_("Vui lòng đổi mật khẩu ban đầu trước khi tiếp tục."), "warning")
        return redirect(url_for("auth.account"))
    return None


def session_template_context() -> dict:
    """What base.html needs for the idle prompt of a signed-in person."""
    return {"session_state": session_state() if current_user.is_authenticated else None}


def register(app: Flask) -> None:
    """Install the loader, the signed-out answer, the template context and no-store."""
    login_manager.user_loader(load_user_from_session_token)
    login_manager.unauthorized_handler(answer_signed_out)
    login_manager.session_protection = None  # the server-side record is the protection
    app.context_processor(session_template_context)
    app.before_request(require_password_change)
    app.after_request(remember_passive_redirect)

    @app.after_request
    def no_store_for_signed_in(response):
        shared_files = request.endpoint in {"static", "public.media", "public.favicon"}  # the same for everyone: keep caching them
        if ("_user_id" in session and not shared_files) or request.endpoint in {"auth.login"}:
            response.headers["Cache-Control"] = "no-store"
            response.headers["Vary"] = "Cookie"
        return response
