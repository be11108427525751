"""The warm rebuild of `layout serve`: the issue kept composed in one process, only changed pages redrawn.

    compose (warm: fonts, set_paragraph cache) ─▶ pages whose display list changed
        ─▶ one PDF of just those pages ─▶ PNGs ─▶ new LiveState (the browser is told by server.py)

A failed rebuild (broken YAML, unknown key, GBK article, missing image…)
publishes the error with the last good page images, so the editor keeps
seeing the pages while fixing the file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Hashable, Iterable, Mapping

from layout.build import OUTPUT_DIR, compose, proof_stamp, write_issue_proof
from layout.display import PageLayout, Picture
from layout.editorial.proofmarks import stage_marks
from layout.errors import LayoutError
from layout.outdir import issue_output
from layout.model.issue import Issue
from layout.model.paths import relative_name
from layout.model.profile import profile_dir
from layout.pages.compose import IssueLayout
from layout.preview import DEFAULT_DPI, PageImage, rasterise
from layout.reportview import ErrorView, ReportView, error_view, report_view


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
        self._pages: dict = {}  # composed pages kept between rebuilds (compose_issue's memo)
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
                if not all(_article_text(c) for c in changed) or not changed:
                    self._pages.clear()  # the profile, templates, issue file or an image: compose everything
                issue, articles, fonts, layout, findings = compose(self.folder, self._pages)
                self.profile_folder = issue.profile.folder
                # 修改痕迹 against the latest earlier stage a build recorded (never recorded here: only builds do)
                marks = stage_marks(issue, layout, self.proof_stage or issue.proof_stage, issue_output(self.folder, issue.profile.name, self.output))
                layout = replace(layout, pages=marks.pages)
                drawn = self._draw(issue, fonts, layout)
            except Exception as exc:  # noqa: BLE001 — a bug must not stop the server; the page says what broke
                if not isinstance(exc, LayoutError):
                    traceback.print_exc()
                return self._publish(error=error_view(exc, self._display_roots()), drawn=(),
                                     status=self._status("重排失败", changed, (), started))
            self._good = (issue, fonts, layout)
            report = report_view(issue, layout, findings, self.proof_stage or issue.proof_stage, articles)
            state = self._publish(
                report=report, pages=tuple(self._rendered[p.number].image for p in layout.pages),
                names={p.no: p.name for p in issue.pages}, error=None,
                overset=layout.overset_pages, drawn=drawn,
                status=self._status("已更新", changed, drawn, started))
        _encode_later([i for i in state.pages if i.no in drawn])
        return state

    def _draw(self, issue: Issue, fonts: Mapping, layout: IssueLayout) -> tuple[int, ...]:
        """Write one PDF holding only the pages whose key changed, rasterise it, keep the rest."""
        pages = layout.pages
        timeless = proof_stamp(issue, self.proof_stage, time="")
        keys = {p.number: page_key(p, timeless) for p in pages}
        todo = [p for p in pages if p.number not in self._rendered or self._rendered[p.number].key != keys[p.number]]
        if todo:
            pdf = self._tmp / "pages.pdf"
            write_issue_proof(issue, layout, fonts, pdf, self.proof_stage, pages=tuple(todo))
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
        files = [relative_name(Path(c), self._display_roots(), Path(c).name) for c in changed]
        text = f"{what} {dt.datetime.now():%H:%M:%S}"
        if files:
            text += "，改动 " + "、".join(files[:3]) + ("等" if len(files) > 3 else "")
        if drawn:
            text += "，重绘第" + "、".join(map(str, drawn)) + "版"
        return text + f"（{time.perf_counter() - started:.2f} 秒）"

    def source_roots(self) -> tuple[Path, ...]:
        """Where /src/ may read from: the issue folder and the folder of paper profiles (as error messages name them)."""
        return self._display_roots()

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
            path = issue_output(self.folder, issue.profile.name, self.output) / f"{issue.id}-proof.pdf"
            write_issue_proof(issue, layout, fonts, path, self.proof_stage)
            return path


def _article_text(path: str) -> bool:
    """Is this changed file an article's text (the only change whose effect stays on its own pages)?"""
    p = Path(path)
    return p.suffix.lower() == ".txt" and p.parent.name == "articles"


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
