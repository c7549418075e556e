"""NukeViet 4's tables, as its installer makes them, read with SQLAlchemy Core.

Only the columns the import reads are declared (from modules/news/action_mysql.php,
modules/users/action_mysql.php and install/action_mysql.php of nukeviet/nukeviet 4.5).
"""

from dataclasses import dataclass

import sqlalchemy as sa

ARTICLE_COLUMNS = (
    "id", "catid", "admin_id", "author", "sourceid", "addtime", "edittime", "status", "publtime",
    "exptime", "title", "alias", "hometext", "homeimgfile", "homeimgalt", "inhome", "hitstotal",
)  # fmt: skip


def _table(metadata: sa.MetaData, name: str, *columns: str) -> sa.Table:
    """A table of the given column names; the types come from the database driver."""
    return sa.Table(name, metadata, *(sa.Column(column) for column in columns))


@dataclass(frozen=True)
class Source:
    """The old site's tables for one language and news module."""

    engine: sa.Engine
    cat: sa.Table
    rows: sa.Table
    detail: sa.Table
    sources: sa.Table
    tags: sa.Table
    tags_id: sa.Table
    block: sa.Table
    news_admins: sa.Table
    modules: sa.Table
    users: sa.Table
    authors: sa.Table
    present: frozenset[str]

    def has(self, table: sa.Table) -> bool:
        """Whether the table exists in the old database (optional ones may not)."""
        return table.name in self.present


def open_source(url: str, prefix: str, lang: str, module_data: str) -> Source:
    """Connect to the old database and name its tables.

    Raises:
        LookupError: the articles table of that prefix, language and module is missing.
    """
    engine = sa.create_engine(url, pool_pre_ping=True)
    present = frozenset(sa.inspect(engine).get_table_names())
    news, metadata = f"{prefix}_{lang}_{module_data}", sa.MetaData()
    if f"{news}_rows" not in present:
        engine.dispose()
        raise LookupError(f"{news}_rows")
    return Source(
        engine=engine,
        cat=_table(
            metadata,
            f"{news}_cat",
            "catid",
            "parentid",
            "title",
            "alias",
            "description",
            "weight",
            "sort",
            "featured",
            "status",
        ),
        rows=_table(metadata, f"{news}_rows", *ARTICLE_COLUMNS),
        detail=_table(metadata, f"{news}_detail", "id", "bodyhtml", "sourcetext"),
        sources=_table(metadata, f"{news}_sources", "sourceid", "title"),
        tags=_table(metadata, f"{news}_tags", "tid", "title", "alias"),
        tags_id=_table(metadata, f"{news}_tags_id", "id", "tid"),
        block=_table(metadata, f"{news}_block", "bid", "id"),
        news_admins=_table(metadata, f"{news}_admins", "userid", "catid", "admin", "pub_content"),
        modules=_table(metadata, f"{prefix}_{lang}_modules", "title", "module_data", "module_upload", "admins"),
        users=_table(
            metadata, f"{prefix}_users", "userid", "username", "password", "email", "first_name", "last_name", "active"
        ),
        authors=_table(metadata, f"{prefix}_authors", "admin_id", "lev", "is_suspend"),
        present=present,
    )


def module_names(url: str, prefix: str, lang: str, module: str) -> tuple[str, str]:
    """The module's data name (its tables) and upload folder, from the modules table when there is one."""
    engine = sa.create_engine(url)
    try:
        table = _table(sa.MetaData(), f"{prefix}_{lang}_modules", "title", "module_data", "module_upload")
        if table.name not in sa.inspect(engine).get_table_names():
            return module, module
        with engine.connect() as connection:
            row = connection.execute(sa.select(table).where(table.c.title == module)).first()
        return (row.module_data or module, row.module_upload or module) if row else (module, module)
    finally:
        engine.dispose()
