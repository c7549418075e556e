"""RSS feeds, the sitemap, robots.txt, Open Graph metadata and share links."""

import html
import re
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.content.settings import save_settings
from portal.extensions import db
from portal.feeds import views as feeds
from portal.models import ArticleStatus, CategoryRedirect
from portal.web.routes import first_segment, route_segments
from tests.factories import HIDDEN_STATES, make_article, make_category, make_hidden_article, make_image, make_tag

SITE_NAME = "Cổng thông tin điện tử Thị trấn Hương An"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "http://localhost"


def article_path(article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


def parse_xml(response) -> ET.Element:
    """The response's document, parsed strictly (a malformed one raises ParseError)."""
    return ET.fromstring(response.get_data())  # noqa: S314 (our own output, in a test)


def fetch_feed(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    return parse_xml(response).find("channel")


def item_titles(channel: ET.Element) -> list[str]:
    return [item.findtext("title") for item in channel.findall("item")]


def sitemap_locs(client, path: str = "/sitemap.xml") -> dict[str, str | None]:
    """loc -> lastmod of a <urlset>."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
    root = parse_xml(response)
    assert root.tag == f"{SM}urlset"
    return {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root.findall(f"{SM}url")}


class MetaCollector(HTMLParser):
    """Collects <meta property|name=... content=...>, <link> and <a> attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.buttons: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in found or "name" in found):
            self.meta.setdefault(found.get("property") or found["name"], []).append(found.get("content", ""))
        elif tag == "link":
            self.links.append(found)
        elif tag == "a":
            self.anchors.append(found)
        elif tag == "button":
            self.buttons.append(found)


def collect(client, path: str) -> MetaCollector:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = MetaCollector()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.fixture
def news(app, clock):
    """A category with a subcategory, another category, and dressed-up articles in them."""
    save_settings({"site_name": SITE_NAME, "site_tagline": "Tin tức, sự kiện của thị trấn"})
    news = make_category("Tin tức", slug="tin-tuc", description="Tin tức trong thị trấn")
    sub = make_category("Tin phường", slug="tin-phuong", parent=news)
    other = make_category("Thông báo", slug="thong-bao")
    pictured = make_article(
        "UBND tỉnh làm việc với Sở TT&TT",
        news,
        now=clock(),
        lead="Sáng nay, Phó Chủ tịch UBND tỉnh chủ trì buổi làm việc.",
        image=make_image(),
        image_alt="Toàn cảnh buổi họp",
        tags=[make_tag("chuyển đổi số"), make_tag("hội nghị")],
    )
    plain = make_article("Họp dân về đường giao thông", sub, now=clock() - timedelta(hours=2))
    notice = make_article("Lịch tiếp công dân", other, now=clock() - timedelta(hours=3))
    db.session.commit()
    return {"news": news, "sub": sub, "other": other, "pictured": pictured, "plain": plain, "notice": notice}


# --- RSS ---------------------------------------------------------------------------------


def test_site_feed_has_the_required_rss_elements(client, news):
    response = client.get("/rss.xml")
    rss = parse_xml(response)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == SITE_NAME
    assert channel.findtext("link") == f"{BASE}/"
    assert channel.findtext("description") == "Tin tức, sự kiện của thị trấn"
    assert channel.findtext("language") == "vi"
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")).tzinfo is not None
    self_link = channel.find(f"{ATOM}link")
    assert self_link.attrib == {"href": f"{BASE}/rss.xml", "rel": "self", "type": "application/rss+xml"}
    assert item_titles(channel) == [
        "UBND tỉnh làm việc với Sở TT&TT",
        "Họp dân về đường giao thông",
        "Lịch tiếp công dân",
    ]


def test_feed_items_carry_link_guid_date_lead_category_and_image(client, news):
    pictured = news["pictured"]
    item = fetch_feed(client, "/rss.xml").find("item")
    canonical = BASE + article_path(pictured)
    assert item.findtext("link") == canonical
    guid = item.find("guid")
    assert guid.text == canonical and guid.get("isPermaLink") == "true"
    assert parsedate_to_datetime(item.findtext("pubDate")) == pictured.published_at
    assert item.findtext("pubDate").endswith(" GMT")
    assert html.unescape(item.findtext("description")) == pictured.lead
    assert item.findtext("category") == "Tin tức"
    enclosure = item.find("enclosure")
    assert enclosure.get("url").startswith(f"{BASE}/media/")
    assert enclosure.get("type") == "image/jpeg"
    image = client.get(enclosure.get("url").removeprefix(BASE))
    assert image.status_code == 200 and int(enclosure.get("length")) == len(image.get_data())


def test_feed_item_without_image_has_no_enclosure(client, news):
    items = fetch_feed(client, "/rss.xml").findall("item")
    assert [item.find("enclosure") is not None for item in items] == [True, False, False]


def test_site_feed_holds_the_30_newest_articles(client, clock):
    category = make_category("Tin tức")
    for n in range(32):
        make_article(f"Bài số {n}", category, published_at=clock() - timedelta(minutes=n))
    db.session.commit()
    titles = item_titles(fetch_feed(client, "/rss.xml"))
    assert titles == [f"Bài số {n}" for n in range(30)]


def test_category_feed_includes_subcategories_and_nothing_else(client, news):
    channel = fetch_feed(client, "/rss/tin-tuc.xml")
    assert channel.findtext("title") == f"Tin tức – {SITE_NAME}"
    assert channel.findtext("link") == f"{BASE}/tin-tuc/"
    assert channel.findtext("description") == "Tin tức trong thị trấn"
    assert channel.find(f"{ATOM}link").get("href") == f"{BASE}/rss/tin-tuc.xml"
    assert item_titles(channel) == ["UBND tỉnh làm việc với Sở TT&TT", "Họp dân về đường giao thông"]
    assert item_titles(fetch_feed(client, "/rss/tin-phuong.xml")) == ["Họp dân về đường giao thông"]


def test_empty_category_feed_is_still_a_valid_channel(client, app):
    make_category("Chuyên mục trống", slug="trong")
    db.session.commit()
    channel = fetch_feed(client, "/rss/trong.xml")
    assert channel.findall("item") == [] and channel.findtext("lastBuildDate")


def test_unknown_category_feed_is_404_and_an_old_slug_moves_permanently(client, news):
    assert client.get("/rss/khong-co.xml").status_code == 404
    db.session.add(CategoryRedirect(old_slug="tin-cu", category_id=news["news"].id))
    db.session.commit()
    moved = client.get("/rss/tin-cu.xml")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/rss/tin-tuc.xml")


def test_feed_answers_304_to_a_reader_that_has_it(client, news):
    first = client.get("/rss.xml")
    again = client.get("/rss.xml", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "title",
    [
        "Sở TT&TT <b>họp</b> & \"bàn\" 'kế hoạch'",
        "<script>alert(1)</script>]]>",
        "Tiêu đề có ký tự điều khiển \x01\x08\x0b\x0c\x1b\x1f hết",
        "Ký tự cấm \ufffe\uffff cuối",
    ],
    ids=["markup", "cdata-end", "controls", "non-characters"],
)
def test_hostile_text_gives_well_formed_xml(client, clock, title):
    category = make_category(f"Mục & <{title}>", slug="muc")
    make_article(title, category, now=clock(), lead=f"Tóm tắt: {title}")
    db.session.commit()
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", title)
    for path in ("/rss.xml", "/rss/muc.xml"):
        item = fetch_feed(client, path).find("item")
        assert item.findtext("title") == expected
        assert html.unescape(item.findtext("description")) == f"Tóm tắt: {expected}"
        assert item.findtext("category") == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", category.name)
    assert len(sitemap_locs(client)) == 3


def test_xml_text_drops_every_character_xml_forbids():
    assert feeds.xml_text("a\x00b\x01c\td\ne\rf\ud800g\ufffeh\uffffi") == "abc\td\ne\rfghi"
    assert feeds.xml_text(None) == ""


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_articles_readers_may_not_see_never_appear_in_feeds_or_sitemap(client, clock, state):
    category = make_category("Thông báo", slug="thong-bao")
    hidden = make_hidden_article(state, category, clock())
    visible = make_article("Bài đã đăng", category, now=clock())
    db.session.commit()
    for path in ("/rss.xml", "/rss/thong-bao.xml"):
        assert item_titles(fetch_feed(client, path)) == ["Bài đã đăng"]
    locs = sitemap_locs(client)
    assert BASE + article_path(visible) in locs and BASE + article_path(hidden) not in locs


def test_scheduled_article_enters_the_feed_when_its_time_comes(client, clock):
    category = make_category("Thông báo")
    make_article("Lịch tiếp công dân tháng 4", category, published_at=clock() + timedelta(hours=2))
    db.session.commit()
    assert item_titles(fetch_feed(client, "/rss.xml")) == []
    clock.advance(hours=2)
    assert item_titles(fetch_feed(client, "/rss.xml")) == ["Lịch tiếp công dân tháng 4"]


@contextmanager
def counted_statements():
    """Count the SQL statements run inside the block."""
    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)


