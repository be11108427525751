"""What each proof stage set: every printed line of every article, with its page, slot, column and row.

A proof build records what it set under ``output/<issue>/stages/<stage>.json``
(一校.json, 二校.json …); `layout diff` compares two records, and the proof of a
later stage marks the lines that differ from the latest earlier record
(修改痕迹).  The record is read from the composed pages themselves (the display
list), so it is what the proof shows, not what the source files say.

How the display list is read back into articles:

* a glyph run belongs to the slot its tag names (the composer tags every run
  it sets: headline, body flow with its reading order, caption of which photo,
  jump line); runs without a slot are the page's furniture (报头、报眉、版权信息);
* runs on one baseline whose gap is under a third of an em form one line;
* a body line matching the paper's jump wording (“（上接第1版）”) is a jump line;
* an article that jumps is one story: its slot, then the slot it continues in.

The record is deterministic: sorted, rounded to 0.01 pt, written with fixed
separators, so an unchanged issue gives the same bytes.
"""

from __future__ import annotations

import json
from functools import lru_cache
import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from layout.display import GlyphRun
from layout.errors import InputError
from layout.jumplines import jump_page, jump_pattern
from layout.model.issue import PROOF_STAGES, STAGE_ALIASES, Issue, jump_sources
from layout.pages.compose import IssueLayout
from layout.pages.grid import PageGrid

FORMAT = 1
STAGE_ORDER = PROOF_STAGES + ("付印",)  # the proofs issue.yaml names (初校, 终校, 签样 as aliases), then the print file
HEAD, FLOW, CAPTION, JUMP, FURNITURE = "head", "flow", "caption", "jump", "furniture"
LINE_GAP_EM = 0.3
STAGES_DIR = "stages"


@dataclass(frozen=True)
class Line:
    """One printed line: kind, where it is (page, slot, basic column, grid row), its box and text.

    x, y: left end and baseline (points from the trim's top-left); w: width;
    size: the largest type size on the line.
    """

    kind: str
    page: int
    slot: str
    col: int
    row: int
    x: float
    y: float
    w: float
    size: float
    text: str
    group: int = 0  # captions: which picture (1, 2 … in the slot); furniture: each line its own number

    @property
    def place(self) -> str:
        """Where an editor finds it: 第3版 3C 第4栏第12行."""
        slot = f" {self.slot}" if self.slot else ""
        if self.kind == FURNITURE:
            return f"第{self.page}版 {'报眉' if self.row < 1 else '版面'}"
        if self.kind in (HEAD, CAPTION, JUMP):
            return f"第{self.page}版{slot} {({HEAD: '标题', CAPTION: '图说', JUMP: '转版行'})[self.kind]}"
        return f"第{self.page}版{slot} 第{self.col}栏第{self.row}行"

    def as_list(self) -> list:
        return [self.kind, self.page, self.slot, self.col, self.row, self.x, self.y, self.w, self.size, self.text,
                self.group]


@dataclass(frozen=True)
class Story:
    """An article as set (or a page's furniture): key = the article file relative to the issue folder."""

    key: str
    title: str
    slots: tuple[tuple[int, str], ...]
    lines: tuple[Line, ...]
    overset: int = 0  # lines that did not fit (超版): not on the page, so not in `lines`


@dataclass(frozen=True)
class StageRecord:
    issue: str
    stage: str
    stories: tuple[Story, ...]

    def story(self, key: str) -> Story | None:
        return next((s for s in self.stories if s.key == key), None)


# --------------------------------------------------------------------------
# Stages: their order and their files


def canonical_stage(stage: str) -> str:
    return STAGE_ALIASES.get(stage, stage)


def stage_rank(stage: str) -> int | None:
    """Position of a stage in the proofing sequence (一校 < 二校 < … < 清样 < 付印); None if unknown."""
    stage = canonical_stage(stage)
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else None


