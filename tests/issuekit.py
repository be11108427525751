"""Tiny issues for tests: an issue folder written to tmp_path, on the sample paper profile (wutong).

The text is original, short community-news copy; every test states the page
plan it needs instead of depending on the sample issue, which editors change.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from PIL import Image

NEWS = """【主题】梧桐新村完成雨污分流改造
【副题】三十二个楼道告别“返臭”烦恼
【署名】记者 周晓岚
入冬前，梧桐新村雨污分流改造工程通过验收，三十二个楼道的排水管全部完成翻新。
“以前一下雨，楼道口就冒臭味，现在终于清爽了。”家住12号楼的王阿姨说。
施工期间，居委会每周召开一次协调会，及时回应居民关于噪声、停车的意见，工程比原计划提前10天完工。
【稿源】街道管理办"""

SHORT = """【主题】社区食堂推出冬季新菜单
本周起，桂香里长者食堂推出冬季新菜单，每天供应两荤两素一汤，八十岁以上老人就餐每餐减免3元。
【稿源】街道服务办"""


def long_text(paragraphs: int) -> str:
    """An article long enough to overflow small slots: numbered paragraphs of ordinary news copy."""
    body = "\n".join(
        f"第{k}段：街道各部门围绕年度目标任务，逐项对照民生实事清单，倒排工期、挂图作战，"
        f"确保各项工作按时保质完成，让居民群众在家门口感受到实实在在的变化。"
        for k in range(1, paragraphs + 1)
    )
    return f"【主题】年度工作稳步推进\n{body}\n【稿源】街道办公室"


def white_areas(slots: list[str], template: str = "inner") -> list[str]:
    """留白 areas for every cell of the sample paper's type area (5 columns × 85 rows; page 1 keeps rows
    1–12 and 83–85) that the slots leave free: tests state only the slots they need, and the coverage
    rule (开天窗 is an error) then holds because the rest is named."""
    from layout.model.issue import Grid, uncovered

    grids = []
    for text in slots:
        g = yaml.safe_load(text).get("grid") or {}
        if all(k in g for k in ("col", "span", "row", "rows")):
            grids.append(Grid(g["col"], g["span"], g["row"], g["rows"]))
    top, bottom = (12, 3) if template == "front" else (0, 0)
    return [f"{{kind: 留白, grid: {{col: {g.col}, span: {g.span}, row: {g.row}, rows: {g.rows}}}}}"
            for g in uncovered(5, top + 1, 85 - bottom, grids)]


def page_yaml(no: int, slots: list[str], template: str = "inner", name: str = "社区", fill: bool = True) -> str:
    """One page of issue.yaml; fill: name the cells the slots leave free as 留白 (see white_areas)."""
    lines = [f"  - no: {no}", f"    name: {name}", "    editor: 王敏", "    designer: 李想",
             f"    template: {template}", "    slots:"]
    lines += [f"      - {s}" for s in slots]
    areas = white_areas(slots, template) if fill else []
    if areas:
        lines += ["    areas:"] + [f"      - {a}" for a in areas]
    return "\n".join(lines)


def write_issue(root: Path, pages: list[str], articles: dict[str, str], *, number: int = 7,
                images: dict[str, tuple[int, int]] | None = None, extra: str = "") -> Path:
    """Write issue.yaml (the given page blocks), articles/<name> and images/<name> (RGB JPEGs)."""
    folder = root / "2026-12"
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "images").mkdir(exist_ok=True)
    head = textwrap.dedent(f"""\
        paper: wutong
        number: {number}
        date: 2026-12-16
        next_date: 2027-01-20
        pages_count: {len(pages)}
        proof_stage: 一校
        {extra}pages:
        """)
    (folder / "issue.yaml").write_text(head + "\n".join(pages) + "\n", encoding="utf-8")
    for name, text in articles.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    for name, (w, h) in (images or {}).items():
        Image.new("RGB", (w, h), (120, 150, 180)).save(folder / "images" / name, quality=85)
    return folder


def front_and_inner(articles: dict[str, str], front_slots: list[str], inner_slots: list[str], **kw) -> tuple:
    """A two-page issue: page 1 (front template) and page 2."""
    pages = [page_yaml(1, front_slots, "front", "要闻"), page_yaml(2, inner_slots)]
    return pages, articles
