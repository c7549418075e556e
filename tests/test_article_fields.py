"""The article's fields, listed once: the form, revisions, autosave, diffs and the page script agree."""

import dataclasses
import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from portal.content import workflow
from portal.content.article_fields import (
    ARTICLE_FIELDS,
    AUTOSAVE_NAMES,
    DIFF_FIELDS,
    FORM_CONTROLS,
    REVISION_FIELDS,
    autosave_names,
)
from portal.content.editing import ArticleInput, Conflict, Refused, Saved, Submission, save_submission
from portal.content.listing import editor_listing
from portal.editor.forms import ArticleForm
from portal.extensions import db
from portal.models import Article, ArticleRevision, ArticleStatus, AuditLog, Autosave, Role
from tests.factories import make_article, make_category, make_user

# Article fields an autosave does not keep, and why. Anything else the form has, it keeps.
NOT_AUTOSAVED = {"image_id": "an autosave is posted by the page and could name any picture"}

# A value for every field an autosave keeps, as the page sends it; "{category}" is filled in.
TYPED = {
    "title": "Tiêu đề trong bản lưu tự động",
    "lead": "Tóm tắt chưa kịp lưu.",
    "body": "<p>Nội dung chưa kịp lưu.</p>",
    "byline": "Ngọc Ánh",
    "source": "Văn phòng HĐND thị trấn",
    "category": "{category}",
    "tags": "chuyển đổi số, nông thôn mới",
    "image_caption": "Chú thích ảnh chưa lưu",
    "image_alt": "Mô tả ảnh chưa lưu",
    "published_at": "2026-03-02T08:30",
    "featured": "y",
    "review_note": "Ghi chú của biên tập viên chưa lưu",
}


class FormValues(HTMLParser):
    """The values the article form on a page holds, by field name, as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.autosave_fields: list[str] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "article-form":
            self.autosave_fields = (attrs.get("data-autosave-fields") or "").split()
        elif tag == "input" and attrs.get("name"):
            ticked = attrs.get("type") != "checkbox" or "checked" in attrs
            self.values[attrs["name"]] = (attrs.get("value") or "") if ticked else ""
        elif tag == "textarea" and attrs.get("name"):  # a named one: a field the form sends
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\r\n") if not self.values[self._textarea] else data


def form_values(html: str) -> FormValues:
    parser = FormValues()
    parser.feed(html)
    return parser


@pytest.fixture
def newsroom(app, login):
    """An author's pending article, another category, and the author and an editor signed in."""
    author, editor = make_user(Role.AUTHOR), make_user(Role.EDITOR)
    category, other = make_category("Tin trong huyện"), make_category("Kinh tế")
    article = make_article("Bài chờ duyệt", category, status=ArticleStatus.PENDING, author=author, published_at=None)
    db.session.commit()
    return {"article": article, "category": other, "author": author, "editor": editor}, login(author), login(editor)


def typed_values(category) -> dict[str, str]:
    return {name: value.format(category=category.id) for name, value in TYPED.items()}


# --- one table ---------------------------------------------------------------------------


def test_every_form_field_is_an_article_field_or_a_declared_control(app):
    with app.test_request_context():
        form_fields = set(ArticleForm()._fields) | {"csrf_token"}  # tests run without CSRF
    assert form_fields == {f.form_name for f in ARTICLE_FIELDS} | FORM_CONTROLS


def test_no_form_field_is_missing_from_the_autosave(app):
    with app.test_request_context():
        form_fields = set(ArticleForm()._fields) - FORM_CONTROLS
    by_form_name = {f.form_name: f for f in ARTICLE_FIELDS}
    missing = {
        name for name in form_fields if name not in AUTOSAVE_NAMES and by_form_name[name].name not in NOT_AUTOSAVED
    }
    assert missing == set(), f"the autosave loses {sorted(missing)}"
    assert {"image_alt", "review_note"} <= set(AUTOSAVE_NAMES)
    assert set(TYPED) == set(AUTOSAVE_NAMES), "give every autosaved field a value to type in TYPED"


def test_the_table_matches_the_input_the_revisions_and_the_article():
    assert [f.name for f in dataclasses.fields(ArticleInput)] == [f.name for f in ARTICLE_FIELDS]
    revision_columns = set(ArticleRevision.__table__.columns.keys())
    assert {f.name for f in REVISION_FIELDS} <= revision_columns
    assert {f.name for f in ARTICLE_FIELDS if f.kind != "tags"} <= set(Article.__table__.columns.keys())
    assert {f.name for f in DIFF_FIELDS} <= {f.name for f in REVISION_FIELDS}


def test_authors_autosave_only_what_they_may_set(app):
    author, editor = make_user(Role.AUTHOR), make_user(Role.EDITOR)
    assert set(autosave_names(editor)) == set(AUTOSAVE_NAMES)
    assert {"published_at", "featured", "review_note"}.isdisjoint(autosave_names(author))


