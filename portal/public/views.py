"""Views of the public site."""

import re
from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, render_template, request, send_from_directory, url_for

from portal import clock
from portal.content import published
from portal.content.categories import resolve_redirect
from portal.content.dates import parse_day
from portal.content.readership import reader_key, record_view
from portal.content.search import Filters, Query, find
from portal.content.settings import int_setting
from portal.extensions import db
from portal.links import article_url
from portal.models import Article, Category, Tag
from portal.public import structured_data
from portal.templating import site_context
from portal.web.routes import shared_page
from portal.web.traffic import passive_request, requested_page

bp = Blueprint("public", __name__)

ICON_SECONDS = 30 * 24 * 3600  # its address carries no version: a month, not the year ?v= files get
MEDIA_NAME = re.compile(r"^[0-9a-f]{32}(-\d{2,4})?\.(jpg|png)$")


def category_by_slug_or_404(slug: str) -> Category:
    """Find a category among those already loaded for the navigation."""
    for category in site_context()["all_categories"]:
        if category.slug == slug:
            return category
    abort(404)


@bp.get("/")
@shared_page
def home():
    now, settings = clock.now(), site_context()["site"]
    roots = site_context()["nav_categories"]
    featured = published.latest(now, 5, featured=True)
    exclude = {a.id for a in featured}
    latest = [
        a
        for a in published.latest(now, int_setting(settings, "home_latest_count") + len(exclude))
        if a.id not in exclude
    ]
    blocks = published.latest_by_root(roots, now, int_setting(settings, "home_block_count"))
    return render_template(
        "public/home.html",
        most_read=published.most_read(now, 5),
        featured=featured,
        latest=latest[: int_setting(settings, "home_latest_count")],
        blocks=[(root, blocks[root.id]) for root in roots if blocks[root.id]],
        **structured_data.home_page(settings, published.newest_picture(now)),
    )


@bp.get("/<category_slug>/")
@shared_page
def category(category_slug: str):
    moved = (
        None
        if any(c.slug == category_slug for c in site_context()["all_categories"])
        else resolve_redirect(category_slug)
    )
    if moved is not None:
        query = request.query_string.decode("ascii", "replace")
        return redirect(url_for("public.category", category_slug=moved.slug) + (f"?{query}" if query else ""), code=301)
    found = category_by_slug_or_404(category_slug)
    all_categories = site_context()["all_categories"]
    ids = published.category_ids_below(found, all_categories)
    per_page = int_setting(site_context()["site"], "page_size")
    page = published.category_page(ids, clock.now(), requested_page(), per_page)
    if page is None:
        abort(404)
    children = [c for c in all_categories if c.parent_id == found.id]  # already loaded, in menu order
    facts = structured_data.category_page(found, site_context()["site"], published.newest_picture(clock.now(), ids))
    return render_template("public/category.html", category=found, children=children, page=page, **facts)


@bp.get("/search")
def search():
    query = Query.parse(request.args.get("q", ""))
    all_categories = site_context()["all_categories"]
    chosen = next((c for c in all_categories if str(c.id) == request.args.get("category", "")), None)
    timezone = current_app.config["TIMEZONE"]
    start, end = parse_day(request.args.get("from"), timezone), parse_day(request.args.get("to"), timezone)
    page = None
    if query:
        per_page = int_setting(site_context()["site"], "page_size")
        filters = Filters(
            category_ids=tuple(published.category_ids_below(chosen, all_categories)) if chosen else (),
            published_from=start,
            published_before=end + timedelta(days=1) if end else None,
        )
        query, page = find(query, clock.now(), requested_page(), per_page, filters)
        if page is None and requested_page() > 1:
            abort(404)
    return render_template(
        "public/search.html", query=query, raw=request.args.get("q", "")[:200], page=page, chosen=chosen,
        date_from=request.args.get("from", "")[:20], date_to=request.args.get("to", "")[:20],
    )  # fmt: skip


@bp.get("/tag/<tag_slug>")
@shared_page
def tag(tag_slug: str):
    found = db.session.scalar(sa.select(Tag).where(Tag.slug == tag_slug[:100]))
    if found is None:
        abort(404)
    per_page = int_setting(site_context()["site"], "page_size")
    page = published.tag_page(found, clock.now(), requested_page(), per_page)
    if page is None or page.total == 0:  # a tag only drafts use must not confirm their topic
        abort(404)
    return render_template("public/tag.html", tag=found, page=page)


def visible_article_or_404(article_id: int) -> Article:
    """Load an article a reader may see now, or answer 404."""
    article = published.get_visible_article(article_id, clock.now())
    if article is None:
        abort(404)
    return article


@bp.get("/<category_slug>/<slug>-<int:article_id>.html")
@shared_page
def article(category_slug: str, slug: str, article_id: int):
    found = visible_article_or_404(article_id)
    if (category_slug, slug) != (found.category.slug, found.slug):
        return redirect(article_url(found), code=301)
    limit = int_setting(site_context()["site"], "related_count", high=20)
    newer, older = published.neighbours(found, clock.now(), limit)
    facts = structured_data.article_page(found, site_context()["site"])
    return render_template(
        "public/article.html", article=found, newer=newer, older=older, views=views_so_far(found), **facts
    )


def views_so_far(article: Article) -> int:
    """Count this reader's view (once per 30 minutes) and return the article's total."""
    counter = current_app.extensions["view_counter"]
    try:
        record_view(counter, article.id, reader_key(request.remote_addr or "", request.user_agent.string))
        return article.view_count + counter.pending(article.id)
    except Exception:  # a counter that is down must never break reading
        current_app.logger.warning("view counter unavailable", exc_info=True)
        db.session.rollback()
        return article.view_count


@bp.get("/print/<int:article_id>")
@shared_page
def print_article(article_id: int):
    return render_template("public/print.html", article=visible_article_or_404(article_id))


@bp.get("/media/<filename>")
def media(filename: str):
    if not MEDIA_NAME.match(filename):
        abort(404)
    response = send_from_directory(current_app.config["MEDIA_DIR"], filename, max_age=31_536_000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.get("/favicon.ico")
@passive_request  # a browser fetches it on its own: not the person's activity
def favicon():
    """The emblem as an icon (16, 32 and 48 px) where browsers and feed readers look without asking the page."""
    response = send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/x-icon")
    response.headers["Cache-Control"] = f"public, max-age={ICON_SECONDS}"
    return response
