"""Every kind of page the portal serves, on the demo site, for the web's own checkers.

`seed_tour_site` fills an app's database with the demo content (pictures, tags, categories,
accounts) plus a second revision, a pending article and an audit entry; `TOUR` lists each page
type once as (name, who, path), with {placeholders} that `tour_paths` fills from the seed.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from portal.content import audit
from portal.content.revisions import snapshot
from portal.demo import seed_demo
from portal.extensions import db
from portal.models import Article, ArticleRevision, ArticleStatus, Category, Tag, User

DEMO_PASSWORD = "mat-khau-kiem-tra-dai-2026"

# (name, who, path): who is "anonymous", "admin" or "author"; English pages end in "-en".
TOUR = [
    ("home", "anonymous", "/"),
    ("home-page-2", "anonymous", "/?page=2"),
    ("category", "anonymous", "/{category}/"),
    ("subcategory", "anonymous", "/{subcategory}/"),
    ("tag", "anonymous", "/tag/{tag}"),
    ("article", "anonymous", "{article}"),
    ("article-signed-in", "admin", "{article}"),
    ("article-en", "anonymous-en", "{article}"),
    ("print", "anonymous", "/print/{article_id}"),
    ("search", "anonymous", "/search?q=le+hoi"),
    ("search-typed-accents", "anonymous", "/search?q=l%E1%BB%85+h%E1%BB%99i"),
    ("search-nothing-found", "anonymous", "/search?q=khongcogiday"),
    ("search-empty", "anonymous", "/search"),
    ("login", "anonymous", "/login"),
    ("logout-confirm", "admin", "/logout"),
    ("account", "admin", "/account"),
    ("editor-dashboard", "admin", "/editor/"),
    ("editor-dashboard-author", "author", "/editor/"),
    ("article-new", "admin", "/editor/articles/new"),
    ("article-edit", "admin", "/editor/articles/{article_id}/edit"),
    ("article-edit-pending", "admin", "/editor/articles/{pending_id}/edit"),
    ("preview", "admin", "/editor/articles/{pending_id}/preview"),
    ("revisions", "admin", "/editor/articles/{article_id}/revisions"),
    ("comparison", "admin", "/editor/articles/{article_id}/revisions/diff?a={old_revision}&b={new_revision}"),
    ("categories", "admin", "/editor/categories/"),
    ("category-edit", "admin", "/editor/categories/{category_id}"),
    ("admin", "admin", "/admin/"),
    ("accounts", "admin", "/admin/users"),
    ("account-admin", "admin", "/admin/users/{author_id}"),
    ("account-new", "admin", "/admin/users/new"),
    ("audit", "admin", "/admin/audit"),
    ("settings", "admin", "/admin/settings"),
    ("not-found", "anonymous", "/khong-co-trang-nay/"),
    ("not-found-article", "anonymous", "/{category}/khong-co-bai-nay-999999.html"),
    ("forbidden", "author", "/admin/"),
    ("editor-en", "admin-en", "/editor/"),
]


@dataclass
class TourSite:
    """The seeded rows the tour's paths point at."""

    ids: dict[str, object]
    admin: User
    author: User


def seed_tour_site(app, now) -> TourSite:
    """The demo site, plus a second revision of one article, a pending one and an audit entry."""
    seed_demo(40, app.config["MEDIA_DIR"], now, DEMO_PASSWORD)
    admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
    author = db.session.scalar(sa.select(User).where(User.username == "tacgia"))
    article = db.session.scalar(
        sa.select(Article).where(Article.image_id.is_not(None), Article.status == ArticleStatus.PUBLISHED)
        .order_by(Article.published_at.desc()).limit(1)
    )  # fmt: skip
    snapshot(article, admin, "Bản đầu")
    article.title += " (cập nhật)"
    article.body_html += "<p>Đoạn bổ sung sau khi đăng.</p>"
    article.body_source = article.body_html
    snapshot(article, admin, "Thêm một đoạn")
    pending = db.session.scalar(sa.select(Article).where(Article.id != article.id).limit(1))
    pending.status = ArticleStatus.PENDING
    audit.record("login.success", admin, target=admin.username)
    db.session.commit()
    revisions = db.session.scalars(
        sa.select(ArticleRevision.id).where(ArticleRevision.article_id == article.id).order_by(ArticleRevision.id)
    ).all()
    category = article.category.lineage()[0]
    child = db.session.scalar(sa.select(Category).where(Category.parent_id.is_not(None)).limit(1)) or category
    tag = db.session.scalar(sa.select(Tag).limit(1))
    ids = {
        "article": f"/{article.category.slug}/{article.slug}-{article.id}.html",
        "article_id": article.id,
        "pending_id": pending.id,
        "old_revision": revisions[0],
        "new_revision": revisions[-1],
        "category": category.slug,
        "subcategory": child.slug,
        "category_id": child.id,
        "tag": tag.slug,
        "author_id": author.id,
    }
    return TourSite(ids=ids, admin=admin, author=author)


def tour_paths(site: TourSite) -> list[tuple[str, str, str]]:
    """The tour with the seeded rows in place of its placeholders."""
    return [(name, who, path.format(**site.ids)) for name, who, path in TOUR]
