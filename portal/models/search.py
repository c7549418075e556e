"""The search document of each article: its words folded to ASCII, and the distinct words as
written (with their diacritics), kept in step on save."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base

# SQLite: an FTS5 index over the documents (rowid = article id), created with the table.
SQLITE_FTS_TABLE = "search_fts"
SQLITE_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_FTS_TABLE} USING fts5("
    "title, content, tokenize = 'unicode61 remove_diacritics 2')"
)
# PostgreSQL: a stored, weighted tsvector kept by the database itself (a generated column), so
# neither matching nor ranking parses the text again; the GIN index covers it. It is kept in
# the row (STORAGE MAIN), not in TOAST, so that checking one document is one page read. The
# column is left out of the model: SQLite has no such type.
PG_VECTOR_COLUMN = "tsv"
PG_DOCUMENT = "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', content), 'B')"
PG_VECTOR_DDL = (
    f"ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS {PG_VECTOR_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED, ALTER COLUMN {PG_VECTOR_COLUMN} SET STORAGE MAIN"
)
PG_INDEX_DDL = f"CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING gin ({PG_VECTOR_COLUMN})"


class SearchDocument(Base):
    """Folded title and text (lead, body, tags) of one article, and its distinct words as written.

    `words` holds each distinct word once, lowercase NFC with its diacritics, between single
    spaces (" lễ hội đình làng "), so that both engines tell a word typed with its diacritics
    ("lễ") from the words it folds with ("lệ", "le") by one substring test per candidate.
    """

    __tablename__ = "search_documents"

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(sa.Text, default="")
    content: Mapped[str] = mapped_column(sa.Text, default="")
    words: Mapped[str] = mapped_column(sa.Text, default="", server_default="")


sa.event.listen(SearchDocument.__table__, "after_create", sa.DDL(SQLITE_FTS_DDL).execute_if(dialect="sqlite"))
sa.event.listen(
    SearchDocument.__table__,
    "before_drop",
    sa.DDL(f"DROP TABLE IF EXISTS {SQLITE_FTS_TABLE}").execute_if(dialect="sqlite"),
)
for ddl in (PG_VECTOR_DDL, PG_INDEX_DDL):
    sa.event.listen(SearchDocument.__table__, "after_create", sa.DDL(ddl).execute_if(dialect="postgresql"))
