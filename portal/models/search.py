"""The search document of each article: its words folded to ASCII, kept in step on save."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base

# SQLite: an FTS5 index over the documents (rowid = article id), created with the table.
SQLITE_FTS_TABLE = "search_fts"
SQLITE_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_FTS_TABLE} USING fts5("
    "title, content, tokenize = 'unicode61 remove_diacritics 2')"
)
# PostgreSQL: the expression the GIN index covers and the search query repeats.
PG_DOCUMENT = (
    "setweight(to_tsvector('simple', search_documents.title), 'A') || "
    "setweight(to_tsvector('simple', search_documents.content), 'B')"
)


class SearchDocument(Base):
    """Folded title and text (lead, body, tags) of one article."""

    __tablename__ = "search_documents"

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(sa.Text, default="")
    content: Mapped[str] = mapped_column(sa.Text, default="")


sa.event.listen(SearchDocument.__table__, "after_create", sa.DDL(SQLITE_FTS_DDL).execute_if(dialect="sqlite"))
sa.event.listen(
    SearchDocument.__table__,
    "before_drop",
    sa.DDL(f"DROP TABLE IF EXISTS {SQLITE_FTS_TABLE}").execute_if(dialect="sqlite"),
)
sa.event.listen(
    SearchDocument.__table__,
    "after_create",
    sa.DDL(
        f"CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING gin (({PG_DOCUMENT}))"
    ).execute_if(dialect="postgresql"),
)
