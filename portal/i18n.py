"""Language choice: GET /lang/<code> remembers the reader's language in a cookie, not a session."""

from flask import Blueprint, abort, redirect, request, url_for

from portal import SUPPORTED_LOCALES
from portal.auth.redirects import safe_next
from portal.security import set_lasting_cookie
from portal.traffic import passive_request

COOKIE_NAME = "portal_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: readers choose once

bp = Blueprint("i18n", __name__)


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
