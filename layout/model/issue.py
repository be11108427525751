"""The issue file (issues/<id>/issue.yaml): what editors change every month.

期号, dates, proof stage, and the pages with their slots on the column grid
(first column, span, first row, rows — in basic columns and body lines, as on
the 版样纸), the article file, an optional 破栏 and an optional jump target
(newspaper.md §6.2).  Every check that needs only the files (not the
composition) happens here, so a bad issue fails before anything is set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.model.profile import Profile, load_profile
from layout.model.paths import PathMissing, PathProblem, resolve_inside
from layout.model.suggest import near_file
from layout.model.yamlio import (
    Doc, Key, as_positive_int, as_str, check_mapping, int_in, load_yaml,
)
from layout.units import size_in

# 校次 of a proof, in order; 付印 is not one (it is what `layout build --print` does after the 清样 is signed).
PROOF_STAGES = ("一校", "二校", "三校", "四校", "五校", "六校", "清样")
STAGE_ALIASES = {"初校": "一校", "终校": "清样", "签样": "清样"}


def proof_stage(value: Any) -> str:
    """A 校次 as issue.yaml or --proof names it (初校 = 一校); 付印 and unknown stages are refused."""
    text = str(value).strip()
    text = STAGE_ALIASES.get(text, text)
    if text == "付印":
        raise ValueError("付印不是校次：校样写到清样为止；签完清样后用 layout build --print 生成付印文件")
    if text not in PROOF_STAGES:
        raise ValueError(f"“{text}”不是校次；可用：{'、'.join(PROOF_STAGES)}")
    return text
TEMPLATES = ("front", "inner", "feature")
ROLES = ("头条", "倒头条", "报眼", "通栏", "副头条", "普通", "专题", "补白")


@dataclass(frozen=True)
class Grid:
    """A rectangle on the page grid: basic columns col..col+span-1, body lines row..row+rows-1 (1-based)."""

    col: int
    span: int
    row: int
    rows: int

    @property
    def last_col(self) -> int:
        return self.col + self.span - 1

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    def overlaps(self, other: Grid) -> bool:
        return not (self.last_col < other.col or other.last_col < self.col
                    or self.last_row < other.row or other.last_row < self.row)


@dataclass(frozen=True)
class Jump:
    page: int
    slot: str


@dataclass(frozen=True)
class Wishes:
    """What an editor asks of a slot the engine places itself (自动组版): a span of basic columns
    (span=(2, 3) means 2 or 3), a place on the page (上: at the top, 下: at the foot)."""

    span: tuple[int, int] | None = None
    position: str = ""


@dataclass(frozen=True)
class Slot:
    """A 版位.  grid: where it is (locked, as the editor drew it), or None: the engine places it
    (issue 13) within its wishes."""

    id: str
    role: str
    grid: Grid | None
    article: Path | None
    split: int | None
    jump: Jump | None
    title_size: float | None
    title_lines: int | None
    line: int | None
    wishes: Wishes = Wishes()


AREA_KINDS = ("广告", "补白", "留白")


@dataclass(frozen=True)
class PageArea:
    """A named part of the type area that holds no story: an advertisement (with its artwork, or a
    placeholder on the proof), a filler, or deliberate white space.  Naming it is what makes an
    empty band intended rather than 开天窗."""

    kind: str
    grid: Grid
    image: Path | None
    line: int | None


@dataclass(frozen=True)
class Page:
    no: int
    name: str
    editor: str
    designer: str
    proofreader: str
    template: str
    slots: tuple[Slot, ...]
    areas: tuple[PageArea, ...] = ()
    design: int = 1  # which of the automatic layout's designs the editor picked (layout plan --choose)

    @property
    def planned(self) -> bool:
        """Does every slot have its place (no automatic layout needed)?"""
        return all(s.grid is not None for s in self.slots)


@dataclass(frozen=True)
class Issue:
    folder: Path
    id: str
    profile: Profile
    number: int
    date: dt.date
    next_date: dt.date
    pages_count: int
    proof_stage: str
    pages: tuple[Page, ...]
    yaml: Path

    def slot(self, page: int, slot_id: str) -> Slot | None:
        for p in self.pages:
            if p.no == page:
                return next((s for s in p.slots if s.id == slot_id), None)
        return None

    def slot_pages(self) -> dict[str, int]:
        """Each slot's page: {slot id: page number}."""
        return {slot.id: page.no for page in self.pages for slot in page.slots}


