"""Plain-text normalization applied to every text field before validation, and text searched with LIKE."""

import re
import unicodedata
from collections.abc import Callable

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\n]+")


def normalize_text(value: str | None, multiline: bool = False) -> str:
    """NFC-normalize, drop control and zero-width characters, trim; single-line unless asked."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value or ""))
    if multiline:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return _SPACES.sub(" ", text).strip()


def single_line_filter(value: object) -> object:
    """A WTForms filter: normalize_text on strings, anything else untouched."""
    return normalize_text(value) if isinstance(value, str) else value


def multi_line_filter(value: object) -> object:
    """A WTForms filter keeping line breaks: normalize_text(multiline=True) on strings."""
    return normalize_text(value, multiline=True) if isinstance(value, str) else value


def nfc_filter(value: object) -> object:
    """A WTForms filter for HTML: NFC, every character kept but NUL (no HTML holds one; PostgreSQL refuses it)."""
    return unicodedata.normalize("NFC", value).replace("\x00", "") if isinstance(value, str) else value


def clip_filter(limit: int) -> Callable[[object], object]:
    """A WTForms filter for search boxes, which are read without validation: text cut to `limit` characters."""
    return lambda value: value[:limit] if isinstance(value, str) else value


def like_pattern(text: str) -> str:
    """A LIKE pattern finding the text anywhere, its `%`, `_` and `\\` taken literally (use escape="\\")."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
