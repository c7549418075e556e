"""Reading a NukeViet 4 news address into what it named: the home page, a category, an article,
a tag or a feed. Pure text work, no database: the views look the result up by id or slug.

The shapes follow NukeViet's includes/request_uri.php and nv_url_rewrite (includes/functions.php):
`/index.php?language=vi&nv=news&op=<op>` without rewriting, `/index.php/<path>` without the
rewrite file, `/vi/news/<op>/` with it, the language left out (`rewrite_optional`), the module
left out (`rewrite_op_mod`); and modules/news/functions.php reads `<op>` as
`<cat>[/page-N]`, `<cat>/<alias>-<id>.html`, `print/<cat>/<alias>-<id>.html`, `tag/<alias>[/page-N]`
or `rss[/<cat>]`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from portal.ids import parse_id

# The language codes and the news module's name the old site used in its addresses: these are
# first path segments the portal keeps for them (RESERVED_SLUGS lists them too; a test checks).
LANGUAGES = ("vi",)
MODULE = "news"
PREFIXES = (*LANGUAGES, MODULE, "index.php")
MAX_LENGTH = 500  # far longer than any alias NukeViet makes (250 characters at most)
MAX_PAGE = 100_000

_PAGE = re.compile(r"page-([0-9]{1,6})")
# NukeViet's rewrite_exturl is ".html" unless an administrator changed it; ".htm" was NukeViet 3's.
_ARTICLE = re.compile(r"(?P<alias>.+)-(?P<id>[0-9]{1,10})(?:\.html?)?")


@dataclass(frozen=True)
class OldAddress:
    """What an old address named: kind is "home", "category", "article", "print", "tag" or "rss"."""

    kind: str
    key: str = ""  # the category or tag alias ("" for home and the site's feed)
    article_id: int | None = None
    page: int = 1


def is_plain(text: str) -> bool:
    """Short enough, and free of control characters (which no alias holds, and PostgreSQL refuses)."""
    return len(text) <= MAX_LENGTH and not any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def _page(segment: str) -> int | None:
    """The number of a "page-N" segment, or None."""
    found = _PAGE.fullmatch(segment)
    number = int(found.group(1)) if found else 0
    return number if 0 < number <= MAX_PAGE else None


def read_op(op: str) -> OldAddress | None:
    """Read the news module's op ("cat/alias-12.html", "cat/page-2", "tag/x", "rss/cat").

    Returns:
        What it names, or None when it is no shape the news module answered.
    """
    parts = [part for part in op.split("/") if part]
    if not parts or parts == ["main"]:
        return OldAddress("home")
    head, rest = parts[0], parts[1:]
    if head in ("rss", "tag"):
        return _read_listing(head, rest)
    if head == "print":
        return _read_article("print", rest[0], rest[1]) if len(rest) == 2 else None
    if not rest:
        page = _page(head)
        return OldAddress("home", page=page) if page else OldAddress("category", head)
    if len(rest) == 1 and _page(rest[0]):
        return OldAddress("category", head, page=_page(rest[0]))
    return _read_article("article", head, rest[0]) if len(rest) == 1 else None


def _read_article(kind: str, category: str, segment: str) -> OldAddress | None:
    """An article's segment, "<alias>-<id>.html": its id is all that counts."""
    found = _ARTICLE.fullmatch(segment)
    article_id = parse_id(found.group("id")) if found else None
    return OldAddress(kind, category, article_id) if article_id else None


def _read_listing(head: str, rest: list[str]) -> OldAddress | None:
    """rss, rss/<cat>, tag/<alias> and tag/<alias>/page-N."""
    if head == "rss":
        return OldAddress("rss", rest[0] if rest else "") if len(rest) <= 1 else None
    if len(rest) == 1:
        return OldAddress("tag", rest[0])
    page = _page(rest[1]) if len(rest) == 2 else None
    return OldAddress("tag", rest[0], page=page) if page else None


def read_query(args: Mapping[str, str]) -> OldAddress | None:
    """Read `index.php?language=vi&nv=news&op=...` (also `nv=news/<op>` and `op=tag&alias=...`)."""
    language, module, op = args.get("language"), args.get("nv"), args.get("op")
    if language is not None and language not in LANGUAGES:
        return None
    if module is None:
        return OldAddress("home") if op is None else None
    if "/" in module:
        if op is not None:
            return None  # NukeViet itself refused both at once
        module, op = module.split("/", 1)
    if module != MODULE:
        return None
    if op == "tag" and args.get("alias"):
        op = f"tag/{args['alias']}"
    return read_op(op or "")


def read_path(path: str) -> OldAddress | None:
    """Read a rewritten path: /vi/news/<op>, /news/<op>, /vi/<op> (module left out), /index.php/..."""
    parts = [part for part in path.split("/") if part]
    if parts[:1] == ["index.php"]:
        parts = parts[1:]
    if parts[:1] and parts[0] in LANGUAGES:
        parts = parts[1:]
    if parts[:1] == [MODULE]:
        parts = parts[1:]
    return read_op("/".join(parts))


def read_address(path: str, args: Mapping[str, str]) -> OldAddress | None:
    """Read any old address: the query form when the path is /index.php alone, else the path.

    Returns:
        What it names, or None for anything else (too long, another module, a malformed op).
    """
    if not is_plain(path) or not all(is_plain(value) for value in args.values()):
        return None
    if path.strip("/") == "index.php":
        return read_query(args)
    return read_path(path)
