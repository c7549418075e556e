"""Account rules: usernames, passwords, creation."""

import re
import unicodedata

import sqlalchemy as sa

from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Role, User

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
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


def validate_password(password: str) -> None:
    """Raise AccountError when the password is too short or too long."""
    length = len(unicodedata.normalize("NFC", password))
    if length < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if length > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu dài tối đa {MAX_PASSWORD_LENGTH} ký tự.")


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
    validate_password(password)
    if find_user(canonical) is not None:
        raise AccountError(f"Tên đăng nhập “{canonical}” đã có người dùng.")
    user = User(username=canonical, display_name=normalize_text(display_name)[:120] or canonical, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
