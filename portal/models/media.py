"""Uploaded images, stored re-encoded under random names."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class Media(Base):
    """One stored image and the widths of its resized variants."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    stem: Mapped[str] = mapped_column(sa.String(64), unique=True)
    extension: Mapped[str] = mapped_column(sa.String(8))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    original_name: Mapped[str] = mapped_column(sa.String(255), default="")
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    variant_widths: Mapped[str] = mapped_column(sa.String(100), default="")
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def filename(self) -> str:
        """The stored file name of the full-size image."""
        return f"{self.stem}.{self.extension}"

    def variant_filename(self, width: int) -> str:
        """The stored file name of the variant of the given width."""
        return f"{self.stem}-{width}.{self.extension}"

    @property
    def widths(self) -> list[int]:
        """The widths of the resized variants, smallest first."""
        return sorted(int(w) for w in self.variant_widths.split(",") if w)
