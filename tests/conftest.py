"""Shared fixtures: an app per test on SQLite or PostgreSQL, clients, and a movable clock."""

from datetime import UTC, datetime, timedelta

import pytest
from flask_login import FlaskLoginClient

from portal import create_app
from portal.extensions import db

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội


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
    app = create_app({"MEDIA_DIR": str(tmp_path / "media"), "CLOCK": clock})
    app.test_client_class = FlaskLoginClient
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
def login(app):
    """login(user) returns a test client already signed in as that user."""

    def make_client(user):
        return app.test_client(user=user)

    return make_client