@pytest.mark.uncached
@pytest.mark.parametrize("path", ["/rss.xml", "/rss/tin-tuc.xml", "/sitemap.xml"])
def test_feed_and_sitemap_queries_do_not_grow_with_the_articles(client, clock, path):
    category = make_category("Tin tức", slug="tin-tuc")

    def add_articles(count: int) -> None:
        for _ in range(count):
            make_article("", make_category(parent=category), now=clock(), image=make_image(64, 48), tags=[])
        db.session.commit()

    add_articles(3)
    client.get(path)  # warm up: settings, caches
    with counted_statements() as few:
        assert client.get(path).status_code == 200
    add_articles(12)
    with counted_statements() as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few) <= 10


# --- Sitemap -----------------------------------------------------------------------------


def test_sitemap_lists_home_categories_and_visible_articles_with_lastmod(client, news, clock):
    pictured, plain, notice = news["pictured"], news["plain"], news["notice"]
    plain.updated_at = clock() + timedelta(minutes=5)  # edited after publication
    db.session.commit()
    locs = sitemap_locs(client)
    article_lastmod = {a.id: max(a.updated_at, a.published_at) for a in (pictured, plain, notice)}
    expected = {
        f"{BASE}/": max(article_lastmod.values()),
        f"{BASE}/tin-tuc/": max(article_lastmod[pictured.id], article_lastmod[plain.id]),
        f"{BASE}/tin-phuong/": article_lastmod[plain.id],
        f"{BASE}/thong-bao/": article_lastmod[notice.id],
        **{BASE + article_path(a): article_lastmod[a.id] for a in (pictured, plain, notice)},
    }
    assert {loc: datetime.fromisoformat(lastmod) for loc, lastmod in locs.items()} == {
        loc: moment.replace(microsecond=0) for loc, moment in expected.items()
    }
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", lastmod) for lastmod in locs.values())


