"""Error pages in the site's layout, never a traceback."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.extensions import db

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


def wants_json() -> bool:
    """Whether the client asked for JSON rather than a page."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.is_json or best == "application/json"


def error_response(code: int, message: str | None = None):
    """Render the error page (or JSON) for the status code."""
    text = message or str(MESSAGES.get(code, MESSAGES[500]))
    if wants_json():
        return jsonify(error=text, status=code), code
    return render_template("errors/error.html", code=code, message=text), code


def audit_refusal(action: str) -> None:
    """Record a refused request (authorization or CSRF failure) without ever failing."""
    from flask_login import current_user

    from portal.content import audit

    try:
        actor = current_user if current_user.is_authenticated else None
        audit.record(action, actor, target=f"{request.method} {request.path}"[:200], ip=request.remote_addr or "")
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()


def register(app: Flask) -> None:
    """Install the handlers."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code == 403:
            audit_refusal("access.denied")
        response = error_response(error.code)
        if error.code == 405 and error.valid_methods:
            body, code = response
            return body, code, {"Allow": ", ".join(error.valid_methods)}
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        audit_refusal("csrf.failure")
        return error_response(
            400, _("Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.")
        )

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        db.session.rollback()
        app.logger.error("database unavailable: %s", error.orig)
        return error_response(503)

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        db.session.rollback()
        return error_response(500)
