"""The application factory and its configuration checks."""

import os
import subprocess
import sys

import pytest

from config import BASE_DIR, ProductionConfig
from portal import create_app


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_python("import wsgi", PORTAL_CONFIG="production")
    assert result.returncode != 0 and "PORTAL_SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key(tmp_path):
    result = run_python(
        "import wsgi; print(wsgi.app.config['ENV_NAME'], wsgi.app.config['SQLALCHEMY_DATABASE_URI'])",
        PORTAL_CONFIG="production",
        PORTAL_SECRET_KEY="k" * 64,
        PORTAL_DATABASE_URL=f"sqlite:///{tmp_path}/x.db",
        PORTAL_MEDIA_DIR=str(tmp_path / "media"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["production", f"sqlite:///{tmp_path}/x.db"]


def test_settings_come_from_portal_variables(tmp_path):
    result = run_python(
        "from portal import create_app; a = create_app('development'); "
        "print(a.config['IDLE_TIMEOUT'], a.config['MEDIA_DIR'], a.config['MAX_CONTENT_LENGTH'])",
        PORTAL_IDLE_TIMEOUT="900",
        PORTAL_MEDIA_DIR=str(tmp_path / "m"),
        PORTAL_MAX_UPLOAD_MB="5",
    )
    assert result.stdout.split() == ["900", str(tmp_path / "m"), str(6 * 1024 * 1024)], result.stderr


def test_an_unset_idle_timeout_is_the_idle_policy_s_default():
    result = run_python("from portal import create_app; print(create_app('development').config['IDLE_TIMEOUT'])")
    assert result.stdout.split() == ["1800"], result.stderr


@pytest.mark.parametrize(
    "env, message",
    [
        ({"PORTAL_CONFIG": "staging"}, "PORTAL_CONFIG must be one of"),
        ({"PORTAL_CONFIG": "development", "PORTAL_IDLE_TIMEOUT": "soon"}, "PORTAL_IDLE_TIMEOUT must be a whole number"),
        ({"PORTAL_CONFIG": "development", "PORTAL_IDLE_TIMEOUT": "10"}, "between 120 and 86400"),
        ({"PORTAL_CONFIG": "development", "PORTAL_DEFAULT_LOCALE": "fr"}, "PORTAL_DEFAULT_LOCALE"),
        (
            {"PORTAL_CONFIG": "development", "PORTAL_DATABASE_CONNECT_TIMEOUT": "0"},
            "PORTAL_DATABASE_CONNECT_TIMEOUT must be between 1 and 60",
        ),
    ],
)
def test_bad_settings_stop_the_start_with_a_clear_message(env, message):
    result = run_python("import wsgi", **env)
    assert result.returncode != 0 and message in result.stderr


def test_short_secret_key_is_refused_in_production():
    class Weak(ProductionConfig):
        SECRET_KEY = "short"
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(RuntimeError, match="at least 32 characters"):
        create_app(Weak)


def production_env(tmp_path, **env) -> dict:
    """A production start that is sound apart from what the test changes."""
    return {
        "PORTAL_CONFIG": "production",
        "PORTAL_SECRET_KEY": "k" * 64,
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        "PORTAL_MEDIA_DIR": str(tmp_path / "media"),
        **env,
    }


def test_production_refuses_cookies_over_plain_http_and_says_how_to_opt_out(tmp_path):
    result = run_python("import wsgi", **production_env(tmp_path, PORTAL_SECURE_COOKIES="0"))
    assert result.returncode != 0
    assert "PORTAL_SECURE_COOKIES is off" in result.stderr and "PORTAL_ALLOW_PLAIN_HTTP=1" in result.stderr


def test_a_plain_http_test_machine_starts_when_it_says_so(tmp_path):
    env = production_env(tmp_path, PORTAL_SECURE_COOKIES="0", PORTAL_ALLOW_PLAIN_HTTP="1")
    result = run_python("import wsgi; print(wsgi.app.config['SESSION_COOKIE_NAME'])", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portal"]
    assert "for a test machine only" in result.stderr


def test_production_refuses_debug_mode_and_names_every_problem_at_once(tmp_path):
    env = production_env(tmp_path, PORTAL_SECRET_KEY="short", FLASK_DEBUG="1", PORTAL_SECURE_COOKIES="0")
    result = run_python("import wsgi", **env)
    assert result.returncode != 0
    for problem in ("PORTAL_SECRET_KEY must be set", "debug mode is on", "PORTAL_SECURE_COOKIES is off"):
        assert problem in result.stderr


def test_production_on_sqlite_starts_with_a_warning(tmp_path):
    result = run_python("import wsgi", **production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "PORTAL_DATABASE_URL is SQLite" in result.stderr


def test_production_refuses_test_settings():
    class Careless(ProductionConfig):
        SECRET_KEY = "x" * 48
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        WTF_CSRF_ENABLED = False

    with pytest.raises(RuntimeError, match="WTF_CSRF_ENABLED is off"):
        create_app(Careless)
