"""Accounts and the roles that decide what each may do."""

import enum
import unicodedata
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from portal.models.base import Base, UTCDateTime, utcnow


class Role(enum.StrEnum):
    """The three staff roles, from least to most trusted."""

    AUTHOR = "author"
    EDITOR = "editor"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    """Actions guarded by role."""

    WRITE = "write"  # draft, autosave, preview, submit own articles
    EDIT_OTHERS = "edit_others"
    PUBLISH = "publish"
    MANAGE_TAXONOMY = "manage_taxonomy"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_SETTINGS = "manage_settings"
    READ_AUDIT = "read_audit"


_ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AUTHOR: frozenset({Permission.WRITE}),
    Role.EDITOR: frozenset({Permission.WRITE, Permission.EDIT_OTHERS, Permission.PUBLISH, Permission.MANAGE_TAXONOMY}),
    Role.ADMIN: frozenset(Permission),
}


class User(UserMixin, Base):
    """A staff account: author, editor or administrator."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=Role.AUTHOR,
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Set per request by the session guard; never stored on this row.
    session_token = None
    session_record = None

    def get_id(self) -> str | None:
        """The token of this request's session record: what Flask-Login puts in the cookie."""
        return self.session_token

    def set_password(self, password: str) -> None:
        """Hash and store a new password (scrypt), NFC-normalized so every keyboard agrees."""
        self.password_hash = generate_password_hash(unicodedata.normalize("NFC", password), method="scrypt")

    def check_password(self, password: str) -> bool:
        """Return whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, unicodedata.normalize("NFC", password))

    def can(self, permission: Permission) -> bool:
        """Return whether this account's role grants the permission; the single role map."""
        return self.is_active and permission in _ROLE_PERMISSIONS[self.role]

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"
