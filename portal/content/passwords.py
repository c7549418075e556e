"""Password policy: at least 10 characters, then zxcvbn's estimate with this site's own words; and
the NukeViet hashes an import brings along, until each person's first sign-in replaces them."""

import base64
import binascii
import hashlib
import hmac
import math
import re
import threading
import unicodedata
from collections.abc import Iterable

from flask_babel import gettext
from zxcvbn import zxcvbn
from zxcvbn.matching import L33T_TABLE

from portal.content.slugs import fold_vietnamese

MIN_LENGTH = 10
MAX_LENGTH = 1024
# zxcvbn's score runs 0-4, a hundred times more guesses a step: 3 is 10^8 guesses, 4 is 10^10.
# Short passwords need 4, because zxcvbn counts the ending people add to a word as random
# ("Admin@2027!" and "Password@2027!!!" reach 3). From LONG_LENGTH characters on, 3 is
# enough: such lengths come from phrases of several words, and zxcvbn sees only the first
# ESTIMATE_WINDOW characters of them (a phrase repeated to 1000 characters is judged on
# its first few repeats).
MIN_SCORE = 4
LONG_LENGTH = 24
LONG_MIN_SCORE = 3
# Only a prefix is estimated: zxcvbn's cost grows with the square of the length, and the
# rest of a longer password only adds guesses.
ESTIMATE_WINDOW = 48
# zxcvbn tries every combination of "l33t" readings (4 -> a, 1 -> i or l, ...), which
# explodes on a string of many different symbols (a second for 48 of them); the prefix is
# shortened until combinations * length² stays under this: at most about 35 ms measured.
L33T_WORK_LIMIT = 25_000

# Words anyone would try against a Vietnamese town portal, whatever its name; zxcvbn's own
# lists are English.
GENERIC_PHRASES = (
    "matkhau", "mat khau", "cong thong tin", "portal", "admin", "administrator", "quan tri",
    "quan tri vien", "anh yeu em", "em yeu anh", "viet nam", "ha noi", "sai gon", "ho chi minh",
    "da nang",
)  # fmt: skip
# zxcvbn 4.5 knows years up to 2019 only; later ones would count as four random digits.
RECENT_YEARS = tuple(str(year) for year in range(2020, 2050))
# What every administration's name holds ("Cổng thông tin điện tử", "Ủy ban nhân dân thị
# trấn"): cut out of the site's texts before looking for the name of the place.
ADMINISTRATIVE_TERMS = (
    "cong thong tin dien tu", "trang thong tin dien tu", "cong thong tin", "uy ban nhan dan", "ubnd",
    "hoi dong nhan dan", "hdnd", "thi tran", "thi xa", "thanh pho", "tp", "xa", "phuong", "huyen", "quan",
    "tinh",
)  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+")
_PASSWORD_WORD = re.compile(r"[a-z]+|[0-9]+")
_SEPARATORS = re.compile(r"[-_.]+")  # "mat-khau" is read as "mat khau"
_SEGMENT = re.compile(r"[^\w\s]+|\b(?:" + "|".join(ADMINISTRATIVE_TERMS) + r")\b")
_zxcvbn_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dict


def fold(text: str) -> str:
    """Lowercase, without diacritics (Hương An -> huong an): how words are compared here."""
    # Not search.fold: its cache would keep the passwords it folded in memory.
    return fold_vietnamese(unicodedata.normalize("NFC", text)).lower()


def _ngrams(words: list[str], sizes: Iterable[int]) -> list[list[str]]:
    """Runs of adjacent words of the given sizes."""
    return [words[i : i + n] for n in sizes for i in range(len(words) - n + 1)]


def phrase_forms(text: str, single_words: bool = True) -> list[str]:
    """How a name shows up in a password: its words, and runs of them with and without spaces."""
    words = _WORD.findall(fold(text))
    forms = [word for word in words if len(word) >= 2] if single_words else []
    for run in _ngrams(words, (2, 3)) + [words]:
        forms += [" ".join(run), "".join(run)]
    return _distinct(forms)


