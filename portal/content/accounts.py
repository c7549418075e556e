"""Account rules: usernames, emails, passwords, roles, and the last administrator."""

import functools
import re
import secrets
import unicodedata
from datetime import datetime

import email_validator
import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext
from werkzeug.security import check_password_hash, generate_password_hash

from portal.content.passwords import NUKEVIET_SCHEMES, check_nukeviet_password, nukeviet_scheme, password_problem
from portal.content.sessions import end_all_sessions
from portal.content.settings import load_settings
from portal.content.text import like_pattern, normalize_text
from portal.extensions import db
from portal.models import Role, User, UserSession

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]")


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
    if not USERNAME_PATTERN.fullmatch(canonical):
        raise AccountError(
            gettext(
                "Tên đăng nhập gồm 3 đến 64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang "
                "hoặc gạch dưới, bắt đầu và kết thúc bằng chữ hoặc số."
            )
        )
    return canonical


# Settings that name the site and its place: a password may not be made of their words.
SITE_WORD_SETTINGS = ("site_name", "site_tagline", "footer_owner")


def site_words() -> tuple[str, ...]:
    """The texts that name this site, from its settings (name, tagline, owner)."""
    settings = load_settings()
    return tuple(settings[key] for key in SITE_WORD_SETTINGS if settings.get(key))


