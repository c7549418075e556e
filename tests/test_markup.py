"""Markup the Nu Html Checker refused (issue 13): kept out by plain checks until the checker
itself runs in the suite."""

import re
from datetime import timedelta

from portal.extensions import db
from portal.models import Role
from tests.factories import make_article, make_category, make_user


def test_time_elements_carry_whole_seconds(app, client, clock):
    make_article("Khai mạc hội chợ", make_category("Tin tức"), now=clock() - timedelta(microseconds=123_456))
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stamp) for stamp in stamps)


def test_the_sign_in_form_focuses_one_field(app, client):
    for page in (client.get("/login"), client.post("/login", data={"username": "ai-do", "password": "sai-roi-nhe"})):
        html = page.get_data(as_text=True)
        assert html.count("autofocus") == 1 and 'autofocus="None"' not in html


def test_the_article_form_prints_each_hidden_field_once(app, login, clock):
    author = make_user(Role.AUTHOR)
    article = make_article("Bài nháp", make_category("Tin tức"), status="draft", author=author, published_at=None)
    db.session.commit()
    html = login(author).get(f"/editor/articles/{article.id}/edit").get_data(as_text=True)
    for name in ("version", "image_id"):
        assert html.count(f'id="{name}"') == 1
