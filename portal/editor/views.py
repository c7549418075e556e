"""Views of the editor area: every rule is checked here on the server, on every request."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.content import audit, presence, workflow
from portal.content.article_fields import autosave_names, autosave_values
from portal.content.autosave import MAX_AUTOSAVE_BYTES, offer_autosave, store_autosave
from portal.content.categories import category_tree
from portal.content.diffing import revision_diff
from portal.content.editing import Conflict, ConflictError, Refused, Saved, save_article, save_submission
from portal.content.listing import STATUS_FILTERS, editor_listing, status_counts
from portal.content.published import paginate
from portal.content.sanitize import TooComplexError
from portal.content.search import unindex_article
from portal.editor.article_form import (
    article_form_data,
    autosave_form_data,
    input_from_revision,
    keep_form_as_autosave,
    new_article_form,
    read_upload,
    submission_from_form,
)
from portal.editor.forms import ArticleForm, ConfirmForm, DashboardFilterForm
from portal.extensions import db
from portal.ids import parse_id
from portal.models import Article, ArticleRevision, Media, Permission, User
from portal.web.choices import select_choices
from portal.web.guards import guard_blueprint
from portal.web.traffic import background_request, client_address, json_body, requested_page

bp = Blueprint("editor", __name__, url_prefix="/editor")
JUST_SAVED_KEY = "editor_just_saved"  # one-shot: which form's save the next edit page confirms

guard_blueprint(bp, Permission.WRITE)


def article_or_404(article_id: int) -> Article:
    """The article if this person may open it; 404 otherwise (no hint that it exists)."""
    article = db.session.get(Article, article_id)
    if article is None or not workflow.can_view(current_user, article):
        abort(404)
    return article


def category_choices() -> list[tuple[int, str]]:
    """Categories for the select, children indented under their parents."""
    return [(category.id, "— " * depth + category.name) for category, depth in category_tree()]


def article_category_choices() -> list[tuple[int | str, str]]:
    """The article form's categories after an empty first choice, so none is picked by default."""
    return [("", _("Chọn chuyên mục")), *category_choices()]


def render_form(form: ArticleForm, article: Article | None, status: int = 200, **extra):
    """The article form page, with what the person may do and who else is there."""
    form.category.choices = select_choices(article_category_choices())
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
        read_only_notice=workflow.read_only_notice(current_user, article, now) if article else None,
        refused=status >= 400,
        autosave_fields=autosave_names(current_user),
        current_image=db.session.get(Media, form.image_id.data) if form.image_id.data else None,
        **extra,
    )
    return page, status


@bp.get("/")
def dashboard():
    filters = DashboardFilterForm(request.args)
    filters.status.choices = select_choices([("", _("Tất cả")), *((s, s) for s in STATUS_FILTERS)])
    category_id, author_id = parse_id(filters.category.data), parse_id(filters.author.data)
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
    saved = article_form_data(article)
    form = ArticleForm(formdata=None, data=saved)
    offered = offer_autosave(current_user, article, autosave_values(saved))
    if offered and request.args.get("restore") == "autosave":
        form = ArticleForm(formdata=None, data=autosave_form_data(offered))
        offered = None
    if workflow.can_edit(current_user, article):
        presence.heartbeat(article, current_user, clock.now())
        db.session.commit()
    return render_form(form, article, offered_autosave=offered, saved_from=just_saved_from(article))


def just_saved_from(article: Article) -> dict[str, str] | None:
    """The form ("new" or an id) whose save this page follows and the token of the browser copy
    that save carried, once; the page script then drops that copy and no other."""
    saved = session.pop(JUST_SAVED_KEY, None)
    if not isinstance(saved, dict) or saved.get("article") != article.id or not saved.get("token"):
        return None
    return {"form": str(saved.get("from")), "token": str(saved["token"])}


def handle_save(article: Article | None):
    """Validate the posted form, store any upload, save, and answer; nothing typed is lost."""
    form = ArticleForm()
    form.category.choices = select_choices(article_category_choices())
    try:
        action = workflow.Action(request.form.get("action", "save"))
    except ValueError:
        abort(400)
    if not form.validate_on_submit():
        if form.body.errors and keep_form_as_autosave(form, article, current_user):  # where the person will find it
            db.session.commit()
            flash(_("Nội dung bạn vừa gõ đã được lưu tự động."), "warning")
        return render_form(form, article, 400)
    upload_error = read_upload(form, current_user, current_app.config)
    db.session.commit()  # a stored upload outlives whatever happens to this save
    if upload_error:
        form.image.errors = [*form.image.errors, upload_error]
        return render_form(form, article, 400)
    submission = submission_from_form(form, action, current_app.config["TIMEZONE"])
    outcome = save_submission(article, submission, current_user, clock.now(), client_address())
    db.session.commit()
    return answer_save(form, article, action, outcome)


