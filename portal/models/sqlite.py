"""SQLite settings: foreign keys and write-ahead log on every connection, INDEXED BY hints."""

import sqlite3

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    """Turn on foreign keys and WAL for every new SQLite connection."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _from_hint(compiler: SQLiteCompiler, table: sa.FromClause, text: str) -> str:
    """Render a `with_hint(table, "INDEXED BY ...", "sqlite")` hint after the table's name."""
    return text


# SQLAlchemy renders from-hints for other engines only and silently drops SQLite's. The portal
# needs one: looked up by id, SQLite always reads the article's own row, whose long texts come
# before the few columns a list needs, unless told to read a covering index instead.
SQLiteCompiler.get_from_hint_text = _from_hint
