"""The pictures' `sizes` say the width the layout really gives them, at 360, 768 and 1280 px,
so a phone downloads a variant for its screen and not the full picture."""

from datetime import timedelta

import pytest

from portal.extensions import db
from tests.factories import make_article, make_category, make_image

# For each picture: the width its `sizes` announces (first media condition that matches,
# its length measured by the browser) and the width it is drawn at.
MEASURE = """() => [...document.querySelectorAll('img[sizes]')].filter(img => img.offsetParent).map(img => {
  const entries = img.getAttribute('sizes').split(/,(?![^(]*\\))/).map(s => s.trim());
  let length = entries[entries.length - 1];
  for (const entry of entries.slice(0, -1)) {
    const cut = entry.lastIndexOf(')') + 1;
    if (window.matchMedia(entry.slice(0, cut)).matches) { length = entry.slice(cut).trim(); break; }
  }
  const probe = document.createElement('div');
  probe.style.width = length.startsWith('calc') ? length : `calc(${length})`;
  document.body.appendChild(probe);
  const announced = probe.getBoundingClientRect().width;
  probe.remove();
  return {src: img.currentSrc, announced, drawn: img.getBoundingClientRect().width};
})"""


@pytest.fixture
def pages(live_app, live_server, clock):
    news = make_category("Tin tức")
    for n in range(5):
        make_article(f"Tin có ảnh số {n}", news, now=clock() - timedelta(hours=n), featured=n < 3, image=make_image())
    article = make_article("Bài có ảnh lớn", news, now=clock(), image=make_image(2000, 1333))
    db.session.commit()
    base = live_server
    return [f"{base}/", f"{base}/{news.slug}/", f"{base}/{news.slug}/{article.slug}-{article.id}.html"]


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_sizes_match_the_drawn_width(page, pages, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url in pages:
        page.goto(url)
        pictures = page.evaluate(MEASURE)
        assert pictures, url
        for picture in pictures:
            assert abs(picture["announced"] - picture["drawn"]) <= max(8, picture["drawn"] * 0.06), (url, picture)
