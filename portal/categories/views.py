"""Views of category management: editors and administrators only."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.categories.forms import CategoryForm, DeleteCategoryForm
from portal.content import audit
from portal.content.categories import (
    MAX_CATEGORIES,
    MAX_DEPTH,
    CategoryError,
    article_count,
    article_counts,
    category_tree,
    create_category,
    delete_category,
    update_category,
)
from portal.extensions import db
from portal.models import Category, Permission
from portal.web.choices import select_choices
from portal.web.guards import guard_blueprint
from portal.web.traffic import client_address

bp = Blueprint("categories", __name__, url_prefix="/editor/categories")

guard_blueprint(bp, Permission.MANAGE_TAXONOMY)


def parent_choices(exclude: Category | None = None) -> list[tuple[int, str]]:
    """(0: top level) and every category, indented, except the one being edited."""
    return [(0, _("— Cấp cao nhất —"))] + [
        (c.id, "— " * (depth + 1) + c.name) for c, depth in category_tree() if exclude is None or c.id != exclude.id
    ]


def show_error(form: CategoryForm, error: CategoryError) -> None:
    """Put a refusal next to the field it is about, leaving what was typed in place."""
    field = getattr(form, error.field, form.name)
    field.errors = [*field.errors, str(error)]


def category_or_404(category_id: int) -> Category:
    """A category by id."""
    category = db.session.get(Category, category_id)
    if category is None:
        abort(404)
    return category


def log(action: str, category: Category, detail: str = "") -> None:
    """An audit entry for a category change."""
    audit.record(action, current_user, target=f"category:{category.slug}", ip=client_address(), detail=detail)


@bp.route("/", methods=["GET", "POST"])
def index():
    form = CategoryForm()
    form.parent.choices = select_choices(parent_choices())
    if form.validate_on_submit():
        parent = db.session.get(Category, form.parent.data) if form.parent.data else None
        try:
            category = create_category(form.name.data, parent, form.description.data or "", form.position.data or 0)
        except CategoryError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            log("category.create", category)
            db.session.commit()
            flash(_("Đã tạo chuyên mục “%(name)s”.", name=category.name), "success")
            return redirect(url_for("categories.index"))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "categories/index.html",
        form=form,
        tree=category_tree(),
        counts=article_counts(),
        max_categories=MAX_CATEGORIES,
        max_depth=MAX_DEPTH,
    )
    return page, status


@bp.route("/<int:category_id>", methods=["GET", "POST"])
def edit(category_id: int):
    category = category_or_404(category_id)
    form = CategoryForm(obj=None if request.method == "POST" else category)
    if request.method == "GET":
        form.parent.data = category.parent_id or 0
    form.parent.choices = select_choices(parent_choices(exclude=category))
    delete_form = DeleteCategoryForm()
    delete_form.move_to.choices = select_choices(
        (c.id, "— " * depth + c.name) for c, depth in category_tree() if c.id != category.id
    )
    if form.validate_on_submit():
        old_slug = category.slug
        parent = db.session.get(Category, form.parent.data) if form.parent.data else None
        try:
            update_category(
                category,
                form.name.data,
                form.slug.data or "",
                parent,
                form.description.data or "",
                form.position.data or 0,
            )
        except CategoryError as error:
            db.session.rollback()
            show_error(form, error)
            category = category_or_404(category_id)
        else:
            log(
                "category.update",
                category,
                detail=f"{old_slug} -> {category.slug}" if old_slug != category.slug else "",
            )
            db.session.commit()
            flash(_("Đã lưu chuyên mục."), "success")
            return redirect(url_for("categories.edit", category_id=category.id))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "categories/edit.html",
        category=category,
        form=form,
        delete_form=delete_form,
        articles=article_count(category),
        max_depth=MAX_DEPTH,
    )
    return page, status


@bp.post("/<int:category_id>/delete")
def delete(category_id: int):
    category = category_or_404(category_id)
    form = DeleteCategoryForm()
    form.move_to.choices = select_choices((c.id, c.name) for c, _depth in category_tree() if c.id != category.id)
    if not form.validate_on_submit() and article_count(category):
        flash(_("Hãy chọn chuyên mục nhận các bài viết."), "danger")
        return redirect(url_for("categories.edit", category_id=category_id))
    move_to = db.session.get(Category, form.move_to.data) if form.move_to.data else None
    name, slug = category.name, category.slug
    try:
        moved = delete_category(category, move_to)
    except CategoryError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("categories.edit", category_id=category_id))
    audit.record(
        "category.delete", current_user, target=f"category:{slug}", ip=client_address(), detail=f"moved {moved}"
    )
    db.session.commit()
    flash(_("Đã xóa chuyên mục “%(name)s”; %(n)s bài viết đã được chuyển.", name=name, n=moved), "success")
    return redirect(url_for("categories.index"))
