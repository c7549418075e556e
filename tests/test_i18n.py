"""The interface in Vietnamese (the msgids) and English (translations/en), and the language switch."""

import html
import json
import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from config import BASE_DIR
from portal.content.revisions import snapshot
from portal.extensions import babel, db
from portal.models import ArticleStatus, Role
from tests.factories import make_article, make_category, make_tag, make_user

CATALOGUE = BASE_DIR / "translations" / "en" / "LC_MESSAGES" / "messages.po"
IDLE_PROMPT_EN = (
    'You have not used the site, <a href="/session/keepalive" id="idle-prompt-keep" class="idle-prompt__keep">'
    'Click here to stay signed in</a>. Time left: <span id="idle-prompt-seconds" role="timer">60</span> seconds'
)
# Interface words a reader would spot at once on a page that is meant to be English.
VIETNAMESE_INTERFACE = ("Trang chủ", "Đăng nhập", "Đăng xuất", "Tác giả bài viết", "Chuyên mục", "Xin chào")


def compile_catalogue(po: Path) -> None:
    """Build the .mo next to the .po when it is missing or older (what `make translations` does)."""
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return
    with po.open("rb") as source:
        catalog = read_po(source, locale="en")
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    with os.fdopen(handle, "wb") as target:
        write_mo(target, catalog)
    os.replace(temporary, mo)  # atomic: a parallel run never reads half a file


@pytest.fixture(scope="session", autouse=True)
def english_catalogue():
    """The suite works on a fresh clone, where only the .po exists."""
    compile_catalogue(CATALOGUE)
    if "domain_instance" in babel.__dict__:  # translations loaded before the .mo existed
        babel.domain_instance.cache.clear()


def catalogue_phrases() -> list[str]:
    """The Vietnamese text of every msgid, cut at its placeholders, in pieces of two words or more."""
    with CATALOGUE.open("rb") as source:
        catalog = read_po(source)
    phrases = set()
    for message in catalog:
        for piece in re.split(r"%\(\w+\)s", message.id or ""):
            piece = piece.strip(" .,:;…“”()—-")
            if len(piece.split()) >= 2:
                phrases.add(piece)
    return sorted(phrases, key=len, reverse=True)


@pytest.fixture
def site(app, clock, login):
    """One of every kind of content, and clients in English and in Vietnamese."""
    admin = make_user(Role.ADMIN, display_name="Thùy Dung")
    category = make_category("Tin tức")
    article = make_article(
        "Họp dân về đường giao thông",
        category,
        published_at=clock(),
        lead="Sáng nay, nhân dân khối phố họp bàn.",
        body_html="<p>Bà con thống nhất làm đường.</p>",
        byline="Minh Quân",
        source="UBND thị trấn",
        tags=[make_tag("giao thông")],
        author=admin,
    )
    first = snapshot(article, admin)
    first_lead = article.lead
    article.lead = "Sáng nay, nhân dân khối phố đã họp bàn."
    second = snapshot(article, admin)
    older = {"lead": "Bài cũ hơn một ngày.", "body_html": "<p>Bà con thống nhất làm đường.</p>", "author": admin}
    make_article("Bài đã có trước", category, now=clock() - timedelta(days=1), **older)
    make_article("Bài còn nháp", category, status=ArticleStatus.DRAFT, published_at=None, **older)
    db.session.commit()
    clients = {
        "en": login(admin),
        "vi": login(admin),
        "anonymous-en": app.test_client(),
        "anonymous-vi": app.test_client(),
    }
    for name, client in clients.items():
        if name.endswith("en"):
            client.set_cookie("portal_lang", "en")
    data = [admin.display_name, admin.username, category.name, article.title, first_lead, article.lead]
    data += ["Bà con thống nhất làm đường.", "Bài cũ hơn một ngày."]
    data += [article.byline, article.source, "giao thông", "Bài đã có trước", "Bài còn nháp"]
    return {"article": article, "category": category, "revisions": (first, second), "clients": clients, "data": data}


