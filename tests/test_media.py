"""Image intake: type by content, pixel limits, metadata stripping, variants and names."""

import io
import json
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image, ImageChops, ImageCms, ImageFile
from PIL.PngImagePlugin import PngInfo

from portal.content import media as intake
from portal.content.media import MediaError, Pruned, check_size, prune_unused_media, store_image
from portal.extensions import db
from portal.models import ArticleRevision, Autosave, Media
from tests.factories import make_article, make_user

REPO = Path(__file__).resolve().parent.parent

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


def png_bomb(width: int, height: int, bits: int = 1) -> bytes:
    """A valid greyscale PNG of zeros (1 or 16 bits): kBs on disk, width x height pixels decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = bytes(1 + (width * bits + 7) // 8)  # filter byte + packed samples
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row * 500) for _ in range(height // 500))
    idat += packer.compress(row * (height % 500)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def spy_on_decoding(monkeypatch) -> list[tuple[int, int]]:
    """The sizes at which Pillow decodes images from now on (a JPEG in draft mode decodes smaller)."""
    decoded: list[tuple[int, int]] = []
    load = ImageFile.ImageFile.load

    def spied_load(image):
        if image.tile:  # pixels still to decode (later calls return the decoded frame)
            decoded.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spied_load)
    return decoded


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


def test_rgb_colour_profile_is_kept_in_every_stored_file(app):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(two_colours(2400, 1200), "JPEG", icc_profile=profile)  # shrunk, then two variants

    media = store_image(data, "anh.jpg", app.config["MEDIA_DIR"], None)

    assert media.widths == [480, 960]
    for width in (None, *media.widths):
        assert reopen(app, media, width).info.get("icc_profile") == profile


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
    ("width", "height", "message"),
    [
        pytest.param(8000, 6000, intake.TOO_BIG_TO_DECODE, id="48MP-png-over-the-memory-budget"),
        pytest.param(10000, 10000, intake.TOO_MANY_PIXELS, id="100MP-over-our-limit"),
        pytest.param(20000, 20000, intake.TOO_MANY_PIXELS, id="400MP-pillow-error"),
    ],
)
def test_pixel_bomb_is_refused_before_decoding(app, monkeypatch, width, height, message):
    decoded = spy_on_decoding(monkeypatch)
    bomb = png_bomb(width, height)
    assert len(bomb) < 200_000

    assert_refused(app, bomb, "bom.png", message)

    assert decoded == []
    store_image(encoded(two_colours(), "PNG"), "nho.png", app.config["MEDIA_DIR"], None)
    assert decoded and set(decoded) == {(64, 32)}  # the spy does see decoding


def test_small_file_that_decodes_huge_is_refused_before_decoding(app, monkeypatch):
    decoded = spy_on_decoding(monkeypatch)
    bomb = png_bomb(6300, 6300, bits=16)  # the lead image: 80 MB of 16-bit pixels
    assert len(bomb) < 400_000 and Image.open(io.BytesIO(bomb)).mode == "I;16"

    started = time.perf_counter()
    assert_refused(app, bomb, "anh-bia.png", intake.TOO_BIG_TO_DECODE)

    assert decoded == [] and time.perf_counter() - started < 0.5


def with_frame_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header (SOF) claiming another size; the scan data stays as it was."""
    at = 2
    while jpeg[at + 1] not in (0xC0, 0xC2):  # skip the segments before the baseline or progressive SOF
        at += 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big")
    return jpeg[: at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9 :]


def test_large_progressive_jpeg_is_refused_before_decoding(app, monkeypatch):
    # libjpeg holds every coefficient of a progressive JPEG (2 bytes each), even in draft mode.
    small = encoded(two_colours(), "JPEG", progressive=True)
    header_only = with_frame_size(small, 8000, 6000)  # 48 MP by its header: 144 MB of coefficients
    decoded = spy_on_decoding(monkeypatch)

    assert_refused(app, header_only, "anh.jpg", intake.TOO_BIG_TO_DECODE)

    assert decoded == []


@pytest.mark.parametrize(("width", "height"), [(1, 100_000), (100_000, 1), (20, 1000), (17_000, 1000)])
def test_absurd_shape_is_refused(app, width, height):
    assert_refused(app, encoded(Image.new("L", (width, height)), "PNG"), "soi-chi.png", intake.ODD_SHAPE)


