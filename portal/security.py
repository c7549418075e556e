"""Protective response headers (CSP without inline script, nosniff, referrer, HSTS) and cookie flags."""

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


def set_lasting_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    """A cookie of the site's own that outlives the session: HttpOnly, SameSite=Lax, Secure as configured."""
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    response.set_cookie(name, value, max_age=max_age, secure=secure, httponly=True, samesite="Lax")


def add_security_headers(response: Response, hsts: bool) -> Response:
    """Set the headers every response carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if hsts:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def register(app: Flask) -> None:
    """Attach the headers to every response of the app."""
    hsts = app.config["ENV_NAME"] == "production" and app.config["SESSION_COOKIE_SECURE"]

    @app.after_request
    def _headers(response: Response) -> Response:
        return add_security_headers(response, hsts)
