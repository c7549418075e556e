"""flask commands: thin wrappers over plain functions that tests call directly."""

import contextlib
import hashlib
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app

from config import DEFAULT_DATABASE_URI
from portal import clock
from portal.content import audit
from portal.content.accounts import (
    AccountError,
    create_user,
    find_user,
    is_last_admin,
    require_password_change,
    set_active,
    set_role,
    validate_password,
)
from portal.content.media import prune_unused_media
from portal.content.sessions import end_all_sessions
from portal.extensions import db
from portal.models import Role

ROLE_CHOICE = click.Choice([r.value for r in Role])
CREDENTIALS_FILE = "demo-accounts.txt"


def credentials_path() -> Path:
    """instance/demo-accounts.txt for the default database; one file per other database."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if url == DEFAULT_DATABASE_URI:
        return Path(current_app.instance_path) / CREDENTIALS_FILE
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return Path(current_app.instance_path) / f"demo-accounts-{digest}.txt"


def _password_from_env_or_prompt() -> str:
    """PORTAL_PASSWORD when set, else a hidden prompt asked twice."""
    return os.environ.get("PORTAL_PASSWORD") or click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, default=Role.AUTHOR.value, show_default=True)
@click.option("--display-name", default="", help="Tên hiển thị (mặc định: tên đăng nhập).")
def create_user_command(username: str, role: str, display_name: str) -> None:
    """Create an account; the password comes from PORTAL_PASSWORD or a hidden prompt."""
    try:
        user = create_user(username, _password_from_env_or_prompt(), Role(role), display_name)
        db.session.commit()
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"Đã tạo tài khoản {user.username} ({user.role.value}).")


@click.command("reset-password")
@click.argument("username")
def reset_password_command(username: str) -> None:
    """Set a new password for an account (PORTAL_PASSWORD or a hidden prompt)."""
    user = _existing_user(username)
    password = _password_from_env_or_prompt()
    try:
        validate_password(password, user.username, user.display_name)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    user.set_password(password)
    end_all_sessions(user, "password_reset", clock.now())
    audit.record("account.password_reset", None, target=user.username, detail="cli")
    db.session.commit()
    click.echo(f"Đã đặt mật khẩu mới cho {user.username}; các phiên đăng nhập cũ đã kết thúc.")


@click.command("require-password-change")
@click.option(
    "--imported", "scope", flag_value="imported", help="Chỉ các tài khoản còn mật khẩu mang từ NukeViet sang."
)
@click.option("--all", "scope", flag_value="all", help="Mọi tài khoản đang hoạt động.")
def require_password_change_command(scope: str | None) -> None:
    """Make accounts choose a new password right after their next sign-in."""
    if scope is None:
        raise click.ClickException("Hãy chọn --imported (tài khoản từ NukeViet) hoặc --all (mọi tài khoản).")
    usernames = require_password_change(imported_only=scope == "imported")
    for username in usernames:
        audit.record("account.password_change_required", None, target=username, detail=f"cli {scope}")
    db.session.commit()
    click.echo(f"{len(usernames)} tài khoản sẽ phải đổi mật khẩu ngay sau lần đăng nhập tới.")


def write_credentials(path: Path, accounts: list[tuple[str, str, str]]) -> Path:
    """Write the new demo sign-ins to the credentials file, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
        for username, role, password in accounts:
            out.write(f"{username:10} {role:8} {password}\n")
    return path


@click.command("seed-demo")
@click.option("--articles", default=32, show_default=True, type=click.IntRange(0, 1_000_000))
def seed_demo_command(articles: int) -> None:
    """Fill the database with the demo site; running it again adds only what is missing."""
    from portal.demo import seed_demo

    report = seed_demo(articles, current_app.config["MEDIA_DIR"], clock.now(), os.environ.get("PORTAL_PASSWORD"))
    click.echo(f"Bài viết: {report.created_articles} mới, {report.total_articles} tổng cộng.")
    if report.new_accounts:
        path = write_credentials(credentials_path(), report.new_accounts)
        names = ", ".join(username for username, _role, _password in report.new_accounts)
        click.echo(f"Tài khoản mẫu mới: {names}. Mật khẩu lưu trong {path}; xem bằng: flask --app wsgi demo-accounts")


@click.command("set-role")
@click.argument("username")
@click.argument("role", type=ROLE_CHOICE)
def set_role_command(username: str, role: str) -> None:
    """Give an account another role (its sessions end at once)."""
    user = _existing_user(username)
    if Role(role) is not Role.ADMIN and is_last_admin(user):
        raise click.ClickException("Đây là quản trị viên cuối cùng đang hoạt động; hãy tạo quản trị viên khác trước.")
    set_role(user, Role(role), clock.now())
    audit.record("account.role", None, target=user.username, detail=f"cli -> {role}")
    db.session.commit()
    click.echo(f"{user.username} giờ là {role}.")


