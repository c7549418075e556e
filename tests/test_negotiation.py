"""Pages answer as pages: HTML unless a request ranks JSON above HTML or is one of the site's own
scripts' calls. One table of real clients' Accept headers against every kind of refusal."""

import pytest

from portal.models import Role
from tests.factories import make_user

IDLE = 1800
ACCEPT = {
    "chromium": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
    "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "curl": "*/*",
    "none": None,
    "json": "application/json",
    "json over html": "application/json, text/html;q=0.5",
}
PREFERS_JSON = {"json", "json over html"}


def headers_of(client_name: str) -> dict:
    accept = ACCEPT[client_name]
    return {} if accept is None else {"Accept": accept}


def assert_page(response, status: int) -> None:
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>") and '<html lang="vi">' in html


def assert_json(response, status: int) -> None:
    assert response.status_code == status
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("client_name", ACCEPT)
@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/tin-tuc/bai-khong-co-99999.html", "/khong/co/trang/nay"])
def test_an_unknown_address(app, client, client_name, path):
    response = client.get(path, headers=headers_of(client_name))
    if client_name in PREFERS_JSON:
        assert_json(response, 404)
        assert response.json["status"] == 404
    else:
        assert_page(response, 404)
        assert "Không tìm thấy trang bạn yêu cầu." in response.get_data(as_text=True)


@pytest.mark.parametrize("client_name", ACCEPT)
def test_a_forbidden_page(app, login, client_name):
    author = login(make_user(Role.AUTHOR))
    response = author.get("/admin/users", headers=headers_of(client_name))
    if client_name in PREFERS_JSON:
        assert_json(response, 403)
    else:
        assert_page(response, 403)
        assert "Bạn không có quyền xem trang này." in response.get_data(as_text=True)


@pytest.mark.parametrize("client_name", ACCEPT)
def test_an_expired_session_on_a_page(app, login, clock, client_name):
    editor = login(make_user(Role.EDITOR))
    clock.advance(seconds=IDLE)
    response = editor.get("/editor/?status=draft", headers=headers_of(client_name))
    if client_name in PREFERS_JSON:
        assert_json(response, 401)
        assert response.json["authenticated"] is False
    else:
        assert response.status_code == 302
        assert response.headers["Location"] == "/login?next=/editor/?status%3Ddraft"


@pytest.mark.parametrize("client_name", ACCEPT)
def test_no_session_on_a_page(app, client, client_name):
    response = client.get("/editor/", headers=headers_of(client_name))
    if client_name in PREFERS_JSON:
        assert_json(response, 401)
    else:
        assert response.status_code == 302 and response.headers["Location"] == "/login?next=/editor/"


@pytest.mark.parametrize("client_name", ACCEPT)
@pytest.mark.parametrize("method, path", [("GET", "/session/status"), ("POST", "/session/keepalive")])
def test_an_expired_session_on_a_script_endpoint(app, login, clock, client_name, method, path):
    editor = login(make_user(Role.EDITOR))
    clock.advance(seconds=IDLE)
    response = editor.open(path, method=method, headers=headers_of(client_name))
    assert_json(response, 401)
    assert response.json["authenticated"] is False


@pytest.mark.parametrize("client_name", ACCEPT)
def test_the_editors_background_calls_always_speak_json(app, client, client_name):
    response = client.post("/editor/autosave", headers=headers_of(client_name), json={"fields": {}})
    assert_json(response, 401)
    response = client.post("/editor/articles/1/presence", headers=headers_of(client_name))
    assert_json(response, 401)
