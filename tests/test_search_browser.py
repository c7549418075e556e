"""Search in a real Chromium, on a phone and on a desktop: the accents a reader types count."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from portal.content.search import reindex
from portal.extensions import db
from tests.factories import make_article, make_category

FESTIVAL = "Lễ hội đình làng Phú Mỹ khai mạc với nhiều hoạt động văn hóa"
MEETING = "Kỳ họp thường lệ: hội đồng bàn lệ phí, hội phí"


@pytest.fixture
def town_news(live_app, clock):
    """The festival, and a newer meeting article that matches "le hoi" more strongly once folded."""
    news = make_category("Tin tức")
    make_article(FESTIVAL, news, now=clock() - dt.timedelta(hours=9), body_html="<p>Đình làng đông vui.</p>")
    make_article(MEETING, news, now=clock(), body_html="<p>Thường lệ, hội đồng họp cuối năm.</p>")
    db.session.commit()
    reindex()


@pytest.mark.parametrize("width, height", [(360, 740), (1280, 800)])
def test_a_reader_typing_le_hoi_sees_the_festival_first_with_only_le_hoi_marked(
    page, live_server, town_news, width, height
):
    """Issue 16, item 5: "lễ hội" typed in the site search puts the festival first, with "Lễ" and
    "hội" highlighted in it, and the meeting ("thường lệ") after it."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/")
    box = page.locator("#site-search-q")
    box.fill("lễ hội")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator(".search-result")
    expect(results).to_have_count(2)
    first = results.nth(0)
    expect(first.locator(".card__title")).to_have_text(FESTIVAL)
    assert first.locator("mark").all_inner_texts() == ["Lễ", "hội"]
    expect(first.locator("mark").first).to_be_visible()
    expect(results.nth(1).locator(".card__title")).to_have_text(MEETING)
    assert "Lễ hội" not in "".join(results.nth(1).locator("mark").all_inner_texts())