def validate_password(password: str, username: str = "", display_name: str = "") -> None:
    """Raise AccountError when the password breaks the policy (see portal.content.passwords)."""
    problem = password_problem(password, username, site_words(), display_name)
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
    validate_password(password, canonical, display_name)
    if find_user(canonical) is not None:
        raise AccountError(gettext("Tên đăng nhập “%(name)s” đã có người dùng.", name=canonical))
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
    validate_password(new_password, user.username, user.display_name)
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
    neither the answer nor its timing tells them apart. A password hash brought over from
    NukeViet is checked as NukeViet did and, when it matches, replaced by the portal's own
    (the caller commits).
    """
    user = find_user(username)
    if user is None or not user.is_active:
        check_password_hash(_dummy_hash(), password)
        return None
    if nukeviet_scheme(user.password_hash) is None:
        return user if user.check_password(password) else None
    check_password_hash(_dummy_hash(), password)  # a fast old hash must not tell the account exists
    if not check_nukeviet_password(user.password_hash, password):
        return None
    upgrade_nukeviet_hash(user, password)
    return user


def upgrade_nukeviet_hash(user: User, password: str) -> None:
    """Replace a NukeViet hash the password just opened by the portal's own (scrypt).

    An old password this site's policy would refuse (too short, too common) must be changed
    before the person goes on, as an initial password must.
    """
    user.set_password(password)
    try:
        validate_password(password, user.username, user.display_name)
    except AccountError:
        user.must_change_password = True


def require_password_change(imported_only: bool) -> list[str]:
    """Make accounts choose a new password right after their next sign-in.

    Args:
        imported_only: only the accounts still holding a NukeViet hash (nobody has signed in
            to them since the import); otherwise every active account.
    Returns:
        The usernames now flagged, in order (the caller commits).
    """
    query = sa.select(User).where(User.is_active, User.must_change_password.is_(False)).order_by(User.username)
    if imported_only:
        query = query.where(sa.or_(*(User.password_hash.startswith(p, autoescape=True) for p in NUKEVIET_SCHEMES)))
    users = list(db.session.scalars(query))
    for user in users:
        user.must_change_password = True
    return [user.username for user in users]


def normalize_email(raw: str) -> str | None:
    """The canonical form of an email address, None when blank; AccountError when invalid."""
    text = normalize_text(raw)
    if not text:
        return None
    try:
        return email_validator.validate_email(text, check_deliverability=False).normalized.lower()
    except email_validator.EmailNotValidError:
        raise AccountError(gettext("Địa chỉ thư điện tử không hợp lệ.")) from None


def check_email_free(email: str | None, user: User | None = None) -> None:
    """Raise AccountError when another account already uses the email."""
    if email is None:
        return
    other = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email))
    if other is not None and other is not user:
        raise AccountError(gettext("Địa chỉ thư điện tử này đã được dùng cho tài khoản khác."))


def generate_password() -> str:
    """A random initial password, shown once to the administrator."""
    return "-".join(secrets.token_urlsafe(4).replace("-", "x").replace("_", "y") for _ in range(4))


def active_admin_count() -> int:
    """How many active administrators there are."""
    stmt = sa.select(sa.func.count(User.id)).where(User.role == Role.ADMIN, User.is_active.is_(True))
    return db.session.scalar(stmt) or 0


def is_last_admin(user: User) -> bool:
    """Whether the user is the only active administrator left (whom no one may demote, lock or delete)."""
    return user.role is Role.ADMIN and user.is_active and active_admin_count() <= 1


def _guard_last_admin(user: User) -> None:
    """Refuse to take away the last active administrator."""
    if is_last_admin(user):
        raise AccountError(gettext("Đây là quản trị viên cuối cùng đang hoạt động; không thể bỏ quyền, khóa hay xóa."))


# Whole sentences, one per action, so that each translates on its own.
_SELF_REFUSALS = {
    "role": lazy_gettext("Bạn không thể tự đổi vai trò của chính mình; hãy nhờ một quản trị viên khác."),
    "lock": lazy_gettext("Bạn không thể tự khóa chính mình; hãy nhờ một quản trị viên khác."),
    "delete": lazy_gettext("Bạn không thể tự xóa chính mình; hãy nhờ một quản trị viên khác."),
}


def _guard_self(user: User, actor: User, what: str) -> None:
    """Refuse an action ("role", "lock" or "delete") that a person takes on their own account."""
    if user.id == actor.id:
        raise AccountError(str(_SELF_REFUSALS[what]))


def create_account(
    username: str, display_name: str, email: str, role: Role, password: str | None
) -> tuple[User, str | None]:
    """Create an account whose first sign-in must change the password.

    Returns:
        The account, and the generated password when none was given (to show once).
    Raises:
        AccountError: a malformed or taken username or email, or a weak password.
    """
    generated = None if password else generate_password()
    canonical = validate_username(username)
    email_value = normalize_email(email)
    check_email_free(email_value)
    user = create_user(canonical, password or generated, role, display_name)
    user.email = email_value
    user.must_change_password = True
    return user, generated


def update_account(user: User, display_name: str, email: str, role: Role, actor: User, now: datetime) -> list[str]:
    """Change name, email and role; a role change ends the person's sessions.

    Returns:
        The names of the fields that changed.
    """
    email_value = normalize_email(email)
    check_email_free(email_value, user)
    changed = []
    if role is not user.role:
        _guard_self(user, actor, "role")
        if user.role is Role.ADMIN:
            _guard_last_admin(user)
        set_role(user, role, now)
        changed.append("role")
    name = normalize_text(display_name)[:120] or user.username
    if name != user.display_name:
        user.display_name = name
        changed.append("display_name")
    if email_value != user.email:
        user.email = email_value
        changed.append("email")
    return changed


def deactivate_account(user: User, actor: User, now: datetime) -> int:
    """Lock the account and end all its sessions at once; return how many ended."""
    _guard_self(user, actor, "lock")
    _guard_last_admin(user)
    return set_active(user, False, now)


def reset_account_password(user: User, now: datetime) -> str:
    """Give the account a new random password to change at next sign-in; end its sessions."""
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    end_all_sessions(user, "password_reset", now)
    return password


def delete_account(user: User, actor: User) -> None:
    """Remove the account; its articles and their bylines stay (author becomes empty)."""
    _guard_self(user, actor, "delete")
    _guard_last_admin(user)
    db.session.delete(user)


def role_counts() -> dict[Role, int]:
    """How many accounts hold each role (roles no one holds are left out)."""
    return dict(db.session.execute(sa.select(User.role, sa.func.count(User.id)).group_by(User.role)).all())


def find_accounts(text: str = "", role: Role | None = None, active: bool | None = None, limit: int = 500) -> list[User]:
    """Accounts by username, whose username or display name contains the text, of the role and state if given."""
    stmt = sa.select(User).order_by(User.username)
    if text:
        pattern = like_pattern(text)
        stmt = stmt.where(
            sa.or_(User.username.ilike(pattern, escape="\\"), User.display_name.ilike(pattern, escape="\\"))
        )
    if role is not None:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.is_active.is_(active))
    return list(db.session.scalars(stmt.limit(limit)))
