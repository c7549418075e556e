"""A reader on a 360 px phone and on a 1280 px screen, in a real Chromium: the menu, the header's
title and the print view (issue 16, item 6)."""

import pytest
from playwright.sync_api import expect

from portal.demo import seed_demo
from portal.extensions import db
from tests.factories import make_image

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# The element at a point's centre is the element itself (or inside it): nothing covers it.
UNCOVERED = """element => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}"""
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def demo(live_app, clock):
    """The demo town: its long site name, its categories (five at the top), a few articles with photos."""
    seed_demo(3, live_app.config["MEDIA_DIR"], clock())
    db.session.commit()


def menu_links(page):
    return page.locator("#site-nav-list a")


def test_phone_menu_opens_and_closes_with_a_click_and_aria_expanded_follows(page, live_server, demo):
    """Issue 16, item 6: on a phone the menu is a "Chuyên mục" button, not a list scrolling sideways."""
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/")
    toggle = page.get_by_role("button", name="Chuyên mục")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_links(page).first).to_be_hidden()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert menu_links(page).count() == 6  # home and the five top-level categories
    for link in menu_links(page).all():
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        assert link.evaluate(UNCOVERED), link.inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.get_by_role("link", name="Văn hóa - Thể thao").click()
    expect(page.get_by_role("heading", level=1, name="Văn hóa - Thể thao")).to_be_visible()
    toggle = page.get_by_role("button", name="Chuyên mục")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_links(page).first).to_be_hidden()


def test_phone_menu_works_from_the_keyboard(page, live_server, demo):
    """Issue 16, item 6: Tab reaches the menu button, Enter and Space open it, Escape closes it."""
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/")
    toggle = page.get_by_role("button", name="Chuyên mục")
    for _ in range(10):
        page.keyboard.press("Tab")
        if toggle.evaluate("element => element === document.activeElement"):
            break
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(menu_links(page).first).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_links(page).last).to_be_visible()


def test_without_javascript_the_phone_menu_is_a_wrapped_list(browser, live_server, demo):
    """Issue 16, item 6: with scripts off no button hides the menu; every link shows, nothing scrolls sideways."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server + "/")
    expect(page.locator(".site-nav__toggle")).to_be_hidden()
    for link in menu_links(page).all():
        expect(link).to_be_visible()
        assert link.evaluate(UNCOVERED), link.inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    context.close()


def test_on_a_wide_screen_every_menu_link_shows_without_a_button(page, live_server, demo):
    """Issue 16, item 6: at 1280 px the whole menu is in sight and the phone's button is not."""
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + "/")
    expect(page.locator(".site-nav__toggle")).to_be_hidden()
    links = menu_links(page).all()
    assert len(links) == 6
    for link in links:
        expect(link).to_be_visible()
        assert link.evaluate(UNCOVERED), link.inner_text()
    tops = {round(link.bounding_box()["y"]) for link in links}
    assert len(tops) == 1, "the menu fits on one line at 1280 px"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_site_title_takes_at_most_two_lines(page, live_server, demo, viewport):
    """Issue 16, item 6: the demo's 72-character site name took three lines at 360 px."""
    page.set_viewport_size(viewport)
    page.goto(live_server + "/")
    title = page.locator(".site-title__text")
    expect(title).to_have_text("Cổng thông tin điện tử Thị trấn Hương An - huyện Quế Sơn - Tỉnh Quảng Nam")
    lines = title.evaluate(
        "element => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)"
    )
    assert lines <= 2.05, f"{lines:.2f} lines"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.fixture
def narrow_photo(demo, live_app):
    """A demo article whose photo is much narrower than the printed page (a portrait picture)."""
    from portal.models import Article

    article = db.session.get(Article, 1)
    article.image = make_image(600, 900)
    article.image_caption = "Ảnh dọc: chú thích căn giữa dưới ảnh."
    db.session.commit()
    return article


@pytest.mark.parametrize("path", ["/print/{id}", "article"])
def test_printed_photo_is_centred_over_its_caption(page, live_server, narrow_photo, path):
    """Issue 16, item 6: printed, the photo sat at the left under (over) a centred caption."""
    article = narrow_photo
    if path == "article":  # the article page printed straight from the browser
        path = f"/{article.category.slug}/{article.slug}-{article.id}.html"
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="print")
    page.goto(live_server + path.format(id=article.id))
    photo = page.locator(".article__figure img")
    caption = page.locator(".article__figure figcaption")
    expect(caption).to_have_text("Ảnh dọc: chú thích căn giữa dưới ảnh.")
    photo_box, caption_box = photo.bounding_box(), caption.bounding_box()
    assert photo_box["width"] < caption_box["width"] * 0.8, "the photo is narrower than its caption's line"
    photo_centre = photo_box["x"] + photo_box["width"] / 2
    caption_centre = caption_box["x"] + caption_box["width"] / 2
    assert abs(photo_centre - caption_centre) <= 2, (photo_box, caption_box)


def test_the_phone_menu_is_folded_from_the_first_paint(page, live_server, demo):
    """Issue 16, item 6 (review): the menu did not wait for nav.js to fold, so a slow script made the page jump."""
    page.set_viewport_size(PHONE)
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.__shift += e.value; }))
          .observe({ type: "layout-shift", buffered: true });"""
    )

    def slow_script(route):
        page.wait_for_timeout(700)  # a phone on a slow network: the page is drawn before the script comes
        route.continue_()

    page.route("**/static/js/nav.js*", slow_script)
    page.goto(live_server + "/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    expect(page.get_by_role("button", name="Chuyên mục")).to_have_attribute("aria-expanded", "false")
    expect(menu_links(page).first).to_be_hidden()
    assert page.evaluate("window.__shift") < 0.01
