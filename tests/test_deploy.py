"""The deployment files for real: gunicorn.conf.py starts the app, deploy/nginx/portal.conf parses,
serves static files and media, redirects to HTTPS and micro-caches what it may, and the env example
names every setting. Needs nginx (skipped without it, except under CI=true) and openssl."""

import http.client
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from config import BASE_DIR, Config
from tests.servers import answers, free_port, gunicorn_command, require, stop, wait_until

SITE = BASE_DIR / "deploy" / "nginx" / "portal.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
OPENSSL = shutil.which("openssl")
MEDIA_NAME = "0123456789abcdef0123456789abcdef-480.jpg"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [require(OPENSSL, "openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


class Nginx:
    """deploy/nginx/portal.conf rendered for a temporary folder and high ports, under a main config."""

    def __init__(self, folder: Path, upstream_port: int) -> None:
        self.folder = folder
        self.http_port, self.https_port = free_port(), free_port()
        self.media = folder / "media"
        self.media.mkdir(exist_ok=True)
        self.cert, key = make_certificate(folder)
        site = render_site(
            {
                "portal.example.gov.vn": "localhost",
                "/etc/ssl/portal/fullchain.pem": str(self.cert),
                "/etc/ssl/portal/privkey.pem": str(key),
                "/srv/portal/": f"{BASE_DIR}/",
                "/var/lib/portal/media/": f"{self.media}/",
                "/var/cache/nginx/portal": str(folder / "cache"),
                "127.0.0.1:8000": f"127.0.0.1:{upstream_port}",
                "listen 80;": f"listen 127.0.0.1:{self.http_port};",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{self.https_port} ssl http2;",
            }
        )
        (folder / "portal.conf").write_text(site)
        temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("proxy", "fastcgi", "uwsgi", "scgi"))
        (folder / "nginx.conf").write_text(
            f"{'user root;' if os.geteuid() == 0 else ''}\n"
            f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events { worker_connections 64; }\n"
            "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log {folder}/access.log;\n    client_body_temp_path {folder}/body;\n{temp}\n"
            f"    include {folder}/portal.conf;\n}}\n"
        )
        self.command = [NGINX, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(folder / "nginx.conf")]
        self.process: subprocess.Popen | None = None

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run([*self.command, "-t"], capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        with (self.folder / "stderr.log").open("w") as stderr:
            self.process = subprocess.Popen([*self.command, "-g", "daemon off;"], stderr=stderr)
        wait_until(lambda: answers(self.https_port), f"nginx (see {self.folder}/error.log)", self.process, timeout=30)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)

    def get(self, path: str, cookie: str = "", https: bool = True, **headers) -> http.client.HTTPResponse:
        """One request; the response's body is read and kept as .text."""
        if https:
            context = ssl.create_default_context(cafile=str(self.cert))
            connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, context=context, timeout=30)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        connection.close()
        return response


def render_site(replacements: dict[str, str]) -> str:
    """The site file with its placeholders replaced (each must still be there) and no IPv6 listens."""
    text = SITE.read_text()
    for placeholder, value in replacements.items():
        assert placeholder in text, f"{SITE} no longer contains {placeholder!r}: update this test"
        text = text.replace(placeholder, value)
    return "\n".join(line for line in text.splitlines() if "listen [::]" not in line)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (production settings, SQLite) behind nginx, shared by this module's tests."""
    require(NGINX, "nginx")
    folder = tmp_path_factory.mktemp("deploy")
    app_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_"))}
    env.update(
        PORTAL_CONFIG="production",
        PORTAL_SECRET_KEY=secrets.token_hex(32),
        PORTAL_DATABASE_URL=f"sqlite:///{folder / 'portal.db'}",
        PORTAL_MEDIA_DIR=str(folder / "media"),
        PORTAL_BIND=f"127.0.0.1:{app_port}",
        WEB_CONCURRENCY="2",
    )
    upgrade = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert upgrade.returncode == 0, upgrade.stderr[-3000:]
    nginx = Nginx(folder, app_port)
    log = (folder / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [*gunicorn_command(), "-c", "gunicorn.conf.py"], cwd=BASE_DIR, env=env, stdout=log, stderr=log
    )
    try:
        wait_until(lambda: answers(app_port), f"gunicorn (see {folder}/gunicorn.log)", gunicorn)
        nginx.start()
        yield nginx
    finally:
        nginx.stop()
        stop(gunicorn)
        log.close()


def cache_status(response) -> str:
    return response.headers["X-Cache-Status"]


def test_the_site_file_parses(tmp_path):
    require(NGINX, "nginx")
    result = Nginx(tmp_path, free_port()).check()
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_accepts_the_largest_upload_the_app_accepts():
    limit = re.search(r"client_max_body_size (\d+)m;", SITE.read_text())
    assert limit and int(limit.group(1)) == int(Config.MAX_UPLOAD_MB) + 1


def test_a_second_anonymous_reader_is_served_from_the_micro_cache(stack):
    first, second = stack.get("/?page=11"), stack.get("/?page=11")
    assert first.status == second.status == 200
    assert cache_status(first) == "MISS" and cache_status(second) == "HIT"
    assert second.text == first.text


