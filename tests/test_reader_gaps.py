"""Small reader gaps a newcomer met (issue 16, item 6): the favicon, visible RSS links, English labels."""

import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PIL import Image

from portal.content.slugs import RESERVED_SLUGS
from portal.demo import seed_demo
from portal.demo.content import DEMO_ARTICLES
from portal.extensions import db
from portal.models import Article, Role
from tests.factories import make_article, make_category, make_user

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


def test_a_signed_in_browser_keeps_the_favicon_too(login):
    """Issue 16, item 6: the icon is the same for everyone, so staff browsers may keep it as readers do."""
    user = make_user(Role.AUTHOR)
    db.session.commit()
    staff = login(user)
    assert staff.get("/favicon.ico").headers["Cache-Control"] == "public, max-age=2592000"


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


# --- The demo's dates ------------------------------------------------------------------------

TOWN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_MENTION = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
MONTH_MENTION = re.compile(r"tháng (\d{1,2})\b")
AHEAD = re.compile(r"(trước|đến) ngày $")  # a deadline or the end of a campaign: a day still to come


def mentioned_day(day: int, month: int, near: date) -> date:
    """The date "day/month" names, in the year that puts it closest to `near`."""
    candidates = [date(year, month, day) for year in (near.year - 1, near.year, near.year + 1)]
    return min(candidates, key=lambda found: abs(found - near))


def demo_texts(article) -> str:
    return " ".join((article.title, article.lead, re.sub(r"<[^>]+>", " ", article.body_html), article.image_caption))


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 4, 3, 0, tzinfo=UTC),  # when the newcomer read "Sáng ngày 5/12" dated 02/12
        datetime(2027, 1, 3, 18, 30, tzinfo=UTC),  # after midnight in the town, a new year
        datetime(2027, 3, 1, 16, 55, tzinfo=UTC),  # after February's 28 days
        datetime(2027, 7, 15, 9, 0, tzinfo=UTC),
    ],
    ids=str,
)
def test_every_demo_article_names_days_that_agree_with_its_date(app, now):
    """Issue 16, item 6: a demo article reported "Sáng ngày 5/12" under the date 02/12.

    Every day a demo article names (d/m) lies within 45 days of its publication day in
    Asia/Ho_Chi_Minh, and on or before it, except a notice's announced days and deadlines.
    """
    seed_demo(len(DEMO_ARTICLES) + 5, app.config["MEDIA_DIR"], now, "mat-khau-kiem-tra-dai-2026")
    articles = db.session.scalars(sa.select(Article)).all()
    assert len(articles) == len(DEMO_ARTICLES) + 5
    checked = 0
    for article in articles:
        published = article.published_at.astimezone(TOWN).date()
        text = demo_texts(article)
        assert "{" not in text, article.title
        for found in DAY_MENTION.finditer(text):
            if text[: found.start()].endswith("lớp "):  # "lớp 8/2" is a school class
                continue
            named = mentioned_day(int(found.group(1)), int(found.group(2)), published)
            where = f"{found.group(0)} in {article.title!r}, published {published:%d/%m/%Y}"
            assert abs((named - published).days) <= 45, where
            if article.category.slug != "thong-bao" and not AHEAD.search(text[: found.start()]):
                assert named <= published, where
            checked += 1
        months = {(published + timedelta(days=offset)).month for offset in range(-60, 90)}
        for found in MONTH_MENTION.finditer(text):
            assert int(found.group(1)) in months, f"{found.group(0)} in {article.title!r}, published {published}"
    assert checked >= 25  # the texts do name days: the check above is not empty
