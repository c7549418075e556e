"""Readers see only what is published: a draft's tags give nothing away, and drafts, autosaves
and uploads leave the page cache alone; a page's cached copy is kept per scheme and host."""

import io
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image

from portal import create_app
from portal.content.freshness import read_generation
from portal.extensions import db
from portal.models import Article, Role
from tests.conftest import IsolatedClient
from tests.factories import make_article, make_category, make_user

CACHE = "X-Portal-Cache"
SECRET_TAG = "Kế hoạch sáp nhập bí mật"


@pytest.fixture
def newsroom(app, login, clock):
    category = make_category("Tin tức", slug="tin-tuc")
    author, editor = make_user(Role.AUTHOR), make_user(Role.EDITOR)
    make_article("Khai mạc hội chợ xuân", category, now=clock() - timedelta(hours=1))
    db.session.commit()
    return category, login(author), login(editor)


def form(category, **changes) -> dict:
    data = {
        "title": "Phương án sắp xếp đơn vị hành chính", "lead": "", "body": "<p>Dự thảo.</p>", "byline": "",
        "source": "", "category": str(category.id), "tags": SECRET_TAG, "image_caption": "",
        "published_at": "", "action": "save",
    }  # fmt: skip
    data.update(changes)
    return data


def newest_article_id() -> int:
    return db.session.scalar(sa.select(sa.func.max(Article.id)))


def generation() -> int:
    return read_generation(db.session.connection())


def test_a_tag_only_drafts_use_is_not_found_until_it_is_published(app, client, newsroom):
    category, author, editor = newsroom
    assert author.post("/editor/articles/new", data=form(category)).status_code == 302
    assert client.get("/tag/ke-hoach-sap-nhap-bi-mat").status_code == 404
    draft_id = newest_article_id()
    submitted = author.post(f"/editor/articles/{draft_id}/edit", data=form(category, action="submit", version="1"))
    assert submitted.status_code == 302
    assert client.get("/tag/ke-hoach-sap-nhap-bi-mat").status_code == 404
    editor.post(f"/editor/articles/{draft_id}/edit", data=form(category, action="publish", version="2"))
    page = client.get("/tag/ke-hoach-sap-nhap-bi-mat")
    assert page.status_code == 200 and "Phương án sắp xếp" in page.get_data(as_text=True)
    editor.post(f"/editor/articles/{draft_id}/edit", data=form(category, action="unpublish", version="3"))
    assert client.get("/tag/ke-hoach-sap-nhap-bi-mat").status_code == 404


def test_drafts_autosaves_and_uploads_leave_the_generation_alone(app, client, newsroom):
    category, author, _ = newsroom
    client.get("/")
    before = generation()
    assert author.post("/editor/articles/new", data=form(category)).status_code == 302
    draft_id = newest_article_id()
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 160)).save(buffer, "JPEG")
    picture = (io.BytesIO(buffer.getvalue()), "anh.jpg")
    saved = author.post(
        f"/editor/articles/{draft_id}/edit",
        data=form(category, tags=f"{SECRET_TAG}, thẻ mới khác", version="1", image=picture),
        content_type="multipart/form-data",
    )
    assert saved.status_code == 302
    autosave = {"article_id": draft_id, "version": 2, "fields": {"title": "Đang gõ dở"}}
    assert author.post("/editor/autosave", json=autosave).status_code == 200
    db.session.expire_all()
    assert generation() == before
    assert client.get("/").headers[CACHE] == "HIT"


def test_publishing_still_moves_the_generation(app, client, newsroom):
    category, _, editor = newsroom
    before = generation()
    assert editor.post("/editor/articles/new", data=form(category, action="publish")).status_code == 302
    db.session.expire_all()
    assert generation() > before


def test_the_scheme_is_part_of_the_cache_key(tmp_path, clock):
    app = create_app(
        {"PROXY_HOPS": 1, "MEDIA_DIR": str(tmp_path), "CLOCK": clock, "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/"}
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        try:
            make_article("Khai mạc hội chợ xuân", make_category("Tin tức"), now=clock() - timedelta(hours=1))
            db.session.commit()
            client = app.test_client()
            forged = client.get("/rss.xml", headers={"X-Forwarded-Proto": "https"}).get_data(as_text=True)
            assert "https://localhost/" in forged
            plain = client.get("/rss.xml")
            assert "https://" not in plain.get_data(as_text=True) and "http://localhost/" in plain.get_data(
                as_text=True
            )
            assert client.get("/rss.xml", headers={"X-Forwarded-Proto": "https"}).headers[CACHE] == "HIT"
        finally:
            db.session.remove()
            db.drop_all()
