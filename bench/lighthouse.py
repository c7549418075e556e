"""Lighthouse on the production setup (issue 13): gunicorn + the shipped nginx site, over HTTPS.

Installs Lighthouse (pinned, once) under .cache/lighthouse/, builds a fresh demo database
(`flask db upgrade` + `flask seed-demo`; PORTAL_DATABASE_URL when set), starts gunicorn with
gunicorn.conf.py and PORTAL_CONFIG=production, and nginx with a copy of deploy/nginx/portal.conf
adapted only to run unprivileged: loopback ports, a temporary prefix, a self-signed certificate,
and the Host header kept with its port (so the page's absolute links point at the test port).
Then runs Lighthouse (mobile preset, Debian's Chromium) on the home page, a category, an article
with a picture and a search without diacritics, --runs times each, and prints the median scores
and every audit that scored below 1 (is-crawlable is skipped on the search page, which says
noindex on purpose). JSON and HTML reports go to .cache/lighthouse/reports/. With
PORTAL_DATABASE_URL set, that database is upgraded and seeded (only what is missing is added);
give its pictures' folder as PORTAL_MEDIA_DIR unless it was empty.

    .venv/bin/python bench/lighthouse.py [--min 95] [--runs 3] [--out DIR] [--keep]

Exit status: 0 when every median score is at least --min, 1 when one is below, 2 when the
measurement could not be made, 130 when interrupted. Every process it starts is stopped on
the way out.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from run import free_port, log_tail, signals_ignored  # the measuring tools the benchmarks share

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SITE = REPO / "deploy" / "nginx" / "portal.conf"
CACHE = REPO / ".cache" / "lighthouse"  # git-ignored
LIGHTHOUSE_VERSION = "12.8.2"
HOST = "127.0.0.1"
SERVER_NAME = "localhost"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    '--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"',
    "--ignore-certificate-errors",  # the certificate is self-signed
]  # fmt: skip
# Audits left out on a page, and why: the search results say noindex on purpose (search engines should
# index the articles, not our result lists), which alone would take about 30 points off its SEO score.
SKIPPED_AUDITS = {"search": {"is-crawlable": "the search results say <meta name=robots content=noindex> on purpose"}}
START_TIMEOUT, STOP_TIMEOUT, RUN_TIMEOUT = 60.0, 15.0, 240.0
WORKERS = "2"


class BenchError(Exception):
    """A failure that makes the measurement impossible: reported, then exit status 2."""


# --- command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=int, default=95, help="lowest acceptable median score, 0-100 (default: 95)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; medians are shown (default: 3)")
    parser.add_argument("--out", type=Path, help="where the reports go (default: .cache/lighthouse/reports/<time>)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs, nginx conf)")
    parser.add_argument(
        "--chrome",
        default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        help="Chromium (default: CHROME_PATH or /usr/bin/chromium)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.min <= 100 or args.runs < 1:
        parser.error("--min must be within 0-100 and --runs at least 1")
    return args


# --- tools ----------------------------------------------------------------------------------


def find_tool(name: str, hint: str, *fallbacks: str) -> str:
    """The path of a program, or a BenchError that says how to install it."""
    found = shutil.which(name) or next((p for p in fallbacks if os.access(p, os.X_OK)), None)
    if found is None:
        raise BenchError(f"{name} is missing: {hint}")
    return found


def lighthouse_cli() -> Path:
    """Lighthouse's CLI under .cache/lighthouse/, installed from npm when absent or another version."""
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    with contextlib.suppress(OSError, ValueError):
        if json.loads(package.read_text())["version"] == LIGHTHOUSE_VERSION:
            return package.parent / "cli" / "index.js"
    npm = find_tool("npm", "apt-get install -y npm (Node 18.16 or later)")
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--omit=dev", "--save-exact"]
    command.append(f"lighthouse@{LIGHTHOUSE_VERSION}")
    print(f"$ {' '.join(command)}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
    if result.returncode != 0:
        raise BenchError(f"npm could not install Lighthouse:\n{result.stdout}{result.stderr}")
    return package.parent / "cli" / "index.js"


@dataclass(frozen=True)
class Tools:
    """The programs the measurement needs."""

    node: str
    nginx: str
    openssl: str
    chrome: str
    lighthouse: Path


def find_tools(chrome: str) -> Tools:
    """Every program, or a BenchError naming what to install."""
    if not os.access(chrome, os.X_OK):
        raise BenchError(f"no Chromium at {chrome}: apt-get install -y chromium, or set CHROME_PATH / --chrome")
    return Tools(
        node=find_tool("node", "apt-get install -y nodejs (18.16 or later)"),
        nginx=find_tool("nginx", "apt-get install -y nginx (it is run as an ordinary process here)", "/usr/sbin/nginx"),
        openssl=find_tool("openssl", "apt-get install -y openssl"),
        chrome=chrome,
        lighthouse=lighthouse_cli(),
    )


# --- processes ------------------------------------------------------------------------------


def stop_group(process: subprocess.Popen, first: int = signal.SIGTERM) -> None:
    """Signal the process group the process leads, wait, then SIGKILL whatever is left of it."""
    with signals_ignored():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, first)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def server(name: str, command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    """Start a server in its own process group, wait until it listens, stop it however the block ends."""
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603  (our own fixed command)
            command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(port):
            if process.poll() is not None:
                raise BenchError(f"{name} exited ({process.returncode}):\n{log_tail(log)}")
            if time.monotonic() > deadline:
                raise BenchError(f"{name} did not listen on {port} in {START_TIMEOUT:.0f} s:\n{log_tail(log)}")
            time.sleep(0.1)
        yield
    finally:
        stop_group(process)


def listening(port: int) -> bool:
    """Whether something accepts connections on the loopback port."""
    try:
        socket.create_connection((HOST, port), timeout=1).close()
        return True
    except OSError:
        return False


# --- the site -------------------------------------------------------------------------------


def clean_environ() -> dict[str, str]:
    """The inherited environment without the variables the portal, Flask and gunicorn.conf.py read."""
    dropped = ("PORTAL_", "FLASK_", "GUNICORN_", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")
    return {k: v for k, v in os.environ.items() if not k.startswith(dropped)}


def portal_settings(folder: Path) -> dict[str, str]:
    """Production settings: a fresh SQLite database (or PORTAL_DATABASE_URL), temporary media."""
    return {
        "PORTAL_CONFIG": "production",
        "PORTAL_SECRET_KEY": secrets.token_hex(32),
        "PORTAL_DATABASE_URL": os.environ.get("PORTAL_DATABASE_URL") or f"sqlite:///{folder / 'portal.db'}",
        "PORTAL_MEDIA_DIR": os.environ.get("PORTAL_MEDIA_DIR") or str(folder / "media"),
        "PORTAL_BIND": f"{HOST}:{free_port()}",
        "WEB_CONCURRENCY": WORKERS,
        **({"PORTAL_REDIS_URL": os.environ["PORTAL_REDIS_URL"]} if os.environ.get("PORTAL_REDIS_URL") else {}),
    }


def run_flask(arguments: list[str], settings: dict[str, str]) -> str:
    """Run `flask --app wsgi ...` with the settings; return its output or raise BenchError."""
    command = [str(BIN / "flask"), "--app", "wsgi", *arguments]
    print(f"  $ flask --app wsgi {' '.join(arguments)}", flush=True)
    result = subprocess.run(  # noqa: S603  (our own fixed command)
        command, cwd=REPO, env={**clean_environ(), **settings}, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise BenchError(f"`flask {' '.join(arguments)}` failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def seed(settings: dict[str, str], fresh: bool) -> None:
    """Build the schema and the demo content; a fresh database leaves no sign-in file in instance/."""
    instance = REPO / "instance"
    before = set(instance.glob("demo-accounts*.txt"))
    run_flask(["db", "upgrade"], settings)
    print("   ", run_flask(["seed-demo"], settings).splitlines()[0], flush=True)
    if fresh:
        for created in set(instance.glob("demo-accounts*.txt")) - before:
            created.unlink()


def make_certificate(openssl: str, folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"]
    command += ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603
    return cert, key


def render_site(
    folder: Path, media: Path, cert: Path, key: Path, app_port: int, http_port: int, https_port: int
) -> str:
    """deploy/nginx/portal.conf with its placeholders replaced for a temporary, unprivileged run."""
    replacements = {
        "portal.example.gov.vn": SERVER_NAME,
        "/etc/ssl/portal/fullchain.pem": str(cert),
        "/etc/ssl/portal/privkey.pem": str(key),
        "/srv/portal/": f"{REPO}/",
        "/var/lib/portal/media/": f"{media}/",
        "/var/cache/nginx/portal": str(folder / "nginx" / "cache"),
        "127.0.0.1:8000": f"{HOST}:{app_port}",
        "listen 80;": f"listen {HOST}:{http_port};",
        "listen 443 ssl http2;": f"listen {HOST}:{https_port} ssl http2;",
        # On a port other than 443, $host drops the port and the app's absolute links would miss it.
        "proxy_set_header Host $host;": "proxy_set_header Host $http_host;",
        "proxy_set_header X-Forwarded-Host $host;": "proxy_set_header X-Forwarded-Host $http_host;",
    }
    text = SITE.read_text()
    for placeholder, value in replacements.items():
        if placeholder not in text:
            raise BenchError(f"{SITE.relative_to(REPO)} no longer contains {placeholder!r}: update bench/lighthouse.py")
        text = text.replace(placeholder, value)
    return "\n".join(line for line in text.splitlines() if "listen [::]" not in line) + "\n"


def nginx_files(tools: Tools, folder: Path, media: Path, app_port: int) -> tuple[list[str], int]:
    """Write nginx.conf and the adapted site under folder/nginx; return the command and the HTTPS port."""
    home = folder / "nginx"
    home.mkdir()
    cert, key = make_certificate(tools.openssl, home)
    https_port = free_port()
    site = render_site(folder, media, cert, key, app_port, free_port(), https_port)
    (home / "portal.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {home}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (home / "nginx.conf").write_text(
        f"{'user root;' if os.geteuid() == 0 else ''}\n"  # as root the workers would be nobody, who may not read the repo
        f"worker_processes 1;\npid {home}/nginx.pid;\nerror_log {home}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log {home}/access.log;\n{temp}\n    include {home}/portal.conf;\n}}\n"
    )
    command = [tools.nginx, "-e", str(home / "error.log"), "-p", str(home), "-c", str(home / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)  # noqa: S603
    if check.returncode != 0:
        raise BenchError(f"nginx refuses the adapted site ({home}/portal.conf):\n{check.stderr}")
    return [*command, "-g", "daemon off;"], https_port


@contextlib.contextmanager
def site(tools: Tools, folder: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The demo site in production settings behind nginx; yields its HTTPS base URL and the portal's settings."""
    settings = portal_settings(folder)
    print(f"database: {settings['PORTAL_DATABASE_URL']}; media: {settings['PORTAL_MEDIA_DIR']}")
    seed(settings, fresh="PORTAL_DATABASE_URL" not in os.environ)
    app_port = int(settings["PORTAL_BIND"].rsplit(":", 1)[1])
    gunicorn = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
    nginx, https_port = nginx_files(tools, folder, Path(settings["PORTAL_MEDIA_DIR"]), app_port)
    env = {**clean_environ(), **settings}
    with server("gunicorn", gunicorn, env, app_port, folder / "gunicorn.log"):
        with server("nginx", nginx, clean_environ(), https_port, folder / "nginx" / "stderr.log"):
            print(f"gunicorn (gunicorn.conf.py, {WORKERS} workers) on {HOST}:{app_port}, nginx on {https_port}")
            yield f"https://{SERVER_NAME}:{https_port}", settings


# --- the pages ------------------------------------------------------------------------------


def pick_pages(settings: dict[str, str]) -> dict[str, str]:
    """Home, the fullest category, the newest article with a picture, a search that finds it."""
    sys.path.insert(0, str(REPO))
    from config import ProductionConfig
    from portal import create_app

    logging.getLogger("portal").setLevel(logging.ERROR)  # its start-up advice is for real deployments
    overrides = {
        "SQLALCHEMY_DATABASE_URI": settings["PORTAL_DATABASE_URL"],
        "MEDIA_DIR": settings["PORTAL_MEDIA_DIR"],
        "SECRET_KEY": settings["PORTAL_SECRET_KEY"],
        "REDIS_URL": None,
    }
    app = create_app(type("LighthousePagesConfig", (ProductionConfig,), overrides))
    with app.test_request_context():
        try:
            return {"home": "/", **_content_pages(settings["PORTAL_MEDIA_DIR"])}
        finally:
            from portal.extensions import db

            db.session.remove()
            db.engine.dispose()


def _content_pages(media_dir: str) -> dict[str, str]:
    """The category, article and search URLs, read through the portal's own code."""
    import sqlalchemy as sa
    from flask import url_for

    from portal import clock
    from portal.content.published import is_visible
    from portal.extensions import db
    from portal.links import article_url
    from portal.models import Article, Category

    now = clock.now()
    counts = sa.select(Article.category_id, sa.func.count()).where(is_visible(now)).group_by(Article.category_id)
    fullest = max(db.session.execute(counts), key=lambda row: row[1], default=None)
    pictured = sa.select(Article).where(is_visible(now), Article.image_id.is_not(None))
    article = db.session.scalar(pictured.order_by(Article.published_at.desc()).limit(1))
    if fullest is None or article is None:
        raise BenchError("the demo database has no visible article with a picture")
    if not (Path(media_dir) / article.image.filename).exists():
        raise BenchError(f"the picture of {article_url(article)} is not in {media_dir}: set PORTAL_MEDIA_DIR")
    category = db.session.get(Category, fullest[0])
    return {
        "category": url_for("public.category", category_slug=category.slug),
        "article": article_url(article),
        "search": url_for("public.search", q=search_query(article.title, now)),
    }


def search_query(title: str, now: datetime) -> str:
    """Two words of the title typed without diacritics, the first pair that finds something."""
    from portal.content.search import Query, fold, search

    words = [w for w in re.findall(r"\w+", fold(title)) if len(w) > 1]
    for start in range(max(1, len(words) - 1)):
        query = " ".join(words[start : start + 2])
        page = search(Query.parse(query), now, 1, 10)
        if page is not None and page.total > 0:
            return query
    raise BenchError(f"no two words of {title!r} find anything through the search")


def check_pages(base: str, pages: dict[str, str], cafile: Path) -> None:
    """GET each page twice through nginx (warming the caches); each must answer 200."""
    context = ssl.create_default_context(cafile=str(cafile))
    port = int(base.rsplit(":", 1)[1])
    for name, path in pages.items():
        for _ in range(2):
            connection = http.client.HTTPSConnection(SERVER_NAME, port, context=context, timeout=60)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            finally:
                connection.close()
            if response.status != 200:
                raise BenchError(f"{name} page {path} answered {response.status}")


# --- Lighthouse -----------------------------------------------------------------------------


@dataclass
class Run:
    """One Lighthouse report, reduced to what is printed."""

    scores: dict[str, float | None]
    audits: dict[str, dict]
    error: str = ""
    load: float = 0.0


def lighthouse_command(tools: Tools, url: str, output: Path, skipped: list[str]) -> list[str]:
    """Lighthouse's default (mobile) run of the four categories, JSON and HTML reports."""
    return [
        tools.node, str(tools.lighthouse), url, "--quiet", "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html", f"--output-path={output}",
        *(f"--chrome-flags={flag}" for flag in CHROME_FLAGS),
        *([f"--skip-audits={','.join(skipped)}"] if skipped else []),
    ]  # fmt: skip


def kill_leftover_chrome(tmp: Path) -> None:
    """Chrome leads its own process group; end any that Lighthouse left in our temporary folder."""
    for pid_file in tmp.glob("lighthouse.*/chrome.pid"):
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text().strip())
            if str(tmp) in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                os.killpg(pid, signal.SIGKILL)


def run_lighthouse(tools: Tools, url: str, output: Path, tmp: Path, skipped: list[str]) -> Run:
    """One Lighthouse run; Chrome's profile and temporary files stay under tmp."""
    env = {**os.environ, "CHROME_PATH": tools.chrome, "TMPDIR": str(tmp), "HOME": str(tmp)}
    env.update(XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"))
    load = os.getloadavg()[0]
    log = output.with_suffix(".log")
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603  (our own fixed command)
            lighthouse_command(tools, url, output, skipped), cwd=tmp, env=env, stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        process.wait(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Run({}, {}, error=f"Lighthouse took more than {RUN_TIMEOUT:.0f} s", load=load)
    finally:
        if process.poll() is None:
            stop_group(process, signal.SIGINT)  # chrome-launcher closes Chrome on SIGINT
        kill_leftover_chrome(tmp)
    return read_report(Path(f"{output}.report.json"), process.returncode, log, load)


def read_report(path: Path, status: int, log: Path, load: float) -> Run:
    """The scores and scored audits of a JSON report, or the reason there is none."""
    try:
        report = json.loads(path.read_text())
    except (OSError, ValueError):
        return Run({}, {}, error=f"no report (exit {status}): {log_tail(log, 5)}", load=load)
    scores = {name: report["categories"].get(name, {}).get("score") for name in CATEGORIES}
    audits = {key: audit for key, audit in report["audits"].items() if audit.get("score") is not None}
    error = (report.get("runtimeError") or {}).get("message", "")
    return Run(scores, audits, error=error, load=load)


# --- report ---------------------------------------------------------------------------------


@dataclass
class PageResult:
    """The runs of one page."""

    name: str
    path: str
    runs: list[Run] = field(default_factory=list)

    def good_runs(self) -> list[Run]:
        """Runs that produced every category score."""
        return [r for r in self.runs if not r.error and all(r.scores.get(c) is not None for c in CATEGORIES)]

    def median(self, category: str) -> int | None:
        """The median score of a category, 0-100."""
        values = [r.scores[category] * 100 for r in self.good_runs()]
        return round(statistics.median(values)) if values else None

    def typical_run(self) -> Run | None:
        """The run whose performance score is the median one (its figures are printed)."""
        runs = sorted(self.good_runs(), key=lambda r: r.scores["performance"])
        return runs[(len(runs) - 1) // 2] if runs else None


def print_scores(results: list[PageResult]) -> None:
    """The table of median scores, with each run's performance score."""
    print("\nMedian scores (performance of each run in brackets):")
    print(f"  {'page':9} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  runs          path")
    for page in results:
        cells = [f"{'-' if page.median(c) is None else page.median(c):>4}" for c in CATEGORIES]
        runs = " ".join(f"{round(r.scores['performance'] * 100)}" for r in page.good_runs())
        print(f"  {page.name:9} {' '.join(cells)}  [{runs}]{' ' * max(1, 12 - len(runs))}{page.path}")


def print_audits(page: PageResult) -> None:
    """Every audit that scored below 1 in some run: median score, id, title, the typical run's value, how often."""
    runs, typical = page.good_runs(), page.typical_run()
    failing = sorted({key for run in runs for key, audit in run.audits.items() if audit["score"] < 1})
    print(f"\n{page.name} ({page.path}): {len(failing)} audit(s) below 1")
    rows = []
    for key in failing:
        scores = [run.audits[key]["score"] for run in runs if key in run.audits]
        audit = typical.audits.get(key) or next(run.audits[key] for run in runs if key in run.audits)
        below = [s for s in scores if s < 1]
        how_often = f"below 1 in {len(below)}/{len(scores)} runs" + (f", lowest {min(below):.2f}" if below else "")
        rows.append((statistics.median(scores), key, audit, how_often))
    for score, key, audit, how_often in sorted(rows, key=lambda row: (row[0], row[1])):
        value = f"  [{audit['displayValue']}]" if audit.get("displayValue") else ""
        print(f"  {score:4.2f}  {key}  {audit['title']}{value}  ({how_often})")
    for key, why in SKIPPED_AUDITS.get(page.name, {}).items():
        print(f"  skipped  {key}: {why}")


def measure(tools: Tools, base: str, pages: dict[str, str], runs: int, out: Path, tmp: Path) -> list[PageResult]:
    """Run Lighthouse on every page, page after page within each round."""
    results = [PageResult(name, path) for name, path in pages.items()]
    for number in range(1, runs + 1):
        for page in results:
            skipped = list(SKIPPED_AUDITS.get(page.name, {}))
            run = run_lighthouse(tools, base + page.path, out / f"{page.name}-{number}", tmp, skipped)
            page.runs.append(run)
            figures = " ".join(
                f"{SHORT[c]} {'-' if run.scores.get(c) is None else round(run.scores[c] * 100)}" for c in CATEGORIES
            )
            print(
                f"  run {number} {page.name:9} {figures}  (load {run.load:.2f}){'  ' + run.error if run.error else ''}",
                flush=True,
            )
    return results


def verdict(results: list[PageResult], minimum: int) -> int:
    """0 when every median reaches the minimum, 1 when one does not; BenchError when a page has no good run."""
    missing = [page.name for page in results if not page.good_runs()]
    if missing:
        raise BenchError(f"no complete Lighthouse run for {', '.join(missing)} (see the .log files)")
    low = [f"{p.name} {c} {p.median(c)}" for p in results for c in CATEGORIES if p.median(c) < minimum]
    print(f"\n{'below' if low else 'every median score reaches'} {minimum}{': ' + ', '.join(low) if low else ''}")
    return 1 if low else 0


# --- main -----------------------------------------------------------------------------------


def measure_site(args: argparse.Namespace, tools: Tools, folder: Path) -> int:
    """Bring the site up, measure, print; return the exit status."""
    out = (args.out or CACHE / "reports" / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")).resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = folder / "chrome"
    tmp.mkdir()
    with site(tools, folder) as (base, settings):
        pages = pick_pages(settings)
        check_pages(base, pages, folder / "nginx" / "cert.pem")
        cpus = os.cpu_count() or 1
        print(
            f"Lighthouse {LIGHTHOUSE_VERSION}, mobile preset, {args.runs} run(s) per page; {cpus} CPUs; load {os.getloadavg()}"
        )
        results = measure(tools, base, pages, args.runs, out, tmp)
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    print_scores(results)
    for page in results:
        print_audits(page)
    print(f"\nreports (JSON and HTML): {out}")
    return verdict(results, args.min)


def _interrupted(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that servers are stopped on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; return the exit status."""
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    folder = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    try:
        return measure_site(args, find_tools(args.chrome), folder)
    except BenchError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted; every process started here was stopped", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
