"""Real servers for tests: free ports, waiting for a process to answer, gunicorn, stopping cleanly."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def require(tool: str | None, name: str) -> str:
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {name}: .ci/run installs it from Debian's packages")
        pytest.skip(f"no {name} (apt-get install {name})")
    return tool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Poll until ready() is true; fail early when the process has died."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not start within {timeout} s")
        time.sleep(0.1)


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def gunicorn_command() -> list[str]:
    script = Path(sys.executable).with_name("gunicorn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]


@contextlib.contextmanager
def gunicorn_site(folder: Path, **settings: str):
    """gunicorn with 2 workers serving tests/realtime_app.py (testing settings, real clock, CSRF on)
    on the test database; the schema is made here and this process keeps an app context on the
    same database for the test to look at. Yields the base URL."""
    from config import BASE_DIR
    from portal import create_app
    from portal.extensions import db

    url = os.environ.get("PORTAL_DATABASE_URL") or f"sqlite:///{folder / 'portal.db'}"
    schema = create_app({"SQLALCHEMY_DATABASE_URI": url, "MEDIA_DIR": str(folder / "media")})
    with schema.app_context():
        db.drop_all()
        db.create_all()
        db.session.remove()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_"))}
    env.update(
        PORTAL_CONFIG="testing",
        PORTAL_SECRET_KEY=secrets.token_hex(32),
        PORTAL_DATABASE_URL=url,
        PORTAL_MEDIA_DIR=str(folder / "media"),
        PORTAL_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        **settings,
    )
    log = (folder / "gunicorn.log").open("w")
    command = [*gunicorn_command(), "-c", "gunicorn.conf.py", "tests.realtime_app:app"]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
    try:
        wait_until(lambda: answers(port), f"gunicorn (see {folder}/gunicorn.log)", server)
        with schema.app_context():
            yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)
        log.close()
        with schema.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
