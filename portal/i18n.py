"""Language choice: the supported languages, the locale of each request, and GET /lang/<code>,
which remembers the reader's language in a cookie, not a session."""

from flask import Blueprint, abort, current_app, redirect, request, session, url_for

from portal.security import set_lasting_cookie
from portal.templating import current_settings
from portal.web.redirects import safe_next
from portal.web.traffic import passive_request

# Each language under its own name, as its readers write it (the language menus list these).
LOCALE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
SUPPORTED_LOCALES = tuple(LOCALE_NAMES)
COOKIE_NAME = "portal_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: readers choose once

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """The reader's chosen language (the portal_lang cookie, then the session), else the site's default."""
    for chosen in (request.cookies.get(COOKIE_NAME), session.get("lang")) if request else ():
        if chosen in SUPPORTED_LOCALES:
            return chosen
    site_default = current_settings().get("default_language") if request else None
    return site_default if site_default in SUPPORTED_LOCALES else current_app.config["DEFAULT_LOCALE"]


@bp.get("/lang/<code>")
@passive_request  # changing the language is no sign that the person is still at the desk
def choose(code):
    """Set the language cookie and go back to `next` (a local path only), else the home page.

    Anonymous readers get no Flask session from this: the choice lives in its own cookie.
    """
    if code not in SUPPORTED_LOCALES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for("public.home"))
    set_lasting_cookie(response, COOKIE_NAME, code, COOKIE_MAX_AGE)
    response.headers["Cache-Control"] = "no-store"
    return response
