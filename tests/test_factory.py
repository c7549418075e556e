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


@pytest.mark.parametrize(
    "env, message",
    [
        ({"PORTAL_CONFIG": "staging"}, "PORTAL_CONFIG must be one of"),
        ({"PORTAL_CONFIG": "development", "PORTAL_IDLE_TIMEOUT": "soon"}, "PORTAL_IDLE_TIMEOUT must be a whole number"),
        ({"PORTAL_CONFIG": "development", "PORTAL_IDLE_TIMEOUT": "10"}, "between 120 and 86400"),
        ({"PORTAL_CONFIG": "development", "PORTAL_DEFAULT_LOCALE": "fr"}, "PORTAL_DEFAULT_LOCALE"),
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
