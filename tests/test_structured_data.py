"""What search engines read (schema.org JSON-LD) and what a shared link shows (Open Graph) on public pages."""

import json
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest

from portal.content.search import reindex
from portal.content.settings import save_settings
from portal.extensions import db
from portal.models import ArticleStatus
from tests.factories import make_article, make_category, make_image, make_tag

SITE_NAME = "Cổng thông tin điện tử Thị trấn Hương An"
FOOTER = {
    "footer_owner": "Ủy ban nhân dân thị trấn Hương An",
    "footer_address": "Khối phố 1, thị trấn Hương An, huyện Quế Sơn, tỉnh Quảng Nam",
    "footer_phone": "0235 3885 123",
    "footer_email": "ubnd@huongan.gov.vn",
}
BASE = "http://localhost"
HOSTILE = "</script><script>alert(1)</script>"
EMBLEM = f"{BASE}/static/img/emblem.png"


class Head(HTMLParser):
    """What a crawler reads from a page: meta tags, JSON-LD blocks, every script tag, breadcrumb links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.scripts: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self.crumbs: list[str] = []
        self._in_json = self._in_crumbs = False

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in found or "name" in found):
            self.meta.setdefault(found.get("property") or found["name"], []).append(found.get("content", ""))
        elif tag == "link" and "rel" in found:
            self.links[found["rel"]] = found.get("href", "")
        elif tag == "script":
            self.scripts.append(found)
            self._in_json = found.get("type") == "application/ld+json"
            if self._in_json:
                self.json_ld.append("")
        elif tag == "nav" and "breadcrumb" in found.get("class", ""):
            self._in_crumbs = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False
        elif tag == "nav":
            self._in_crumbs = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data
        elif self._in_crumbs and data.strip():
            self.crumbs.append(data.strip())

    def blocks(self) -> dict[str, dict]:
        """Each JSON-LD block by its @type (json.loads fails the test on a malformed one)."""
        parsed = [json.loads(text) for text in self.json_ld]
        assert all(block["@context"] == "https://schema.org" for block in parsed)
        return {block["@type"]: block for block in parsed}


def read(client, path: str, base_url: str = BASE) -> Head:
    response = client.get(path, base_url=base_url)
    assert response.status_code == 200, path
    head = Head()
    head.feed(response.get_data(as_text=True))
    return head


def without_version(url: str) -> str:
    """A static file's URL without the ?v= that changes with its content."""
    return url.split("?", 1)[0]


