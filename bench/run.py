"""Benchmark the anonymous article page under gunicorn against a bare-Flask ceiling (issue 7).

For each article count: build (or reuse) a database seeded through the CLI, start the portal
and bench/ceiling.py under the same gunicorn configuration, warm both up, load them with wrk
in alternating rounds and print medians next to the targets. Databases, wrk scripts, logs
and raw wrk outputs stay under bench/.data/. Run `make bench BENCH_ARGS="..."`, or see
`.venv/bin/python bench/run.py --help`. Exit status: 0 after a measurement whatever the
figures, 1 on an error (a failed round included), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import logging
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN_CONF = REPO / "gunicorn.conf.py"
DEFAULT_DATA_DIR = REPO / "bench" / ".data"
HOST = "127.0.0.1"
WORKERS = 2
WRK_THREADS, WRK_CONNECTIONS = 2, 16
# wrk's default 2 s timeout would drop slow requests from the latency figures and count them as socket
# errors (refusing the round); 10 s keeps slow-but-answered requests in the percentiles.
WRK_TIMEOUT = "10s"
CATEGORY_PAGES = 5  # the uncached category figure requests the first pages of every category
SEARCH_QUERIES = 200
START_TIMEOUT, STOP_TIMEOUT = 60.0, 15.0
TARGET_RATIO, TARGET_P99_MS, TARGET_RSS_MIB = 0.9, 50.0, 120.0
TARGET_UNCACHED_P50_MS, TARGET_UNCACHED_AT = 50.0, 100_000
SECRET_KEY = secrets.token_hex(32)
SECRET_SHOWN = "$(python3 -c 'import secrets; print(secrets.token_hex(32))')"  # noqa: S105  (a shell snippet)
CACHE_HEADER, CACHE_PROBES = "X-Portal-Cache", 100  # the page cache says HIT or MISS
BUSY_LOAD = 0.5  # a 1-minute load average above this share of the CPUs gets a warning
SPREAD_WARNING = 0.15  # rounds whose requests/s differ more than this (of the median) get a note
# seed-demo writes the new accounts' passwords here whenever PORTAL_DATABASE_URL is set (cli.credentials_path
# compares the URL with Config's, which already holds it), overwriting `make run`'s sign-in: we keep it.
DEMO_CREDENTIALS = REPO / "instance" / "demo-accounts.txt"
_BULK_SUFFIX = re.compile(r"\s*\(bản tin số \d+\)$")


class BenchError(Exception):
    """A failure that makes the measurement worthless: reported, then exit status 1."""


# --- command line ---------------------------------------------------------------------------


def article_counts(text: str) -> list[int]:
    """Parse "1000,100000" into positive article counts."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}")
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("give at least one article count, each 1 or more")
    return counts


