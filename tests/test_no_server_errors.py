"""No input answers 5xx: extreme values in every query string, form and JSON body.

One site is built for the module and every case sends one request to it, which keeps the
hundreds of cases to seconds. Each case puts one odd value into one field of an
otherwise valid request, so the value gets past the other fields' checks.
"""

import itertools
import re
import uuid
from urllib.parse import quote, quote_from_bytes

import pytest

from portal import create_app
from portal.content import audit
from portal.content.dates import parse_day, parse_local_datetime
from portal.content.search import index_article
from portal.extensions import db
from portal.models import ArticleStatus, Role
from tests.conftest import Clock, IsolatedClient, open_session_for
from tests.factories import PASSWORD, make_article, make_category, make_tag, make_user

# What a person can type or a script can send; bytes go out as raw octets, not as UTF-8.
VALUES = {
    "year-0001": "01/01/0001",
    "year-9999-time": "31/12/9999 23:59",
    "10^20": str(10**20),
    "minus-one": "-1",
    "1e309": "1e309",
    "nul": "\x00",
    "inner-nul": "a\x00b",
    "invalid-utf8": b"\xff\xfe",
    "lone-surrogate": b"\xed\xa0\x80",
}
# Fields that read a date also get every shape of date at both ends of datetime's range.
DATE_VALUES = VALUES | {
    "year-9999": "31/12/9999",
    "year-0001-time": "01/01/0001 00:00",
    "iso-year-0001": "0001-01-01T00:00",
    "iso-year-9999": "9999-12-31T23:59",
}
DATE_FIELDS = {"from", "to", "date_from", "date_to", "published_at"}
LONG = "x" * 100_000  # once per endpoint: its first field
DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
HUGE_JSON = b'{"article_id": null, "fields": {"title": "' + b"x" * 10_000_000 + b'"}}'


def encode(fields: dict[str, str | bytes]) -> str:
    """A query string or form body; bytes values keep their (possibly invalid) octets."""
    return "&".join(
        f"{quote(name)}={quote_from_bytes(value if isinstance(value, bytes) else value.encode())}"
        for name, value in fields.items()
    )


def cases(table: list[tuple[str, dict, tuple[str, ...]]], people: tuple, first_only=False, values=VALUES) -> list:
    """pytest params (person, path, base, field, value): each field of each path with each value.

    The first field of a path also gets 100,000 characters; `first_only` varies nothing else
    (for people the area turns away before any field is read).
    """
    params = []
    for person, (path, base, fields) in itertools.product(people, table):
        for field in fields[:1] if first_only else fields:
            sent = (DATE_VALUES if field in DATE_FIELDS else values) | (
                {"100k-chars": LONG} if field == fields[0] else {}
            )
            params += [
                pytest.param(person, path, base, field, value, id=f"{person} {path} {field}={name}")
                for name, value in sent.items()
            ]
    return params


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One app with a category, a tag, published articles, a draft and a signed-in admin."""
    root, clock = tmp_path_factory.mktemp("no-5xx"), Clock()
    overrides = {"MEDIA_DIR": str(root / "media"), "CLOCK": clock, "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/"}
    app = create_app(overrides)
    app.test_client_class = IsolatedClient
    app.instance_path = str(root / "instance")
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield seed(app, clock)
        db.session.remove()
        db.drop_all()


def seed(app, clock: Clock) -> dict:
    """The rows the tables' paths point at, and a client for each person."""
    admin, target = make_user(Role.ADMIN, username="quantri"), make_user(Role.AUTHOR, username="doituong")
    news, other = make_category("Tin tức", slug="tin-tuc"), make_category("Văn hóa", slug="van-hoa")
    tag = make_tag("chuyển đổi số")
    for n in range(3):
        index_article(make_article(f"Tin thị trấn số {n}", news, now=clock(), tags=[tag], author=admin))
    draft = make_article("Bài nháp", news, status=ArticleStatus.DRAFT, author=admin, published_at=None)
    audit.record("login.success", admin, target=admin.username)
    db.session.commit()
    clients = {"anonymous": app.test_client(), "admin": app.test_client()}
    open_session_for(clients["admin"], admin, clock())
    ids = {"category": news.slug, "tag": tag.slug, "draft": draft.id, "target": target.id, "other": other.id}
    return {"app": app, "clock": clock, "clients": clients, "ids": ids | {"category_id": news.id}}


def fill(text: str, site: dict) -> str:
    """The text with the seeded rows' slugs and ids in place of {category}, {draft}, ..."""
    return text.format(**site["ids"])


def assert_no_5xx(response) -> None:
    """Anything below 500 is an answer; a 5xx means the input took the page down."""
    assert response.status_code < 500, response.get_data(as_text=True)[-2000:]


# --- query strings: public pages and staff filters ------------------------------------------

