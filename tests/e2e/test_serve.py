"""`publish serve`: the preview loop in a real browser, and the server's refusals."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.build.request import BuildRequest
from publish.build.serve import Preview, make_server
from publish.render.context import build_time

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
SIDECAR = """# kept by hand: the issue's real name
[meta]
title = "示范党员"  # as printed on the cover
"""


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    source = tmp_path / "in" / "issue.txt"
    source.parent.mkdir()
    shutil.copy(FIXTURES / "slash_authors.txt", source)
    source.with_suffix(".toml").write_text(SIDECAR, "utf-8")
    request = BuildRequest(("epub",), ("zh-Hans",), tmp_path / "build", build_time())
    preview = Preview([source], tmp_path / "build", tmp_path, request, port=0)
    preview.rebuild()
    server = make_server(preview)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=preview.watch, args=(stop, 0.1), daemon=True).start()
    yield preview
    stop.set()
    server.shutdown()
    server.server_close()


def request(
    preview: Preview, method: str, path: str, body: object = None, **headers: str
) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    sent = {"Host": f"127.0.0.1:{preview.port}"} | {
        k.replace("_", "-"): v for k, v in headers.items()
    }
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def sidecar(preview: Preview) -> str:
    return preview.inputs[0].with_suffix(".toml").read_text("utf-8")


def good_write(preview: Preview) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{preview.port}", "X_Publish_Token": preview.token}


FIX = {"page": "/issue/changes.html", "fix": {"kind": "not-article", "at": "一名村支书的十年"}}


def test_pages_need_the_token_and_the_preview_host(preview: Preview) -> None:
    assert request(preview, "GET", f"/?token={preview.token}")[0] == 200
    assert request(preview, "GET", "/")[0] == 403
    assert request(preview, "GET", "/issue/changes.html?token=wrong")[0] == 403
    status, _ = request(preview, "GET", f"/?token={preview.token}", Host="rebound.example:80")
    assert status == 403  # DNS rebinding: a foreign name for this address


@pytest.mark.parametrize(
    "path",
    ["/../in/issue.txt", "/%2e%2e/in/issue.txt", "/issue/../../in/issue.txt",
     "/..%2fin/issue.txt", "/issue/issue.zh-Hans.epub/../../../in/issue.txt"],
)  # fmt: skip
def test_a_path_out_of_the_build_folder_is_refused(preview: Preview, path: str) -> None:
    status, _ = request(preview, "GET", f"{path}?token={preview.token}")
    assert status in (403, 404)
    assert status == 403 or "issue.txt" not in path.rsplit("/", 1)[0]


@pytest.mark.parametrize(
    ("path", "body", "headers"),
    [
        ("/fix", FIX, {"X_Publish_Token": "wrong"}),  # no token
        ("/fix", FIX, {"Origin": "http://evil.example"}),  # another site's page
        ("/fix", FIX, {"Host": "evil.example:80"}),  # DNS rebinding
        ("/fix", FIX | {"page": "/../in/changes.html"}, {}),  # not a served input
        ("/fix", FIX | {"page": "/other/changes.html"}, {}),
        ("/write", FIX, {}),  # no other write
    ],
)
def test_a_write_that_is_not_the_previews_own_is_refused(
    preview: Preview, path: str, body: object, headers: dict[str, str]
) -> None:
    before = sidecar(preview)
    status, _ = request(preview, "POST", path, body, **(good_write(preview) | headers))
    assert status == 403
    assert sidecar(preview) == before


def test_a_malformed_fix_is_refused_and_changes_nothing(preview: Preview) -> None:
    before = sidecar(preview)
    bad = {"page": "/issue/changes.html", "fix": {"kind": "rename", "at": "x"}}
    assert request(preview, "POST", "/fix", bad, **good_write(preview))[0] == 400
    assert sidecar(preview) == before


def test_a_fix_is_written_into_the_sidecar_keeping_its_comments(preview: Preview) -> None:
    version = preview.version
    assert request(preview, "POST", "/fix", FIX, **good_write(preview))[0] == 200
    text = sidecar(preview)
    assert text.startswith(SIDECAR)  # the hand-kept part and its comments stay as they were
    assert '[[fix]]\nkind = "not-article"\nat = "一名村支书的十年"' in text
    deadline = time.monotonic() + 20
    while preview.version == version and time.monotonic() < deadline:
        time.sleep(0.1)
    assert preview.version > version  # the sidecar changed: the issue was rebuilt
    report = json.loads((preview.out_root / "issue" / "report.json").read_text("utf-8"))
    assert "一名村支书的十年" not in [s["title"] for s in report["sketches"]]


@pytest.mark.e2e
def test_the_review_page_writes_a_fix_and_reloads_rebuilt(preview: Preview, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    assert chromium, "make test installs chromium"
    url = f"http://127.0.0.1:{preview.port}/issue/changes.html?token={preview.token}"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync"]  # fmt: skip
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=flags)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        row = page.locator("#articles tr", has_text="一名村支书的十年")
        row.get_by_role("button", name="not an article").click()
        page.wait_for_function(
            "() => !document.querySelector('#articles').textContent.includes('一名村支书的十年')",
            timeout=30_000,
        )  # written, rebuilt, reloaded: the article is gone from the page
        page.screenshot(path=str(tmp_path / "review-served.png"), full_page=False)
        browser.close()
    assert 'kind = "not-article"' in sidecar(preview)
    assert not errors


def test_the_catalogue_opens_each_epub_as_a_reading_view(preview: Preview) -> None:
    status, page = request(preview, "GET", f"/?token={preview.token}")
    assert status == 200 and 'href="issue/issue.zh-Hans.epub/"' in page
    status, _ = request(preview, "GET", f"/issue/issue.zh-Hans.epub/?token={preview.token}")
    assert status == 302  # to the book's contents, so that its relative links work
    status, nav = request(
        preview, "GET", f"/issue/issue.zh-Hans.epub/EPUB/nav.xhtml?token={preview.token}"
    )
    assert status == 200 and "在乡村振兴中践行初心" in nav
