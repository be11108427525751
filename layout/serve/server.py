"""What the browser gets from `layout serve`: the page, the state as JSON, images by content hash, and
an event stream.

Why the standard library: one editor on one machine needs a handful of GET
routes and one event stream; http.server + threading does that with nothing
to install, and Server-Sent Events are plain text over a kept-open response.
URLs carry the content hash, so an image URL never changes meaning.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from layout.preview import (
    PageImage, PageLink, SpreadLink, render, render_page, source_html, spread_pairs, spread_png, trim_box, trim_size,
)
from layout.reportview import ReportView
from layout.serve.live import LivePreview, LiveState

SSE_PING_SECONDS = 15.0
SOURCE = "/src/"  # /src/articles/a.txt.html: an issue or profile file with numbered lines (#L12)


def page_links(state: LiveState) -> list[PageLink]:
    return [PageLink(i.no, state.names.get(i.no, ""), f"/img/{i.digest}.png", f"/img/{i.thumb_digest}.png",
                     i.size, i.no in state.overset, trim_size(i), trim_box(i)) for i in state.pages]


def spread_links(links: list[PageLink], state: LiveState) -> list[SpreadLink]:
    by_no = {l.no: l for l in links}
    digest = {i.no: i.digest for i in state.pages}
    return [SpreadLink(by_no[a], by_no[b], f"/spread/{digest[a]}-{digest[b]}.png")
            for a, b in spread_pairs(len(state.pages)) if a in by_no and b in by_no]


def state_json(state: LiveState) -> bytes:
    links = page_links(state)
    data = {
        "version": state.version,
        "status": state.status,
        "pages": [{"no": l.no, "full": l.full, "thumb": l.thumb, "overset": l.overset} for l in links],
        "spreads": [{"key": f"{s.left.no}-{s.right.no}", "full": s.full} for s in spread_links(links, state)],
        "report_html": render("_report.html.j2", report=state.report, src=SOURCE) if state.report else "",
        "error_html": render("_error.html.j2", error=state.error, src=SOURCE),
        "error": None if state.error is None else [e.__dict__ for e in state.error.items],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def index_html(state: LiveState) -> bytes:
    report = state.report or ReportView("（尚未排出）", "", (), (), (), (), (), ())
    links = page_links(state)
    html = render_page(report, links, spread_links(links, state), built=state.status,
                       links={"pdf": "/proof.pdf"}, error=state.error, live=True, version=state.version, src=SOURCE)
    return html.encode("utf-8")


def find_image(state: LiveState, previous: LiveState | None, digest: str) -> tuple[PageImage, bool] | None:
    """(page image, is it the thumbnail) by content hash, from this build or the one before (requests in flight)."""
    for s in (state, previous):
        for image in s.pages if s else ():
            if image.digest == digest:
                return image, False
            if image.thumb_digest == digest:
                return image, True
    return None


class PreviewServer(ThreadingHTTPServer):
    """Binds to 127.0.0.1 only: the preview shows unpublished pages and must not be reachable from the network."""

    daemon_threads = True

    def __init__(self, live: LivePreview, port: int):
        super().__init__(("127.0.0.1", port), Handler)
        self.live = live
        self.stopping = threading.Event()
        self.previous: LiveState | None = None
        self.spreads: dict[str, bytes] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urlsplit(self.path).path
        live = self.server.live
        try:
            if path in ("/", "/index.html"):
                self._send(index_html(live.state), "text/html; charset=utf-8", cache=False)
            elif path == "/state.json":
                self._send(state_json(live.state), "application/json; charset=utf-8", cache=False)
            elif path == "/events":
                self._events()
            elif path.startswith("/img/") and path.endswith(".png"):
                self._image(path[5:-4])
            elif path.startswith("/spread/") and path.endswith(".png"):
                self._spread(path[8:-4])
            elif path == "/proof.pdf":
                self._proof()
            elif path.startswith(SOURCE) and path.endswith(".html"):
                self._source(unquote(path[len(SOURCE):-5]))
            else:
                self.send_error(HTTPStatus.NOT_FOUND, None, "没有这个页面 (not found)")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, body: bytes, kind: str, *, cache: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # Content-addressed images never change; everything else must be asked for again.
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if cache else "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _image(self, digest: str) -> None:
        found = find_image(self.server.live.state, self.server.previous, digest)
        if found is None:
            self.send_error(HTTPStatus.NOT_FOUND, None, "图片已过期 (stale image)")
        else:
            image, thumb = found
            self._send(image.thumb if thumb else image.png, "image/png", cache=True)

    def _spread(self, key: str) -> None:
        """Spreads are put together on request: few editors open them after every save."""
        cache = self.server.spreads
        if key not in cache:
            left, _, right = key.partition("-")
            state, previous = self.server.live.state, self.server.previous
            a, b = find_image(state, previous, left), find_image(state, previous, right)
            if a is None or b is None or a[1] or b[1]:
                self.send_error(HTTPStatus.NOT_FOUND, None, "图片已过期 (stale image)")
                return
            if len(cache) > 8:
                cache.clear()
            cache[key] = spread_png(a[0], b[0])
        self._send(cache[key], "image/png", cache=True)

    def _source(self, relative: str) -> None:
        """A text file of the issue (articles/a.txt) or of the paper profile (wutong/paper.yaml), never anything
        outside those folders (resolve_inside refuses .. and links out)."""
        from layout.model.paths import PathProblem, resolve_inside

        roots = self.server.live.source_roots()
        for root in roots:
            try:
                path = resolve_inside(relative, root, what="文件")
            except PathProblem:
                continue
            if path.suffix in (".txt", ".yaml", ".j2"):
                self._send(source_html(path, relative), "text/html; charset=utf-8", cache=False)
                return
        self.send_error(HTTPStatus.NOT_FOUND, None, "没有这个文件 (not found)")

    def _proof(self) -> None:
        pdf = self.server.live.proof_pdf()
        if pdf is None:
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, None, "还没有排版成功的校样 (no good build yet)")
        else:
            self._send(pdf.read_bytes(), "application/pdf", cache=False)

    def _events(self) -> None:
        """Server-Sent Events: an `update` with the state version after every rebuild, a comment as keep-alive."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        live, seen = self.server.live, -1
        while not self.server.stopping.is_set():
            version = live.wait(seen, SSE_PING_SECONDS)
            message = f"event: update\ndata: {version}\n\n" if version != seen else ": ping\n\n"
            self.wfile.write(message.encode("utf-8"))
            self.wfile.flush()
            seen = version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 — quiet: the console shows rebuilds, not GETs
        pass