PUBLIC_QUERIES = [
    # path, the other parameters, the parameters to vary
    ("/search", {"q": "tin"}, ("q", "from", "to", "category", "page")),
    ("/", {}, ("page",)),
    ("/{category}/", {}, ("page",)),
    ("/tag/{tag}", {}, ("page",)),
    ("/rss.xml", {}, ("page",)),
    ("/rss/{category}.xml", {}, ("page",)),
    ("/index.php", {"language": "vi", "nv": "news"}, ("language", "nv", "op", "alias")),  # NukeViet's
]
STAFF_QUERIES = [
    ("/editor/", {}, ("q", "status", "category", "author", "page")),
    ("/admin/audit", {}, ("actor", "action", "date_from", "date_to", "page")),
    ("/admin/audit.csv", {}, ("actor", "action", "date_from", "date_to")),  # issue 16, item 3
    ("/admin/users", {}, ("q", "role", "active")),
    ("/editor/articles/{draft}/revisions/diff", {"a": "1", "b": "1"}, ("a", "b")),
]
QUERY_CASES = (
    cases(PUBLIC_QUERIES, ("anonymous", "admin"))
    + cases(STAFF_QUERIES, ("admin",))
    + cases(STAFF_QUERIES, ("anonymous",), first_only=True)
)


@pytest.mark.parametrize("person, path, base, field, value", QUERY_CASES)
def test_query_strings_never_answer_5xx(site, person, path, base, field, value):
    query = encode({**base, field: value})
    assert_no_5xx(site["clients"][person].get(f"{fill(path, site)}?{query}"))


# The slug, tag, file name and language code in a path, quoted as a browser would send them.
SEGMENT_PATHS = ["/{}/", "/tag/{}", "/rss/{}.xml", "/tin-tuc/{}-1.html", "/media/{}", "/lang/{}"]
SEGMENT_PATHS += ["/vi/news/{}/", "/news/tag/{}", "/{}/page-2/", "/index.php/vi/news/tin-tuc/{}-1.html"]  # NukeViet's
SEGMENTS = {
    "nul": "a%00b",
    "invalid-utf8": "%ff%fe",
    "lone-surrogate": "%ed%a0%80",
    "100k-chars": LONG,
    "10^20": "1" + "0" * 20,
}
SEGMENT_CASES = [
    pytest.param(person, path.format(segment), id=f"{person} {path.format(name)}")
    for person, path, (name, segment) in itertools.product(("anonymous", "admin"), SEGMENT_PATHS, SEGMENTS.items())
]


@pytest.mark.parametrize("person, path", SEGMENT_CASES)
def test_path_segments_never_answer_5xx(site, person, path):
    assert_no_5xx(site["clients"][person].get(path))


# --- forms: one odd field in an otherwise valid POST --------------------------------------

ARTICLE = {
    "title": "Hội nghị tổng kết công tác năm",
    "lead": "Sáng nay, UBND thị trấn tổ chức hội nghị.",
    "body": "<p>Nội dung hội nghị.</p>",
    "byline": "Thùy Dung",
    "category": "{category_id}",
    "tags": "cải cách hành chính",
    "published_at": "",
    "action": "publish",  # as an editor: published_at is read
}
ACCOUNT = {"display_name": "Người được sửa", "email": "nguoi@example.vn", "role": "author"}
SETTINGS = {
    "site_name": "Cổng thông tin thị trấn",
    "site_tagline": "Tin tức địa phương",
    "footer_owner": "UBND thị trấn",
    "footer_address": "Số 1, đường Trần Hưng Đạo",
    "footer_phone": "0210 3123 456",
    "footer_email": "ubnd@example.vn",
    "idle_timeout_minutes": "30",
    "page_size": "10",
    "home_latest_count": "8",
    "default_language": "vi",
}
CATEGORY = {"name": "Chuyên mục mới", "slug": "", "parent": "0", "position": "0", "description": "Mô tả."}
NEW_PASSWORD = "hoa sen nở giữa đầm lầy"
PASSWORDS = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
STAFF_FORMS = [
    ("/editor/articles/new", ARTICLE, ("title", "lead", "body", "tags", "published_at", "category", "image_id")),
    ("/editor/articles/{draft}/edit", {**ARTICLE, "action": "save"}, ("version", "published_at", "action")),
    ("/admin/users/new", ACCOUNT | {"username": "nguoimoi", "password": ""}, ("username", "email", "password")),
    ("/admin/users/{target}", ACCOUNT, ("display_name", "email", "role")),
    (
        "/admin/settings",
        SETTINGS,
        ("site_name", "idle_timeout_minutes", "page_size", "home_latest_count", "default_language"),
    ),
    ("/editor/categories/", CATEGORY, ("name", "slug", "parent", "position", "description")),
    ("/editor/categories/{other}", CATEGORY | {"name": "Văn hóa"}, ("slug", "parent", "position")),
]
OWN_ACCOUNT_FORMS = [
    ("/account/name", {"display_name": "Tên mới"}, ("display_name",)),
    ("/account/password", PASSWORDS, ("new_password",)),
]
LOGIN = [("/login", {"password": "mat-khau-sai-2026"}, ("username",))]
# Each sign-in or password check costs a deliberately slow scrypt: there, only the odd characters.
HASHED_VALUES = {name: VALUES[name] for name in ("10^20", "nul", "inner-nul", "invalid-utf8", "lone-surrogate")}
FORM_CASES = (
    cases(STAFF_FORMS, ("admin",))
    + cases(STAFF_FORMS + OWN_ACCOUNT_FORMS, ("anonymous",), first_only=True)
    + cases(OWN_ACCOUNT_FORMS[:1], ("author",))
    + cases(OWN_ACCOUNT_FORMS[1:], ("author",), values=HASHED_VALUES)
    + cases(LOGIN, ("anonymous",), values=HASHED_VALUES)
)


