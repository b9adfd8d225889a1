"""Untrusted text can name any URL; rendering fetches none of them.

A local HTTP server stands in for the network and must receive zero requests, and an audit hook
records every file the build opens and every socket it connects while it runs.
"""

from __future__ import annotations

import http.server
import io
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from publish.cli import main

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - one server per test, read after it stops

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: url(/leak.png) }")

    do_HEAD = do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", Recorder.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_lines(base: str, secret: Path) -> list[str]:
    return [
        f'<img src="{base}/img.png"> <link rel="stylesheet" href="{base}/a.css">',
        f'<style>@import "{base}/b.css"; p {{ background: url({base}/c.png) }}</style>',
        f'<iframe src="{base}/frame"></iframe> <object data="{base}/obj"></object>',
        f'<svg><image href="{base}/svg.png"/></svg> <a href="{base}/link">链接</a>',
        f"正文里写着 url({base}/d.png) 和 file://{secret} 以及 ]]> &amp; &#x3C;script&#x3E;",
        f'<script src="{base}/e.js"></script><img src="file://{secret}">',
    ]


class Audit:
    """Sockets connected and files opened while `active` (audit hooks cannot be removed)."""

    def __init__(self) -> None:
        self.active = False
        self.connects: list[str] = []
        self.opened: list[str] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event == "socket.connect":
            self.connects.append(repr(args[1]))
        elif event == "open" and isinstance(args[0], str | Path):
            self.opened.append(str(args[0]))


AUDIT = Audit()
sys.addaudithook(AUDIT)


def allowed_prefixes(tmp_path: Path) -> tuple[str, ...]:
    """Where a build may read: the project, Python and its packages, fonts and fontconfig,
    the kernel's pseudo-files, time-zone and MIME data, and the build's own folders."""
    return tuple(
        str(p)
        for p in (
            ROOT, tmp_path, Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
            Path("/usr/share/fonts"), Path("/usr/share/fontconfig"), Path("/etc/fonts"),
            Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig",
            Path("/usr/share/zoneinfo"), Path("/usr/lib"), Path("/proc"), Path("/dev"),
            Path("/etc/mime.types"),  # the standard library's mimetypes table
            # scratch files: tempfile's tmp*, the PDF's font subsets, WeasyPrint's font copies
            Path(tempfile.gettempdir()) / "tmp",
            Path(tempfile.gettempdir()) / "publish-fonts-",
            Path(tempfile.gettempdir()) / "weasyprint-",
        )
    )  # fmt: skip


def test_rendering_fetches_nothing_outside_the_project(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    secret = tmp_path.parent / "secret-outside.css"
    secret.write_text("body { color: red }")
    source = tmp_path / "in" / "hostile.txt"
    source.parent.mkdir()
    lines = hostile_lines(base, secret)
    source.write_text("\n\n".join(["危险的标题", "文 / 记者", *lines]) + "\n", "utf-8")
    (tmp_path / "in" / "hostile.toml").write_text(
        f'[meta]\ntitle = "<img src=\\"{base}/meta.png\\">"\npublisher = "url({base}/p.png)"\n',
        "utf-8",
    )
    out = io.StringIO()
    AUDIT.active, AUDIT.connects, AUDIT.opened = True, [], []
    try:
        code = main(
            ["build", str(source), "-o", str(tmp_path / "out"), "-j", "1", "--embed-fonts",
             "--format", "epub,pdf,epub-vertical"],
            out, out,
        )  # fmt: skip
    finally:
        AUDIT.active = False
    assert code == 0, out.getvalue()
    assert requests == []
    assert AUDIT.connects == []
    assert str(secret) not in AUDIT.opened
    scratch = tempfile.gettempdir()
    allowed = allowed_prefixes(tmp_path)
    outside = [p for p in AUDIT.opened if p != scratch and not p.startswith(allowed)]
    assert outside == [], "\n".join(outside)
    built = sorted(p.name for p in (tmp_path / "out" / "hostile").iterdir())
    assert sum(name.endswith(".pdf") for name in built) == 2
    assert sum(name.endswith(".epub") for name in built) == 4


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_a_saved_page_is_read_without_fetching_its_resources(
    tmp_path: Path, server: tuple[str, list[str]], suffix: str
) -> None:
    """A saved page names its pictures, styles and scripts by URL: reading it loads none."""
    base, requests = server
    secret = tmp_path.parent / "secret-outside.css"
    secret.write_text("body { color: red }")
    hostile = hostile_lines(base, secret)
    if suffix == ".html":
        page = (
            f'<!DOCTYPE html><html><head><link rel="stylesheet" href="{base}/s.css">'
            f'<script src="{base}/s.js"></script><meta property="og:image" content="{base}/o.png">'
            f'<title>危险的标题</title></head><body><div id="js_content"><p>正文第一段。</p>'
            + "".join(f"<p>{line}</p>" for line in hostile)
            + f'<p><img data-src="{base}/lazy.png" src="file://{secret}"></p></div></body></html>'
        )
    else:
        page = (
            f"---\ntitle: 危险的标题\nurl: {base}/page\n---\n\n# 危险的标题\n\n正文第一段。\n\n"
            f"![图为一张从不加载的图片用来测试]({base}/img.png)\n\n[链接]({base}/link)\n\n"
            + "\n\n".join(hostile)
            + f"\n\n![]({secret.as_uri()})\n"
        )
    source = tmp_path / "in" / f"saved{suffix}"
    source.parent.mkdir()
    source.write_text(page, "utf-8")
    out = io.StringIO()
    AUDIT.active, AUDIT.connects, AUDIT.opened = True, [], []
    try:
        code = main(
            ["build", str(source), "-o", str(tmp_path / "out"), "-j", "1", "--format", "epub"],
            out,
            out,
        )
    finally:
        AUDIT.active = False
    assert code == 0, out.getvalue()
    assert requests == []
    assert AUDIT.connects == []
    assert str(secret) not in AUDIT.opened