# Publication dates a community paper can have; outside them the date is a typo (20266-12-16, 1026-12-16)
# and `layout new` would step past year 9999.
YEARS = (1949, 2199)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"日期写成 2026-12-16 这样的格式，并确认这一天存在，现在是“{value}”") from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise ValueError(f"年份 {value.year} 不对：应在 {YEARS[0]}–{YEARS[1]} 之间")
    return value


def _choice(options: tuple[str, ...]):
    def convert(value: Any) -> str:
        text = as_str(value)
        if text not in options:
            raise ValueError(f"“{text}”不是可用的值；可用：{'、'.join(options)}")
        return text
    return convert


def _span_wish(value: Any) -> tuple[int, int]:
    """2 → (2, 2); "2-3", "2–3", [2, 3] → (2, 3)."""
    if isinstance(value, bool):
        raise ValueError("span 写成栏数，如 2 或 2-3")
    if isinstance(value, int):
        low = high = value
    elif isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        low, high = value
    else:
        parts = str(value).replace("–", "-").replace("—", "-").replace("～", "-").replace("~", "-").split("-")
        try:
            low, high = (int(parts[0]), int(parts[-1])) if len(parts) in (1, 2) else (0, 0)
        except ValueError:
            raise ValueError(f"span 写成栏数，如 2 或 2-3（不是“{value}”）") from None
    if not 1 <= low <= high:
        raise ValueError(f"span 写成栏数，如 2 或 2-3（不是“{value}”）")
    return low, high


def _position_wish(value: Any) -> str:
    text = {"top": "上", "bottom": "下"}.get(str(value).strip(), str(value).strip())
    if text not in ("上", "下"):
        raise ValueError(f"位置写“上”或“下”（不是“{value}”）")
    return text


ISSUE_KEYS = {
    "paper": Key(as_str, True, label="报纸模板名，对应 templates/<名>/"),
    "number": Key(int_in(1, 99_999), True, label="总期号"),
    "date": Key(_date, True, label="出版日期"),
    "next_date": Key(_date, True, label="下期出版日期"),
    "pages_count": Key(int_in(1, 64), True, label="本期版数，1–64"),
    "proof_stage": Key(proof_stage, False, "一校", "校次"),
    "pages": Key(lambda v: v, True, label="各版"),
}
PAGE_KEYS = {
    "no": Key(as_positive_int, True, label="版次"),
    "name": Key(as_str, True, label="版名"),
    "editor": Key(as_str, False, "", "责任编辑"),
    "designer": Key(as_str, False, "", "美术编辑"),
    "proofreader": Key(as_str, False, "", "校对"),
    "template": Key(_choice(TEMPLATES), False, "inner", "版式模板 front|inner|feature"),
    "slots": Key(lambda v: v, False, [], "版位"),
    "areas": Key(lambda v: v, False, [], "不排稿件的区域：广告、补白、留白"),
    "design": Key(as_positive_int, False, 1, "自动组版的第几个方案（layout plan --choose）"),
}
AREA_KEYS = {
    "kind": Key(_choice(AREA_KINDS), True, label="区域类型 广告|补白|留白"),
    "grid": Key(lambda v: v, True, label="区域 {col, span, row, rows}"),
    "image": Key(as_str, False, "", "广告图片文件"),
}
SLOT_KEYS = {
    "id": Key(as_str, True, label="版位编号，如 2A"),
    "role": Key(_choice(ROLES), False, "普通", "版位角色"),
    "grid": Key(lambda v: v, False, None, "版位 {col, span, row, rows}；不写则自动组版"),
    "article": Key(as_str, False, "", "稿件文件"),
    "span": Key(_span_wish, False, None, "自动组版：跨几栏，如 2 或 2-3"),
    "position": Key(_position_wish, False, "", "自动组版：位置 上|下"),
    "位置": Key(_position_wish, False, "", "自动组版：位置 上|下"),
    "split": Key(as_positive_int, False, None, "破栏：把跨栏重新分成几栏"),
    "jump": Key(lambda v: v, False, None, "转版 {page, slot}"),
    "title_size": Key(size_in(5, 120), False, None, "主题字号，5–120 磅或号数"),
    "title_lines": Key(int_in(1, 6), False, None, "主题最多几行"),
}
GRID_KEYS = {
    "col": Key(as_positive_int, True, label="起始栏"),
    "span": Key(as_positive_int, True, label="跨几栏"),
    "row": Key(as_positive_int, True, label="起始行"),
    "rows": Key(as_positive_int, True, label="占几行"),
}
JUMP_KEYS = {"page": Key(as_positive_int, True, label="转到第几版"), "slot": Key(as_str, True, label="转到哪个版位")}


def issue_id(folder: Path) -> str:
    return folder.resolve().name


