"""/healthz says the process answers; /readyz says whether it can serve pages (the database).

Both are for machines (a load balancer, monitoring, a deploy script): they never load the
signed-in person, open a session, set a cookie, count as activity or hit the rate limiter,
and no cache keeps their answers. Redis is reported but never makes the portal unready:
without it the portal only loses its shared cache and counters, it does not fail.
"""

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db, limiter
from portal.web.traffic import background_request

bp = Blueprint("health", __name__)
REDIS_TIMEOUT = 0.5  # seconds: a readiness probe must answer quickly even when Redis hangs


def machine_answer(payload: dict, status: int = 200):
    """A JSON answer that no cache keeps."""
    response = jsonify(payload)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def database_status() -> str:
    """The database: "ok" when a short query succeeds on a pooled connection, else "down"."""
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as error:
        current_app.logger.warning("readiness: database unavailable: %s", getattr(error, "orig", None) or error)
        return "down"
    return "ok"


def redis_status() -> str:
    """Redis: "ok", "down", or "not configured" when PORTAL_REDIS_URL is unset."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "not configured"
    import redis  # only where Redis is configured: a worker without it never loads the client

    client = current_app.extensions.get("health_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT)
        current_app.extensions["health_redis"] = client
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    return "ok"


@bp.get("/healthz")
@limiter.exempt
@background_request
def healthz():
    return machine_answer({"status": "ok"})


@bp.get("/readyz")
@limiter.exempt
@background_request
def readyz():
    database = database_status()
    ready = database == "ok"
    payload = {"status": "ok" if ready else "unavailable", "database": database, "redis": redis_status()}
    return machine_answer(payload, 200 if ready else 503)
