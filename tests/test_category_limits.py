"""Categories have limits that hold: depth, number, and a home page that does not grow with them."""

import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.content.categories import MAX_CATEGORIES, MAX_DEPTH
from portal.content.settings import save_settings
from portal.extensions import db
from portal.models import Article, Category, Role
from tests.factories import HIDDEN_STATES, make_article, make_category, make_hidden_article, make_user

DEPTH_REFUSAL = f"Chuyên mục chỉ được lồng tối đa {MAX_DEPTH} cấp"
FIRST_ID = 100_000  # rows inserted directly stay clear of the ids the database hands out


@pytest.fixture
def editor(app, login):
    """An editor, signed in."""
    user = make_user(Role.EDITOR, username="bientap")
    db.session.commit()
    return login(user)


def chain(levels: int, parent: Category | None = None) -> list[Category]:
    """Categories nested `levels` deep under `parent`, made the ordinary way."""
    made = []
    for level in range(levels):
        parent = make_category(f"Cấp {level + 1}", parent=parent)
        made.append(parent)
    db.session.commit()
    return made


def insert_directly(rows: list[dict]) -> None:
    """Categories written straight into the database, past every rule of the site (parents set last)."""
    if rows:
        db.session.execute(sa.insert(Category), [{**row, "parent_id": None} for row in rows])
        db.session.execute(sa.update(Category), [{"id": row["id"], "parent_id": row.get("parent_id")} for row in rows])
    db.session.commit()


def deep_chain_rows(depth: int) -> list[dict]:
    """A chain of `depth` categories, each the child of the previous one."""
    return [
        {"id": FIRST_ID + n, "name": f"Sâu {n}", "slug": f"sau-{n}", "parent_id": FIRST_ID + n - 1 if n else None}
        for n in range(depth)
    ]


def top_level_rows(count: int, start: int = 0) -> list[dict]:
    """`count` top-level categories."""
    return [
        {"id": FIRST_ID + 10_000 + n, "name": f"Mục {n}", "slug": f"muc-{n}", "position": n}
        for n in range(start, start + count)
    ]


def form(name: str, parent: Category | None, slug: str = "") -> dict:
    return {
        "name": name,
        "slug": slug,
        "parent": str(parent.id if parent else 0),
        "position": "3",
        "description": "Ghi chú",
    }


def parent_of(category_id: int) -> int | None:
    return db.session.scalar(sa.select(Category.parent_id).where(Category.id == category_id))


def test_a_category_at_the_deepest_level_is_accepted_one_deeper_is_refused(editor):
    levels = chain(MAX_DEPTH)
    ok = editor.post("/editor/categories/", data=form("Vừa đủ sâu", levels[-2]))
    assert ok.status_code == 302
    refused = editor.post("/editor/categories/", data=form("Quá sâu một cấp", levels[-1]))
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert DEPTH_REFUSAL in html and 'value="Quá sâu một cấp"' in html and "Ghi chú" in html
    assert f'<option selected value="{levels[-1].id}">' in html
    assert db.session.scalar(sa.select(Category.id).where(Category.name == "Quá sâu một cấp")) is None


def test_moving_a_branch_counts_the_depth_of_its_children(editor):
    target = chain(MAX_DEPTH - 1)
    branch = chain(2)  # a top-level category with one child
    fits = editor.post(f"/editor/categories/{branch[0].id}", data=form("Nhánh", target[-2], branch[0].slug))
    assert fits.status_code == 302 and parent_of(branch[0].id) == target[-2].id
    refused = editor.post(f"/editor/categories/{branch[0].id}", data=form("Nhánh đổi tên", target[-1], "nhanh-moi"))
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert DEPTH_REFUSAL in html and 'value="Nhánh đổi tên"' in html and 'value="nhanh-moi"' in html
    assert parent_of(branch[0].id) == target[-2].id
    assert db.session.get(Category, branch[0].id).slug == branch[0].slug