def article_path(article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


def urls_in(value) -> list[str]:
    """Every absolute URL anywhere in a JSON-LD value but the vocabulary's (@context)."""
    if isinstance(value, dict):
        return [url for key, item in value.items() if key != "@context" for url in urls_in(item)]
    if isinstance(value, list):
        return [url for item in value for url in urls_in(item)]
    return [value] if isinstance(value, str) and value.startswith(("http://", "https://")) else []


def assert_is_image(client, url: str, base_url: str = BASE) -> None:
    response = client.get(url.removeprefix(base_url), base_url=base_url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] in ("image/jpeg", "image/png"), url  # previews ignore SVG
    response.close()


@pytest.fixture
def news(app, clock):
    """Two categories (one with a subcategory) and articles in them; only two have pictures."""
    save_settings({"site_name": SITE_NAME, "site_tagline": "Tin tức, sự kiện của thị trấn", **FOOTER})
    root = make_category("Tin tức - Sự kiện", slug="tin-tuc", description="Tin tức, sự kiện trong thị trấn")
    sub = make_category("Tin trong huyện", slug="tin-huyen", parent=root)
    notices = make_category("Thông báo", slug="thong-bao")
    pictured = make_article(
        "UBND tỉnh làm việc với Sở TT&TT về chương trình chuyển đổi số",
        sub,
        published_at=clock() - timedelta(hours=1),
        lead="Sáng nay, Phó Chủ tịch UBND tỉnh chủ trì buổi làm việc.",
        byline="Thùy Dung",
        image=make_image(colour=(30, 90, 160)),
        image_alt="Toàn cảnh buổi họp",
        tags=[make_tag("chuyển đổi số"), make_tag("hội nghị")],
    )
    older_picture = make_article(
        "Khánh thành cầu Hương An", root, published_at=clock() - timedelta(days=2), image=make_image(colour=(9, 9, 9))
    )
    plain = make_article("Họp dân về đường giao thông", root, published_at=clock() - timedelta(hours=3))
    notice = make_article("Lịch tiếp công dân tháng 3", notices, published_at=clock())  # the site's newest, no picture
    db.session.commit()
    return {"root": root, "sub": sub, "notices": notices, "pictured": pictured, "older_picture": older_picture,
            "plain": plain, "notice": notice}  # fmt: skip


# --- Articles: NewsArticle ---------------------------------------------------------------


def test_article_page_describes_a_news_article_google_can_show(client, news):
    pictured = news["pictured"]
    page = read(client, article_path(pictured))
    article = page.blocks()["NewsArticle"]
    canonical = BASE + article_path(pictured)
    assert page.links["canonical"] == canonical
    assert article["url"] == canonical and article["mainEntityOfPage"]["@id"] == canonical
    assert article["headline"] == pictured.title
    assert article["description"] == pictured.lead == page.meta["description"][0]
    assert article["author"] == [{"@type": "Person", "name": "Thùy Dung"}]
    assert article["articleSection"] == "Tin trong huyện"
    assert article["inLanguage"] == "vi"
    assert article["keywords"] == "chuyển đổi số, hội nghị"
    # Published 01:30 UTC on 2 March 2026 minus an hour: 07:30 in Vietnam, as the page shows it.
    assert article["datePublished"] == "2026-03-02T07:30:00+07:00"
    shown = client.get(article_path(pictured)).get_data(as_text=True)
    assert "02/03/2026 07:30" in shown and "Tác giả bài viết: <strong>Thùy Dung</strong>" in shown
    modified = datetime.fromisoformat(article["dateModified"])
    assert modified.utcoffset() is not None and modified >= datetime.fromisoformat(article["datePublished"])
    publisher = article["publisher"]
    assert publisher["@type"] == "GovernmentOrganization" and publisher["name"] == FOOTER["footer_owner"]
    assert publisher["url"] == f"{BASE}/"
    assert without_version(publisher["logo"]["url"]) == EMBLEM
    assert_is_image(client, publisher["logo"]["url"])


def test_article_images_are_every_big_enough_size_and_all_load(client, news):
    pictured = news["pictured"]
    images = read(client, article_path(pictured)).blocks()["NewsArticle"]["image"]
    assert images == [
        f"{BASE}/media/{pictured.image.filename}",  # 1200 × 800
        f"{BASE}/media/{pictured.image.variant_filename(960)}",
        f"{BASE}/media/{pictured.image.variant_filename(480)}",  # 480 × 320, still above 50 000 pixels
    ]
    for url in images:
        assert_is_image(client, url)


def test_article_without_picture_or_byline_names_the_site_as_author(client, news):
    plain = news["plain"]
    plain.byline = ""
    db.session.commit()
    page = read(client, article_path(plain))
    article = page.blocks()["NewsArticle"]
    assert "image" not in article and "keywords" not in article
    assert [author["name"] for author in article["author"]] == [FOOTER["footer_owner"]]
    assert "og:image" not in page.meta and page.meta["twitter:card"] == ["summary"]


def test_long_title_is_cut_at_a_word_for_the_headline(client, clock):
    title = "Hội nghị tổng kết công tác " + " ".join(["chuyển đổi số và cải cách hành chính"] * 6)  # over 200 characters, within the 300 a title may have
    article = make_article(title, make_category("Tin tức"), now=clock())
    db.session.commit()
    page = read(client, article_path(article))
    headline = page.blocks()["NewsArticle"]["headline"]
    assert len(title) > 200 and len(headline) <= 110 and headline.endswith("…")
    assert title.startswith(headline[:-1]) and title[len(headline) - 1] == " "  # no word cut in half
    assert page.meta["og:title"] == [title]  # previews keep the whole title


def test_article_without_lead_is_described_by_the_start_of_its_body(client, clock):
    body = "<p>Sáng ngày 5/3, <strong>UBND thị trấn</strong> tổ chức hội nghị.</p>" + "<p>Nội dung tiếp theo.</p>" * 40
    article = make_article("Hội nghị", make_category("Tin tức"), now=clock(), lead="", body_html=body)
    db.session.commit()
    page = read(client, article_path(article))
    (description,) = page.meta["description"]
    assert description.startswith("Sáng ngày 5/3, UBND thị trấn tổ chức hội nghị. Nội dung tiếp theo.")
    assert len(description) <= 300 and "<" not in description
    assert page.meta["og:description"] == [description]
    assert page.blocks()["NewsArticle"]["description"] == description


def test_articles_keep_their_open_graph_tags(client, news):
    pictured = news["pictured"]
    meta = read(client, article_path(pictured)).meta
    assert meta["og:type"] == ["article"] and meta["og:title"] == [pictured.title]
    assert meta["og:url"] == [BASE + article_path(pictured)] and meta["og:description"] == [pictured.lead]
    assert meta["og:image"] == [f"{BASE}/media/{pictured.image.variant_filename(960)}"]
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:alt"]) == (
        ["960"],
        ["640"],
        ["Toàn cảnh buổi họp"],
    )
    assert meta["twitter:card"] == ["summary_large_image"]


