"""Sign-in throttling for the views: the device cookie of browsers that signed in before, and
the counts kept by portal.content.throttling (the numbers are there)."""

import hashlib
import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from portal import clock
from portal.content import throttling
from portal.content.accounts import find_user
from portal.models import User
from portal.security import set_lasting_cookie

DEVICE_COOKIE = "portal_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="portal-device-cookie")


def _stamp(user: User) -> str:
    """Changes with the password: a new password (changed or reset) withdraws every device cookie."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def trusted_device(username: str) -> str | None:
    """The browser's device id when its cookie is genuine, was issued to this username, and
    the account's password has not changed since."""
    raw = request.cookies.get(DEVICE_COOKIE, "")
    if not raw or len(raw) > 400:
        return None
    try:
        claim = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(claim, dict) or claim.get("u") != username or not isinstance(claim.get("d"), str):
        return None
    user = find_user(username)
    if user is None or not user.is_active or claim.get("s") != _stamp(user):
        return None
    return claim["d"]


def remember_device(response: Response, user: User) -> None:
    """Give the browser that just signed in a device cookie for this account."""
    device = trusted_device(user.username) or secrets.token_urlsafe(16)
    token = _serializer().dumps({"u": user.username, "d": device, "s": _stamp(user)})
    set_lasting_cookie(response, DEVICE_COOKIE, token, DEVICE_COOKIE_MAX_AGE)


def _attempt(username: str, address: str) -> throttling.Attempt:
    return throttling.Attempt(username, address, trusted_device(username))


def _namespace() -> str:
    return current_app.config.get("THROTTLE_NAMESPACE", "")


def seconds_blocked(username: str, address: str) -> int:
    """How long this attempt must wait (0 when it may go ahead)."""
    return throttling.seconds_blocked(_attempt(username, address), clock.now(), _namespace())


def count_failure(username: str, address: str) -> None:
    """Count a failed attempt (committed with the caller's transaction)."""
    throttling.count_failure(_attempt(username, address), clock.now(), _namespace())
