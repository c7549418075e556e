"""Categories: create, rename, re-slug (old URLs keep working), nest, reorder, delete."""

import sqlalchemy as sa
from flask_babel import gettext

from portal.content.slugs import RESERVED_SLUGS, category_slug, slugify, unique_slug
from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Article, Category, CategoryRedirect


class CategoryError(ValueError):
    """A category change that breaks a rule; the message is shown to the person."""


def article_count(category: Category) -> int:
    """How many articles (in any status) are filed directly under the category."""
    return db.session.scalar(sa.select(sa.func.count(Article.id)).where(Article.category_id == category.id)) or 0


def _slug_taken(slug: str, category: Category | None = None) -> bool:
    stmt = sa.select(Category.id).where(Category.slug == slug)
    if category is not None and category.id:
        stmt = stmt.where(Category.id != category.id)
    return db.session.scalar(stmt.limit(1)) is not None


def _check_parent(category: Category | None, parent: Category | None) -> None:
    """Refuse a parent that is the category itself or one of its descendants."""
    node = parent
    while node is not None:
        if category is not None and node.id == category.id:
            raise CategoryError(gettext("Không thể đặt một chuyên mục vào bên trong chính nó."))
        node = node.parent


def create_category(name: str, parent: Category | None, description: str = "", position: int = 0) -> Category:
    """Add a category with a unique slug made from its name."""
    name = normalize_text(name)[:120]
    if not name:
        raise CategoryError(gettext("Vui lòng nhập tên chuyên mục."))
    category = Category(
        name=name,
        slug=category_slug(name, _slug_taken),
        parent=parent,
        description=normalize_text(description, multiline=True),
        position=position,
    )
    db.session.add(category)
    db.session.flush()
    return category


def update_category(
    category: Category, name: str, slug: str, parent: Category | None, description: str, position: int
) -> None:
    """Change a category; a new slug leaves the old one redirecting here.

    Raises:
        CategoryError: empty name, reserved or taken slug, or a parent inside itself.
    """
    name = normalize_text(name)[:120]
    if not name:
        raise CategoryError(gettext("Vui lòng nhập tên chuyên mục."))
    new_slug = slugify(slug or name, fallback="")
    if not new_slug or new_slug in RESERVED_SLUGS:
        raise CategoryError(gettext("Đường dẫn này không dùng được; hãy chọn một đường dẫn khác."))
    if _slug_taken(new_slug, category):
        raise CategoryError(gettext("Đường dẫn này đã thuộc về một chuyên mục khác."))
    _check_parent(category, parent)
    if new_slug != category.slug:
        _redirect(category.slug, category)
        db.session.execute(sa.delete(CategoryRedirect).where(CategoryRedirect.old_slug == new_slug))
        category.slug = new_slug
    category.name, category.parent, category.position = name, parent, position
    category.description = normalize_text(description, multiline=True)
    db.session.flush()


def _redirect(old_slug: str, target: Category) -> None:
    """Make the old slug lead to the target, and re-point redirects that led to the old one."""
    existing = db.session.get(CategoryRedirect, old_slug)
    if existing is None:
        db.session.add(CategoryRedirect(old_slug=old_slug, category_id=target.id))
    else:
        existing.category_id = target.id


def delete_category(category: Category, move_to: Category | None) -> int:
    """Delete a category, moving its articles (and redirects) to another; return how many moved.

    Subcategories move up to the deleted category's parent.
    Raises:
        CategoryError: it has articles and no other category was chosen for them.
    """
    count = article_count(category)
    if move_to is not None and move_to.id == category.id:
        raise CategoryError(gettext("Hãy chọn một chuyên mục khác để chuyển bài viết sang."))
    if count and move_to is None:
        raise CategoryError(gettext("Chuyên mục còn bài viết: hãy chọn nơi chuyển các bài này sang."))
    for article in db.session.scalars(sa.select(Article).where(Article.category_id == category.id)):
        taken = lambda s, a=article: _article_slug_taken(s, move_to, a)  # noqa: E731
        article.slug = unique_slug(article.slug, taken)
        article.category_id = move_to.id
    for child in list(category.children):
        child.parent = category.parent
    if move_to is not None:
        db.session.execute(
            sa.update(CategoryRedirect)
            .where(CategoryRedirect.category_id == category.id)
            .values(category_id=move_to.id)
        )
        db.session.flush()
        _redirect(category.slug, move_to)
    db.session.flush()
    db.session.delete(category)
    db.session.flush()
    return count


def _article_slug_taken(slug: str, category: Category, article: Article) -> bool:
    stmt = sa.select(Article.id).where(
        Article.category_id == category.id, Article.slug == slug, Article.id != article.id
    )
    return db.session.scalar(stmt.limit(1)) is not None


def resolve_redirect(slug: str) -> Category | None:
    """The category an old slug now leads to, if any."""
    redirect = db.session.get(CategoryRedirect, slug[:120])
    return redirect.category if redirect else None


def category_tree() -> list[tuple[Category, int]]:
    """Every category with its depth, parents before their children, in their order."""
    categories = db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)).all()
    ordered: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in categories:
            if category.parent_id == parent_id:
                ordered.append((category, depth))
                walk(category.id, depth + 1)

    walk(None, 0)
    return ordered
