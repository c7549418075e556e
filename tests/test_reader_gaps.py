"""Small reader gaps a newcomer met (issue 16, item 6): the favicon, visible RSS links, English labels."""

import io
import re

from PIL import Image

from portal.content.slugs import RESERVED_SLUGS
from portal.extensions import db
from tests.factories import make_article, make_category

RSS_LINK = re.compile(r'<a class="rss-link" href="([^"]+)"[^>]*>.*?RSS(.*?)</a>', re.S)


def test_favicon_ico_is_the_emblem_in_three_sizes_kept_a_month(client):
    """Issue 16, item 6: /favicon.ico answered 308 to /favicon.ico/ and then 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/x-icon"
    assert response.headers["Cache-Control"] == "public, max-age=2592000"
    icon = Image.open(io.BytesIO(response.data))
    assert icon.format == "ICO"
    assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    assert client.get("/favicon.ico", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_favicon_ico_is_no_category_and_pages_link_their_icons(client, clock):
    """Issue 16, item 6: a category can never take the icon's address; every page names its icons."""
    assert "favicon.ico" in RESERVED_SLUGS
    category = make_category("favicon.ico")
    make_article("Bài trong chuyên mục", category, now=clock())
    db.session.commit()
    assert category.slug != "favicon.ico"
    assert client.get("/favicon.ico").headers["Content-Type"] == "image/x-icon"
    html = client.get("/").get_data(as_text=True)
    for rel, filename in (("icon", "favicon.ico"), ("icon", "img/emblem.svg"), ("apple-touch-icon", "img/apple-touch-icon.png")):
        found = re.search(rf'<link rel="{rel}" href="(/static/{filename}\?v=[0-9a-f]+)"', html)
        assert found, filename
        answer = client.get(found.group(1))
        assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"]
    touch = Image.open(io.BytesIO(client.get(re.search(r'apple-touch-icon" href="([^"]+)"', html).group(1)).data))
    assert touch.size == (180, 180)


def test_footer_and_category_pages_show_a_visible_rss_link(client, clock):
    """Issue 16, item 6: the feeds were only in <link rel=alternate>, which no reader sees."""
    category = make_category("Văn hóa - Thể thao")
    make_article("Hội thi văn nghệ quần chúng", category, now=clock())
    db.session.commit()

    home_links = RSS_LINK.findall(client.get("/").get_data(as_text=True))
    assert [href for href, _ in home_links] == ["/rss.xml"]
    category_links = RSS_LINK.findall(client.get(f"/{category.slug}/").get_data(as_text=True))
    assert [href for href, _ in category_links] == [f"/rss/{category.slug}.xml", "/rss.xml"]
    assert "Văn hóa - Thể thao" in category_links[0][1]  # a screen reader hears which feed it is
    for href, _ in category_links:
        feed = client.get(href)
        assert feed.status_code == 200 and feed.mimetype == "application/rss+xml"
    assert "Hội thi văn nghệ quần chúng" in client.get(category_links[0][0]).get_data(as_text=True)


def test_the_menu_button_and_feed_links_speak_english_too(client, clock):
    """Issue 16, item 6: the new texts go through the catalogue like every other."""
    category = make_category("Thông báo")
    db.session.commit()
    client.get("/lang/en")
    html = client.get(f"/{category.slug}/").get_data(as_text=True)
    assert 'aria-hidden="true"></span>Categories</button>' in html
    assert "News from the category Thông báo" in html and "News from the whole site" in html
