"""Image intake: judge the type by content, refuse bombs, re-encode without metadata."""

import hashlib
import io
import math
import re
import secrets
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext
from PIL import ExifTags, Image, ImageFile, UnidentifiedImageError

from portal.extensions import db
from portal.models import Article, ArticleRevision, Autosave, Media, Setting

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
# Pillow names a JPEG that carries a Multi-Picture index (common from cameras) "MPO".
FORMAT_ALIASES = {"MPO": "JPEG"}
# Today's 48, 50 and 64 MP phone cameras, below Pillow's own bomb warning (89 MP). Only JPEGs
# come near it in practice: they decode at 1/2 to 1/8 scale; other formats meet DECODE_BUDGET first.
MAX_PIXELS = 80_000_000
MAX_SIDE = 16_384
MAX_ASPECT_RATIO = 30
MAX_ICC_BYTES = 128 * 1024
MAX_STORED_WIDTH = 1920
VARIANT_WIDTHS = (480, 960)
JPEG_QUALITY = 85
# Level 9 (Pillow's optimize=True) took up to 8 s for a 1920 px photo with transparency; level 5
# takes 0.3-0.5 s and its files are 1-5 % larger than zlib's default 6, which takes twice as long.
PNG_COMPRESS_LEVEL = 5
# The most memory one upload may take while it is decoded, shrunk and encoded, worked out from the
# header before any pixel is decoded (see _peak_bytes). A sync worker idles near 90 MB; with this
# budget, the upload itself (10 MB) and a few MB of buffers it stays under 250 MB. About 4:3, it
# admits a baseline JPEG up to MAX_PIXELS, a progressive one up to 25 MP, a PNG or GIF up to
# 16-20 MP (8-bit greyscale up to MAX_PIXELS), a WebP up to 6 MP; and a 1080 x 8000 infographic.
DECODE_BUDGET = 96 * 1024 * 1024
RGBA_BYTES = 4
# While a WebP is decoded: the frame, libwebp's two RGBA canvases and Pillow's copy of one.
WEBP_DECODER_BYTES = 12
# Once shrunk, the stored image and per pixel of it: a copy (turned or recoloured), or a variant
# nearly as wide, plus the JPEG encoder's coefficients (2 bytes each, 1.5 per pixel).
FINISHING_BYTES = 7
# The EXIF orientations, as Pillow's ImageOps.exif_transpose applies them; 5 to 8 swap the sides.
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SIDE_SWAPPING = frozenset({5, 6, 7, 8})
# Images are shrunk this many result rows at a time (see _shrunk); Lanczos reaches 3 pixels each side.
SHRINK_BAND_ROWS = 64
LANCZOS_SUPPORT = 3
# Alpha is premultiplied while resampling, so see-through pixels lend no colour to their neighbours.
PREMULTIPLIED = {"RGBA": "RGBa", "LA": "La"}

