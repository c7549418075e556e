"""What the application's URL map says: the first path segments its routes own, and the pages
that are the same for every anonymous reader (which caches may keep)."""

from collections.abc import Callable

from flask import Flask

SHARED_ATTRIBUTE = "_portal_shared"


def shared_page(view: Callable) -> Callable:
    """Mark a public page that every anonymous reader gets alike: the page cache may keep it."""
    setattr(view, SHARED_ATTRIBUTE, True)
    return view


def is_shared_page(view: Callable | None) -> bool:
    """Whether the view is marked with shared_page."""
    return bool(getattr(view, SHARED_ATTRIBUTE, False))


def first_segment(path: str) -> str:
    """The first segment of a path or rule ("/admin/users" -> "admin", "/" -> "")."""
    return path[1:].split("/", 1)[0] if path.startswith("/") else ""


def route_segments(app: Flask, keep: Callable[[str], bool] = lambda endpoint: True) -> frozenset[str]:
    """The literal first segments of the app's rules whose endpoint `keep` accepts (variables left out)."""
    segments = (first_segment(rule.rule) for rule in app.url_map.iter_rules() if keep(rule.endpoint))
    return frozenset(segment for segment in segments if segment and "<" not in segment)


def shared_endpoints(app: Flask) -> frozenset[str]:
    """The endpoints whose views are marked with shared_page."""
    return frozenset(endpoint for endpoint, view in app.view_functions.items() if is_shared_page(view))


def private_segments(app: Flask) -> frozenset[str]:
    """First segments under which no page is shared: the page cache need not even look there."""
    shared = shared_endpoints(app)
    return route_segments(app) - route_segments(app, lambda endpoint: endpoint in shared)
