"""Differences between two revisions, field by field, line by line.

difflib's alignment takes time proportional to the product of the two texts' lengths (and
worse on repeated lines), so only a bounded middle part is aligned: lines the two versions
share at the start and the end are set aside first, and a middle part still larger than
MAX_ALIGNED is compared by paragraph, without alignment, in linear time.
"""

import difflib
import html
import re
from collections import Counter
from dataclasses import dataclass

from portal.content.article_fields import DIFF_FIELDS
from portal.models import ArticleRevision

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|figcaption|pre)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")  # "[^<>]": a "<" with no ">" after it costs one step, not the rest of the text
# Lines of the old version times lines of the new one, past which the middle is not aligned.
MAX_ALIGNED = 40_000

FIELDS = tuple((f.name, f.diff_label) for f in DIFF_FIELDS)  # (revision column, lazy label)


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
    by_paragraph: bool = False  # too large to align: removed and added paragraphs, not where they moved


def text_lines(value: str) -> list[str]:
    """Readable lines of a field: HTML turned into one line per block, tags dropped."""
    plain = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", value or "")))
    return [line.strip() for line in plain.splitlines() if line.strip()]


def _same(lines: list[str]) -> list[DiffLine]:
    return [DiffLine("same", text) for text in lines]


def _aligned(before: list[str], after: list[str]) -> list[DiffLine]:
    """The lines kept, removed and added, aligned by difflib."""
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            lines.extend(_same(before[i1:i2]))
            continue
        lines.extend(DiffLine("removed", text) for text in before[i1:i2])
        lines.extend(DiffLine("added", text) for text in after[j1:j2])
    return lines


def _beyond(lines: list[str], kept: Counter) -> list[str]:
    """The lines, in order, less as many of each as `kept` counts."""
    remaining, left = Counter(kept), []
    for text in lines:
        if remaining[text]:
            remaining[text] -= 1
        else:
            left.append(text)
    return left


def _by_paragraph(before: list[str], after: list[str]) -> list[DiffLine]:
    """Paragraphs only in the old version, then those only in the new one (linear time); when the
    same paragraphs only changed places, the old order and the new one in full."""
    kept = Counter(before) & Counter(after)
    removed = [DiffLine("removed", text) for text in _beyond(before, kept)]
    added = [DiffLine("added", text) for text in _beyond(after, kept)]
    if not removed and not added:
        removed = [DiffLine("removed", text) for text in before]
        added = [DiffLine("added", text) for text in after]
    return removed + added


def _shared_ends(before: list[str], after: list[str]) -> tuple[int, int]:
    """How many lines the two share at the start, and then at the end."""
    limit = min(len(before), len(after))
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return head, tail


def line_diff(old: str, new: str) -> tuple[list[DiffLine], bool]:
    """The lines kept, removed and added between two texts, and whether only by paragraph."""
    before, after = text_lines(old), text_lines(new)
    head, tail = _shared_ends(before, after)
    middle_before, middle_after = before[head : len(before) - tail], after[head : len(after) - tail]
    too_large = len(middle_before) * len(middle_after) > MAX_ALIGNED
    middle = (_by_paragraph if too_large else _aligned)(middle_before, middle_after)
    return _same(before[:head]) + middle + _same(before[len(before) - tail :]), too_large


def revision_diff(old: ArticleRevision, new: ArticleRevision) -> list[FieldDiff]:
    """The changed fields between two revisions of one article."""
    diffs = []
    for name, label in FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            diffs.append(FieldDiff(str(label), *line_diff(before, after)))
    return diffs
