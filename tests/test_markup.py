"""Markup the Nu Html Checker refused (issue 13): kept out by plain checks until the checker
itself runs in the suite."""

import re
from datetime import timedelta

from portal.extensions import db
from portal.models import Role
from tests.factories import make_article, make_category, make_image, make_user


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


def test_the_first_picture_loads_first_and_the_rest_wait(app, client, clock):
    news = make_category("Tin tức")
    for n in range(4):
        make_article(f"Tin có ảnh số {n}", news, now=clock() - timedelta(hours=n), featured=n < 2, image=make_image())
    db.session.commit()
    for path in ("/", f"/{news.slug}/"):
        images = re.findall(r"<img [^>]*>", client.get(path).get_data(as_text=True))
        pictures = [tag for tag in images if "/media/" in tag]
        assert 'fetchpriority="high"' in pictures[0] and "loading=" not in pictures[0], path
        assert all('loading="lazy"' in tag and "fetchpriority" not in tag for tag in pictures[1:]), path
    article = make_article("Bài có ảnh", news, now=clock(), image=make_image())
    db.session.commit()
    page = client.get(f"/{news.slug}/{article.slug}-{article.id}.html").get_data(as_text=True)
    figure = re.search(r'<figure class="article__figure"[^>]*>\s*(<img [^>]*>)', page)[1]
    assert 'fetchpriority="high"' in figure and "loading=" not in figure


def test_vietnamese_content_is_marked_as_such_in_the_english_interface(app, client, clock):
    news = make_category("Tin tức")
    article = make_article("Hội nghị tổng kết", news, now=clock(), body_html="<p>Nội dung hội nghị.</p>")
    db.session.commit()
    path = f"/{news.slug}/{article.slug}-{article.id}.html"
    assert ' lang="vi"' not in client.get(path).get_data(as_text=True).split("</head>")[1].split("<footer")[0]
    client.get("/lang/en")
    html = client.get(path).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert re.search(r'<h1 [^>]*lang="vi"[^>]*>Hội nghị tổng kết', html)
    assert re.search(r'<div class="article__body" lang="vi"><p>Nội dung hội nghị.</p>', html)
    assert '<strong lang="vi">Thùy Dung</strong>' in html