def positive(text: str) -> int:
    """A whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return int(text)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--articles",
        type=article_counts,
        default="1000,100000",
        help="article counts to bench, comma-separated (default: 1000,100000)",
    )
    parser.add_argument(
        "--database-url",
        help="bench this PostgreSQL database (postgresql+psycopg://...; its tables are dropped when the article count changes) instead of one SQLite file per count",
    )
    parser.add_argument(
        "--redis-url", help="give the portal this Redis (its database is flushed before each server start)"
    )
    parser.add_argument(
        "--urls", type=positive, default=2000, help="random visible articles to request (default: 2000)"
    )
    parser.add_argument("--duration", type=positive, default=10, help="seconds per wrk round (default: 10)")
    parser.add_argument(
        "--rounds", type=positive, default=3, help="rounds per server, portal and ceiling alternating (default: 3)"
    )
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="also bench a portal with PORTAL_PAGE_CACHE=off: article, category and search pages",
    )
    parser.add_argument("--reseed", action="store_true", help="rebuild the databases even when they are already seeded")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="where databases, scripts and logs are kept (default: bench/.data)",
    )
    args = parser.parse_args(argv)
    if args.database_url and not args.database_url.startswith("postgresql"):
        parser.error("--database-url must be a PostgreSQL URL (SQLite databases are made under --data-dir)")
    return args


# --- environment and commands ---------------------------------------------------------------


def clean_environ() -> dict[str, str]:
    """The inherited environment without PORTAL_*, GUNICORN_* and the other variables gunicorn.conf.py reads."""
    dropped = ("PORTAL_", "GUNICORN_", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")
    return {k: v for k, v in os.environ.items() if not k.startswith(dropped)}


def relative(path: str | Path) -> str:
    """A path as written from the repository root, where every command runs."""
    text = str(path)
    return os.path.relpath(text, REPO) if text.startswith(str(REPO)) else text


def shown_value(name: str, value: str) -> str:
    """An environment value as printed: the secret key and database password are masked."""
    if name == "PORTAL_SECRET_KEY":
        return f'"{SECRET_SHOWN}"'
    if name == "PORTAL_DATABASE_URL" and value.startswith("postgresql"):
        import sqlalchemy as sa

        value = sa.make_url(value).render_as_string(hide_password=True)
    return shlex.quote(relative(value))


def command_line(command: list[str], settings: dict[str, str]) -> str:
    """A shell line that reproduces the command, run from the repository root."""
    env = [f"{name}={shown_value(name, value)}" for name, value in settings.items()]
    return " ".join([*env, *(shlex.quote(relative(word)) for word in command)])


# --- databases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """A benchmark database: its URL, and the folder of its media and seed marker."""

    kind: str
    url: str
    home: Path

    @property
    def media_dir(self) -> Path:
        """Where seed-demo stores the pictures of this database."""
        return self.home / "media"

    @property
    def marker(self) -> Path:
        """Written after a complete seed: the article count it was seeded with."""
        return self.home / "seeded.json"

    @property
    def sqlite_file(self) -> Path:
        """The SQLite file (for kind "sqlite")."""
        return self.home / "portal.db"


def database_for(articles: int, url: str | None, data_dir: Path) -> Database:
    """One SQLite file per article count, or the PostgreSQL database given on the command line."""
    if url is None:
        home = data_dir.resolve() / f"sqlite-{articles}"
        return Database("sqlite", f"sqlite:///{home / 'portal.db'}", home)
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return Database("postgresql", url, data_dir.resolve() / f"postgresql-{digest}")


def count_articles(database: Database) -> int | None:
    """How many articles the database holds; None when it has no articles table (or no file)."""
    import sqlalchemy as sa

    if database.kind == "sqlite" and not database.sqlite_file.exists():
        return None
    engine = sa.create_engine(database.url)
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.text("SELECT count(*) FROM articles"))
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()


def seeded_with(database: Database) -> int | None:
    """The article count of the last complete seed, if the database still holds exactly that many."""
    try:
        recorded = json.loads(database.marker.read_text())["articles"]
    except (OSError, ValueError, KeyError):
        return None
    return recorded if count_articles(database) == recorded else None


def drop_postgresql_tables(url: str) -> None:
    """Drop every table of the public schema; the database, schema and grants stay."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            quote = connection.dialect.identifier_preparer.quote
            names = connection.scalars(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).all()
            for name in names:
                connection.execute(sa.text(f"DROP TABLE IF EXISTS public.{quote(name)} CASCADE"))
    except sa.exc.DBAPIError as error:
        raise BenchError(f"cannot empty the PostgreSQL database: {error.orig}")
    finally:
        engine.dispose()


def reset_database(database: Database) -> None:
    """Empty the database and its media, so that seed-demo starts from nothing."""
    database.marker.unlink(missing_ok=True)
    shutil.rmtree(database.media_dir, ignore_errors=True)
    if database.kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database.sqlite_file}{suffix}").unlink(missing_ok=True)
    else:
        drop_postgresql_tables(database.url)
    database.home.mkdir(parents=True, exist_ok=True)


