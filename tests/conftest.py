"""Shared fixtures: an app per test on SQLite or PostgreSQL, clients, and a movable clock."""

import contextlib
import contextvars
import os
import shutil
import threading
import uuid
import weakref
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from portal import create_app
from portal.content.sessions import open_session
from portal.extensions import db

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, g and database session,
    as it would in production, although the test itself holds an app context open."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()  # the test sees what the request committed
        return response


class Clock:
    """A clock the tests move by hand; the app reads it through config["CLOCK"]."""

    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> datetime:
        """Move forward by a timedelta's keyword arguments."""
        self.current += timedelta(**delta)
        return self.current


_engines_in_use: "weakref.WeakSet[sa.engine.Engine]" = weakref.WeakSet()


@sa.event.listens_for(sa.engine.Engine, "engine_connect")
def _remember_engine(connection) -> None:
    _engines_in_use.add(connection.engine)


@pytest.fixture(autouse=True)
def _close_idle_connections():
    """After each test, close the idle pooled connections of every PostgreSQL app it made: pools
    left to the garbage collector pile up until the server refuses new clients. (SQLite's are
    left alone: closing an in-memory database's one connection would erase a module's site.)"""
    yield
    for engine in list(_engines_in_use):
        if engine.dialect.name != "sqlite":
            engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(request, tmp_path, clock):
    overrides = {"MEDIA_DIR": str(tmp_path / "media"), "CLOCK": clock, "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/"}
    if request.node.get_closest_marker("uncached"):
        overrides["PAGE_CACHE"] = False  # what a render costs, not what the page cache saves
    app = create_app(overrides)
    app.test_client_class = IsolatedClient
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def statements_of(app):
    """statements_of(client, path) -> (response, [(sql, parameters), ...]) of one GET request."""

    def run(client, path: str):
        seen: list[tuple[str, object]] = []
        listener = lambda conn, cursor, sql, parameters, *rest: seen.append((sql, parameters))  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = client.get(path)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
        return response, seen

    return run


@pytest.fixture
def login(app, clock):
    """login(user) returns a test client signed in as that user through a session record."""

    def make_client(user):
        client = app.test_client()
        open_session_for(client, user, clock())
        return client

    return make_client


def open_session_for(client, user, now):
    """Open a server-side session for the user and put its token in the client's cookie."""
    record, token = open_session(user, "127.0.0.1", "pytest", now)
    db.session.commit()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = token
        cookie["_fresh"] = True
    return record


# --- Browser tests: Playwright driving Debian's Chromium against a live server -----------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


def _find_chromium() -> str | None:
    path = os.environ.get("CHROMIUM_PATH")
    if path:
        return path if os.access(path, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = _find_chromium()


def pytest_collection_modifyitems(config, items):
    """Every test that uses a browser page carries the `browser` marker."""
    for item in items:
        if {"page", "context", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium: .ci/run installs it from Debian's packages")
        pytest.skip("no system Chromium (apt-get install chromium, or set CHROMIUM_PATH)")
    home = str(tmp_path_factory.mktemp("chromium-home"))
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
        "env": {**os.environ, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home},
    }


@contextlib.contextmanager
def app_for_a_server(root: Path, clock: Clock):
    """An app on a file database under root (or PostgreSQL) that a server thread and the test
    share, with its app context pushed and its tables created, then dropped."""
    url = os.environ.get("PORTAL_DATABASE_URL") or f"sqlite:///{root / 'live.db'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "MEDIA_DIR": str(root / "media"),
            "CLOCK": clock,
            "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@contextlib.contextmanager
def serving(app):
    """The app served on a free loopback port by a thread; gives its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def live_app(tmp_path, clock):
    """An app on a file database (or PostgreSQL) that a server thread and the test share."""
    with app_for_a_server(tmp_path, clock) as app:
        yield app


@pytest.fixture
def live_server(live_app):
    """The live app served on a free loopback port; yields its base URL."""
    with serving(live_app) as base:
        yield base


@pytest.fixture(autouse=True)
def _short_expect_timeout():
    from playwright.sync_api import expect

    expect.set_options(timeout=5_000)


# --- The NukeViet import: an old site in a real MariaDB ----------------------------------


@pytest.fixture
def mysql_url() -> str:
    """PORTAL_TEST_MYSQL_URL (mysql+pymysql://...); skipped without it, except under CI=true."""
    url = os.environ.get("PORTAL_TEST_MYSQL_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide MariaDB: .ci/run starts it and sets PORTAL_TEST_MYSQL_URL")
        pytest.skip("no MariaDB (set PORTAL_TEST_MYSQL_URL=mysql+pymysql://user:pass@127.0.0.1/db)")
    return url


@pytest.fixture
def nukeviet_site(mysql_url, tmp_path):
    """An empty old site: its own table prefix in the test database, its own uploads/ folder."""
    from tests.nukeviet_site import NukevietSite

    site = NukevietSite(mysql_url, f"nv{uuid.uuid4().hex[:8]}", tmp_path / "uploads")
    site.uploads.mkdir()
    yield site
    site.drop_tables()
