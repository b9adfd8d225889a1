"""`publish serve`: a local preview that rebuilds as the inputs change and writes fixes.

It serves the build folder (the catalogue, each issue's review page, the EPUB unzipped as a
reading view, the PDF), rebuilds an input when it, its sidecar, `publish.toml`, the templates
or the styles change, and reloads the open page. A control on the review page posts its
`[[fix]]`, which is written into the input's sidecar (tomlkit: the sidecar's other content and
its comments are kept) and so rebuilds the issue.

The server can write files, so it is no door for other web pages or users:
- it listens on 127.0.0.1 only, and answers only requests whose Host is that address or
  `localhost` with its port (no DNS rebinding);
- every request needs the run's token (printed in the URL, kept in a same-site cookie), so
  another local user or a page elsewhere cannot read the preview;
- a write must come from the preview's own origin (the Origin header), may only add a fix to
  the sidecar of an input being served, and is checked as the build would check it;
- nothing outside the build folder is read: a path that leaves it is refused (403).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import secrets
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from publish.build.batch import build_all
from publish.build.incremental import environment_digest
from publish.build.request import BuildRequest
from publish.config import load_config, sidecar_path
from publish.errors import ConfigError
from publish.fixes import parse_fixes
from publish.files import write_text_atomic
from publish.render.context import STYLES_DIR, TEMPLATES_DIR

COOKIE = "publish_token"
_EPUB_LINK = re.compile(rb'href="([^"]+)\.epub"')
MAX_BODY = 64 * 1024
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xhtml": "application/xhtml+xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".otf": "font/otf",
    ".opf": "application/oebps-package+xml",
    ".ncx": "application/x-dtbncx+xml",
}
# Live reload, and the token for the review page's writes: put into every page served.
_LIVE = """<script>window.PUBLISH_TOKEN = %s;
(function () {
  const built = %d;  // the build this page comes from: any later one reloads it
  setInterval(async function () {
    try {
      const now = (await (await fetch("/_publish/version")).json()).version;
      if (now !== built) location.reload();
    } catch (error) { /* the server is rebuilding or gone */ }
  }, 500);
})();</script>"""


@dataclass
class Preview:
    """What is served, and the rebuilds."""

    inputs: list[Path]
    out_root: Path
    project: Path  # where publish.toml is
    request: BuildRequest
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    port: int = 8000
    version: int = 0
    last_build: float = 0.0  # seconds the last rebuild took
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def ids(self) -> dict[str, Path]:
        return {path.stem: path for path in self.inputs}

    def watched(self) -> Iterator[Path]:
        for path in self.inputs:
            yield path
            yield sidecar_path(path)
        yield self.project / "publish.toml"
        for folder in (TEMPLATES_DIR, STYLES_DIR):
            yield from sorted(folder.rglob("*"))

    def snapshot(self) -> dict[Path, int]:
        stamps = {}
        for path in self.watched():
            with contextlib.suppress(OSError):
                stamps[path] = path.stat().st_mtime_ns
        return stamps

    def rebuild(self) -> None:
        """Build what changed (the others are current), then tell the open pages."""
        start = time.perf_counter()
        with self.lock:
            environment_digest.cache_clear()  # templates and styles may have changed
            config = load_config(self.project)
            build_all(self.inputs, config=config, request=self.request, jobs=1)
            self.last_build = time.perf_counter() - start
            self.version += 1

    def watch(self, stop: threading.Event, interval: float = 0.3) -> None:
        seen = self.snapshot()
        while not stop.wait(interval):
            now = self.snapshot()
            if now != seen:
                seen = now
                with contextlib.suppress(Exception):  # a bad edit is in the report; go on
                    self.rebuild()

    def add_fix(self, page: str, fix: dict[str, Any]) -> Path:
        """Write one fix into the sidecar of the input whose page this is."""
        import tomlkit  # noqa: PLC0415 - only a write needs it

        input_id = page.strip("/").split("/", 1)[0]
        source = self.ids.get(input_id)
        if source is None:
            raise PermissionError(f"not a served input: {input_id!r}")
        entry = {k: v for k, v in fix.items() if k in ("kind", "at", "value") and v}
        sidecar = sidecar_path(source)
        parse_fixes([entry], sidecar)  # as the build will read it: a ConfigError if not
        with self.lock:
            text = sidecar.read_text("utf-8") if sidecar.exists() else ""
            document = tomlkit.parse(text)
            tables = document.get("fix")
            if tables is None:
                tables = tomlkit.aot()
                document.append("fix", tables)
            table = tomlkit.table()
            for key, value in entry.items():
                table.add(key, value)
            tables.append(table)
            write_text_atomic(sidecar, tomlkit.dumps(document))
        return sidecar


class Handler(http.server.BaseHTTPRequestHandler):
    """One request to the preview (the `preview` attribute is set per server)."""

    preview: Preview
    server_version = "publish-serve"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass  # the terminal shows rebuilds, not every request

    # --- checks ---------------------------------------------------------------------------

    def _host_ok(self) -> bool:
        port = self.preview.port
        return self.headers.get("Host", "") in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _token_ok(self, query: dict[str, list[str]]) -> bool:
        given = query.get("token", [""])[0] or self.headers.get("X-Publish-Token", "")
        cookies = self.headers.get("Cookie", "")
        for part in cookies.split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                given = given or value
        return secrets.compare_digest(given.encode(), self.preview.token.encode())

    def _origin_ok(self) -> bool:
        port = self.preview.port
        return self.headers.get("Origin", "") in {f"http://127.0.0.1:{port}",
                                                  f"http://localhost:{port}"}  # fmt: skip

    def _refuse(self, why: str) -> None:
        self.send_response(HTTPStatus.FORBIDDEN)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        body = f"forbidden: {why}\n".encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _inside(self, relative: str) -> Path | None:
        """The file a URL path names inside the build folder, or None when it leaves it."""
        if "\x00" in relative or any(part == ".." for part in relative.split("/")):
            return None
        root = self.preview.out_root.resolve()
        target = (root / relative.lstrip("/")).resolve()
        return target if target == root or root in target.parents else None

    # --- requests -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._host_ok():
            return self._refuse("unknown Host")
        if not self._token_ok(query):
            return self._refuse("no token: open the address publish serve printed")
        extra = {"Set-Cookie": f"{COOKIE}={self.preview.token}; Path=/; HttpOnly; SameSite=Strict"}
        path = unquote(url.path)
        if path == "/_publish/version":
            body = json.dumps({"version": self.preview.version}).encode()
            return self._send(HTTPStatus.OK, body, _TYPES[".json"], extra)
        if path == "/":
            path = "/index.html"
        if ".epub/" in path or path.endswith(".epub/"):
            return self._epub_member(path, extra)
        target = self._inside(path)
        if target is None:
            return self._refuse("outside the build folder")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", extra)
        self._file(target.name, target.read_bytes(), extra)

    def _file(self, name: str, data: bytes, extra: dict[str, str]) -> None:
        suffix = Path(name).suffix.lower()
        kind = _TYPES.get(suffix, "application/octet-stream")
        if suffix == ".html":
            live = (_LIVE % (json.dumps(self.preview.token), self.preview.version)).encode()
            data = data.replace(b"</body>", live + b"\n</body>", 1)
            # The catalogue's EPUB links open the reading view instead of a download.
            data = _EPUB_LINK.sub(rb'href="\1.epub/"', data)
        self._send(HTTPStatus.OK, data, kind, extra)

    def _epub_member(self, path: str, extra: dict[str, str]) -> None:
        """An EPUB read in the browser: its files served from inside the zip."""
        book, _, member = path.partition(".epub/")
        target = self._inside(book + ".epub")
        if target is None:
            return self._refuse("outside the build folder")
        if not member:  # the reading view opens at the book's contents (links are relative)
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", f"{book}.epub/EPUB/nav.xhtml")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        try:
            with zipfile.ZipFile(target) as zf:
                data = zf.read(member)
        except (OSError, KeyError, zipfile.BadZipFile):
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", extra)
        self._file(member, data, extra)

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        url = urlsplit(self.path)
        if not self._host_ok():
            return self._refuse("unknown Host")
        if not self._origin_ok():
            return self._refuse("a write must come from the preview's own pages")
        if not self._token_ok(parse_qs(url.query)):
            return self._refuse("no token")
        if url.path != "/fix":
            return self._refuse("the only write is /fix")
        length = self.headers.get("Content-Length", "0") or "0"
        if not length.isdigit() or int(length) > MAX_BODY:
            return self._refuse("a fix is a small JSON body")
        size = int(length)
        try:
            posted = json.loads(self.rfile.read(size))
            sidecar = self.preview.add_fix(str(posted["page"]), dict(posted["fix"]))
        except PermissionError as exc:
            return self._refuse(str(exc))
        except (ValueError, KeyError, TypeError, ConfigError) as exc:
            message = f"not a fix: {exc}\n".encode()
            return self._send(HTTPStatus.BAD_REQUEST, message, "text/plain; charset=utf-8")
        body = json.dumps({"written": sidecar.name}).encode()
        self._send(HTTPStatus.OK, body, _TYPES[".json"])


def make_server(preview: Preview) -> http.server.ThreadingHTTPServer:
    """The preview's server on 127.0.0.1 (port 0: any free port, for tests)."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", preview.port), handler)
    preview.port = server.server_address[1]
    return server


def serve(
    inputs: Sequence[Path], out_root: Path, project: Path, request: BuildRequest, port: int
) -> tuple[http.server.ThreadingHTTPServer, Preview, threading.Event]:
    """Build, then serve and watch (the caller runs `serve_forever`, then sets the event)."""
    preview = Preview(list(inputs), out_root, project, request, port=port)
    preview.rebuild()
    server = make_server(preview)
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    return server, preview, stop
