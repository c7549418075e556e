"""What each audit action means: one table of action → label and sentence, used by the log page,
its filter and the CSV export, so an administrator reads Vietnamese (or English), never codes."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import LazyString, gettext, lazy_gettext
from markupsafe import Markup, escape

from portal.extensions import db
from portal.models import Article, AuditLog, Category, User


@dataclass(frozen=True)
class ActionText:
    """How one action reads: a short label (the filter, the CSV) and its sentences.

    `sentence` uses %(actor)s and the action's own placeholders; `variants` are other
    sentences for special shapes of the same action (on oneself, from the command line, ...).
    """

    label: LazyString
    sentence: LazyString
    variants: dict[str, LazyString] = field(default_factory=dict)


_ = lazy_gettext

ACTIONS: dict[str, ActionText] = {
    "login.success": ActionText(_("Đăng nhập thành công"), _("%(actor)s đăng nhập.")),
    "login.failure": ActionText(_("Đăng nhập sai"), _("Có người đăng nhập sai với tên đăng nhập %(account)s.")),
    "login.throttled": ActionText(
        _("Tạm chặn đăng nhập"), _("Đăng nhập bằng tên %(account)s bị tạm chặn vì sai quá nhiều lần.")
    ),
    "logout": ActionText(_("Đăng xuất"), _("%(actor)s đăng xuất.")),
    "reauth.success": ActionText(
        _("Xác nhận lại mật khẩu"), _("%(actor)s nhập lại mật khẩu để tiếp tục quản lý tài khoản.")
    ),
    "reauth.failure": ActionText(_("Xác nhận lại mật khẩu sai"), _("%(actor)s nhập lại mật khẩu nhưng sai.")),
    "session.idle": ActionText(
        _("Phiên hết hạn vì không hoạt động"),
        _("Phiên đăng nhập của %(actor)s kết thúc vì không hoạt động quá lâu."),
    ),
    "session.lifetime": ActionText(
        _("Phiên hết thời hạn tối đa"), _("Phiên đăng nhập của %(actor)s kết thúc vì đã quá thời hạn tối đa.")
    ),
    "session.inactive": ActionText(
        _("Phiên của tài khoản bị khóa"), _("Phiên đăng nhập của %(actor)s kết thúc vì tài khoản đã bị khóa.")
    ),
    "session.end": ActionText(
        _("Kết thúc một phiên đăng nhập"),
        _("%(actor)s kết thúc một phiên đăng nhập của %(account)s."),
        {"own": _("%(actor)s kết thúc một phiên đăng nhập của chính mình.")},
    ),
    "session.end_all": ActionText(
        _("Kết thúc mọi phiên đăng nhập"), _("%(actor)s kết thúc mọi phiên đăng nhập của %(account)s.")
    ),
    "account.create": ActionText(
        _("Tạo tài khoản"),
        _("%(actor)s tạo tài khoản %(account)s với vai trò %(role)s."),
        {"plain": _("%(actor)s tạo tài khoản %(account)s.")},
    ),
    "account.role": ActionText(
        _("Đổi vai trò"),
        _("%(actor)s đổi vai trò của %(account)s từ %(old)s thành %(new)s."),
        {"plain": _("%(actor)s đổi vai trò của %(account)s thành %(new)s.")},
    ),
    "account.update": ActionText(
        _("Sửa thông tin tài khoản"),
        _("%(actor)s sửa %(fields)s của tài khoản %(account)s."),
        {"own": _("%(actor)s đổi %(fields)s của chính mình."), "plain": _("%(actor)s sửa tài khoản %(account)s.")},
    ),
    "account.deactivate": ActionText(_("Khóa tài khoản"), _("%(actor)s khóa tài khoản %(account)s.")),
    "account.reactivate": ActionText(_("Mở khóa tài khoản"), _("%(actor)s mở khóa tài khoản %(account)s.")),
    "account.password_reset": ActionText(_("Đặt lại mật khẩu"), _("%(actor)s đặt lại mật khẩu của %(account)s.")),
    "account.password_change": ActionText(_("Đổi mật khẩu"), _("%(actor)s đổi mật khẩu của chính mình.")),
    "account.password_change_failure": ActionText(
        _("Đổi mật khẩu không thành công"), _("%(actor)s định đổi mật khẩu nhưng nhập sai mật khẩu hiện tại.")
    ),
    "account.password_change_required": ActionText(
        _("Yêu cầu đổi mật khẩu"), _("%(actor)s yêu cầu %(account)s đổi mật khẩu ngay sau lần đăng nhập tới.")
    ),
    "account.delete": ActionText(_("Xóa tài khoản"), _("%(actor)s xóa tài khoản %(account)s.")),
    "settings.update": ActionText(
        _("Sửa cài đặt trang"),
        _("%(actor)s sửa cài đặt trang: %(fields)s."),
        {"plain": _("%(actor)s lưu cài đặt trang mà không thay đổi gì.")},
    ),
    "audit.export": ActionText(
        _("Tải nhật ký về máy"),
        _("%(actor)s tải nhật ký hoạt động về máy (tệp CSV)."),
        {"filtered": _("%(actor)s tải nhật ký hoạt động về máy (tệp CSV, có lọc: %(filters)s).")},
    ),
    "access.denied": ActionText(
        _("Bị từ chối truy cập"), _("%(actor)s bị từ chối khi mở %(address)s (không đủ quyền).")
    ),
    "csrf.failure": ActionText(
        _("Biểu mẫu hết hạn hoặc giả mạo"),
        _("%(actor)s gửi tới %(address)s một biểu mẫu hết hạn hoặc không hợp lệ; yêu cầu đã bị từ chối."),
    ),
    "article.save": ActionText(_("Lưu bài"), _("%(actor)s lưu bài %(article)s.")),
    "article.submit": ActionText(_("Gửi duyệt bài"), _("%(actor)s gửi duyệt bài %(article)s.")),
    "article.publish": ActionText(_("Đăng bài"), _("%(actor)s đăng bài %(article)s.")),
    "article.unpublish": ActionText(_("Gỡ bài"), _("%(actor)s gỡ bài %(article)s.")),
    "article.reject": ActionText(_("Trả lại tác giả"), _("%(actor)s trả bài %(article)s lại cho tác giả.")),
    "article.takeover": ActionText(
        _("Tiếp quản bài"),
        _("%(actor)s tiếp quản việc sửa bài %(article)s từ %(previous)s."),
        {"plain": _("%(actor)s tiếp quản việc sửa bài %(article)s.")},
    ),
    "article.restore": ActionText(
        _("Khôi phục phiên bản"), _("%(actor)s khôi phục phiên bản %(version)s của bài %(article)s.")
    ),
    "article.delete": ActionText(_("Xóa bài"), _("%(actor)s xóa bài %(article)s.")),
    "category.create": ActionText(_("Tạo chuyên mục"), _("%(actor)s tạo chuyên mục %(category)s.")),
    "category.update": ActionText(
        _("Sửa chuyên mục"),
        _("%(actor)s sửa chuyên mục %(category)s."),
        {"renamed": _("%(actor)s sửa chuyên mục %(category)s; địa chỉ đổi từ /%(old)s/ thành /%(new)s/.")},
    ),
    "category.delete": ActionText(
        _("Xóa chuyên mục"),
        _("%(actor)s xóa chuyên mục %(category)s và chuyển %(moved)s bài viết sang nơi khác."),
        {"plain": _("%(actor)s xóa chuyên mục %(category)s.")},
    ),
}

ROLE_WORDS = {"author": _("Tác giả"), "editor": _("Biên tập viên"), "admin": _("Quản trị viên")}

FIELD_WORDS = {
    "display_name": _("Tên hiển thị"),
    "email": _("Thư điện tử"),
    "site_name": _("Tên trang (tiêu đề đầu trang)"),
    "site_tagline": _("Khẩu hiệu"),
    "footer_owner": _("Cơ quan chủ quản"),
    "footer_address": _("Địa chỉ"),
    "footer_phone": _("Điện thoại"),
    "footer_email": _("Thư điện tử"),
    "idle_timeout_minutes": _("Tự đăng xuất sau (phút không hoạt động)"),
    "page_size": _("Số bài mỗi trang chuyên mục"),
    "home_latest_count": _("Số tin mới nhất trên trang chủ"),
    "default_language": _("Ngôn ngữ mặc định"),
}

del _


def action_label(action: str) -> str:
    """The action's short label in the current language; a readable one for an unknown code."""
    known = ACTIONS.get(action)
    return str(known.label) if known else gettext("Thao tác khác: %(action)s", action=action)


