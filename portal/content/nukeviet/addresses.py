"""Old picture addresses: /uploads/<path> of the old site, looked up by its primary key."""

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ImportedUpload, Media

MAX_PATH = 255


def imported_picture(path: str) -> str | None:
    """The stored file name of the picture an old uploads/ path became, or None (one indexed lookup)."""
    path = path.strip("/")
    if not path or len(path) > MAX_PATH:
        return None
    query = sa.select(Media.stem, Media.extension).join(ImportedUpload, ImportedUpload.media_id == Media.id)
    found = db.session.execute(query.where(ImportedUpload.path == path)).first()
    return f"{found.stem}.{found.extension}" if found else None