def load_issue(folder: Path) -> Issue:
    """Load and check issues/<id>/issue.yaml (and its paper profile)."""
    folder = Path(folder)
    path = folder / "issue.yaml"
    try:
        found = folder.is_dir()
    except OSError as exc:  # a name too long for the file system, a component that is not a folder…
        raise InputError(folder, f"无法访问这一期的文件夹：{exc.strerror or exc}", hint="写 issues/2026-12 这样的路径") from None
    if not found:
        raise InputError(folder, "找不到这一期的文件夹 (issue folder not found)", hint="写 issues/2026-12 这样的路径")
    doc = load_yaml(path)
    top = check_mapping(doc, doc.data, (), ISSUE_KEYS)
    try:
        profile = load_profile(top["paper"])
    except InputError as exc:
        if exc.key != "paper":
            raise
        raise doc.error(("paper",), exc.message, exc.hint) from None  # named at issue.yaml's paper: line
    pages = _pages(doc, top["pages"], folder)
    issue = Issue(folder, issue_id(folder), profile, top["number"], top["date"], top["next_date"],
                  top["pages_count"], top["proof_stage"], pages, path)
    check_issue(doc, issue)
    return issue


def _pages(doc: Doc, value: Any, folder: Path) -> tuple[Page, ...]:
    if not isinstance(value, list) or not value:
        raise doc.error(("pages",), "pages 应是各版的列表（每版以“- no: 1”开头）")
    pages = []
    for i, item in enumerate(value):
        d = check_mapping(doc, item, ("pages", i), PAGE_KEYS)
        if not isinstance(d["slots"], list):
            raise doc.error(("pages", i, "slots"), "slots 应是版位的列表")
        slots = tuple(_slot(doc, s, ("pages", i, "slots", j), folder) for j, s in enumerate(d["slots"]))
        if not isinstance(d["areas"], list):
            raise doc.error(("pages", i, "areas"), "areas 应是区域的列表，如 - {kind: 广告, grid: {col: 1, span: 5, row: 70, rows: 16}}")
        areas = tuple(_area(doc, a, ("pages", i, "areas", j), folder) for j, a in enumerate(d["areas"]))
        pages.append(Page(d["no"], d["name"], d["editor"], d["designer"], d["proofreader"], d["template"], slots, areas,
                          d["design"]))
    return tuple(pages)


def _slot(doc: Doc, value: Any, keypath: tuple, folder: Path) -> Slot:
    d = check_mapping(doc, value, keypath, SLOT_KEYS)
    grid = _grid(doc, d["grid"], keypath + ("grid",)) if d["grid"] is not None else None
    jump = None
    if d["jump"] is not None:
        j = check_mapping(doc, d["jump"], keypath + ("jump",), JUMP_KEYS)
        jump = Jump(j["page"], j["slot"])
    article = None
    if d["article"]:
        try:
            article = resolve_inside(d["article"], folder, what="稿件文件")
        except PathMissing:
            guess = near_file(d["article"], folder)
            raise doc.error(keypath + ("article",), f"找不到稿件文件“{d['article']}” (article file not found)",
                            f"是不是 {guess}？改成 article: {guess}" if guess else
                            f"文件应在 {folder}/ 下；检查文件名和扩展名") from None
        except PathProblem as exc:
            raise doc.error(keypath + ("article",), str(exc),
                            "稿件放在本期文件夹的 articles/ 里，写成 articles/稿件.txt") from None
    wishes = Wishes(d["span"], d["position"] or d["位置"])
    return Slot(d["id"], d["role"], grid, article,
                d["split"], jump, d["title_size"], d["title_lines"], doc.line(keypath), wishes)


def _grid(doc: Doc, value: Any, keypath: tuple) -> Grid:
    g = check_mapping(doc, value, keypath, GRID_KEYS)
    return Grid(g["col"], g["span"], g["row"], g["rows"])


def _area(doc: Doc, value: Any, keypath: tuple, folder: Path) -> PageArea:
    d = check_mapping(doc, value, keypath, AREA_KEYS)
    image = None
    if d["image"]:
        try:
            image = resolve_inside(d["image"], folder, what="广告图片")
        except PathMissing:
            raise doc.error(keypath + ("image",), f"找不到广告图片“{d['image']}”", f"文件应在 {folder}/ 下，如 images/ad.jpg") from None
        except PathProblem as exc:
            raise doc.error(keypath + ("image",), str(exc), "广告图片放在本期文件夹的 images/ 里") from None
    return PageArea(d["kind"], _grid(doc, d["grid"], keypath + ("grid",)), image, doc.line(keypath))


