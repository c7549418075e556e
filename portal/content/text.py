"""Plain-text normalization applied to every text field before validation."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\n]+")


def normalize_text(value: str | None, multiline: bool = False) -> str:
    """NFC-normalize, drop control and zero-width characters, trim; single-line unless asked."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value or ""))
    if multiline:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return _SPACES.sub(" ", text).strip()
