"""Parsing ids, numbers and path segments from URLs and forms: anything odd is simply "none"."""

import re

from werkzeug.routing import IntegerConverter, UnicodeConverter

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


class BoundedIntConverter(IntegerConverter):
    """The <int:...> URL converter, refusing (404) numbers no database id can have."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's signature)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class SegmentConverter(UnicodeConverter):
    """The default URL converter, refusing (404) control characters, which no slug or file name holds."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's signature)
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f]", 1)
