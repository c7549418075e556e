"""Account rules: usernames, passwords, creation."""

import functools
import re
import secrets
import unicodedata
from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from portal.content.passwords import password_problem
from portal.content.sessions import end_all_sessions
from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Role, User, UserSession

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$")


class AccountError(ValueError):
    """An account change that breaks a rule; the message is shown to the person."""


def normalize_username(raw: str) -> str:
    """Fold a username to its canonical form (NFKC, lowercase, trimmed).

    Full-width letters become ASCII; look-alikes from other scripts stay non-ASCII and are
    then refused by validate_username.
    """
    return unicodedata.normalize("NFKC", normalize_text(raw)).lower()


def validate_username(username: str) -> str:
    """Return the canonical username or raise AccountError."""
    canonical = normalize_username(username)
    if not USERNAME_PATTERN.match(canonical):
        raise AccountError(
            "Tên đăng nhập gồm 3 đến 64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang "
            "hoặc gạch dưới, bắt đầu và kết thúc bằng chữ hoặc số."
        )
    return canonical


def validate_password(password: str, username: str = "") -> None:
    """Raise AccountError when the password breaks the policy (see portal.content.passwords)."""
    problem = password_problem(password, username)
    if problem:
        raise AccountError(problem)


def find_user(username: str) -> User | None:
    """Return the account with this username (in any of its spellings), or None."""
    return db.session.scalar(sa.select(User).where(User.username == normalize_username(username)))


def create_user(username: str, password: str, role: Role, display_name: str = "") -> User:
    """Create an account.

    Args:
        username: the sign-in name; normalized, and refused if malformed or taken.
        password: the initial password; refused if too short or too long.
        role: author, editor or admin.
        display_name: the name shown in the interface; the username when blank.
    Returns:
        The new User, added and flushed.
    Raises:
        AccountError: a rule is broken; nothing was written.
    """
    canonical = validate_username(username)
    validate_password(password, canonical)
    if find_user(canonical) is not None:
        raise AccountError(f"Tên đăng nhập “{canonical}” đã có người dùng.")
    user = User(username=canonical, display_name=normalize_text(display_name)[:120] or canonical, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, new_password: str, now: datetime, keep: UserSession | None = None) -> int:
    """Set a new password and end the person's other sessions; return how many ended.

    Raises:
        AccountError: the new password breaks the policy; nothing changed.
    """
    validate_password(new_password, user.username)
    user.set_password(new_password)
    user.must_change_password = False
    return end_all_sessions(user, "password", now, keep=keep)


def set_role(user: User, role: Role, now: datetime) -> int:
    """Give the account another role; its sessions end so the change bites at once."""
    if user.role is role:
        return 0
    user.role = role
    return end_all_sessions(user, "role", now)


def set_active(user: User, active: bool, now: datetime) -> int:
    """Deactivate (ending every session at once) or reactivate an account."""
    user.is_active = active
    return 0 if active else end_all_sessions(user, "deactivated", now)


@functools.cache
def _dummy_hash() -> str:
    """A real scrypt hash to check against when the username is unknown."""
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def authenticate(username: str, password: str) -> User | None:
    """Return the active account these credentials open, or None.

    An unknown or inactive username costs the same hashing time as a wrong password, so
    neither the answer nor its timing tells them apart.
    """
    user = find_user(username)
    if user is None or not user.is_active:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.check_password(password) else None
