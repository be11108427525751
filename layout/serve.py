"""`layout serve`: a live preview on 127.0.0.1 that rebuilds when an issue or paper-profile file is saved.

    Watcher (polls mtimes) ─▶ LivePreview.rebuild ─▶ compose (warm: fonts, set_paragraph cache)
                                                   ─▶ pages whose display list changed
                                                   ─▶ one PDF of just those pages ─▶ PNGs
                                                   ─▶ new LiveState ─▶ SSE "update" ─▶ live.js swaps images

Why the standard library: one editor on one machine needs a handful of GET
routes and one event stream; http.server + threading does that with nothing
to install, and Server-Sent Events are plain text over a kept-open response.
Why polling: an issue is ~50 files, a stat of all of them every 0.2 s costs
well under a millisecond, and it works the same everywhere (no inotify
dependency, no editor-specific rename tricks to handle).

A failed rebuild (broken YAML, unknown key, GBK article, missing image…)
publishes the error with the last good page images, so the editor keeps
seeing the pages while fixing the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Hashable, Iterable, Mapping
from urllib.parse import urlsplit

from layout.build import OUTPUT_DIR, BuildOptions, compose, document_info, input_time, proof_stamp
from layout.display import PageLayout, Picture
from layout.errors import InputError, LayoutError
from layout.model.issue import Issue
from layout.model.profile import profile_dir
from layout.preview import (
    DEFAULT_DPI, ErrorView, PageImage, PageLink, ReportView, SpreadLink, dpi_argument, error_view, rasterise,
    render, render_page, report_view, spread_pairs, spread_png, trim_size,
)
from layout.render.pdf import write_pdf
from layout.render.pdfx import PrintSettings

POLL_SECONDS = 0.1
SSE_PING_SECONDS = 15.0

Snapshot = Mapping[str, tuple[int, int]]


# --------------------------------------------------------------------------
# Change detection: mtimes and sizes, polled


def _ignored(name: str) -> bool:
    """Editor droppings and our own temp files: saving them must not trigger a rebuild."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))


