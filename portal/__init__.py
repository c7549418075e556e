"""The portal application factory, made of small register_* steps."""

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from config import BASE_DIR, CONFIGS, DEV_SECRET_KEY, INSTANCE_DIR, Config, database_engine_options
from portal.extensions import babel, csrf, db, limiter, login_manager


def create_app(config: str | type[Config] | Mapping | None = None) -> Flask:
    """Build the application.

    Args:
        config: a name from config.CONFIGS, a Config class, or (in tests) a mapping of
            overrides applied on top of the testing configuration. None reads PORTAL_CONFIG,
            which defaults to "production".
    Returns:
        The configured Flask application.
    Raises:
        RuntimeError: the configuration is unsafe or malformed (for example production
            without a real secret key).
    """
    app = Flask(
        __name__,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    load_config(app, config)
    register_page_cache(app)
    register_proxy_fix(app)
    register_extensions(app)
    register_delivery(app)
    register_session_guard(app)
    register_view_counter(app)
    register_url_converters(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_security_headers(app)
    register_commands(app)
    register_shell_context(app)
    return app


def load_config(app: Flask, config: str | type[Config] | Mapping | None) -> None:
    """Apply the chosen configuration, then validate and normalize it."""
    overrides: Mapping = {}
    if isinstance(config, Mapping):
        overrides, config = config, "testing"
    if config is None:
        config = os.environ.get("PORTAL_CONFIG", "production")
    if isinstance(config, str):
        if config not in CONFIGS:
            raise RuntimeError(f"PORTAL_CONFIG must be one of {', '.join(CONFIGS)}, not {config!r}")
        config = CONFIGS[config]
    app.config.from_object(config)
    app.config["ENV_NAME"] = next((n for n, c in CONFIGS.items() if issubclass(config, c)), "custom")
    app.config.update(overrides)
    _validate_config(app)


def _as_int(app: Flask, key: str, low: int, high: int) -> int:
    """Turn a numeric setting into an int within bounds, or refuse to start."""
    try:
        value = int(app.config[key])
    except (TypeError, ValueError):
        raise RuntimeError(f"PORTAL_{key} must be a whole number, not {app.config[key]!r}") from None
    if not low <= value <= high:
        raise RuntimeError(f"PORTAL_{key} must be between {low} and {high}, not {value}")
    return value


def _validate_config(app: Flask) -> None:
    """Check what class bodies may not: numbers, secrets and directories."""
    _validate_idle_timeout(app)
    app.config["SESSION_LIFETIME"] = _as_int(app, "SESSION_LIFETIME", 60, 7 * 86_400)
    app.config["MAX_UPLOAD_MB"] = _as_int(app, "MAX_UPLOAD_MB", 1, 200)
    app.config["PROXY_HOPS"] = _as_int(app, "PROXY_HOPS", 0, 5)
    app.config["PAGE_CACHE_SECONDS"] = _as_int(app, "PAGE_CACHE_SECONDS", 1, 86_400)
    app.config["PAGE_CACHE_MB"] = _as_int(app, "PAGE_CACHE_MB", 1, 4096)
    app.config["MICROCACHE_SECONDS"] = _as_int(app, "MICROCACHE_SECONDS", 0, 3600)
    app.config["MAX_CONTENT_LENGTH"] = (app.config["MAX_UPLOAD_MB"] + 1) * 1024 * 1024
    _validate_locale(app)
    app.config["DATABASE_CONNECT_TIMEOUT"] = _as_int(app, "DATABASE_CONNECT_TIMEOUT", 1, 60)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = database_engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"],
        app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        app.config["DATABASE_CONNECT_TIMEOUT"],
    )
    if app.config["ENV_NAME"] == "production":
        _refuse_insecure_production(app)
    if not app.config.get("MEDIA_DIR"):
        app.config["MEDIA_DIR"] = tempfile.mkdtemp(prefix="portal-media-")
    Path(app.config["MEDIA_DIR"]).mkdir(parents=True, exist_ok=True)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith(f"sqlite:///{INSTANCE_DIR}"):
        INSTANCE_DIR.mkdir(exist_ok=True)


def _validate_idle_timeout(app: Flask) -> None:
    """PORTAL_IDLE_TIMEOUT in seconds within the idle policy's bounds; unset, the policy's default."""
    from portal.content.sessions import IDLE_POLICY

    if app.config.get("IDLE_TIMEOUT") is None:
        app.config["IDLE_TIMEOUT"] = IDLE_POLICY.default_seconds
    app.config["IDLE_TIMEOUT"] = _as_int(app, "IDLE_TIMEOUT", *IDLE_POLICY.config_bounds(app.testing))


def _validate_locale(app: Flask) -> None:
    """PORTAL_DEFAULT_LOCALE must be a supported language; Flask-Babel's default follows it."""
    from portal.i18n import SUPPORTED_LOCALES

    if app.config.get("DEFAULT_LOCALE") not in SUPPORTED_LOCALES:
        raise RuntimeError(f"PORTAL_DEFAULT_LOCALE must be one of {', '.join(SUPPORTED_LOCALES)}")
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LOCALE"]


def _refuse_insecure_production(app: Flask) -> None:
    """Start production only with settings fit for the internet; the error names every fix at once."""
    problems = []
    key = app.config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < 32:
        problems.append(
            "PORTAL_SECRET_KEY must be set to a random value of at least 32 characters in "
            'production (python -c "import secrets; print(secrets.token_hex(32))")'
        )
    if app.debug:
        problems.append("Flask's debug mode is on (FLASK_DEBUG=1 or --debug): unset FLASK_DEBUG")
    if app.testing or not app.config.get("WTF_CSRF_ENABLED", True):
        problems.append("TESTING is on or WTF_CSRF_ENABLED is off: remove these test settings")
    if not app.config["SESSION_COOKIE_SECURE"] and not app.config.get("ALLOW_PLAIN_HTTP"):
        problems.append(
            "PORTAL_SECURE_COOKIES is off, so sign-in cookies would travel unencrypted: serve the site "
            "over HTTPS and unset it, or on a test machine without HTTPS also set PORTAL_ALLOW_PLAIN_HTTP=1"
        )
    if problems:
        raise RuntimeError("Refusing to start in production. " + " ".join(f"{p}." for p in problems))
    if not app.config["SESSION_COOKIE_SECURE"]:
        app.logger.warning("PORTAL_ALLOW_PLAIN_HTTP: cookies are sent over plain HTTP; for a test machine only")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.logger.warning(
            "PORTAL_DATABASE_URL is SQLite: fine for one machine; use PostgreSQL for several machines "
            "or many editors at once"
        )


def register_page_cache(app: Flask) -> None:
    """Anonymous public pages from a cache in front of Flask (inside ProxyFix, which wraps it)."""
    from portal.cache import register
    from portal.i18n import SUPPORTED_LOCALES

    register(app, SUPPORTED_LOCALES)


def register_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-* from that many proxies (nginx), so client addresses are real."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    """Bind the extensions to the app and apply their settings."""
    from portal.i18n import LOCALE_NAMES, select_locale

    db.init_app(app)
    register_migrations(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["locale_names"] = LOCALE_NAMES  # the footer's language links
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"


def register_delivery(app: Flask) -> None:
    """Static URLs with their content's hash, kept a year; compressed answers (see portal.delivery)."""
    from portal.delivery import register_compression, register_static_versions

    register_static_versions(app)
    register_compression(app)


def register_migrations(app: Flask) -> None:
    """Flask-Migrate (`flask db ...`) for commands and tests, not for the web workers."""
    import click

    wanted = app.config.get("MIGRATIONS")
    if wanted is None:  # unset: wanted when the app is loaded by a `flask` command
        wanted = click.get_current_context(silent=True) is not None
    if not wanted:
        return
    from flask_migrate import Migrate

    from portal.models.base import include_migration_object, render_migration_item

    Migrate(
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_item,
        include_object=include_migration_object,
    ).init_app(app, db, directory=str(BASE_DIR / "migrations"))


def register_session_guard(app: Flask) -> None:
    """Server-side sessions with idle and absolute limits (see portal.auth.guard)."""
    from portal.auth.guard import register

    register(app)


def register_view_counter(app: Flask) -> None:
    """Article views counted in memory, or in Redis when PORTAL_REDIS_URL is set."""
    from portal.content.readership import MemoryViewCounter, RedisViewCounter

    if app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["REDIS_URL"], socket_timeout=0.5, decode_responses=True)
        app.extensions["view_counter"] = RedisViewCounter(client, app.config.get("THROTTLE_NAMESPACE", ""))
    else:
        app.extensions["view_counter"] = MemoryViewCounter()