def _distinct(items: Iterable[str]) -> list[str]:
    """The non-empty items, first occurrence kept."""
    return list(dict.fromkeys(item for item in items if item))


def place_names(site_words: Iterable[str]) -> list[tuple[str, str]]:
    """Adjacent site words that name a place: "Thị trấn Hương An - huyện Quế Sơn" -> (huong, an), (que, son)."""
    segments = (part for text in site_words for part in _SEGMENT.split(fold(text)))
    pairs = (tuple(run) for part in segments for run in _ngrams(_WORD.findall(part), (2,)))
    return list(dict.fromkeys(pairs))


def _words(text: str) -> list[str]:
    """The folded words of a text, letters and digits apart: "HuongAn2027" -> huongan, 2027."""
    return _PASSWORD_WORD.findall(fold(text))


def _names_place(words: list[str], places: list[tuple[str, str]]) -> bool:
    """Whether the words spell a place name: "huong an", "huongan" or "huongan..." ("thuonganh" does not)."""
    pairs = set(zip(words, words[1:]))
    return any((a, b) in pairs or any(word.startswith(a + b) for word in words) for a, b in places)


def _squeezed(text: str) -> str:
    """Folded letters and digits only: "Thuy.Dung" and "thuydung" both read "thuydung"."""
    return "".join(_WORD.findall(fold(text)))


def _l33t_combinations(text: str) -> int:
    """About how many l33t readings zxcvbn tries for this text (within a factor of two)."""
    present = set(text)
    return math.prod(max(1, len(present.intersection(subs))) for subs in L33T_TABLE.values())


def estimate_window(text: str) -> str:
    """The prefix of the text that zxcvbn is asked about, short enough to answer quickly."""
    size = min(len(text), ESTIMATE_WINDOW)
    while size > MIN_LENGTH and _l33t_combinations(text[:size]) * size * size > L33T_WORK_LIMIT:
        size -= 1
    return text[:size]


def _estimate(text: str, user_inputs: list[str]) -> dict:
    """zxcvbn's verdict on the folded prefix of the password."""
    window = estimate_window(_SEPARATORS.sub(" ", fold_vietnamese(text)))
    with _zxcvbn_lock:
        return zxcvbn(window, user_inputs=user_inputs, max_length=ESTIMATE_WINDOW)


def _reason(result: dict, personal: set[str], site: set[str]) -> str:
    """zxcvbn's weakest finding, as a sentence for the person."""
    found = {_finding(match, personal, site) for match in result["sequence"]}
    if "personal" in found:
        return gettext("Mật khẩu không được chứa tên đăng nhập hay tên của bạn.")
    if "site" in found:
        return gettext("Mật khẩu không được chứa tên của trang hay tên địa phương.")
    if "common" in found:
        return gettext("Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một cụm từ riêng của bạn.")
    if "pattern" in found:
        return gettext("Mật khẩu này theo một mẫu dễ đoán (dãy phím, ký tự lặp lại, dãy số hoặc ngày tháng).")
    return gettext("Mật khẩu này chưa đủ mạnh. Hãy dùng một cụm từ dài hơn, gồm vài từ ít gặp.")


def _finding(match: dict, personal: set[str], site: set[str]) -> str | None:
    """What kind of weakness one part of zxcvbn's reading is: personal, site, common, pattern."""
    if match["pattern"] == "bruteforce":
        return None
    if match["pattern"] != "dictionary":
        return "pattern"  # keyboard rows, repeats, sequences, dates and years
    if match["dictionary_name"] != "user_inputs":
        return "common"  # leaked passwords, frequent words, first names and surnames
    word = match["matched_word"]
    if word in personal:
        return "personal"
    if word in site:
        return "site"
    return "pattern" if word.isdigit() else "common"  # a recent year, or a generic word


