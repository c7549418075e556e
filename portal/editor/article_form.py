"""Between the article form and the domain: fill the form, read it, store its upload."""

from datetime import datetime

from werkzeug.datastructures import FileStorage

from portal.content import media as media_intake
from portal.content.autosave import autosave_fields
from portal.content.dates import parse_local_datetime
from portal.content.editing import ArticleInput, parse_tag_names
from portal.editor.forms import ArticleForm
from portal.ids import parse_id
from portal.models import Article, ArticleRevision, Autosave, Permission, User
from portal.templating import local_time


def _local_input_value(value: datetime | None) -> str:
    """A datetime as the value of an <input type="datetime-local"> in Vietnam time."""
    local = local_time(value)
    return local.strftime("%Y-%m-%dT%H:%M") if local else ""


def article_form_data(article: Article) -> dict:
    """The form's initial values for an existing article."""
    return {
        "title": article.title,
        "lead": article.lead,
        "body": article.body_source,
        "byline": article.byline,
        "source": article.source,
        "category": article.category_id,
        "tags": ", ".join(tag.name for tag in article.tags),
        "image_caption": article.image_caption,
        "image_alt": article.image_alt,
        "published_at": _local_input_value(article.published_at),
        "featured": article.featured,
        "review_note": article.review_note,
        "version": article.version,
        "image_id": article.image_id,
    }


def new_article_form(user: User) -> ArticleForm:
    """An empty form; the byline defaults to the person's display name."""
    return ArticleForm(formdata=None, data={"byline": user.display_name, "version": 0})


def autosave_form_data(autosave: Autosave) -> dict:
    """The form's values from an autosave, on the version it was based on."""
    fields = autosave_fields(autosave)
    data = {name: fields.get(name, "") for name in ("title", "lead", "byline", "source", "tags", "image_caption")}
    data["body"] = fields.get("body", "")
    data["published_at"] = fields.get("published_at", "")
    data["category"] = parse_id(fields.get("category"))
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


def input_from_form(form: ArticleForm, user: User, timezone: str) -> ArticleInput:
    """The validated form as domain input, without the fields this person may not set."""
    editor = user.can(Permission.PUBLISH)
    return ArticleInput(
        title=form.title.data,
        lead=form.lead.data or "",
        body_source=form.body.data or "",
        byline=form.byline.data or "",
        source=form.source.data or "",
        category_id=form.category.data,
        tag_names=parse_tag_names(form.tags.data or ""),
        image_id=None if form.remove_image.data else form.image_id.data,
        image_caption=form.image_caption.data or "",
        image_alt=form.image_alt.data or "",
        published_at=parse_local_datetime(form.published_at.data, timezone) if editor else None,
        featured=bool(form.featured.data) if editor else None,
        review_note=(form.review_note.data or "") if editor else None,
    )


def input_from_revision(revision: ArticleRevision, article: Article) -> ArticleInput:
    """Domain input that brings an old revision's content back."""
    return ArticleInput(
        title=revision.title,
        lead=revision.lead,
        body_source=revision.body_source,
        byline=revision.byline,
        source=revision.source,
        category_id=revision.category_id or article.category_id,
        tag_names=parse_tag_names(revision.tag_names),
        image_id=revision.image_id,
        image_caption=revision.image_caption,
        image_alt=article.image_alt,
        published_at=None,
        featured=None,
        review_note=None,
    )
