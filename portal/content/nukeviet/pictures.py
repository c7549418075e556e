"""The old site's pictures: read from its uploads/ folder, stored through the portal's image pipeline.

Each old path (relative to uploads/, such as "news/2024_05/cau-moi.jpg") is stored once and
remembered in ImportedUpload, so that bodies and lead images naming it share one Media row,
a second run stores nothing, and the old /uploads/... address can answer 301.
"""

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa

from portal.content.media import MediaError, store_image
from portal.extensions import db
from portal.models import ImportedUpload, Media

MAX_PATH = 255
# A whole <img ... src="..." ...> of an old body: before the address, its quote, the address, the rest.
_IMG_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"'<>]*)\2([^>]*>)""", re.IGNORECASE)
_UPLOADS = re.compile(r"(?:^|/)uploads/(.+)$")


def upload_path(src: str) -> str | None:
    """The path under uploads/ an address names ("/uploads/news/a.jpg" -> "news/a.jpg"), or None.

    Absolute addresses count too (the old domain is not known); query and fragment are
    dropped and %-escapes decoded. Paths that climb out of uploads/ are None.
    """
    match = _UPLOADS.search(unquote(urlsplit(src.strip()).path))
    if match is None:
        return None
    path = match[1].strip("/")
    if not path or len(path) > MAX_PATH or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return path


def lead_image_path(homeimgfile: str | None, upload_folder: str) -> str | None:
    """The uploads/ path of a lead image (NukeViet keeps it relative to uploads/<module>/)."""
    name = (homeimgfile or "").strip()
    if not name or "://" in name:
        return None
    return upload_path(f"uploads/{upload_folder}/{name.lstrip('/')}")


class Pictures:
    """Stores old pictures once each and tells which Media row each old path became."""

    def __init__(self, uploads: Path | None, media_dir: str, dry_run: bool, warn: Callable[[str], None]) -> None:
        self.uploads, self.media_dir, self.dry_run, self.warn = uploads, media_dir, dry_run, warn
        self.known: dict[str, int] = dict(
            db.session.execute(sa.select(ImportedUpload.path, ImportedUpload.media_id)).all()
        )
        self.names: dict[int, str] = {}
        self.stored = 0

    def media_for(self, path: str, owner: str) -> int | None:
        """The Media id of the old path, storing the file on first sight; None (with a warning) if it can't be."""
        if path in self.known:
            return self.known[path] or None  # 0: seen in this dry run
        data = self._read(path, owner)
        if data is None:
            return None
        if self.dry_run:
            self.known[path] = 0  # counted once; nothing is stored
            self.stored += 1
            return None
        try:
            media = store_image(data, path.rsplit("/", 1)[-1], self.media_dir, None)
        except MediaError as error:
            self.warn(f"{owner}: uploads/{path}: {error}")
            return None
        db.session.add(ImportedUpload(path=path, media_id=media.id))
        self.known[path], self.names[media.id] = media.id, media.filename
        self.stored += 1
        return media.id

    def _read(self, path: str, owner: str) -> bytes | None:
        """The old file's bytes, or None with a warning when it is missing or outside uploads/."""
        if self.uploads is None:
            self.warn(f"{owner}: uploads/{path}: chưa cho biết thư mục --uploads")
            return None
        file = (self.uploads / path).resolve()
        if not file.is_relative_to(self.uploads.resolve()) or not file.is_file():
            self.warn(f"{owner}: uploads/{path}: không có tệp")
            return None
        return file.read_bytes()

    def filename(self, media_id: int) -> str:
        """The stored file name of a Media row (looked up once)."""
        if media_id not in self.names:
            self.names[media_id] = db.session.get(Media, media_id).filename
        return self.names[media_id]

    def rewrite(self, body: str, owner: str) -> str:
        """The body with every <img> that points into uploads/ pointing at its stored picture instead."""

        def replace(match: re.Match) -> str:
            path = upload_path(match[3])
            if path is None:
                return match[0]
            media_id = self.media_for(path, owner)
            if not media_id:  # warned; an <img> whose picture is gone would be an empty frame
                return match[0] if self.dry_run else ""
            return f"{match[1]}{match[2]}/media/{self.filename(media_id)}{match[2]}{match[4]}"

        return _IMG_SRC.sub(replace, body or "")