def check_issue(doc: Doc, issue: Issue) -> None:
    """Cross-field checks: page count, page order, slots on the grid and apart, jumps, dates."""
    if len(issue.pages) != issue.pages_count:
        raise doc.error(("pages_count",), f"本期{issue.pages_count}版，但 pages 里写了 {len(issue.pages)} 版 (page count mismatch)",
                        "让 pages_count 与列出的版数一致")
    for i, page in enumerate(issue.pages):
        if page.no != i + 1:
            raise doc.error(("pages", i, "no"), f"版次应为 {i + 1}，现在是 {page.no}", "各版按 1、2、3…顺序排列")
    if issue.next_date <= issue.date:
        raise doc.error(("next_date",), f"下期出版日期 {issue.next_date} 不晚于本期 {issue.date}")
    ids: dict[str, int] = {}
    for i, page in enumerate(issue.pages):
        _check_page_slots(doc, issue, i, page, ids)
        _check_coverage(doc, issue, i, page)
    _check_jumps(doc, issue)


def _check_page_slots(doc: Doc, issue: Issue, i: int, page: Page, ids: dict[str, int]) -> None:
    fmt = issue.profile.format
    top, bottom = reserved_rows(issue.profile, page.template)
    for j, slot in enumerate(page.slots):
        keypath = ("pages", i, "slots", j)
        if slot.id in ids:
            raise doc.error(keypath + ("id",), f"版位编号“{slot.id}”重复（第{ids[slot.id]}版已有）")
        ids[slot.id] = page.no
        g = slot.grid
        if g is None:
            if slot.wishes.span and slot.wishes.span[0] > fmt.columns:
                raise doc.error(keypath + ("span",), f"版位 {slot.id} 要跨 {slot.wishes.span[0]} 栏，但每版只有 {fmt.columns} 栏")
            continue
        if g.last_col > fmt.columns:
            raise doc.error(keypath + ("grid",), f"版位 {slot.id} 超出版心：第{g.col}栏起跨{g.span}栏，但只有{fmt.columns}栏 (slot off the grid)")
        if g.last_row > fmt.rows:
            raise doc.error(keypath + ("grid",), f"版位 {slot.id} 超出版心：第{g.row}行起占{g.rows}行，但每版只有{fmt.rows}行 (slot off the grid)")
        if g.row <= top or g.last_row > fmt.rows - bottom:
            raise doc.error(keypath + ("grid",), f"版位 {slot.id} 压住了报头或版权信息区（第1–{top}行、第{fmt.rows - bottom + 1}–{fmt.rows}行）",
                            f"一版版位从第{top + 1}行开始，到第{fmt.rows - bottom}行结束")
        if slot.split and slot.split > 2 * g.span:
            raise doc.error(keypath + ("split",), f"破栏 {slot.split} 栏太多：{g.span} 个基本栏最多破成 {2 * g.span} 栏")
        for k, other in enumerate(page.slots[:j]):
            if other.grid is not None and other.grid.overlaps(g):
                raise doc.error(keypath + ("grid",), f"版位 {slot.id} 与 {other.id} 重叠 (slots overlap)",
                                "调整 col/span/row/rows，让两个版位不相交")
    for j, area in enumerate(page.areas):
        keypath = ("pages", i, "areas", j, "grid")
        g = area.grid
        if g.last_col > fmt.columns or g.last_row > fmt.rows - bottom or g.row <= top:
            raise doc.error(keypath, f"{area.kind}区域超出版心或压住报头、版权信息区 (area off the grid)",
                            f"每版 {fmt.columns} 栏，可用第{top + 1}–{fmt.rows - bottom}行")
        for other in [*page.slots, *page.areas[:j]]:
            if other.grid is not None and other.grid.overlaps(g):
                name = other.id if isinstance(other, Slot) else f"{other.kind}区域"
                raise doc.error(keypath, f"{area.kind}区域与{name}重叠 (area overlaps)", "调整 col/span/row/rows，让它们不相交")


def uncovered(columns: int, first_row: int, last_row: int, grids: list[Grid]) -> list[Grid]:
    """The cells of the type area (columns × rows first_row..last_row) that no grid covers, as rectangles:
    per column the runs of free rows, then neighbouring columns with the same run merged."""
    runs: list[tuple[int, int, int]] = []  # (column, first row, last row)
    for col in range(1, columns + 1):
        taken = sorted((g.row, g.last_row) for g in grids if g.col <= col <= g.last_col)
        row = first_row
        for a, b in taken + [(last_row + 1, last_row + 1)]:
            if a > row:
                runs.append((col, row, min(a, last_row + 1) - 1))
            row = max(row, b + 1)
    out: list[Grid] = []
    for col, a, b in runs:
        prev = next((g for g in out if g.last_col == col - 1 and g.row == a and g.last_row == b), None)
        if prev is not None:
            out[out.index(prev)] = Grid(prev.col, prev.span + 1, a, b - a + 1)
        else:
            out.append(Grid(col, 1, a, b - a + 1))
    return out