def test_signed_in_requests_neither_read_nor_fill_the_cache(stack):
    for cookie in ("__Host-portal=token", "portal=token", "portal_lang=vi; __Host-portal=token"):
        assert cache_status(stack.get("/?page=12", cookie=cookie)) == "BYPASS"
    assert cache_status(stack.get("/?page=12")) == "MISS"  # nothing was stored by those requests
    assert cache_status(stack.get("/?page=12")) == "HIT"
    assert cache_status(stack.get("/?page=12", cookie="__Host-portal=token")) == "BYPASS"


def test_the_language_cookie_is_part_of_the_cache_key(stack):
    vietnamese = [stack.get("/?page=13") for _ in range(2)]
    english = [stack.get("/?page=13", cookie="portal_lang=en") for _ in range(2)]
    assert [cache_status(r) for r in vietnamese + english] == ["MISS", "HIT", "MISS", "HIT"]
    assert '<html lang="vi">' in vietnamese[1].text and '<html lang="en">' in english[1].text


def test_pages_that_set_a_cookie_or_say_no_store_are_never_kept(stack):
    answers_ = [stack.get("/login") for _ in range(3)]
    assert all(r.status == 200 and r.getheader("Set-Cookie") for r in answers_)
    assert "HIT" not in [cache_status(r) for r in answers_]
    assert {r.getheader("Cache-Control") for r in (stack.get("/healthz"), stack.get("/healthz"))} == {"no-store"}


def test_plain_http_is_redirected_to_https(stack):
    response = stack.get("/tin-tuc/?page=2", https=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/tin-tuc/?page=2"


def test_static_files_come_compressed_with_a_long_expiry(stack):
    response = stack.get("/static/css/portal.css", Accept_Encoding="gzip")
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Cache-Control") == "max-age=604800"


def test_static_urls_with_a_version_are_kept_a_year(stack):
    response = stack.get("/static/css/portal.css?v=0123456789ab", Accept_Encoding="gzip")
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert stack.get("/static/css/portal.css?v=x").getheader("Cache-Control") == "max-age=604800"


@pytest.mark.parametrize(
    ("page", "accepted", "expected"),
    [
        (15, "gzip", {"gzip"}),
        (16, "identity", {None}),
        (17, "br;q=0, gzip", {"gzip"}),
        (18, "gzip, br", {"br", "gzip"}),
    ],
)
def test_readers_never_get_a_cached_copy_in_an_encoding_they_refused(stack, page, accepted, expected):
    first = stack.get(f"/?page={page}", Accept_Encoding="zstd, br, gzip")  # fills the micro-cache
    assert cache_status(stack.get(f"/?page={page}", Accept_Encoding="gzip, deflate, br, zstd")) == "HIT"
    response = stack.get(f"/?page={page}", Accept_Encoding=accepted)
    assert first.status == response.status == 200
    assert response.getheader("Content-Encoding") in expected
    if expected == {None}:
        assert '<html lang="vi">' in response.text


def test_media_serves_only_the_names_the_portal_generates(stack):
    (stack.media / MEDIA_NAME).write_bytes(b"\xff\xd8\xff\xe0 a picture")
    (stack.media / "page.html").write_text("<script>alert(1)</script>")
    picture = stack.get(f"/media/{MEDIA_NAME}")
    assert picture.status == 200 and picture.getheader("Content-Type") == "image/jpeg"
    assert picture.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert picture.getheader("X-Content-Type-Options") == "nosniff"
    assert stack.get("/media/page.html").status == 404


def test_gunicorn_logs_each_request_with_its_duration_in_microseconds(stack):
    stack.get("/readyz")
    line = re.compile(r'"GET /readyz HTTP/1\.[01]" 200 \d+ .* \d+us$', re.MULTILINE)
    log = stack.folder / "gunicorn.log"
    wait_until(lambda: line.search(log.read_text()), "the access log line", timeout=10)  # written after the answer


def test_readers_get_a_vietnamese_503_page_when_gunicorn_is_down(tmp_path):
    require(NGINX, "nginx")
    nginx = Nginx(tmp_path, free_port())  # nothing listens there
    nginx.start()
    try:
        response = nginx.get("/tin-tuc/")
    finally:
        nginx.stop()
    assert response.status == 503 and response.getheader("Retry-After") == "60"
    assert "Hệ thống đang tạm thời gián đoạn" in response.text and "nginx" not in response.text


def test_the_env_example_names_every_setting():
    names = set(re.findall(r'_env(?:_flag)?\("([A-Z_]+)"', (BASE_DIR / "config.py").read_text()))
    example = (BASE_DIR / "deploy" / "portal.env.example").read_text()
    missing = {f"PORTAL_{n}" for n in names | {"BIND"} if not re.search(rf"^#?PORTAL_{n}=", example, re.MULTILINE)}
    assert not missing, f"add {sorted(missing)} to deploy/portal.env.example"


def test_the_readme_documents_the_production_settings():
    readme = (BASE_DIR / "README.md").read_text()
    for name in ("PORTAL_BIND", "PORTAL_ALLOW_PLAIN_HTTP", "PORTAL_DATABASE_CONNECT_TIMEOUT"):
        assert f"| `{name}` |" in readme
