"""Image intake: judge the type by content, refuse bombs, re-encode without metadata."""

import hashlib
import io
import secrets
import unicodedata
import warnings
from pathlib import Path

from flask_babel import gettext, lazy_gettext
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from portal.extensions import db
from portal.models import Media

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
# Pillow names a JPEG that carries a Multi-Picture index (common from cameras) "MPO".
FORMAT_ALIASES = {"MPO": "JPEG"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 16_384
MAX_ASPECT_RATIO = 30
MAX_ICC_BYTES = 128 * 1024
MAX_STORED_WIDTH = 1920
VARIANT_WIDTHS = (480, 960)
JPEG_QUALITY = 85

# Lazy: translated into the reader's language when the error is shown.
WRONG_TYPE = lazy_gettext("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")
TOO_MANY_PIXELS = lazy_gettext("Ảnh có quá nhiều điểm ảnh (tối đa %(n)s megapixel).", n=MAX_PIXELS // 1_000_000)
ODD_SHAPE = lazy_gettext(
    "Kích thước ảnh bất thường: mỗi cạnh tối đa %(side)s điểm ảnh và cạnh dài không quá %(ratio)s lần cạnh ngắn.",
    side=MAX_SIDE,
    ratio=MAX_ASPECT_RATIO,
)
BROKEN = lazy_gettext("Tệp ảnh bị hỏng hoặc chưa tải lên đầy đủ.")


class MediaError(ValueError):
    """An upload that cannot be accepted; the message is shown to the person."""


def check_size(size_bytes: int, max_mb: int) -> None:
    """Refuse an upload larger than max_mb MiB (the app's MAX_UPLOAD_MB), before decoding it.

    The app lets whole requests reach (MAX_UPLOAD_MB + 1) MiB so that the form fields fit
    beside the file; views call this to hold the file itself to the limit.

    Raises:
        MediaError: the file is larger than the limit.
    """
    if size_bytes > max_mb * 1024 * 1024:
        raise MediaError(gettext("Tệp quá lớn (tối đa %(mb)s MB).", mb=max_mb))


def _check_dimensions(width: int, height: int) -> None:
    """Refuse too many pixels or an absurd shape, such as 1 x 100000."""
    if width * height > MAX_PIXELS:
        raise MediaError(TOO_MANY_PIXELS)
    long_side, short_side = max(width, height), min(width, height)
    if short_side < 1 or long_side > MAX_SIDE or long_side > MAX_ASPECT_RATIO * short_side:
        raise MediaError(ODD_SHAPE)


def _identify(data: bytes) -> Image.Image:
    """Open the image lazily (header only), letting only our four formats' parsers try."""
    image = Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS))
    if FORMAT_ALIASES.get(image.format, image.format) not in ACCEPTED_FORMATS:
        raise MediaError(WRONG_TYPE)
    return image


def _decoded(data: bytes) -> Image.Image:
    """The first frame, fully decoded, with the EXIF orientation applied."""
    image = _identify(data)
    _check_dimensions(*image.size)  # from the header, before any pixel is decoded
    image.load()
    _check_dimensions(*image.size)  # a GIF frame may enlarge the canvas
    ImageOps.exif_transpose(image, in_place=True)
    return image