# --- large photos: time and memory -----------------------------------------------------

# A 48 MP phone photo: smooth gradients under a blurred grain, about 7 MB as JPEG (quality 85).
PHOTO_SCRIPT = """
import sys
from PIL import Image

size = (8000, 6000)
grain = Image.effect_noise((1000, 750), 64).resize(size, Image.Resampling.BILINEAR)
photo = Image.merge("RGB", (grain, Image.linear_gradient("L").resize(size), Image.radial_gradient("L").resize(size)))
photo.save(sys.stdout.buffer, "JPEG", quality=85)
"""

# Stores the JPEG read from stdin in a fresh app and prints the time and the growth of peak memory.
UPLOAD_SCRIPT = """
import json, sys, tempfile, time
from portal import create_app
from portal.content.media import store_image
from portal.extensions import db

def status_bytes(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field))

data = sys.stdin.buffer.read()
with tempfile.TemporaryDirectory() as media_dir:
    app = create_app({"MEDIA_DIR": media_dir})
    with app.app_context():
        db.create_all()
        before, started = status_bytes("VmRSS:"), time.perf_counter()
        media = store_image(data, "anh.jpg", media_dir, None)
        seconds, growth = time.perf_counter() - started, status_bytes("VmHWM:") - before
print(json.dumps({"seconds": seconds, "peak_growth": growth, "size": [media.width, media.height]}))
"""


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    """An 8000 x 6000 JPEG, built in a child process so that its 190 MB of pixels are not ours."""
    return subprocess.run([sys.executable, "-c", PHOTO_SCRIPT], capture_output=True, check=True).stdout


