"""`layout new`: start next month's issue from the last one — the monthly routine (newspaper.md §5.2).

Copy last month's issue.yaml, keeping the editors' comments and the page plan:
期号 + 1, the date becomes last issue's "next date", the next date moves to the
same weekday of the same week in the following month (the paper appears on,
say, the third Wednesday), the proof stage starts again at 一校, and every slot
gets an empty article file to fill in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

from layout.errors import InputError
from layout.model.issue import Issue, load_issue

ISSUE_NAME = re.compile(r"^\d{4}-\d{2}$")
ARTICLE_STUB = """【备注】{budget}
【引题】
【主题】
【副题】
【署名】
【正文】

【稿源】
"""


def same_weekday_next_month(day: dt.date) -> dt.date:
    """The same weekday, same week of the month (1st … 4th, or the last), one month later."""
    week = (day.day - 1) // 7
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = dt.date(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    candidate = first + dt.timedelta(days=offset + 7 * week)
    last_day = calendar.monthrange(year, month)[1]
    while candidate.month != month or candidate.day > last_day:
        candidate -= dt.timedelta(days=7)
    return candidate


def latest_issue(issues_dir: Path) -> Path:
    folders = sorted(p for p in issues_dir.iterdir() if p.is_dir() and ISSUE_NAME.match(p.name) and (p / "issue.yaml").exists())
    if not folders:
        raise InputError(issues_dir, "这里没有任何一期（issues/YYYY-MM/issue.yaml） (no issue found)")
    return folders[-1]


def _replace_value(text: str, key: str, value: str, path: Path) -> str:
    pattern = re.compile(rf"^(\s*{key}\s*[:：]\s*)([^#\n]*?)(\s*(#.*)?)$", re.M)
    new, count = pattern.subn(lambda m: f"{m.group(1)}{value}{m.group(3)}", text, count=1)
    if count != 1:
        raise InputError(path, f"找不到“{key}:”这一行，无法自动改写 (cannot find key)")
    return new


def next_issue_text(issue: Issue, text: str) -> str:
    """issue.yaml of the next issue, from this one's text (comments and layout kept)."""
    new_date = issue.next_date
    text = _replace_value(text, "number", str(issue.number + 1), issue.yaml)
    text = _replace_value(text, "date", new_date.isoformat(), issue.yaml)
    text = _replace_value(text, "next_date", same_weekday_next_month(new_date).isoformat(), issue.yaml)
    text = _replace_value(text, "proof_stage", "一校", issue.yaml)
    text = re.sub(r"\d{4}年\d{1,2}月号（第\d+期）", f"{new_date.year}年{new_date.month}月号（第{issue.number + 1}期）", text)
    for page in issue.pages:
        for slot in page.slots:
            if slot.article is not None:
                old = slot.article.relative_to(issue.folder).as_posix()
                text = text.replace(f"article: {old}", f"article: articles/{slot.id}.txt")
    return text


def slot_budgets(issue: Issue) -> dict[str, str]:
    """Slot id → “容量约 N 字” for its stub: what the slot holds at the paper's size with a headline of
    its role and no photo (a photo of 2 columns × 15 rows takes about 2 × 15 lines of it)."""
    from layout.pages.capacity import head_rows_estimate, per_line, round_chars, slot_budget
    from layout.pages.grid import PageGrid

    profile = issue.profile
    grid = PageGrid(profile.format, 0.88)
    out = {}
    for page in issue.pages:
        for slot in page.slots:
            rule = profile.headlines.rule(slot.role, page.template == "front")
            size = slot.title_size or (rule.sizes[1] if rule else profile.styles["title"].size)
            head = head_rows_estimate(size, 1, grid.pitch)
            line = per_line(profile.format.column_width, profile.format.body_size)
            photo = round_chars(2 * 15 * line)
            if slot.grid is None:  # 自动组版: the engine sizes the slot to the story, so there is no fixed budget
                span = slot.wishes.span
                wish = f"，跨 {span[0]}{'' if span[0] == span[1] else f'–{span[1]}'} 栏" if span else ""
                out[slot.id] = (f"版位 {slot.id}（{slot.role}，自动组版{wish}：大小由排版引擎按稿件长短定）"
                                f"标题约占 {head} 行；每放一张 2 栏 × 15 行的图片约占 {photo} 字的地方")
                continue
            out[slot.id] = (f"版位 {slot.id}（{slot.role}，{slot.grid.span} 栏 × {slot.grid.rows} 行）容量约 "
                            f"{slot_budget(grid, slot, head)} 字（标题约占 {head} 行；每放一张 2 栏 × 15 行的图片少约 {photo} 字）")
    return out


def new_issue(source: Path, issues_dir: Path | None = None) -> Path:
    """Create issues/<YYYY-MM of the next date>/ from `source`; returns the new folder."""
    issue = load_issue(source)
    issues_dir = issues_dir or source.parent
    target = issues_dir / issue.next_date.strftime("%Y-%m")
    if target.exists():
        raise InputError(target, "这一期已经存在，不会覆盖 (the next issue already exists)", hint="要重来，先删掉或改名这个文件夹")
    text = next_issue_text(issue, issue.yaml.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(dir=issues_dir) as tmp:
        staging = Path(tmp) / target.name
        (staging / "articles").mkdir(parents=True)
        (staging / "images").mkdir()
        (staging / "images" / ".gitkeep").write_text("")
        (staging / "issue.yaml").write_text(text, encoding="utf-8")
        budgets = slot_budgets(issue)
        for page in issue.pages:
            for slot in page.slots:
                if slot.article is not None:
                    stub = ARTICLE_STUB.format(budget=budgets[slot.id])
                    (staging / "articles" / f"{slot.id}.txt").write_text(stub, encoding="utf-8")
        shutil.move(str(staging), target)
    return target


def cli_new(args) -> int:
    issues_dir = Path(args.issues)
    source = Path(args.source) if args.source else latest_issue(issues_dir)
    target = new_issue(source, issues_dir)
    issue = load_issue(target)
    print(f"新的一期：{target}（第{issue.number}期，{issue.date}，下期 {issue.next_date}）")
    print(f"  稿件：{target / 'articles'}/（每个版位一个空稿件）；图片放在 {target / 'images'}/")
    return 0