def action_choices(recorded: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, label) for the filter: every action of the table, then unknown codes the log holds."""
    extra = sorted(set(recorded) - ACTIONS.keys())
    return [(code, action_label(code)) for code in [*ACTIONS, *extra]]


@dataclass(frozen=True)
class Ref:
    """Something a sentence names; `kind` and `key` say where to link while it still exists."""

    text: str
    kind: str = ""
    key: int | None = None


Link = Callable[[Ref], str | None]


@dataclass(frozen=True)
class Description:
    """One entry in words: who did it, the sentence's template and its values."""

    actor: Ref
    label: str
    template: str
    values: dict[str, Ref | str]
    target: Ref

    def text(self) -> str:
        """The sentence as plain text (the CSV)."""
        return self.template % {k: v.text if isinstance(v, Ref) else v for k, v in self.values.items()}

    def html(self, link: Link) -> Markup:
        """The sentence as HTML: every value escaped, accounts, articles and categories linked."""
        return escape(self.template) % {k: linked(v, link) for k, v in self.values.items()}


def linked(value: "Ref | str", link: Link) -> Markup:
    """A value as escaped HTML, a link when `link` gives it an address."""
    if not isinstance(value, Ref):
        return escape(value)
    address = link(value)
    if address is None:
        return escape(value.text)
    return Markup('<a href="%s">%s</a>') % (address, value.text)