def with_orientation(jpeg: bytes, orientation: int) -> bytes:
    """The JPEG with an EXIF segment saying how the camera was turned, pixels untouched."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    payload = b"Exif\x00\x00" + exif.tobytes()
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


@pytest.mark.parametrize(
    ("orientation", "decoded_size", "stored_size"),
    [
        pytest.param(1, (2000, 1500), (1920, 1440), id="landscape-decoded-at-a-quarter"),
        pytest.param(6, (4000, 3000), (1920, 2560), id="turned-decoded-at-half"),
    ],
)
def test_48_megapixel_phone_photo_is_stored_in_under_two_seconds(
    app, monkeypatch, phone_photo, orientation, decoded_size, stored_size
):
    data = with_orientation(phone_photo, orientation)
    assert len(data) < 10 * 1024 * 1024  # within the upload limit, like a real one
    decoded = spy_on_decoding(monkeypatch)

    started = time.perf_counter()
    media = store_image(data, "dien-thoai.jpg", app.config["MEDIA_DIR"], None)

    assert time.perf_counter() - started < 2
    assert decoded == [decoded_size]  # libjpeg's draft mode: never the 192 MB of the full frame
    assert (media.width, media.height) == reopen(app, media).size == stored_size
    assert media.widths == [480, 960]


def test_48_megapixel_phone_photo_needs_a_fraction_of_the_memory_budget(phone_photo):
    # Pillow allocates pixels with malloc, out of tracemalloc's sight: measure a fresh process.
    child = subprocess.run(
        [sys.executable, "-c", UPLOAD_SCRIPT], input=phone_photo, capture_output=True, check=True, cwd=REPO
    )
    result = json.loads(child.stdout)

    assert result["size"] == [1920, 1440]
    assert result["peak_growth"] < intake.DECODE_BUDGET / 2, result
    assert result["seconds"] < 2, result


def stripes_and_gradients(size: tuple[int, int], mode: str) -> Image.Image:
    """One-pixel stripes in L and G (what a band's edge would blur wrongly), gradients elsewhere."""
    width, height = size
    stripes = Image.frombytes("L", size, (bytes([96]) * width + bytes([160]) * width) * (height // 2))
    bands = {"L": stripes, "R": Image.radial_gradient("L"), "G": stripes, "B": Image.linear_gradient("L")}
    bands["A"] = Image.linear_gradient("L").rotate(90)  # from transparent to opaque
    return Image.merge(mode, [bands[band].resize(size) for band in mode])


def largest_difference(first: Image.Image, second: Image.Image) -> int:
    """The largest difference between the two images in any band."""
    extrema = ImageChops.difference(first, second).getextrema()
    return max(high for _, high in (extrema if isinstance(extrema[0], tuple) else [extrema]))


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "LA"])
@pytest.mark.parametrize(
    ("size", "new_size"), [((900, 700), (300, 233)), ((500, 2000), (480, 1920)), ((3000, 400), (1920, 256))]
)
def test_shrinking_band_by_band_matches_shrinking_at_once(mode, size, new_size):
    image = stripes_and_gradients(size, mode)

    banded = intake._shrunk(image, new_size)

    at_once = image.resize(new_size, Image.Resampling.LANCZOS)  # Pillow premultiplies alpha too
    assert banded.mode == mode and banded.size == new_size
    visible = intake.PREMULTIPLIED.get(mode, mode)  # the colour of a see-through pixel does not show
    assert largest_difference(banded.convert(visible), at_once.convert(visible)) <= 3  # rounding only


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


# --- unused uploads -----------------------------------------------------------------------


def uploaded(app, clock, hours_ago: float) -> Media:
    """A stored image (full size and two variants) uploaded that many hours before the clock's now."""
    media = store_image(encoded(two_colours(1600, 900), "JPEG"), "anh.jpg", app.config["MEDIA_DIR"], None)
    media.created_at = clock() - timedelta(hours=hours_ago)
    return media


def files_of(app, media: Media) -> list[Path]:
    """The stored files of the image that still exist."""
    return [path for path in stored_files(app) if path.name.startswith(media.stem)]


def test_prune_deletes_old_images_nothing_uses_with_all_their_files(app, clock):
    abandoned = uploaded(app, clock, hours_ago=25)  # the article was never saved
    recent = uploaded(app, clock, hours_ago=2)  # its author may still be at work
    lead, revised, in_body, in_autosave = (uploaded(app, clock, hours_ago=200) for _ in range(4))
    article = make_article(image_id=lead.id, body_html=f'<p><img src="/media/{in_body.stem}-960.jpg"></p>')
    db.session.add(ArticleRevision(article_id=article.id, version=1, title=article.title, image_id=revised.id))
    body = f'<img src="https://tin.example/media/{in_autosave.stem}.jpg">'
    db.session.add(Autosave(user_id=make_user().id, data=json.dumps({"body": body})))
    assert len(files_of(app, abandoned)) == 3

    pruned = prune_unused_media(app.config["MEDIA_DIR"], timedelta(hours=24), clock())

    assert pruned == Pruned(images=1, stray_files=0)
    assert db.session.get(Media, abandoned.id) is None and files_of(app, abandoned) == []
    for kept in (recent, lead, revised, in_body, in_autosave):
        assert db.session.get(Media, kept.id) is kept and len(files_of(app, kept)) == 3


def test_prune_deletes_old_files_that_no_row_names(app, clock):
    media_dir = Path(app.config["MEDIA_DIR"])
    stray = [media_dir / f"{'a' * 32}.jpg", media_dir / f"{'a' * 32}-480.jpg", media_dir / f"{'b' * 32}.png"]
    recent_stray, not_ours = media_dir / f"{'c' * 32}.jpg", media_dir / "ghi-chu.txt"
    for path, hours_ago in [*((path, 30) for path in stray), (recent_stray, 1), (not_ours, 1000)]:
        path.write_bytes(b"x")
        moment = (clock() - timedelta(hours=hours_ago)).timestamp()
        os.utime(path, (moment, moment))
    kept = uploaded(app, clock, hours_ago=1)

    pruned = prune_unused_media(str(media_dir), timedelta(hours=24), clock())

    assert pruned == Pruned(images=0, stray_files=3)
    assert not any(path.exists() for path in stray)
    assert recent_stray.exists() and not_ours.exists() and len(files_of(app, kept)) == 3


def test_prune_media_command_commits_and_reports(app, runner, clock):
    abandoned = uploaded(app, clock, hours_ago=3)
    db.session.commit()

    kept = runner.invoke(args=["prune-media"])
    result = runner.invoke(args=["prune-media", "--hours", "2"])

    assert kept.exit_code == 0 and "Đã xóa 0 ảnh" in kept.output
    assert result.exit_code == 0 and "Đã xóa 1 ảnh" in result.output
    db.session.expire_all()
    assert media_rows() == 0 and files_of(app, abandoned) == []