def check_coverage(issue: Issue, page: Page) -> list[Grid]:
    """The cells of a planned page that no slot or named area covers."""
    fmt = issue.profile.format
    top, bottom = reserved_rows(issue.profile, page.template)
    return uncovered(fmt.columns, top + 1, fmt.rows - bottom, [s.grid for s in page.slots] + [a.grid for a in page.areas])


def _check_coverage(doc: Doc, issue: Issue, i: int, page: Page) -> None:
    """Every cell of the type area belongs to a slot or a named area: an unnamed empty band is 开天窗,
    a publishing accident (pages.md §1), never a silent hole."""
    if not page.planned:
        return  # checked again once the automatic layout has placed the free slots
    holes = check_coverage(issue, page)
    if holes:
        bands = "、".join((f"第{g.col}–{g.last_col}栏" if g.span > 1 else f"第{g.col}栏") + f"第{g.row}–{g.last_row}行"
                          for g in holes)
        raise doc.error(("pages", i), f"第{page.no}版开天窗：{bands} 没有版位，也没有标明的区域 (uncovered type area)",
                        f"把相邻版位扩大盖住它，或在这一版加一个版位；确要空着，就在 areas 里写明，如 "
                        f"- {{kind: 留白, grid: {{col: {holes[0].col}, span: {holes[0].span}, row: {holes[0].row}, rows: {holes[0].rows}}}}}")


def reserved_rows(profile: Profile, template: str) -> tuple[int, int]:
    """Rows at the top and bottom of the type area kept for the masthead and the imprint (front page)."""
    if template == "front":
        return profile.format.masthead_rows, profile.format.imprint_rows
    return 0, 0


def _check_jumps(doc: Doc, issue: Issue) -> None:
    targets: dict[tuple[int, str], tuple[int, Slot]] = {}
    for i, page in enumerate(issue.pages):
        for j, slot in enumerate(page.slots):
            if slot.jump is None:
                continue
            keypath = ("pages", i, "slots", j, "jump")
            if slot.article is None:
                raise doc.error(keypath, f"版位 {slot.id} 没有稿件，不能转版")
            target = issue.slot(slot.jump.page, slot.jump.slot)
            if target is None:
                elsewhere = next((f"第{p.no}版" for p in issue.pages for s in p.slots if s.id == slot.jump.slot), "")
                raise doc.error(keypath, f"第{page.no}版 {slot.id} 的转版目标第{slot.jump.page}版 {slot.jump.slot} 不存在"
                                         + (f"（{slot.jump.slot} 在{elsewhere}）" if elsewhere else ""),
                                f"改成 jump: {{page: {elsewhere[1:-1]}, slot: {slot.jump.slot}}}" if elsewhere else
                                f"先在第{slot.jump.page}版里定义版位 {slot.jump.slot}（不写 article）")
            if slot.jump.page == page.no:
                raise doc.error(keypath, f"第{page.no}版 {slot.id} 转到了同一版的 {slot.jump.slot}：转版要转到另一版 (a jump must go to another page)")
            if target.article is not None:
                raise doc.error(keypath, f"第{page.no}版 {slot.id} 的转版目标第{slot.jump.page}版 {target.id} 已经有自己的稿件 {target.article.name}",
                                f"转版目标版位不要写 article；或者给 {slot.id} 另找一个空版位")
            key = (slot.jump.page, slot.jump.slot)
            if key in targets:
                other_page, other = targets[key]
                raise doc.error(keypath, f"第{slot.jump.page}版 {target.id} 已是第{other_page}版 {other.id}"
                                         f"（{other.article.name if other.article else '没有稿件'}）的转版目标，"
                                         f"不能再接第{page.no}版 {slot.id}（{slot.article.name}）的转版",
                                f"给 {slot.id} 另找一个空版位作转版目标，或者去掉其中一篇的 jump")
            targets[key] = (page.no, slot)


def jump_sources(issue: Issue) -> dict[tuple[int, str], tuple[int, Slot]]:
    """(target page, target slot id) → (source page number, source slot)."""
    out = {}
    for page in issue.pages:
        for slot in page.slots:
            if slot.jump:
                out[(slot.jump.page, slot.jump.slot)] = (page.no, slot)
    return out