def test_a_category_cannot_become_its_own_ancestor(editor):
    top, middle, bottom = chain(3)
    for inside in (middle, bottom):
        refused = editor.post(f"/editor/categories/{top.id}", data=form(top.name, inside, top.slug))
        assert refused.status_code == 400
        assert "Không thể đặt một chuyên mục vào bên trong chính nó." in refused.get_data(as_text=True)
        assert parent_of(top.id) is None


def test_renaming_a_category_already_too_deep_is_still_allowed(editor):
    insert_directly(deep_chain_rows(MAX_DEPTH + 3))
    deepest = FIRST_ID + MAX_DEPTH + 2
    response = editor.post(
        f"/editor/categories/{deepest}", data={**form("Tên mới", None, "ten-moi"), "parent": str(deepest - 1)}
    )
    assert response.status_code == 302 and db.session.get(Category, deepest).name == "Tên mới"


def test_the_number_of_categories_is_capped(editor):
    insert_directly(top_level_rows(MAX_CATEGORIES - 1))
    assert editor.post("/editor/categories/", data=form("Chuyên mục cuối cùng", None)).status_code == 302
    refused = editor.post("/editor/categories/", data=form("Một chuyên mục nữa", None))
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert (
        f"Trang đã có {MAX_CATEGORIES} chuyên mục; tối đa là {MAX_CATEGORIES}." in html
        and 'value="Một chuyên mục nữa"' in html
    )
    assert db.session.scalar(sa.select(sa.func.count(Category.id))) == MAX_CATEGORIES


def editor_pages(article: Article, category_ids: list[int]) -> list[str]:
    pages = ["/editor/", "/editor/articles/new", f"/editor/articles/{article.id}/edit", "/editor/categories/"]
    return pages + [f"/editor/categories/{category_id}" for category_id in category_ids]


