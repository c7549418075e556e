"""RSS 2.0 feeds (the site, each category), the sitemap (split past 50,000 URLs) and robots.txt."""

import html
import math
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, abort, redirect, request, url_for

from portal import clock
from portal.content import published
from portal.content.categories import resolve_redirect
from portal.links import article_url, media_url
from portal.models import Article, Category
from portal.templating import site_context
from portal.web.routes import shared_page

bp = Blueprint("feeds", __name__)

FEED_SIZE = 30
SITEMAP_PAGE_SIZE = 50_000  # the sitemap protocol's limit of URLs per file
ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
RSS_TYPE = "application/rss+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
ROBOTS_DISALLOW = ("/editor/", "/admin/", "/account", "/login", "/print/")
# XML 1.0 cannot carry C0 controls other than tab, LF and CR, lone surrogates, U+FFFE or U+FFFF;
# ElementTree would write them anyway and every parser would then refuse the whole document.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("atom", ATOM_NS)


def xml_text(value: str | None) -> str:
    """Return the text without the characters XML 1.0 forbids."""
    return ILLEGAL_XML.sub("", value or "")


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append a child element whose text and attributes are cleaned for XML."""
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def rfc822(moment: datetime) -> str:
    """An RFC 822 date as RSS wants it ("Mon, 02 Mar 2026 01:30:00 GMT")."""
    return format_datetime(moment, usegmt=True)


def w3c(moment: datetime) -> str:
    """A W3C datetime as sitemaps want it ("2026-03-02T01:30:00+00:00")."""
    return moment.isoformat(timespec="seconds")


def last_change(article: Article) -> datetime:
    """When the article last changed for a reader: its edit, or its (scheduled) publication."""
    return max(d for d in (article.updated_at, article.published_at) if d)


def xml_response(document: bytes | str, content_type: str) -> Response:
    """Answer with the document, an ETag and 304 when the reader already has it."""
    response = Response(document, content_type=content_type)
    response.add_etag()
    return response.make_conditional(request)


# --- RSS 2.0 ---------------------------------------------------------------------------


def rss_item(channel: ET.Element, article: Article) -> None:
    """Append one <item>: title, canonical link and guid, date, lead, category, lead image."""
    item = add(channel, "item")
    link = article_url(article, _external=True)
    add(item, "title", article.title)
    add(item, "link", link)
    add(item, "guid", link, isPermaLink="true")
    add(item, "pubDate", rfc822(article.published_at))
    # The lead is plain text; description holds HTML, so escape it once more for readers.
    add(item, "description", html.escape(xml_text(article.lead), quote=False))
    add(item, "category", article.category.name)
    if article.image is not None:
        image = article.image
        add(
            item,
            "enclosure",
            url=media_url(image, _external=True),
            type=image.content_type,
            length=str(image.size_bytes),
        )


def rss_document(title: str, link: str, description: str, articles: list[Article]) -> bytes:
    """Build an RSS 2.0 document of the articles, newest first."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = add(rss, "channel")
    add(channel, "title", title)
    add(channel, "link", link)
    add(channel, "description", description or title)
    add(channel, "language", "vi")
    add(channel, "lastBuildDate", rfc822(max(map(last_change, articles), default=clock.now())))
    self_url = url_for(request.endpoint, **(request.view_args or {}), _external=True)
    add(channel, f"{{{ATOM_NS}}}link", href=self_url, rel="self", type="application/rss+xml")
    for article in articles:
        rss_item(channel, article)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


@bp.get("/rss.xml")
@shared_page
def site_rss():
    site = site_context()["site"]
    articles = published.feed_articles(clock.now(), FEED_SIZE)
    document = rss_document(
        site["site_name"], url_for("public.home", _external=True), site.get("site_tagline", ""), articles
    )
    return xml_response(document, RSS_TYPE)


def find_category(slug: str) -> Category | None:
    """The category with this slug, among those already loaded for the page."""
    return next((c for c in site_context()["all_categories"] if c.slug == slug), None)


