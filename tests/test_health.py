"""/healthz and /readyz, as a load balancer or a monitoring script sees them."""

import os
import socket

import pytest
import sqlalchemy as sa

from portal.extensions import db, limiter
from portal.models import UserSession
from tests.factories import make_user
from tests.outage import app_with_removable_database


@pytest.fixture
def removable(tmp_path, clock):
    with app_with_removable_database(tmp_path, clock) as (app, outage):
        yield app, outage


def closed_port() -> int:
    """A local port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_machine_answer(response, status: int):
    assert response.status_code == status
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert_machine_answer(response, 200)
    assert response.json == {"status": "ok"}


def test_readyz_says_ready_when_the_database_answers(tmp_path, clock):
    with app_with_removable_database(tmp_path, clock, REDIS_URL=None) as (app, _outage):
        response = app.test_client().get("/readyz")
    assert_machine_answer(response, 200)
    assert response.json == {"status": "ok", "database": "ok", "redis": "not configured"}


def test_readyz_is_503_while_the_database_is_away_and_healthz_stays_200(removable):
    app, outage = removable
    client = app.test_client()
    outage.down()
    response = client.get("/readyz")
    assert_machine_answer(response, 503)
    assert response.json["status"] == "unavailable" and response.json["database"] == "down"
    assert client.get("/healthz").status_code == 200  # the process itself is fine: no restart wanted
    outage.up()
    assert client.get("/readyz").json == {"status": "ok", "database": "ok", "redis": "not configured"}


def test_redis_down_is_reported_but_the_portal_stays_ready(tmp_path, clock):
    with app_with_removable_database(tmp_path, clock, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0") as (app, _):
        response = app.test_client().get("/readyz")
    assert_machine_answer(response, 200)
    assert response.json == {"status": "ok", "database": "ok", "redis": "down"}


def test_redis_up_is_reported(tmp_path, clock):
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide Redis: .ci/run starts it and sets PORTAL_TEST_REDIS_URL")
        pytest.skip("no Redis (set PORTAL_TEST_REDIS_URL)")
    with app_with_removable_database(tmp_path, clock, REDIS_URL=url) as (app, _):
        response = app.test_client().get("/readyz")
    assert response.json == {"status": "ok", "database": "ok", "redis": "ok"}


def test_health_checks_never_count_as_activity_nor_touch_the_session(app, login, clock):
    person = make_user()
    db.session.commit()
    staff = login(person)
    record = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == person.id))
    seen = record.last_seen_at
    clock.advance(minutes=10)
    for path in ("/healthz", "/readyz", "/healthz"):
        assert_machine_answer(staff.get(path), 200)
    db.session.refresh(record)
    assert record.last_seen_at == seen and record.ended_at is None
    staff.get("/")  # whereas a page does count
    db.session.refresh(record)
    assert record.last_seen_at > seen


def test_health_checks_are_never_rate_limited(tmp_path, clock):
    try:
        with app_with_removable_database(tmp_path, clock, RATELIMIT_DEFAULT="3 per minute") as (app, _):
            client = app.test_client()
            answers = [client.get(path).status_code for path in ("/healthz", "/readyz") * 5]
            limited = [client.get("/login").status_code for _ in range(5)]
    finally:
        limiter.limit_manager.set_default_limits([])  # the limiter object is shared by every test app
    assert answers == [200] * 10
    assert 429 in limited  # the limit was in force for other pages
