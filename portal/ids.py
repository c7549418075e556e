"""Parsing ids, numbers and days from URLs and forms: anything odd is simply "none"."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL's integer; larger ids cannot exist
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(raw: object) -> int | None:
    """A positive id from text ("12"), or None for anything else ("²", "-1", "1e9", 2**70)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and _DIGITS.fullmatch(raw):
        value = int(raw)
    else:
        return None
    return value if 0 < value <= MAX_ID else None


def parse_day(raw: str | None, timezone: str) -> datetime | None:
    """A dd/mm/yyyy (or yyyy-mm-dd) day as the start of that day in the given zone; None if not a day."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((raw or "").strip()[:20], fmt).replace(tzinfo=ZoneInfo(timezone))
        except ValueError:
            continue
    return None


class BoundedIntConverter(IntegerConverter):
    """The <int:...> URL converter, refusing (404) numbers no database id can have."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's signature)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
