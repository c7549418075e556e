"""How files travel: static URLs that carry their content's hash, and compressed answers.

- Every `url_for("static", ...)` gets `?v=<hash of the file>`. A request with the current
  hash may be kept a year, unchanged (`immutable`), by browsers and proxies, for everyone,
  signed in or not; a request without it, or with an old one, is revalidated each time.
  A new release changes the hash of what changed, so nobody keeps an old stylesheet.
- Flask-Compress compresses HTML, CSS, JS, XML and JSON when PORTAL_COMPRESS is on (the
  default); turn it off when nginx in front compresses. The page cache keeps one copy per
  encoding, chosen by the same rule (`page_encoding`).
"""

import hashlib
import os
import threading

from flask import Flask, Response, request
from flask_compress.flask_compress import _choose_algorithm  # the library's own choice, so cache and it agree

from portal.extensions import compress

YEAR_SECONDS = 365 * 24 * 3600
VERSION_LENGTH = 12


class StaticVersions:
    """Content hashes of the static files, recomputed only when a file's size or time changes."""

    def __init__(self, folder: str) -> None:
        self.folder = os.path.realpath(folder)
        self._known: dict[str, tuple[int, int, str]] = {}
        self._lock = threading.Lock()

    def version(self, filename: str) -> str | None:
        """The hash of static/<filename>, or None when there is no such file under the folder."""
        path = os.path.realpath(os.path.join(self.folder, filename))
        if not path.startswith(self.folder + os.sep):
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        known = self._known.get(filename)
        if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return known[2]
        digest = self._digest(path)
        with self._lock:
            self._known[filename] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest

    @staticmethod
    def _digest(path: str) -> str:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()[:VERSION_LENGTH]


def register_static_versions(app: Flask) -> None:
    """Add ?v=<hash> to static URLs and answer versioned requests with a year's caching."""
    versions = StaticVersions(app.static_folder or "static")
    app.extensions["static_versions"] = versions

    @app.url_defaults
    def add_static_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values and "filename" in values:
            version = versions.version(values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def cache_static_files(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        current = versions.version((request.view_args or {}).get("filename", ""))
        if current and request.args.get("v") == current:
            response.headers["Cache-Control"] = f"public, max-age={YEAR_SECONDS}, immutable"
        else:
            response.headers["Cache-Control"] = "public, no-cache"  # an old or missing version: ask each time
        return response


def register_compression(app: Flask) -> None:
    """Compress text answers with Flask-Compress unless PORTAL_COMPRESS is off."""
    app.config["COMPRESS_REGISTER"] = bool(app.config["COMPRESS"])
    compress.init_app(app)


def page_encoding(app: Flask, accept_encoding: str) -> str:
    """The Content-Encoding Flask-Compress gives a whole page for this Accept-Encoding, '-' for none."""
    if not app.config["COMPRESS"]:
        return "-"
    algorithms = app.config["COMPRESS_ALGORITHM"]
    if isinstance(algorithms, str):
        algorithms = algorithms.split(",")
    return _choose_algorithm(tuple(a.strip().lower() for a in algorithms), accept_encoding[:200]) or "-"
