"""Demo content: categories, settings, accounts, articles and pictures (seed-demo)."""

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from portal.content.accounts import create_user, find_user
from portal.content.media import store_image
from portal.content.revisions import snapshot
from portal.content.sanitize import clean_html
from portal.content.search import reindex
from portal.content.settings import save_settings
from portal.content.slugs import slugify
from portal.content.workflow import N_
from portal.demo.content import DEMO_ARTICLES
from portal.demo.pictures import PALETTES, draw_picture
from portal.extensions import db
from portal.models import (
    Article,
    ArticleStatus,
    Category,
    Media,
    Role,
    SearchDocument,
    Setting,
    Tag,
    User,
    article_tags,
)

CATEGORIES = [  # slug, name, parent slug, description
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", None, "Tin hoạt động của thị trấn, huyện và tỉnh."),
    ("tin-trong-huyen", "Tin trong huyện", "tin-tuc-su-kien", "Hoạt động của huyện Quế Sơn."),
    ("tin-trong-tinh", "Tin trong tỉnh", "tin-tuc-su-kien", "Hoạt động của tỉnh Quảng Nam."),
    ("chinh-quyen", "Chính quyền", None, "Hoạt động của HĐND và UBND thị trấn."),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội", None, "Nông nghiệp, nông thôn mới, y tế, giáo dục."),
    ("van-hoa-the-thao", "Văn hóa - Thể thao", None, "Lễ hội, phong trào văn hóa, thể thao."),
    ("thong-bao", "Thông báo", None, "Thông báo, lấy ý kiến nhân dân, lịch tiếp công dân."),
]

SETTINGS = {
    "site_name": "Cổng thông tin điện tử Thị trấn Hương An - huyện Quế Sơn - Tỉnh Quảng Nam",
    "site_tagline": "",
    "footer_owner": "Ủy ban nhân dân thị trấn Hương An",
    "footer_address": "Thị trấn Hương An, huyện Quế Sơn, tỉnh Quảng Nam",
    "footer_phone": "0235 3000 000",
    "footer_email": "lienhe@huongan.example.vn",
}

ACCOUNTS = [  # username, role, display name
    ("admin", Role.ADMIN, "Quản trị viên"),
    ("bientap", Role.EDITOR, "Biên tập viên"),
    ("tacgia", Role.AUTHOR, "Thùy Dung"),
]

DEMO_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the demo town's: its days are the texts' days
# "{day:-1}" in a demo text is the day before its publication ("4/12"), "{month:+6}" the month of
# the sixth day after it, "{month:-1:1}" the month following that of the day before.
DATE_MENTION = re.compile(r"\{(day|month):([+-]\d+)(?::(\d+))?\}")

BULK_BATCH = 2000
BULK_SPACING = timedelta(minutes=37)


@dataclass
class SeedReport:
    """What seed_demo did: new articles, and passwords of accounts it created."""

    created_articles: int = 0
    total_articles: int = 0
    new_accounts: list[tuple[str, str, str]] = field(default_factory=list)


def ensure_categories() -> dict[str, Category]:
    """Create the demo categories that are missing; return all of them by slug."""
    by_slug = {c.slug: c for c in db.session.scalars(sa.select(Category))}
    for position, (slug, name, parent, description) in enumerate(CATEGORIES):
        if slug not in by_slug:
            by_slug[slug] = Category(
                slug=slug, name=name, description=description, position=position, parent=by_slug.get(parent)
            )
            db.session.add(by_slug[slug])
    db.session.flush()
    return by_slug


def ensure_settings() -> None:
    """Store the demo site's settings unless an administrator already set them."""
    stored = set(db.session.scalars(sa.select(Setting.key)))
    save_settings({k: v for k, v in SETTINGS.items() if k not in stored})


def ensure_accounts(password: str | None) -> list[tuple[str, str, str]]:
    """Create missing demo accounts; return (username, role, password) of the new ones."""
    created = []
    for username, role, display_name in ACCOUNTS:
        if find_user(username) is None:
            secret = password or secrets.token_urlsafe(12)
            create_user(username, secret, role, display_name)
            created.append((username, role.value, secret))
    return created


def ensure_pictures(media_dir: str) -> list[Media]:
    """Store one illustration per palette (once); return them in palette order."""
    names = [f"demo-{i}.jpg" for i in range(len(PALETTES))]
    existing = {m.original_name: m for m in db.session.scalars(sa.select(Media).where(Media.original_name.in_(names)))}
    return [existing.get(name) or store_image(draw_picture(i), name, media_dir, None) for i, name in enumerate(names)]


def _tags(names: list[str], cache: dict[str, Tag]) -> list[Tag]:
    """Return Tag rows for the names, creating the missing ones."""
    result = []
    for name in names:
        slug = slugify(name, fallback="the")
        if slug not in cache:
            cache[slug] = db.session.scalar(sa.select(Tag).where(Tag.slug == slug)) or Tag(name=name, slug=slug)
            db.session.add(cache[slug])
        result.append(cache[slug])
    return result


def with_dates(text: str, published: datetime) -> str:
    """Write the days and months a demo text names, counted from its publication day in the town.

    The texts never name a fixed day, so that "Sáng ngày 5/12" cannot be dated 02/12: each
    mention is an offset from the day the article appears (see DATE_MENTION).
    """
    start = published.astimezone(DEMO_TIMEZONE).date()

    def fill(mention: re.Match) -> str:
        day = start + timedelta(days=int(mention.group(2)))
        if mention.group(1) == "day":
            return f"{day.day}/{day.month}"
        return str((day.month - 1 + int(mention.group(3) or 0)) % 12 + 1)

    return DATE_MENTION.sub(fill, text)


