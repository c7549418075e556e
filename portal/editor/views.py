"""Views of the editor area: every rule is checked here on the server, on every request."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import clock
from portal.auth.guard import background_request, client_address
from portal.content import audit, presence, workflow
from portal.content.autosave import offer_autosave, store_autosave
from portal.content.diffing import revision_diff
from portal.content.editing import ConflictError, save_article
from portal.content.listing import STATUS_FILTERS, editor_listing, status_counts
from portal.content.published import paginate
from portal.editor.article_form import (
    article_form_data,
    autosave_form_data,
    input_from_form,
    input_from_revision,
    new_article_form,
    read_upload,
)
from portal.editor.forms import ArticleForm, ConfirmForm, DashboardFilterForm
from portal.extensions import db
from portal.models import Article, ArticleRevision, Category, Media, Permission, User
from portal.public.views import requested_page

bp = Blueprint("editor", __name__, url_prefix="/editor")


@bp.before_request
@login_required
def require_staff():
    """Only signed-in staff who may write enter the editor area."""
    if not current_user.can(Permission.WRITE):
        abort(403)


def article_or_404(article_id: int) -> Article:
    """The article if this person may open it; 404 otherwise (no hint that it exists)."""
    article = db.session.get(Article, article_id)
    if article is None or not workflow.can_view(current_user, article):
        abort(404)
    return article


def category_choices() -> list[tuple[int, str]]:
    """Categories for the select, children indented under their parents."""
    categories = db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)).all()
    ordered: list[tuple[int, str]] = []

    def walk(parent_id, depth):
        for category in categories:
            if category.parent_id == parent_id:
                ordered.append((category.id, "— " * depth + category.name))
                walk(category.id, depth + 1)

    walk(None, 0)
    return ordered


def render_form(form: ArticleForm, article: Article | None, status: int = 200, **extra):
    """The article form page, with what the person may do and who else is there."""
    form.category.choices = category_choices()
    now = clock.now()
    holder = presence.other_holder(article, current_user, now) if article else None
    page = render_template(
        "editor/edit_article.html",
        form=form,
        article=article,
        actions=workflow.allowed_actions(current_user, article),
        can_edit=article is None or workflow.can_edit(current_user, article),
        holder=holder,
        confirm_form=ConfirmForm(),
        scheduled=article is not None and workflow.is_scheduled(article, now),
        current_image=db.session.get(Media, form.image_id.data) if form.image_id.data else None,
        **extra,
    )
    return page, status


@bp.get("/")
def dashboard():
    filters = DashboardFilterForm(request.args)
    filters.status.choices = [("", _("Tất cả"))] + [(s, s) for s in STATUS_FILTERS]
    category_id = int(filters.category.data) if (filters.category.data or "").isdigit() else None
    author_id = int(filters.author.data) if (filters.author.data or "").isdigit() else None
    now = clock.now()
    stmt = editor_listing(current_user, now, filters.status.data or "", category_id, author_id, filters.q.data or "")
    page = paginate(stmt, requested_page(), 20)
    if page is None:
        abort(404)
    authors = []
    if current_user.can(Permission.EDIT_OTHERS):
        authors = db.session.scalars(sa.select(User).order_by(User.display_name)).all()
    return render_template(
        "editor/dashboard.html",
        page=page,
        filters=filters,
        counts=status_counts(current_user, now),
        categories=category_choices(),
        authors=authors,
        now=now,
    )


@bp.route("/articles/new", methods=["GET", "POST"])
def new_article():
    if request.method == "POST":
        return handle_save(None)
    form = new_article_form(current_user)
    offered = offer_autosave(current_user, None)
    if offered and request.args.get("restore") == "autosave":
        form = ArticleForm(formdata=None, data=autosave_form_data(offered))
        offered = None
    return render_form(form, None, offered_autosave=offered)


@bp.route("/articles/<int:article_id>/edit", methods=["GET", "POST"])
def edit_article(article_id: int):
    article = article_or_404(article_id)
    if request.method == "POST":
        return handle_save(article)
    form = ArticleForm(formdata=None, data=article_form_data(article))
    offered = offer_autosave(current_user, article)
    if offered and request.args.get("restore") == "autosave":
        form = ArticleForm(formdata=None, data=autosave_form_data(offered))
        offered = None
    if workflow.can_edit(current_user, article):
        presence.heartbeat(article, current_user, clock.now())
        db.session.commit()
    return render_form(form, article, offered_autosave=offered)


def handle_save(article: Article | None):
    """Validate the posted form, store any upload, save, and answer; nothing typed is lost."""
    form = ArticleForm()
    form.category.choices = category_choices()
    try:
        action = workflow.Action(request.form.get("action", "save"))
    except ValueError:
        abort(400)
    if article is not None and not workflow.can_edit(current_user, article):
        abort(403)
    if not form.validate_on_submit():
        return render_form(form, article, 400)
    upload_error = read_upload(form, current_user, current_app.config)
    if upload_error:
        form.image.errors = [*form.image.errors, upload_error]
        db.session.commit()  # keep any image stored before; the form carries its id
        return render_form(form, article, 400)
    data = input_from_form(form, current_user, current_app.config["TIMEZONE"])
    try:
        saved = save_article(article, data, current_user, action, form.version.data or 0, clock.now())
    except workflow.WorkflowError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return render_form(form, article, 403)
    except ConflictError as conflict:
        return answer_conflict(form, conflict.current)
    audit_action(saved, action)
    db.session.commit()
    flash(saved_message(action, saved), "success")
    return redirect(url_for("editor.edit_article", article_id=saved.id))


def audit_action(article: Article, action: workflow.Action) -> None:
    """Publishing decisions go to the audit log."""
    if action in workflow.EDITOR_ACTIONS:
        audit.record(f"article.{action.value}", current_user, target=f"article:{article.id}", ip=client_address())


def saved_message(action: workflow.Action, article: Article) -> str:
    """What the flash says after a save."""
    if action is workflow.Action.PUBLISH and workflow.is_scheduled(article, clock.now()):
        return _("Đã hẹn giờ đăng bài.")
    return {
        workflow.Action.SUBMIT: _("Đã gửi bài chờ duyệt."),
        workflow.Action.PUBLISH: _("Đã đăng bài."),
        workflow.Action.UNPUBLISH: _("Đã gỡ bài khỏi trang công khai."),
        workflow.Action.REJECT: _("Đã trả bài lại cho tác giả."),
    }.get(action, _("Đã lưu."))


def answer_conflict(form: ArticleForm, current: Article):
    """Someone saved first: keep what this person typed (also as an autosave), show both."""
    db.session.rollback()
    current = db.session.get(Article, current.id)
    submitted = {name: form[name].data or "" for name in ("title", "lead", "body", "byline", "source", "tags")}
    store_autosave(current_user, current.id, form.version.data or 0, submitted, clock.now())
    db.session.commit()
    latest = current.revisions[-1] if current.revisions else None
    form.version.data, form.version.raw_data = current.version, None
    return render_form(form, current, 409, conflict=current, conflict_by=latest.editor if latest else None)


@bp.post("/autosave")
@background_request  # the keep-alive, not the autosave, says whether the person is active
def autosave():
    payload = request.get_json(silent=True) or {}
    article_id = payload.get("article_id")
    if article_id is not None:
        if not isinstance(article_id, int):
            abort(400)
        article = article_or_404(article_id)
        if not workflow.can_edit(current_user, article):
            abort(403)
    fields = payload.get("fields")
    if not isinstance(fields, dict):
        abort(400)
    try:
        saved = store_autosave(current_user, article_id, int(payload.get("version") or 0), fields, clock.now())
    except (ValueError, TypeError):
        abort(413)
    db.session.commit()
    return jsonify(saved=True, saved_at=saved.updated_at.isoformat())


@bp.post("/articles/<int:article_id>/presence")
@background_request
def heartbeat(article_id: int):
    article = article_or_404(article_id)
    state = presence.heartbeat(article, current_user, clock.now())
    db.session.commit()
    return jsonify(state.as_json())


@bp.post("/articles/<int:article_id>/takeover")
def take_over(article_id: int):
    article = article_or_404(article_id)
    if not current_user.can(Permission.EDIT_OTHERS) or not ConfirmForm().validate_on_submit():
        abort(403)
    previous = presence.take_over(article, current_user, clock.now())
    detail = f"from {previous.username}" if previous else ""
    audit.record("article.takeover", current_user, target=f"article:{article.id}", ip=client_address(), detail=detail)
    db.session.commit()
    return redirect(url_for("editor.edit_article", article_id=article.id))


@bp.post("/articles/<int:article_id>/delete")
def delete_article(article_id: int):
    article = article_or_404(article_id)
    if not current_user.can(Permission.PUBLISH) or not ConfirmForm().validate_on_submit():
        abort(403)
    audit.record(
        "article.delete", current_user, target=f"article:{article.id}", ip=client_address(), detail=article.title
    )
    db.session.delete(article)
    db.session.commit()
    flash(_("Đã xóa bài “%(title)s”.", title=article.title), "success")
    return redirect(url_for("editor.dashboard"))


@bp.get("/articles/<int:article_id>/preview")
def preview(article_id: int):
    return render_template("editor/preview.html", article=article_or_404(article_id))


@bp.get("/articles/<int:article_id>/revisions")
def revisions(article_id: int):
    article = article_or_404(article_id)
    return render_template(
        "editor/revisions.html",
        article=article,
        revisions=list(reversed(article.revisions)),
        confirm_form=ConfirmForm(),
        can_edit=workflow.can_edit(current_user, article),
    )


def revision_or_404(article: Article, revision_id: str | int | None) -> ArticleRevision:
    """A revision of this article, by id."""
    if revision_id is None or not str(revision_id).isdigit() or len(str(revision_id)) > 10:
        abort(404)
    revision = db.session.get(ArticleRevision, int(revision_id))
    if revision is None or revision.article_id != article.id:
        abort(404)
    return revision


@bp.get("/articles/<int:article_id>/revisions/diff")
def revision_compare(article_id: int):
    article = article_or_404(article_id)
    old = revision_or_404(article, request.args.get("a"))
    new = revision_or_404(article, request.args.get("b"))
    if old.id > new.id:
        old, new = new, old
    return render_template("editor/diff.html", article=article, old=old, new=new, diffs=revision_diff(old, new))


@bp.post("/articles/<int:article_id>/revisions/<int:revision_id>/restore")
def restore_revision(article_id: int, revision_id: int):
    article = article_or_404(article_id)
    revision = revision_or_404(article, revision_id)
    if not ConfirmForm().validate_on_submit() or not workflow.can_edit(current_user, article):
        abort(403)
    data = input_from_revision(revision, article)
    save_article(article, data, current_user, workflow.Action.SAVE, article.version, clock.now())
    db.session.commit()
    flash(_("Đã khôi phục phiên bản %(n)s thành một phiên bản mới.", n=revision.version), "success")
    return redirect(url_for("editor.edit_article", article_id=article.id))
