"""`next` targets that can only lead within the site."""

from urllib.parse import urlsplit

_FORBIDDEN = set("\\\r\n\t\x00")


def safe_next(target: str | None) -> str | None:
    """Return target if it is a local path ("/editor/?a=1"), else None.

    Refused: absolute URLs, scheme-relative "//host", "/\\host", "https:host", "javascript:",
    anything with a backslash, control characters or CR/LF, and overlong values.
    """
    if not target or len(target) > 2000 or any(ch in _FORBIDDEN or ord(ch) < 32 for ch in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