def snapshot(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every file under the roots; files that vanish mid-walk are skipped."""
    out: dict[str, tuple[int, int]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not _ignored(d))
            for name in files:
                if _ignored(name):
                    continue
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_mtime_ns, st.st_size)
    return out


def changes(old: Snapshot, new: Snapshot) -> tuple[str, ...]:
    """Paths added, removed or modified between two snapshots."""
    return tuple(sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p)))


class Watcher:
    """Polls the roots; `poll()` returns what changed since the previous poll.

    The snapshot is taken *before* the caller rebuilds, so a file saved during
    a rebuild shows up at the next poll and triggers another one.
    """

    def __init__(self, roots: Callable[[], Iterable[Path]]):
        self.roots = roots
        self.last: Snapshot = snapshot(roots())

    def poll(self) -> tuple[str, ...]:
        current = snapshot(self.roots())
        changed = changes(self.last, current)
        self.last = current
        return changed


# --------------------------------------------------------------------------
# The warm rebuild


@dataclass(frozen=True)
class RenderedPage:
    """A page image and what it was drawn from: same key ⇒ same pixels, no need to draw again."""

    key: tuple
    image: PageImage


@dataclass(frozen=True)
class LiveState:
    """What the browser sees; replaced as a whole after every rebuild (handlers read it without locks)."""

    version: int = 0
    report: ReportView | None = None
    pages: tuple[PageImage, ...] = ()
    names: Mapping[int, str] = field(default_factory=dict)
    overset: frozenset[int] = frozenset()
    error: ErrorView | None = None
    status: str = "正在排版…"
    drawn: tuple[int, ...] = ()  # pages re-rendered by the last rebuild


def page_key(page: PageLayout, proof: Hashable) -> tuple:
    """The page's display list, the proof layer's wording (stage, stamp) and the state of its image files.

    The stamp's time is left out of `proof` on purpose: it changes with every
    save, and re-drawing all pages for it would defeat the point.  A page keeps
    the time of the build that last changed it; the header shows the current one.
    """
    files = []
    for item in page.items:
        if isinstance(item, Picture):
            try:
                st = os.stat(item.path)
                files.append((item.path, st.st_mtime_ns, st.st_size))
            except OSError:
                files.append((item.path, 0, 0))
    return (page, proof, tuple(files))


class LivePreview:
    """The issue kept composed in a warm process; `rebuild()` redraws only the pages that changed."""

    def __init__(self, folder: Path, dpi: int = DEFAULT_DPI, proof_stage: str | None = None, output: Path = OUTPUT_DIR):
        self.folder = Path(folder)
        self.dpi = dpi
        self.proof_stage = proof_stage
        self.output = output
        # Versions start from the clock: after a restart of the server, an open page's
        # EventSource reconnects and sees a higher version than it had, so it refreshes.
        self.state = LiveState(version=time.time_ns() // 1_000_000)
        self.changed = threading.Condition()
        self.profile_folder: Path | None = None
        self._rendered: dict[int, RenderedPage] = {}
        self._good: tuple | None = None  # (issue, fonts, layout) of the last good build, for /proof.pdf
        self._lock = threading.Lock()  # one rebuild or proof PDF at a time (ReportLab canvases, PDFium)
        self._tmp = Path(tempfile.mkdtemp(prefix="layout-serve-"))
        self.closed = False

    def roots(self) -> tuple[Path, ...]:
        """The issue folder and the paper profile (last known; guessed from issue.yaml before the first good build)."""
        profile = self.profile_folder or _guess_profile(self.folder)
        return (self.folder,) + ((profile,) if profile and profile.is_dir() else ())

    def rebuild(self, changed: Iterable[str] = ()) -> LiveState:
        started = time.perf_counter()
        with self._lock:
            try:
                issue, _articles, fonts, layout, findings = compose(self.folder)
                self.profile_folder = issue.profile.folder
                drawn = self._draw(issue, fonts, layout.pages)
            except Exception as exc:  # noqa: BLE001 — a bug must not stop the server; the page says what broke
                if not isinstance(exc, LayoutError):
                    traceback.print_exc()
                return self._publish(error=error_view(exc, self._display_roots()), drawn=(),
                                     status=self._status("重排失败", changed, (), started))
            self._good = (issue, fonts, layout)
            report = report_view(issue, layout, findings, self.proof_stage or issue.proof_stage)
            state = self._publish(
                report=report, pages=tuple(self._rendered[p.number].image for p in layout.pages),
                names={p.no: p.name for p in issue.pages}, error=None,
                overset=frozenset(r.page for r in layout.reports if r.over_lines), drawn=drawn,
                status=self._status("已更新", changed, drawn, started))
        _encode_later([i for i in state.pages if i.no in drawn])
        return state

    def _draw(self, issue: Issue, fonts: Mapping, pages: tuple[PageLayout, ...]) -> tuple[int, ...]:
        """Write one PDF holding only the pages whose key changed, rasterise it, keep the rest."""
        stamp = proof_stamp(issue, BuildOptions(proof_stage=self.proof_stage))
        timeless = (stamp.stage, stamp.text.replace(input_time(issue).strftime("%Y-%m-%d %H:%M"), ""))
        keys = {p.number: page_key(p, timeless) for p in pages}
        todo = [p for p in pages if p.number not in self._rendered or self._rendered[p.number].key != keys[p.number]]
        if todo:
            pdf = self._tmp / "pages.pdf"
            write_pdf(todo, pdf, fonts, settings=PrintSettings(pdfx=False), info=document_info(issue), proof=stamp)
            for image in rasterise(pdf, [p.number for p in todo], self.dpi):
                self._rendered[image.no] = RenderedPage(keys[image.no], image)
        for number in set(self._rendered) - set(keys):
            del self._rendered[number]
        return tuple(p.number for p in todo)

    def _publish(self, **changes) -> LiveState:
        with self.changed:
            self.state = replace(self.state, version=self.state.version + 1, **changes)
            self.changed.notify_all()
        return self.state

    def _status(self, what: str, changed: Iterable[str], drawn: tuple[int, ...], started: float) -> str:
        files = [_relative_name(Path(c), self._display_roots()) for c in changed]
        text = f"{what} {dt.datetime.now():%H:%M:%S}"
        if files:
            text += "，改动 " + "、".join(files[:3]) + ("等" if len(files) > 3 else "")
        if drawn:
            text += "，重绘第" + "、".join(map(str, drawn)) + "版"
        return text + f"（{time.perf_counter() - started:.2f} 秒）"

    def _display_roots(self) -> tuple[Path, ...]:
        """Issue files are named from the issue folder (articles/…), profile files from templates/ (wutong/…)."""
        roots = self.roots()
        return roots[:1] + tuple(r.parent for r in roots[1:])

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the state's version differs from `seen` (or the timeout); return the version."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != seen or self.closed, timeout)
            return self.state.version

    def close(self) -> None:
        """Wake every waiting event stream so it can end, and remove the scratch folder."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def proof_pdf(self) -> Path | None:
        """The whole proof PDF of the last good build, written on request (not on every save)."""
        with self._lock:
            if self._good is None:
                return None
            issue, fonts, layout = self._good
            path = self.output / issue.id / f"{issue.id}-proof.pdf"
            write_pdf(layout.pages, path, fonts, settings=PrintSettings(pdfx=False), info=document_info(issue),
                      proof=proof_stamp(issue, BuildOptions(proof_stage=self.proof_stage)))
            return path


def _encode_later(images: list[PageImage]) -> None:
    """Full-size PNGs in the background: the browser asks for thumbnails first, and for a full page only when opened."""
    if images:
        threading.Thread(target=lambda: [i.png for i in images], name="encode-png", daemon=True).start()


def _guess_profile(folder: Path) -> Path | None:
    """The `paper:` line of issue.yaml, read loosely: the YAML itself may be what is broken."""
    try:
        for line in (folder / "issue.yaml").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("paper:"):
                name = line.split(":", 1)[1].split("#")[0].strip().strip("'\"")
                return profile_dir(name) if name else None
    except OSError:
        return None
    return None


def _relative_name(path: Path, roots: Iterable[Path]) -> str:
    for root in roots:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    return path.name


# --------------------------------------------------------------------------
# What the browser gets: URLs carry the content hash, so an image URL never changes meaning


def page_links(state: LiveState) -> list[PageLink]:
    return [PageLink(i.no, state.names.get(i.no, ""), f"/img/{i.digest}.png", f"/img/{i.thumb_digest}.png",
                     i.size, i.no in state.overset, trim_size(i)) for i in state.pages]


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
        "report_html": render("_report.html.j2", report=state.report) if state.report else "",
        "error_html": render("_error.html.j2", error=state.error),
        "error": None if state.error is None else [e.__dict__ for e in state.error.items],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def index_html(state: LiveState) -> bytes:
    report = state.report or ReportView("（尚未排出）", "", (), (), (), (), (), ())
    links = page_links(state)
    html = render_page(report, links, spread_links(links, state), built=state.status,
                       links={"pdf": "/proof.pdf"}, error=state.error, live=True, version=state.version)
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


# --------------------------------------------------------------------------
# HTTP


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


# --------------------------------------------------------------------------
# Command line


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, help="本期文件夹，如 issues/2026-12")
    p.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 = 任选空闲端口）")
    p.add_argument("--dpi", type=dpi_argument, default=DEFAULT_DPI, help=f"图片分辨率（默认 {DEFAULT_DPI} dpi）")
    p.add_argument("--proof", metavar="STAGE", help="校次，如 三校（默认取 issue.yaml 的 proof_stage）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="“校样 PDF”链接写到的输出文件夹（默认 output/）")


def cli_serve(args: argparse.Namespace) -> int:
    folder = Path(args.issue)
    if not folder.is_dir():  # a broken issue.yaml is fine (the editor is about to fix it); no folder is not
        raise InputError(folder, "找不到这一期的文件夹 (issue folder not found)", hint="写 issues/2026-12 这样的路径")
    live = LivePreview(folder, args.dpi, args.proof, args.output)
    watcher = Watcher(live.roots)
    state = live.rebuild()
    try:
        server = PreviewServer(live, args.port)
    except OSError as exc:
        raise LayoutError(f"端口 {args.port} 用不了（{exc.strerror}）：换一个，如 --port 0 (port unavailable)") from None
    print(f"预览服务 (preview server): {server.url}", flush=True)
    print(state.status if state.error is None else f"{state.status}\n" + _error_text(state.error), flush=True)
    print("改稿保存后自动重排；按 Ctrl-C 停止 (Ctrl-C to stop)", flush=True)
    thread = threading.Thread(target=watch, args=(live, watcher, server), daemon=True)
    thread.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
    return 0


def watch(live: LivePreview, watcher: Watcher, server: PreviewServer) -> None:
    """The rebuild loop: poll, rebuild on change, report to the console."""
    while not server.stopping.wait(POLL_SECONDS):
        changed = watcher.poll()
        if not changed:
            continue
        server.previous = live.state
        state = live.rebuild(changed)
        print(state.status if state.error is None else f"{state.status}\n" + _error_text(state.error), flush=True)


def stop(server: PreviewServer) -> None:
    server.stopping.set()
    server.live.close()
    server.server_close()


def _error_text(error: ErrorView) -> str:
    return "\n".join(f"  错误: {e.where} {e.message}" + (f"\n    → {e.hint}" if e.hint else "") for e in error.items)