def _read(data: bytes) -> tuple[Image.Image, str]:
    """Decode and normalize the upload, turning every failure to read it into a MediaError."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Pillow would then pad a cut-off file with grey instead of failing; refuse to work.
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        with warnings.catch_warnings():
            # Belt and braces: _check_dimensions is the real guard, and catch_warnings is not
            # thread-safe, so nothing relies on this filter alone.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _normalized(_decoded(data))
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise MediaError(WRONG_TYPE) from None
    except Exception:  # Pillow reports damaged input as OSError, SyntaxError, struct.error, ...
        raise MediaError(BROKEN) from None


def _kept_icc(image: Image.Image) -> bytes | None:
    """The embedded ICC profile when it describes these RGB pixels, else None.

    A colour profile describes colours, not the person or the place, and dropping an
    iPhone's Display P3 profile would dull its photos; profiles of another colour space
    would be wrong once the pixels are RGB, and very large ones only bloat every variant.
    """
    icc = image.info.get("icc_profile")
    rgb = image.mode in {"RGB", "RGBA", "P", "PA"} and isinstance(icc, bytes) and icc[16:20] == b"RGB "
    return icc if rgb and len(icc) <= MAX_ICC_BYTES else None


def _normalized(image: Image.Image) -> tuple[Image.Image, str]:
    """Pixels only: RGB (stored as JPEG) or, if any pixel is see-through, RGBA (PNG).

    Every metadata entry (EXIF with GPS, XMP, comments, text chunks) is dropped here,
    because Pillow's encoders copy some of them from `info`; only an RGB ICC profile stays.
    """
    icc = _kept_icc(image)
    if image.mode.startswith("I"):  # 16-bit greyscale PNG: scale to 8 bits, do not clip
        image = image.point(lambda value: value * (1 / 256), "L")
    see_through = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    clean = image.convert("RGBA") if see_through else image.convert("RGB")
    if clean.mode == "RGBA" and clean.getchannel("A").getextrema()[0] == 255:
        clean = clean.convert("RGB")  # an alpha channel that hides nothing
    clean.info = {"icc_profile": icc} if icc else {}
    return clean, "png" if clean.mode == "RGBA" else "jpg"


def _encode(image: Image.Image, extension: str) -> bytes:
    """Encode the pixels; the only metadata written is the kept ICC profile, if any."""
    buffer = io.BytesIO()
    icc = image.info.get("icc_profile")
    if extension == "png":
        image.save(buffer, "PNG", optimize=True, icc_profile=icc)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc)
    return buffer.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    """A copy scaled down to the width, keeping proportions (and the ICC profile)."""
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encoded_files(image: Image.Image, extension: str) -> dict[int | None, bytes]:
    """The encoded image (key None) and its variants for each narrower VARIANT_WIDTHS entry."""
    files: dict[int | None, bytes] = {None: _encode(image, extension)}
    for width in VARIANT_WIDTHS:
        if width < image.width:
            files[width] = _encode(_resized(image, width), extension)
    return files


def _write_files(folder: Path, stem: str, extension: str, files: dict[int | None, bytes]) -> list[Path]:
    """Write every file under the fresh stem, or none of them."""
    written: list[Path] = []
    try:
        for width, content in files.items():
            path = folder / (f"{stem}.{extension}" if width is None else f"{stem}-{width}.{extension}")
            with path.open("xb") as handle:  # "x": never replace an existing file
                written.append(path)
                handle.write(content)
    except BaseException:
        _remove(written)
        raise
    return written


def _remove(paths: list[Path]) -> None:
    """Delete the files, ignoring those already gone."""
    for path in paths:
        path.unlink(missing_ok=True)


def _display_name(original_name: str) -> str:
    """The name the person gave, for display only: no folders, no control or bidi characters."""
    name = unicodedata.normalize("NFC", original_name).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in name if not unicodedata.category(char).startswith("C"))[:255]


def store_image(data: bytes, original_name: str, media_dir: str, uploader_id: int | None) -> Media:
    """Validate, re-encode and store an uploaded image with its resized variants.

    Only JPEG, PNG, WebP and GIF are taken, judged by content alone. Of an animated GIF,
    PNG or WebP only the first frame is kept. The pixels are re-encoded after applying the
    EXIF orientation, without EXIF (GPS included), XMP or comments; an RGB ICC profile is
    kept. Opaque images become JPEG, images with transparency PNG.

    Args:
        data: the uploaded bytes (views call check_size first).
        original_name: the file name the person gave (kept for display only, never in a path).
        media_dir: the directory that receives the files.
        uploader_id: the uploading account's id.
    Returns:
        The new Media row, added to the session and flushed.
    Raises:
        MediaError: not an accepted image, damaged or truncated, too many pixels or an
            absurd shape. Nothing is written then.
    """
    image, extension = _read(data)
    if image.width > MAX_STORED_WIDTH:
        image = _resized(image, MAX_STORED_WIDTH)
    files = _encoded_files(image, extension)
    stem = secrets.token_hex(16)
    written = _write_files(Path(media_dir), stem, extension, files)
    media = Media(
        stem=stem,
        extension=extension,
        content_type="image/png" if extension == "png" else "image/jpeg",
        original_name=_display_name(original_name),
        width=image.width,
        height=image.height,
        size_bytes=len(files[None]),
        sha256=hashlib.sha256(files[None]).hexdigest(),
        variant_widths=",".join(str(width) for width in files if width is not None),
        uploader_id=uploader_id,
    )
    try:
        db.session.add(media)
        db.session.flush()
    except BaseException:
        _remove(written)  # no row, no files
        raise
    return media
