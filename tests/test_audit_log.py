"""The audit log in sentences (issue 16, item 3): every recorded action described once, the page,
its filter and the CSV export."""

import ast
import csv
import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.content import audit, workflow
from portal.content.audit_sentences import ACTIONS, describe_all
from portal.extensions import db
from portal.models import Article, AuditLog, Role
from tests.factories import make_article, make_category, make_user

PACKAGE = Path(__file__).resolve().parent.parent / "portal"

# Where the code records an entry: the function and the position of its action argument.
RECORDERS = {"record": 0, "record_repeated": 0, "log": 0, "audit_refusal": 0, "account_action": 2}


def recorded_actions() -> tuple[set[str], set[str]]:
    """The action codes written anywhere in the package, and the prefixes of those built at run time."""
    codes, prefixes = set(), set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") != "audit":
                continue
            if name in RECORDERS and len(node.args) > RECORDERS[name]:
                collect(node.args[RECORDERS[name]], codes, prefixes)
    return codes, prefixes


def collect(argument: ast.expr, codes: set[str], prefixes: set[str]) -> None:
    """Add the literal codes (both branches of a conditional) or an f-string's literal prefix."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        codes.add(argument.value)
    elif isinstance(argument, ast.IfExp):
        collect(argument.body, codes, prefixes)
        collect(argument.orelse, codes, prefixes)
    elif isinstance(argument, ast.JoinedStr):
        prefixes.add(argument.values[0].value if isinstance(argument.values[0], ast.Constant) else "")
    elif not isinstance(argument, ast.Name):  # a name is a parameter: its callers pass literals
        raise AssertionError(f"an action the test cannot read: {ast.dump(argument)}")


def session_end_reasons() -> set[str]:
    """The reasons reason_to_end() returns, each recorded as "session.<reason>"."""
    source = (PACKAGE / "content" / "sessions.py").read_text(encoding="utf-8")
    function = next(
        n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and n.name == "reason_to_end"
    )
    return {n.value.value for n in ast.walk(function) if isinstance(n, ast.Return) and isinstance(n.value, ast.Constant)} - {None}  # fmt: skip


def test_every_action_the_code_records_has_a_sentence():
    """Issue 16, item 3: a new audit.record("x.y", ...) without a sentence fails here."""
    codes, prefixes = recorded_actions()
    assert {"login.success", "account.role", "session.end_all", "category.delete", "csrf.failure"} <= codes
    assert prefixes == {"session.", "article."}, "a new action built at run time: list its values below"
    dynamic = {f"session.{r}" for r in session_end_reasons()} | {f"article.{a.value}" for a in workflow.Action}
    assert len(dynamic) == 8
    missing = (codes | dynamic) - ACTIONS.keys()
    assert not missing, f"actions recorded without a sentence: {sorted(missing)}"


# One realistic entry per action: (target, detail, actor is "admin", "author", "gone" or None).
SAMPLES = {
    "login.success": ("tacgia", "", "author"),
    "login.failure": ("tacgia", "", None),
    "login.throttled": ("tacgia", "", None),
    "logout": ("tacgia", "", "author"),
    "reauth.success": ("", "", "admin"),
    "reauth.failure": ("", "", "admin"),
    "session.idle": ("", "", "author"),
    "session.lifetime": ("", "", "author"),
    "session.inactive": ("", "", "author"),
    "session.end": ("tacgia", "", "admin"),
    "session.end_all": ("tacgia", "", "admin"),
    "account.create": ("tacgia", "role=author", "admin"),
    "account.role": ("tacgia", "author -> editor", "admin"),
    "account.update": ("tacgia", "display_name, email", "admin"),
    "account.deactivate": ("tacgia", "", "admin"),
    "account.reactivate": ("tacgia", "cli", None),
    "account.password_reset": ("tacgia", "", "admin"),
    "account.password_change": ("tacgia", "", "author"),
    "account.password_change_failure": ("tacgia", "", "author"),
    "account.password_change_required": ("tacgia", "cli imported", None),
    "account.delete": ("daxoa", "", "admin"),
    "settings.update": ("settings", "page_size, site_name", "admin"),
    "audit.export": ("", "action=login.success", "admin"),
    "access.denied": ("GET /admin/", "", "author"),
    "csrf.failure": ("POST /login", "", None),
    "article.save": ("article:{article}", "", "author"),
    "article.submit": ("article:{article}", "", "author"),
    "article.publish": ("article:{article}", "", "admin"),
    "article.unpublish": ("article:{article}", "", "admin"),
    "article.reject": ("article:{article}", "", "admin"),
    "article.takeover": ("article:{article}", "from tacgia", "admin"),
    "article.restore": ("article:{article}", "2", "admin"),
    "article.delete": ("article:999", "Bài đã xóa", "admin"),
    "category.create": ("category:{category}", "", "admin"),
    "category.update": ("category:{category}", "tin-cu -> {category}", "admin"),
    "category.delete": ("category:tin-cu", "moved 3", "admin"),
}


@pytest.fixture
def cast(app):
    """An administrator, an author, an article and a category for the entries to name."""
    admin = make_user(Role.ADMIN, username="quantri", display_name="Trần Văn An")
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Lê Thị Bình")
    category = make_category("Tin trong tỉnh")
    article = make_article("Lễ hội đền Hùng", category)
    db.session.commit()
    return {"admin": admin, "author": author, "category": category, "article": article}


def sample_entry(code: str, cast: dict) -> AuditLog:
    """The sample entry for that action, recorded."""
    target, detail, who = SAMPLES[code]
    fill = {"article": cast["article"].id, "category": cast["category"].slug}
    actor = cast[who] if who else None
    return audit.record(code, actor, target=target.format(**fill), ip="203.0.113.9", detail=detail.format(**fill))


def test_the_samples_cover_every_action_of_the_table():
    """Issue 16, item 3: the sentence test below tries every action the table knows."""
    assert SAMPLES.keys() == ACTIONS.keys()


@pytest.mark.parametrize("code", list(SAMPLES))
def test_every_action_reads_as_a_sentence_in_both_languages(cast, code):
    """Issue 16, item 3: the sentence names people and things in words, never codes or placeholders."""
    entry = sample_entry(code, cast)
    db.session.flush()
    said = {}
    for language in ("vi", "en"):
        with force_locale(language):
            description = describe_all([entry])[0]
            said[language] = (description.text(), description.label)
    for text, label in said.values():
        assert "%(" not in text and code not in text and code not in label
        assert not re.search(r"\b(article|category|session):|->|role=|\bcli\b|display_name|page_size", text)
        if SAMPLES[code][2] in ("admin", "author"):
            assert cast[SAMPLES[code][2]].display_name in text
    assert said["vi"][0] != said["en"][0] and said["vi"][1] != said["en"][1] or code == "logout"


def test_every_sentence_and_label_has_its_english_translation(app):
    """Issue 16, item 3: every sentence, variant and label of the table is translated, placeholders kept."""
    for code, action in ACTIONS.items():
        for text in (action.label, action.sentence, *action.variants.values()):
            with force_locale("vi"):
                vietnamese = str(text)
            with force_locale("en"):
                english = str(text)
            assert english != vietnamese or text is action.label and code == "logout", vietnamese
            assert sorted(re.findall(r"%\(\w+\)s", english)) == sorted(re.findall(r"%\(\w+\)s", vietnamese))


def test_sentences_carry_the_details_in_words(cast):
    """Issue 16, item 3: roles, fields, renamed addresses and deleted things read as words."""
    codes = ["account.role", "account.update", "settings.update", "category.update", "article.delete"]
    entries = [sample_entry(code, cast) for code in codes]
    db.session.flush()
    said = [d.text() for d in describe_all(entries)]
    assert said[0] == "Trần Văn An đổi vai trò của Lê Thị Bình từ tác giả thành biên tập viên."
    assert said[1] == "Trần Văn An sửa tên hiển thị, thư điện tử của tài khoản Lê Thị Bình."
    assert said[2] == "Trần Văn An sửa cài đặt trang: số bài mỗi trang chuyên mục, tên trang (tiêu đề đầu trang)."
    assert said[3].endswith("địa chỉ đổi từ /tin-cu/ thành /tin-trong-tinh/.")
    assert said[4] == "Trần Văn An xóa bài “Bài đã xóa”."
    with force_locale("en"):
        english = [d.text() for d in describe_all(entries)]
    assert english[0] == "Trần Văn An changed Lê Thị Bình's role from author to editor."


def test_deleted_actor_article_and_an_unknown_action_still_read_well(cast):
    """Issue 16, item 3: a deleted account or article and a legacy code give sentences, not errors."""
    article_id = cast["article"].id
    entries = [
        audit.record("article.publish", cast["author"], target=f"article:{article_id}"),
        audit.record("article.delete", cast["admin"], target=f"article:{article_id}", detail="Lễ hội đền Hùng"),
        audit.record("legacy.import", None, target="nukeviet"),
    ]
    db.session.delete(db.session.get(Article, article_id))
    db.session.delete(cast["author"])
    db.session.flush()
    said = [d.text() for d in describe_all(entries)]
    assert said[0] == "tacgia (tài khoản đã xóa) đăng bài “Lễ hội đền Hùng” (đã xóa)."
    assert said[1] == "Trần Văn An xóa bài “Lễ hội đền Hùng”."
    assert said[2] == "Một người chưa đăng nhập thực hiện thao tác “legacy.import” trên nukeviet."


@pytest.fixture
def admin_client(cast, login):
    """The administrator, signed in."""
    return login(cast["admin"])


def test_the_page_shows_sentences_with_links_and_no_codes(cast, admin_client):
    """Issue 16, item 3: a role change made through the form reads as a sentence with links."""
    author, article = cast["author"], cast["article"]
    answer = admin_client.post(f"/admin/users/{author.id}", data={"display_name": "Lê Thị Bình", "role": "editor"})
    assert answer.status_code == 302
    audit.record("article.publish", cast["admin"], target=f"article:{article.id}")
    db.session.commit()
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    admin_link = f'<a href="/admin/users/{cast["admin"].id}">Trần Văn An</a>'
    author_link = f'<a href="/admin/users/{author.id}">Lê Thị Bình</a>'
    assert f"{admin_link} đổi vai trò của {author_link} từ tác giả thành biên tập viên." in page
    article_link = f'<a href="/editor/articles/{article.id}/edit">“Lễ hội đền Hùng”</a>'
    assert f"{admin_link} đăng bài {article_link}." in page
    table = page[page.index("<tbody>") :]
    for code in ("account.role", "article.publish", "author -> editor", "article:", "<code>"):
        assert code not in table
    home = admin_client.get("/admin/").get_data(as_text=True)
    assert "từ tác giả thành biên tập viên" in home


def test_titles_and_names_are_printed_as_text(cast, admin_client):
    """Issue 16, item 3: an article title or a name with markup is escaped in the sentence."""
    cast["article"].title = "<script>alert(1)</script>"
    cast["admin"].display_name = '<img src=x onerror="alert(2)">'
    audit.record("article.publish", cast["admin"], target=f"article:{cast['article'].id}")
    db.session.commit()
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_the_filter_lists_labels_and_still_filters(cast, admin_client, clock):
    """Issue 16, item 3: the action filter shows Vietnamese labels; codes stay in the address only."""
    audit.record("logout", cast["author"], target="tacgia")
    audit.record("session.end_all", cast["admin"], target="tacgia")
    audit.record("legacy.import", None)
    db.session.commit()
    page = admin_client.get("/admin/audit?action=logout").get_data(as_text=True)
    assert '<option selected value="logout">Đăng xuất</option>' in page
    assert '<option value="account.role">Đổi vai trò</option>' in page
    assert '<option value="legacy.import">Thao tác khác: legacy.import</option>' in page
    assert "Lê Thị Bình</a> đăng xuất." in page and "kết thúc mọi phiên" not in page
    by_actor = admin_client.get("/admin/audit?actor=quantri").get_data(as_text=True)
    assert "kết thúc mọi phiên đăng nhập của" in by_actor and "đăng xuất." not in by_actor
    admin_client.set_cookie("portal_lang", "en")
    english = admin_client.get("/admin/audit?action=logout")
    assert '<option selected value="logout">Sign out</option>' in english.get_data(as_text=True)


def export(client, query: str = ""):
    """The CSV answer and its rows."""
    answer = client.get(f"/admin/audit.csv{query}")
    body = answer.get_data()
    return answer, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_every_filtered_row_with_vietnamese_headings(cast, admin_client, clock):
    """Issue 16, item 3: "Tải CSV" exports all matching rows (not one page), UTF-8 with BOM, no-store."""
    for _ in range(60):
        audit.record("login.success", cast["author"], target="tacgia", ip="203.0.113.9")
    audit.record("logout", cast["author"], target="tacgia")
    db.session.commit()
    page = admin_client.get("/admin/audit?action=login.success&page=2").get_data(as_text=True)
    assert 'href="/admin/audit.csv?action=login.success" download>Tải CSV</a>' in page
    answer, rows = export(admin_client, "?action=login.success")
    assert answer.status_code == 200 and answer.get_data().startswith(b"\xef\xbb\xbf")
    assert answer.mimetype == "text/csv" and "no-store" in answer.headers["Cache-Control"]
    day = clock().strftime("%Y-%m-%d")  # the test clock stands at midday UTC, the same day in Hà Nội
    assert answer.headers["Content-Disposition"] == f'attachment; filename="nhat-ky-{day}.csv"'
    assert rows[0] == ["Thời điểm", "Người thực hiện", "Hành động", "Diễn giải", "Đối tượng", "Địa chỉ IP", "Số lần"]
    assert len(rows) == 61
    local = (clock().astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))).strftime("%d/%m/%Y %H:%M:%S")
    assert rows[1] == [local, "Lê Thị Bình", "Đăng nhập thành công", "Lê Thị Bình đăng nhập.", "Lê Thị Bình", "203.0.113.9", "1"]  # fmt: skip


def test_the_csv_defuses_formulas_and_speaks_english_in_english(cast, admin_client):
    """Issue 16, item 3: a name or title starting with = + - @ cannot run as a spreadsheet formula."""
    cast["author"].display_name = '=HYPERLINK("http://evil.example","x")'
    cast["article"].title = "+1+2"
    audit.record("login.success", cast["author"], target="tacgia")
    audit.record("article.publish", cast["admin"], target=f"article:{cast['article'].id}", ip="-1")
    db.session.commit()
    answer, rows = export(admin_client)
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'-1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    admin_client.set_cookie("portal_lang", "en")
    answer, rows = export(admin_client)
    assert rows[0] == ["Time", "Performed by", "Action", "Description", "Target", "IP address", "Times"]
    assert ["Trần Văn An published the article “+1+2”."] == [row[3] for row in rows if "+1+2" in row[3]]
    assert rows[1][3] == "Trần Văn An downloaded the activity log (CSV file)."  # the download itself comes first


def test_only_administrators_download_the_log(cast, login, client):
    """Issue 16, item 3: the export is checked on the server: 403 for editors and authors."""
    editor = make_user(Role.EDITOR, username="bientap")
    db.session.commit()
    assert login(cast["author"]).get("/admin/audit.csv").status_code == 403
    assert login(editor).get("/admin/audit.csv").status_code == 403
    anonymous = client.get("/admin/audit.csv")
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditLog).where(AuditLog.action == "access.denied")
    )
    assert count >= 1


@pytest.mark.parametrize("query", ["?action=%00", "?date_from=01/01/0001&date_to=31/12/9999", "?actor=" + "x" * 5000])
def test_odd_filters_still_give_a_whole_csv(cast, admin_client, query):
    """Issue 16, item 3: a filter the page ignores is ignored by the export too; the file is complete."""
    audit.record("logout", cast["author"], target="tacgia")
    db.session.commit()
    answer, rows = export(admin_client, query)
    assert answer.status_code == 200 and rows[0][0] == "Thời điểm"
    assert len(rows) == (1 if "actor" in query else 3)  # the logout and the download itself


def test_the_csv_is_whole_across_batches_and_the_download_is_logged(cast, admin_client, monkeypatch):
    """Issue 16, item 3: rows are read BATCH at a time without a gap or a repeat; taking the log is logged."""
    from portal.content import audit_export

    monkeypatch.setattr(audit_export, "BATCH", 2)
    for number in range(7):
        audit.record("login.failure", None, target=f"khach{number}")
    db.session.commit()
    answer, rows = export(admin_client, "?action=login.failure")
    assert [row[3] for row in rows[1:]] == [
        f"Có người đăng nhập sai với tên đăng nhập khach{number}." for number in reversed(range(7))
    ]
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "Trần Văn An</a> tải nhật ký hoạt động về máy (tệp CSV, có lọc: action=login.failure)." in page


# Login names and account names a visitor or an administrator may type that look like other targets.
LOOKALIKE_TARGETS = ["settings", "article:1", "category:tin-cu", "session:3", "GET /admin/", "audit", ""]


def test_typed_names_that_look_like_other_targets_read_as_names(cast, admin_client):
    """Issue 16, item 3 (review): a failed sign-in as "article:1" or "settings" used to break the log page (500)."""
    for typed in LOOKALIKE_TARGETS:
        audit.record("login.failure", None, target=typed)
        audit.record("account.create", cast["admin"], target=typed, detail="role=author")
        audit.record("session.end", cast["admin"], target=typed)
    db.session.commit()
    for address in ("/admin/", "/admin/audit"):
        answer = admin_client.get(address)
        assert answer.status_code == 200, address
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    for typed in LOOKALIKE_TARGETS[:4]:
        assert f"Có người đăng nhập sai với tên đăng nhập {typed}." in page
        assert f"tạo tài khoản {typed} với vai trò tác giả." in page
    answer, rows = export(admin_client)
    assert answer.status_code == 200 and len(rows) == 1 + 3 * len(LOOKALIKE_TARGETS) + 1


def test_a_cell_a_semicolon_spreadsheet_would_split_is_defused_too(cast, admin_client):
    """Issue 16, item 3 (review): Excel set to split on ";" must not find a formula after one; every cell is quoted."""
    audit.record("login.failure", None, target="x;=cmd|' /C calc'!A0")
    db.session.commit()
    answer, rows = export(admin_client, "?action=login.failure")
    body = answer.get_data().decode("utf-8-sig")
    assert ";=" not in body and "x;'=cmd" in rows[1][3]
    assert all(line.startswith('"') for line in body.splitlines() if line)
    for part in body.replace('"', "").split(";"):
        assert not part.lstrip().startswith(("=", "+", "-", "@"))


def test_query_keys_the_page_does_not_know_are_ignored(cast, admin_client):
    """Issue 16, item 3 (review): ?endpoint= or ?_method= in the address no longer break the page's links."""
    audit.record("logout", cast["author"], target="tacgia")
    db.session.commit()
    answer = admin_client.get("/admin/audit?endpoint=x&_method=POST&_external=1&action=logout")
    assert answer.status_code == 200
    assert 'href="/admin/audit.csv?action=logout"' in answer.get_data(as_text=True)


def test_entries_with_missing_details_still_read_as_sentences(cast):
    """Issue 16, item 3 (review): no double space where a detail is missing; a deleted pair is not "one's own"."""
    entries = [
        audit.record("category.delete", cast["admin"], target="category:tin-cu", detail=""),
        audit.record("account.update", None, target="daxoa", detail="email"),
    ]
    db.session.flush()
    said = [d.text() for d in describe_all(entries)]
    assert said[0] == "Trần Văn An xóa chuyên mục “tin-cu”."
    assert "chính mình" not in said[1] and "daxoa" in said[1]