# Lazy: translated into the reader's language when the error is shown.
WRONG_TYPE = lazy_gettext("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")
TOO_MANY_PIXELS = lazy_gettext("Ảnh có quá nhiều điểm ảnh (tối đa %(n)s megapixel).", n=MAX_PIXELS // 1_000_000)
TOO_BIG_TO_DECODE = lazy_gettext(
    "Ảnh này cần quá nhiều bộ nhớ để xử lý. Trang chỉ lưu ảnh rộng tối đa %(width)s điểm ảnh: "
    "hãy thu nhỏ ảnh về cỡ đó (hoặc lưu thành JPEG) rồi tải lên lại.",
    width=MAX_STORED_WIDTH,
)
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
    if _format(image) not in ACCEPTED_FORMATS:
        raise MediaError(WRONG_TYPE)
    return image


def _format(image: Image.Image) -> str:
    """The image's format, a camera's MPO counting as JPEG."""
    return FORMAT_ALIASES.get(image.format, image.format)


def _stored_size(size: tuple[int, int], swapped: bool) -> tuple[int, int]:
    """The frame's size once shrunk so that its shown width (its height if turned) fits MAX_STORED_WIDTH."""
    width, height = size
    shown_width = height if swapped else width
    if shown_width <= MAX_STORED_WIDTH:
        return size
    scale = MAX_STORED_WIDTH / shown_width
    return max(1, round(width * scale)), max(1, round(height * scale))


def _pixel_bytes(mode: str) -> int:
    """Bytes Pillow gives one pixel: 1 for "1" (a byte, not a bit), "L" and "P", 2 for 16-bit, else 4 (RGB too)."""
    if mode in {"1", "L", "P"}:
        return 1
    return 2 if mode.startswith("I;16") else 4


def _copy_bytes(image: Image.Image) -> int:
    """Bytes per pixel of the full-size copies _resamplable makes of the frame, 0 if it makes none."""
    if image.mode in {"RGBA", "LA"}:
        return 0
    greyscale = 0  # 8-bit greyscale made first: from 1-bit, or from 16 or 32 bits through a scaled copy
    if image.mode == "1" or image.mode.startswith("I"):
        greyscale = 1 if image.mode == "1" else _pixel_bytes(image.mode) + 1
    if image.mode in {"PA", "RGBa", "La"} or "transparency" in image.info:
        return greyscale + RGBA_BYTES
    return 0 if image.mode in {"L", "RGB"} else greyscale or RGBA_BYTES


def _decoder_bytes(image: Image.Image) -> tuple[int, int]:
    """Bytes the decoder holds besides the frame, while decoding and after; call before draft().

    A progressive JPEG keeps every DCT coefficient of the full-size image (2 bytes each, in
    draft mode too) until decoded. libwebp keeps two RGBA canvases as long as the image is
    open, and while decoding Pillow copies one. Other decoders work a few rows at a time.
    """
    width, height = image.size
    if _format(image) == "WEBP":
        return width * height * WEBP_DECODER_BYTES, width * height * 2 * RGBA_BYTES
    if _format(image) != "JPEG" or not image.info.get("progressive"):
        return 0, 0
    layers = getattr(image, "layer", []) or [(0, 1, 1, 0)]
    most = max(h for _, h, _, _ in layers) * max(v for _, _, v, _ in layers) or 1
    return width * height * 2 * sum(h * v for _, h, v, _ in layers) // most, 0


def _peak_bytes(image: Image.Image, target: tuple[int, int], decoder: tuple[int, int]) -> int:
    """The most bytes held at once (give or take a few MB of buffers) to store this frame at the target size.

    Decoding holds the frame and the decoder's buffers; converting, the frame, what the
    decoder keeps and the copies _resamplable makes; shrinking (in bands), those and the
    result; finishing, the result and FINISHING_BYTES a pixel.
    """
    width, height = image.size
    frame = width * height * _pixel_bytes(image.mode)
    held = frame + decoder[1] + width * height * _copy_bytes(image)
    stored = target[0] * target[1]
    if target == image.size:  # the frame is the result
        return max(frame + decoder[0], held + stored * FINISHING_BYTES)
    return max(frame + decoder[0], held + stored * RGBA_BYTES, stored * (RGBA_BYTES + FINISHING_BYTES))


def _opened(data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """The image with its header read and nothing decoded, and its size as the header gives it.

    A JPEG wider than it will be stored is set to decode at 1/2, 1/4 or 1/8 scale (libjpeg's
    draft mode), never below the stored size. Only a JPEG's orientation is known before
    decoding (a PNG may keep its EXIF after the pixels), so others are judged both ways.

    Raises:
        MediaError: too many pixels, an absurd shape, or more memory than DECODE_BUDGET.
    """
    image = _identify(data)
    size = image.size
    _check_dimensions(*size)  # from the header, before any pixel is decoded
    decoder = _decoder_bytes(image)
    if _format(image) == "JPEG":
        targets = [_stored_size(size, _orientation(image) in SIDE_SWAPPING)]
        if targets[0] != size:
            image.draft(None, targets[0])
    else:
        targets = [_stored_size(size, False), _stored_size(size, True)]
    if max(_peak_bytes(image, target, decoder) for target in targets) > DECODE_BUDGET:
        raise MediaError(TOO_BIG_TO_DECODE)
    return image, size


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation, 1 when there is none; a PNG may need decoding first."""
    return image.getexif().get(ExifTags.Base.Orientation, 1)


def _resamplable(image: Image.Image) -> Image.Image:
    """The frame in a mode Pillow resamples as is: L, RGB, or RGBA/LA if any pixel may be see-through."""
    if image.mode.startswith("I"):  # 16-bit greyscale PNG: scale to 8 bits, do not clip
        image = image.point(lambda value: value * (1 / 256), "L")
        image = image if image.mode == "L" else image.convert("L")
    if image.mode in {"RGBA", "LA"}:
        return image
    if image.mode in {"PA", "RGBa", "La"} or "transparency" in image.info:
        return image.convert("RGBA")
    if image.mode in {"L", "RGB"}:
        return image
    return image.convert("L" if image.mode == "1" else "RGB")


def _shrunk(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The image resampled to the size with Lanczos, band by band, or itself if already that size.

    Resampling the whole image at once would hold Pillow's horizontal pass (new width x old
    height) and, with alpha, a premultiplied copy of it all; a band holds SHRINK_BAND_ROWS
    rows of the result. The bands overlap by the filter's reach, so no seam shows.
    """
    if image.size == size:
        return image
    shrunk = Image.new(image.mode, size)
    for top in range(0, size[1], SHRINK_BAND_ROWS):
        bottom = min(top + SHRINK_BAND_ROWS, size[1])
        shrunk.paste(_band(image, size, top, bottom), (0, top))
    return shrunk


def _band(image: Image.Image, size: tuple[int, int], top: int, bottom: int) -> Image.Image:
    """Rows top to bottom of the image resampled to the size, alpha premultiplied meanwhile."""
    scale = image.height / size[1]
    reach = LANCZOS_SUPPORT * max(scale, 1) + 1
    first = max(0, math.floor(top * scale - reach))
    last = min(image.height, math.ceil(bottom * scale + reach))
    piece = image.crop((0, first, image.width, last))
    if piece.mode in PREMULTIPLIED:
        piece = piece.convert(PREMULTIPLIED[piece.mode])
    box = (0, top * scale - first, image.width, bottom * scale - first)
    band = piece.resize((size[0], bottom - top), Image.Resampling.LANCZOS, box=box)
    return band.convert(image.mode) if band.mode != image.mode else band


def _pixels(data: bytes) -> tuple[Image.Image, bytes | None]:
    """The first frame at its stored size, turned upright, and its kept ICC profile.

    Each step rebinds `image`, so that the step before it is freed as soon as it is done
    (_peak_bytes counts on that).
    """
    image, size = _opened(data)
    image.load()
    _check_dimensions(*image.size)  # a GIF frame may enlarge the canvas
    icc, orientation = _kept_icc(image), _orientation(image)
    target = _stored_size(size, orientation in SIDE_SWAPPING)
    image = _resamplable(image)
    image = _shrunk(image, target)
    if orientation in TRANSPOSITIONS:
        image = image.transpose(TRANSPOSITIONS[orientation])
    return image, icc


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
            return _normalized(*_pixels(data))
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


def _normalized(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, str]:
    """Pixels only: RGB (stored as JPEG) or, if any pixel is see-through, RGBA (PNG).

    Every metadata entry (EXIF with GPS, XMP, comments, text chunks) is dropped here,
    because Pillow's encoders copy some of them from `info`; only an RGB ICC profile stays.
    """
    if image.mode in {"RGBA", "LA"} and image.getchannel("A").getextrema()[0] < 255:
        clean = image if image.mode == "RGBA" else image.convert("RGBA")
    else:  # opaque, or an alpha channel that hides nothing
        clean = image if image.mode == "RGB" else image.convert("RGB")
    clean.info = {"icc_profile": icc} if icc else {}
    return clean, "png" if clean.mode == "RGBA" else "jpg"


def _encode(image: Image.Image, extension: str) -> bytes:
    """Encode the pixels; the only metadata written is the kept ICC profile, if any."""
    buffer = io.BytesIO()
    icc = image.info.get("icc_profile")
    if extension == "png":
        image.save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL, icc_profile=icc)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc)
    return buffer.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    """A copy scaled down to the width, keeping proportions (and the ICC profile)."""
    height = max(1, round(image.height * width / image.width))
    resized = _shrunk(image, (width, height))
    resized.info = dict(image.info)
    return resized


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
        MediaError: not an accepted image, damaged or truncated, too many pixels, an absurd
            shape, or more memory to decode than DECODE_BUDGET (judged from the header,
            before decoding). Nothing is written then.
    """
    image, extension = _read(data)
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


@dataclass(frozen=True)
class Pruned:
    """What prune_unused_media deleted."""

    images: int  # Media rows, each with its files
    stray_files: int  # files named like stored images that no row names


# Where an article can name an image by its path (/media/<stem>.jpg or a variant), not by id.
TEXT_NAMING_MEDIA = (
    Article.body_source,
    Article.body_html,
    ArticleRevision.body_source,
    ArticleRevision.body_html,
    Autosave.data,
    Setting.value,
)
MEDIA_PATH_STEM = re.compile(r"/media/([0-9a-f]{32})")
STORED_FILE_NAME = re.compile(r"^([0-9a-f]{32})(?:-\d+)?\.(?:jpg|png)$")


def prune_unused_media(media_dir: str, older_than: timedelta, now: datetime) -> Pruned:
    """Delete the images nobody uses, once they are older than older_than, with their files.

    An upload is stored before the article is saved, so that a refused save keeps it for the
    retry; one never saved stays unused. An image is used while it is the lead image of an
    article or of any revision, or while its path appears in an article's or revision's body,
    an autosave or a setting. Files named like stored images whose stem has no row (left by a
    crash or a failed commit) go too once last modified before the same cut-off.

    Args:
        media_dir: the directory holding the files.
        older_than: how long an unused upload is kept (a person may still be at work on it).
        now: the current time.
    Returns:
        How many rows (with their files) and stray files were deleted.
    Side effects:
        Deletes the rows and flushes, then deletes the files; the caller commits. Should the
        commit fail, the rows stay without files, still unused, and the next run deletes them.
    """
    cutoff, folder = now - older_than, Path(media_dir)
    unused = _unused_media(cutoff)
    files = [folder / name for media in unused for name in (media.filename, *map(media.variant_filename, media.widths))]
    for media in unused:
        db.session.delete(media)
    db.session.flush()
    _remove(files)
    strays = _stray_files(folder, set(db.session.scalars(sa.select(Media.stem))), cutoff)
    _remove(strays)
    return Pruned(images=len(unused), stray_files=len(strays))


def _unused_media(cutoff: datetime) -> list[Media]:
    """Images uploaded before the cut-off that no article, revision, autosave or setting uses."""
    lead = sa.exists().where(Article.image_id == Media.id)
    kept = sa.exists().where(ArticleRevision.image_id == Media.id)
    candidates = db.session.scalars(sa.select(Media).where(Media.created_at < cutoff, ~lead, ~kept)).all()
    named = _stems_named_in_text() if candidates else set()
    return [media for media in candidates if media.stem not in named]


def _stems_named_in_text() -> set[str]:
    """The stems of every image whose path appears in one of TEXT_NAMING_MEDIA."""
    named: set[str] = set()
    for column in TEXT_NAMING_MEDIA:
        query = sa.select(column).where(column.contains("/media/")).execution_options(yield_per=500)
        for text in db.session.scalars(query):
            named.update(MEDIA_PATH_STEM.findall(text))
    return named


def _stray_files(folder: Path, known_stems: set[str], cutoff: datetime) -> list[Path]:
    """Files named like stored images, of no known stem, last modified before the cut-off."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in folder.iterdir()
        if (match := STORED_FILE_NAME.match(path.name))
        and match[1] not in known_stems
        and datetime.fromtimestamp(path.stat().st_mtime, UTC) < cutoff
    ]
