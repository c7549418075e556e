"""Every kind of page passes axe-core in Chromium, 1280 and 360 px wide: no violation of any impact.

axe-core runs its default rule set (WCAG A and AA plus best practices such as heading-order,
landmark-unique and region). One seeded site, one server and one browser context per person
serve the whole module; each page and width is a test of its own.
"""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from portal.content import audit
from portal.content.revisions import snapshot
from portal.content.search import index_article
from portal.extensions import db
from portal.models import ArticleStatus, Role, User, UserSession
from tests.conftest import Clock, app_for_a_server, serving
from tests.factories import PASSWORD, make_article, make_category, make_image, make_tag, make_user

WIDTHS = {"1280px": {"width": 1280, "height": 800}, "360px": {"width": 360, "height": 740}}
AXE = Axe()


def seed(clock: Clock) -> dict:
    """Categories (one nested), published articles with an image, tags, views and featured
    ones, a draft with two revisions, and the accounts; returns the ids the paths need."""
    admin = make_user(Role.ADMIN, username="quantri", display_name="Quản trị viên")
    make_user(Role.ADMIN, username="quantri2", display_name="Người xác nhận")
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    news = make_category("Tin tức", slug="tin-tuc", description="Tin tức của thị trấn.")
    make_category("Tin trong huyện", parent=news)
    culture = make_category("Văn hóa", slug="van-hoa")
    tag = make_tag("chuyển đổi số")
    image = make_image()
    articles = []
    for n, category in enumerate([news, news, news, culture, culture]):
        articles.append(
            make_article(f"Tin thị trấn số {n}", category, now=clock(), tags=[tag], author=author,
                         featured=n < 2, view_count=10 * n)
        )  # fmt: skip
    for featured in articles[:2]:  # the home page's large card and a small one, and an article's figure
        featured.image, featured.image_alt, featured.image_caption = image, "Hội trường", "Hội nghị sáng nay"
    draft = make_article("Bài nháp", news, status=ArticleStatus.DRAFT, author=admin, published_at=None,
                         body_html="<p>Đoạn đầu.</p><h2>Mục một</h2><ul><li>Ý thứ nhất</li></ul>")  # fmt: skip
    snapshot(draft, admin, "Tạo bài")
    draft.body_source = draft.body_html = (
        '<p>Đoạn đầu, đã sửa, có <a href="https://example.vn/">một liên kết</a>.</p><h2>Mục một</h2><p>Đoạn thêm.</p>'
    )
    db.session.flush()
    snapshot(draft, admin, "Lưu nháp")
    for article in [*articles, draft]:
        index_article(article)
    audit.record("login.success", admin, target=admin.username)
    db.session.commit()
    first, second = draft.revisions
    return {
        "article": f"/tin-tuc/{articles[0].slug}-{articles[0].id}.html",
        "article_id": articles[0].id,
        "draft": draft.id,
        "a": first.id,
        "b": second.id,
        "category_id": news.id,
        "author": author.id,
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seeded site, served; its base URL and ids."""
    clock = Clock()
    with app_for_a_server(tmp_path_factory.mktemp("a11y"), clock) as app:
        ids = seed(clock)
        with serving(app) as base:
            yield {"base": base, "ids": ids}


def sign_in(page, username: str) -> None:
    """Sign in through the real form."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Xin chào")).to_be_visible()


@pytest.fixture(scope="module")
def contexts(browser, site):
    """A browser context per person: a reader, and an administrator signed in once."""
    opened = {"reader": browser.new_context(base_url=site["base"]), "admin": browser.new_context(base_url=site["base"])}
    page = opened["admin"].new_page()
    sign_in(page, "quantri")
    page.close()
    yield opened
    for context in opened.values():
        context.close()


def show_generated_password(page, width: str) -> None:
    """A new account without a password: the page that shows the generated one."""
    page.goto("/admin/users/new")
    page.get_by_label("Tên đăng nhập").fill(f"moi{width}")
    page.get_by_label("Tên hiển thị").fill("Người mới")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.locator("#generated-password")).to_be_visible()


