"""修改痕迹: the proof of a later stage marks every line that differs from the latest earlier stage.

    marks = stage_marks(issue, layout, stage, out)   # compare with the earlier record, if any
    write_pdf(marks.pages, …, proof=…)               # pages carry "change" proof notes
    marks.save()                                     # then record what this stage set

The marks are proof notes (display.ProofNote, kind "change"), drawn only by the
proof layer (render/marks.py): a print or web PDF never gets them.  A first
build, or a build identical to the earlier stage, adds no note at all, so its
proof is byte for byte what it was without this feature.

The live preview (`layout serve`, serve/live.py) draws ``stage_marks(...).pages``
and never saves; ``changed_lines(issue, layout, stage, output)`` lists the lines
to mark, ``mark_pages(...)`` gives the pages with their notes (see README).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from layout.display import PageLayout, ProofNote
from layout.editorial.diff import MOVED, REMOVED, IssueDiff, compare
from layout.editorial.stages import (
    FLOW, Line, StageRecord, capture, earlier_stage, load_record, save_record,
)
from layout.errors import InputError
from layout.model.issue import Issue
from layout.pages.compose import IssueLayout
from layout.pages.grid import DEFAULT_ASCENT, PageGrid

CHANGE, SUMMARY = "change", "changes"
# What each mark means, for the proof's legend: the kind of change → how it is drawn.
STYLE = {REMOVED: "caret", MOVED: "dashed"}


@dataclass(frozen=True)
class StageMarks:
    """One proof build's view of its stage: the record to keep, and the pages with their change marks.

    The record is captured from the layout when needed (saving it, or comparing with an earlier stage):
    the live preview, which never saves, skips it when there is nothing to compare with."""

    folder: Path
    issue: Issue
    layout: IssueLayout
    stage: str
    earlier: str | None
    diff: IssueDiff | None
    pages: tuple[PageLayout, ...]
    problem: str = ""  # why there are no marks although an earlier record exists (it could not be read)
    captured: tuple = ()  # (the record,) once captured

    @property
    def record(self) -> StageRecord:
        return self.captured[0] if self.captured else capture(self.issue, self.layout, self.stage)

    def save(self) -> Path:
        """Keep what this stage set (output/<issue>/stages/<stage>.json)."""
        return save_record(self.folder, self.record)


def stage_marks(issue: Issue, layout: IssueLayout, stage: str, folder: Path) -> StageMarks:
    """Capture this build, compare it with the latest earlier stage recorded in `folder` (output/<issue>/)."""
    earlier = earlier_stage(folder, stage)
    if earlier is None:
        return StageMarks(folder, issue, layout, stage, None, None, layout.pages)
    record = capture(issue, layout, stage)
    try:
        diff = compare(load_record(folder, earlier), record)
    except InputError as exc:
        return StageMarks(folder, issue, layout, stage, earlier, None, layout.pages, problem=exc.message, captured=(record,))
    return StageMarks(folder, issue, layout, stage, earlier, diff, mark_pages(issue, layout.pages, diff), captured=(record,))


def record_stage(issue: Issue, layout: IssueLayout, stage: str, folder: Path) -> Path:
    """Keep what a build set under `stage` without marking anything (the print file records 付印)."""
    return save_record(folder, capture(issue, layout, stage))


def changed_lines(issue: Issue, layout: IssueLayout, stage: str, output: Path) -> tuple[str | None, list[tuple[Line, str]]]:
    """(the earlier stage compared with, [(line, 改/增/删/移…), …]) for this composition (the tests read it).

    output: the output root (BuildOptions.output); nothing is written.
    """
    marks = stage_marks(issue, layout, stage, output / issue.id)
    return marks.earlier, (marks.diff.marked_lines() if marks.diff else [])


def mark_pages(issue: Issue, pages: tuple[PageLayout, ...], diff: IssueDiff) -> tuple[PageLayout, ...]:
    """The pages with a "change" proof note beside every changed line and a "changes" legend per marked page.

    Pages without a change are returned as they are (the same objects).
    """
    grid = PageGrid(issue.profile.format)
    by_page: dict[int, list[tuple[Line, str]]] = {}
    for line, kind in diff.marked_lines():
        by_page.setdefault(line.page, []).append((line, kind))
    out = []
    for page in pages:
        marked = by_page.get(page.number)
        if not marked:
            out.append(page)
            continue
        notes = [_note(issue, line, kind, grid) for line, kind in marked]
        legend = (f"修改痕迹（与{diff.old_stage}比）：本版 {len(marked)} 行。"
                  "红杠＝改动或增补，虚杠＝从别处移来，红三角＝此处有删节；详见 layout diff")
        notes.append(ProofNote(SUMMARY, 0.0, 0.0, 0.0, 0.0, legend))
        out.append(replace(page, proof=page.proof + tuple(notes)))
    return tuple(out)


def _note(issue: Issue, line: Line, kind: str, grid: PageGrid) -> ProofNote:
    """The line's box; a body line starts at its text column's edge (indents and hanging marks aside)."""
    x = grid.col_x(line.col) if line.kind == FLOW and line.x >= grid.col_x(line.col) else line.x
    top = line.y - DEFAULT_ASCENT * line.size
    return ProofNote(CHANGE, round(x, 2), round(top, 2), round(line.w, 2), line.size, STYLE.get(kind, "bar") + ":" + kind)