def stage_path(folder: Path, stage: str) -> Path:
    """output/<issue>/stages/<stage>.json; the stage name cannot leave the folder."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", stage).strip(". ") or "_"
    return folder / STAGES_DIR / f"{name}.json"


def earlier_stage(folder: Path, stage: str) -> str | None:
    """The latest stage before `stage` that has a record (the one its proof is compared with)."""
    rank = stage_rank(stage)
    if rank is None:
        return None
    for earlier in reversed(STAGE_ORDER[:rank]):
        if stage_path(folder, earlier).is_file():
            return earlier
    return None


def load_record(folder: Path, stage: str) -> StageRecord:
    """Read output/<issue>/stages/<stage>.json (InputError naming the file when it is missing or damaged)."""
    path = stage_path(folder, stage)
    if not path.is_file():
        raise InputError(path, f"没有{stage}的记录：每排一次校样，工具才记下那一校排了什么，{stage}还没有这样排过",
                         hint=f"从有记录的校次开始比（看 {path.parent} 里有哪些），"
                              f"或者用{stage}时的稿子运行 layout build <本期文件夹> --proof {stage}")
    try:
        st = path.stat()
    except OSError:  # gone since is_file(): read it as before, and fail as before
        return _read_record(path, stage)
    # The live preview compares every rebuild with the same earlier record: parse it once while the file stays
    # the same (save_record replaces the file, so a new record is a new inode as well as a new mtime).
    # Only records read without error are kept.
    key = (path.absolute(), st.st_mtime_ns, st.st_size, st.st_ino)
    record = _RECORDS.get(key)
    if record is None:
        record = _read_record(path, stage)
        if len(_RECORDS) >= 16:
            _RECORDS.clear()
        _RECORDS[key] = record
    return record


_RECORDS: dict[tuple[Path, int, int, int], StageRecord] = {}  # load_record's: (path, mtime, size, inode) → record


def _read_record(path: Path, stage: str) -> StageRecord:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')}")
        stories = tuple(
            Story(s["key"], s["title"], tuple((p, slot) for p, slot in s["slots"]),
                  tuple(Line(*line) for line in s["lines"]), s.get("overset", 0))
            for s in data["stories"])
        return StageRecord(data["issue"], data["stage"], stories)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"{stage}的记录读不出来 ({exc})", hint=f"重新运行 layout build <本期文件夹> --proof {stage}") from None


def record_json(record: StageRecord) -> str:
    """The record as JSON text: one story header and one line a row, keys sorted, floats rounded."""
    out = [json.dumps({"format": FORMAT, "issue": record.issue, "stage": record.stage}, ensure_ascii=False,
                      sort_keys=True)[:-1] + ',"stories":[']
    for k, story in enumerate(record.stories):
        head = {"key": story.key, "title": story.title, "slots": [list(s) for s in story.slots]}
        if story.overset:
            head["overset"] = story.overset
        text = json.dumps(head, ensure_ascii=False, sort_keys=True, separators=(",", ":"))[:-1] + ',"lines":[\n'
        text += ",\n".join(json.dumps(line.as_list(), ensure_ascii=False, separators=(",", ":")) for line in story.lines)
        out.append(text + "]}" + ("," if k + 1 < len(record.stories) else ""))
    return "\n".join(out) + "]}\n"


def save_record(folder: Path, record: StageRecord) -> Path:
    path = stage_path(folder, record.stage)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(record_json(record), encoding="utf-8")
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------
# Reading the composed pages back into stories


def capture(issue: Issue, layout: IssueLayout, stage: str) -> StageRecord:
    """What this composition sets, article by article (see the module docstring)."""
    grid = PageGrid(issue.profile.format)
    jump = jump_pattern(issue.profile.folder)
    sources = jump_sources(issue)
    headlines = {(r.page, r.slot): r.headline for r in layout.reports}
    overset = {(r.page, r.slot): r.over_lines for r in layout.reports}
    stories: dict[str, dict] = {}
    order: list[str] = []
    for spec, page in zip(issue.pages, layout.pages):
        by_slot: dict[str, list[GlyphRun]] = {slot.id: [] for slot in spec.slots}
        furniture: list[GlyphRun] = []
        for item in page.items:
            if isinstance(item, GlyphRun) and item.text.strip():
                owner = item.tag.split("|", 1)[0] if item.tag else ""  # the composer tags every run with its slot
                (by_slot[owner] if owner in by_slot else furniture).append(item)
        for slot in spec.slots:
            key = _story_key(issue, spec.no, slot, sources)
            if key is None:
                continue
            lines = _slot_lines(by_slot[slot.id], spec.no, slot, grid, jump)
            if key not in stories:
                order.append(key)
                source = sources.get((spec.no, slot.id))
                title_at = (source[0], source[1].id) if source and slot.article is None else (spec.no, slot.id)
                stories[key] = {"title": headlines.get(title_at, ""), "slots": [], "lines": [], "overset": 0}
            stories[key]["slots"].append((spec.no, slot.id))
            stories[key]["overset"] += overset.get((spec.no, slot.id), 0)
            stories[key]["lines"].extend(lines)
        key = f"第{spec.no}版 版面"
        order.append(key)
        lines = sorted(_lines(furniture, spec.no, "", grid, FURNITURE), key=lambda ln: (ln.y, ln.x))
        lines = [replace(ln, group=k) for k, ln in enumerate(lines, start=1)]
        stories[key] = {"title": "报头、报眉、版权信息" if spec.template == "front" else "报眉", "slots": [],
                        "lines": lines, "overset": 0}
    return StageRecord(issue.id, stage, tuple(
        Story(k, stories[k]["title"], tuple(stories[k]["slots"]), tuple(stories[k]["lines"]), stories[k]["overset"])
        for k in order))


def _story_key(issue: Issue, page: int, slot, sources) -> str | None:
    article = slot.article
    if article is None:
        source = sources.get((page, slot.id))
        article = source[1].article if source else None
    if article is None:
        return None
    try:  # articles are resolved paths inside the issue folder (model/paths.py): no file system call needed
        return Path(article).relative_to(_resolved(issue.folder)).as_posix()
    except ValueError:
        try:
            return Path(article).resolve().relative_to(_resolved(issue.folder)).as_posix()
        except ValueError:
            return Path(article).name


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _run_end(run: GlyphRun) -> float:
    return run.x + (run.xs[-1] if run.xs else 0.0) + run.size  # the last glyph counted one em wide


def _lines(runs: list[GlyphRun], page: int, slot: str, grid: PageGrid, kind: str) -> list[Line]:
    """Runs on one baseline, close enough together, make a line."""
    fmt = grid.fmt
    place = (grid.left - fmt.gutter / 2, fmt.column_width + fmt.gutter, fmt.columns, grid.top, grid.pitch)
    out = []
    by_y: dict[float, list[GlyphRun]] = {}
    for run in runs:
        by_y.setdefault(round(run.y, 2), []).append(run)
    for row_runs in by_y.values():
        row_runs.sort(key=lambda r: r.x)
        group = [row_runs[0]]
        for run in row_runs[1:]:
            if run.x - _run_end(group[-1]) < LINE_GAP_EM * max(run.size, group[-1].size):
                group.append(run)
            else:
                out.append(_line(group, page, slot, place, kind))
                group = [run]
        out.append(_line(group, page, slot, place, kind))
    return out


def _line(runs: list[GlyphRun], page: int, slot: str, place: tuple, kind: str) -> Line:
    """One line; place = (left edge less half a gutter, column step, columns, type area top, line pitch)."""
    left, step, columns, top, pitch = place
    first = runs[0]
    x, y = first.x, first.y
    size = max(r.size for r in runs) if len(runs) > 1 else first.size
    col = min(max(1 + math.floor((x - left) / step), 1), columns)
    row = 1 + math.floor((y - top) / pitch)
    text = "".join(r.text for r in runs) if len(runs) > 1 else first.text
    return Line(kind, page, slot, col, row, round(x, 2), round(y, 2), round(_run_end(runs[-1]) - x, 2),
                round(size, 2), text)


def _slot_lines(runs: list[GlyphRun], page: int, slot, grid: PageGrid, jump: re.Pattern[str] | None) -> list[Line]:
    """A slot's lines in reading order: headline, body flow (in the order the composer set it), captions,
    jump lines — read from the runs' tags (display.GlyphRun.tag)."""
    parts: dict[str, list[GlyphRun]] = {}
    for run in runs:
        _slot, part, *rest = run.tag.split("|")
        key = part if part in ("head", "jump") else f"{part}|{rest[0] if rest else ''}"
        parts.setdefault(key, []).append(run)
    head = sorted(_lines(parts.pop("head", []), page, slot.id, grid, HEAD), key=lambda ln: (ln.y, ln.x))
    jumps = _lines(parts.pop("jump", []), page, slot.id, grid, JUMP)
    flow, captions = [], []
    for key in sorted(parts):
        part, index = key.split("|")
        lines = _lines(parts[key], page, slot.id, grid, FLOW)
        if part == "caption":
            captions.extend(replace(ln, kind=CAPTION, group=int(index)) for ln in sorted(lines, key=lambda ln: (ln.y, ln.x)))
        else:  # one flow line per tag index, in reading order
            for ln in lines:
                flow.append(replace(ln, kind=JUMP) if jump_page(jump, ln.text) is not None else ln)
    jumps.sort(key=lambda ln: (ln.y, ln.x))
    return head + flow + captions + jumps
