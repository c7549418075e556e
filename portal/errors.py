"""Error pages in the site's layout, never a traceback; a database that is down answers 503.

While the database is down every request answers the 503 page (JSON for scripts) with a
Retry-After header, and service resumes by itself when it is back: the pool tests each
connection before use (pool_pre_ping), so nothing needs a restart. The handlers never raise:
when the layout itself cannot be drawn, a plain page is sent instead.
"""

from flask import Flask, Response, current_app, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from portal.extensions import db
from portal.web.traffic import wants_json

MESSAGES = {
    400: _l("Yêu cầu không hợp lệ."),
    403: _l("Bạn không có quyền xem trang này."),
    404: _l("Không tìm thấy trang bạn yêu cầu."),
    405: _l("Phương thức không được hỗ trợ cho địa chỉ này."),
    413: _l("Tệp tải lên quá lớn."),
    429: _l("Bạn đã thử quá nhiều lần. Vui lòng chờ rồi thử lại."),
    500: _l("Đã có lỗi xảy ra. Chúng tôi đã ghi nhận và sẽ khắc phục."),
    503: _l("Hệ thống đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút."),
}
RETRY_AFTER_SECONDS = 60
# Connection refused or lost, and no pooled connection free in time: the database, not the code.
OUTAGE_ERRORS = (OperationalError, InterfaceError, PoolTimeoutError)


def redis_errors(app: Flask) -> tuple[type[BaseException], ...]:
    """Redis's connection failures, when Redis is configured (a worker without it never loads the client)."""
    if not app.config.get("REDIS_URL"):
        return ()
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (RedisConnectionError, RedisTimeoutError)


# The last resort, when even the layout fails: no template, no database, no translation.
PLAIN_PAGE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{code}</title></head>'
    "<body><h1>{code}</h1><p>Hệ thống đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.</p>"
    '<p lang="en">The service is temporarily unavailable. Please try again in a few minutes.</p>'
    '<p><a href="/">Trang chủ / Home</a></p></body></html>'
)


class DatabaseUnavailable(ServiceUnavailable):
    """The database cannot be reached: the request answers the 503 page."""


def is_outage(error: BaseException | None) -> bool:
    """Whether the error means the database cannot be reached now (rather than a bug in a query)."""
    if isinstance(error, (*OUTAGE_ERRORS, DatabaseUnavailable)):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def note_database_down(error: BaseException) -> None:
    """Remember, for the rest of this request, that the database is down: fallbacks stop trying.

    A person loaded before the outage cannot be refreshed any more: Flask-Login is made to ask
    the loader again, which then answers "nobody", so the page is drawn as for a reader.
    """
    g.database_down = str(getattr(error, "orig", None) or error) or type(error).__name__
    g.pop("_login_user", None)


def database_known_down() -> bool:
    """Whether this request has already found the database down."""
    return bool(g.get("database_down"))


def showing_error_page() -> bool:
    """Whether an error page is being drawn (the layout then falls back instead of failing)."""
    return bool(g.get("showing_error_page"))


def rollback_quietly() -> None:
    """Give the connection back after a failure; a dead connection must not raise here too."""
    try:
        db.session.rollback()
    except Exception:  # noqa: S110  (the session is discarded at teardown anyway)
        pass


def render_error_page(code: int, text: str) -> str:
    """The error page in the layout; if the database fails while drawing it, again without it."""
    try:
        return render_template("errors/error.html", code=code, message=text)
    except Exception as error:
        if not is_outage(error):
            raise
        rollback_quietly()
        note_database_down(error)
        return render_template("errors/error.html", code=code, message=text)


def error_response(code: int, message: str | None = None) -> Response:
    """Render the error page (or JSON) for the status code; never raises."""
    g.showing_error_page = True
    try:
        text = message or str(MESSAGES.get(code, MESSAGES[500]))
        if wants_json():
            response = jsonify(error=text, status=code)
        else:
            response = make_response(render_error_page(code, text))
    except Exception:
        current_app.logger.exception("the error page for %s could not be drawn", code)
        rollback_quietly()
        response = Response(PLAIN_PAGE.format(code=code), mimetype="text/html")
    response.status_code = code
    if code >= 500:
        response.headers["Cache-Control"] = "no-store"  # nginx and browsers must not keep an outage
    if code == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_down_response(error: BaseException) -> Response:
    """The 503 answer for a database that cannot be reached, logged without a traceback."""
    rollback_quietly()
    if not database_known_down():
        note_database_down(error)
    current_app.logger.error("database unavailable: %s", g.database_down)
    return error_response(503)


def redis_down_response(error: BaseException) -> Response:
    """The 503 answer when Redis cannot be reached by a view that needs it."""
    current_app.logger.error("redis unavailable: %s", error)
    return error_response(503)


def audit_refusal(action: str) -> None:
    """Record a refused request (authorization or CSRF failure) without ever failing."""
    from flask_login import current_user

    from portal.content import audit

    try:
        actor = current_user if current_user.is_authenticated else None
        audit.record_repeated(
            action, actor, target=f"{request.method} {request.path}"[:200], ip=request.remote_addr or ""
        )
        db.session.commit()
    except SQLAlchemyError:
        rollback_quietly()


def register(app: Flask) -> None:
    """Install the handlers."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if isinstance(error, DatabaseUnavailable):
            return database_down_response(error)
        if error.code == 403:
            audit_refusal("access.denied")
        response = error_response(error.code)
        if error.code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        audit_refusal("csrf.failure")
        return error_response(
            400, _("Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.")
        )

    for outage in OUTAGE_ERRORS:
        app.register_error_handler(outage, database_down_response)
    redis_outages = redis_errors(app)
    for outage in redis_outages:
        app.register_error_handler(outage, redis_down_response)

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        if is_outage(error.original_exception):  # e.g. raised in an after_request step
            return database_down_response(error.original_exception)
        if isinstance(error.original_exception, redis_outages):
            return redis_down_response(error.original_exception)
        rollback_quietly()
        return error_response(500)
