"""The build report as the preview page shows it: frozen views of a build's results, or of a failed rebuild.

Apart from preview.py (page images, the HTML, the files) because both
`layout preview` and `layout serve` build these views, and they are plain data
read from the issue, the layout and the findings: no image, template or file
is touched here.  The one piece of HTML, ReportView.linked, turns a report
line's places (第2版 2D, x.txt:12) into links.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from layout.errors import InputError, InputErrors, LayoutError
from layout.model.article import Article
from layout.model.issue import Issue
from layout.model.profile import PrintSpec
from layout.pages.compose import IssueLayout
from layout.pages.results import SlotReport, SlotStatus
from layout.preflight.findings import Finding
from layout.report import change_lines, finding_lines, image_line, slot_line, warning_lines


@dataclass(frozen=True)
class SlotView:
    text: str
    kind: str  # over | under | full | jump | empty: a CSS class
    details: tuple[str, ...]
    page: int = 0
    box: str = ""  # "x,y,w,h": the slot on its page, as fractions of the trimmed page (opens the page there)


@dataclass(frozen=True)
class PageView:
    no: int
    name: str
    overset: bool
    slots: tuple[SlotView, ...]


@dataclass(frozen=True)
class ReportView:
    """The build report arranged for the page: overset first, then problems, then the rest."""

    title: str
    stage: str
    overset: tuple[str, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    pages: tuple[PageView, ...]
    checks: tuple[str, ...]
    sources: tuple[tuple[str, str], ...] = ()  # (file name as messages write it, path in the issue folder)
    boxes: tuple[tuple[int, str, str], ...] = ()  # (page, slot, "x,y,w,h") of every slot

    def linked(self, text: str, src: str = "") -> Markup:
        """A report line as HTML: “第2版 2D” opens page 2 at slot 2D, “x.txt:12” the file at line 12
        (src: the URL prefix of the source pages, "" for none)."""
        boxes, files = self._link_maps
        out = str(escape(text))

        def place(m: re.Match[str]) -> str:
            box = boxes.get((m.group(1), m.group(2)))
            if box is None:
                return m.group(0)
            return f'<a class="goto" href="#page-{m.group(1)}" data-page="{m.group(1)}" data-box="{box}">{m.group(0)}</a>'

        def source(m: re.Match[str]) -> str:
            path = files.get(m.group(1))
            if not src or path is None:
                return m.group(0)
            return f'<a class="src" href="{escape(src + path)}.html#L{m.group(2)}" target="_blank">{m.group(0)}</a>'

        out = _PLACE.sub(place, out, count=1)
        out = _SOURCE.sub(source, out)
        return Markup(out)

    @cached_property
    def _link_maps(self) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
        """linked's look-ups, built once per view: ("2", "2D") → box, file name → path in the issue folder."""
        return {(str(p), s): b for p, s, b in self.boxes}, dict(self.sources)


_PLACE = re.compile(r"第(\d+)版 ([0-9A-Za-z][0-9A-Za-z_-]*)")
_SOURCE = re.compile(r"([\w.\-]+\.(?:txt|yaml)):(\d+)")


def report_view(issue: Issue, layout: IssueLayout, findings: Sequence[Finding], stage: str | None = None,
                articles: Mapping[str, Article] | None = None) -> ReportView:
    reports = layout.reports
    over = tuple(slot_line(r) for r in reports if r.status is SlotStatus.OVER)
    errors = tuple(finding_lines(findings, "error"))
    warnings = tuple(finding_lines(findings, "warning"))
    warnings += tuple(warning_lines(layout))
    notes = tuple(f"{r.slot}：{n}" for r in reports for n in r.notes)
    notes += tuple(f"规范化 {line}" for line in change_lines(layout, articles)[0])
    checks = tuple(finding_lines(findings, "info"))  # as report.txt lists them: not the per-slot ones
    boxes = slot_boxes(issue, layout)
    pages = tuple(_page_view(page.no, page.name, [r for r in reports if r.page == page.no], issue.profile.print, boxes)
                  for page in issue.pages)
    title = f"《{issue.profile.edition.title}》第{issue.number}期 {issue.date.isoformat()}"
    sources = tuple(sorted({(slot.article.name, _relative(slot.article, [issue.folder]))
                            for page in issue.pages for slot in page.slots if slot.article is not None}))
    return ReportView(title, stage or issue.proof_stage, over, errors, warnings, notes, pages, checks,
                      sources + (("issue.yaml", "issue.yaml"),), tuple((p, s, b) for (p, s), b in boxes.items()))


def slot_boxes(issue: Issue, layout: IssueLayout) -> dict[tuple[int, str], str]:
    """(page, slot) → "x,y,w,h": where each slot is on its page, as fractions of the trimmed page."""
    from layout.pages.grid import PageGrid

    grid = PageGrid(issue.profile.format)
    out = {}
    for page, drawn in zip(layout.planned or issue.pages, layout.pages):
        for slot in page.slots:
            if slot.grid is None:
                continue
            x, y, w, h = grid.rect(slot.grid)
            out[(page.no, slot.id)] = ",".join(f"{v:.4f}" for v in (x / drawn.width, y / drawn.height,
                                                                      w / drawn.width, h / drawn.height))
    return out


def _page_view(no: int, name: str, reports: list[SlotReport], spec: PrintSpec,
               boxes: Mapping[tuple[int, str], str]) -> PageView:
    slots = tuple(SlotView(slot_line(r), r.status.value, tuple(image_line(i, spec) for i in r.images), no,
                           boxes.get((no, r.slot), "")) for r in reports)
    return PageView(no, name, any(r.status is SlotStatus.OVER for r in reports), slots)


@dataclass(frozen=True)
class ErrorItem:
    where: str
    message: str
    hint: str | None = None
    source: str = ""  # "articles/a.txt.html#L3": the file at its line, under the live server's /src/


@dataclass(frozen=True)
class ErrorView:
    """A failed rebuild as the editor reads it: which file and line, what is wrong, what to do."""

    title: str
    items: tuple[ErrorItem, ...]
    at: str


def error_view(exc: BaseException, roots: Iterable[Path] = ()) -> ErrorView:
    """LayoutError → the file (relative to the issue or repository folder), line, key, message and hint."""
    at = dt.datetime.now().strftime("%H:%M:%S")
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    items = []
    for e in errors:
        if isinstance(e, InputError):
            relative = _relative(Path(e.path), roots)
            where = relative + (f" 第{e.line}行" if e.line else "") + (f" {e.where}" if e.where else "")
            source = f"{relative}.html#L{e.line or 1}" if relative != str(e.path) and relative.endswith((".txt", ".yaml", ".j2")) else ""
            items.append(ErrorItem(where, e.message, e.hint, source))
        else:
            items.append(ErrorItem("", str(e) or type(e).__name__))
    title = "输入有错，版面停在上一次成功的排版" if isinstance(exc, LayoutError) else "内部错误 (internal error)，版面停在上一次成功的排版"
    return ErrorView(title, tuple(items), at)


def _relative(path: Path, roots: Iterable[Path]) -> str:
    for root in roots:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            continue
    return str(path)
