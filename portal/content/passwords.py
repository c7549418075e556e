"""Password policy: at least 10 characters, long and Unicode welcome, common ones refused."""

import unicodedata

from flask_babel import gettext

MIN_LENGTH = 10
MAX_LENGTH = 1024

# Words that lead the public lists of leaked passwords, plus Vietnamese favourites; with
# the usual endings people add to reach a length rule.
_COMMON_WORDS = (
    "password", "passw0rd", "p@ssword", "p@ssw0rd", "matkhau", "mat khau", "anhyeuem", "emyeuanh",
    "iloveyou", "admin", "administrator", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx",
    "zaq12wsx", "1q2w3e4r", "1q2w3e4r5t", "abc", "abcd", "abcdef", "abcdefgh", "welcome", "letmein",
    "vietnam", "hanoi", "saigon", "hochiminh", "football", "dragon", "monkey", "sunshine",
    "princess", "superman", "batman", "trustno1", "baseball", "master", "shadow", "michael",
    "qazwsx", "123qwe", "qwe123", "huongan", "quangnam", "changeme", "secret", "computer",
    "internet", "starwars", "whatever", "football1", "login", "user", "test", "guest",
)  # fmt: skip
_COMMON_ENDINGS = ("", "1", "12", "123", "1234", "12345", "123456", "@123", "!", "@", "2024", "2025", "2026", "@2026")
_KEYBOARD_RUNS = ("1234567890", "0987654321", "qwertyuiop", "asdfghjkl", "zxcvbnm", "0123456789", "9876543210")

COMMON_PASSWORDS = frozenset(
    {word + ending for word in _COMMON_WORDS for ending in _COMMON_ENDINGS}
    | {"1234567890", "0123456789", "9876543210", "0987654321", "12345678910", "123456789a", "a123456789"}
    | {"1111111111", "1234512345", "1122334455", "qwertyuiop123", "1qaz2wsx3edc", "1q2w3e4r5t6y"}
)


def _is_run(text: str) -> bool:
    """One character repeated, or a stretch of a keyboard row or the digits."""
    if len(set(text)) <= 2:
        return True
    return any(text in run * 3 for run in _KEYBOARD_RUNS)


def password_problem(password: str, username: str = "", site_words: tuple[str, ...] = ()) -> str | None:
    """Return why the password is refused (a sentence in the interface language), or None if fine.

    Args:
        password: the candidate, as typed.
        username: the account's username, which the password may not contain.
        site_words: other words too easy to guess here (the site's name, say).
    """
    text = unicodedata.normalize("NFC", password)
    if len(text) < MIN_LENGTH:
        return gettext("Mật khẩu phải có ít nhất %(n)s ký tự.", n=MIN_LENGTH)
    if len(text) > MAX_LENGTH:
        return gettext("Mật khẩu dài tối đa %(n)s ký tự.", n=MAX_LENGTH)
    folded = text.lower()
    if folded in COMMON_PASSWORDS or folded.replace(" ", "") in COMMON_PASSWORDS or _is_run(folded):
        return gettext("Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một cụm từ riêng của bạn.")
    if username and len(username) >= 3 and username.lower() in folded:
        return gettext("Mật khẩu không được chứa tên đăng nhập.")
    if any(word and word.lower() == folded for word in site_words):
        return gettext("Mật khẩu không được trùng với tên của trang.")
    return None
