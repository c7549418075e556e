"""Issue 16, item 7: `make run` on a busy port says which program holds it and how to pick another."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portal.devserver import busy_port_message, port_holder, port_is_free

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def busy_port():
    """A port some program (this test process) is listening on, on all interfaces."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("0.0.0.0", 0))  # noqa: S104 (all interfaces, as a busy dev server often is)
        listener.listen()
        yield listener.getsockname()[1]


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_free_port_passes_silently():
    """Issue 16, item 7: a free port lets `make run` go on without a word."""
    port = free_port()
    checked = subprocess.run([sys.executable, "-m", "portal.devserver", str(port)], capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 0 and checked.stdout == checked.stderr == ""
    assert port_is_free(port)


def test_a_busy_port_names_the_program_and_the_way_out(busy_port):
    """Issue 16, item 7: the holder (this very test process) and PORT=8000 make run, in both languages."""
    assert not port_is_free(busy_port)
    checked = subprocess.run([sys.executable, "-m", "portal.devserver", str(busy_port)], capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 1
    assert f"Cổng {busy_port} đang bận" in checked.stderr and f"Port {busy_port} is already in use" in checked.stderr
    assert "PORT=8000 make run" in checked.stderr
    if sys.platform.startswith("linux"):
        assert f"(PID {os.getpid()})" in checked.stderr and "pytest" in checked.stderr
    assert port_holder(busy_port) is None or str(os.getpid()) in port_holder(busy_port)


def test_port_5000_on_a_mac_mentions_airplay():
    """Issue 16, item 7: on macOS port 5000 is AirPlay Receiver's, which surprises everyone once."""
    assert "AirPlay" in busy_port_message(5000, None, system="Darwin")
    assert "AirPlay" not in busy_port_message(5000, None, system="Linux")
    assert "PORT=8080 make run" in busy_port_message(8000, "nginx (PID 1)")


def test_nonsense_port_is_refused():
    """Issue 16, item 7: PORT=abc gets a plain sentence, not a traceback."""
    checked = subprocess.run([sys.executable, "-m", "portal.devserver", "abc"], capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 2 and "PORT" in checked.stderr and "Traceback" not in checked.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_stops_before_starting_anything(busy_port, tmp_path):
    """Issue 16, item 7: `make run` on a busy port fails with the explanation, before seeding or announcing the site."""
    if not (ROOT / ".venv" / ".runtime").exists():
        pytest.skip("make run needs the .venv that make test builds")
    database = tmp_path / "never.db"
    env = {**os.environ, "PORT": str(busy_port), "PORTAL_DATABASE_URL": f"sqlite:///{database}", "PORTAL_CONFIG": "development"}
    ran = subprocess.run(["make", "--no-print-directory", "run"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert ran.returncode != 0
    assert f"Cổng {busy_port} đang bận" in ran.stderr and "PORT=8000 make run" in ran.stderr
    assert "Trang web / site" not in ran.stdout and not database.exists()
