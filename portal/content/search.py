"""Accent-insensitive search: SQLite FTS5 or PostgreSQL full-text search behind one interface.

Readers type Vietnamese without diacritics ("so thong tin"), with them ("Sở Thông tin"), in
capitals or in decomposed Unicode: documents and queries are folded the same way
(NFC, lowercase, diacritics dropped, đ -> d) before either engine sees them, and queries are
reduced to plain word tokens, so no search syntax from the reader ever reaches the engine.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from markupsafe import Markup, escape
from sqlalchemy.orm import selectinload

from portal.content.published import Page, is_visible
from portal.content.slugs import fold_vietnamese
from portal.extensions import db
from portal.models import Article, SearchDocument
from portal.models.search import PG_DOCUMENT, SQLITE_FTS_TABLE

MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+", re.UNICODE)
FTS = sa.table(SQLITE_FTS_TABLE, sa.column("rowid"), sa.column("title"), sa.column("content"))


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form of a text: what both index and queries are made of."""
    return fold_vietnamese(unicodedata.normalize("NFC", text or "")).lower()


def plain_text(body_html: str) -> str:
    """The words of an HTML body, tags dropped and entities decoded."""
    return html.unescape(_TAG.sub(" ", body_html or ""))


@dataclass(frozen=True)
class Query:
    """A reader's query reduced to tokens; `phrase` when it was typed in quotes."""

    tokens: tuple[str, ...]
    phrase: bool = False

    @classmethod
    def parse(cls, raw: str) -> "Query":
        """Fold and tokenize; anything but letters and digits is a separator."""
        text = (raw or "")[:MAX_QUERY_CHARS]
        tokens = tuple(_TOKEN.findall(fold(text)))[:MAX_TOKENS]
        return cls(tokens, phrase=text.strip().startswith('"') and text.strip().endswith('"') and len(tokens) > 1)

    def __bool__(self) -> bool:
        return bool(self.tokens)


def document_for(article: Article) -> tuple[str, str]:
    """The folded (title, content) of an article: lead, body text and tags."""
    tags = " ".join(tag.name for tag in article.tags)
    return fold(article.title), fold(f"{article.lead} {plain_text(article.body_html)} {tags}")


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def index_article(article: Article) -> None:
    """Bring the article's search document up to date (call after every save)."""
    title, content = document_for(article)
    document = db.session.get(SearchDocument, article.id)
    if document is None:
        db.session.add(SearchDocument(article_id=article.id, title=title, content=content))
    else:
        document.title, document.content = title, content
    if _dialect() == "sqlite":
        _sqlite_replace([(article.id, title, content)])


def unindex_article(article_id: int) -> None:
    """Forget an article (its document row goes with the article; FTS5 needs telling)."""
    if _dialect() == "sqlite":
        db.session.execute(sa.delete(FTS).where(FTS.c.rowid == article_id))


def _sqlite_replace(rows: list[tuple[int, str, str]]) -> None:
    db.session.execute(sa.delete(FTS).where(FTS.c.rowid.in_([article_id for article_id, _t, _c in rows])))
    db.session.execute(sa.insert(FTS), [{"rowid": i, "title": t, "content": c} for i, t, c in rows])


def reindex(batch: int = 2000) -> int:
    """Rebuild every search document; return how many articles were indexed."""
    db.session.execute(sa.delete(SearchDocument))
    if _dialect() == "sqlite":
        db.session.execute(sa.delete(FTS))
    count, last_id = 0, 0
    while True:
        stmt = sa.select(Article).where(Article.id > last_id).order_by(Article.id).limit(batch)
        articles = db.session.scalars(stmt.options(selectinload(Article.tags))).all()
        if not articles:
            break
        rows = [(a.id, *document_for(a)) for a in articles]
        db.session.execute(sa.insert(SearchDocument), [{"article_id": i, "title": t, "content": c} for i, t, c in rows])
        if _dialect() == "sqlite":
            _sqlite_replace(rows)
        count, last_id = count + len(rows), articles[-1].id
        db.session.commit()
        db.session.expunge_all()
    return count


