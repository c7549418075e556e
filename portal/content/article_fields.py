"""The article's fields, listed once; the form, revisions, autosave, diffs and page script derive from it.

| name          | form field    | kind     | revision | autosave | diff label       | set by  |
|---------------|---------------|----------|----------|----------|------------------|---------|
| title         | title         | text     | yes      | yes      | Tiêu đề          | write   |
| lead          | lead          | text     | yes      | yes      | Tóm tắt          | write   |
| body_source   | body          | text     | yes      | yes      | Nội dung         | write   |
| byline        | byline        | text     | yes      | yes      | Tác giả bài viết | write   |
| source        | source        | text     | yes      | yes      | Nguồn tin        | write   |
| category_id   | category      | id       | yes      | yes      |                  | write   |
| tag_names     | tags          | tags     | yes      | yes      | Từ khóa          | write   |
| image_id      | image_id      | id       | yes      | no       |                  | write   |
| image_caption | image_caption | text     | yes      | yes      | Chú thích ảnh    | write   |
| image_alt     | image_alt     | text     | no       | yes      |                  | write   |
| published_at  | published_at  | datetime | yes      | yes      |                  | publish |
| featured      | featured      | bool     | no       | yes      |                  | publish |
| review_note   | review_note   | text     | no       | yes      |                  | publish |
"""

from dataclasses import dataclass

from flask_babel import LazyString, lazy_gettext

from portal.models import Article, Permission, User


@dataclass(frozen=True)
class ArticleField:
    """One field of an article: where it lives and which lists hold it."""

    name: str  # the ArticleInput attribute; also the Article and ArticleRevision column
    form_name: str  # the ArticleForm field (and the key in an autosave)
    kind: str  # "text", "id", "tags", "datetime" or "bool": how the form shows it
    in_revision: bool  # copied into every ArticleRevision
    in_autosave: bool  # kept by an autosave of the form
    diff_label: LazyString | None = None  # shown when comparing revisions under this label; None: not compared
    permission: Permission = Permission.WRITE  # who may set it; editor-only fields read None as "leave as is"

    def may_set(self, user: User) -> bool:
        """Whether the person may set this field."""
        return user.can(self.permission)


ARTICLE_FIELDS: tuple[ArticleField, ...] = (
    ArticleField("title", "title", "text", True, True, lazy_gettext("Tiêu đề")),
    ArticleField("lead", "lead", "text", True, True, lazy_gettext("Tóm tắt")),
    ArticleField("body_source", "body", "text", True, True, lazy_gettext("Nội dung")),
    ArticleField("byline", "byline", "text", True, True, lazy_gettext("Tác giả bài viết")),
    ArticleField("source", "source", "text", True, True, lazy_gettext("Nguồn tin")),
    ArticleField("category_id", "category", "id", True, True),
    ArticleField("tag_names", "tags", "tags", True, True, lazy_gettext("Từ khóa")),
    # Not autosaved: an autosave is posted by the page, so it could name any picture; the
    # lead image follows the article, and an upload is stored when the form is sent.
    ArticleField("image_id", "image_id", "id", True, False),
    ArticleField("image_caption", "image_caption", "text", True, True, lazy_gettext("Chú thích ảnh")),
    ArticleField("image_alt", "image_alt", "text", False, True),
    ArticleField("published_at", "published_at", "datetime", True, True, permission=Permission.PUBLISH),
    ArticleField("featured", "featured", "bool", False, True, permission=Permission.PUBLISH),
    ArticleField("review_note", "review_note", "text", False, True, permission=Permission.PUBLISH),
)

# The form's other controls, which are not article content: the CSRF token, the version the
# form was opened from (an autosave keeps it as its base version), the file input (stored as
# a Media row when sent, then named by image_id) and the "remove the image" box.
FORM_CONTROLS = frozenset({"csrf_token", "version", "image", "remove_image"})

REVISION_FIELDS = tuple(f for f in ARTICLE_FIELDS if f.in_revision)
DIFF_FIELDS = tuple(f for f in ARTICLE_FIELDS if f.diff_label is not None)
AUTOSAVE_FIELDS = tuple(f for f in ARTICLE_FIELDS if f.in_autosave)
AUTOSAVE_NAMES = tuple(f.form_name for f in AUTOSAVE_FIELDS)


def saved_value(article: Article, article_field: ArticleField) -> object:
    """The article's value of a field (its tags as "a, b", as a revision holds them)."""
    if article_field.kind == "tags":
        return ", ".join(tag.name for tag in article.tags)
    return getattr(article, article_field.name)


def autosave_names(user: User) -> tuple[str, ...]:
    """The form fields an autosave keeps for this person: those they may set."""
    return tuple(f.form_name for f in AUTOSAVE_FIELDS if f.may_set(user))


def autosave_value(field: ArticleField, value: object) -> str:
    """A form value as an autosave keeps it: a string, "y" or "" for a box (as the page sends it)."""
    if field.kind == "bool":
        return "y" if value else ""
    return "" if value is None else str(value)


def autosave_values(form_data: dict) -> dict[str, str]:
    """The form's values (by form field name) as an autosave keeps them."""
    return {f.form_name: autosave_value(f, form_data.get(f.form_name)) for f in AUTOSAVE_FIELDS}