def client_for(site: dict, person: str):
    """The admin's or the reader's client; an author is new for each case, so that failed
    password checks never add up to the throttle."""
    if person != "author":
        return site["clients"][person]
    author = make_user(Role.AUTHOR)
    db.session.commit()
    client = site["app"].test_client()
    open_session_for(client, author, site["clock"]())
    return client


@pytest.mark.parametrize("person, path, base, field, value", FORM_CASES)
def test_forms_never_answer_5xx(site, person, path, base, field, value):
    fields = {name: fill(text, site) for name, text in base.items()} | {field: value}
    if field == "new_password":
        fields["confirm_password"] = value  # the same twice, so the new password itself is judged
    response = client_for(site, person).post(
        fill(path, site), data=encode(fields).encode("ascii"), content_type="application/x-www-form-urlencoded"
    )
    assert_no_5xx(response)


# --- JSON bodies ------------------------------------------------------------------------------

JSON_CASES = [
    pytest.param(person, path, body, id=f"{person} {path} {name}")
    for person, path, (name, body) in itertools.product(
        ("anonymous", "admin"),
        ("/editor/autosave", "/editor/articles/{draft}/presence", "/session/keepalive"),
        (("deep-arrays", DEEP_JSON), ("10MB-string", HUGE_JSON)),
    )
]


@pytest.mark.parametrize("person, path, body", JSON_CASES)
def test_json_bodies_never_answer_5xx(site, person, path, body):
    response = site["clients"][person].post(fill(path, site), data=body, content_type="application/json")
    assert_no_5xx(response)


# --- dates: out of range reads exactly like no date at all ----------------------------------


@pytest.mark.parametrize(
    "raw, year",
    [("31/12/1899", None), ("01/01/1900", 1900), ("31/12/2200", 2200), ("01/01/2201", None), ("2201-01-01", None),
     ("1/1/1", None), ("29/02/2200", None)],
)  # fmt: skip
def test_a_day_outside_1900_to_2200_is_not_a_day(raw, year):
    day = parse_day(raw, "Asia/Ho_Chi_Minh")
    assert (day.year if day else None) == year


@pytest.mark.parametrize("raw", ["31/12/1899 23:59", "0001-01-01T00:00", "9999-12-31T23:59", "01/01/2201"])
def test_a_moment_outside_1900_to_2200_is_refused_like_a_malformed_one(raw):
    with pytest.raises(ValueError):
        parse_local_datetime(raw, "Asia/Ho_Chi_Minh")


def test_the_first_and_last_minutes_of_the_range_are_moments():
    assert parse_local_datetime("01/01/1900 00:00", "Asia/Ho_Chi_Minh").year == 1900
    assert parse_local_datetime("2200-12-31T23:59", "Asia/Ho_Chi_Minh").year == 2200


def test_the_article_form_refuses_year_0001_keeping_the_text(site):
    fields = {name: fill(text, site) for name, text in ARTICLE.items()} | {"published_at": "01/01/0001 00:00"}
    response = site["clients"]["admin"].post("/editor/articles/new", data=fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Thời điểm đăng không hợp lệ" in html and 'value="01/01/0001 00:00"' in html


@pytest.mark.parametrize("path", ["/search?q=tin&{}", "/admin/audit?{}"])
def test_a_filter_day_out_of_range_is_ignored_like_an_unparseable_one(site, path):
    client = site["clients"]["admin"]
    unparseable = client.get(path.format("from=32/13/2026&date_from=32/13/2026&to=x&date_to=x"))
    out_of_range = client.get(path.format("from=01/01/0001&date_from=01/01/0001&to=31/12/9999&date_to=31/12/9999"))
    assert out_of_range.status_code == unparseable.status_code == 200
    shown = out_of_range.get_data(as_text=True)
    assert 'value="01/01/0001"' in shown and 'value="31/12/9999"' in shown  # the text stays in the boxes
    listed = re.compile(r'href="(/[^"]+-\d+\.html)"|<td class="audit-sentence">(.+?)</td>')
    assert listed.findall(shown) == listed.findall(unparseable.get_data(as_text=True)) != []
