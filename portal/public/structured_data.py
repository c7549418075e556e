"""What search engines and link previews read from the public pages: schema.org data and Open Graph facts.

Every JSON-LD block is a plain dict built here; templates only print it with `|tojson` inside
<script type="application/ld+json">, a data block that browsers never run (the CSP's script-src
does not apply to it) and whose <, > and & tojson escapes, so no text can close it.
"""

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _

from portal.content.search import plain_text
from portal.links import article_url, media_url
from portal.models import Article, Category, Media
from portal.templating import local_time

SCHEMA = "https://schema.org"
HEADLINE_LIMIT = 110  # Google's guideline for a NewsArticle headline
DESCRIPTION_LIMIT = 300  # meta and og:description
MIN_IMAGE_PIXELS = 50_000  # Google's least width × height for an article image
PREVIEW_WIDTH = 960  # the variant a link preview shows (media_url picks the stored image when none is as wide)
# Link previews (Facebook, Zalo) ignore SVG, so the emblem also exists as a PNG of static/img/emblem.svg.
EMBLEM = {"filename": "img/emblem.png", "type": "image/png", "width": 512, "height": 512}


def iso_datetime(value: datetime) -> str:
    """ISO 8601 in the portal's time zone, whole seconds, with its offset: 2026-03-02T08:30:00+07:00."""
    return local_time(value).isoformat(timespec="seconds")


def shorten(text: str, limit: int) -> str:
    """The text on one line; past `limit` characters, cut at a word boundary and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def home_url() -> str:
    """The absolute URL of the home page."""
    return url_for("public.home", _external=True)


def category_url(category: Category) -> str:
    """The absolute URL of a category's first page."""
    return url_for("public.category", category_slug=category.slug, _external=True)


def emblem() -> dict:
    """The site's emblem as a preview picture and a logo: absolute URL, type and size."""
    return {
        "url": url_for("static", filename=EMBLEM["filename"], _external=True),
        **{key: EMBLEM[key] for key in ("type", "width", "height")},
        "alt": "",
        "large": False,  # square and small: the Twitter card stays "summary"
    }


def picture(media: Media, alt: str = "") -> dict:
    """A stored image as a link preview shows it: the PREVIEW_WIDTH variant's URL, type, size and alt text."""
    width = next((w for w in media.widths if w >= PREVIEW_WIDTH), media.width)
    height = max(1, int(media.height * width / media.width + 0.5))
    url = media_url(media, PREVIEW_WIDTH, _external=True)
    large = width >= 300 and height >= 157  # the least a large Twitter/X card takes
    return {"url": url, "type": media.content_type, "width": width, "height": height, "alt": alt, "large": large}


def image_urls(media: Media) -> list[str]:
    """Absolute URLs of an image and of its variants big enough for Google, largest first."""
    sizes = [(media.width, media.filename)]
    sizes += [(w, media.variant_filename(w)) for w in sorted(media.widths, reverse=True) if w < media.width]
    big = [name for w, name in sizes if w * w * media.height / media.width >= MIN_IMAGE_PIXELS]
    return [url_for("public.media", filename=name, _external=True) for name in big or [media.filename]]


def publisher(site: dict[str, str]) -> dict:
    """The site's owner as a GovernmentOrganization: the name the footer shows, the home page and the emblem."""
    logo = emblem()
    found = {
        "@type": "GovernmentOrganization",
        "@id": f"{home_url()}#organization",
        "name": site.get("footer_owner") or site["site_name"],
        "url": home_url(),
        "logo": {"@type": "ImageObject", "url": logo["url"], "width": logo["width"], "height": logo["height"]},
    }
    if site.get("footer_owner") and site["footer_owner"] != site["site_name"]:
        found["alternateName"] = site["site_name"]
    return found


def organization(site: dict[str, str]) -> dict:
    """The publisher with the address, telephone and e-mail the footer shows, where they are set."""
    found = {"@context": SCHEMA, **publisher(site)}
    if site.get("footer_address"):
        found["address"] = {"@type": "PostalAddress", "streetAddress": site["footer_address"], "addressCountry": "VN"}
    if site.get("footer_phone"):
        found["telephone"] = site["footer_phone"]
    if site.get("footer_email"):
        found["email"] = site["footer_email"]
    return found


def website(site: dict[str, str]) -> dict:
    """The site as a WebSite whose search page takes ?q=."""
    found = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{home_url()}#website",
        "url": home_url(),
        "name": site["site_name"],
        "inLanguage": "vi",
        "publisher": {"@id": f"{home_url()}#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": url_for("public.search", _external=True) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    if site.get("site_tagline"):
        found["description"] = site["site_tagline"]
    return found


def breadcrumb_list(trail: list[Category], article: Article | None = None) -> dict:
    """The trail _breadcrumb.html shows (home, the categories from the root down, the article) as a BreadcrumbList."""
    crumbs = [(_("Trang chủ"), home_url())] + [(c.name, category_url(c)) for c in trail]
    if article is not None:
        crumbs.append((article.title, article_url(article, _external=True)))
    items = [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(crumbs, start=1)
    ]
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": items}


def article_description(article: Article) -> str:
    """The lead, or the start of the body when there is none, as one line for meta descriptions."""
    return shorten(article.lead or plain_text(article.body_html), DESCRIPTION_LIMIT)


def news_article(article: Article, site: dict[str, str]) -> dict:
    """A published article as a NewsArticle with what Google's article rich results ask for."""
    canonical = article_url(article, _external=True)
    owner = publisher(site)
    found = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": shorten(article.title, HEADLINE_LIMIT),
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(max(article.updated_at, article.published_at)),
        "author": [{"@type": "Person", "name": article.byline} if article.byline else _reference(owner)],
        "publisher": owner,
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "isAccessibleForFree": True,
    }
    if description := article_description(article):
        found["description"] = description
    if article.image is not None:
        found["image"] = image_urls(article.image)
    if article.tags:
        found["keywords"] = ", ".join(t.name for t in article.tags)
    return found


def _reference(organization: dict) -> dict:
    """An organization named again where it is also the author."""
    return {key: organization[key] for key in ("@type", "@id", "name", "url")}


def article_page(article: Article, site: dict[str, str]) -> dict:
    """Template values of an article page: its JSON-LD blocks, description and preview picture."""
    described = news_article(article, site)
    return {
        "linked_data": [described, breadcrumb_list(article.category.lineage(), article)],
        "description": described.get("description", ""),
        "preview": picture(article.image, article.image_alt or article.image_caption) if article.image else None,
    }


def home_page(site: dict[str, str], newest: Media | None) -> dict:
    """Template values of the home page: the organization and website, the tagline, the newest picture."""
    fallback = _("Tin tức, sự kiện và thông báo mới nhất trên %(site)s.", site=site["site_name"])
    return {
        "linked_data": [organization(site), website(site)],
        "description": shorten(site.get("site_tagline") or fallback, DESCRIPTION_LIMIT),
        "preview": picture(newest) if newest is not None else emblem(),
    }


def category_page(category: Category, site: dict[str, str], newest: Media | None) -> dict:
    """Template values of a category page: its breadcrumbs, description and newest picture."""
    fallback = _(
        "Các bài viết mới nhất thuộc chuyên mục %(name)s trên %(site)s.", name=category.name, site=site["site_name"]
    )
    return {
        "linked_data": [breadcrumb_list(category.lineage())],
        "description": shorten(category.description or fallback, DESCRIPTION_LIMIT),
        "preview": picture(newest) if newest is not None else emblem(),
    }