def page_urls(site) -> dict[str, tuple[str, str, int, str]]:
    """Every kind of page: (who, path, status, an English word it must show)."""
    article, category = site["article"], site["category"]
    first, second = site["revisions"]
    article_path = f"/{category.slug}/{article.slug}-{article.id}.html"
    return {
        "home": ("anonymous", "/", 200, "Latest news"),
        "category": ("anonymous", f"/{category.slug}/", 200, "Home"),
        "tag": ("anonymous", "/tag/giao-thong", 200, "Tags"),
        "article": ("anonymous", article_path, 200, "Article author"),
        "print": ("anonymous", f"/print/{article.id}", 200, "Back to the article"),
        "404": ("anonymous", "/khong-co-trang-nay/", 404, "The page you requested could not be found."),
        "login": ("anonymous", "/login", 200, "Sign in"),
        "account": ("signed-in", "/account", 200, "My account"),
        "dashboard": ("signed-in", "/editor/", 200, "New article"),
        "new article": ("signed-in", "/editor/articles/new", 200, "Save draft"),
        "edit": ("signed-in", f"/editor/articles/{article.id}/edit", 200, "Version history"),
        "revisions": (
            "signed-in",
            f"/editor/articles/{article.id}/revisions",
            200,
            "Compare the two selected versions",
        ),
        "diff": (
            "signed-in",
            f"/editor/articles/{article.id}/revisions/diff?a={first.id}&b={second.id}",
            200,
            "Summary",
        ),
        "admin": ("signed-in", "/admin/", 200, "Recent activity"),
        "accounts": ("signed-in", "/admin/users", 200, "Create account"),
        "settings": ("signed-in", "/admin/settings", 200, "Site settings"),
        "audit": ("signed-in", "/admin/audit", 200, "Audit log"),
        "categories": ("signed-in", "/editor/categories/", 200, "Add category"),
    }


PAGES = [
    "home", "category", "tag", "article", "print", "404", "login", "account", "dashboard", "new article", "edit",
    "revisions", "diff", "admin", "accounts", "settings", "audit", "categories",
]  # fmt: skip


def fetch(site, page: str, language: str):
    who, path, status, english = page_urls(site)[page]
    client = site["clients"][language if who == "signed-in" else f"anonymous-{language}"]
    response = client.get(path)
    assert response.status_code == status, f"{page}: {response.status_code}"
    return response.get_data(as_text=True), english


def interface_text(site, page_html: str) -> str:
    """The page as text, without the content and names the test planted (those stay Vietnamese)."""
    text = html.unescape(page_html)
    for value in sorted(site["data"], key=len, reverse=True):
        text = text.replace(value, "")
    return text.replace("Tiếng Việt", "")  # the language switch names each language in itself


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_english_with_the_cookie(site, page):
    page_html, english = fetch(site, page, "en")
    assert '<html lang="en">' in page_html
    assert english in page_html
    text = interface_text(site, page_html)
    assert [word for word in VIETNAMESE_INTERFACE if word in text] == []
    assert [phrase for phrase in catalogue_phrases() if phrase in text] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_stays_vietnamese_without_it(site, page):
    page_html, english = fetch(site, page, "vi")
    assert '<html lang="vi">' in page_html
    assert english not in page_html


def test_catalogue_translates_every_msgid_with_its_placeholders():
    with CATALOGUE.open("rb") as source:
        catalog = read_po(source)
    messages = [message for message in catalog if message.id]
    assert len(messages) > 250
    for message in messages:
        assert message.string and "fuzzy" not in message.flags, message.id
        placeholders = sorted(re.findall(r"%\(\w+\)s", message.id))
        assert sorted(re.findall(r"%\(\w+\)s", message.string)) == placeholders, message.id


def test_idle_prompt_reads_the_exact_english_sentence(site):
    page_html, _ = fetch(site, "dashboard", "en")
    assert IDLE_PROMPT_EN in page_html


def test_idle_prompt_stays_vietnamese_by_default(site):
    page_html, _ = fetch(site, "dashboard", "vi")
    assert "Bạn đã không sử dụng Site, <a " in page_html
    assert ">Bấm vào đây để duy trì trạng thái đăng nhập</a>. Thời gian chờ: <span" in page_html


