"""The NukeViet import: an old site in MariaDB comes over, readers find it, a second run changes nothing."""

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.content.nukeviet.importer import NukevietError, Options, import_site
from portal.content.nukeviet.mapping import article_status, expiry, moment, staff_role
from portal.content.nukeviet.pictures import lead_image_path, upload_path
from portal.extensions import db
from portal.links import article_url
from portal.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    Category,
    ImportedUpload,
    Media,
    Role,
    Tag,
    User,
)
from tests.factories import make_article, make_category
from tests.nukeviet_site import ADMIN_PASSWORD, article_row, detail_row, fill_town, seconds


def url_of(app, article_id: int) -> str:
    with app.test_request_context():
        return article_url(db.session.get(Article, article_id))


def run_import(app, site, clock, **options):
    report = import_site(
        Options(site.url, site.prefix, uploads=site.uploads, **options), app.config["MEDIA_DIR"], clock()
    )
    db.session.expire_all()
    return report


def counts() -> dict[str, int]:
    models = (Article, ArticleRevision, Category, Tag, User, Media, ImportedUpload)
    return {m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in models}


@pytest.fixture
def town(app, nukeviet_site, clock):
    Path(app.config["MEDIA_DIR"]).mkdir(parents=True, exist_ok=True)
    fill_town(nukeviet_site, clock())
    return nukeviet_site


# --- without a database ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (0, ArticleStatus.UNPUBLISHED),
        (1, ArticleStatus.PUBLISHED),
        (2, ArticleStatus.PUBLISHED),
        (3, ArticleStatus.PUBLISHED),
        (4, ArticleStatus.DRAFT),
        (5, ArticleStatus.PENDING),
        (6, ArticleStatus.DRAFT),
        (8, ArticleStatus.PENDING),
        (9, ArticleStatus.DRAFT),
        (13, ArticleStatus.PENDING),
    ],
)
def test_nukeviet_statuses_map_to_ours(status, expected):
    assert article_status(status) is expected


def test_expired_article_without_an_expiry_time_ends_at_its_last_edit():
    assert expiry(3, 0, 1_700_000_000) == moment(1_700_000_000)
    assert expiry(1, 0, 1_700_000_000) is None
    assert moment(0) is None


def test_staff_levels_map_to_roles():
    assert staff_role(1, False) is Role.ADMIN and staff_role(2, False) is Role.ADMIN
    assert staff_role(3, True) is Role.EDITOR and staff_role(3, False) is Role.AUTHOR
    assert staff_role(None, True) is Role.AUTHOR


@pytest.mark.parametrize(
    ("src", "path"),
    [
        ("/uploads/news/2025_03/cau-moi.jpg", "news/2025_03/cau-moi.jpg"),
        ("http://xa.gov.vn/uploads/news/a%20b.jpg?v=2", "news/a b.jpg"),
        ("uploads/news/x.png", "news/x.png"),
        ("/uploads/../etc/passwd", None),
        ("https://example.com/anh.jpg", None),
        ("/uploads/", None),
    ],
)
def test_old_picture_addresses_are_read_into_uploads_paths(src, path):
    assert upload_path(src) == path


def test_lead_images_are_relative_to_the_module_folder():
    assert lead_image_path("2025_03/a.jpg", "news") == "news/2025_03/a.jpg"
    assert lead_image_path("https://other.vn/a.jpg", "news") is None


def test_unknown_old_picture_address_is_404(client):
    assert client.get("/uploads/news/2025_03/khong-co.jpg").status_code == 404


# --- against MariaDB --------------------------------------------------------------------------


def test_import_brings_the_town_over(app, town, clock):
    report = run_import(app, town, clock)
    assert report.created["article"] == 8 and report.created["category"] == 5 and report.created["tag"] == 3
    assert report.created["user"] == 3 and report.created["picture"] == 2
    assert any(w.startswith("bài viết 107:") and "khong-con.jpg" in w for w in report.warnings)
    assert any(w.startswith("bài viết 107:") and "bia-khong-con.jpg" in w for w in report.warnings)

    child = db.session.scalar(sa.select(Category).where(Category.slug == "chinh-quyen"))
    assert child.parent.slug == "tin-tuc-su-kien" and child.description == "Hoạt động của HĐND và UBND xã"

    article = db.session.get(Article, 101)
    assert article.title == "Khánh thành cầu bê tông qua kênh Ba Xã" and article.category is child
    assert article.slug == "khanh-thanh-cau-be-tong-qua-kenh-ba-xa"
    assert (article.byline, article.source, article.view_count, article.featured) == (
        "Minh Anh",
        "Báo Nhân Dân",
        350,
        True,
    )
    assert {tag.slug for tag in article.tags} == {"nong-thon-moi", "chuyen-doi-so"}
    assert article.image is not None and article.image_alt == "Cầu bê tông kênh Ba Xã"
    assert article.body_html.count('src="/media/') == 2 and "uploads" not in article.body_html
    assert "<script" not in article.body_html and article.author.username == "quantri"
    assert article.published_at == moment(seconds(clock()) - 3 * 86_400)
    assert db.session.get(Article, 108).slug == "khanh-thanh-cau-be-tong-qua-kenh-ba-xa-108"
    assert db.session.get(Article, 102).source == "Trạm Khuyến nông"
    assert "<img" not in db.session.get(Article, 107).body_html  # its picture is gone: no empty frame

    assert db.session.get(Article, 102).published_at > clock()
    assert db.session.get(Article, 103).expires_at < clock()
    states = {i: db.session.get(Article, i).status for i in (104, 105, 106)}
    assert states == {104: ArticleStatus.DRAFT, 105: ArticleStatus.PENDING, 106: ArticleStatus.UNPUBLISHED}

    staff = {u.username: u for u in db.session.scalars(sa.select(User))}
    assert set(staff) == {"quantri", "bientap", "phongvien"}  # the reader who never wrote stays behind
    assert staff["quantri"].role is Role.ADMIN and staff["quantri"].display_name == "Trần Văn Hùng"
    assert staff["quantri"].password_hash.startswith("{SSHA}") and staff["quantri"].email == "quantri@anbinh.gov.vn"
    assert staff["bientap"].role is Role.EDITOR and staff["phongvien"].role is Role.AUTHOR
    assert db.session.get(Article, 104).author is staff["phongvien"]