def _sqlite_match(query: Query) -> str:
    """An FTS5 MATCH expression made only of quoted tokens: no syntax from the reader."""
    if query.phrase:
        return '"' + " ".join(query.tokens) + '"'
    return " ".join(f'"{token}"' for token in query.tokens[:-1]) + f' "{query.tokens[-1]}"*'


def _pg_tsquery(query: Query) -> str:
    """A to_tsquery text made only of [a-z0-9] tokens: nothing to escape."""
    joiner = " <-> " if query.phrase else " & "
    return joiner.join(query.tokens) + ("" if query.phrase else ":*")


def _ranked_ids(query: Query) -> sa.Select:
    """(article_id, rank) of matching documents, best first (title matches weigh most)."""
    if _dialect() == "sqlite":
        rank = sa.func.bm25(sa.literal_column(SQLITE_FTS_TABLE), 10.0, 1.0)
        match = sa.literal_column(SQLITE_FTS_TABLE).op("MATCH")(_sqlite_match(query))
        return sa.select(FTS.c.rowid.label("article_id"), rank.label("rank")).where(match)
    document = sa.literal_column(f"({PG_DOCUMENT})")
    tsquery = sa.func.to_tsquery(sa.literal_column("'simple'"), _pg_tsquery(query))
    rank = -sa.func.ts_rank_cd(document, tsquery)
    return sa.select(SearchDocument.article_id, rank.label("rank")).where(document.op("@@")(tsquery))


def search(
    query: Query,
    now: datetime,
    page: int,
    per_page: int,
    category_ids: list[int] | None = None,
    published_from: datetime | None = None,
    published_before: datetime | None = None,
) -> Page | None:
    """A page of visible articles matching the query, best first; None past the last page."""
    if _dialect() == "sqlite":
        # Matched once, up front: left to itself SQLite would run the MATCH for every article.
        ranked = _ranked_ids(query).cte("ranked").prefix_with("MATERIALIZED")
    else:
        ranked = _ranked_ids(query).subquery()
    stmt = (
        sa.select(Article)
        .join(ranked, ranked.c.article_id == Article.id)
        .where(is_visible(now))
        .options(selectinload(Article.category), selectinload(Article.image))
        .order_by(ranked.c.rank, Article.published_at.desc())
    )
    if category_ids:
        stmt = stmt.where(Article.category_id.in_(category_ids))
    if published_from:
        stmt = stmt.where(Article.published_at >= published_from)
    if published_before:
        stmt = stmt.where(Article.published_at < published_before)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())) or 0
    if page < 1 or (page > 1 and (page - 1) * per_page >= total):
        return None
    items = list(db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, number=page, per_page=per_page, total=total)


def _matches(word: str, query: Query) -> bool:
    folded = fold(word)
    return any(folded == token or (token == query.tokens[-1] and folded.startswith(token)) for token in query.tokens)


def highlight(text: str, query: Query) -> Markup:
    """The text with the words that match the query wrapped in <mark>, everything escaped."""
    parts, last = [], 0
    for match in _WORD.finditer(text or ""):
        if _matches(match.group(), query):
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    parts.append(escape((text or "")[last:]))
    return Markup("").join(parts)


def snippet(article: Article, query: Query, width: int = 30) -> Markup:
    """About `width` words of the lead or body around the first match, highlighted."""
    words = f"{article.lead} {plain_text(article.body_html)}".split()
    first = next((i for i, w in enumerate(words) if _matches(w.strip(".,;:!?()\"'“”"), query)), 0)
    start = max(0, first - width // 3)
    piece = " ".join(words[start : start + width])
    return Markup("%s%s%s") % (
        "… " if start else "",
        highlight(piece, query),
        " …" if start + width < len(words) else "",
    )