def test_dates_follow_the_language(site):
    article_path = page_urls(site)["article"][1]
    english = site["clients"]["anonymous-en"].get(article_path).get_data(as_text=True)
    vietnamese = site["clients"]["anonymous-vi"].get(article_path).get_data(as_text=True)
    assert "02 Mar 2026 08:30" in english and "02/03/2026 08:30" not in english
    assert "02/03/2026 08:30" in vietnamese


def test_editor_scripts_get_their_texts_from_the_form(site):
    edit = page_urls(site)["edit"][1]
    english = site["clients"]["en"].get(edit).get_data(as_text=True)
    vietnamese = site["clients"]["vi"].get(edit).get_data(as_text=True)
    assert 'data-msg-autosaved="Autosaved at {time}"' in english
    assert 'data-msg-editing="{name} is editing this article."' in english
    assert 'data-msg-autosaved="Đã lưu tự động lúc {time}"' in vietnamese
    assert 'data-msg-editing="{name} đang sửa bài này."' in vietnamese
    assert 'data-msg-taken-over="{name} đã tiếp quản bài này. ' in vietnamese
    assert wysiwyg_labels(english)["bold"] == "Bold" and wysiwyg_labels(english)["heading2"] == "Heading 2"
    assert wysiwyg_labels(vietnamese)["bold"] == "Chữ đậm" and wysiwyg_labels(vietnamese)["heading2"] == "Đầu đề 2"


def wysiwyg_labels(page_html: str) -> dict:
    """The toolbar labels wysiwyg.js reads from the body textarea's data-labels."""
    return json.loads(html.unescape(re.search(r'<textarea[^>]*data-labels="([^"]*)"', page_html).group(1)))


def test_rule_messages_from_the_services_follow_the_language(app):
    from portal.content.accounts import AccountError, validate_password

    # Fresh app contexts: flask_babel keeps the chosen locale on g.
    with app.app_context(), app.test_request_context(headers={"Cookie": "portal_lang=en"}):
        with pytest.raises(AccountError, match=r"^The password must have at least 10 characters\.$"):
            validate_password("short")
    with app.app_context():  # no request, as when the CLI runs: the default language
        with pytest.raises(AccountError, match=r"^Mật khẩu phải có ít nhất 10 ký tự\.$"):
            validate_password("short")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_language_switch_sets_a_lax_httponly_cookie_and_goes_back(client, language):
    response = client.get(f"/lang/{language}?next=/tag/abc%3Fx")
    assert response.status_code == 302 and response.headers["Location"] == "/tag/abc?x"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"portal_lang={language};")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie
    assert client.get_cookie("session") is None


def test_language_cookie_is_secure_when_session_cookies_are(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    assert "Secure" in client.get("/lang/en").headers["Set-Cookie"]


@pytest.mark.parametrize("code", ["fr", "EN", "vi-VN", "x"])
def test_unknown_languages_are_404(client, code):
    assert client.get(f"/lang/{code}").status_code == 404


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example/", "/\\evil.example", "", "javascript:alert(1)"]
)
def test_language_switch_never_leaves_the_site(client, target):
    response = client.get("/lang/en", query_string={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_anonymous_readers_get_no_session_cookie(app, clock, client):
    make_article("Họp dân về đường giao thông", make_category("Tin tức"), now=clock())
    db.session.commit()
    client.get("/lang/en?next=/")
    home = client.get("/")
    assert '<html lang="en">' in home.get_data(as_text=True)
    assert client.get_cookie("session") is None
    assert not any(h.startswith("session=") for h in home.headers.getlist("Set-Cookie"))


def test_footer_switch_links_back_here_and_marks_the_current_language(client):
    page = client.get("/login?next=/editor/").get_data(as_text=True)
    assert 'href="/lang/en?next=/login?next%3D/editor/"' in page
    assert re.search(r'href="/lang/vi\?next=[^"]*"[^>]*aria-current="true"', page)
    client.set_cookie("portal_lang", "en")
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'href="/lang/en\?next=/login"[^>]*aria-current="true"', page)


def test_cookie_beats_the_site_default_language(app, client):
    from portal.content.settings import save_settings

    save_settings({"default_language": "en"})
    db.session.commit()
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)
    client.set_cookie("portal_lang", "vi")
    assert '<html lang="vi">' in client.get("/login").get_data(as_text=True)
