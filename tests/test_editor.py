"""The editor area: roles, workflow, revisions, conflicts, autosave, presence, uploads."""

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Article, ArticleRevision, ArticleStatus, Autosave, Role, UserSession
from tests.factories import make_article, make_category, make_user


@pytest.fixture
def people(app, login):
    """An author who owns the articles, another author, an editor and an admin, signed in."""
    owner, other = make_user(Role.AUTHOR, display_name="Tác giả Một"), make_user(Role.AUTHOR)
    editor, admin = make_user(Role.EDITOR, display_name="Biên tập Hai"), make_user(Role.ADMIN)
    db.session.commit()
    clients = {
        name: login(user) for name, user in [("owner", owner), ("other", other), ("editor", editor), ("admin", admin)]
    }
    clients["anonymous"] = app.test_client()
    return {"owner": owner, "other": other, "editor": editor, "admin": admin}, clients


@pytest.fixture
def category(app):
    category = make_category("Tin trong huyện")
    db.session.commit()
    return category


def form_data(category, **overrides) -> dict:
    data = {
        "title": "Hội nghị tổng kết công tác năm",
        "lead": "Sáng nay, UBND thị trấn tổ chức hội nghị.",
        "body": "<p>Nội dung hội nghị.</p>",
        "byline": "Thùy Dung",
        "source": "UBND thị trấn",
        "category": str(category.id),
        "tags": "cải cách hành chính, chuyển đổi số",
        "image_caption": "",
        "published_at": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def draft_of(owner, category, clock, **overrides) -> Article:
    article = make_article(
        "Bài nháp của tác giả", category, status=ArticleStatus.DRAFT, author=owner, published_at=None, **overrides
    )
    article.updated_at = clock() - timedelta(hours=1)
    db.session.commit()
    return article


def edit_form(article, **overrides) -> dict:
    data = form_data(article.category, title=article.title, version=str(article.version))
    data.update(overrides)
    return data


# --- roles -----------------------------------------------------------------------------

ROLES = ["anonymous", "owner", "other", "editor", "admin"]
MATRIX = [
    # method, path, data, expected status for anonymous, owner, other author, editor, admin
    ("GET", "/editor/", None, [302, 200, 200, 200, 200]),
    ("GET", "/editor/articles/new", None, [302, 200, 200, 200, 200]),
    ("GET", "/editor/articles/{id}/edit", None, [302, 200, 404, 200, 200]),
    ("POST", "/editor/articles/{id}/edit", {"action": "save"}, [302, 302, 404, 302, 302]),
    ("POST", "/editor/articles/{id}/edit", {"action": "submit"}, [302, 302, 404, 302, 302]),
    ("POST", "/editor/articles/{id}/edit", {"action": "publish"}, [302, 403, 404, 302, 302]),
    ("POST", "/editor/articles/{id}/edit", {"action": "unpublish"}, [302, 403, 404, 403, 403]),
    ("POST", "/editor/articles/{pending}/edit", {"action": "save"}, [302, 403, 404, 302, 302]),
    ("POST", "/editor/articles/{pending}/edit", {"action": "reject"}, [302, 403, 404, 302, 302]),
    ("POST", "/editor/articles/{published}/edit", {"action": "unpublish"}, [302, 403, 404, 302, 302]),
    ("GET", "/editor/articles/{id}/preview", None, [302, 200, 404, 200, 200]),
    ("GET", "/editor/articles/{pending}/preview", None, [302, 200, 404, 200, 200]),
    ("GET", "/editor/articles/{id}/revisions", None, [302, 200, 404, 200, 200]),
    ("POST", "/editor/articles/{id}/revisions/{revision}/restore", {}, [302, 302, 404, 302, 302]),
    ("POST", "/editor/articles/{pending}/revisions/{pending_revision}/restore", {}, [302, 403, 404, 302, 302]),
    ("POST", "/editor/articles/{id}/presence", {}, [401, 200, 404, 200, 200]),
    ("POST", "/editor/articles/{id}/takeover", {}, [302, 403, 404, 302, 302]),
]


@pytest.mark.parametrize("method, path, data, expected", MATRIX, ids=[f"{m} {p} {d}" for m, p, d, _ in MATRIX])
def test_role_matrix(app, people, category, clock, method, path, data, expected):
    from portal.content.revisions import snapshot

    users, clients = people
    for role, status in zip(ROLES, expected):
        owner = users["owner"]
        articles = {
            "id": draft_of(owner, category, clock),
            "pending": make_article(
                "Chờ duyệt", category, status=ArticleStatus.PENDING, author=owner, published_at=None
            ),
            "published": make_article("Đã đăng", category, author=owner, now=clock()),
        }
        revisions = {
            "revision": snapshot(articles["id"], owner),
            "pending_revision": snapshot(articles["pending"], owner),
        }
        db.session.commit()
        url = path.format(**{k: a.id for k, a in articles.items()}, **{k: r.id for k, r in revisions.items()})
        target = articles["pending" if "{pending}" in path else "published" if "{published}" in path else "id"]
        body = edit_form(target, **data) if data is not None and path.endswith("/edit") else data
        response = clients[role].open(url, method=method, data=body, headers={"Accept": "text/html"})
        assert response.status_code == status, f"{role}: {response.status_code}"


def test_json_endpoints_answer_401_to_the_signed_out(app, people, category, clock):
    users, clients = people
    draft = draft_of(users["owner"], category, clock)
    response = clients["anonymous"].post("/editor/autosave", json={"article_id": draft.id, "fields": {}})
    assert response.status_code == 401 and response.json["authenticated"] is False


# --- workflow --------------------------------------------------------------------------


def test_an_article_goes_from_draft_to_review_to_publication(app, people, category, client, clock):
    users, clients = people
    created = clients["owner"].post("/editor/articles/new", data=form_data(category))
    assert created.status_code == 302
    article = db.session.scalar(sa.select(Article))
    assert article.status is ArticleStatus.DRAFT and article.author_id == users["owner"].id
    assert {t.name for t in article.tags} == {"cải cách hành chính", "chuyển đổi số"}
    assert article.slug == "hoi-nghi-tong-ket-cong-tac-nam"
    assert (
        clients["owner"].post(created.headers["Location"], data=edit_form(article, action="submit")).status_code == 302
    )
    assert article.status is ArticleStatus.PENDING
    assert (
        clients["owner"].post(created.headers["Location"], data=edit_form(article, title="Sửa sau khi gửi")).status_code
        == 403
    )
    sent_back = edit_form(article, action="reject", review_note="Bổ sung số liệu.")
    assert clients["editor"].post(created.headers["Location"], data=sent_back).status_code == 302
    assert article.status is ArticleStatus.DRAFT and article.review_note == "Bổ sung số liệu."
    assert "Bổ sung số liệu." in clients["owner"].get(created.headers["Location"]).get_data(as_text=True)
    clients["owner"].post(created.headers["Location"], data=edit_form(article, action="submit"))
    assert (
        clients["editor"].post(created.headers["Location"], data=edit_form(article, action="publish")).status_code
        == 302
    )
    assert article.status is ArticleStatus.PUBLISHED and article.published_at == clock()
    public = f"/{category.slug}/{article.slug}-{article.id}.html"
    assert client.get(public).status_code == 200
    clients["editor"].post(created.headers["Location"], data=edit_form(article, action="unpublish"))
    assert client.get(public).status_code == 404
    notes = [r.note for r in db.session.scalars(sa.select(ArticleRevision).order_by(ArticleRevision.id))]
    assert notes == ["Lưu", "Gửi duyệt", "Trả lại để sửa", "Gửi duyệt", "Đăng bài", "Gỡ bài"]


def test_a_future_date_schedules_and_the_article_appears_at_its_time(app, people, category, client, clock):
    users, clients = people
    data = form_data(category, action="publish", published_at="2026-03-02T10:00")  # 10:00 in Hà Nội
    assert clients["editor"].post("/editor/articles/new", data=data).status_code == 302
    article = db.session.scalar(sa.select(Article))
    assert article.status is ArticleStatus.PUBLISHED and article.published_at.hour == 3  # UTC
    public = f"/{category.slug}/{article.slug}-{article.id}.html"
    assert client.get(public).status_code == 404
    dashboard = clients["editor"].get("/editor/?status=scheduled").get_data(as_text=True)
    assert article.title in dashboard and "Hẹn giờ" in dashboard
    clock.advance(hours=1, minutes=29)
    assert client.get(public).status_code == 404
    clock.advance(minutes=1)
    assert client.get(public).status_code == 200


def test_authors_cannot_set_what_only_editors_may(app, people, category, clock):
    users, clients = people
    data = form_data(category, featured="y", published_at="2026-01-01T08:00", status="published", author_id="999")
    clients["owner"].post("/editor/articles/new", data=data)
    article = db.session.scalar(sa.select(Article))
    assert article.featured is False and article.published_at is None
    assert article.status is ArticleStatus.DRAFT and article.author_id == users["owner"].id


def test_the_byline_defaults_to_the_display_name(app, people, category):
    users, clients = people
    assert 'value="Tác giả Một"' in clients["owner"].get("/editor/articles/new").get_data(as_text=True)
    clients["owner"].post("/editor/articles/new", data=form_data(category, byline=""))
    assert db.session.scalar(sa.select(Article.byline)) == "Tác giả Một"


def test_dashboard_shows_each_person_what_they_may_see(app, people, category, clock):
    users, clients = people
    draft_of(users["owner"], category, clock)
    make_article("Bài của người khác", category, status=ArticleStatus.PENDING, author=users["other"], published_at=None)
    db.session.commit()
    own = clients["owner"].get("/editor/").get_data(as_text=True)
    assert "Bài nháp của tác giả" in own and "Bài của người khác" not in own
    pending = clients["editor"].get("/editor/?status=pending").get_data(as_text=True)
    assert "Bài của người khác" in pending and "Bài nháp của tác giả" not in pending
    found = clients["editor"].get("/editor/?q=người+khác").get_data(as_text=True)
    assert "Bài của người khác" in found and "Bài nháp của tác giả" not in found
    assert clients["editor"].get("/editor/?page=0").status_code == 404


# --- never lose a word -----------------------------------------------------------------


def test_bad_input_keeps_everything_typed(app, people, category):
    users, clients = people
    typed = form_data(category, title="x" * 301, body="<p>Đoạn văn rất quan trọng.</p>", published_at="ngày mai")
    response = clients["editor"].post("/editor/articles/new", data=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Tiêu đề dài tối đa 300 ký tự." in html and "Thời điểm đăng không hợp lệ" in html
    assert "Đoạn văn rất quan trọng." in html and "x" * 301 in html and "ngày mai" in html
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0


def test_a_new_article_starts_with_no_category_chosen_and_asks_for_one(app, people, category):
    users, clients = people
    form = clients["editor"].get("/editor/articles/new").get_data(as_text=True)
    first_option = re.search(r'<select[^>]*name="category"[^>]*>\s*<option([^>]*)>([^<]*)<', form)
    assert first_option and 'value=""' in first_option[1] and first_option[2] == "Chọn chuyên mục"
    response = clients["editor"].post("/editor/articles/new", data=form_data(category) | {"category": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vui lòng chọn chuyên mục." in html and "Hội nghị tổng kết công tác năm" in html
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0


def test_an_upload_that_is_not_an_image_is_refused_and_the_form_kept(app, people, category):
    users, clients = people
    data = form_data(category, body="<p>Nội dung không được mất.</p>")
    data["image"] = (io.BytesIO(b"this is not a picture"), "anh-that.jpg")
    response = clients["owner"].post("/editor/articles/new", data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF" in html and "Nội dung không được mất." in html
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0


def test_a_lead_image_upload_is_stored_and_shown_with_variants(app, people, category, client):
    from PIL import Image

    users, clients = people
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 120, 60)).save(buffer, "JPEG")
    data = form_data(category, action="publish", image_caption="Toàn cảnh hội nghị.")
    data["image"] = (io.BytesIO(buffer.getvalue()), "hoi-nghi.jpg")
    assert (
        clients["editor"].post("/editor/articles/new", data=data, content_type="multipart/form-data").status_code == 302
    )
    article = db.session.scalar(sa.select(Article))
    html = client.get(f"/{category.slug}/{article.slug}-{article.id}.html").get_data(as_text=True)
    assert "<figcaption>Toàn cảnh hội nghị.</figcaption>" in html and "480w" in html and "960w" in html


def test_the_body_is_sanitized_on_save_and_titles_stay_text(app, people, category, client):
    users, clients = people
    data = form_data(
        category,
        action="publish",
        title="<script>alert(1)</script> Tin",
        body='<p onclick="x()">Chữ</p><script>alert(2)</script>',
    )
    clients["editor"].post("/editor/articles/new", data=data)
    article = db.session.scalar(sa.select(Article))
    assert article.body_html == "<p>Chữ</p>alert(2)"
    assert "<script>" in article.body_source  # what was typed is kept for the editor
    html = client.get(f"/{category.slug}/{article.slug}-{article.id}.html").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Tin" in html


def test_two_saves_from_the_same_version_give_the_second_a_conflict_page(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock, body_html="<p>Bản gốc.</p>")
    base = edit_form(article)
    first = clients["editor"].post(
        f"/editor/articles/{article.id}/edit", data={**base, "body": "<p>Bản của biên tập viên.</p>"}
    )
    assert first.status_code == 302
    second = clients["owner"].post(
        f"/editor/articles/{article.id}/edit", data={**base, "body": "<p>Bản của tác giả.</p>"}
    )
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Bản của biên tập viên." in html and "Bản của tác giả." in html and "Biên tập Hai" in html
    assert article.body_source == "<p>Bản của biên tập viên.</p>"
    kept = db.session.scalar(sa.select(Autosave).where(Autosave.user_id == users["owner"].id))
    assert "Bản của tác giả." in kept.data
    assert f'id="version" name="version" type="hidden" value="{article.version}"' in html  # saving again is a choice


def test_revisions_only_for_real_changes_with_diff_and_restore(app, people, category, clock):
    users, clients = people
    url = "/editor/articles/new"
    clients["editor"].post(url, data=form_data(category, body="<p>Dòng một.</p><p>Dòng hai.</p>"))
    article = db.session.scalar(sa.select(Article))
    edit = f"/editor/articles/{article.id}/edit"
    clients["editor"].post(edit, data=edit_form(article, body="<p>Dòng một.</p><p>Dòng hai.</p>"))
    assert len(article.revisions) == 1  # nothing changed, no revision
    clients["editor"].post(edit, data=edit_form(article, body="<p>Dòng một.</p><p>Dòng ba.</p>"))
    first, second = article.revisions
    listing = clients["editor"].get(f"{edit.replace('/edit', '')}/revisions").get_data(as_text=True)
    assert "Biên tập Hai" in listing
    diff = (
        clients["editor"]
        .get(f"/editor/articles/{article.id}/revisions/diff?a={first.id}&b={second.id}")
        .get_data(as_text=True)
    )
    assert "Dòng hai." in diff.split("diff__line--removed")[1] and "Dòng ba." in diff.split("diff__line--added")[1]
    assert clients["editor"].get(f"/editor/articles/{article.id}/revisions/diff?a=abc&b=1").status_code == 404
    clients["editor"].post(f"/editor/articles/{article.id}/revisions/{first.id}/restore")
    assert article.body_source == "<p>Dòng một.</p><p>Dòng hai.</p>"
    assert [r.version for r in article.revisions] == [1, 2, 3]
    assert first.body_source == "<p>Dòng một.</p><p>Dòng hai.</p>" and second.body_source.endswith("ba.</p>")


def test_autosave_is_offered_back_and_makes_no_revision(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    fields = {"title": article.title, "body": "<p>Chưa kịp lưu.</p>", "category": str(category.id)}
    saved = clients["owner"].post(
        "/editor/autosave", json={"article_id": article.id, "version": article.version, "fields": fields}
    )
    assert saved.status_code == 200 and saved.json["saved"] is True
    assert article.revisions == []
    page = clients["owner"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "Có bản lưu tự động lúc" in page and "Chưa kịp lưu." not in page
    restored = clients["owner"].get(f"/editor/articles/{article.id}/edit?restore=autosave").get_data(as_text=True)
    assert "Chưa kịp lưu." in restored
    clients["owner"].post(f"/editor/articles/{article.id}/edit", data=edit_form(article, body="<p>Chưa kịp lưu.</p>"))
    assert db.session.scalar(sa.select(sa.func.count(Autosave.id))) == 0  # a real save replaces it


def test_a_new_drafts_autosave_is_offered_on_the_new_article_form(app, people, category):
    users, clients = people
    clients["owner"].post("/editor/autosave", json={"article_id": None, "fields": {"title": "Bài mới chưa lưu"}})
    assert "Có bản lưu tự động" in clients["owner"].get("/editor/articles/new").get_data(as_text=True)
    assert 'value="Bài mới chưa lưu"' in clients["owner"].get("/editor/articles/new?restore=autosave").get_data(
        as_text=True
    )


def test_autosave_is_refused_where_the_person_may_not_edit(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    other = clients["other"].post("/editor/autosave", json={"article_id": article.id, "fields": {"title": "x"}})
    assert other.status_code == 404
    assert clients["owner"].post("/editor/autosave", json={"article_id": "1", "fields": {}}).status_code == 400
    assert clients["owner"].post("/editor/autosave", data="not json").status_code == 400


def test_autosave_and_heartbeats_do_not_extend_the_idle_session(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    clock.advance(seconds=1700)
    clients["owner"].post("/editor/autosave", json={"article_id": article.id, "fields": {"title": "x"}})
    clients["owner"].post(f"/editor/articles/{article.id}/presence")
    clock.advance(seconds=100)
    assert clients["owner"].get("/editor/").status_code == 302
    ended = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == users["owner"].id))
    assert ended.end_reason == "idle"


def test_presence_names_who_else_is_editing_and_goes_stale(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    clients["owner"].get(f"/editor/articles/{article.id}/edit")
    seen = clients["editor"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "Tác giả Một đang sửa bài này." in seen and "Tiếp quản bài này" in seen
    assert clients["editor"].post(f"/editor/articles/{article.id}/presence").json == {
        "mine": False,
        "holder": "Tác giả Một",
        "taken_by": None,
    }
    clock.advance(minutes=2)
    assert "Tác giả Một đang sửa bài này." not in clients["editor"].get(f"/editor/articles/{article.id}/edit").get_data(
        as_text=True
    )


def test_an_editor_takes_over_and_the_author_is_told(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    clients["owner"].get(f"/editor/articles/{article.id}/edit")
    assert clients["editor"].post(f"/editor/articles/{article.id}/takeover").status_code == 302
    told = clients["owner"].post(f"/editor/articles/{article.id}/presence").json
    assert told == {"mine": False, "holder": "Biên tập Hai", "taken_by": "Biên tập Hai"}


def test_preview_shows_the_draft_as_readers_would_see_it(app, people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock, byline="Ngọc Ánh")
    html = clients["owner"].get(f"/editor/articles/{article.id}/preview").get_data(as_text=True)
    assert "Xem trước" in html and "Tác giả bài viết" in html and "Ngọc Ánh" in html
    assert clients["owner"].get(f"/editor/articles/{article.id}/preview").headers["Cache-Control"] == "no-store"


# --- found in review: bad input, lost work, borrowed images ------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/editor/articles/1180591620717411303424/edit",
        "/editor/articles/2147483648/preview",
        "/editor/articles/1/revisions/diff?a=²&b=1",
        "/editor/articles/1/revisions/diff?a=9999999999&b=1",
        "/editor/?category=²&author=²",
        "/editor/categories/1180591620717411303424",
        "/admin/users/1180591620717411303424",
        "/tin-tuc/?page=²",
    ],
)
def test_absurd_ids_answer_404_or_a_page_never_500(people, category, clock, path):
    users, clients = people
    draft_of(users["owner"], category, clock)
    assert clients["admin"].get(path).status_code in {200, 404}


@pytest.mark.parametrize(
    "payload",
    [[1], {"fields": []}, {"article_id": True, "fields": {}}, {"article_id": 2**70, "fields": {}},
     {"article_id": None, "version": 1e400, "fields": {}}, {"article_id": "1", "fields": {}}, "text"],
)  # fmt: skip
def test_autosave_refuses_malformed_payloads_with_400(people, payload):
    users, clients = people
    assert clients["owner"].post("/editor/autosave", json=payload).status_code == 400


def test_an_autosave_stays_on_offer_after_a_colleague_saves(people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    fields = {"title": article.title, "lead": "Bản nháp của tác giả chưa lưu.", "category": str(category.id)}
    clients["owner"].post(
        "/editor/autosave", json={"article_id": article.id, "version": article.version, "fields": fields}
    )
    clock.advance(minutes=1)
    clients["editor"].post(f"/editor/articles/{article.id}/edit", data=edit_form(article, source="Biên tập sửa nguồn"))
    page = clients["owner"].get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    assert "Có bản lưu tự động" in page
    restored = clients["owner"].get(f"/editor/articles/{article.id}/edit?restore=autosave").get_data(as_text=True)
    assert "Bản nháp của tác giả chưa lưu." in restored


def test_a_save_refused_because_the_status_changed_keeps_the_text(people, category, clock):
    users, clients = people
    article = draft_of(users["owner"], category, clock)
    form = edit_form(article, lead="Đoạn tác giả vừa viết xong.")
    clients["editor"].post(f"/editor/articles/{article.id}/edit", data=edit_form(article, action="publish"))
    refused = clients["owner"].post(f"/editor/articles/{article.id}/edit", data=form)
    assert refused.status_code == 403 and "Đoạn tác giả vừa viết xong." in refused.get_data(as_text=True)
    kept = db.session.scalar(sa.select(Autosave).where(Autosave.user_id == users["owner"].id))
    assert "Đoạn tác giả vừa viết xong." in kept.data


def test_an_author_cannot_borrow_someone_elses_unpublished_image(people, category):
    from tests.factories import make_image

    users, clients = people
    secret = make_image()
    secret.uploader_id = users["editor"].id
    db.session.commit()
    clients["owner"].post("/editor/articles/new", data=form_data(category, image_id=str(secret.id)))
    assert db.session.scalar(sa.select(Article.image_id)) is None
