"""Template filters and the context every page shares."""

from datetime import datetime
from zoneinfo import ZoneInfo

import flask_babel
import sqlalchemy as sa
from flask import Flask, current_app, g
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from portal import clock
from portal.content.search import highlight, snippet
from portal.content.settings import DEFAULTS, load_settings
from portal.content.workflow import is_scheduled
from portal.errors import (
    DatabaseUnavailable,
    database_known_down,
    is_outage,
    note_database_down,
    rollback_quietly,
    showing_error_page,
)
from portal.extensions import db
from portal.links import article_url, media_srcset, media_url
from portal.models import Category


def local_time(value: datetime | None) -> datetime | None:
    """Convert an aware UTC datetime to the portal's time zone."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def content_lang() -> Markup:
    """` lang="vi"` for the site's own texts when the interface speaks another language, else nothing."""
    content = current_app.config["DEFAULT_LOCALE"]
    if str(get_locale() or content) == content:
        return Markup("")
    return Markup(' lang="%s"') % content


def _in_english() -> bool:
    """Whether the page is being shown in English (dates then read "02 Mar 2026")."""
    locale = get_locale()
    return locale is not None and locale.language == "en"


def format_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Vietnam time; "02 Mar 2026 08:30" (same zone) in English."""
    if value is not None and _in_english():
        return flask_babel.format_datetime(value, "dd MMM yyyy HH:mm")  # BABEL_DEFAULT_TIMEZONE is TIMEZONE
    local = local_time(value)
    return local.strftime("%d/%m/%Y %H:%M") if local else ""


def format_date(value: datetime | None) -> str:
    """dd/mm/yyyy in Vietnam time; "02 Mar 2026" (same zone) in English."""
    if value is not None and _in_english():
        return flask_babel.format_date(value, "dd MMM yyyy")
    local = local_time(value)
    return local.strftime("%d/%m/%Y") if local else ""


def current_settings() -> dict[str, str]:
    """The site settings, read once per request; the defaults when the database is down."""
    if "site_settings" not in g:
        if database_known_down():
            return dict(DEFAULTS)
        try:
            g.site_settings = load_settings()
        except SQLAlchemyError as error:
            rollback_quietly()
            if is_outage(error):
                note_database_down(error)
            g.site_settings = dict(DEFAULTS)
    return g.site_settings


def layout_categories() -> list[Category]:
    """Every category in menu order. With the database down: none on an error page, else the 503."""
    if not database_known_down():
        try:
            return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)))
        except SQLAlchemyError as error:
            rollback_quietly()
            if is_outage(error):
                note_database_down(error)
            if not showing_error_page():
                raise
            return []
    if showing_error_page():
        return []
    raise DatabaseUnavailable()  # a page without its menu would look fine and be wrong


def site_context() -> dict:
    """Settings and categories, loaded once per request (see layout_categories when the database is down)."""
    if "site_context" not in g:
        settings = current_settings()
        categories = layout_categories()
        g.site_context = {
            "site": settings,
            "all_categories": categories,
            "nav_categories": [c for c in categories if c.parent_id is None],
        }
    return g.site_context


def register(app: Flask) -> None:
    """Install filters and the context processor."""
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["date"] = format_date
    # Whole seconds: HTML's <time datetime> takes at most three digits of a fraction.
    app.jinja_env.filters["isodate"] = lambda v: v.isoformat(timespec="seconds") if v else ""
    app.jinja_env.tests["scheduled"] = is_scheduled
    app.jinja_env.globals.update(
        article_url=article_url,
        media_url=media_url,
        media_srcset=media_srcset,
        now_utc=clock.now,
        highlight=highlight,
        snippet=snippet,
        current_locale=lambda: str(get_locale() or current_app.config["DEFAULT_LOCALE"]),
        content_lang=content_lang,
    )
    app.context_processor(site_context)
