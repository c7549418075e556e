"""Vietnamese slugs."""

import pytest
from flask import Blueprint, Flask

from portal.content.slugs import RESERVED_SLUGS, category_slug, slugify, unique_slug
from portal.web.routes import route_segments


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Sở Thông tin và Truyền thông", "so-thong-tin-va-truyen-thong"),
        ("Đường giao thông nông thôn Đại Lộc", "duong-giao-thong-nong-thon-dai-loc"),
        ("ĐẮK LẮK", "dak-lak"),
        (
            "UBND tỉnh làm việc với Sở TT&TT về chương trình kế hoạch năm 2018",
            "ubnd-tinh-lam-viec-voi-so-tt-tt-ve-chuong-trinh-ke-hoach-nam-2018",
        ),
        ("  Hội nghị -- tổng kết!!! (lần 2)  ", "hoi-nghi-tong-ket-lan-2"),
        ("Lễ hội 🎉 mùa xuân 🌸", "le-hoi-mua-xuan"),
        ("Nghị định 09/2017/NĐ-CP", "nghi-dinh-09-2017-nd-cp"),
        ("So\u0302\u0309 Tho\u0302ng tin", "so-thong-tin"),  # typed decomposed
    ],
)
def test_slugify_folds_vietnamese_to_ascii(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["!!!", "🎉🌸", "", "   ", "—…—", "中文标题"])
def test_title_without_latin_letters_gets_a_fallback_slug(title):
    assert slugify(title) == "bai-viet"


def test_long_titles_are_cut_at_a_word_boundary():
    slug = slugify("Thông báo " * 30)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("thong-bao-thong-bao")


def test_duplicate_titles_get_numbered_slugs():
    taken = {"hop-dan", "hop-dan-2"}
    assert unique_slug("hop-dan", taken.__contains__) == "hop-dan-3"
    assert unique_slug("hop-xom", taken.__contains__) == "hop-xom"


def test_category_slugs_avoid_reserved_paths():
    for reserved in ("admin", "login", "static", "media", "search", "rss.xml", "editor"):
        assert reserved in RESERVED_SLUGS
    assert category_slug("Admin", lambda s: False) == "admin-2"
    assert category_slug("Tìm kiếm", lambda s: False) == "tim-kiem-2"


def test_every_first_path_segment_of_the_routes_is_reserved(app):
    """A blueprint whose prefix is missing from RESERVED_SLUGS could be shadowed by a category."""
    assert route_segments(app) - RESERVED_SLUGS == set()


def test_route_segments_see_a_new_blueprints_prefix():
    extra = Blueprint("extra", __name__, url_prefix="/bao-cao")
    extra.get("/tong-hop")(lambda: "")
    app = Flask(__name__)
    app.register_blueprint(extra)
    assert route_segments(app) == {"bao-cao", "static"}
    assert "bao-cao" not in RESERVED_SLUGS  # so the test above would fail for it
