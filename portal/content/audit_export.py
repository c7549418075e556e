"""The audit log as CSV for a spreadsheet: Vietnamese (or English) headings, UTF-8 with a BOM, streamed
in batches, every cell defused against formula injection."""

import csv
import io
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext

from portal.content.audit_sentences import describe_all
from portal.extensions import db
from portal.models import AuditLog

BATCH = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A spreadsheet set to split on ";" (common outside English locales) would start a new cell there.
FORMULA_AFTER_SEMICOLON = re.compile(r";(\s*)(?=[=+\-@\t\r])")


def defuse(cell: str) -> str:
    """Prefix a cell a spreadsheet would read as a formula with an apostrophe (OWASP's advice),
    and likewise any part after a ";" that a spreadsheet splitting on ";" would read as one."""
    cell = FORMULA_AFTER_SEMICOLON.sub(r";\1'", cell)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def headings() -> list[str]:
    """The column headings in the current language."""
    return [
        gettext("Thời điểm"),
        gettext("Người thực hiện"),
        gettext("Hành động"),
        gettext("Diễn giải"),
        gettext("Đối tượng"),
        gettext("Địa chỉ IP"),
        gettext("Số lần"),
    ]


def batches(stmt: sa.Select) -> Iterator[list[AuditLog]]:
    """The entries of `stmt` (newest first, by id), BATCH at a time, without holding a cursor open."""
    last = None
    while True:
        page = stmt if last is None else stmt.where(AuditLog.id < last)
        rows = list(db.session.scalars(page.limit(BATCH)))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def lines(rows: list[list[str]]) -> str:
    """Rows as CSV text, every cell defused."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerows([defuse(cell) for cell in row] for row in rows)
    return out.getvalue()


def export(stmt: sa.Select, zone: ZoneInfo) -> Iterator[str]:
    """The CSV text of every entry `stmt` selects: a BOM and the headings, then batch after batch.

    Args:
        stmt: the filtered entries, ordered newest first by id (audit.entries).
        zone: the time zone the times are written in (dd/mm/yyyy HH:MM:SS).
    """
    yield "\ufeff" + lines([headings()])
    for entries in batches(stmt):
        rows = []
        for entry, said in zip(entries, describe_all(entries), strict=True):
            when = entry.created_at.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S")
            rows.append([when, said.actor.text, said.label, said.text(), said.target.text, entry.ip, str(entry.count)])
        yield lines(rows)
