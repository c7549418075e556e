"""Static files kept a year under URLs that change with their content; compressed pages."""

import gzip
import re

import brotli
import pytest

from portal import create_app
from portal.delivery import StaticVersions
from portal.extensions import db
from portal.models import Role
from tests.conftest import IsolatedClient
from tests.factories import make_article, make_category, make_image, make_user

YEAR = "public, max-age=31536000, immutable"


def static_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


@pytest.fixture
def published(app, clock):
    article = make_article("Lễ hội đền Hùng", make_category("Văn hóa"), now=clock(), image=make_image())
    db.session.commit()
    return article


def test_every_static_url_carries_its_content_hash_and_is_kept_a_year(app, client, login, published):
    editor = login(make_user(Role.EDITOR, username="bientap"))
    for person in (client, editor):
        urls = static_urls(person.get("/").get_data(as_text=True))
        assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls
        for url in urls:
            response = person.get(url)
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == YEAR, url


def test_signed_in_pages_stay_private_while_their_files_are_cached(app, login, published):
    editor = login(make_user(Role.EDITOR, username="bientap"))
    page = editor.get("/").get_data(as_text=True)
    assert editor.get("/").headers["Cache-Control"] == "no-store"
    picture = re.search(r'src="(/media/[^"]+)"', page)[1]
    assert editor.get(picture).headers["Cache-Control"] == YEAR
    assert editor.get("/editor/").headers["Cache-Control"] == "no-store"


def test_an_old_or_missing_version_is_checked_again_every_time(client):
    assert client.get("/static/css/portal.css?v=000000000000").headers["Cache-Control"] == "public, no-cache"
    assert client.get("/static/css/portal.css").headers["Cache-Control"] == "public, no-cache"


def test_a_changed_file_gets_a_new_url(tmp_path):
    (tmp_path / "site.css").write_text("body { color: black; }")
    versions = StaticVersions(str(tmp_path))
    before = versions.version("site.css")
    (tmp_path / "site.css").write_text("body { color: navy; }")
    assert versions.version("site.css") not in (None, before)
    assert versions.version("../etc/passwd") is None and versions.version("missing.css") is None


@pytest.mark.parametrize("encoding, decode", [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_pages_styles_and_scripts_arrive_compressed(client, published, encoding, decode):
    plain = client.get("/").get_data()
    response = client.get("/", headers={"Accept-Encoding": encoding})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert decode(response.get_data()) == plain and len(response.get_data()) < len(plain) / 3
    style = client.get(static_urls(plain.decode())[0], headers={"Accept-Encoding": encoding})
    assert style.headers["Content-Encoding"] == encoding
    assert b"{" in decode(style.get_data())


def test_the_page_cache_gives_each_reader_an_encoding_they_accept(client, published):
    path = f"/{published.category.slug}/{published.slug}-{published.id}.html"
    zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["X-Portal-Cache"] == "MISS"
    plain = client.get(path)  # a reader whose browser accepts no compression, after the page was kept
    assert "Content-Encoding" not in plain.headers and "Lễ hội đền Hùng" in plain.get_data(as_text=True)
    again = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert again.headers["X-Portal-Cache"] == "HIT" and again.headers["Content-Encoding"] == "gzip"
    assert "Lễ hội đền Hùng" in gzip.decompress(again.get_data()).decode()


def test_compression_can_be_left_to_nginx(tmp_path, clock):
    app = create_app({"COMPRESS": False, "MEDIA_DIR": str(tmp_path), "CLOCK": clock})
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        try:
            response = app.test_client().get("/", headers={"Accept-Encoding": "gzip, br"})
            assert response.status_code == 200 and "Content-Encoding" not in response.headers
        finally:
            db.session.remove()
            db.drop_all()
