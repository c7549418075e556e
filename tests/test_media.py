"""Image intake: type by content, pixel limits, metadata stripping, variants and names."""

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngInfo

from portal.content import media as intake
from portal.content.media import MediaError, check_size, store_image
from portal.extensions import db
from portal.models import Media

RED, BLUE = (255, 0, 0), (0, 0, 255)
STORED_NAME = re.compile(r"^([0-9a-f]{32})(-\d+)?\.(jpg|png)$")


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    """The image saved in the format, as bytes."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def two_colours(width: int = 64, height: int = 32, mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue."""
    image = Image.new(mode, (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


def stored_files(app) -> list[Path]:
    """Every file in the media directory."""
    return sorted(Path(app.config["MEDIA_DIR"]).iterdir())


def media_rows() -> int:
    """How many Media rows exist."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Media))


def reopen(app, media: Media, width: int | None = None) -> Image.Image:
    """Open a stored file (the full image or one variant), fully decoded."""
    name = media.variant_filename(width) if width else media.filename
    image = Image.open(Path(app.config["MEDIA_DIR"]) / name)
    image.load()
    return image


def assert_colour(actual: tuple, expected: tuple) -> None:
    """Colours match within JPEG's tolerance."""
    assert all(abs(a - e) < 40 for a, e in zip(actual[:3], expected)), (actual, expected)


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG of zeros: a few kB on disk, width x height pixels decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = bytes(1 + (width + 7) // 8) * 500  # filter byte + packed bits, 500 rows at a time
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(rows) for _ in range(height // 500)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- accepted images ----------------------------------------------------------------------


def test_jpeg_loses_gps_exif_xmp_and_comment_but_keeps_its_pixels(app):
    exif = Image.Exif()
    exif[0x0110] = "Điện thoại của phóng viên"  # camera model
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPSInfo
    data = encoded(two_colours(), "JPEG", exif=exif, xmp=b"<x:xmpmeta>nha-rieng</x:xmpmeta>", comment=b"ghi-chu-rieng")
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the upload really has GPS

    media = store_image(data, "anh.jpg", app.config["MEDIA_DIR"], None)

    stored = reopen(app, media)
    raw = (Path(app.config["MEDIA_DIR"]) / media.filename).read_bytes()
    assert (stored.format, media.extension, media.content_type) == ("JPEG", "jpg", "image/jpeg")
    assert len(stored.getexif()) == 0 and not stored.getexif().get_ifd(0x8825)
    assert not {"exif", "xmp", "comment"} & stored.info.keys()
    for secret in (b"Exif", b"nha-rieng", b"ghi-chu-rieng", "phóng viên".encode()):
        assert secret not in raw
    assert stored.size == (64, 32)
    assert_colour(stored.getpixel((8, 16)), RED)
    assert_colour(stored.getpixel((56, 16)), BLUE)


def test_exif_orientation_is_applied_then_dropped(app):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show rotated 90° clockwise
    data = encoded(two_colours(60, 30), "JPEG", exif=exif)

    media = store_image(data, "doc.jpg", app.config["MEDIA_DIR"], None)

    stored = reopen(app, media)
    assert (media.width, media.height) == stored.size == (30, 60)
    assert_colour(stored.getpixel((15, 5)), RED)  # the left edge is now on top
    assert_colour(stored.getpixel((15, 55)), BLUE)
    assert 0x0112 not in stored.getexif()


def test_png_with_transparency_stays_png_without_its_text_chunks(app):
    image = two_colours(mode="RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 16, 32))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}
    info = PngInfo()
    info.add_text("Comment", "dia-chi-rieng")

    media = store_image(encoded(image, "PNG", pnginfo=info, exif=exif), "logo.png", app.config["MEDIA_DIR"], None)

    stored = reopen(app, media)
    raw = (Path(app.config["MEDIA_DIR"]) / media.filename).read_bytes()
    assert (stored.format, stored.mode, media.content_type) == ("PNG", "RGBA", "image/png")
    assert stored.getpixel((4, 4))[3] == 0
    assert stored.getpixel((24, 4)) == (*RED, 255)
    assert b"dia-chi-rieng" not in raw and b"eXIf" not in raw and "exif" not in stored.info


def test_png_whose_alpha_hides_nothing_becomes_jpeg(app):
    data = encoded(two_colours(mode="RGBA"), "PNG")

    media = store_image(data, "chup-man-hinh.png", app.config["MEDIA_DIR"], None)

    assert media.extension == "jpg" and reopen(app, media).mode == "RGB"


def animated(fmt: str) -> bytes:
    """Two frames, red then blue."""
    red, blue = Image.new("RGB", (40, 30), RED), Image.new("RGB", (40, 30), BLUE)
    return encoded(red, fmt, save_all=True, append_images=[blue], duration=100, loop=0)


@pytest.mark.parametrize(
    ("build", "frames"),
    [
        pytest.param(lambda: encoded(two_colours(), "WEBP", quality=95), 1, id="webp"),
        pytest.param(lambda: animated("GIF"), 2, id="animated-gif"),
        pytest.param(lambda: animated("WEBP"), 2, id="animated-webp"),
        pytest.param(lambda: animated("PNG"), 2, id="animated-png"),
        pytest.param(lambda: animated("MPO"), 2, id="camera-mpo-jpeg"),
    ],
)
def test_other_accepted_formats_keep_their_first_frame(app, build, frames):
    data = build()
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == frames

    media = store_image(data, "anh", app.config["MEDIA_DIR"], None)

    stored = reopen(app, media)
    assert getattr(stored, "n_frames", 1) == 1 and media.extension == "jpg"
    assert_colour(stored.getpixel((4, 4)), RED)


def test_16_bit_greyscale_png_is_scaled_not_clipped(app):
    image = Image.new("I;16", (4, 4), 32768)  # mid grey; a plain convert would clip it to white

    media = store_image(encoded(image, "PNG"), "xam.png", app.config["MEDIA_DIR"], None)

    assert_colour(reopen(app, media).getpixel((1, 1)), (128, 128, 128))


def test_payload_after_the_image_data_is_not_stored(app):
    data = encoded(two_colours(), "GIF") + b"<script>alert(1)</script>"

    media = store_image(data, "anh.gif", app.config["MEDIA_DIR"], None)

    assert all(b"<script" not in path.read_bytes() for path in stored_files(app))
    assert media.extension == "jpg"


# --- refused uploads ----------------------------------------------------------------------


def zipped_jpeg() -> bytes:
    """A zip archive holding a JPEG, as if renamed to .jpg."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", encoded(two_colours(), "JPEG"))
    return buffer.getvalue()


def assert_refused(app, data: bytes, name: str, message: str | None) -> None:
    """The upload raises MediaError (with the message, if given) and leaves no file or row."""
    with pytest.raises(MediaError) as refused:
        store_image(data, name, app.config["MEDIA_DIR"], None)
    if message:
        assert str(refused.value) == message
    assert stored_files(app) == []
    assert media_rows() == 0


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("build", "name"),
    [
        pytest.param(lambda: "Không phải ảnh.\n".encode(), "photo.jpg", id="text-named-jpg"),
        pytest.param(lambda: SVG, "logo.svg", id="svg-onload"),
        pytest.param(lambda: b'<?xml version="1.0"?>\n' + SVG, "logo.png", id="svg-named-png"),
        pytest.param(lambda: HTML, "trang.jpg", id="html"),
        pytest.param(lambda: PDF, "van-ban.pdf", id="pdf"),
        pytest.param(zipped_jpeg, "photo.jpg", id="zip-renamed-jpg"),
        pytest.param(lambda: encoded(two_colours(), "BMP"), "anh.jpg", id="bmp"),
        pytest.param(lambda: encoded(two_colours(), "TIFF"), "anh.jpg", id="tiff"),
        pytest.param(lambda: encoded(two_colours(), "ICO"), "anh.png", id="ico"),
        pytest.param(lambda: b"", "rong.jpg", id="empty"),
    ],
)
def test_anything_but_the_four_formats_is_refused_by_content(app, build, name):
    assert_refused(app, build(), name, "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_file_cut_in_half_is_refused(app, fmt):
    data = encoded(Image.effect_noise((400, 300), 60).convert("RGB"), fmt)

    assert_refused(app, data[: len(data) // 2], "anh", None)


def test_truncated_jpeg_gets_the_damaged_file_message(app):
    data = encoded(Image.effect_noise((400, 300), 60).convert("RGB"), "JPEG")

    assert_refused(app, data[: len(data) // 2], "anh.jpg", intake.BROKEN)


def test_intake_fails_closed_if_pillow_accepts_truncated_files(app, monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)

    with pytest.raises(RuntimeError):
        store_image(encoded(two_colours(), "PNG"), "anh.png", app.config["MEDIA_DIR"], None)
    assert stored_files(app) == []


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(8000, 6000, id="48MP-over-our-limit"),
        pytest.param(10000, 10000, id="100MP-pillow-warning"),
        pytest.param(20000, 20000, id="400MP-pillow-error"),
    ],
)
def test_pixel_bomb_is_refused_before_decoding(app, monkeypatch, width, height):
    decoded = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image.size) or load(image))
    bomb = png_bomb(width, height)
    assert len(bomb) < 200_000

    assert_refused(app, bomb, "bom.png", intake.TOO_MANY_PIXELS)

    assert decoded == []
    store_image(encoded(two_colours(), "PNG"), "nho.png", app.config["MEDIA_DIR"], None)
    assert decoded and set(decoded) == {(64, 32)}  # the spy does see decoding


@pytest.mark.parametrize(("width", "height"), [(1, 100_000), (100_000, 1), (20, 1000), (17_000, 1000)])
def test_absurd_shape_is_refused(app, width, height):
    assert_refused(app, encoded(Image.new("L", (width, height)), "PNG"), "soi-chi.png", intake.ODD_SHAPE)


# --- names, variants, size ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "stored_size", "variants"),
    [((1600, 900), (1600, 900), [480, 960]), ((300, 200), (300, 200), []), ((2400, 600), (1920, 480), [480, 960])],
)
def test_wide_images_get_narrower_variants(app, size, stored_size, variants):
    media = store_image(encoded(two_colours(*size), "JPEG"), "rong.jpg", app.config["MEDIA_DIR"], None)

    assert (media.width, media.height) == reopen(app, media).size == stored_size
    assert media.widths == variants
    assert len(stored_files(app)) == 1 + len(variants)
    for width in variants:
        assert reopen(app, media, width).size == (width, round(stored_size[1] * width / stored_size[0]))


def test_stored_names_are_random_and_never_contain_the_original_name(app):
    data = encoded(two_colours(1600, 900), "JPEG")

    first = store_image(data, "tin-nong-ha-noi.jpg", app.config["MEDIA_DIR"], None)
    second = store_image(data, "tin-nong-ha-noi.jpg", app.config["MEDIA_DIR"], None)

    assert first.stem != second.stem and first.sha256 == second.sha256
    names = [path.name for path in stored_files(app)]
    assert len(names) == 6
    for name in names:
        assert STORED_NAME.match(name) and STORED_NAME.match(name)[1] in {first.stem, second.stem}
        assert "tin-nong" not in name
    assert first.original_name == "tin-nong-ha-noi.jpg"


def test_original_name_keeps_no_folder_or_control_characters(app):
    name = "C:\\fakepath\\ảnh\u202egpj.exe\r\n"

    media = store_image(encoded(two_colours(), "PNG"), name, app.config["MEDIA_DIR"], None)

    assert media.original_name == "ảnhgpj.exe"


def test_files_are_removed_when_the_row_cannot_be_saved(app, monkeypatch):
    def broken_flush():
        raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(db.session, "flush", broken_flush)

    with pytest.raises(sa.exc.OperationalError):
        store_image(encoded(two_colours(1600, 900), "JPEG"), "anh.jpg", app.config["MEDIA_DIR"], None)
    assert stored_files(app) == []


@pytest.mark.parametrize(("size", "refused"), [(0, False), (10 * 1024 * 1024, False), (10 * 1024 * 1024 + 1, True)])
def test_check_size_refuses_files_over_the_limit(size, refused):
    if refused:
        with pytest.raises(MediaError, match="Tệp quá lớn"):
            check_size(size, 10)
    else:
        check_size(size, 10)
