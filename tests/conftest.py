"""Shared fixtures: an app per test on SQLite or PostgreSQL, clients, and a movable clock."""

import contextvars
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

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


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(tmp_path, clock):
    app = create_app(
        {"MEDIA_DIR": str(tmp_path / "media"), "CLOCK": clock, "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/"}
    )
    app.test_client_class = IsolatedClient
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