@bp.get("/rss/<category_slug>.xml")
@shared_page
def category_rss(category_slug: str):
    found = find_category(category_slug)
    if found is None:
        moved = resolve_redirect(category_slug)
        if moved is None:
            abort(404)
        return redirect(url_for("feeds.category_rss", category_slug=moved.slug), code=301)
    ids = published.category_ids_below(found, site_context()["all_categories"])
    articles = published.feed_articles(clock.now(), FEED_SIZE, ids)
    title = f"{found.name} – {site_context()['site']['site_name']}"
    link = url_for("public.category", category_slug=found.slug, _external=True)
    return xml_response(rss_document(title, link, found.description, articles), RSS_TYPE)


# --- Sitemap -------------------------------------------------------------------------------


def fixed_entries(now: datetime) -> list[tuple[str, datetime | None]]:
    """The home page and every category, each with the newest change beneath it."""
    categories = site_context()["all_categories"]
    own = published.newest_change_by_category(now)
    entries = [(url_for("public.home", _external=True), max(own.values(), default=None))]
    for category in categories:
        changes = [own[i] for i in published.category_ids_below(category, categories) if i in own]
        entries.append(
            (url_for("public.category", category_slug=category.slug, _external=True), max(changes, default=None))
        )
    return entries


def page_entries(now: datetime, number: int, size: int) -> Iterator[tuple[str, datetime | None]]:
    """The URLs of one sitemap page: the fixed entries come first, then articles by id."""
    fixed = fixed_entries(now)
    start, end = (number - 1) * size, number * size
    yield from fixed[start:end]
    limit = end - max(start, len(fixed))
    if limit > 0:
        for row in published.sitemap_rows(now, max(0, start - len(fixed)), limit):
            loc = url_for(
                "public.article", category_slug=row.category_slug, slug=row.slug, article_id=row.id, _external=True
            )
            yield loc, max(row.updated_at, row.published_at)


def urlset(entries: Iterator[tuple[str, datetime | None]]) -> bytes:
    """Build a <urlset> of (loc, lastmod) entries."""
    # Children stay unqualified under the default namespace declared on the root: the same
    # document as qualified names, at a fraction of ElementTree's namespace bookkeeping.
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in entries:
        url = add(root, "url")
        add(url, "loc", loc)
        if lastmod is not None:
            add(url, "lastmod", w3c(lastmod))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap_index(pages: int) -> bytes:
    """Build a <sitemapindex> pointing at /sitemap-1.xml ... /sitemap-<pages>.xml."""
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for number in range(1, pages + 1):
        entry = add(root, f"{{{SITEMAP_NS}}}sitemap")
        add(entry, f"{{{SITEMAP_NS}}}loc", url_for("feeds.sitemap_page", number=number, _external=True))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP_NS)


def sitemap_pages(now: datetime) -> int:
    """How many sitemap files the site needs (home, categories and visible articles)."""
    total = 1 + len(site_context()["all_categories"]) + published.count_visible(now)
    return math.ceil(total / SITEMAP_PAGE_SIZE)


@bp.get("/sitemap.xml")
@shared_page
def sitemap():
    now = clock.now()
    pages = sitemap_pages(now)
    if pages > 1:
        return xml_response(sitemap_index(pages), XML_TYPE)
    return xml_response(urlset(page_entries(now, 1, SITEMAP_PAGE_SIZE)), XML_TYPE)


@bp.get("/sitemap-<int:number>.xml")
@shared_page
def sitemap_page(number: int):
    now = clock.now()
    pages = sitemap_pages(now)
    if pages < 2 or not 1 <= number <= pages:
        abort(404)  # a single sitemap lives at /sitemap.xml only
    return xml_response(urlset(page_entries(now, number, SITEMAP_PAGE_SIZE)), XML_TYPE)


# --- robots.txt ----------------------------------------------------------------------------


@bp.get("/robots.txt")
@shared_page
def robots():
    root = request.script_root
    lines = ["User-agent: *", f"Allow: {root}/", *(f"Disallow: {root}{path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {url_for('feeds.sitemap', _external=True)}", ""]
    return Response("\n".join(lines), content_type="text/plain; charset=utf-8")