def password_problem(
    password: str, username: str = "", site_words: tuple[str, ...] = (), display_name: str = ""
) -> str | None:
    """Return why the password is refused (a sentence in the interface language), or None if fine.

    Args:
        password: the candidate, as typed.
        username: the account's username, which the password may not contain.
        site_words: texts that name this site (its name, tagline, owner); the password may not
            contain the name of the place, and their words count as easy to guess.
        display_name: the person's name, whose words count as easy to guess.
    """
    text = unicodedata.normalize("NFC", password)
    if len(text) < MIN_LENGTH:
        return gettext("Mật khẩu phải có ít nhất %(n)s ký tự.", n=MIN_LENGTH)
    if len(text) > MAX_LENGTH:
        return gettext("Mật khẩu dài tối đa %(n)s ký tự.", n=MAX_LENGTH)
    if len(_squeezed(username)) >= 3 and _squeezed(username) in _squeezed(text):
        return gettext("Mật khẩu không được chứa tên đăng nhập.")
    if _names_place(_words(text), place_names(site_words)):
        return gettext("Mật khẩu không được chứa tên của trang hay tên địa phương.")
    personal = _distinct(form for name in (username, display_name) for form in phrase_forms(name))
    site = _distinct(form for words in site_words for form in phrase_forms(words))
    generic = [form for phrase in GENERIC_PHRASES for form in phrase_forms(phrase, single_words=False)]
    result = _estimate(text, _distinct(personal + site + generic + list(RECENT_YEARS)))
    if result["score"] >= (LONG_MIN_SCORE if len(text) >= LONG_LENGTH else MIN_SCORE):
        return None
    return _reason(result, set(personal), set(site))


# NukeViet 4's password hashes (vendor/vinades/nukeviet/Core/Encryption.php), kept by the
# import so that each person signs in with the password they had: prefix -> (digest, length
# of the digest in bytes, salted). The stored text is prefix + base64(digest(password + salt)
# + salt); validate_password takes the salt as the decoded bytes after the digest. Longer
# prefixes first: "{SSHA}" must not claim "{SSHA512}...".
NUKEVIET_SCHEMES = {
    "{SSHA512}": ("sha512", 64, True),
    "{SSHA256}": ("sha256", 32, True),
    "{SSHA}": ("sha1", 20, True),
    "{SHA}": ("sha1", 20, False),
    "{MD5}": ("md5", 16, False),
}


def nukeviet_scheme(stored: str | None) -> str | None:
    """The NukeViet prefix ("{SSHA}", ...) the stored hash starts with, or None for the portal's own."""
    return next((prefix for prefix in NUKEVIET_SCHEMES if (stored or "").startswith(prefix)), None)


def nukeviet_hash(password: str | bytes, scheme: str, salt: bytes = b"") -> str:
    """Hash a password as NukeViet's Encryption::hash_password does (for tests and fixtures).

    Args:
        password: the password, as text (sent as UTF-8, like a browser) or raw bytes.
        scheme: one of NUKEVIET_SCHEMES.
        salt: appended to the password and to the digest; NukeViet uses 4 hex characters.
            Ignored by the unsalted {SHA} and {MD5}.
    Returns:
        The stored form, prefix included.
    """
    algorithm, _length, salted = NUKEVIET_SCHEMES[scheme]
    raw = password.encode("utf-8") if isinstance(password, str) else password
    salt = salt if salted else b""
    return scheme + base64.b64encode(hashlib.new(algorithm, raw + salt).digest() + salt).decode("ascii")


def check_nukeviet_password(stored: str, password: str) -> bool:
    """Whether the password opens a NukeViet hash, read as Encryption::validate_password does.

    The salt is what follows the digest in the decoded text; the hash is recomputed in full and
    compared in constant time. Malformed base64 or an unknown prefix never match. The password
    is tried as typed and NFC-normalized, since the old site stored what the browser sent.
    """
    scheme = nukeviet_scheme(stored)
    if scheme is None:
        return False
    _algorithm, length, _salted = NUKEVIET_SCHEMES[scheme]
    try:
        decoded = base64.b64decode(stored[len(scheme) :], validate=True)
    except (ValueError, binascii.Error):
        return False
    salt = decoded[length:]
    candidates = dict.fromkeys((password, unicodedata.normalize("NFC", password)))
    found = False
    for candidate in candidates:  # no early exit: each candidate costs the same
        found |= hmac.compare_digest(stored.encode("utf-8"), nukeviet_hash(candidate, scheme, salt).encode("ascii"))
    return found
