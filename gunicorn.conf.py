"""gunicorn settings for the portal: `.venv/bin/gunicorn -c gunicorn.conf.py` from the repo root.

Every value can be changed without editing this file: PORTAL_BIND, WEB_CONCURRENCY,
FORWARDED_ALLOW_IPS, or gunicorn's own GUNICORN_CMD_ARGS (command-line flags win over this file).
"""

import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def _default_workers() -> int:
    """2 × CPUs + 1, between 2 and 8: each sync worker holds database connections, so more is not faster."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(2, min(2 * cpus + 1, 8))


# The application: `app` in wsgi.py (create_app reads the PORTAL_* variables).
wsgi_app = "wsgi:app"
# Import wsgi.py from the repository, wherever gunicorn is started from.
chdir = _HERE
# Where to listen: nginx on the same machine proxies here (comma-separate several addresses).
bind = [address.strip() for address in os.environ.get("PORTAL_BIND", "127.0.0.1:8000").split(",") if address.strip()]
# Worker processes: WEB_CONCURRENCY when set, else 2 × CPUs + 1 capped at 8.
workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers())
# Synchronous workers: one request at a time each; nginx buffers slow clients in front of them.
worker_class = "sync"
# A worker silent for this many seconds is killed and replaced (a stuck request never holds it for ever).
timeout = 30
# On restart or SIGTERM, requests in progress get this long to finish before workers are killed.
graceful_timeout = 20
# Seconds to keep an idle client connection open (ignored by sync workers; kept for other worker classes).
keepalive = 5
# Workers are not recycled: each holds its page cache (bounded by PORTAL_PAGE_CACHE_MB, so memory
# does not grow), which a restart would throw away, and a restart costs seconds of start-up.
# Should a leak ever show, GUNICORN_CMD_ARGS="--max-requests 100000 --max-requests-jitter 10000".
max_requests = 0
# Load the app in each worker, not in the master: no connection or Redis socket is shared across fork.
preload_app = False
# Access log on standard output (journald keeps it under systemd).
accesslog = "-"
# Peer (nginx), the reader's X-Forwarded-For, time, request, status, size, referrer, agent, duration in µs.
access_log_format = '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
# Errors, start-up and worker restarts on standard error.
errorlog = "-"
# Log level of the error log.
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Trust X-Forwarded-Proto (https) only from nginx on this machine; FORWARDED_ALLOW_IPS for a proxy elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Worker heartbeat files on tmpfs, so a slow disk never makes a healthy worker look stuck.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None  # noqa: S108
# No gunicornc control socket: systemd (reload = SIGHUP, stop = SIGTERM) manages the process.
control_socket_disable = True
# The name shown by ps and top.
proc_name = "portal"
