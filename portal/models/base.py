"""Declarative base, naming convention and the UTC datetime column type."""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """Store naive UTC, always hand back aware UTC (SQLite forgets time zones)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        """Convert an aware datetime to naive UTC before it is written."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        """Mark a stored value as UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def render_migration_item(type_: str, obj, autogen_context):
    """Write UTCDateTime columns into Alembic revisions as plain sa.DateTime()."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


ENGINE_SPECIFIC_SEARCH_OBJECTS = ("search_fts", "ix_search_documents_tsv")
ENGINE_SPECIFIC_SEARCH_COLUMNS = ("tsv",)  # PostgreSQL's stored tsvector of search_documents


def include_migration_object(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Leave the engine-specific full-text objects (made by hand in revisions 0005 and 0008) out of autogenerate."""
    if type_ == "column" and name in ENGINE_SPECIFIC_SEARCH_COLUMNS:
        return False
    return not (name or "").startswith(ENGINE_SPECIFIC_SEARCH_OBJECTS)
