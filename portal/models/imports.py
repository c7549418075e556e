"""What an import from another system brought over: old ids and old picture paths."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class ImportedRecord(Base):
    """One row of the old site (an article, category, tag or account) and the portal row it became."""

    __tablename__ = "imported_records"

    source: Mapped[str] = mapped_column(sa.String(20), primary_key=True)  # "nukeviet"
    kind: Mapped[str] = mapped_column(sa.String(20), primary_key=True)  # article, category, tag, user
    old_id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    new_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImportedUpload(Base):
    """An old picture address (the path under the old site's uploads/) and the stored image it became."""

    __tablename__ = "imported_uploads"

    path: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    media_id: Mapped[int] = mapped_column(sa.ForeignKey("media.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
