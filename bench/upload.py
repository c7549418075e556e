"""Time and memory of storing the worst image uploads (store_image), next to a reference decode.

Usage: .venv/bin/python bench/upload.py [--runs 3] [--only WORD]

Builds each case once in a temporary directory, then stores it `--runs` times, each time in a
fresh Python process (a testing app, SQLite in memory), which reports the wall time of
store_image and how far its peak resident memory (VmHWM) rose above its resident memory just
before the call. The reference, measured the same way in the same run, is Image.open + load of
a 12 MP JPEG; "x ref" is a case's median time over the reference's. Exit status: 0 after a
measurement, 1 on an error (a case that failed other than by MediaError included).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402

from portal.content import media  # noqa: E402

MB = 1024 * 1024
REFERENCE = "reference: open+load 12 MP JPEG"


class BenchError(Exception):
    """A failure that ends the benchmark with a message."""


# --- the cases ----------------------------------------------------------------------------


def photo(width: int, height: int) -> Image.Image:
    """A photo-like RGB image: gradients under a blurred grain (compresses like a real photo)."""
    size = (width, height)
    grain = Image.effect_noise((max(1, width // 8), max(1, height // 8)), 64).resize(size, Image.Resampling.BILINEAR)
    return Image.merge("RGB", (grain, Image.linear_gradient("L").resize(size), Image.radial_gradient("L").resize(size)))


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    """The image saved in the format, as bytes."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def turned(jpeg: bytes) -> bytes:
    """The JPEG with an EXIF segment saying the camera was turned (orientation 6)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    payload = b"Exif\x00\x00" + exif.tobytes()
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def see_through(width: int, height: int) -> Image.Image:
    """A noisy photo whose alpha fades from transparent to opaque (the slowest PNG to encode)."""
    image = photo(width, height).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").rotate(90).resize((width, height)))
    return image


def flat_rgb(width: int, height: int) -> Image.Image:
    """Smooth RGB gradients only: a large image in a small file."""
    size = (width, height)
    bands = (Image.linear_gradient("L"), Image.radial_gradient("L"), Image.linear_gradient("L").rotate(90))
    return Image.merge("RGB", [band.resize(size) for band in bands])


CASES: dict[str, Callable[[], bytes]] = {
    "48 MP JPEG, 8000x6000": lambda: encoded(photo(8000, 6000), "JPEG", quality=85),
    "48 MP JPEG, turned (EXIF 6)": lambda: turned(encoded(photo(8000, 6000), "JPEG", quality=85)),
    "12 MP progressive JPEG": lambda: encoded(photo(4000, 3000), "JPEG", quality=85, progressive=True),
    "48 MP progressive JPEG": lambda: encoded(photo(8000, 6000), "JPEG", quality=85, progressive=True),
    "16384x546 JPEG (ratio 30.007)": lambda: encoded(photo(16384, 546), "JPEG", quality=85),
    "16384x547 JPEG": lambda: encoded(photo(16384, 547), "JPEG", quality=85),
    "1080x8000 JPEG infographic": lambda: encoded(photo(1080, 8000), "JPEG", quality=85),
    "6300x6300 16-bit PNG of zeros": lambda: encoded(Image.new("I;16", (6300, 6300)), "PNG", optimize=True),
    "40 MP PNG, 7300x5479 gradients": lambda: encoded(flat_rgb(7300, 5479), "PNG"),
    "12 MP PNG, 4000x3000": lambda: encoded(photo(4000, 3000), "PNG"),
    "2400x1800 PNG with alpha": lambda: encoded(see_through(2400, 1800), "PNG"),
    "2000x2000 WebP": lambda: encoded(photo(2000, 2000), "WEBP", quality=80),
    # The largest of each kind that DECODE_BUDGET admits (about 4:3).
    "largest: 80 MP greyscale PNG": lambda: encoded(photo(10320, 7740).convert("L"), "PNG"),
    "largest: 20 MP PNG with alpha": lambda: encoded(see_through(5180, 3880), "PNG"),
    "largest: 16 MP GIF": lambda: encoded(photo(4640, 3480).quantize(256), "GIF"),
    "largest: 25 MP progressive JPEG": lambda: encoded(photo(5780, 4330), "JPEG", quality=85, progressive=True),
    "largest: 6 MP WebP": lambda: encoded(photo(2890, 2170), "WEBP", quality=80),
}


# --- one measurement, in a child process --------------------------------------------------


def status_bytes(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in bytes."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field))


def child_reference(path: Path) -> dict:
    """Open and fully decode the file: what any intake of it costs at the least."""
    data = path.read_bytes()
    before, started = status_bytes("VmRSS:"), time.perf_counter()
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        result = f"{image.width}x{image.height} decoded"
    return {"seconds": time.perf_counter() - started, "growth": status_bytes("VmHWM:") - before, "result": result}


def child_store(path: Path) -> dict:
    """Store the file with store_image in a testing app, as an upload would."""
    from portal import create_app
    from portal.extensions import db

    data = path.read_bytes()
    with tempfile.TemporaryDirectory() as media_dir:
        app = create_app({"MEDIA_DIR": media_dir})
        with app.app_context():
            db.create_all()
            before, started = status_bytes("VmRSS:"), time.perf_counter()
            try:
                stored = media.store_image(data, path.name, media_dir, None)
                result = f"{stored.width}x{stored.height} {stored.extension}"
            except media.MediaError as error:
                result = f"refused: {str(error)[:38]}..."
            seconds, growth = time.perf_counter() - started, status_bytes("VmHWM:") - before
    return {"seconds": seconds, "growth": growth, "result": result}


def measure(path: Path, reference: bool) -> dict:
    """Run one measurement in a fresh Python process and return its figures."""
    command = [sys.executable, __file__, "--child-reference" if reference else "--child", str(path)]
    child = subprocess.run(command, capture_output=True, text=True, cwd=REPO)  # noqa: S603  (our own fixed command)
    if child.returncode != 0:
        raise BenchError(f"{path.name}: the measuring process failed:\n{child.stderr[-2000:]}")
    return json.loads(child.stdout)


# --- the report ---------------------------------------------------------------------------


def run_case(label: str, path: Path, runs: int, reference: bool = False) -> dict:
    """Measure a case `runs` times; median time, largest peak growth."""
    results = [measure(path, reference) for _ in range(runs)]
    return {
        "label": label,
        "file": path.stat().st_size,
        "result": results[-1]["result"],
        "seconds": statistics.median(r["seconds"] for r in results),
        "growth": max(r["growth"] for r in results),
    }


def print_row(row: dict, reference_seconds: float) -> None:
    """One line of the table."""
    ratio = row["seconds"] / reference_seconds
    print(
        f"{row['label']:32} {row['file'] / MB:6.2f} MB  {row['result']:50} "
        f"{row['seconds']:6.2f} s {ratio:6.1f}  {row['growth'] / MB:6.1f} MB"
    )


def build_cases(folder: Path, only: str | None) -> dict[str, Path]:
    """Write the reference and the selected cases into the folder; return their paths."""
    chosen = {label: build for label, build in CASES.items() if not only or only.lower() in label.lower()}
    if not chosen:
        raise BenchError(f"no case matches {only!r}")
    paths = {}
    for number, (label, build) in enumerate(
        {REFERENCE: lambda: encoded(photo(4000, 3000), "JPEG", quality=85), **chosen}.items()
    ):
        paths[label] = folder / f"case-{number:02}"
        paths[label].write_bytes(build())
    return paths


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per case (default: 3)")
    parser.add_argument("--only", help="only the cases whose label contains this word")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-reference", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Build the cases, measure them, print the table; return the exit status."""
    args = parse_args(argv)
    if args.child or args.child_reference:
        print(json.dumps(child_store(args.child) if args.child else child_reference(args.child_reference)))
        return 0
    print(
        f"store_image, {args.runs} fresh processes per case; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; "
        f"MAX_PIXELS {media.MAX_PIXELS / 1e6:.0f} MP, DECODE_BUDGET {media.DECODE_BUDGET / MB:.0f} MB"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="bench-upload-") as folder:
            started = time.perf_counter()
            paths = build_cases(Path(folder), args.only)
            print(f"built {len(paths)} files in {time.perf_counter() - started:.1f} s\n")
            print(f"{'case':32} {'file':>9}  {'result':50} {'median':>8} {'x ref':>6}  {'peak RSS +':>9}")
            reference = run_case(REFERENCE, paths.pop(REFERENCE), args.runs, reference=True)
            print_row(reference, reference["seconds"])
            for label, path in paths.items():
                print_row(run_case(label, path, args.runs), reference["seconds"])
    except BenchError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