@dataclass
class Found:
    """The accounts, articles and categories a batch of entries names, fetched once per batch."""

    users: dict[int, User] = field(default_factory=dict)
    usernames: dict[str, User] = field(default_factory=dict)
    articles: dict[int, Article] = field(default_factory=dict)
    deleted_titles: dict[int, str] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)


TARGET_KINDS = ("article", "category", "address", "account")
TARGETS_NOT_ACCOUNTS = {"settings.update", "audit.export"}


def target_kind(action: str) -> str:
    """What an action's target is, read from the placeholder its sentence gives it ("" if none).

    Declared by the action, never guessed from the target's text: a login name typed as
    "article:1" or "settings" is still a login name.
    """
    known = ACTIONS.get(action)
    if known is None:
        return ""
    template = str(known.sentence)
    named = next((kind for kind in TARGET_KINDS if f"%({kind})s" in template), "")
    return named or ("" if action in TARGETS_NOT_ACCOUNTS else "account")  # sign-ins name the account too


def split_target(action: str, target: str) -> tuple[str, str]:
    """(kind, key) of an entry's target: ("article", "34") for an article action's "article:34"."""
    kind = target_kind(action)
    if kind in ("article", "category"):
        return kind, target.removeprefix(f"{kind}:")
    if kind == "address":
        method, space, path = target.partition(" ")
        return kind, path if space and method.isupper() else target
    if kind == "account" and action == "session.end" and target.startswith("session:"):
        return "session", target
    return kind, target


def article_id(text: str) -> int | None:
    """The id in "article:<id>", or None for anything else."""
    return int(text) if text.isdigit() and len(text) < 12 else None


