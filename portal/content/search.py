"""Accent-insensitive search: SQLite FTS5 or PostgreSQL full-text search behind one interface.

Readers type Vietnamese without diacritics ("so thong tin"), with them ("Sở Thông tin"), in
capitals or in decomposed Unicode: documents and queries are folded the same way
(NFC, lowercase, diacritics dropped, đ -> d) before either engine sees them, and queries are
reduced to plain word tokens, so no search syntax from the reader ever reaches the engine.

Matching: every word must appear whole ("xa" finds "xã", not "xanh"); a query in quotes must
appear as a phrase. Only when whole words find nothing is the last word taken as the start of
a word ("phuon" finds "phường").

Diacritics the reader typed count: when the query carries any (after NFC; "đ" is one too), its
words are also taken as typed, and among the matches those that hold more of the typed words
exactly (same diacritics, any case) come first: "lễ hội" puts "Lễ hội đình làng" above "kỳ họp
thường lệ của hội đồng". Folded-only matches still follow, so the count is the same; a query
without diacritics is answered exactly as before. Each document keeps its distinct words as
written (`SearchDocument.words`), and the exact test is one substring test per typed word on the
candidates only, in the database. Highlighting follows the same rule, per result and per word.

Ranking: the engine first takes the newest CANDIDATES matching articles a reader may see
(newest by id: ids grow as articles are written, and both engines can walk their index that
way and stop early), then orders only those by how many typed words they hold exactly (see above), then by
relevance (SQLite's bm25 with the title
weighing ten times the text; PostgreSQL's ts_rank_cd over the stored, weighted tsvector,
title = A, text = B), ties by publication date. Older matches beyond the newest CANDIDATES
are not shown: the count then reads "more than CANDIDATES", and a common word costs what
CANDIDATES documents cost, however many articles contain it.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa
from markupsafe import Markup, escape
from sqlalchemy.orm import selectinload

from portal.content.published import CARD_OPTIONS, MAX_PAGES, Page, by_id, is_visible
from portal.content.slugs import fold_vietnamese
from portal.extensions import db
from portal.models import Article, SearchDocument
from portal.models.search import PG_VECTOR_COLUMN, SQLITE_FTS_TABLE

MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
CANDIDATES = 1000
_TAG = re.compile(r"<[^<>]*>")  # a "<" with no ">" after it costs one step, not the rest of the text
_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+", re.UNICODE)
FTS = sa.table(SQLITE_FTS_TABLE, sa.column("rowid"), sa.column("title"), sa.column("content"))
PG_VECTOR = sa.literal_column(f"search_documents.{PG_VECTOR_COLUMN}")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form of a text: what both index and queries are made of."""
    return fold_vietnamese(unicodedata.normalize("NFC", text or "")).lower()


def written(text: str) -> str:
    """Lowercase NFC form of a text, diacritics kept: what exact matching compares."""
    return unicodedata.normalize("NFC", (text or "").lower())


def distinct_words(text: str) -> list[str]:
    """The distinct words of a text as written (lowercase NFC), in order of first use."""
    return list(dict.fromkeys(_WORD.findall(written(text))))


def _typed_words(text: str, tokens: tuple[str, ...]) -> tuple[str | None, ...]:
    """Per token, the word as typed when it carries diacritics (None for a word typed without:
    "so" in "so thông tin" still means any of sở, số, sơ, so); () when none carries any."""
    typed = tuple(_WORD.findall(written(text)))[: len(tokens)]
    aligned = len(typed) == len(tokens) and all(fold(word) == token for word, token in zip(typed, tokens))
    if not aligned or typed == tokens:
        return ()
    return tuple(word if word != token else None for word, token in zip(typed, tokens))


def plain_text(body_html: str) -> str:
    """The words of an HTML body, tags dropped and entities decoded."""
    return html.unescape(_TAG.sub(" ", body_html or ""))


@dataclass(frozen=True)
class Query:
    """A reader's query reduced to tokens; `phrase` when it was typed in quotes, `prefix`
    when the last token may be the start of a longer word."""

    tokens: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    typed: tuple[str | None, ...] = ()  # per token, the word as typed to match exactly, or None

    @classmethod
    def parse(cls, raw: str) -> "Query":
        """Fold and tokenize; anything but letters and digits is a separator.

        When the text carries diacritics, `typed` keeps each word as typed (lowercase NFC).
        """
        text = (raw or "")[:MAX_QUERY_CHARS]
        tokens = tuple(_TOKEN.findall(fold(text)))[:MAX_TOKENS]
        phrase = text.strip().startswith('"') and text.strip().endswith('"') and len(tokens) > 1
        return cls(tokens, phrase=phrase, typed=_typed_words(text, tokens))

    @property
    def exact(self) -> bool:
        """Whether some words are to be matched with the diacritics they were typed with."""
        return any(self.typed)

    def within(self, article: Article) -> "Query":
        """The query as an article's highlighting follows it: a typed word the article holds
        exactly (as its ranking counted it, tags included) is marked only where written so; a
        word it holds only folded is marked folded."""
        if not self.exact:
            return self
        words = distinct_words(article_text(article))
        last = len(self.tokens) - 1 if self.prefix else -1
        held = tuple(
            word if word and any(w == word or (i == last and w.startswith(word)) for w in words) else None
            for i, word in enumerate(self.typed)
        )  # fmt: skip
        return replace(self, typed=held)

    def widened(self) -> "Query | None":
        """The same query with its last word as a prefix; None for a phrase or if already so."""
        return None if self.phrase or self.prefix or not self else replace(self, prefix=True)

    def __bool__(self) -> bool:
        return bool(self.tokens)


