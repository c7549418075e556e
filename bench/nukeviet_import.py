"""Time the NukeViet import at the size of a real town portal.

Builds a NukeViet 4.5 news site in MariaDB (10,000 articles, 50 categories, 2,000 tags and
5,000 pictures in uploads/ by default, each picture the lead image of one article and shown in
the bodies of others), imports it into a fresh portal database (an SQLite file, or
--database-url), then runs the import again and checks that the second run changes nothing.

    .venv/bin/python bench/nukeviet_import.py --mysql-url mysql+pymysql://user:pass@127.0.0.1/db
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.content.nukeviet.importer import Options, import_site  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Article, Media  # noqa: E402
from tests.nukeviet_site import NukevietSite, article_row, detail_row, picture, seconds, ssha, user_row  # noqa: E402

WORDS = (
    "xã phường thị trấn nhân dân cán bộ đảng viên hội nghị tổng kết triển khai kế hoạch nông thôn mới "
    "giao thông thủy lợi mùa vụ lúa tôm cá học sinh trường học trạm y tế tiêm chủng văn hóa lễ hội "
    "thể thao an ninh trật tự chuyển đổi số dịch vụ công trực tuyến ngân sách đầu tư công trình"
).split()
CHUNK = 1000


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def body(rng: random.Random, pictures: list[int]) -> str:
    """About 2 KB of CKEditor-style markup with the given pictures."""
    parts = [f'<p style="text-align: justify;">{sentence(rng, 60)}.&nbsp;</p>' for _ in range(4)]
    for number in pictures:
        parts.insert(
            2,
            f'<div style="text-align: center;"><img alt="{sentence(rng, 5)}" height="500" '
            f'src="/uploads/news/2024_{number % 12 + 1:02d}/anh-{number}.jpg" width="800" /></div>'
            f'<p style="text-align: center;"><em>{sentence(rng, 8)}</em></p>',
        )
    parts.append(f'<p style="text-align: right;"><strong>{sentence(rng, 2)}</strong></p>')
    return "\n".join(parts)


def build_site(site: NukevietSite, args: argparse.Namespace, now: datetime) -> None:
    """The old site: categories in a two-level tree, tags, three staff, articles and pictures."""
    rng, t = random.Random(2024), seconds(now)
    site.create_tables()
    tops = max(1, args.categories // 5)
    site.insert("cat", [
        {"catid": c, "parentid": 0 if c <= tops else (c % tops) + 1, "title": f"Chuyên mục {c}", "alias": f"chuyen-muc-{c}",
         "description": sentence(rng, 10), "weight": c, "sort": c, "featured": 0, "status": 1}
        for c in range(1, args.categories + 1)
    ])  # fmt: skip
    site.insert(
        "tags", [{"tid": i, "title": f"{sentence(rng, 2)} {i}", "alias": f"the-{i}"} for i in range(1, args.tags + 1)]
    )
    site.insert("users", [
        user_row(1, "quantri", ssha("mat khau quan tri"), "quantri@example.vn", "An", "Nguyễn Văn", t),
        user_row(2, "bientap", ssha("mat khau bien tap"), "bientap@example.vn", "Bình", "Trần Thị", t),
    ])  # fmt: skip
    site.insert(
        "authors",
        [{"admin_id": 1, "lev": 1, "position": "Quản trị"}, {"admin_id": 2, "lev": 2, "position": "Điều hành"}],
    )
    for start in range(1, args.articles + 1, CHUNK):
        ids = range(start, min(start + CHUNK, args.articles + 1))
        rows, details, tags = [], [], []
        for i in ids:
            lead = (i - 1) % args.pictures if i <= args.pictures else None
            when = t - (args.articles - i) * 3600
            rows.append(article_row(
                i, rng.randint(1, args.categories), sentence(rng, 12), f"bai-viet-{i}", when,
                admin_id=1 + i % 2, hometext=sentence(rng, 30), hitstotal=rng.randint(0, 5000), author=sentence(rng, 2),
                homeimgfile=f"2024_{lead % 12 + 1:02d}/anh-{lead}.jpg" if lead is not None else "", homeimgalt=sentence(rng, 5),
            ))  # fmt: skip
            details.append(detail_row(i, body(rng, [rng.randrange(args.pictures)] if i % 2 else [])))
            tags += [{"id": i, "tid": tid, "keyword": ""} for tid in rng.sample(range(1, args.tags + 1), 3)]
        site.insert("rows", rows)
        site.insert("detail", details)
        site.insert("tags_id", tags)
    for number in range(args.pictures):
        data = picture(800, 500, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        site.put_picture(f"news/2024_{number % 12 + 1:02d}/anh-{number}.jpg", data)


def timed_import(app, site: NukevietSite, now: datetime, label: str):
    started = time.perf_counter()
    report = import_site(Options(site.url, site.prefix, uploads=site.uploads), app.config["MEDIA_DIR"], now)
    elapsed = time.perf_counter() - started
    created = ", ".join(f"{kind} {report.created[kind]}" for kind in ("user", "category", "tag", "article", "picture"))
    print(f"{label}: {elapsed:.1f} s  created: {created}  warnings: {len(report.warnings)}", flush=True)
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mysql-url", default=os.environ.get("PORTAL_TEST_MYSQL_URL"), help="the old site's MariaDB")
    parser.add_argument("--database-url", help="the portal's database (default: a new SQLite file)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--categories", type=int, default=50)
    parser.add_argument("--tags", type=int, default=2_000)
    parser.add_argument("--pictures", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true", help="keep the old site's tables afterwards")
    args = parser.parse_args()
    if not args.mysql_url:
        parser.error("--mysql-url (or PORTAL_TEST_MYSQL_URL) is required")
    work = Path(tempfile.mkdtemp(prefix="nukeviet-bench-"))
    now = datetime.now(UTC).replace(microsecond=0)
    site = NukevietSite(args.mysql_url, "nvbench", work / "uploads")
    started = time.perf_counter()
    build_site(site, args, now)
    print(f"old site built in {time.perf_counter() - started:.1f} s ({work})", flush=True)
    url = args.database_url or f"sqlite:///{work / 'portal.db'}"
    (work / "media").mkdir()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MEDIA_DIR": str(work / "media"), "PAGE_CACHE": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        first, _ = timed_import(app, site, now, "first run")
        second, report = timed_import(app, site, now + timedelta(minutes=5), "second run")
        articles = db.session.scalar(sa.select(sa.func.count()).select_from(Article))
        media = db.session.scalar(sa.select(sa.func.count()).select_from(Media))
        print(f"portal now holds {articles} articles and {media} pictures")
        assert sum(report.created.values()) == 0, "the second run changed something"
        print(f"target: first run under 300 s: {'met' if first < 300 else 'MISSED'} ({first:.0f} s)")
    if not args.keep:
        site.drop_tables()


if __name__ == "__main__":
    main()