def dated_texts(data: dict, published: datetime) -> dict[str, str]:
    """The demo article's title, lead, body HTML and caption, with their days written for this publication."""
    return {
        "title": with_dates(data["title"], published),
        "lead": with_dates(data["lead"], published),
        "body": _body_html([with_dates(p, published) for p in data["body"]]),
        "caption": with_dates(data["caption"], published),
    }


def _body_html(paragraphs: list[str]) -> str:
    """Paragraph HTML for a demo body (the text is ours; it is escaped all the same)."""
    from markupsafe import escape

    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _rich_article(index: int, ctx: dict, now: datetime) -> Article:
    """One of the hand-written demo articles, with picture, tags and a first revision."""
    data = DEMO_ARTICLES[index]
    published = now - timedelta(days=data["days_ago"], hours=index % 9, minutes=7 * index % 60)
    texts = dated_texts(data, published)
    article = Article(
        title=texts["title"],
        slug=slugify(texts["title"]),
        lead=texts["lead"],
        body_source=texts["body"],
        body_html=clean_html(texts["body"]),
        byline=data["byline"],
        source=data["source"],
        category=ctx["categories"][data["category"]],
        image=ctx["pictures"][data["picture"] % len(ctx["pictures"])],
        image_caption=texts["caption"],
        status=ArticleStatus.PUBLISHED,
        featured=data["featured"],
        author=ctx["author"],
        published_at=published,
        tags=_tags(data["tags"], ctx["tags"]),
    )
    article.created_at = article.updated_at = article.published_at
    db.session.add(article)
    db.session.flush()
    snapshot(article, ctx["author"], N_("Bài mẫu"))
    return article


def _bulk_rows(start: int, stop: int, ctx: dict, now: datetime) -> list[dict]:
    """Plain rows for load-test articles, derived from the hand-written ones."""
    rows = []
    for index in range(start, stop):
        data = DEMO_ARTICLES[index % len(DEMO_ARTICLES)]
        when = now - timedelta(days=121) - (index - len(DEMO_ARTICLES)) * BULK_SPACING
        texts = dated_texts(data, when)
        title, source = f"{texts['title']} (bản tin số {index + 1})", texts["body"]
        rows.append(
            {
                "title": title, "slug": f"{slugify(texts['title'], max_length=60)}-ban-tin-{index + 1}", "lead": texts["lead"], "body_source": source,
                "body_html": source, "byline": data["byline"], "source": data["source"],
                "category_id": ctx["categories"][data["category"]].id,
                "image_id": ctx["pictures"][data["picture"] % len(ctx["pictures"])].id,
                "image_caption": texts["caption"], "status": ArticleStatus.PUBLISHED,
                "author_id": ctx["author"].id, "published_at": when, "created_at": when, "updated_at": when,
            }
        )  # fmt: skip
    return rows


def _bulk_insert(start: int, stop: int, ctx: dict, now: datetime) -> None:
    """Insert load-test articles in batches, each with the tags of its model article."""
    for batch_start in range(start, stop, BULK_BATCH):
        batch_stop = min(stop, batch_start + BULK_BATCH)
        ids = db.session.scalars(
            sa.insert(Article).returning(Article.id, sort_by_parameter_order=True),
            _bulk_rows(batch_start, batch_stop, ctx, now),
        ).all()
        links = [
            {"article_id": article_id, "tag_id": tag.id}
            for article_id, index in zip(ids, range(batch_start, batch_stop))
            for tag in _tags(DEMO_ARTICLES[index % len(DEMO_ARTICLES)]["tags"], ctx["tags"])
        ]
        db.session.execute(sa.insert(article_tags), links)
        db.session.commit()


def seed_demo(articles: int, media_dir: str, now: datetime, password: str | None = None) -> SeedReport:
    """Fill the database with the demo site, adding only what is missing.

    Args:
        articles: the number of articles the site should have at least.
        media_dir: where the demo pictures are stored.
        now: the moment publication dates count back from.
        password: the password of new demo accounts; random when None.
    Returns:
        A SeedReport; the passwords of accounts created now are in it, and nowhere else.
    """
    report = SeedReport()
    categories = ensure_categories()
    ensure_settings()
    report.new_accounts = ensure_accounts(password)
    existing = db.session.scalar(sa.select(sa.func.count(Article.id))) or 0
    if existing < articles:
        ctx = {
            "categories": categories,
            "pictures": ensure_pictures(media_dir),
            "author": find_user("tacgia") or db.session.scalar(sa.select(User).limit(1)),
            "tags": {},
        }
        rich_stop = min(articles, len(DEMO_ARTICLES))
        for index in range(existing, rich_stop):
            _rich_article(index, ctx, now)
        db.session.flush()
        _bulk_insert(max(existing, rich_stop), articles, ctx, now)
        report.created_articles = articles - existing
    db.session.commit()
    indexed = db.session.scalar(sa.select(sa.func.count(SearchDocument.article_id))) or 0
    if indexed != max(existing, articles):  # new articles, or a database from before search
        reindex()
    report.total_articles = max(existing, articles)
    return report
