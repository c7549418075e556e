"""Every page type passes the Nu Html Checker (vnu.jar) with no error.

The pages of one seeded demo site are fetched as their visitors would see them, written to
files, and checked in one run of the checker; each page is then its own test, so a failure
names the page, the line and the checker's message. The checker comes from the npm package
`vnu-jar` (tests/tools, installed by `make install-test`) and runs on Java.
"""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from portal import create_app
from portal.extensions import db
from tests.conftest import Clock, IsolatedClient, open_session_for
from tests.site_tour import TOUR, seed_tour_site, tour_paths

VNU_JAR = Path(__file__).parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker_command() -> list[str]:
    """java -jar vnu.jar, or a skip (a failure under CI) when either is missing."""
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-Xss8m", "-jar", str(VNU_JAR)]
    missing = "Java (apt-get install default-jre-headless)" if not java else "vnu.jar (make install-test, with npm)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must have the Nu Html Checker: {missing} is missing")
    pytest.skip(f"the Nu Html Checker needs {missing}")


def clients_for(app, site, clock) -> dict:
    """A test client per kind of visitor in the tour."""
    clients = {name: app.test_client() for name in ("anonymous", "anonymous-en", "admin", "admin-en", "author")}
    for name, user in (("admin", site.admin), ("admin-en", site.admin), ("author", site.author)):
        open_session_for(clients[name], user, clock())
    for name in ("anonymous-en", "admin-en"):
        clients[name].get("/lang/en")
    return clients


@pytest.fixture(scope="module")
def checked_pages(tmp_path_factory) -> dict[str, tuple[int, list[dict]]]:
    """name -> (HTTP status, the checker's errors) for every page of the tour."""
    command = checker_command()
    root, clock = tmp_path_factory.mktemp("html-validity"), Clock()
    app = create_app({"MEDIA_DIR": str(root / "media"), "CLOCK": clock, "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/"})
    app.test_client_class = IsolatedClient
    app.instance_path = str(root / "instance")
    pages = root / "pages"
    pages.mkdir()
    statuses = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        try:
            site = seed_tour_site(app, clock())
            clients = clients_for(app, site, clock)
            for name, who, path in tour_paths(site):
                response = clients[who].get(path)
                statuses[name] = response.status_code
                (pages / f"{name}.html").write_bytes(response.get_data())
        finally:
            db.session.remove()
            db.drop_all()
    result = subprocess.run(  # noqa: S603 (our own command line)
        [*command, "--errors-only", "--format", "json", "--exit-zero-always", str(pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {name: [] for name in statuses}
    for message in messages:
        errors[Path(message["url"]).stem].append(message)
    return {name: (statuses[name], errors[name]) for name in statuses}


def describe(errors: list[dict]) -> str:
    return "\n".join(f"line {e.get('lastLine')}: {e['message']}  [{e.get('extract', '').strip()}]" for e in errors)


@pytest.mark.parametrize("name", [name for name, _, _ in TOUR])
def test_the_page_has_no_html_error(checked_pages, name):
    status, errors = checked_pages[name]
    assert status < 500
    assert errors == [], f"{name}: {len(errors)} errors\n{describe(errors)}"


def test_the_tour_reached_real_pages(checked_pages):
    statuses = {name: status for name, (status, _) in checked_pages.items()}
    assert {statuses["not-found"], statuses["not-found-article"], statuses["forbidden"]} == {404, 403}
    assert {name: status for name, status in statuses.items() if not name.startswith(("not-found", "forbidden")) and status != 200} == {}
