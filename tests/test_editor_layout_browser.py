"""The editor's pages laid out in a real Chromium on a 360 px phone and a 1280 px screen: nothing covered, nothing cut."""

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import ArticleStatus, Role
from tests.factories import make_article, make_category, make_image, make_user
from tests.test_editor_browser import sign_in

SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}

# Every button of the page's forms (the action bar, delete, take over...), checked at every
# scroll position where it is on screen: the element at its centre must be the button.
COVERED_BUTTONS = """() => {
  const covered = [];
  const buttons = [...document.querySelectorAll("main form button[type=submit], main form button:not([type])")]
    .filter((button) => !button.closest(".wysiwyg") && button.offsetParent !== null);
  const seen = new Set();
  const step = Math.floor(window.innerHeight / 3);
  for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
    window.scrollTo(0, y);
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      const x = box.left + box.width / 2, middle = box.top + box.height / 2;
      if (middle < 0 || middle > window.innerHeight) continue;
      seen.add(button);
      const hit = document.elementFromPoint(x, middle);
      if (!hit || !button.contains(hit)) {
        covered.push(`${button.textContent.trim()} at scroll ${y}: ${hit ? hit.className || hit.tagName : "nothing"}`);
      }
    }
  }
  for (const button of buttons) {
    button.scrollIntoView({ block: "center" });
    const box = button.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !button.contains(hit)) covered.push(`${button.textContent.trim()} scrolled into view`);
    if (box.right > document.documentElement.clientWidth || box.left < 0) covered.push(`${button.textContent.trim()} off screen`);
  }
  return { covered, names: buttons.map((b) => b.textContent.trim()), seen: seen.size };
}"""

# Every label of the form against the rich-text box: no label may be crossed by the editor.
LABELS_CROSSED = """() => {
  window.scrollTo(0, 0);
  const editor = document.querySelector(".wysiwyg");
  const boxes = [editor, ...editor.querySelectorAll(".ql-container, .ql-toolbar, .ql-editor")]
    .map((element) => element.getBoundingClientRect());
  const bottom = Math.max(...boxes.map((box) => box.bottom));
  const crossed = [];
  for (const label of document.querySelectorAll("#article-form label")) {
    if (label.offsetParent === null || editor.contains(label)) continue;
    const box = label.getBoundingClientRect();
    const below = box.top >= editor.getBoundingClientRect().bottom - 0.5;
    const above = box.bottom <= editor.getBoundingClientRect().top + 0.5;
    if (!below && !above) crossed.push(`${label.textContent.trim()} inside the editor's box`);
    if (below && box.top < bottom - 0.5) crossed.push(`${label.textContent.trim()} crossed at ${bottom} (top ${box.top})`);
  }
  return crossed;
}"""


def check_sits_by_its_label(page, name):
    """The box and its label on one line, side by side (no more than a gap apart)."""
    box = page.get_by_role("checkbox", name=name).bounding_box()
    label = page.locator("label", has_text=name).bounding_box()
    assert box and label
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < label["height"] / 2, name
    gap = label["x"] - (box["x"] + box["width"])
    assert 0 <= gap <= 16, f"{name}: {gap} px between the box and its label"


@pytest.fixture
def desk(live_app, clock):
    """An author with a draft that has a lead image, and an editor."""
    author = make_user(Role.AUTHOR, username="tacgia", display_name="Thùy Dung")
    make_user(Role.EDITOR, username="bientap", display_name="Minh Quân")
    category = make_category("Tin trong huyện")
    draft = make_article(
        "Họp bàn kế hoạch phát triển kinh tế xã hội năm tới của thị trấn",
        category,
        status=ArticleStatus.DRAFT,
        author=author,
        published_at=None,
        image=make_image(),
    )
    db.session.commit()
    return {"draft": draft}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("who", ["tacgia", "bientap"])
@pytest.mark.parametrize("which", ["new", "edit"])
def test_every_form_button_is_visible_and_uncovered_and_no_label_is_crossed(
    page, live_server, desk, screen, who, which
):
    """Issue 16, item 1: "Lưu nháp", "Gửi duyệt", "Đăng bài"... are what a tap at their centre reaches; no label under the editor."""
    page.set_viewport_size(SCREENS[screen])
    path = "/editor/articles/new" if which == "new" else f"/editor/articles/{desk['draft'].id}/edit"
    sign_in(page, live_server, who, f"?next={path}")
    expect(page.locator(".wysiwyg .ql-toolbar")).to_be_visible()
    result = page.evaluate(COVERED_BUTTONS)
    expected = ["Lưu nháp", "Gửi duyệt"] + (["Đăng bài"] if who == "bientap" else [])
    assert result["names"][: len(expected)] == expected
    if which == "edit" and who == "bientap":
        assert "Xóa bài này" in result["names"]
    assert result["covered"] == []
    assert page.evaluate(LABELS_CROSSED) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_tick_boxes_sit_next_to_their_labels(page, live_server, desk, screen):
    """Issue 16, item 1: "Bỏ ảnh đại diện" (and "Tin nổi bật") sit right before their words."""
    page.set_viewport_size(SCREENS[screen])
    sign_in(page, live_server, "bientap", f"?next=/editor/articles/{desk['draft'].id}/edit")
    check_sits_by_its_label(page, "Bỏ ảnh đại diện")
    check_sits_by_its_label(page, "Tin nổi bật")
    page.get_by_text("Bỏ ảnh đại diện").click()  # the words tick the box
    expect(page.get_by_role("checkbox", name="Bỏ ảnh đại diện")).to_be_checked()


def test_the_dashboard_shows_every_column_of_a_row_on_a_phone(page, live_server, desk):
    """Issue 16, item 6: on a 360 px phone each row of the dashboard shows all its columns, labelled, nothing cut."""
    page.set_viewport_size(SCREENS["phone"])
    sign_in(page, live_server, "bientap", "?next=/editor/")
    row = page.locator("table.table tbody tr").first
    expect(row).to_be_visible()
    cells = row.locator("td")
    assert cells.count() == 5
    width = page.evaluate("document.documentElement.clientWidth")
    for index in range(cells.count()):
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"column {index} runs off the screen"
        assert cell.evaluate("(cell) => cell.scrollWidth <= cell.clientWidth"), f"column {index} is cut"
    shown = cells.evaluate_all("(cells) => cells.map((cell) => getComputedStyle(cell, '::before').content)")
    assert shown == ['"Tiêu đề"', '"Trạng thái"', '"Chuyên mục"', '"Người viết"', '"Cập nhật"']
    texts = row.inner_text()
    assert "Họp bàn kế hoạch phát triển kinh tế" in texts and "Tin trong huyện" in texts and "Thùy Dung" in texts
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    region = page.locator(".table-wrap")
    assert region.evaluate("(box) => box.scrollWidth <= box.clientWidth")
