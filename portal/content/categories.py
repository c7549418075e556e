"""Categories: create, rename, re-slug (old URLs keep working), nest, reorder, delete.

The tree has limits that hold: MAX_DEPTH levels and MAX_CATEGORIES categories. Data written past
them some other way still lists, loads and can be moved or deleted: every walk here is iterative
and stops at a loop of parents.
"""

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext

from portal.content.slugs import RESERVED_SLUGS, category_slug, slugify, unique_slug
from portal.content.text import normalize_text
from portal.extensions import db
from portal.models import Article, Category, CategoryRedirect

MAX_DEPTH = 4  # levels, a top-level category being level 1: breadcrumbs and indented lists stay readable
# Every page loads all categories for its menu, and every category form lists them all in a choice list.
MAX_CATEGORIES = 200


class CategoryError(ValueError):
    """A category change that breaks a rule; the message is shown to the person, next to `field`."""

    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__(message)
        self.field = field


def article_count(category: Category) -> int:
    """How many articles (in any status) are filed directly under the category."""
    return db.session.scalar(sa.select(sa.func.count(Article.id)).where(Article.category_id == category.id)) or 0


def article_counts() -> dict[int, int]:
    """How many articles (in any status) each category holds directly, by category id; none for empty ones."""
    stmt = sa.select(Article.category_id, sa.func.count(Article.id)).group_by(Article.category_id)
    return dict(db.session.execute(stmt).all())


def _slug_taken(slug: str, category: Category | None = None) -> bool:
    stmt = sa.select(Category.id).where(Category.slug == slug)
    if category is not None and category.id:
        stmt = stmt.where(Category.id != category.id)
    return db.session.scalar(stmt.limit(1)) is not None


def _parents() -> dict[int, int | None]:
    """Every category's parent id, by category id, in one statement."""
    return dict(db.session.execute(sa.select(Category.id, Category.parent_id)).all())


def _level(category_id: int | None, parents: dict[int, int | None]) -> int:
    """The level of a category (1 at the top, 0 for none), counting no further than MAX_DEPTH + 1."""
    level, node = 0, category_id
    while node is not None and level <= MAX_DEPTH:
        level, node = level + 1, parents.get(node)
    return level if node is None else MAX_DEPTH + 1


def _height(category_id: int, parents: dict[int, int | None]) -> int:
    """How many levels the category and its descendants span, counting no further than MAX_DEPTH + 1."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    height, level, seen = 0, [category_id], {category_id}
    while level and height <= MAX_DEPTH:
        height += 1
        level = [child for node in level for child in children[node] if child not in seen]
        seen.update(level)
    return height


def _is_inside(node: int | None, category_id: int, parents: dict[int, int | None]) -> bool:
    """Whether `node` is the category or one of its descendants (a loop of parents ends the walk)."""
    seen: set[int] = set()
    while node is not None and node not in seen:
        if node == category_id:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _check_place(category: Category | None, parent: Category | None) -> None:
    """Refuse a parent inside the category itself, or one that would nest a category past MAX_DEPTH.

    Args:
        category: the category being moved with its descendants; None for a new one.
        parent: where it goes; None for the top level.
    Raises:
        CategoryError: on the parent field.
    """
    parents, parent_id = _parents(), parent.id if parent is not None else None
    if category is not None and _is_inside(parent_id, category.id, parents):
        raise CategoryError(gettext("Không thể đặt một chuyên mục vào bên trong chính nó."), "parent")
    height = _height(category.id, parents) if category is not None else 1
    if _level(parent_id, parents) + height > MAX_DEPTH:
        message = gettext(
            "Chuyên mục chỉ được lồng tối đa %(n)s cấp; đặt ở đây, nhánh chuyên mục này sẽ sâu hơn thế. "
            "Hãy chọn chuyên mục cha ở cấp cao hơn.",
            n=MAX_DEPTH,
        )
        raise CategoryError(message, "parent")


def _check_room() -> None:
    """Refuse a new category once there are MAX_CATEGORIES of them."""
    count = db.session.scalar(sa.select(sa.func.count(Category.id))) or 0
    if count >= MAX_CATEGORIES:
        message = gettext(
            "Trang đã có %(count)s chuyên mục; tối đa là %(max)s. Hãy xóa hoặc gộp bớt chuyên mục trước khi thêm mới.",
            count=count,
            max=MAX_CATEGORIES,
        )
        raise CategoryError(message)


def create_category(name: str, parent: Category | None, description: str = "", position: int = 0) -> Category:
    """Add a category with a unique slug made from its name.

    Raises:
        CategoryError: empty name, MAX_CATEGORIES reached, or a parent at the deepest level.
    """
    name = normalize_text(name)[:120]
    if not name:
        raise CategoryError(gettext("Vui lòng nhập tên chuyên mục."))
    _check_room()
    _check_place(None, parent)
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

    Only a change of parent is checked against the tree's limits, so that a category already
    nested too deep (written past the rules) can still be renamed.
    Raises:
        CategoryError: empty name, reserved or taken slug, a parent inside itself, or past MAX_DEPTH.
    """
    name = normalize_text(name)[:120]
    if not name:
        raise CategoryError(gettext("Vui lòng nhập tên chuyên mục."))
    new_slug = slugify(slug or name, fallback="")
    if not new_slug or new_slug in RESERVED_SLUGS:
        raise CategoryError(gettext("Đường dẫn này không dùng được; hãy chọn một đường dẫn khác."), "slug")
    if _slug_taken(new_slug, category):
        raise CategoryError(gettext("Đường dẫn này đã thuộc về một chuyên mục khác."), "slug")
    if (parent.id if parent is not None else None) != category.parent_id:
        _check_place(category, parent)
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
    """Every category with its depth, parents before their children, in their order.

    The depth (0 at the top) stops at MAX_DEPTH, so that a tree written deeper than allowed lists
    as one level further in than the deepest allowed, not as pages of dashes. Categories caught in
    a loop of parents come last, at depth 0, so that an editor can still find and move them.
    """
    categories = db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)).all()
    children: dict[int | None, list[Category]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)
    ordered: list[tuple[Category, int]] = []
    stack = [(category, 0) for category in reversed(children[None])]
    while stack:
        category, depth = stack.pop()
        ordered.append((category, depth))
        stack.extend((child, min(depth + 1, MAX_DEPTH)) for child in reversed(children[category.id]))
    placed = {category.id for category, _depth in ordered}
    return ordered + [(category, 0) for category in categories if category.id not in placed]
