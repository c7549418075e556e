"""Differences between two revisions, field by field, line by line."""

import difflib
import html
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext

from portal.models import ArticleRevision

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|figcaption|pre)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")

FIELDS = (
    ("title", lazy_gettext("Tiêu đề")),
    ("lead", lazy_gettext("Tóm tắt")),
    ("body_source", lazy_gettext("Nội dung")),
    ("byline", lazy_gettext("Tác giả bài viết")),
    ("source", lazy_gettext("Nguồn tin")),
    ("tag_names", lazy_gettext("Từ khóa")),
    ("image_caption", lazy_gettext("Chú thích ảnh")),
)


@dataclass(frozen=True)
class DiffLine:
    """One line of a difference: "same", "removed" or "added", and its text."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldDiff:
    """The difference in one field; empty lines when the field did not change."""

    label: str  # in the interface language (FIELDS holds lazy strings)
    lines: list[DiffLine]


def text_lines(value: str) -> list[str]:
    """Readable lines of a field: HTML turned into one line per block, tags dropped."""
    plain = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", value or "")))
    return [line.strip() for line in plain.splitlines() if line.strip()]


def line_diff(old: str, new: str) -> list[DiffLine]:
    """The lines kept, removed and added between two texts."""
    before, after = text_lines(old), text_lines(new)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("same", text) for text in before[i1:i2])
            continue
        lines.extend(DiffLine("removed", text) for text in before[i1:i2])
        lines.extend(DiffLine("added", text) for text in after[j1:j2])
    return lines


def revision_diff(old: ArticleRevision, new: ArticleRevision) -> list[FieldDiff]:
    """The changed fields between two revisions of one article."""
    diffs = []
    for name, label in FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            diffs.append(FieldDiff(str(label), line_diff(before, after)))
    return diffs
