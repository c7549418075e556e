"""Replay the attacks of issue 12 against gunicorn (2 workers, SQLite, no Redis) and time them.

Starts the demo site under gunicorn on a free loopback port, signs in as the demo author and
editor through the real forms (CSRF on), and sends every hostile request of the issue's table
while another thread asks /healthz every 50 ms. Prints, per row, the answer, the slowest
request of the row and its ratio to a reference (saving an ordinary 300-paragraph article in
the same run), then the slowest /healthz answer and the workers' peak memory (VmHWM).

    .venv/bin/python bench/hostile.py [--keep]

Exit status 0 when every row answered without a 5xx in under 2 s and /healthz in under 100 ms,
1 otherwise. Everything it makes stays in a temporary folder (kept with --keep).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import multiprocessing
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIMIT_SECONDS, HEALTH_LIMIT_MS, MEMORY_LIMIT_MB = 2.0, 100.0, 250.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A browser of its own (cookie jar) that times every request and never raises on an HTTP error."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.slowest = 0.0

    def open(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as answer:
                status, body = answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
        self.slowest = max(self.slowest, time.perf_counter() - started)
        return status, body

    def token(self, path: str) -> str:
        found = re.search(r'name="csrf[-_]token"[^>]*(?:value|content)="([^"]+)"', self.open(path)[1])
        return found.group(1) if found else ""

    def post(self, path: str, fields: dict, form_path: str | None = None) -> tuple[int, str]:
        fields = {"csrf_token": self.token(form_path or path), **fields}
        return self.open(path, urllib.parse.urlencode(fields).encode())

    def post_multipart(self, path: str, fields: dict, files: dict, form_path: str) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token(form_path)}\r\n'
        ]
        parts += [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()
        ]
        body = "".join(parts).encode()
        for name, (filename, content) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            body += (head + "Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        return self.open(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def sign_in(self, username: str, password: str) -> int:
        return self.post("/login", {"username": username, "password": password}, "/login")[0]


@dataclass
class Health:
    """What the /healthz watcher saw, shared with this process."""

    slowest_ms: Any
    slowest_at: Any
    failures: Any


def watch_health(base: str, health: Health, running: Any) -> None:
    """In a process of its own (so this script's work cannot delay it): ask /healthz every 50 ms."""
    while running.value:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30) as answer:  # noqa: S310 (loopback)
                answer.read()
        except OSError:
            health.failures.value += 1
        took = (time.perf_counter() - started) * 1000
        if took > health.slowest_ms.value:
            health.slowest_ms.value, health.slowest_at.value = took, time.time()
        time.sleep(0.05)


def article_fields(category_id: str, body: str, **extra) -> dict:
    return {
        "title": "Bài thử", "lead": "", "body": body, "byline": "", "source": "", "category": category_id,
        "tags": "", "image_caption": "", "image_alt": "", "published_at": "", "action": "save", **extra,
    }  # fmt: skip