@click.command("deactivate")
@click.argument("username")
@click.option("--reactivate", is_flag=True, help="Mở khóa thay vì khóa.")
def deactivate_command(username: str, reactivate: bool) -> None:
    """Lock an account and end all its sessions (or unlock it with --reactivate)."""
    user = _existing_user(username)
    if not reactivate and is_last_admin(user):
        raise click.ClickException("Đây là quản trị viên cuối cùng đang hoạt động; không thể khóa.")
    set_active(user, reactivate, clock.now())
    audit.record("account.reactivate" if reactivate else "account.deactivate", None, target=user.username, detail="cli")
    db.session.commit()
    click.echo(f"Đã {'mở khóa' if reactivate else 'khóa'} {user.username}.")


def _existing_user(username: str):
    """The account, or a ClickException a person can act on."""
    user = find_user(username)
    if user is None:
        raise click.ClickException(f"Không có tài khoản “{username}”.")
    return user


@click.command("demo-accounts")
def demo_accounts_command() -> None:
    """Print how to sign in to the demo site (the accounts seed-demo created)."""
    path = credentials_path()
    login_url = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}/login"
    if not path.exists():
        click.echo("Chưa có tài khoản mẫu. Tạo một tài khoản quản trị bằng:")
        click.echo("  flask --app wsgi create-user admin --role admin")
        return
    click.echo("=" * 64)
    click.echo(f"Đăng nhập / Sign in: {login_url}")
    click.echo("  tên đăng nhập  vai trò  mật khẩu")
    for line in path.read_text(encoding="utf-8").splitlines():
        click.echo(f"  {line}")
    click.echo(f"(lưu trong {path}; đổi mật khẩu: flask --app wsgi reset-password admin)")
    click.echo("=" * 64)


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index of every article."""
    from portal.content.search import reindex

    click.echo(f"Đã lập chỉ mục tìm kiếm cho {reindex()} bài viết.")


@click.command("prune-media")
@click.option(
    "--hours",
    default=24,
    show_default=True,
    type=click.IntRange(1, None),
    help="Chỉ xóa ảnh đã tải lên từ ít nhất chừng ấy giờ trước.",
)
def prune_media_command(hours: int) -> None:
    """Delete uploaded images that no article, revision or autosave uses, with their files."""
    pruned = prune_unused_media(current_app.config["MEDIA_DIR"], timedelta(hours=hours), clock.now())
    db.session.commit()
    click.echo(f"Đã xóa {pruned.images} ảnh không bài nào dùng và {pruned.stray_files} tệp ảnh lẻ.")


@click.command("generate-secret-key")
def generate_secret_key_command() -> None:
    """Print a random value for PORTAL_SECRET_KEY."""
    click.echo(secrets.token_hex(32))


KIND_LABELS = {"user": "Tài khoản", "category": "Chuyên mục", "tag": "Thẻ", "article": "Bài viết", "picture": "Ảnh"}


@click.command("import-nukeviet")
@click.argument("source_url")
@click.option("--prefix", default="nv4", show_default=True, help="Tiền tố bảng của NukeViet ($db_config['prefix']).")
@click.option("--lang", default="vi", show_default=True, help="Ngôn ngữ dữ liệu.")
@click.option("--module", default="news", show_default=True, help="Tên mô-đun tin tức.")
@click.option(
    "--uploads",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Thư mục uploads/ của trang cũ (ảnh đại diện và ảnh trong bài).",
)
@click.option("--dry-run", is_flag=True, help="Chỉ cho biết sẽ nhập những gì; không ghi gì.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000))
def import_nukeviet_command(
    source_url: str, prefix: str, lang: str, module: str, uploads: Path | None, dry_run: bool, batch_size: int
) -> None:
    """Bring a NukeViet 4 news site over (SOURCE_URL: mysql+pymysql://user:pass@host/db); safe to run again."""
    from portal.content.nukeviet.importer import NukevietError, Options, import_site

    options = Options(source_url, prefix, lang, module, uploads, dry_run, batch_size)
    with contextlib.ExitStack() as stack:
        bars: list = []

        def start(total: int) -> None:
            bars.append(stack.enter_context(click.progressbar(length=total, label="Bài viết", file=sys.stderr)))

        try:
            report = import_site(
                options, current_app.config["MEDIA_DIR"], clock.now(), lambda n: bars[0].update(n), start
            )
        except NukevietError as error:
            raise click.ClickException(str(error)) from None
    _print_import_report(report)


def _print_import_report(report) -> None:
    """The counts per kind and every warning, with the NukeViet ids."""
    click.echo("Chạy thử: chưa ghi gì. Nếu chạy thật sẽ nhập:" if report.dry_run else "Đã nhập:")
    for kind, label in KIND_LABELS.items():
        click.echo(f"  {label:11} {report.created[kind]:6} mới, {report.unchanged[kind]:6} đã có từ trước")
    if report.warnings:
        click.echo(f"Cảnh báo ({len(report.warnings)}):")
        for warning in report.warnings:
            click.echo(f"  {warning}")


def register(app: Flask) -> None:
    """Add the commands to `flask --app wsgi`."""
    for command in (
        create_user_command,
        reset_password_command,
        require_password_change_command,
        set_role_command,
        deactivate_command,
        seed_demo_command,
        demo_accounts_command,
        reindex_command,
        prune_media_command,
        generate_secret_key_command,
        import_nukeviet_command,
    ):
        app.cli.add_command(command)