def find_all(entries: list[AuditLog]) -> Found:
    """Fetch, in a handful of queries, everything these entries name."""
    targets = [split_target(e.action, e.target) for e in entries]
    names = {key for kind, key in targets if kind == "account"} | {
        e.detail.removeprefix("from ") for e in entries if e.action == "article.takeover"
    }
    ids = {i for kind, key in targets if kind == "article" and (i := article_id(key)) is not None}
    user_ids = {e.actor_id for e in entries if e.actor_id is not None}
    found = Found()
    users = db.session.scalars(sa.select(User).where(sa.or_(User.id.in_(user_ids), User.username.in_(names))))
    for user in users:
        found.users[user.id], found.usernames[user.username] = user, user
    found.articles = {a.id: a for a in db.session.scalars(sa.select(Article).where(Article.id.in_(ids)))}
    found.deleted_titles = deleted_titles(ids - found.articles.keys())
    slugs = {key for kind, key in targets if kind == "category"}
    found.categories = {c.slug: c for c in db.session.scalars(sa.select(Category).where(Category.slug.in_(slugs)))}
    return found


def deleted_titles(ids: set[int]) -> dict[int, str]:
    """The titles that "article.delete" entries kept for articles no longer in the database."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(AuditLog.target, AuditLog.detail).where(
            AuditLog.action == "article.delete", AuditLog.target.in_([f"article:{i}" for i in ids])
        )
    )
    return {int(target.partition(":")[2]): title for target, title in rows if title}


def actor_ref(entry: AuditLog, found: Found) -> Ref:
    """Who acted: the account (linked), a deleted one by its name, the command line or a visitor."""
    user = found.users.get(entry.actor_id) if entry.actor_id is not None else None
    if user is not None:
        return Ref(user.display_name or user.username, "account", user.id)
    if entry.actor_name:
        return Ref(gettext("%(name)s (tài khoản đã xóa)", name=entry.actor_name))
    if entry.detail.startswith("cli"):
        return Ref(gettext("Quản trị viên máy chủ (dòng lệnh)"))
    return Ref(gettext("Một người chưa đăng nhập"))


def account_ref(username: str, found: Found) -> Ref:
    """An account named by its username: its display name, linked, while it exists."""
    user = found.usernames.get(username)
    return Ref(user.display_name or user.username, "account", user.id) if user else Ref(username)


def article_ref(key: str, found: Found, deleting: bool) -> Ref:
    """An article by its title, linked while it exists; a deleted one by the title its deletion kept."""
    number = article_id(key)
    article = found.articles.get(number) if number is not None else None
    if article is not None:
        return Ref(f"“{article.title}”", "article", article.id)
    title = found.deleted_titles.get(number) if number is not None else None
    if title and deleting:
        return Ref(f"“{title}”")
    if title:
        return Ref(gettext("“%(title)s” (đã xóa)", title=title))
    return Ref(gettext("số %(id)s (đã xóa)", id=key))


def category_ref(slug: str, found: Found) -> Ref:
    """A category by its name, linked while it exists; by its address otherwise."""
    category = found.categories.get(slug)
    return Ref(f"“{category.name}”", "category", category.id) if category else Ref(f"“{slug}”")


def target_ref(entry: AuditLog, found: Found) -> tuple[str, Ref]:
    """The placeholder the target fills ("account", "article", ...) and what it shows."""
    kind, key = split_target(entry.action, entry.target)
    if kind == "article":
        return kind, article_ref(key, found, entry.action == "article.delete")
    if kind == "category":
        return kind, category_ref(key, found)
    if kind == "account":
        return kind, account_ref(key, found)
    if kind == "session":
        return "account", actor_ref(entry, found)
    return kind or "target", Ref(key)


Details = tuple[str, dict[str, "Ref | str"]]


def role_word(code: str) -> str | None:
    """The role's label ("tác giả" for "author"), lowercased for the middle of a sentence."""
    label = ROLE_WORDS.get(code.strip())
    return str(label).lower() if label is not None else None


def field_words(detail: str) -> str:
    """The fields' labels ("tên hiển thị, thư điện tử" for "display_name, email"); unknown names as they are."""
    names = [n.strip() for n in detail.split(",") if n.strip()]
    return ", ".join(str(FIELD_WORDS[n]).lower() if n in FIELD_WORDS else n for n in names)