# --- autosave restores every field --------------------------------------------------------


def test_the_page_script_autosaves_every_field_the_form_shows(newsroom):
    people, _author, editor = newsroom
    page = form_values(editor.get(f"/editor/articles/{people['article'].id}/edit").get_data(as_text=True))
    assert page.autosave_fields == list(AUTOSAVE_NAMES)
    assert set(page.autosave_fields) <= set(page.values)


@pytest.mark.parametrize("name", AUTOSAVE_NAMES)
def test_an_autosave_restores_the_field(newsroom, name):
    people, _author, editor = newsroom
    article, typed = people["article"], typed_values(people["category"])
    payload = {"article_id": article.id, "version": article.version, "fields": typed}
    assert editor.post("/editor/autosave", json=payload).status_code == 200
    before = form_values(editor.get(f"/editor/articles/{article.id}/edit").get_data(as_text=True))
    assert before.values[name] != typed[name]
    restored = editor.get(f"/editor/articles/{article.id}/edit?restore=autosave").get_data(as_text=True)
    assert form_values(restored).values[name] == typed[name]


def test_a_conflict_keeps_every_typed_field_as_the_autosave(newsroom, clock):
    people, _author, editor = newsroom
    article, typed = people["article"], typed_values(people["category"])
    stale = article.version
    editor.post(f"/editor/articles/{article.id}/edit", data={**typed, "version": stale, "title": "Bản của người khác"})
    answer = editor.post(f"/editor/articles/{article.id}/edit", data={**typed, "version": stale, "action": "save"})
    assert answer.status_code == 409
    kept = db.session.scalar(sa.select(Autosave).where(Autosave.user_id == people["editor"].id))
    assert json.loads(kept.data) == typed


# --- saving is one domain call ------------------------------------------------------------


def submission(category, action=workflow.Action.SAVE, base_version=0, **overrides) -> Submission:
    data = ArticleInput(title="Tin mới", body_source="<p>Nội dung.</p>", category_id=category.id, **overrides)
    return Submission(data, {"title": "Tin mới"}, action, base_version)


def test_saving_publishes_and_audits_without_a_request(app, clock):
    editor, category = make_user(Role.EDITOR), make_category()
    later = clock() + timedelta(days=1)
    outcome = save_submission(
        None, submission(category, workflow.Action.PUBLISH, published_at=later), editor, clock(), "192.0.2.7"
    )
    assert isinstance(outcome, Saved) and outcome.scheduled
    entry = db.session.scalar(sa.select(AuditLog))
    assert (entry.action, entry.ip, entry.target) == ("article.publish", "192.0.2.7", f"article:{outcome.article.id}")


def test_a_refused_save_keeps_the_typed_text(app, clock):
    author, category = make_user(Role.AUTHOR), make_category()
    db.session.commit()
    outcome = save_submission(None, submission(category, workflow.Action.PUBLISH), author, clock(), "")
    assert isinstance(outcome, Refused) and outcome.kept
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0
    assert "Tin mới" in db.session.scalar(sa.select(Autosave.data))


def test_a_stale_save_answers_conflict_with_who_saved(app, clock):
    editor, category = make_user(Role.EDITOR), make_category()
    first = save_submission(None, submission(category), editor, clock(), "")
    db.session.commit()
    again = save_submission(first.article, submission(category, base_version=0, lead="Khác"), editor, clock(), "")
    assert isinstance(again, Conflict) and again.current.id == first.article.id and again.by == editor


def test_fields_a_person_may_not_set_are_left_alone(app, clock):
    author, category = make_user(Role.AUTHOR), make_category()
    outcome = save_submission(None, submission(category, featured=True, review_note="Tự ghi chú"), author, clock(), "")
    assert isinstance(outcome, Saved)
    assert outcome.article.featured is False and outcome.article.review_note == ""


# --- "scheduled", one definition ----------------------------------------------------------


def test_scheduled_means_the_same_in_the_listing_and_on_the_dashboard(app, login, clock):
    editor, category = make_user(Role.EDITOR), make_category()
    soon = make_article("Sắp đăng", category, published_at=clock() + timedelta(hours=2))
    make_article("Đã đăng", category, now=clock())
    make_article("Bản nháp", category, status=ArticleStatus.DRAFT)
    db.session.commit()
    listed = db.session.scalars(editor_listing(editor, clock(), "scheduled")).all()
    assert listed == [soon] and [
        a for a in db.session.scalars(sa.select(Article)) if workflow.is_scheduled(a, clock())
    ] == [soon]
    assert login(editor).get("/editor/").get_data(as_text=True).count("status--scheduled") == 1