def ask_for_the_password_again(page, width: str) -> None:
    """A change to accounts more than 30 minutes after signing in: the password is asked again."""
    sign_in(page, "quantri2")
    confirmer = db.session.scalar(sa.select(User).filter_by(username="quantri2"))
    for record in db.session.scalars(sa.select(UserSession).filter_by(user_id=confirmer.id)):
        record.created_at -= timedelta(minutes=31)
    db.session.commit()
    page.goto("/admin/users/new")
    page.get_by_label("Tên đăng nhập").fill(f"xacnhan{width}")
    page.get_by_label("Tên hiển thị").fill("Người mới")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", name="Xác nhận mật khẩu")).to_be_visible()


def open_the_editor(page, path: str) -> None:
    """The article form once Quill has replaced the body's textarea."""
    page.goto(path)
    expect(page.locator(".ql-toolbar")).to_be_visible()
    expect(page.locator(".ql-editor")).to_be_visible()


def look_at_a_link(page, draft: int) -> None:
    """The caret in a link of the body: Quill's tooltip offers to open, change or remove it."""
    open_the_editor(page, f"/editor/articles/{draft}/edit")
    page.locator(".ql-editor a").click()
    expect(page.locator(".ql-tooltip a.ql-preview")).to_be_visible()


def type_a_link(page, draft: int) -> None:
    """A word selected and the link button pressed: the tooltip asks for the address."""
    open_the_editor(page, f"/editor/articles/{draft}/edit")
    page.locator(".ql-editor h2").dblclick()
    page.locator(".ql-toolbar button.ql-link").click()
    expect(page.locator(".ql-tooltip input")).to_be_visible()


def open_the_block_types(page, draft: int) -> None:
    """The header picker's list of block types, open."""
    open_the_editor(page, f"/editor/articles/{draft}/edit")
    page.locator(".ql-header .ql-picker-label").click()
    expect(page.locator(".ql-header .ql-picker-options")).to_be_visible()


def wait_for_the_idle_prompt(page) -> None:
    """A minute before the idle sign-out: the prompt offering to stay signed in."""
    start = datetime(2030, 1, 1, 9, 0, 0)
    page.clock.install(time=start)
    page.clock.pause_at(start + timedelta(seconds=1))
    sign_in(page, "quantri")
    page.wait_for_load_state("load")
    page.clock.fast_forward(1800 * 1000 - 59_000)
    expect(page.locator("#idle-prompt")).to_be_visible()
    page.clock.resume()  # axe waits on timers of its own


def open_the_menu(page, width: str) -> None:
    """The main menu in sight: on a phone, unfolded under its "Chuyên mục" button (issue 16, item 6)."""
    page.goto("/")
    if width == "360px":
        page.get_by_role("button", name="Chuyên mục").click()
    expect(page.locator("#site-nav-list a").last).to_be_visible()


