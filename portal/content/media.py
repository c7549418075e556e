"""Image intake: judge the type by content, refuse bombs, re-encode without metadata."""

import hashlib
import io
import secrets
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from portal.extensions import db
from portal.models import Media

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
MAX_PIXELS = 40_000_000
MAX_STORED_WIDTH = 1920
VARIANT_WIDTHS = (480, 960)
JPEG_QUALITY = 85


class MediaError(ValueError):
    """An upload that cannot be accepted; the message is shown to the person."""


def _open_checked(data: bytes) -> Image.Image:
    """Open and fully decode the image, refusing anything but our four formats."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise MediaError("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")
            if probe.width * probe.height > MAX_PIXELS:
                raise MediaError("Ảnh có quá nhiều điểm ảnh (tối đa 40 megapixel).")
            probe.load()
            return probe
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError("Ảnh có quá nhiều điểm ảnh (tối đa 40 megapixel).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise MediaError("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng.") from None


def _normalized(image: Image.Image) -> tuple[Image.Image, str]:
    """Apply the EXIF rotation, drop metadata, choose JPEG or (with transparency) PNG."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    if has_alpha:
        return image.convert("RGBA"), "png"
    return image.convert("RGB"), "jpg"


def _encode(image: Image.Image, extension: str) -> bytes:
    """Encode without any metadata."""
    buffer = io.BytesIO()
    if extension == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    """A copy scaled down to the width, keeping proportions."""
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def store_image(data: bytes, original_name: str, media_dir: str, uploader_id: int | None) -> Media:
    """Validate, re-encode and store an uploaded image with its resized variants.

    Args:
        data: the uploaded bytes.
        original_name: the file name the person gave (kept for display only).
        media_dir: the directory that receives the files.
        uploader_id: the uploading account's id.
    Returns:
        The new Media row, added to the session and flushed.
    Raises:
        MediaError: not an accepted image, truncated, or too many pixels.
    """
    image, extension = _normalized(_open_checked(data))
    if image.width > MAX_STORED_WIDTH:
        image = _resized(image, MAX_STORED_WIDTH)
    stem = secrets.token_hex(16)
    folder = Path(media_dir)
    full = _encode(image, extension)
    (folder / f"{stem}.{extension}").write_bytes(full)
    widths = [w for w in VARIANT_WIDTHS if w < image.width]
    for width in widths:
        (folder / f"{stem}-{width}.{extension}").write_bytes(_encode(_resized(image, width), extension))
    media = Media(
        stem=stem,
        extension=extension,
        content_type="image/png" if extension == "png" else "image/jpeg",
        original_name=original_name[:255],
        width=image.width,
        height=image.height,
        size_bytes=len(full),
        sha256=hashlib.sha256(full).hexdigest(),
        variant_widths=",".join(str(w) for w in widths),
        uploader_id=uploader_id,
    )
    db.session.add(media)
    db.session.flush()
    return media
