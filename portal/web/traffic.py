"""What kind of request this is: a person's page or a script's call, activity or not, HTML or JSON,
from which address, for which page of a list.

One place decides, for the whole app, whether a request counts as the signed-in person's
activity (and so restarts the idle clock) and whether its answer is a page or JSON.
"""

from collections.abc import Callable
from urllib.parse import unquote, unquote_plus, urlsplit

from flask import abort, current_app, request

from portal.ids import parse_id

PASSIVE_ATTRIBUTE = "_portal_passive"
SCRIPT_ATTRIBUTE = "_portal_script"
# Endpoints under this prefix are the idle prompt's own calls: always JSON.
SCRIPT_PATH_PREFIX = "/session/"


def passive_request(view: Callable) -> Callable:
    """Mark a page that never counts as the person's activity (the sign-in page, the language switch)."""
    setattr(view, PASSIVE_ATTRIBUTE, True)
    return view


def background_request(view: Callable) -> Callable:
    """Mark a script's call (status poll, autosave, presence, health): JSON, and never activity."""
    setattr(view, PASSIVE_ATTRIBUTE, True)
    setattr(view, SCRIPT_ATTRIBUTE, True)
    return view


def _current_view() -> Callable | None:
    return current_app.view_functions.get(request.endpoint or "")


def is_passive_request() -> bool:
    """Whether the current request is marked as not being the person's activity."""
    return bool(getattr(_current_view(), PASSIVE_ATTRIBUTE, False))


def is_script_request() -> bool:
    """Whether the current request is one of the site's own scripts' calls (they always speak JSON)."""
    return request.path.startswith(SCRIPT_PATH_PREFIX) or bool(getattr(_current_view(), SCRIPT_ATTRIBUTE, False))


def prefers_json() -> bool:
    """Whether the Accept header ranks JSON above HTML; `*/*`, none, and every browser's header mean HTML."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"], "text/html") == "application/json"


def wants_json() -> bool:
    """Whether the answer (an error, a refusal) should be JSON rather than a page."""
    return is_script_request() or prefers_json()


def local_target(location: str) -> str:
    """The path and query of a redirect's Location, decoded, to compare with current_target()."""
    parts = urlsplit(location)
    return unquote(parts.path) + (f"?{unquote_plus(parts.query)}" if parts.query else "")


def current_target() -> str:
    """The path and query of the current request, decoded, in the form local_target gives."""
    query = unquote_plus(request.query_string.decode("latin-1"))
    return request.path + (f"?{query}" if query else "")


def json_body(max_bytes: int) -> object | None:
    """The request's JSON, or None when it is not JSON or nested too deeply to read; 413 past max_bytes."""
    if (request.content_length or 0) > max_bytes:
        abort(413)
    try:
        return request.get_json(silent=True)
    except RecursionError:  # thousands of nested arrays: not something a script of ours sends
        return None


def client_address() -> str:
    """The client's address (ProxyFix, when configured, has already put the real one here)."""
    return request.remote_addr or ""


def requested_page() -> int:
    """The ?page= number; anything that is not a sensible page number is a 404."""
    page = parse_id(request.args.get("page", "1"))
    if page is None:
        abort(404)
    return page