def article_text(article: Article) -> str:
    """Everything a search looks at in an article: title, lead, body text and tags."""
    tags = " ".join(tag.name for tag in article.tags)
    return f"{article.title} {article.lead} {plain_text(article.body_html)} {tags}"


def document_for(article: Article) -> tuple[str, str, str]:
    """The folded (title, content) of an article (lead, body text and tags), and its distinct
    words as written, between spaces (see SearchDocument.words)."""
    tags = " ".join(tag.name for tag in article.tags)
    words = " ".join(distinct_words(article_text(article)))
    return fold(article.title), fold(f"{article.lead} {plain_text(article.body_html)} {tags}"), f" {words} "


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def index_article(article: Article) -> None:
    """Bring the article's search document up to date (call after every save)."""
    title, content, words = document_for(article)
    document = db.session.get(SearchDocument, article.id)
    if document is None:
        db.session.add(SearchDocument(article_id=article.id, title=title, content=content, words=words))
    else:
        document.title, document.content, document.words = title, content, words
    if _dialect() == "sqlite":
        _sqlite_replace([(article.id, title, content, words)])


def unindex_article(article_id: int) -> None:
    """Forget an article (its document row goes with the article; FTS5 needs telling)."""
    if _dialect() == "sqlite":
        db.session.execute(sa.delete(FTS).where(FTS.c.rowid == article_id))


def _sqlite_replace(rows: list[tuple[int, str, str, str]]) -> None:
    db.session.execute(sa.delete(FTS).where(FTS.c.rowid.in_([row[0] for row in rows])))
    db.session.execute(sa.insert(FTS), [{"rowid": i, "title": t, "content": c} for i, t, c, _w in rows])


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
        documents = [{"article_id": i, "title": t, "content": c, "words": w} for i, t, c, w in rows]
        db.session.execute(sa.insert(SearchDocument), documents)
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
    return " ".join(f'"{token}"' for token in query.tokens) + ("*" if query.prefix else "")


def _pg_tsquery(query: Query) -> str:
    """A to_tsquery text made only of [a-z0-9] tokens: nothing to escape."""
    joiner = " <-> " if query.phrase else " & "
    return joiner.join(query.tokens) + (":*" if query.prefix else "")


@dataclass(frozen=True)
class Filters:
    """What a reader may narrow a search to: categories and a publication period."""

    category_ids: tuple[int, ...] = ()
    published_from: datetime | None = None
    published_before: datetime | None = None

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        """The filters as conditions on articles."""
        conditions = []
        if self.category_ids:
            conditions.append(Article.category_id.in_(self.category_ids))
        if self.published_from:
            conditions.append(Article.published_at >= self.published_from)
        if self.published_before:
            conditions.append(Article.published_at < self.published_before)
        return conditions


def _pg_tsquery_of(query: Query) -> sa.ColumnElement:
    """The query as a PostgreSQL tsquery."""
    return sa.func.to_tsquery(sa.literal_column("'simple'"), _pg_tsquery(query))


def _candidates(query: Query, conditions: list[sa.ColumnElement[bool]], limit: int) -> sa.Select:
    """The newest `limit` matching articles that pass the conditions.

    Columns: article_id, published_at, and on SQLite the rank (bm25 only exists inside the
    FTS5 scan). The match index is walked from the newest id down and stops after `limit` rows.
    """
    if _dialect() == "sqlite":
        key = FTS.c.rowid
        match = sa.literal_column(SQLITE_FTS_TABLE).op("MATCH")(_sqlite_match(query))
        rank = sa.func.bm25(sa.literal_column(SQLITE_FTS_TABLE), 10.0, 1.0).label("rank")
        stmt = sa.select(key.label("article_id"), Article.published_at, rank).select_from(FTS)
    else:
        key = SearchDocument.__table__.c.article_id
        match = PG_VECTOR.op("@@")(_pg_tsquery_of(query))
        stmt = sa.select(key.label("article_id"), Article.published_at).select_from(SearchDocument.__table__)
    stmt = by_id(stmt.join(Article, Article.id == key)).where(match, *conditions)
    return stmt.order_by(key.desc()).limit(limit)