def answer_save(
    form: ArticleForm, article: Article | None, action: workflow.Action, outcome: Saved | Refused | Conflict
):
    """The redirect or page that tells the person how the save went; the form keeps what they typed."""
    if isinstance(outcome, Saved):
        flash(saved_message(action, outcome), "success")
        token = request.form.get("copy_token", "")[:64]
        session[JUST_SAVED_KEY] = {"article": outcome.article.id, "from": article.id if article else "new", "token": token}
        return redirect(url_for("editor.edit_article", article_id=outcome.article.id))
    if outcome.image_id != form.image_id.data:  # a picture the person may not use is not shown either
        form.image_id.data, form.image_id.raw_data = outcome.image_id, None
    if isinstance(outcome, Conflict):
        form.version.data, form.version.raw_data = outcome.current.version, None
        return render_form(form, outcome.current, 409, conflict=outcome.current, conflict_by=outcome.by)
    kept = " " + _("Nội dung bạn vừa gõ đã được lưu tự động.") if outcome.kept else ""
    flash(outcome.message + kept, "danger")
    return render_form(form, article, 403)


def saved_message(action: workflow.Action, saved: Saved) -> str:
    """What the flash says after a save."""
    if action is workflow.Action.PUBLISH and saved.scheduled:
        return _("Đã hẹn giờ đăng bài.")
    return {
        workflow.Action.SUBMIT: _("Đã gửi bài chờ duyệt."),
        workflow.Action.PUBLISH: _("Đã đăng bài."),
        workflow.Action.UNPUBLISH: _("Đã gỡ bài khỏi trang công khai."),
        workflow.Action.REJECT: _("Đã trả bài lại cho tác giả."),
    }.get(action, _("Đã lưu."))


@bp.post("/autosave")
@background_request  # the keep-alive, not the autosave, says whether the person is active
def autosave():
    payload = json_body(2 * MAX_AUTOSAVE_BYTES)
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        abort(400)
    raw_id, raw_version = payload.get("article_id"), payload.get("version") or 0
    numbers = [x if isinstance(x, int) else None for x in (raw_id, raw_version)]  # JSON numbers only
    article_id, version = parse_id(numbers[0]), (parse_id(numbers[1]) if raw_version else 0)
    if (raw_id is not None and article_id is None) or version is None:
        abort(400)
    if article_id is not None:
        article = article_or_404(article_id)
        if not workflow.can_edit(current_user, article):
            abort(403)
    try:
        saved = store_autosave(current_user, article_id, version, payload["fields"], clock.now())
    except ValueError:
        abort(413)
    db.session.commit()
    return jsonify(saved=True, saved_at=saved.updated_at.isoformat())


@bp.post("/articles/<int:article_id>/presence")
@background_request
def heartbeat(article_id: int):
    article = article_or_404(article_id)
    if not workflow.can_edit(current_user, article):
        return jsonify(mine=False, holder=None, taken_by=None)
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
    unindex_article(article.id)
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
    key = parse_id(revision_id)
    revision = db.session.get(ArticleRevision, key) if key else None
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
    try:
        save_article(article, data, current_user, workflow.Action.SAVE, article.version, clock.now())
    except ConflictError:
        flash(_("Bài vừa được người khác lưu; hãy xem lại rồi khôi phục lần nữa."), "warning")
        return redirect(url_for("editor.revisions", article_id=article_id))
    except TooComplexError as error:  # a revision older than the limits
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("editor.revisions", article_id=article_id))
    audit.record(
        "article.restore",
        current_user,
        target=f"article:{article.id}",
        ip=client_address(),
        detail=str(revision.version),
    )
    db.session.commit()
    flash(_("Đã khôi phục phiên bản %(n)s thành một phiên bản mới.", n=revision.version), "success")
    return redirect(url_for("editor.edit_article", article_id=article.id))
