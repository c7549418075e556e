"""The database goes away and comes back while the app keeps running (SQLite, or PostgreSQL in CI)."""

import os
import socket
import time

import pytest
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.models import Role
from tests.conftest import open_session_for
from tests.factories import PASSWORD, make_article, make_category, make_user
from tests.outage import TcpForwarder, app_with_removable_database

OUTAGE_TEXT = "Hệ thống đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút."
ON_POSTGRESQL = os.environ.get("PORTAL_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture
def site(tmp_path, clock):
    """An app with a category, an article and a signed-in editor, whose database can be taken away."""
    with app_with_removable_database(tmp_path, clock) as (app, outage):
        category = make_category("Tin tức - Sự kiện")
        article = make_article("Họp dân về đường giao thông", category, now=clock())
        editor = make_user(Role.EDITOR, display_name="Biên Tập Viên")
        db.session.commit()
        signed_in = app.test_client()
        open_session_for(signed_in, editor, clock())
        paths = {
            "home": "/",
            "category": f"/{category.slug}/",
            "article": f"/{category.slug}/{article.slug}-{article.id}.html",
            "login": "/login",
            "editor": "/editor/",
        }
        db.session.commit()  # the test holds no connection of its own through the outage
        yield app, outage, app.test_client(), signed_in, paths


def assert_outage_page(response):
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert OUTAGE_TEXT in html and 'class="site-header"' in html and 'class="site-footer"' in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response.headers["Retry-After"].isdigit()
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("page", ["home", "category", "article", "login", "editor"])
def test_pages_answer_503_while_the_database_is_away_and_recover_by_themselves(site, page):
    app, outage, reader, editor, paths = site
    client = editor if page == "editor" else reader
    assert client.get(paths[page]).status_code == 200

    outage.down()
    for _ in range(2):  # the second request finds no leftover broken connection either
        assert_outage_page(client.get(paths[page]))

    outage.up()
    back = client.get(paths[page])
    assert back.status_code == 200
    if page == "editor":  # still signed in: the outage did not end the session
        assert "Biên Tập Viên" in back.get_data(as_text=True)


def test_a_signed_in_person_keeps_the_session_through_an_outage(site):
    app, outage, reader, editor, paths = site
    outage.down()
    response = editor.get(paths["editor"])
    assert_outage_page(response)
    assert "Set-Cookie" not in response.headers  # the cookie is neither dropped nor rewritten
    assert "Biên Tập Viên" not in response.get_data(as_text=True)  # drawn as for a reader
    outage.up()
    assert editor.get("/session/status").json["authenticated"] is True


def test_scripts_get_a_json_503_while_the_database_is_away(site):
    app, outage, reader, editor, paths = site
    outage.down()
    status = editor.get("/session/status", headers={"Accept": "application/json"})
    assert status.status_code == 503 and status.json == {"error": OUTAGE_TEXT, "status": 503}
    assert status.headers["Retry-After"].isdigit()
    outage.up()
    assert editor.get("/session/status", headers={"Accept": "application/json"}).status_code == 200


def test_the_outage_page_is_in_the_reader_s_language(site):
    app, outage, reader, editor, paths = site
    reader.set_cookie("portal_lang", "en")
    outage.down()
    response = reader.get(paths["home"])
    assert response.status_code == 503
    assert "The service is temporarily unavailable" in response.get_data(as_text=True)


def test_the_error_handler_answers_even_when_the_layout_itself_fails(site, monkeypatch):
    app, outage, reader, editor, paths = site

    def broken(*args, **kwargs):
        raise RuntimeError("template folder gone")

    monkeypatch.setattr("portal.errors.render_template", broken)
    outage.down()
    response = reader.get(paths["home"])
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    assert OUTAGE_TEXT in response.get_data(as_text=True)


def test_an_outage_noticed_after_the_view_still_answers_503(site):
    app, outage, reader, editor, paths = site
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: unhandled errors become a 500 first

    @app.after_request
    def lose_the_database(response):
        raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection unexpectedly"))

    assert_outage_page(reader.get(paths["home"]))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="a network timeout needs PostgreSQL")
def test_a_database_that_stops_answering_gives_503_within_seconds(site):
    app, outage, reader, editor, paths = site
    assert isinstance(outage, TcpForwarder)
    timeout = app.config["DATABASE_CONNECT_TIMEOUT"]
    outage.stall()  # connections dropped, new ones accepted and never answered
    started = time.monotonic()
    assert_outage_page(reader.get(paths["home"]))
    assert time.monotonic() - started < 4 * timeout + 2  # a few connection attempts, never a hang
    outage.up()
    assert reader.get(paths["home"]).status_code == 200


def test_sign_in_keeps_working_while_redis_is_away(tmp_path, clock):
    """Throttling is counted in the database: Redis going away never stops people signing in."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_redis = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    with app_with_removable_database(tmp_path, clock, REDIS_URL=dead_redis, PROPAGATE_EXCEPTIONS=False) as (app, _):
        make_user(username="thuydung")
        category = make_category("Tin tức")
        article = make_article("Họp dân", category, now=clock())
        db.session.commit()
        client = app.test_client()
        assert client.get(f"/{category.slug}/{article.slug}-{article.id}.html").status_code == 200  # reading works
        response = client.post("/login", data={"username": "thuydung", "password": "mat-khau-sai-2026"})
        assert response.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(
            as_text=True
        )
        assert client.post("/login", data={"username": "thuydung", "password": PASSWORD}).status_code == 302


@pytest.mark.skipif(not ON_POSTGRESQL, reason="an open SQLite file keeps working after it is moved")
def test_an_outage_in_the_middle_of_a_signed_in_request_still_answers_the_site_page(site):
    app, outage, reader, editor, paths = site

    @app.before_request
    def lose_the_database_after_sign_in_was_checked():
        from flask import request

        if request.path == paths["editor"]:
            outage.down()

    response = editor.get(paths["editor"])
    assert_outage_page(response)
    assert "Biên Tập Viên" not in response.get_data(as_text=True)