# --- Breadcrumbs ---------------------------------------------------------------------------


def crumbs(block: dict) -> list[tuple[int, str, str]]:
    return [(item["position"], item["name"], item["item"]) for item in block["itemListElement"]]


def test_article_breadcrumbs_run_from_home_through_the_categories_to_the_article(client, news):
    pictured = news["pictured"]
    page = read(client, article_path(pictured))
    assert crumbs(page.blocks()["BreadcrumbList"]) == [
        (1, "Trang chủ", f"{BASE}/"),
        (2, "Tin tức - Sự kiện", f"{BASE}/tin-tuc/"),
        (3, "Tin trong huyện", f"{BASE}/tin-huyen/"),
        (4, pictured.title, BASE + article_path(pictured)),
    ]
    assert page.crumbs == ["Trang chủ", "Tin tức - Sự kiện", "Tin trong huyện"]  # the trail the reader sees


def test_category_breadcrumbs_end_with_the_category(client, news):
    page = read(client, "/tin-huyen/?page=1")
    assert crumbs(page.blocks()["BreadcrumbList"]) == [
        (1, "Trang chủ", f"{BASE}/"),
        (2, "Tin tức - Sự kiện", f"{BASE}/tin-tuc/"),
        (3, "Tin trong huyện", f"{BASE}/tin-huyen/"),
    ]
    assert [name for _, name, _ in crumbs(page.blocks()["BreadcrumbList"])] == page.crumbs


def test_breadcrumbs_follow_the_interface_language(client, news):
    client.set_cookie("portal_lang", "en")
    first = crumbs(read(client, "/tin-tuc/").blocks()["BreadcrumbList"])[0]
    assert first == (1, "Home", f"{BASE}/")


# --- Home: the site as an organization and a website ------------------------------------------


def test_home_names_the_site_as_a_government_organization_with_its_footer_contacts(client, news):
    blocks = read(client, "/").blocks()
    site = blocks["GovernmentOrganization"]
    assert site["name"] == FOOTER["footer_owner"] and site["alternateName"] == SITE_NAME
    assert site["url"] == f"{BASE}/"
    assert site["address"]["streetAddress"] == FOOTER["footer_address"]
    assert site["address"]["addressCountry"] == "VN"
    assert (site["telephone"], site["email"]) == (FOOTER["footer_phone"], FOOTER["footer_email"])
    assert without_version(site["logo"]["url"]) == EMBLEM and site["logo"]["width"] >= 112
    assert_is_image(client, site["logo"]["url"])
    assert blocks["WebSite"]["name"] == SITE_NAME and blocks["WebSite"]["url"] == f"{BASE}/"


def test_organization_leaves_out_contacts_that_are_not_set(client, app):
    site = read(client, "/").blocks()["GovernmentOrganization"]
    assert site["name"] == "Cổng thông tin điện tử"  # the default site name; no owner set
    assert not {"address", "telephone", "email", "alternateName"} & set(site)


def test_website_search_action_leads_to_the_search_page(client, news):
    wanted = article_path(news["notice"])
    reindex()
    db.session.commit()
    action = read(client, "/").blocks()["WebSite"]["potentialAction"]
    template = action["target"]["urlTemplate"]
    assert template == f"{BASE}/search?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    results = client.get(template.replace("{search_term_string}", "lich tiep cong dan").removeprefix(BASE))
    assert results.status_code == 200 and f'href="{wanted}"' in results.get_data(as_text=True)


# --- Link previews of home and category pages ------------------------------------------------


def test_home_preview_shows_the_tagline_and_the_newest_picture(client, news):
    meta = read(client, "/").meta
    assert meta["description"] == meta["og:description"] == ["Tin tức, sự kiện của thị trấn"]
    # The newest article (a notice) has no picture: the newest one that has one is shown.
    assert meta["og:image"] == [f"{BASE}/media/{news['pictured'].image.variant_filename(960)}"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["960"], ["640"])
    assert meta["og:type"] == ["website"] and meta["og:url"] == [f"{BASE}/"] and meta["og:title"] == [SITE_NAME]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert_is_image(client, meta["og:image"][0])


def test_category_preview_shows_its_description_and_its_own_newest_picture(client, news):
    meta = read(client, "/tin-tuc/").meta
    assert meta["description"] == meta["og:description"] == ["Tin tức, sự kiện trong thị trấn"]
    # A subcategory's article counts for its parent; the notice, newer, is in another category.
    assert meta["og:image"] == [f"{BASE}/media/{news['pictured'].image.variant_filename(960)}"]
    assert meta["og:title"] == [f"Tin tức - Sự kiện – {SITE_NAME}"] and meta["og:url"] == [f"{BASE}/tin-tuc/"]