@pytest.mark.parametrize(
    "rows",
    [
        deep_chain_rows(1000),
        top_level_rows(600),
        # 600 children of one category, and two categories each the other's parent
        deep_chain_rows(1)
        + [{**row, "parent_id": FIRST_ID} for row in top_level_rows(600)]
        + [
            {"id": FIRST_ID - 2, "name": "Vòng A", "slug": "vong-a", "parent_id": FIRST_ID - 1},
            {"id": FIRST_ID - 1, "name": "Vòng B", "slug": "vong-b", "parent_id": FIRST_ID - 2},
        ],
    ],
    ids=["1000-deep", "600-top-level", "600-children-and-a-loop"],
)
def test_data_past_the_limits_still_lets_editors_fix_it(app, editor, client, clock, rows):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 must show as a 500, not as the exception
    insert_directly(rows)
    last = db.session.get(Category, rows[-1]["id"])
    article = make_article("Bài ở tận cùng", last, now=clock())
    db.session.commit()
    ids = [rows[0]["id"], rows[len(rows) // 2]["id"], rows[-1]["id"]]
    for path in editor_pages(article, ids):
        assert editor.get(path).status_code == 200, path
    for path in ("/", f"/{rows[0]['slug']}/", f"/{last.slug}/", f"/rss/{rows[0]['slug']}.xml", "/sitemap.xml"):
        assert client.get(path).status_code == 200, path
    middle = rows[len(rows) // 2]["id"]
    assert editor.post(f"/editor/categories/{middle}/delete").status_code == 302
    assert db.session.get(Category, middle) is None
    moved = editor.post(f"/editor/categories/{rows[-1]['id']}", data=form("Lên cấp cao nhất", None, "len-cao"))
    assert moved.status_code == 302 and parent_of(rows[-1]["id"]) is None


def test_a_loop_of_parents_can_be_broken_by_moving_one_to_the_top(editor):
    insert_directly(
        [
            {"id": FIRST_ID, "name": "Vòng A", "slug": "vong-a", "parent_id": FIRST_ID + 1},
            {"id": FIRST_ID + 1, "name": "Vòng B", "slug": "vong-b", "parent_id": FIRST_ID},
        ]
    )
    assert "Vòng A" in editor.get("/editor/categories/").get_data(as_text=True)
    refused = editor.post("/editor/categories/", data=form("Con của vòng", db.session.get(Category, FIRST_ID)))
    assert refused.status_code == 400 and DEPTH_REFUSAL in refused.get_data(as_text=True)
    assert editor.post(f"/editor/categories/{FIRST_ID}", data=form("Vòng A", None, "vong-a")).status_code == 302
    assert parent_of(FIRST_ID) is None and parent_of(FIRST_ID + 1) == FIRST_ID


def test_the_last_article_of_a_category_nested_too_deep_still_shows_in_its_top_level_block(client, clock):
    insert_directly(deep_chain_rows(1000))
    make_article("Bài ở tận cùng", db.session.get(Category, FIRST_ID + 999), now=clock())
    db.session.commit()
    block = client.get("/").get_data(as_text=True).split(f'id="block-{FIRST_ID}"')[1].split("</section>")[0]
    assert "Bài ở tận cùng" in block


def blocks_of(html: str, roots: list[Category]) -> dict[int, list[str]]:
    """The titles in each top-level category's block on the home page, in order."""
    found = {}
    for root in roots:
        marker = f'id="block-{root.id}"'
        if marker in html:
            section = html.split(marker)[1].split("</section>")[0]
            found[root.id] = [part.split("</a>")[0].split(">")[-1] for part in section.split('class="card__title"')[1:]]
    return found


def test_each_block_shows_the_newest_visible_articles_of_its_branch_newest_first(client, clock):
    save_settings({"home_block_count": "3"})
    news, culture, quiet = make_category("Tin tức"), make_category("Văn hóa"), make_category("Trống")
    district = make_category("Tin huyện", parent=news)
    commune = make_category("Tin xã", parent=district)
    spread = [news, district, commune, culture, news, commune, culture, district, commune, news]
    for n, category in enumerate(spread):
        make_article(f"Bài {n:02d}", category, published_at=clock() - timedelta(hours=n))
    make_article("Bài cùng giờ", culture, published_at=clock() - timedelta(hours=3))  # a tie: the newer id first
    for state in HIDDEN_STATES.values():
        make_hidden_article(state, commune, clock())
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert blocks_of(html, [news, culture, quiet]) == {
        news.id: ["Bài 00", "Bài 01", "Bài 02"],
        culture.id: ["Bài cùng giờ", "Bài 03", "Bài 06"],
    }
    assert "Bài chưa được phép xem" not in html


@pytest.mark.uncached
def test_the_home_page_runs_the_same_statements_with_5_or_600_top_level_categories(app, client, clock, statements_of):
    roots = [make_category(f"Chuyên mục {n}") for n in range(5)]
    for n, root in enumerate(roots):
        make_article(f"Bài số {n}", make_category(f"Con {n}", parent=root), now=clock())
    db.session.commit()
    seen = []
    for more in (0, 595):
        insert_directly(top_level_rows(more))
        response, statements = statements_of(client, "/")
        assert response.status_code == 200
        seen.append([sql for sql, _parameters in statements])
    assert len(seen[0]) == len(seen[1]) and seen[0] == seen[1]


@pytest.mark.uncached
def test_the_home_page_with_600_top_level_categories_answers_quickly(client, clock):
    insert_directly(top_level_rows(600))
    for n in range(0, 600, 7):
        make_article(f"Bài {n}", db.session.get(Category, FIRST_ID + 10_000 + n), now=clock())
    db.session.commit()
    started = time.perf_counter()
    response = client.get("/")
    assert response.status_code == 200 and "Bài 595" in response.get_data(as_text=True)
    assert time.perf_counter() - started < 5