# name: (person, a path and a selector of what makes this state of the page, or a function that
# brings the page to its state)
PAGES = {
    "home": ("reader", "/", ".featured .card--large img"),
    "home-menu-open": ("reader", lambda page, ids, width: open_the_menu(page, width)),
    "category": ("reader", "/tin-tuc/", ".subcategories"),
    "tag": ("reader", "/tag/chuyen-doi-so", ".card"),
    "article": ("reader", "{article}", ".article__figure"),
    "print": ("reader", "/print/{article_id}", ".print-view__url"),
    "search-results": ("reader", "/search?q=th%E1%BB%8B+tr%E1%BA%A5n", ".search-result"),
    "search-no-results": ("reader", "/search?q=xyzzy", "text=Không tìm thấy bài viết nào phù hợp"),
    "search-empty-query": ("reader", "/search?q=", "#search-q"),
    "search-no-words": ("reader", "/search?q=%21%21", "text=Hãy nhập ít nhất một từ"),
    "login": ("reader", "/login", "#login-heading"),
    "not-found": ("reader", "/khong-co-trang-nay/", ".error-page"),
    "account": ("admin", "/account", "#sessions-heading"),
    "logout-confirm": ("admin", "/logout", ".auth-box form"),
    "editor-dashboard": ("admin", "/editor/", ".table"),
    "new-article": ("admin", lambda page, ids, width: open_the_editor(page, "/editor/articles/new")),
    "edit-article": ("admin", lambda page, ids, width: open_the_editor(page, f"/editor/articles/{ids['draft']}/edit")),
    "edit-article-link-tooltip": ("admin", lambda page, ids, width: look_at_a_link(page, ids["draft"])),
    "edit-article-link-address": ("admin", lambda page, ids, width: type_a_link(page, ids["draft"])),
    "edit-article-block-types": ("admin", lambda page, ids, width: open_the_block_types(page, ids["draft"])),
    "preview": ("admin", "/editor/articles/{draft}/preview", ".preview-banner"),
    "revisions": ("admin", "/editor/articles/{draft}/revisions", "#compare-form"),
    "diff": ("admin", "/editor/articles/{draft}/revisions/diff?a={a}&b={b}", ".diff__line--added"),
    "categories": ("admin", "/editor/categories/", ".table"),
    "category-edit": ("admin", "/editor/categories/{category_id}", "select[name=move_to]"),
    "admin-index": ("admin", "/admin/", ".facts-list"),
    "admin-accounts": ("admin", "/admin/users", ".table"),
    "admin-account": ("admin", "/admin/users/{author}", ".button-row"),
    "admin-new-account": ("admin", "/admin/users/new", "form.form"),
    "admin-audit": ("admin", "/admin/audit", ".audit-sentence a"),
    "admin-settings": ("admin", "/admin/settings", "form.form"),
    "admin-password-shown": ("admin", lambda page, ids, width: show_generated_password(page, width)),
    "admin-reauth": ("fresh", lambda page, ids, width: ask_for_the_password_again(page, width)),
    "not-found-signed-in": ("admin", "/khong-co-trang-nay/", ".error-page"),
    "idle-prompt": ("fresh", lambda page, ids, width: wait_for_the_idle_prompt(page)),
}


def report(violations: list[dict]) -> str:
    """Each violation's rule, impact and help, and the elements at fault with what is wrong."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            why = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"  {' '.join(map(str, node['target']))}: {why}")
    return "\n".join(lines)


@pytest.fixture
def page_for(browser, contexts, site):
    """page_for(person) opens a tab for that person; a "fresh" person gets a context of their own."""
    opened = []

    def open_page(person: str):
        if person == "fresh":
            context = browser.new_context(base_url=site["base"])
            opened.append(context)
            return context.new_page()
        page = contexts[person].new_page()
        opened.append(page)
        return page

    yield open_page
    for thing in opened:
        thing.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page_for, site, name, width):
    person, target, *shows = PAGES[name]
    page = page_for(person)
    page.set_viewport_size(WIDTHS[width])
    if callable(target):
        target(page, site["ids"], width)
    else:
        page.goto(target.format(**site["ids"]))
        expect(page.locator(shows[0]).first).to_be_attached()
    violations = AXE.run(page).response["violations"]
    if violations:
        pytest.fail(f"{name} at {width}, {page.url}:\n{report(violations)}", pytrace=False)


def test_the_link_tooltip_offers_named_buttons_that_the_keyboard_presses(page_for, site):
    page = page_for("fresh")  # a browser of its own: the local copy of the edited body stays there
    sign_in(page, "quantri")
    look_at_a_link(page, site["ids"]["draft"])
    page.get_by_role("button", name="Sửa liên kết").press("Enter")
    expect(page.get_by_role("textbox", name="Địa chỉ liên kết")).to_be_focused()
    expect(page.get_by_role("button", name="Lưu liên kết")).to_be_visible()
    page.locator(".ql-editor a").click()  # back to looking at the link
    page.get_by_role("button", name="Bỏ liên kết").press(" ")
    expect(page.locator(".ql-editor a")).to_have_count(0)
    expect(page.locator(".ql-editor")).to_contain_text("một liên kết")
