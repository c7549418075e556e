"""Illustrations for the demo articles, drawn with Pillow (no photo files to ship)."""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800

# (sky top, sky bottom, ground, accent) for each of the eight themes.
PALETTES = [
    ((40, 60, 110), (120, 140, 190), (150, 40, 40), (240, 200, 80)),  # meeting hall
    ((120, 190, 235), (220, 240, 250), (90, 160, 60), (200, 180, 60)),  # rice fields
    ((110, 170, 230), (210, 230, 250), (170, 140, 100), (230, 120, 40)),  # school
    ((90, 110, 130), (170, 180, 190), (80, 120, 140), (220, 220, 230)),  # river, flood
    ((250, 150, 90), (255, 220, 160), (120, 60, 90), (250, 60, 60)),  # festival
    ((150, 200, 230), (235, 245, 250), (200, 210, 215), (40, 150, 120)),  # clinic
    ((140, 190, 240), (230, 240, 250), (110, 110, 110), (250, 250, 250)),  # road
    ((100, 160, 220), (220, 235, 250), (120, 150, 90), (200, 40, 40)),  # town office
]


def _gradient(draw: ImageDraw.ImageDraw, top: tuple, bottom: tuple, height: int) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def draw_picture(theme: int, seed: int = 0) -> bytes:
    """Return a JPEG landscape in the theme's colours; the seed varies the details."""
    rng = random.Random(theme * 1000 + seed)
    sky_top, sky_bottom, ground, accent = PALETTES[theme % len(PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(430, 520)
    _gradient(draw, sky_top, sky_bottom, horizon)
    sun_x = rng.randint(150, 1050)
    draw.ellipse([sun_x - 60, 80, sun_x + 60, 200], fill=(255, 236, 160))
    for _ in range(3):  # distant hills
        x = rng.randint(-200, 1000)
        draw.ellipse(
            [x, horizon - rng.randint(80, 160), x + rng.randint(400, 700), horizon + 200],
            fill=tuple(max(0, c - 30) for c in ground),
        )
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=ground)
    for row in range(6):  # furrows or paving
        y = horizon + 30 + row * 50
        draw.line([(0, y), (WIDTH, y + rng.randint(-20, 20))], fill=tuple(min(255, c + 25) for c in ground), width=6)
    for _ in range(rng.randint(2, 4)):  # buildings with roofs
        x = rng.randint(40, 1000)
        w, h = rng.randint(120, 220), rng.randint(110, 220)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=(235, 228, 210), outline=(90, 80, 70), width=3)
        draw.polygon([(x - 15, horizon - h), (x + w // 2, horizon - h - 60), (x + w + 15, horizon - h)], fill=accent)
        for wx in range(x + 20, x + w - 30, 45):
            draw.rectangle([wx, horizon - h + 30, wx + 25, horizon - h + 60], fill=(90, 120, 160))
    flag_x = rng.randint(100, 1100)
    draw.line([(flag_x, horizon), (flag_x, horizon - 260)], fill=(70, 70, 70), width=6)
    draw.rectangle([flag_x, horizon - 260, flag_x + 90, horizon - 200], fill=(218, 37, 29))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