def png_bomb() -> bytes:
    """6300×6300 16-bit greyscale zeros: about 300 KB on disk, 79 MB decoded."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("I;16", (6300, 6300)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def vm_hwm_mb(master_pid: int) -> float:
    """The largest peak resident memory among gunicorn's workers, in MB."""
    peak = 0.0
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def start_site(folder: Path) -> tuple[subprocess.Popen, str, dict]:
    """Seed the demo on SQLite and start gunicorn with 2 workers; return it, its URL and the demo passwords."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_"))}
    env.update(
        PORTAL_CONFIG="development", PORTAL_SECRET_KEY=secrets.token_hex(32),
        PORTAL_DATABASE_URL=f"sqlite:///{folder / 'portal.db'}", PORTAL_MEDIA_DIR=str(folder / "media"),
        PORTAL_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2",
    )  # fmt: skip
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([*flask, *command], cwd=REPO, env=env, check=True, capture_output=True)  # noqa: S603
    accounts = subprocess.run(  # noqa: S603  (our own fixed command)
        [*flask, "demo-accounts"], cwd=REPO, env=env, check=True, capture_output=True, text=True
    )
    passwords = dict(re.findall(r"^\s+(\w+)\s+\w+\s+(\S+)$", accounts.stdout, re.MULTILINE))
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603  (our own fixed command)
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"], cwd=REPO, env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, f"http://127.0.0.1:{port}", passwords
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def rows(base: str, passwords: dict) -> list[tuple[str, callable]]:
    """Each row of the issue's table: (what, a function that plays it and returns (browser, answer))."""
    author, editor, owner = Browser(base), Browser(base), Browser(base)
    assert author.sign_in("tacgia", passwords["tacgia"]) == 200, "the demo author could not sign in"
    assert editor.sign_in("bientap", passwords["bientap"]) == 200, "the demo editor could not sign in"
    assert owner.sign_in("admin", passwords["admin"]) == 200, "the demo admin could not sign in"
    owner.post("/logout", {}, "/account")  # the admin's own browser, which has signed in before
    bomb = png_bomb()
    category = re.search(r'<option value="(\d+)"', author.open("/editor/articles/new")[1]).group(1)

    def save(body: str, browser: Browser = author) -> tuple[Browser, str]:
        browser.slowest = 0.0
        status, _ = browser.post("/editor/articles/new", article_fields(category, body), "/editor/articles/new")
        return browser, str(status)

    def reference():
        return save(
            "".join(f"<p>Đoạn {i}: <strong>hội nghị</strong> bàn về <em>chuyển đổi số</em>.</p>" for i in range(300))
        )

    def comparison():
        editor.slowest = 0.0
        editor.post("/editor/articles/new", article_fields(category, "<p>Bắt đầu</p>"), "/editor/articles/new")
        article_id = re.search(r"/editor/articles/(\d+)/edit", editor.open("/editor/?status=draft")[1]).group(1)
        form = f"/editor/articles/{article_id}/edit"
        for version, body in ((1, "x<br>" * 11_000), (2, "y<br>" * 11_000)):
            editor.post(form, article_fields(category, body, version=str(version)), form)
        revisions = re.findall(r'name="a" value="(\d+)"', editor.open(f"/editor/articles/{article_id}/revisions")[1])
        newest, older = sorted({int(r) for r in revisions}, reverse=True)[:2]
        editor.slowest = 0.0
        status, page = editor.open(f"/editor/articles/{article_id}/revisions/diff?a={older}&b={newest}")
        return editor, f"{status}{' (by paragraph)' if 'quá dài để so sánh' in page else ''}"

    def upload():
        author.slowest = 0.0
        fields = article_fields(category, "<p>Ảnh</p>")
        status, _ = author.post_multipart(
            "/editor/articles/new", fields, {"image": ("bom.png", bomb)}, "/editor/articles/new"
        )
        return author, str(status)

    def categories(count: int, nested: bool):
        editor.slowest, parent, refused = 0.0, "0", None
        for n in range(count):
            status, page = editor.post(
                "/editor/categories/",
                {
                    "name": f"Chuyên mục {uuid.uuid4().hex[:6]} {n}",
                    "slug": "",
                    "parent": parent,
                    "position": "0",
                    "description": "",
                },
            )
            if status >= 400:
                refused = status
                break
            if nested:
                parent = re.findall(r'<option value="(\d+)"', editor.open("/editor/categories/")[1])[-1]
        pages = f"/ {Browser(base).open('/')[0]} · /editor/ {editor.open('/editor/')[0]}"
        return editor, f"refused with {refused} after {n} · {pages}"

    def forged_posts():
        stranger = Browser(base)
        statuses = {stranger.open("/login", b"username=a&password=b")[0] for _ in range(300)}
        return stranger, "/".join(map(str, sorted(statuses)))

    def guessing():
        stranger = Browser(base)
        answers = [stranger.sign_in("admin", "khong-phai-mat-khau") for _ in range(6)]
        newcomer = Browser(base).sign_in("admin", passwords["admin"])
        owner.slowest = 0.0
        again = owner.sign_in("admin", passwords["admin"])
        return owner, f"stranger {answers} · new browser {newcomer} · owner's {again}"

    def dates():
        reader = Browser(base)
        paths = ["/search?q=tin&from=01/01/0001", "/search?q=tin&to=31/12/9999", "/search?q=tin&from=%ff%fe"]
        statuses = [reader.open(p)[0] for p in paths]
        statuses.append(owner.open("/admin/audit?date_from=01/01/0001")[0])
        statuses.append(save_dated())
        deep = author.open(
            "/editor/autosave",
            ("[" * 100_000 + "]" * 100_000).encode(),
            {"Content-Type": "application/json", "X-CSRFToken": author.token("/editor/")},
        )[0]
        return reader, f"{statuses} deep JSON {deep}"

    def save_dated():
        return author.post(
            "/editor/articles/new",
            article_fields(category, "<p>x</p>", published_at="01/01/0001 00:00"),
            "/editor/articles/new",
        )[0]

    def forwarded_proto():
        reader = Browser(base)
        reader.open("/rss.xml", headers={"X-Forwarded-Proto": "https"})
        plain = reader.open("/rss.xml")[1]
        return reader, "https links leaked" if "https://127.0.0.1" in plain else "plain readers get http links"

    def secret_tag():
        author.post(
            "/editor/articles/new",
            article_fields(category, "<p>x</p>", tags="Kế hoạch sáp nhập bí mật"),
            "/editor/articles/new",
        )
        reader = Browser(base)
        return reader, str(reader.open("/tag/ke-hoach-sap-nhap-bi-mat")[0])

    def weak_passwords():
        answers = []
        for password in ("Passw0rd!!", "Password@1234", "Admin@12345", "Matkhau@2027", "Huongan@2027"):
            status, _ = author.post(
                "/account/password",
                {"current_password": passwords["tacgia"], "new_password": password, "confirm_password": password},
                "/account",
            )
            answers.append(status)
        return author, f"{answers} (400 = refused)"

    return [
        ("reference: an ordinary 300-paragraph article", reference),
        ('body "<b>" * 70000', lambda: save("<b>" * 70_000)),
        ("20,000 nested tags", lambda: save("<b>" * 20_000)),
        ("100,000 nested tags", lambda: save("<b>" * 100_000)),
        ("one <a> with 40,000 attributes", lambda: save("<a " + " ".join(f"a{i}=1" for i in range(40_000)) + ">x</a>")),
        ("16,000 paragraphs with emphasis", lambda: save("<p><em>x</em></p>" * 16_000)),
        (
            'a ">" in a quoted value, 70,000 attributes',
            lambda: save('<p x=">" ' + " ".join(f"a{i}" for i in range(70_000)) + ">"),
        ),
        ("4,000 formatting tags left open", lambda: save("".join(f"<p><b x={i}></p>" for i in range(4_000)))),
        ("6,000 nested lists", lambda: save("<ul><li>" * 6_000)),
        ("comparison of two 11,000-line revisions", comparison),
        ("6300×6300 16-bit PNG as lead image", upload),
        ("categories nested 975 deep", lambda: categories(975, nested=True)),
        ("the 501st category", lambda: categories(510, nested=False)),
        ("POST /login without a token, 300 times", forged_posts),
        ("5 wrong passwords for admin, then the owner", guessing),
        ("dates 0001 and 9999, deep JSON", dates),
        ("X-Forwarded-Proto: https straight to gunicorn", forwarded_proto),
        ("a draft's tag page", secret_tag),
        ("weak passwords", weak_passwords),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="portal-hostile-"))
    server, base, passwords = start_site(folder)
    health = Health(multiprocessing.Value("d", 0.0), multiprocessing.Value("d", 0.0), multiprocessing.Value("i", 0))
    running = multiprocessing.Value("b", 1)
    watch = multiprocessing.Process(target=watch_health, args=(base, health, running), daemon=True)
    ok, reference, spans = True, None, []
    try:
        plays = rows(base, passwords)  # signs in, warms both workers up, builds the payloads
        for _ in range(10):
            Browser(base).open("/healthz")
        watch.start()
        print(f"{'row':48} {'answer':78} {'slowest':>8} {'ratio':>6}")
        for what, play in plays:
            spans.append((what, time.time()))
            browser, answer = play()
            reference = reference or browser.slowest
            slow = browser.slowest > LIMIT_SECONDS or re.search(r"\b5\d\d\b", answer)
            ok = ok and not slow
            mark = "  !" if slow else ""
            print(f"{what[:48]:48} {answer[:78]:78} {browser.slowest:7.2f}s {browser.slowest / reference:5.1f}×{mark}")
        running.value = 0
        watch.join(timeout=30)
        memory = vm_hwm_mb(server.pid)
        during = next((what for what, start in reversed(spans) if start <= health.slowest_at.value), "-")
        print(
            f"\n/healthz: slowest {health.slowest_ms.value:.0f} ms (during: {during}), {health.failures.value} failures"
        )
        print(
            f"  limit {HEALTH_LIMIT_MS:.0f} ms; workers' peak memory (VmHWM): {memory:.0f} MB, limit {MEMORY_LIMIT_MB:.0f} MB"
        )
        ok = ok and health.slowest_ms.value < HEALTH_LIMIT_MS and not health.failures.value and memory < MEMORY_LIMIT_MB
    finally:
        server.terminate()
        server.wait(timeout=30)
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("all rows within the limits" if ok else "SOME ROWS ARE OUT OF LIMITS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
