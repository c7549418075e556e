"""Between the article form and the domain: fill the form, read it, store its upload."""

from datetime import datetime

from werkzeug.datastructures import FileStorage

from portal import clock
from portal.content import media as media_intake
from portal.content import workflow
from portal.content.article_fields import ARTICLE_FIELDS, AUTOSAVE_FIELDS, ArticleField, autosave_values, saved_value
from portal.content.autosave import autosave_fields
from portal.content.dates import parse_local_datetime
from portal.content.editing import ArticleInput, Submission, keep_typed, parse_tag_names
from portal.editor.forms import ArticleForm
from portal.ids import parse_id
from portal.models import Article, ArticleRevision, Autosave, Permission, User
from portal.templating import local_time


def _local_input_value(value: datetime | None) -> str:
    """A datetime as the value of an <input type="datetime-local"> in Vietnam time."""
    local = local_time(value)
    return local.strftime("%Y-%m-%dT%H:%M") if local else ""


def _form_value(article: Article, article_field: ArticleField) -> object:
    """The article's value of a field as the form shows it."""
    value = saved_value(article, article_field)
    return _local_input_value(value) if article_field.kind == "datetime" else value


def article_form_data(article: Article) -> dict:
    """The form's initial values for an existing article."""
    data = {f.form_name: _form_value(article, f) for f in ARTICLE_FIELDS}
    data["version"] = article.version
    return data


def new_article_form(user: User) -> ArticleForm:
    """An empty form; the byline defaults to the person's display name."""
    return ArticleForm(formdata=None, data={"byline": user.display_name, "version": 0})


def _autosaved_value(article_field: ArticleField, value: str) -> object:
    """A value kept by an autosave as the form takes it."""
    if article_field.kind == "id":
        return parse_id(value)
    return value != "" if article_field.kind == "bool" else value


def autosave_form_data(autosave: Autosave) -> dict:
    """The form's values from an autosave, on the version it was based on."""
    fields = autosave_fields(autosave)
    data = {f.form_name: _autosaved_value(f, fields.get(f.form_name, "")) for f in AUTOSAVE_FIELDS}
    data["version"] = autosave.base_version
    if autosave.article is not None:
        data["image_id"] = autosave.article.image_id
    return data


def read_upload(form: ArticleForm, user: User, config) -> str | None:
    """Store the uploaded lead image, if any, and point the form at it; return an error."""
    upload = form.image.data
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    data = upload.read()
    try:
        media_intake.check_size(len(data), config["MAX_UPLOAD_MB"])
        media = media_intake.store_image(data, upload.filename, config["MEDIA_DIR"], user.id)
    except media_intake.MediaError as error:
        return str(error)
    form.image_id.data, form.image_id.raw_data = media.id, None
    return None


def _input_value(form: ArticleForm, article_field: ArticleField, timezone: str) -> object:
    """A validated form field as domain input."""
    value = form[article_field.form_name].data
    if article_field.kind == "tags":
        return parse_tag_names(value or "")
    if article_field.kind == "datetime":
        return parse_local_datetime(value, timezone)
    if article_field.kind == "bool":
        return bool(value)
    return value if article_field.kind == "id" else value or ""


def input_from_form(form: ArticleForm, timezone: str) -> ArticleInput:
    """The validated form as domain input; the domain leaves out what the person may not set."""
    return ArticleInput(**{f.name: _input_value(form, f, timezone) for f in ARTICLE_FIELDS})


def typed_fields(form: ArticleForm) -> dict[str, str]:
    """Everything typed into the form, as an autosave keeps it."""
    return autosave_values(form.data)


def submission_from_form(form: ArticleForm, action: workflow.Action, timezone: str) -> Submission:
    """The validated form and the button pressed, as the domain's save takes them."""
    data, version = input_from_form(form, timezone), form.version.data or 0
    return Submission(data, typed_fields(form), action, version, remove_image=bool(form.remove_image.data))


def keep_form_as_autosave(form: ArticleForm, article: Article | None, user: User) -> bool:
    """Keep what was typed into a form that could not be saved as the person's autosave."""
    article_id = article.id if article else None
    return keep_typed(user, article_id, form.version.data or 0, typed_fields(form), clock.now())


def input_from_revision(revision: ArticleRevision, article: Article) -> ArticleInput:
    """Domain input that brings an old revision's content back, and leaves editor-only fields alone."""
    values = {}
    for article_field in ARTICLE_FIELDS:
        if article_field.permission is not Permission.WRITE:
            values[article_field.name] = None  # the date, the featured flag and the note stay as they are
        else:
            values[article_field.name] = getattr(revision if article_field.in_revision else article, article_field.name)
    values["category_id"] = revision.category_id or article.category_id
    values["tag_names"] = parse_tag_names(revision.tag_names)
    return ArticleInput(**values)
