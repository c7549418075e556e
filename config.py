"""Configuration classes; every setting can be given as a PORTAL_* environment variable."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'portal.db'}"
DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # noqa: S105  (refused in production)


def _env(name: str, default: str | None = None) -> str | None:
    """Return the PORTAL_-prefixed environment variable, or the default when unset or blank."""
    value = os.environ.get(f"PORTAL_{name}", "").strip()
    return value or default


def _env_flag(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = _env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def database_engine_options(url: str, options: dict, connect_timeout: int) -> dict:
    """The engine options for the database at url, so that no request waits long on a database that is gone.

    Args:
        url: the SQLAlchemy URL.
        options: SQLALCHEMY_ENGINE_OPTIONS as configured; its values win.
        connect_timeout: seconds a PostgreSQL connection attempt may take.
    Returns:
        The options, plus for PostgreSQL a connect timeout, TCP keep-alives (a vanished server
        is noticed within about 25 s even mid-query) and a bounded wait for a pooled connection.
    """
    if not url.startswith("postgresql"):
        return dict(options)
    connect_args = {
        "connect_timeout": connect_timeout,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": 25_000,  # ms: sent data never acknowledged (server gone) ends the wait
        "application_name": "portal",
        **options.get("connect_args", {}),
    }
    return {"pool_timeout": 10, **options, "connect_args": connect_args}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = _env("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL", DEFAULT_DATABASE_URI)
    # Test each pooled connection before use and renew it every 30 minutes: after a database restart or a
    # firewall's idle cut, requests get a fresh connection instead of an error.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_recycle": 1800}
    DATABASE_CONNECT_TIMEOUT = _env("DATABASE_CONNECT_TIMEOUT", "3")
    REDIS_URL = _env("REDIS_URL")
    MEDIA_DIR = _env("MEDIA_DIR", str(INSTANCE_DIR / "media"))
    # Kept as text here so that importing config never raises; create_app validates them.
    IDLE_TIMEOUT = _env("IDLE_TIMEOUT")  # unset: the idle policy's default (portal/content/sessions.py)
    SESSION_LIFETIME = _env("SESSION_LIFETIME", "43200")
    MAX_UPLOAD_MB = _env("MAX_UPLOAD_MB", "10")
    PROXY_HOPS = _env("PROXY_HOPS", "0")
    DEFAULT_LOCALE = _env("DEFAULT_LOCALE", "vi")
    TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_DEFAULT_LOCALE = DEFAULT_LOCALE
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_flag("SECURE_COOKIES", False)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session; idle expiry is ours
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "moving-window"
    TEMPLATES_AUTO_RELOAD = False
    JSON_AS_ASCII = False
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    PAGE_CACHE = _env_flag("PAGE_CACHE", True)
    # Compress HTML, CSS, JS, XML and JSON in the app; off when nginx in front compresses.
    COMPRESS = _env_flag("COMPRESS", True)
    COMPRESS_ALGORITHM_STREAMING = ["zstd", "br", "gzip", "deflate"]  # static files too, for gzip-only clients
    PAGE_CACHE_SECONDS = _env("PAGE_CACHE_SECONDS", "300")
    PAGE_CACHE_MB = _env("PAGE_CACHE_MB", "64")
    MICROCACHE_SECONDS = _env("MICROCACHE_SECONDS", "10")


class DevelopmentConfig(Config):
    """`make run` on a laptop: SQLite under instance/, templates reloaded, no debugger."""

    TEMPLATES_AUTO_RELOAD = True


class TestingConfig(Config):
    """The test suite: in-memory SQLite unless PORTAL_DATABASE_URL names another database."""

    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MIGRATIONS = True  # tests upgrade empty databases through Flask-Migrate
    MEDIA_DIR = None  # each test app gets a temporary directory


class ProductionConfig(Config):
    """gunicorn behind nginx: secure cookies with the __Host- prefix, HSTS."""

    SESSION_COOKIE_SECURE = _env_flag("SECURE_COOKIES", True)
    ALLOW_PLAIN_HTTP = _env_flag("ALLOW_PLAIN_HTTP", False)  # a test machine without HTTPS, knowingly
    PROXY_HOPS = _env("PROXY_HOPS", "1")
    SESSION_COOKIE_NAME = "__Host-portal" if SESSION_COOKIE_SECURE else "portal"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
