"""NukeViet's administrators (and the people who posted articles) as portal accounts.

Each keeps their NukeViet password hash as it is ("{SSHA}...", "{SSHA512}..."), which the
sign-in checks and replaces by the portal's own at the first sign-in (portal.content.passwords).
"""

from collections.abc import Callable, Iterable

import sqlalchemy as sa

from portal.content.accounts import AccountError, find_user, normalize_email, validate_username
from portal.content.nukeviet.mapping import display_name, staff_role
from portal.content.nukeviet.source import Source
from portal.content.slugs import slugify
from portal.extensions import db
from portal.models import User


def news_admin_ids(source: Source, module: str) -> set[int]:
    """Who administers the news module: the module's `admins` list and its per-category admins."""
    ids: set[int] = set()
    with source.engine.connect() as connection:
        if source.has(source.modules):
            modules = source.modules
            for admins in connection.scalars(sa.select(modules.c.admins).where(modules.c.title == module)):
                ids.update(int(part) for part in (admins or "").split(",") if part.strip().isdigit())
        if source.has(source.news_admins):
            admins = source.news_admins
            query = sa.select(admins.c.userid).where(sa.or_(admins.c.admin > 0, admins.c.pub_content > 0))
            ids.update(connection.scalars(query))
    return ids


def staff_rows(source: Source) -> list[sa.Row]:
    """Every administrator and every person who posted an article, with their level (None if not an admin)."""
    users, authors, rows = source.users, source.authors, source.rows
    posters = sa.select(rows.c.admin_id).distinct()
    query = (
        sa.select(users, authors.c.lev, authors.c.is_suspend)
        .select_from(users.outerjoin(authors, authors.c.admin_id == users.c.userid))
        .where(sa.or_(authors.c.admin_id.is_not(None), users.c.userid.in_(posters)))
        .order_by(users.c.userid)
    )
    with source.engine.connect() as connection:
        return list(connection.execute(query))


def _username(raw: str) -> str:
    """The portal form of a NukeViet username; one with characters the portal refuses gets slugged."""
    try:
        return validate_username(raw)
    except AccountError:
        return validate_username(slugify(raw, fallback="nguoi-dung")[:64].strip("-") or "nguoi-dung")


def account_for(row: sa.Row, news_admins: set[int], warn: Callable[[str], None]) -> tuple[User, bool]:
    """The account for a NukeViet user: an existing one of the same username, or a new one (True)."""
    username = _username(row.username)
    existing = find_user(username)
    if existing is not None:
        warn(f"tài khoản {row.userid}: cổng đã có {username}; bài viết gắn với tài khoản đó, không đổi gì")
        return existing, False
    try:
        email = normalize_email(row.email or "")
    except AccountError:
        warn(f"tài khoản {row.userid}: thư điện tử {row.email!r} không hợp lệ; nhập không kèm thư")
        email = None
    if email and db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        warn(f"tài khoản {row.userid}: thư điện tử {email} đã thuộc tài khoản khác; nhập không kèm thư")
        email = None
    user = User(
        username=username,
        display_name=display_name(row.first_name, row.last_name, username),
        email=email,
        password_hash=row.password or "!",  # "!" matches no scheme: an empty old password opens nothing
        role=staff_role(row.lev, row.userid in news_admins),
        is_active=bool(row.active) and not row.is_suspend,
    )
    db.session.add(user)
    db.session.flush()
    return user, True


def new_staff(rows: Iterable[sa.Row], known: dict[int, int]) -> list[sa.Row]:
    """The rows not imported yet."""
    return [row for row in rows if row.userid not in known]
