"""Time the uncached public pages that hit the database hardest, on any database URL.

Usage: .venv/bin/python bench/queries.py DATABASE_URL [--runs 30] [--warmup 3] [--only WORD]

Each page is requested through the Flask test client (page cache off when the app has one),
a few times to warm up and then `--runs` times; the table gives the median and 95th
percentile in milliseconds, the number of SQL statements one request runs, and the median CPU
time of this process (SQLite runs inside it; a busy machine inflates wall-clock time, not this).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Article, ArticleStatus, Category, Tag, article_tags, utcnow  # noqa: E402

SEARCHES = {
    "search common 'xa'": "xa",
    "search common 'ubnd'": "ubnd",
    "search common 'phuong'": "phuong",
    "search rare 'rubella'": "rubella",
    "search unique '77777'": "77777",
    "search two words": "nong thon",
    "search quoted phrase": '"nong thon moi"',
    "search common typed 'xã'": "xã",
    "search two words typed": "nông thôn",
}


def build_app(url: str) -> Flask:
    """The portal on the given database, with the page cache (if any) turned off."""
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "PAGE_CACHE": False, "MEDIA_DIR": tempfile.mkdtemp()})


def biggest_root() -> Category:
    """The top-level category with sub-categories that holds the most articles."""
    roots = db.session.scalars(sa.select(Category).where(Category.parent_id.is_(None))).all()
    counts = dict(
        db.session.execute(sa.select(Article.category_id, sa.func.count()).group_by(Article.category_id)).all()
    )

    def size(root: Category) -> tuple[bool, int]:
        return bool(root.children), counts.get(root.id, 0) + sum(counts.get(c.id, 0) for c in root.children)

    return max(roots, key=size)


def busiest_tag() -> Tag:
    """The tag carried by the most articles."""
    stmt = sa.select(article_tags.c.tag_id).group_by(article_tags.c.tag_id).order_by(sa.func.count().desc()).limit(1)
    return db.session.get(Tag, db.session.scalar(stmt))


def article_path(article: Article) -> str:
    """The canonical path of an article."""
    return f"/{article.category.slug}/{article.slug}-{article.id}.html"


def visible_article(newest: bool) -> Article:
    """The newest (or the oldest) published article."""
    order = Article.published_at.desc() if newest else Article.published_at.asc()
    stmt = sa.select(Article).where(Article.status == ArticleStatus.PUBLISHED, Article.published_at <= utcnow())
    return db.session.scalars(stmt.order_by(order).limit(1)).one()


def targets(app: Flask) -> dict[str, str]:
    """The pages to time, by name."""
    with app.app_context():
        root, tag = biggest_root(), busiest_tag()
        pages = {
            "home": "/",
            f"category '{root.slug}' p1": f"/{root.slug}/",
            f"category '{root.slug}' p400": f"/{root.slug}/?page=400",
            f"tag '{tag.slug}' p1": f"/tag/{tag.slug}",
            "article (newest)": article_path(visible_article(True)),
            "article (oldest)": article_path(visible_article(False)),
            "rss": "/rss.xml",
        }
    return pages | {name: f"/search?q={query}" for name, query in SEARCHES.items()}


def time_page(
    app: Flask, client: FlaskClient, path: str, runs: int, warmup: int
) -> tuple[int, int, list[float], list[float]]:
    """(status, statements per request, wall-clock ms, this process's CPU ms) of requesting the path."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    for _ in range(warmup):
        client.get(path)
    sa.event.listen(engine, "before_cursor_execute", listener)
    status = client.get(path).status_code
    sa.event.remove(engine, "before_cursor_execute", listener)
    durations, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        durations.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return status, len(statements), durations, cpu


def percentile(values: list[float], fraction: float) -> float:
    """The value below which that fraction of the sorted values lies."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    """Time every target and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="SQLAlchemy database URL, e.g. sqlite:////tmp/q100k/portal.db")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests before the timed ones")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    args = parser.parse_args()
    app = build_app(args.url)
    client = app.test_client()
    with app.app_context():
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Article))
    print(f"{sa.make_url(args.url).render_as_string(hide_password=True)}: {total:,} articles, {args.runs} runs each")
    print(f"{'page':36} {'status':>6} {'stmts':>5} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8}")
    for name, path in targets(app).items():
        if args.only not in name:
            continue
        status, statements, durations, cpu = time_page(app, client, path, args.runs, args.warmup)
        print(
            f"{name:36} {status:>6} {statements:>5} {statistics.median(durations):>8.1f} "
            f"{percentile(durations, 0.95):>8.1f} {statistics.median(cpu):>8.1f}"
        )


if __name__ == "__main__":
    main()