def run_flask(arguments: list[str], settings: dict[str, str]) -> str:
    """Run `flask --app wsgi ...` as a user would; return its output or raise BenchError."""
    command = [str(BIN / "flask"), "--app", "wsgi", *arguments]
    print(f"  $ {command_line(command, settings)}", flush=True)
    result = subprocess.run(  # noqa: S603  (our own fixed command)
        command, cwd=REPO, env={**clean_environ(), **settings}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BenchError(f"`flask {' '.join(arguments)}` failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def file_kept(path: Path) -> Iterator[None]:
    """Put a file back as it was if the block changes it (seed-demo's sign-in file, see DEMO_CREDENTIALS)."""
    before = path.read_bytes() if path.exists() else None
    try:
        yield
    finally:
        after = path.read_bytes() if path.exists() else None
        if after != before:
            if before is None:
                path.unlink()
            else:
                path.write_bytes(before)
            print(f"  note: seed-demo rewrote {relative(path)} with the benchmark's accounts; put back as it was")


def prepare_database(database: Database, articles: int, settings: dict[str, str], reseed: bool) -> None:
    """Reuse the database when it is seeded with this many articles, else rebuild it through the CLI."""
    reuse = not reseed and seeded_with(database) == articles
    if not reuse:
        reset_database(database)
    run_flask(["db", "upgrade"], settings)
    if reuse:
        print(f"  database: reused, already seeded with {articles} articles ({relative(database.marker)})")
        return
    started = time.monotonic()
    with file_kept(DEMO_CREDENTIALS):
        output = run_flask(["seed-demo", "--articles", str(articles)], settings)
    summary = next((line for line in output.splitlines() if line.startswith("Bài viết")), output.strip())
    print(f"  database: seeded in {time.monotonic() - started:.0f} s: {summary}")
    if count_articles(database) != articles:
        raise BenchError(f"seed-demo left {count_articles(database)} articles, not {articles}")
    when = datetime.now(UTC).isoformat(timespec="seconds")
    database.marker.write_text(json.dumps({"articles": articles, "seeded_at": when}) + "\n")


def flush_redis(url: str | None) -> None:
    """Empty the benchmark's Redis database so that no counters or limits carry over."""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    except redis.RedisError as error:
        raise BenchError(f"cannot flush Redis at {url}: {error}")
    finally:
        client.close()


# --- what to request ------------------------------------------------------------------------


@dataclass(frozen=True)
class Samples:
    """Paths to request: random visible articles, category pages and searches."""

    articles: list[str]
    categories: list[str]
    searches: list[str]
    page_cache_settings: dict[str, object]


def sampling_app(database: Database):
    """The portal app on the benchmark database, for reading paths through the portal's own code."""
    from config import ProductionConfig
    from portal import create_app

    logging.getLogger("portal").setLevel(logging.ERROR)  # its start-up advice is for real deployments

    overrides = {
        "SQLALCHEMY_DATABASE_URI": database.url,
        "MEDIA_DIR": str(database.media_dir),
        "SECRET_KEY": SECRET_KEY,
        "REDIS_URL": None,
        "PROXY_HOPS": "0",
    }
    return create_app(type("BenchSamplingConfig", (ProductionConfig,), overrides))


def article_paths(now: datetime, size: int) -> tuple[list[str], list[str]]:
    """URLs and titles of a random sample of the articles a reader may see now."""
    import sqlalchemy as sa
    from sqlalchemy.orm import selectinload

    from portal.content.published import is_visible
    from portal.extensions import db
    from portal.links import article_url
    from portal.models import Article

    stmt = (
        sa.select(Article)
        .where(is_visible(now))
        .options(selectinload(Article.category))
        .order_by(sa.func.random())
        .limit(size)
    )
    found = list(db.session.scalars(stmt))
    return [article_url(a) for a in found], [a.title for a in found]


def category_paths(now: datetime) -> list[str]:
    """The first pages (up to CATEGORY_PAGES) of every category."""
    from flask import url_for

    from portal.content import published
    from portal.content.settings import int_setting
    from portal.templating import site_context

    context = site_context()
    per_page = int_setting(context["site"], "page_size")
    paths = []
    for category in context["all_categories"]:
        ids = published.category_ids_below(category, context["all_categories"])
        pages = published.category_page(ids, now, 1, per_page).pages
        for number in range(1, min(pages, CATEGORY_PAGES) + 1):
            extra = {"page": number} if number > 1 else {}
            paths.append(url_for("public.category", category_slug=category.slug, **extra))
    return paths


def search_paths(titles: list[str]) -> list[str]:
    """Two-word searches cut from article titles, every other one typed without diacritics."""
    from flask import url_for

    from portal.content.search import fold

    queries = []
    for index, title in enumerate(titles[:SEARCH_QUERIES]):
        words = _BULK_SUFFIX.sub("", title).split()
        start = random.randrange(max(1, len(words) - 1))
        query = " ".join(words[start : start + 2])
        queries.append(fold(query) if index % 2 else query)
    return [url_for("public.search", q=query) for query in dict.fromkeys(queries)]


def sample_paths(database: Database, size: int) -> Samples:
    """Read the paths to request from the seeded database, through create_app and SQLAlchemy."""
    from portal import clock
    from portal.extensions import db

    app = sampling_app(database)
    with app.test_request_context():
        now = clock.now()
        articles, titles = article_paths(now, size)
        samples = Samples(
            articles=articles,
            categories=category_paths(now),
            searches=search_paths(titles),
            page_cache_settings={k: v for k, v in app.config.items() if "PAGE_CACHE" in k},
        )
        db.session.remove()
        db.engine.dispose()
    if not samples.articles:
        raise BenchError("the database has no visible article to request")
    return samples


def write_lua(path: Path, paths: list[str]) -> Path:
    """A wrk script that requests one of the paths, picked at random, per request."""
    for item in paths:
        if not re.fullmatch(r"/[\x21-\x7e]*", item) or '"' in item or "\\" in item:
            raise BenchError(f"unexpected characters in path {item!r}")
    listing = ",\n".join(f'  "{item}"' for item in paths)
    path.write_text(
        "-- Written by bench/run.py: every request GETs one of these paths, picked at random.\n"
        f"local paths = {{\n{listing}\n}}\n"
        "local threads = 0\n\n"
        'function setup(thread)\n  threads = threads + 1\n  thread:set("thread_number", threads)\nend\n\n'
        "function init(args)\n  math.randomseed(os.time() * 100 + thread_number)\nend\n\n"
        'function request()\n  return wrk.format("GET", paths[math.random(#paths)])\nend\n',
        encoding="ascii",
    )
    return path


# --- servers --------------------------------------------------------------------------------


@dataclass
class Server:
    """A gunicorn master started by this script, leading its own process group."""

    name: str
    port: int
    process: subprocess.Popen
    log: Path
    workers: list[int]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def gunicorn_command(app_spec: str, port: int) -> list[str]:
    """gunicorn with the repository's configuration file, or equivalent flags while it is missing."""
    if GUNICORN_CONF.exists():
        return [str(BIN / "gunicorn"), "-c", GUNICORN_CONF.name, app_spec]
    flags = ["--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--worker-class", "sync"]
    return [str(BIN / "gunicorn"), *flags, app_spec]


def log_tail(path: Path, lines: int = 30) -> str:
    """The end of a server log, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_for_port(server: Server) -> None:
    """Poll until the server accepts connections; fail if it exits or takes too long."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{server.name} exited ({server.process.returncode}):\n{log_tail(server.log)}")
        try:
            socket.create_connection((HOST, server.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise BenchError(f"{server.name} did not listen on {server.port} in {START_TIMEOUT:.0f} s:\n{log_tail(server.log)}")


@contextlib.contextmanager
def signals_ignored() -> Iterator[None]:
    """Keep Ctrl+C and SIGTERM from interrupting a cleanup."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop(server: Server) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left of it."""
    with signals_ignored():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"  {server.name} did not stop in {STOP_TIMEOUT:.0f} s; killing it", file=sys.stderr)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


@contextlib.contextmanager
def gunicorn(name: str, app_spec: str, settings: dict[str, str], run_dir: Path) -> Iterator[Server]:
    """Start gunicorn on a free port, wait until it listens, and stop it however the block ends."""
    port = free_port()
    settings = {**settings, "PORTAL_BIND": f"{HOST}:{port}", "WEB_CONCURRENCY": str(WORKERS)}
    command = gunicorn_command(app_spec, port)
    print(f"  $ {command_line(command, settings)}", flush=True)
    log = run_dir / f"gunicorn-{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603  (our own fixed command)
            command,
            cwd=REPO,
            env={**clean_environ(), **settings},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, port, process, log, workers=[])
    try:
        wait_for_port(server)
        yield server
    finally:
        stop(server)


def worker_pids(master: int) -> list[int]:
    """The pids of the master's children (its workers), found in /proc."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def peak_rss_mib(pid: int) -> float | None:
    """VmHWM, the peak resident set size of a process, in MiB; None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def log_text(path: Path) -> str:
    """A server log, empty when missing."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def booted_workers(server: Server) -> int:
    """How many workers gunicorn has started so far, from its log."""
    return log_text(server.log).count("Booting worker with pid")


def worker_report(server: Server) -> list[float]:
    """Peak RSS of each current worker; says how often gunicorn replaced workers during the run."""
    current = worker_pids(server.process.pid)
    replaced = booted_workers(server) - WORKERS
    if replaced > 0:
        print(
            f"  note: gunicorn replaced {server.name} workers {replaced} time(s) (max_requests or crashes): "
            "peak RSS is that of the workers alive at the end"
        )
    peaks = [peak for peak in map(peak_rss_mib, current) if peak is not None]
    if not peaks:
        raise BenchError(f"{server.name} has no worker left:\n{log_tail(server.log)}")
    return peaks


def worker_class(server: Server) -> str:
    """The worker class gunicorn says it uses at start-up, from its log."""
    match = re.search(r"Using worker: (\S+)", log_text(server.log)[:20_000])
    return match.group(1) if match else "worker class not in the log"


# --- warm-up --------------------------------------------------------------------------------


def fetch(port: int, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """GET a path on a fresh connection; return the status, headers and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def warm_up(server: Server, paths: list[str]) -> list[int]:
    """Request every path once (not measured); return the body sizes, or fail on anything but 200."""
    sizes = []
    for path in paths:
        try:
            status, _, body = fetch(server.port, path)
        except OSError as error:
            raise BenchError(f"warm-up: {server.name} failed on {path}: {error!r}\n{log_tail(server.log)}")
        if status != 200:
            raise BenchError(f"warm-up: {server.name} answered {status} to {path}")
        sizes.append(len(body))
    return sizes


def warm_every_worker(server: Server, paths: list[str], passes: int = 12, enough: float = 0.99) -> float:
    """Request the paths again until a whole pass is answered from the cache (each sync worker
    keeps its own copy, and which worker answers is chance); return that pass's hit share."""
    share = 0.0
    for _ in range(passes):
        hits = sum(fetch(server.port, path)[1].get(CACHE_HEADER) == "HIT" for path in paths)
        share = hits / len(paths)
        if share >= enough:
            break
    return share


def cache_status(server: Server, paths: list[str]) -> str:
    """What the page cache header says now for the first CACHE_PROBES paths, e.g. "HIT 90, MISS 10"."""
    before = worker_pids(server.process.pid)
    seen = Counter(fetch(server.port, path)[1].get(CACHE_HEADER, "no header") for path in paths[:CACHE_PROBES])
    answer = ", ".join(f"{value} {count}" for value, count in seen.most_common())
    if worker_pids(server.process.pid) != before:
        answer += " (gunicorn replaced workers during these requests: the new ones started with empty caches)"
    return answer


def save_ceiling_page(portal: Server, path: str, run_dir: Path) -> tuple[Path, str]:
    """Fetch one real article page and keep it for the ceiling; return its file and Content-Type."""
    status, headers, body = fetch(portal.port, path)
    if status != 200:
        raise BenchError(f"{path} answered {status}")
    if headers.get_all("Set-Cookie"):
        print(f"  note: the anonymous article page set cookies: {headers.get_all('Set-Cookie')}")
    body_file = run_dir / "article-page.html"
    body_file.write_bytes(body)
    content_type = headers.get("Content-Type", "text/html; charset=utf-8")
    print(f"  ceiling page: {len(body)} bytes, {content_type}, copied from {path}")
    return body_file, content_type


# --- wrk ------------------------------------------------------------------------------------

LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class WrkResult:
    """The figures of one wrk round."""

    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    bad_status: int
    socket_errors: dict[str, int]

    @property
    def errors(self) -> str:
        """What went wrong in the round, or "" when nothing did."""
        problems = [f"{n} socket {kind} errors" for kind, n in self.socket_errors.items() if n]
        if self.bad_status:
            problems.append(f"{self.bad_status} non-2xx/3xx responses")
        if not self.requests:
            problems.append("no request completed")
        return ", ".join(problems)

    def line(self) -> str:
        """One line for the round log."""
        return (
            f"{self.rps:8.1f} req/s  p50 {self.p50_ms:7.2f} ms  p99 {self.p99_ms:7.2f} ms  ({self.requests} requests)"
        )


def _latency_ms(output: str, percentile: int) -> float:
    """One line of wrk's latency distribution, in milliseconds."""
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if not match:
        raise BenchError(f"no {percentile}% latency in wrk's output:\n{output}")
    return float(match.group(1)) * LATENCY_UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Read requests/s, p50, p99, bad statuses and socket errors from wrk --latency output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not rps or not total:
        raise BenchError(f"cannot read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    counts = [int(n) for n in sockets.groups()] if sockets else [0, 0, 0, 0]
    return WrkResult(
        requests=int(total.group(1)),
        rps=float(rps.group(1)),
        p50_ms=_latency_ms(output, 50),
        p99_ms=_latency_ms(output, 99),
        bad_status=int(bad.group(1)) if bad else 0,
        socket_errors=dict(zip(("connect", "read", "write", "timeout"), counts)),
    )


def wrk_command(server: Server, script: Path, duration: int, connections: int = WRK_CONNECTIONS) -> list[str]:
    """The wrk command line for one round."""
    threads = min(WRK_THREADS, connections)
    load = [f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", WRK_TIMEOUT, "--latency"]
    return [shutil.which("wrk") or "wrk", *load, "-s", str(script), f"http://{HOST}:{server.port}/"]


def run_wrk(command: list[str], duration: int, save_as: Path) -> WrkResult:
    """Run one wrk round, keep its output, and refuse it when anything failed."""
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=duration + 60)  # noqa: S603
    save_as.write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise BenchError(f"wrk failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    parsed = parse_wrk(result.stdout)
    if parsed.errors:
        raise BenchError(f"round refused: {parsed.errors}\n{result.stdout}")
    return parsed


def measure(
    jobs: list[tuple[str, Server, Path]], rounds: int, duration: int, run_dir: Path, connections: int = WRK_CONNECTIONS
) -> dict[str, list[WrkResult]]:
    """Run the jobs (label, server, script) in turn, round after round; print each result."""
    results: dict[str, list[WrkResult]] = {label: [] for label, _, _ in jobs}
    for label, server, script in jobs:
        print(f"  $ {command_line(wrk_command(server, script, duration, connections), {})}    # {label}")
    for number in range(1, rounds + 1):
        for label, server, script in jobs:
            command = wrk_command(server, script, duration, connections)
            output = run_dir / f"wrk-{label}-c{connections}-{number}.txt"
            results[label].append(one_round(f"{label} -c{connections}", number, server, command, duration, output))
    return results


def one_round(label: str, number: int, server: Server, command: list[str], duration: int, output: Path) -> WrkResult:
    """One wrk round; says how many workers gunicorn replaced meanwhile (max_requests recycling)."""
    booted = booted_workers(server)
    try:
        result = run_wrk(command, duration, output)
    except BenchError as error:
        replaced = booted_workers(server) - booted
        raise BenchError(
            f"{label} round {number}: {error}\n{label}: gunicorn replaced {replaced} worker(s) during this round"
        )
    replaced = booted_workers(server) - booted
    print(
        f"  round {number} {label:13} {result.line()}{f'  [{replaced} worker(s) replaced]' if replaced else ''}",
        flush=True,
    )
    return result


# --- report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Medians of the rounds of one job, and how far their requests/s spread."""

    rps: float
    p50_ms: float
    p99_ms: float
    spread: float

    @classmethod
    def of(cls, results: list[WrkResult]) -> Summary:
        """Summarize the rounds."""
        rps = [r.rps for r in results]
        median = statistics.median(rps)
        return cls(
            rps=median,
            p50_ms=statistics.median(r.p50_ms for r in results),
            p99_ms=statistics.median(r.p99_ms for r in results),
            spread=(max(rps) - min(rps)) / median if median else 0.0,
        )


def verdict(met: bool, target: str) -> str:
    """A target and whether the figure meets it."""
    return f"{target}: {'met' if met else 'NOT met'}"


def print_table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A plain-text table: first column left-aligned, figures right-aligned, target last."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1])]
        print("  " + "  ".join([*cells, row[-1]]).rstrip())


def spread_notes(summaries: dict[str, Summary]) -> None:
    """Say when the rounds of a job disagree by more than SPREAD_WARNING."""
    for label, summary in summaries.items():
        if summary.spread > SPREAD_WARNING:
            print(f"  note: {label} requests/s varied by {summary.spread:.0%} of the median across rounds")


def print_article_table(title: str, results: dict[str, list[WrkResult]], rss: dict[str, list[float]]) -> None:
    """The per-N table: portal and ceiling medians, the ratio and peak RSS, with their targets."""
    portal, ceiling = Summary.of(results["portal"]), Summary.of(results["ceiling"])
    ratio = portal.rps / ceiling.rps
    peak = max(rss["portal"])
    rows = [
        ("requests/s (median)", f"{portal.rps:.1f}", f"{ceiling.rps:.1f}", ""),
        ("ratio portal/ceiling", f"{ratio:.2f}", "", verdict(ratio >= TARGET_RATIO, f"≥ {TARGET_RATIO}")),
        ("p50 latency ms (median)", f"{portal.p50_ms:.2f}", f"{ceiling.p50_ms:.2f}", ""),
        (
            "p99 latency ms (median)",
            f"{portal.p99_ms:.2f}",
            f"{ceiling.p99_ms:.2f}",
            verdict(portal.p99_ms <= TARGET_P99_MS, f"≤ {TARGET_P99_MS:.0f} ms at {WRK_CONNECTIONS} connections"),
        ),
        (
            "peak RSS per worker MiB (max)",
            f"{peak:.1f}",
            f"{max(rss['ceiling']):.1f}",
            verdict(peak <= TARGET_RSS_MIB, f"≤ {TARGET_RSS_MIB:.0f} MB"),
        ),
    ]
    print_table(title, ("", "portal", "ceiling", "target"), rows)
    spread_notes({"portal": portal, "ceiling": ceiling})


def print_uncached_table(
    title: str, articles: int, loaded: dict[str, list[WrkResult]], alone: dict[str, list[WrkResult]], rss: list[float]
) -> None:
    """The uncached table: each page under load and alone, with the p50 targets."""
    summaries = {label: Summary.of(rounds) for label, rounds in loaded.items()}
    singles = {label: Summary.of(rounds) for label, rounds in alone.items()}
    where = "" if articles == TARGET_UNCACHED_AT else f" (target set for {TARGET_UNCACHED_AT} articles)"
    rows = []
    for label, summary in summaries.items():
        single = singles[label]
        checks = f"alone {'met' if single.p50_ms <= TARGET_UNCACHED_P50_MS else 'NOT met'}, at {WRK_CONNECTIONS} connections {'met' if summary.p50_ms <= TARGET_UNCACHED_P50_MS else 'NOT met'}"
        target = f"p50 ≤ {TARGET_UNCACHED_P50_MS:.0f} ms: {checks}{where}" if label != "article" else ""
        rows.append(
            (
                label,
                f"{summary.rps:.1f}",
                f"{summary.p50_ms:.2f}",
                f"{summary.p99_ms:.2f}",
                f"{single.p50_ms:.2f}",
                target,
            )
        )
    rss_check = verdict(max(rss) <= TARGET_RSS_MIB, f"≤ {TARGET_RSS_MIB:.0f} MB")
    rows.append(("peak RSS per worker MiB (max)", f"{max(rss):.1f}", "", "", "", rss_check))
    header = ("page", "requests/s", "p50 ms", "p99 ms", "p50 ms alone", "target")
    print_table(title, header, rows)
    print(f"  (requests/s, p50 and p99 at {WRK_CONNECTIONS} connections; 'alone': one connection, no queueing)")
    spread_notes({**summaries, **{f"{label} alone": single for label, single in singles.items()}})


# --- one article count ----------------------------------------------------------------------


def portal_settings(database: Database, redis_url: str | None, page_cache: str | None = None) -> dict[str, str]:
    """The PORTAL_* variables of a benchmark portal; every other PORTAL_* variable is unset."""
    settings = {
        "PORTAL_CONFIG": "production",
        "PORTAL_SECRET_KEY": SECRET_KEY,
        "PORTAL_PROXY_HOPS": "0",
        "PORTAL_DATABASE_URL": database.url,
        "PORTAL_MEDIA_DIR": str(database.media_dir),
    }
    if redis_url:
        settings["PORTAL_REDIS_URL"] = redis_url
    if page_cache:
        settings["PORTAL_PAGE_CACHE"] = page_cache
    return settings


def bench_cached(
    articles: int, settings: dict[str, str], samples: Samples, run_dir: Path, args: argparse.Namespace
) -> None:
    """The main figure: the portal (default page cache) against the ceiling, rounds alternating."""
    script = write_lua(run_dir / "articles.lua", samples.articles)
    flush_redis(args.redis_url)
    with gunicorn("portal", "wsgi:app", settings, run_dir) as portal:
        sizes = warm_up(portal, samples.articles)
        warm_share = warm_every_worker(portal, samples.articles)
        body, content_type = save_ceiling_page(portal, samples.articles[0], run_dir)
        ceiling_settings = {**settings, "BENCH_CEILING_BODY": str(body), "BENCH_CEILING_CONTENT_TYPE": content_type}
        with gunicorn("ceiling", "bench.ceiling:app", ceiling_settings, run_dir) as ceiling:
            warm_up(ceiling, samples.articles)
            portal.workers, ceiling.workers = worker_pids(portal.process.pid), worker_pids(ceiling.process.pid)
            print(
                f"  warm-up: requested each of the {len(sizes)} sampled article URLs once from the portal and once "
                f"from the ceiling (not measured); article pages {min(sizes)}-{max(sizes)} bytes, "
                f"median {statistics.median(sizes):.0f}; then again until a whole pass was answered from the "
                f"page cache ({warm_share:.0%} of the last pass)"
            )
            print(
                f"  workers: portal {portal.workers} ({worker_class(portal)}), ceiling {ceiling.workers} ({worker_class(ceiling)})"
            )
            jobs = [("portal", portal, script), ("ceiling", ceiling, script)]
            results = measure(jobs, args.rounds, args.duration, run_dir)
            rss = {"portal": worker_report(portal), "ceiling": worker_report(ceiling)}
            print(
                f"  page cache after the rounds ({CACHE_HEADER} of {CACHE_PROBES} sampled URLs, not measured): "
                f"{cache_status(portal, samples.articles)}"
            )
    cache = f"page cache: default, settings {samples.page_cache_settings or 'none (this portal has no page cache yet)'}"
    title = f"{articles} articles, anonymous article page, medians of {args.rounds} rounds ({cache})"
    print_article_table(title, results, rss)


def bench_uncached(
    articles: int, settings: dict[str, str], samples: Samples, run_dir: Path, args: argparse.Namespace
) -> None:
    """The uncached figures: article, category and search pages from a portal with PORTAL_PAGE_CACHE=off."""
    scripts = {
        "article": write_lua(run_dir / "articles.lua", samples.articles),
        "category": write_lua(run_dir / "categories.lua", samples.categories),
        "search": write_lua(run_dir / "searches.lua", samples.searches),
    }
    samples_by_label = {"article": samples.articles, "category": samples.categories, "search": samples.searches}
    flush_redis(args.redis_url)
    with gunicorn("uncached", "wsgi:app", {**settings, "PORTAL_PAGE_CACHE": "off"}, run_dir) as portal:
        for label, paths in samples_by_label.items():
            warm_up(portal, paths)
            print(f"  warm-up: requested each of the {len(paths)} sampled {label} URLs once (not measured)")
        portal.workers = worker_pids(portal.process.pid)
        jobs = [(label, portal, script) for label, script in scripts.items()]
        loaded = measure(jobs, args.rounds, args.duration, run_dir)
        alone = measure(jobs, args.rounds, args.duration, run_dir, connections=1)
        rss = worker_report(portal)
    title = f"{articles} articles, uncached portal (PORTAL_PAGE_CACHE=off), medians of {args.rounds} rounds"
    print_uncached_table(title, articles, loaded, alone, rss)


def bench_articles(articles: int, args: argparse.Namespace) -> None:
    """Prepare the database for this article count, then run the measurements."""
    database = database_for(articles, args.database_url, args.data_dir)
    where = (
        relative(database.sqlite_file)
        if database.kind == "sqlite"
        else shown_value("PORTAL_DATABASE_URL", database.url)
    )
    print(f"\n=== {articles} articles on {database.kind} ({where}), Redis: {args.redis_url or 'none'} ===")
    settings = portal_settings(database, args.redis_url)
    prepare_database(database, articles, settings, args.reseed)
    samples = sample_paths(database, args.urls)
    print(
        f"  sample: {len(samples.articles)} article, {len(samples.categories)} category and {len(samples.searches)} search URLs"
    )
    run_dir = args.data_dir.resolve() / "runs" / f"{database.kind}-{articles}"
    run_dir.mkdir(parents=True, exist_ok=True)
    load_note("before measuring")
    bench_cached(articles, settings, samples, run_dir, args)
    if args.uncached:
        bench_uncached(articles, settings, samples, run_dir, args)
    load_note("after measuring")
    print(f"\n  wrk scripts, raw wrk outputs and gunicorn logs: {relative(run_dir)}/")


def load_note(when: str) -> None:
    """Print the load average; warn when other work is using the CPUs the benchmark needs."""
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    busy = f" (busy: more than {BUSY_LOAD:.0%} of the {cpus} CPUs in use, figures will be low and noisy)"
    print(f"  load average {when}: {load:.2f}{busy if load > BUSY_LOAD * cpus else ''}")


def print_preamble(args: argparse.Namespace) -> None:
    """Say how the servers are run, before anything is measured."""
    conf = relative(GUNICORN_CONF) if GUNICORN_CONF.exists() else "missing: equivalent command-line flags instead"
    print(f"gunicorn configuration: {conf}; {WORKERS} workers per server; commands run from {REPO}")
    print(f"machine: {os.cpu_count()} CPUs; wrk runs on the same machine as the servers")
    print(
        f"load: wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, {args.rounds} rounds of {args.duration} s per server, "
        "portal and ceiling alternating; figures are medians of the rounds"
    )


def _interrupted(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that servers are stopped on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    signal.signal(signal.SIGTERM, _interrupted)
    sys.path.insert(0, str(REPO))
    try:
        if not shutil.which("wrk"):
            raise BenchError("wrk is not installed (Debian: apt-get install wrk)")
        print_preamble(args)
        for articles in args.articles:
            bench_articles(articles, args)
    except BenchError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted; every server started here was stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