def test_lastmod_is_utc(client, news):
    assert all(datetime.fromisoformat(v).tzinfo == UTC for v in sitemap_locs(client).values() if v)


def test_sitemap_category_without_articles_has_no_lastmod(client, app):
    make_category("Chuyên mục trống", slug="trong")
    db.session.commit()
    assert sitemap_locs(client) == {f"{BASE}/": None, f"{BASE}/trong/": None}


def test_single_sitemap_has_no_numbered_pages(client, news):
    assert client.get("/sitemap-1.xml").status_code == 404


def test_sitemap_splits_into_an_index_past_the_page_size(client, clock, monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_PAGE_SIZE", 3)
    category = make_category("Tin tức", slug="tin-tuc")
    articles = [make_article(f"Bài {n}", category, now=clock()) for n in range(6)]
    make_article("Bản nháp", category, status=ArticleStatus.DRAFT)
    db.session.commit()
    response = client.get("/sitemap.xml")
    assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
    index = parse_xml(response)
    assert index.tag == f"{SM}sitemapindex"
    pages = [entry.findtext(f"{SM}loc") for entry in index.findall(f"{SM}sitemap")]
    assert pages == [f"{BASE}/sitemap-{n}.xml" for n in (1, 2, 3)]  # home + 1 category + 6 articles = 8 URLs
    seen: list[str] = []
    for page in pages:
        locs = sitemap_locs(client, page.removeprefix(BASE))
        assert 1 <= len(locs) <= 3
        seen += locs
    expected = [f"{BASE}/", f"{BASE}/tin-tuc/", *(BASE + article_path(a) for a in articles)]
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert client.get("/sitemap-4.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_sitemap_is_not_shadowed_by_a_category(client, app):
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/rss.xml").status_code == 200
    assert client.get("/robots.txt").status_code == 200


# --- robots.txt --------------------------------------------------------------------------


def test_robots_txt_allows_all_but_private_areas_and_points_to_the_sitemap(client, app):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    for path in ("/editor/", "/admin/", "/account", "/login", "/print/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


def test_robots_txt_names_only_paths_the_site_has(app):
    """A route moved or renamed must take robots.txt along, not leave it pointing nowhere."""
    assert {first_segment(path) for path in feeds.ROBOTS_DISALLOW} <= route_segments(app)


# --- Open Graph, autodiscovery, share links ------------------------------------------------


def test_article_with_image_has_open_graph_and_twitter_metadata(client, news):
    pictured = news["pictured"]
    meta = collect(client, article_path(pictured)).meta
    canonical = BASE + article_path(pictured)
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["UBND tỉnh làm việc với Sở TT&TT"]
    assert meta["og:description"] == [pictured.lead]
    assert meta["og:url"] == [canonical]
    assert meta["og:site_name"] == [SITE_NAME]
    assert meta["og:locale"] == ["vi_VN"]
    (image_url,) = meta["og:image"]
    assert image_url == f"{BASE}/media/{pictured.image.variant_filename(960)}"
    assert client.get(image_url.removeprefix(BASE)).status_code == 200
    assert (meta["og:image:width"], meta["og:image:height"]) == (["960"], ["640"])  # 1200 x 800 scaled
    assert meta["og:image:alt"] == ["Toàn cảnh buổi họp"]
    assert datetime.fromisoformat(meta["article:published_time"][0]) == pictured.published_at
    modified = datetime.fromisoformat(meta["article:modified_time"][0])
    assert modified == max(pictured.updated_at, pictured.published_at).replace(microsecond=0)  # whole seconds
    assert meta["article:section"] == ["Tin tức"]
    assert meta["article:tag"] == ["chuyển đổi số", "hội nghị"]
    assert meta["twitter:card"] == ["summary_large_image"]


def test_article_without_image_has_no_og_image(client, news):
    meta = collect(client, article_path(news["plain"])).meta
    assert meta["og:type"] == ["article"] and meta["og:url"] == [BASE + article_path(news["plain"])]
    assert not any(key.startswith("og:image") for key in meta)
    assert meta["twitter:card"] == ["summary"]


def test_small_image_falls_back_to_the_stored_file_in_og_image(client, clock):
    article = make_article("Ảnh nhỏ", make_category(), now=clock(), image=make_image(400, 300))
    db.session.commit()
    meta = collect(client, article_path(article)).meta
    assert meta["og:image"] == [f"{BASE}/media/{article.image.filename}"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["400"], ["300"])


def alternates(page: MetaCollector) -> dict[str, str]:
    return {
        link["href"]: link.get("title", "")
        for link in page.links
        if link.get("rel") == "alternate" and link.get("type") == "application/rss+xml"
    }


def test_home_and_category_pages_offer_feeds_and_website_metadata(client, news):
    home = collect(client, "/")
    assert alternates(home) == {f"{BASE}/rss.xml": SITE_NAME}
    assert (home.meta["og:type"], home.meta["og:title"], home.meta["og:url"]) == (
        ["website"],
        [SITE_NAME],
        [f"{BASE}/"],
    )
    category = collect(client, "/tin-tuc/")
    assert alternates(category) == {f"{BASE}/rss.xml": SITE_NAME, f"{BASE}/rss/tin-tuc.xml": f"Tin tức – {SITE_NAME}"}
    assert category.meta["og:type"] == ["website"] and category.meta["og:url"] == [f"{BASE}/tin-tuc/"]
    assert category.meta["og:title"] == [f"Tin tức – {SITE_NAME}"]


def test_every_feed_link_on_a_category_page_answers(client, news):
    for href in alternates(collect(client, "/tin-phuong/")):
        assert client.get(href.removeprefix(BASE)).status_code == 200


def test_share_links_carry_the_encoded_canonical_url(client, news):
    pictured = news["pictured"]
    canonical = BASE + article_path(pictured)
    page = collect(client, article_path(pictured))
    encoded = quote(canonical, safe="")
    by_href = {anchor["href"]: anchor for anchor in page.anchors}
    facebook = by_href[f"https://www.facebook.com/sharer/sharer.php?u={encoded}"]
    zalo = by_href[f"https://sp.zalo.me/share_external_link?url={encoded}"]
    for link, name in ((facebook, "Facebook"), (zalo, "Zalo")):
        assert link["target"] == "_blank" and link["rel"] == "noopener noreferrer"
        assert name in link["aria-label"] and link["aria-label"].startswith("Chia sẻ")
    (copy,) = [b for b in page.buttons if "data-share-copy" in b]
    assert copy["data-share-copy"] == canonical and "hidden" in copy  # shown by share.js only
    text = client.get(article_path(pictured)).get_data(as_text=True)
    assert "Sao chép liên kết" in text and "/static/js/share.js" in text
    assert "<script>" not in text  # no inline script


def test_print_view_has_no_share_links(client, news):
    text = client.get(f"/print/{news['pictured'].id}").get_data(as_text=True)
    assert "facebook.com/sharer" not in text and "data-share-copy" not in text


def test_share_script_exists(client, app):
    response = client.get("/static/js/share.js")
    assert response.status_code == 200 and b"navigator.clipboard.writeText" in response.get_data()
    response.close()


# --- Browser -----------------------------------------------------------------------------

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_copy_link_button_puts_the_canonical_url_on_the_clipboard(page, live_server, live_app, clock):
    problems: list[str] = []
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    category = make_category("Tin tức", slug="tin-tuc")
    article = make_article("Khánh thành cầu mới", category, now=clock(), image=make_image(640, 400))
    db.session.commit()
    canonical = live_server + article_path(article)

    page.goto(canonical)
    button = page.get_by_role("button", name="Sao chép liên kết")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".share__status")).to_have_text("Đã sao chép liên kết")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    expect(page.get_by_role("link", name="Chia sẻ lên Facebook (mở cửa sổ mới)")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