def test_category_preview_keeps_to_its_own_articles(client, clock, news):
    culture = make_category("Văn hóa - Thể thao", slug="van-hoa")
    festival = make_article(
        "Lễ hội đình làng", culture, published_at=clock() - timedelta(days=5), image=make_image(colour=(250, 200, 0))
    )
    db.session.commit()
    assert read(client, "/van-hoa/").meta["og:image"] == [f"{BASE}/media/{festival.image.variant_filename(960)}"]
    assert read(client, "/").meta["og:image"] == [f"{BASE}/media/{news['pictured'].image.variant_filename(960)}"]


def test_category_preview_passes_over_a_hidden_newer_picture(client, clock, news):
    make_article("Bài nháp có ảnh", news["root"], status=ArticleStatus.DRAFT, image=make_image(colour=(200, 0, 0)))
    make_article(
        "Bài hẹn giờ có ảnh",
        news["root"],
        published_at=clock() + timedelta(days=1),
        image=make_image(colour=(0, 200, 0)),
    )
    db.session.commit()
    assert read(client, "/tin-tuc/").meta["og:image"] == [
        f"{BASE}/media/{news['pictured'].image.variant_filename(960)}"
    ]


def test_previews_fall_back_to_the_emblem_and_a_sentence(client, news):
    meta = read(client, "/thong-bao/").meta  # articles, none with a picture; no description
    assert [without_version(url) for url in meta["og:image"]] == [EMBLEM]
    assert meta["og:image:type"] == ["image/png"] and meta["twitter:card"] == ["summary"]
    assert_is_image(client, meta["og:image"][0])
    assert meta["description"] == [f"Các bài viết mới nhất thuộc chuyên mục Thông báo trên {SITE_NAME}."]
    assert meta["og:description"] == meta["description"]


def test_home_of_an_empty_site_shows_the_emblem_and_names_the_site(client, app):
    meta = read(client, "/").meta
    assert [without_version(url) for url in meta["og:image"]] == [EMBLEM]
    assert meta["description"] == ["Tin tức, sự kiện và thông báo mới nhất trên Cổng thông tin điện tử."]


def test_preview_sentence_follows_the_interface_language(client, news):
    client.set_cookie("portal_lang", "en")
    assert read(client, "/thong-bao/").meta["description"] == [
        f"The latest articles in the Thông báo section on {SITE_NAME}."
    ]


# --- Absolute URLs, whatever the host --------------------------------------------------------


@pytest.mark.parametrize("base_url", ["https://huongan.quangnam.gov.vn", "http://192.168.1.20:8080"])
def test_every_url_follows_the_host_the_reader_used(client, news, base_url):
    pictured = news["pictured"]
    for path in ("/", "/tin-tuc/", article_path(pictured)):
        page = read(client, path, base_url)
        urls = urls_in(page.blocks())
        urls += page.meta["og:url"] + page.meta["og:image"]
        assert urls and all(url.startswith(f"{base_url}/") for url in urls), (path, urls)
    for url in urls_in(read(client, article_path(pictured), base_url).blocks()["NewsArticle"]["image"]):
        assert_is_image(client, url, base_url)


# --- Hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [HOSTILE, "<!--<script>", "</SCRIPT ><img src=x onerror=alert(1)>", "]]>'\"&amp;"])
def test_hostile_text_cannot_break_out_of_the_json_blocks(client, clock, payload):
    category = make_category(f"Chuyên mục {payload}")
    article = make_article(
        f"Tiêu đề {payload}", category, now=clock(), lead=f"Sapo {payload}", byline=f"Tác giả {payload}",
        tags=[make_tag(f"thẻ {payload}")],
    )  # fmt: skip
    db.session.commit()
    for path in (article_path(article), f"/{category.slug}/"):
        page = read(client, path)
        # Only data blocks and scripts from files: no script element was injected.
        assert all(s.get("type") == "application/ld+json" or "src" in s for s in page.scripts), page.scripts
        assert len(page.json_ld) == (2 if path.endswith(".html") else 1)
        blocks = page.blocks()
        assert blocks["BreadcrumbList"]["itemListElement"][1]["name"] == category.name
    news_article = read(client, article_path(article)).blocks()["NewsArticle"]
    assert news_article["headline"] == article.title and news_article["description"] == article.lead
    assert news_article["author"][0]["name"] == article.byline and news_article["keywords"] == f"thẻ {payload}"
