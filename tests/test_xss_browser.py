"""The XSS corpus rendered by the real public pages in Chromium: nothing runs, nothing hooks."""

import pytest

from portal.content.sanitize import clean_html
from portal.extensions import db
from tests.factories import make_article, make_category, make_image
from tests.test_sanitize import load_payloads

PAYLOADS = [payload for _, payload in load_payloads()]
ARTICLE_COUNT = 10
CATEGORY_PAYLOAD = '"><svg onload=alert(1)><img src=x onerror=alert(2)>'

# Runs before any page script: a call to a dialog function is recorded instead of shown.
TRAP_DIALOGS = """
Object.defineProperty(window, "__xssCalls", {value: [], writable: false, configurable: false});
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xssCalls.push(`${name}(${args.map(String).join(", ")})`); };
}
"""

# What a reader's browser holds after the page ran: event handlers, foreign scripts, script URLs
# (alt and title text may well read "javascript:...": the plain-text fields hold raw payloads).
FIND_HOSTILE_MARKUP = """
() => {
  const found = [];
  const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data",
    "background", "cite", "codebase", "dynsrc", "lowsrc", "ping"]);
  const own = (src) => { const url = new URL(src, location.href);
    return url.origin === location.origin && url.pathname.startsWith("/static/"); };
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020\\u007f]/g, "").toLowerCase();
      if (attr.name.toLowerCase().startsWith("on")) found.push(`${el.localName} ${attr.name}`);
      if (URL_ATTRIBUTES.has(attr.name.toLowerCase()) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`${el.localName} ${attr.name}=${attr.value}`);
      }
    }
  }
  const isData = (script) => {  // JSON-LD is never run; it must still parse whole
    if (script.src || script.type !== "application/ld+json") return false;
    try { JSON.parse(script.textContent); return true; } catch (error) { return false; }
  };
  for (const script of document.querySelectorAll("script")) {
    if (isData(script)) continue;
    if (!script.src || !own(script.getAttribute("src"))) found.push(script.outerHTML.slice(0, 200));
  }
  const body = ".article__body :is(iframe, frame, object, embed, base, meta, link, style, svg, math, form, input)";
  for (const el of document.querySelectorAll(body)) found.push(el.outerHTML.slice(0, 200));
  return found;
}
"""


def chunks(items: list[str], count: int) -> list[list[str]]:
    """The items dealt into `count` runs of nearly equal length, in corpus order."""
    size = -(-len(items) // count)
    return [items[start : start + size] for start in range(0, len(items), size)]


@pytest.fixture
def hostile_articles(live_app, clock):
    """Published articles carrying the whole corpus: raw in every plain-text field, cleaned in the body."""
    category = make_category(CATEGORY_PAYLOAD, slug="tin-tuc", description=PAYLOADS[1])
    articles = []
    for n, run in enumerate(chunks(PAYLOADS, ARTICLE_COUNT)):
        title, lead, byline, source, caption, alt = run[:6]
        articles.append(
            make_article(
                title[:300],
                category,
                now=clock(),
                slug=f"bai-viet-{n}",
                lead=lead,
                byline=byline[:120],
                source=source[:300],
                image=make_image(320, 200),
                image_caption=caption[:300],
                image_alt=alt[:300],
                body_html="\n".join(clean_html(payload) for payload in run),
            )
        )
    db.session.commit()
    return category, articles


@pytest.fixture
def dialogs(page) -> list[str]:
    """Dialogs the page opens, recorded and dismissed; dialog functions are also trapped."""
    opened = []

    def record(dialog):
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    page.add_init_script(TRAP_DIALOGS)
    return opened


def visit(page, dialogs: list[str], url: str) -> dict:
    """Load the page, let timers and autofocus fire, and report what would have run."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_timeout(100)
    return {
        "dialogs": list(dialogs),
        "trapped calls": page.evaluate("window.__xssCalls"),
        "hostile markup": page.evaluate(FIND_HOSTILE_MARKUP),
    }


def test_trap_records_a_dialog_call(page, dialogs, live_server):
    page.goto(live_server)
    page.evaluate("alert('canary')")
    assert page.evaluate("window.__xssCalls") == ["alert(canary)"]


def test_no_payload_runs_or_leaves_a_hook_on_the_public_pages(page, dialogs, live_server, hostile_articles):
    category, articles = hostile_articles
    paths = ["/", f"/{category.slug}/"]
    for article in articles:
        paths += [f"/{category.slug}/{article.slug}-{article.id}.html", f"/print/{article.id}"]
    reports = {path: visit(page, dialogs, live_server + path) for path in paths}
    clean = {"dialogs": [], "trapped calls": [], "hostile markup": []}
    assert {path: report for path, report in reports.items() if report != clean} == {}


def test_plain_text_fields_show_the_payload_as_text(page, live_server, hostile_articles):
    category, articles = hostile_articles
    article = articles[0]
    page.goto(f"{live_server}/{category.slug}/{article.slug}-{article.id}.html")
    assert page.locator("#article-title").text_content() == article.title
    assert page.locator(".article__lead").text_content() == article.lead
    assert page.locator(".article__figure figcaption").text_content() == article.image_caption