def role_details(entry: AuditLog, found: Found) -> Details:
    """The old and new roles of "author -> editor" (or "cli -> editor")."""
    old, _arrow, new = entry.detail.partition("->")
    old_word, new_word = role_word(old), role_word(new) or new.strip()
    return ("" if old_word else "plain"), {"old": old_word or "", "new": new_word}


def created_details(entry: AuditLog, found: Found) -> Details:
    """The new account's role, from "role=author"."""
    word = role_word(entry.detail.removeprefix("role="))
    return ("" if word else "plain"), {"role": word or ""}


def update_details(entry: AuditLog, found: Found) -> Details:
    """The fields changed, on someone else's account or one's own."""
    fields = field_words(entry.detail)
    account = found.usernames.get(entry.target)
    own = account is not None and entry.actor_id is not None and account is found.users.get(entry.actor_id)
    return ("plain" if not fields else "own" if own else ""), {"fields": fields}


def settings_details(entry: AuditLog, found: Found) -> Details:
    """The settings changed (none: saved as they were)."""
    fields = field_words(entry.detail)
    return ("" if fields else "plain"), {"fields": fields}


def session_details(entry: AuditLog, found: Found) -> Details:
    """One's own session ("session:<id>") or one ended by an administrator."""
    return ("own" if split_target(entry.action, entry.target)[0] == "session" else ""), {}


def takeover_details(entry: AuditLog, found: Found) -> Details:
    """Who held the article before, from "from <username>"."""
    previous = entry.detail.removeprefix("from ").strip()
    return ("" if previous else "plain"), {"previous": account_ref(previous, found) if previous else ""}


def category_details(entry: AuditLog, found: Found) -> Details:
    """The old and new address ("old -> new") when the category's address changed."""
    old, arrow, new = entry.detail.partition(" -> ")
    return ("renamed" if arrow else ""), {"old": old, "new": new}


DETAILS: dict[str, Callable[[AuditLog, Found], Details]] = {
    "account.role": role_details,
    "account.create": created_details,
    "account.update": update_details,
    "settings.update": settings_details,
    "session.end": session_details,
    "article.takeover": takeover_details,
    "category.update": category_details,
    "audit.export": lambda entry, found: (("filtered", {"filters": entry.detail}) if entry.detail else ("", {})),
    "article.restore": lambda entry, found: ("", {"version": entry.detail}),
    "category.delete": lambda entry, found: (
        ("", {"moved": moved}) if (moved := entry.detail.removeprefix("moved ").strip()) else ("plain", {})
    ),
}


def describe(entry: AuditLog, found: Found) -> Description:
    """The entry in words in the current language; an unknown action gets a generic sentence."""
    actor = actor_ref(entry, found)
    placeholder, target = target_ref(entry, found)
    known = ACTIONS.get(entry.action)
    values: dict[str, Ref | str] = {"actor": actor, placeholder: target}
    if known is None:
        template = gettext("%(actor)s thực hiện thao tác “%(action)s” trên %(target)s.")
        values |= {"action": entry.action, "target": target if target.text else "—"}
        return Description(actor, action_label(entry.action), template, values, target)
    variant, extra = DETAILS.get(entry.action, lambda entry, found: ("", {}))(entry, found)
    template = str(known.variants[variant] if variant else known.sentence)
    described = Description(actor, str(known.label), template, values | extra, target)
    try:
        described.text()
    except (KeyError, ValueError, TypeError):  # an entry of an older shape: still shown, in general words
        template = gettext("%(actor)s thực hiện thao tác “%(action)s” trên %(target)s.")
        values |= {"action": described.label, "target": target if target.text else "—"}
        return Description(actor, described.label, template, values, target)
    return described


def describe_all(entries: list[AuditLog]) -> list[Description]:
    """Every entry in words, with one round of look-ups for the whole batch."""
    found = find_all(entries)
    return [describe(entry, found) for entry in entries]