def _exactness(query: Query, words: sa.ColumnElement[str]) -> sa.ColumnElement[int]:
    """Minus how many typed words the document holds as typed (0 for a query without
    diacritics): a word is found between spaces in `words`, the last one as a word's start
    when the query is a prefix."""
    if not query.exact:
        return sa.literal(0)
    find = sa.func.instr if _dialect() == "sqlite" else sa.func.strpos
    last = len(query.tokens) - 1 if query.prefix else -1
    needles = [f" {word}" + ("" if i == last else " ") for i, word in enumerate(query.typed) if word]
    return -sum((sa.case((find(words, needle) > 0, 1), else_=0) for needle in needles), sa.literal(0))


def _newest_ranked(matched: sa.CTE, query: Query, bound: int) -> sa.Subquery:
    """The newest `bound` candidates with their exactness and rank (lower is better).

    PostgreSQL ranks here, after the candidates are cut, so that a rare word's few thousand
    matches are not all ranked before the newest are kept; both engines test the typed words
    here, on the candidates only.
    """
    table = SearchDocument.__table__
    rank = matched.c.rank if _dialect() == "sqlite" else -sa.func.ts_rank_cd(PG_VECTOR, _pg_tsquery_of(query))
    exactness = _exactness(query, table.c.words).label("exactness")
    stmt = sa.select(matched.c.article_id, matched.c.published_at, rank.label("rank"), exactness)
    if _dialect() != "sqlite" or query.exact:
        stmt = stmt.select_from(matched).join(table, table.c.article_id == matched.c.article_id)
    return stmt.order_by(matched.c.article_id.desc()).limit(bound).subquery()


def _best_first(columns: sa.ColumnCollection) -> tuple[sa.ColumnElement, ...]:
    """Typed words held exactly first, then relevance, then publication date, then id: a
    stable order of candidates."""
    return columns.exactness, columns.rank, columns.published_at.desc(), columns.article_id.desc()


def _ranked_page(query: Query, candidates: sa.Select, bound: int, skip: int, count: int) -> sa.Select:
    """One statement: the page's articles, best first, each with how many candidates matched.

    The candidates are matched once (a materialized CTE of at most bound + 1 rows): the newest
    `bound` of them are ranked and sliced before any article row is read, and counting them
    tells whether there were more.
    """
    matched = candidates.cte("matched").prefix_with("MATERIALIZED")
    newest = _newest_ranked(matched, query, bound)
    shown = sa.select(newest).order_by(*_best_first(newest.c)).limit(count).offset(skip).subquery()
    found = sa.select(sa.func.count()).select_from(matched).scalar_subquery()
    stmt = sa.select(Article, found).join(shown, shown.c.article_id == Article.id)
    # Tags too: a typed word a result holds only in its tags still ranked it, so its highlighting must know.
    return stmt.options(*CARD_OPTIONS, selectinload(Article.tags)).order_by(*_best_first(shown.c))


def search(query: Query, now: datetime, page: int, per_page: int, filters: Filters = Filters()) -> Page | None:
    """A page of visible articles matching the query, best first; None past the last page.

    At most CANDIDATES articles (and MAX_PAGES pages) are ever ranked, counted or skipped.
    """
    bound, skip = min(CANDIDATES, MAX_PAGES * per_page), (page - 1) * per_page
    if page < 1 or skip >= bound:
        return None
    conditions = [is_visible(now), *filters.conditions()]
    candidates = _candidates(query, conditions, bound + 1)
    rows = db.session.execute(_ranked_page(query, candidates, bound, skip, per_page)).all()
    if not rows and page > 1:
        return None
    found = rows[0][1] if rows else 0
    items = [article for article, _found in rows]
    return Page(items=items, number=page, per_page=per_page, total=min(found, bound), capped=found > bound)


def find(
    query: Query, now: datetime, page: int, per_page: int, filters: Filters = Filters()
) -> tuple[Query, Page | None]:
    """Search whole words; if they match nothing, search again with the last word as a prefix.

    Returns the query that was answered (highlighting follows it) and its page (see `search`).
    """
    result, wider = search(query, now, page, per_page, filters), query.widened()
    if wider is None or (result is not None and result.total > 0):
        return query, result
    if result is None and search(query, now, 1, per_page, filters).total > 0:
        return query, None  # past the last page of whole-word matches
    return wider, search(wider, now, page, per_page, filters)


def _matches(word: str, query: Query) -> bool:
    """Whether a word of the text is one the query asks for: as typed where `typed` says so,
    folded otherwise; the last word as a start when the query is a prefix."""
    folded, as_written = fold(word), written(word)
    last = len(query.tokens) - 1 if query.prefix else -1
    for i, token in enumerate(query.tokens):
        wanted = query.typed[i] if query.typed else None
        seen, wanted = (as_written, wanted) if wanted else (folded, token)
        if seen == wanted or (i == last and seen.startswith(wanted)):
            return True
    return False


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
