"""Old NukeViet addresses: each answers 301 to the portal page it named, or the normal 404.

Every target is looked up by id or by slug (indexed), and built with url_for from what the
database holds, so no part of the request can steer the redirect off the site.
"""

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, request, url_for

from portal import clock
from portal.content import published
from portal.content.categories import resolve_redirect
from portal.content.nukeviet.addresses import imported_picture
from portal.extensions import db
from portal.legacy.addresses import PREFIXES, OldAddress, is_plain, read_address
from portal.links import article_url
from portal.models import Category, Tag
from portal.templating import site_context

bp = Blueprint("legacy", __name__)


def find_category(alias: str) -> Category | None:
    """The category with this slug (NukeViet's alias) or the one an old slug moved to."""
    found = next((c for c in site_context()["all_categories"] if c.slug == alias), None)
    return found or resolve_redirect(alias)


def _paged(page: int) -> dict:
    """The ?page= argument of a listing's later pages."""
    return {"page": page} if page > 1 else {}


def target_url(address: OldAddress) -> str | None:
    """The portal address of what the old one named, or None when there is no such thing now."""
    if address.kind == "home":
        return url_for("public.home")
    if address.kind in ("article", "print"):
        found = published.get_visible_article(address.article_id, clock.now())
        if found is None:
            return None
        return article_url(found) if address.kind == "article" else url_for("public.print_article", article_id=found.id)
    if address.kind == "tag":
        found = db.session.scalar(sa.select(Tag).where(Tag.slug == address.key[:100]))
        return url_for("public.tag", tag_slug=found.slug, **_paged(address.page)) if found else None
    if address.kind == "rss" and not address.key:
        return url_for("feeds.site_rss")
    category = find_category(address.key)
    if category is None:
        return None
    if address.kind == "rss":
        return url_for("feeds.category_rss", category_slug=category.slug)
    return url_for("public.category", category_slug=category.slug, **_paged(address.page))


def moved_to(address: OldAddress | None):
    """The 301 answer for an address that was read, or 404."""
    target = target_url(address) if address and is_plain(address.key) else None
    if target is None:
        abort(404)
    return redirect(target, code=301)


def old_address(rest: str = ""):
    """/index.php?..., /index.php/..., /vi/..., /news/...: NukeViet's own prefixes."""
    return moved_to(read_address(request.path, request.args))


for prefix in PREFIXES:
    bp.add_url_rule(f"/{prefix}", view_func=old_address, strict_slashes=False, endpoint="old_address")
    bp.add_url_rule(f"/{prefix}/<path:rest>", view_func=old_address, endpoint="old_address")


# With the module left out (rewrite_op_mod), articles and categories already have the portal's
# shape (/<cat>/<alias>-<id>.html, /<cat>/); these are the others.
bp.add_url_rule("/print/<path:rest>", view_func=old_address, endpoint="old_address")


@bp.get("/<category_slug>/page-<int:number>/", strict_slashes=False)
def category_page(category_slug: str, number: int):
    return moved_to(OldAddress("category", category_slug, page=number))


@bp.get("/tag/<tag_slug>/page-<int:number>", strict_slashes=False)
def tag_page(tag_slug: str, number: int):
    return moved_to(OldAddress("tag", tag_slug, page=number))


@bp.get("/rss/", strict_slashes=False)
def site_rss():
    return moved_to(OldAddress("rss"))


@bp.get("/rss/<category_slug>/", strict_slashes=False)
def category_rss(category_slug: str):
    return moved_to(OldAddress("rss", category_slug))


@bp.get("/uploads/<path:path>")
def old_upload(path: str):
    """A picture's address on the old NukeViet site: 301 to the picture it became, else 404."""
    filename = imported_picture(path)
    if filename is None:
        abort(404)
    return redirect(url_for("public.media", filename=filename), 301)
