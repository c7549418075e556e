"""NukeViet 4's news addresses answer 301 to the portal's page, or the normal 404."""

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.legacy.addresses import OldAddress, read_address
from portal.models import ArticleStatus, Category, CategoryRedirect
from tests.factories import make_article, make_category, make_tag

ARTICLE = "/tin-tuc/le-hoi-mua-xuan-1234.html"


@pytest.fixture
def site(app, clock):
    """A category, an article with its NukeViet id, a tag and a draft, as the import leaves them."""
    category = make_category("Tin tức", slug="tin-tuc")
    make_article("Lễ hội mùa xuân", category, slug="le-hoi-mua-xuan", id=1234, now=clock())
    make_article("Bản nháp", category, status=ArticleStatus.DRAFT, slug="ban-nhap", id=77)
    make_tag("Lễ hội")
    db.session.commit()


def target(response) -> str:
    """The redirect's path and query, whether Location is relative or absolute."""
    parts = urlsplit(response.headers["Location"])
    assert parts.netloc in ("", "localhost")
    return parts.path + (f"?{parts.query}" if parts.query else "")


MOVED = [
    # articles: without rewriting, the op with and without NukeViet's ".html", nv=<module>/<op>
    ("/index.php?language=vi&nv=news&op=tin-tuc/le-hoi-mua-xuan-1234", ARTICLE),
    ("/index.php?language=vi&nv=news&op=tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    ("/index.php?nv=news&op=tin-tuc/ten-cu-1234.html", ARTICLE),
    ("/index.php?language=vi&nv=news/tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    # with rewriting: language and module, either left out, and /index.php/ without the rewrite file
    ("/vi/news/tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    ("/news/tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    ("/vi/tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    ("/index.php/vi/news/tin-tuc/le-hoi-mua-xuan-1234.html", ARTICLE),
    ("/news/chuyen-muc-cu/ten-cu-1234.html", ARTICLE),
    # the portal's own shape with an old alias or category: already its own redirect
    ("/tin-tuc/ten-cu-1234.html", ARTICLE),
    ("/chuyen-muc-cu/le-hoi-mua-xuan-1234.html", ARTICLE),
    # the printable page
    ("/index.php?language=vi&nv=news&op=print/tin-tuc/le-hoi-mua-xuan-1234.html", "/print/1234"),
    ("/vi/news/print/tin-tuc/le-hoi-mua-xuan-1234.html", "/print/1234"),
    ("/print/tin-tuc/le-hoi-mua-xuan-1234.html", "/print/1234"),
    # categories and their pages
    ("/index.php?language=vi&nv=news&op=tin-tuc", "/tin-tuc/"),
    ("/index.php?language=vi&nv=news&op=tin-tuc/page-2", "/tin-tuc/?page=2"),
    ("/vi/news/tin-tuc/", "/tin-tuc/"),
    ("/news/tin-tuc/", "/tin-tuc/"),
    ("/news/tin-tuc", "/tin-tuc/"),
    ("/vi/tin-tuc/", "/tin-tuc/"),
    ("/vi/news/tin-tuc/page-3/", "/tin-tuc/?page=3"),
    ("/news/tin-tuc/page-2/", "/tin-tuc/?page=2"),
    ("/tin-tuc/page-2/", "/tin-tuc/?page=2"),
    ("/tin-tuc/page-2", "/tin-tuc/?page=2"),
    # tags
    ("/index.php?language=vi&nv=news&op=tag/le-hoi", "/tag/le-hoi"),
    ("/index.php?language=vi&nv=news&op=tag&alias=le-hoi", "/tag/le-hoi"),
    ("/vi/news/tag/le-hoi", "/tag/le-hoi"),
    ("/news/tag/le-hoi", "/tag/le-hoi"),
    ("/news/tag/le-hoi/page-2", "/tag/le-hoi?page=2"),
    ("/tag/le-hoi/page-2", "/tag/le-hoi?page=2"),
    # feeds
    ("/index.php?language=vi&nv=news&op=rss", "/rss.xml"),
    ("/index.php?language=vi&nv=news&op=rss/tin-tuc", "/rss/tin-tuc.xml"),
    ("/vi/news/rss/", "/rss.xml"),
    ("/news/rss/tin-tuc/", "/rss/tin-tuc.xml"),
    ("/rss/", "/rss.xml"),
    ("/rss/tin-tuc/", "/rss/tin-tuc.xml"),
    # the home page, and the module's own main page
    ("/index.php", "/"),
    ("/index.php?language=vi", "/"),
    ("/index.php?language=vi&nv=news", "/"),
    ("/index.php?language=vi&nv=news&op=main", "/"),
    ("/vi/", "/"),
    ("/vi/news/", "/"),
    ("/news/", "/"),
    ("/news/page-2/", "/"),
]


@pytest.mark.parametrize("old, new", MOVED)
def test_old_addresses_answer_301_to_the_new_one(site, client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert target(response) == new
    if new == ARTICLE:
        assert client.get(new).status_code == 200


GONE = [
    "/vi/news/tin-tuc/bai-khong-co-9999.html",  # unknown id
    "/index.php?nv=news&op=tin-tuc/bai-khong-co-9999",
    "/news/tin-tuc/ban-nhap-77.html",  # a draft stays unconfirmed
    "/index.php?nv=news&op=tin-tuc/ban-nhap-77.html",
    "/news/khong-co/",  # unknown category
    "/khong-co/page-2/",
    "/news/tag/khong-co",
    "/tag/khong-co/page-2",
    "/news/rss/khong-co/",
    "/rss/khong-co/",
    "/index.php?nv=users&op=login",  # another module
    "/index.php?language=fr&nv=news",  # a language the site did not have
    "/index.php?nv=news/tin-tuc&op=tin-tuc",  # NukeViet refused both at once
    "/index.php?op=tin-tuc",
    "/news/a/b/c/d",
    "/news/tag/le-hoi/b/c",
    "/news/rss/a/b",
    "/print/tin-tuc/ban-nhap-77.html",
    "/news/print/le-hoi-mua-xuan-1234.html",
    "/news/tin-tuc/page-0/",
]


@pytest.mark.parametrize("old", GONE)
def test_unknown_old_addresses_are_the_normal_404(site, client, old):
    assert client.get(old).status_code == 404


HOSTILE = [
    "/index.php?nv=news&op=//evil.example/x-1",
    "/index.php?nv=news&op=tin-tuc/x-99999999999999999999",
    "/index.php?nv=news&op=tin-tuc/x-2147483648",
    "/index.php?nv=news&op=tin-tuc/page-99999999",
    "/index.php?nv=news&op=%00",
    "/index.php?nv=news&op=tag/%00",
    "/index.php?nv=news&op=tag/le-hoi%0d%0aSet-Cookie:%20x=1",
    "/index.php?nv=news&op=" + "a" * 5000,
    "/index.php?nv=news&op=tag/" + "%F0%9F%98%80" * 200,
    "/index.php?nv=https://evil.example/&op=x",
    "/index.php?language[]=vi&nv[]=news",
    "/index.php?nv=news&op=../../../etc/passwd",
    "/index.php?nv=news&op=%ff%fe",
    "/index.php?nv=news&op=tin-tuc/%E2%80%AE-1234",
    "/index.php/%00/news/tin-tuc/",
    "/vi/news/%0d%0a/",
    "/news/tag/%00",
    "/news/tag/%25",
    "/vi/news//evil.example/",
    "/news/\\evil.example/x-1234.html",
    "/tag/%00/page-2",
    "/rss/%00/",
]


@pytest.mark.parametrize("old", HOSTILE)
def test_hostile_values_never_fail_nor_lead_off_the_site(site, client, old):
    response = client.get(old)
    assert response.status_code in (301, 404)
    if response.status_code == 301:
        location = response.headers["Location"]
        assert location.startswith("/") and not location.startswith("//") and "\\" not in location
        assert "\n" not in location and "evil" not in location


def test_a_moved_category_slug_leads_to_its_new_home(site, client):
    category = db.session.scalar(sa.select(Category).where(Category.slug == "tin-tuc"))
    db.session.add(CategoryRedirect(old_slug="tin-cu", category=category))
    db.session.commit()
    assert target(client.get("/vi/news/tin-cu/")) == "/tin-tuc/"
    assert target(client.get("/index.php?nv=news&op=rss/tin-cu")) == "/rss/tin-tuc.xml"


def test_the_portals_own_feeds_are_still_theirs(site, client):
    assert client.get("/rss/tin-tuc.xml").status_code == 200
    assert client.get("/rss.xml").status_code == 200


@pytest.mark.parametrize(
    "path, args, found",
    [
        ("/index.php", {"nv": "news", "op": "tin-tuc/a-b-c-12.html"}, OldAddress("article", "tin-tuc", 12)),
        ("/index.php", {"nv": "news", "op": "tag/le-hoi/page-4"}, OldAddress("tag", "le-hoi", page=4)),
        ("/vi/news/page-5/", {}, OldAddress("home", page=5)),
        ("/vi/news/tin-tuc/-12.html", {}, None),
        ("/vi/news/tin-tuc/12.html", {}, None),
        ("/vi/news/tin-tuc/a-0.html", {}, None),
    ],
)
def test_reading_an_op(path, args, found):
    assert read_address(path, args) == found