def test_readers_see_imported_articles_with_their_pictures(app, town, clock, client):
    run_import(app, town, clock)
    article = db.session.get(Article, 101)
    page = client.get(url_of(app, 101))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Khánh thành cầu bê tông qua kênh Ba Xã" in html and "Minh Anh" in html
    assert f"/media/{article.image.stem}" in html
    picture = client.get(f"/media/{article.image.filename}")
    assert picture.status_code == 200 and picture.mimetype == "image/jpeg"
    assert b"May anh cua xa" not in picture.data  # the camera's EXIF stayed behind

    old = client.get("/uploads/news/2025_03/cau-moi.jpg")
    assert old.status_code == 301 and old.location.endswith(f"/media/{article.image.filename}")

    assert client.get("/tag/nong-thon-moi").get_data(as_text=True).count("Khánh thành cầu") >= 1
    assert "Khánh thành cầu" in client.get("/chinh-quyen/").get_data(as_text=True)
    assert "Hội thi nấu bánh chưng" in client.get("/tag/lễ-hội").get_data(as_text=True)  # NukeViet kept the diacritics
    for hidden in (102, 103, 104, 105, 106):  # scheduled, expired, draft, pending, suspended
        assert client.get(url_of(app, hidden)).status_code == 404
    clock.advance(days=3)
    assert client.get(url_of(app, 102)).status_code == 200  # its time came


def test_second_run_changes_nothing_and_a_third_brings_only_new_articles(app, town, clock):
    run_import(app, town, clock)
    media_files = sorted(Path(app.config["MEDIA_DIR"]).iterdir())
    before = counts()
    again = run_import(app, town, clock)
    assert sum(again.created.values()) == 0 and again.unchanged["article"] == 8
    assert counts() == before and sorted(Path(app.config["MEDIA_DIR"]).iterdir()) == media_files

    when = seconds(clock() - timedelta(hours=2))
    town.insert(
        "rows",
        [article_row(109, 4, "Mô hình nuôi tôm mới", "mo-hinh-nuoi-tom-moi", when, homeimgfile="2025_03/cau-moi.jpg")],
    )
    town.insert("detail", [detail_row(109, '<p><img src="/uploads/news/2025_03/cau-moi.jpg" /></p>')])
    later = run_import(app, town, clock)
    assert later.created["article"] == 1 and later.created["picture"] == 0  # the picture was there already
    assert db.session.get(Article, 109).image_id == db.session.get(Article, 101).image_id
    assert counts()["Article"] == before["Article"] + 1


def test_dry_run_writes_nothing(app, town, clock):
    report = run_import(app, town, clock, dry_run=True)
    assert report.dry_run and report.created["article"] == 8 and report.created["picture"] == 2
    assert counts() == dict.fromkeys(counts(), 0)
    assert list(Path(app.config["MEDIA_DIR"]).iterdir()) == []


def test_small_batches_give_the_same_result(app, town, clock):
    report = run_import(app, town, clock, batch_size=3)
    assert report.created["article"] == 8 and counts()["ArticleRevision"] == 8


def test_ids_taken_by_portal_articles_are_refused_before_any_write(app, town, clock):
    make_article("Bài viết trên cổng", make_category("Thời sự"), now=clock(), id=105)
    db.session.commit()
    before = counts()
    with pytest.raises(NukevietError, match=r"1 bài viết .*\(105\)"):
        run_import(app, town, clock)
    assert counts() == before


def test_command_prints_progress_and_summary(app, town, runner):
    result = runner.invoke(args=["import-nukeviet", town.url, "--prefix", town.prefix, "--uploads", str(town.uploads)])
    assert result.exit_code == 0, result.output
    assert "Bài viết" in result.output and "bài viết 107:" in result.output
    dry = runner.invoke(args=["import-nukeviet", town.url, "--prefix", town.prefix, "--dry-run"])
    assert dry.exit_code == 0 and "Chạy thử" in dry.output
    wrong = runner.invoke(args=["import-nukeviet", town.url, "--prefix", "khongco"])
    assert wrong.exit_code != 0 and "--prefix" in wrong.output


def test_imported_administrator_signs_in_with_the_old_password(app, town, clock, client):
    run_import(app, town, clock)
    response = client.post("/login", data={"username": "quantri", "password": ADMIN_PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert not db.session.scalar(sa.select(User.password_hash).where(User.username == "quantri")).startswith("{")


def test_articles_written_after_the_import_take_new_ids(app, town, clock):
    run_import(app, town, clock)
    article = make_article("Bài mới viết trên cổng", db.session.get(Article, 101).category, now=clock())
    db.session.commit()
    assert article.id > 108