def register_url_converters(app: Flask) -> None:
    """Ids beyond what the database holds, and segments with control characters, answer 404, not 500."""
    from portal.ids import BoundedIntConverter, SegmentConverter

    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = SegmentConverter


def register_blueprints(app: Flask) -> None:
    """Mount sign-in and the public site (the editor and admin areas under their prefixes)."""
    from portal.admin import bp as admin_bp
    from portal.auth import bp as auth_bp
    from portal.categories import bp as categories_bp
    from portal.editor import bp as editor_bp
    from portal.feeds import bp as feeds_bp
    from portal.health import bp as health_bp
    from portal.i18n import bp as i18n_bp
    from portal.legacy import bp as legacy_bp
    from portal.public import bp as public_bp

    app.register_blueprint(admin_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(categories_bp)
    app.register_blueprint(editor_bp)
    app.register_blueprint(i18n_bp)
    app.register_blueprint(feeds_bp)  # before public: its fixed paths win over /<slug>/
    app.register_blueprint(health_bp)  # /healthz and /readyz, before public too
    app.register_blueprint(legacy_bp)  # NukeViet's old addresses: /index.php, /vi/, /news/, page-N
    app.register_blueprint(public_bp)


def register_errorhandlers(app: Flask) -> None:
    """Answer errors with pages in the site's layout."""
    from portal.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and the context every page needs (site settings, navigation)."""
    from portal.templating import register

    register(app)


def register_security_headers(app: Flask) -> None:
    """Content-Security-Policy and the other protective headers on every response."""
    from portal.security import register

    register(app)


def register_commands(app: Flask) -> None:
    """The flask CLI commands."""
    from portal.cli import register

    register(app)


def register_shell_context(app: Flask) -> None:
    """Make db and the models available in `flask shell`."""
    from portal import models

    @app.shell_context_processor
    def shell_context() -> dict:
        return {"db": db, **{name: getattr(models, name) for name in models.__all__}}
