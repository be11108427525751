"""Page furniture: the masthead and imprint of page 1, the folio line (报眉) of every page,
responsibility credits, and rules between slots.

The wording comes from the paper's Jinja2 fragments (templates/<paper>/text/), rendered
before composition and handed over as `Wording`;
the geometry from the grid.  The front page reserves `masthead_rows` rows at the
top of the type area and `imprint_rows` at the bottom (newspaper.md §4.3: the
whole imprint in one fixed place on page 1); inner pages carry the folio above
the type area (报眉: 版次, 版名, paper name, date — §4.2: 版序 on every page).
"""

from __future__ import annotations

from layout.display import GlyphRun, Item, Picture, Rule
from layout.model.issue import Issue, Page
from layout.pages.grid import PageGrid
from layout.pages.lines import line_runs
from layout.pages.sheet import Sheet
from layout.pages.wording import Wording
from layout.text import Align, Settings, Span, set_paragraph
from layout.pages.displaytext import headline_lines
from layout.units import mm

QR_SIZE = mm(21)
LABEL_LEADING = 1.3  # QR labels and imprint lines: baseline to baseline, × their size
RULE_AIR = 5.0  # points of white between a rule and the em box of the text above or below it


def _text(sheet: Sheet, style: str, text: str, x: float, baseline: float, width: float,
          align: Align | None = None) -> list[GlyphRun]:
    """Furniture text, set solid (no justification), aligned within `width`; when it must wrap it
    breaks at its spaces or phrase boundaries, like a headline (扫描二维码 | 关注“梧桐家园”)."""
    lines = headline_lines((text,), sheet.text(style), width, align or sheet.align(style))
    runs: list[GlyphRun] = []
    size = sheet.text(style).size
    for k, line in enumerate(lines):
        runs.extend(line_runs(line, x, baseline + k * size * 1.25, sheet.color(style)))
    return runs


def _line(sheet: Sheet, style: str, text: str, x: float, baseline: float, width: float,
          align: Align) -> list[GlyphRun]:
    """One line of furniture set as written: no space between a number and the characters around it
    (第2版, 2026年12月16日), an ASCII space kept narrow (so 021-5555 0188 reads as one number), a
    一字空 (U+3000) between items."""
    settings = Settings(align=align, indent_em=0.0, min_last_chars=1, autospace_em=0.0)
    style_ = sheet.text(style)
    lines = set_paragraph((Span(text, style_),), width, settings)
    runs: list[GlyphRun] = []
    for k, line in enumerate(lines):
        runs.extend(line_runs(line, x, baseline + k * style_.size * LABEL_LEADING, sheet.color(style)))
    return runs


def _em_top(sheet: Sheet, style: str, baseline: float) -> float:
    s = sheet.text(style)
    return baseline - s.metrics.ascent * s.size


def _baseline_below(sheet: Sheet, style: str, top: float) -> float:
    """The baseline of a line of `style` whose em box starts at `top`."""
    s = sheet.text(style)
    return top + s.metrics.ascent * s.size


def front_page(issue: Issue, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """The masthead (报头) on one axis — nameplate, 联合出版 line, date line and licence line centred on
    the type area — with a QR code (报眼) either side of the nameplate, the page's own 版次 and 版名 in
    the folio place, and the imprint at the foot; every rule with air above and below it."""
    fmt = issue.profile.format
    items: list[Item] = []
    width = grid.right - grid.left
    band = grid.row_top(fmt.masthead_rows - 2)  # the thick rule: the last two rows hold the date and licence
    title = sheet.text("masthead")
    sub = sheet.text("masthead_sub")
    # 联合出版 sits RULE_AIR above the rule; the nameplate's em box is centred in what is left above it
    sub_base = band - RULE_AIR + sub.metrics.descent * sub.size
    room_top, room_bottom = grid.top, _em_top(sheet, "masthead_sub", sub_base) - RULE_AIR
    name_top = room_top + max(0.0, (room_bottom - room_top - title.size) / 2)
    name_base = name_top + title.metrics.ascent * title.size
    items += _line(sheet, "masthead", issue.profile.edition.title, grid.left, name_base, width, Align.CENTER)
    if wording.masthead.coeditor.strip():
        items += _line(sheet, "masthead_sub", wording.masthead.coeditor, grid.left, sub_base, width, Align.CENTER)
    items += _qr_codes(issue, grid, sheet, (name_top + name_top + title.size) / 2)
    items.append(Rule(grid.left, band, grid.right, band, 1.6))
    end = grid.row_top(fmt.masthead_rows + 1) - grid.pitch / 2
    info = sheet.text("imprint")
    first = _baseline_below(sheet, "imprint", band + RULE_AIR)
    last = end - RULE_AIR + info.metrics.descent * info.size
    lines = [line for line in (wording.masthead.dateline, wording.masthead.licence) if line.strip()]
    for k, line in enumerate(lines):
        baseline = first + (last - first) * (k / (len(lines) - 1) if len(lines) > 1 else 0.5)
        items += _line(sheet, "imprint", line, grid.left, baseline, width, Align.CENTER)
    items.append(Rule(grid.left, end, grid.right, end, 0.5))
    items += _front_folio(issue, grid, sheet, wording)
    items += _imprint(issue, grid, sheet, wording)
    return items


def _front_folio(issue: Issue, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """Page 1's own 版次 and 版名 (第1版　要闻), in the place the inner pages carry theirs."""
    front = next((p for p in issue.pages if p.template == "front"), None)
    words = wording.folios.get(front.no) if front else None
    if words is None:
        return []
    return _line(sheet, "folio_name", f"{words.number}\u3000{words.name}", grid.left, grid.top - mm(4),
                 grid.right - grid.left, Align.RIGHT if front.no % 2 else Align.LEFT)


def _qr_codes(issue: Issue, grid: PageGrid, sheet: Sheet, middle: float) -> list[Item]:
    """The QR codes either side of the nameplate (the first at the left edge, the second at the right),
    each over its two-line label, the group centred on the nameplate's height."""
    items: list[Item] = []
    label = sheet.text("imprint")
    height = QR_SIZE + label.size * (0.6 + LABEL_LEADING * 2)
    top = middle - height / 2
    codes = issue.profile.edition.qr_codes[:2]
    for k, qr in enumerate(codes):
        parts = qr.label.split(None, 1)
        widths = [set_paragraph((Span(part, label),), 1e6, Settings(indent_em=0.0, min_last_chars=1))[0].width
                  for part in parts]
        group = max([QR_SIZE, *widths])  # the code and its label, kept inside the type area
        gx = grid.left if k == 0 and len(codes) > 1 else grid.right - group
        items.append(Picture(gx + (group - QR_SIZE) / 2, top, QR_SIZE, QR_SIZE, str(qr.image)))
        for j, part in enumerate(parts):
            baseline = top + QR_SIZE + label.size * (0.6 + LABEL_LEADING * j) + label.metrics.ascent * label.size
            items += _line(sheet, "imprint", part, gx, baseline, group, Align.CENTER)
    return items


def _imprint(issue: Issue, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """The imprint lines in the last rows of page 1, under a rule with air above and below it."""
    fmt = issue.profile.format
    first_row = fmt.rows - fmt.imprint_rows + 1
    top, bottom = grid.row_top(first_row), grid.bottom
    lines = [line for line in wording.imprint if line.strip()]
    info = sheet.text("imprint")
    leading = info.size * LABEL_LEADING
    block = info.size + leading * (len(lines) - 1)  # em box top of the first line to em bottom of the last
    rule = top + (bottom - top - block - RULE_AIR) / 2  # rule and lines centred in the imprint rows
    items: list[Item] = [Rule(grid.left, rule, grid.right, rule, 0.5)]
    first = _baseline_below(sheet, "imprint", rule + RULE_AIR)
    for k, line in enumerate(lines):
        items += _line(sheet, "imprint", line, grid.left, first + k * leading, grid.right - grid.left, Align.CENTER)
    return items


def folio(page: Page, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """报眉 above the type area: 版次 and 版名 on the outer side, paper and date on the inner side."""
    words = wording.folios[page.no]
    width = grid.right - grid.left
    baseline = grid.top - mm(4)
    outer_left = page.no % 2 == 0  # even pages are left-hand pages: page number at the left edge
    outer = Align.LEFT if outer_left else Align.RIGHT
    inner = Align.RIGHT if outer_left else Align.LEFT
    items: list[Item] = []
    items += _line(sheet, "folio_name", f"{words.number}\u3000{words.name}", grid.left, baseline, width, outer)
    items += _line(sheet, "folio", words.paper, grid.left, baseline, width, inner)
    y = grid.top - mm(2.2)
    items.append(Rule(grid.left, y, grid.right, y, 1.2))
    return items


def credits(page: Page, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """责任编辑 / 美术编辑 under the type area, on the inner side."""
    text = wording.credits[page.no]
    if not text:
        return []
    align = Align.RIGHT if page.no % 2 == 0 else Align.LEFT
    return list(_text(sheet, "credit", text, grid.left, grid.bottom + mm(5), grid.right - grid.left, align))


def slot_rules(page: Page, grid: PageGrid) -> list[Item]:
    """Vertical rules in the gutter between slots that stand side by side (栏线 between stories)."""
    items: list[Item] = []
    for a in page.slots:
        for b in page.slots:
            if a.grid.last_col + 1 != b.grid.col:
                continue
            top, bottom = max(a.grid.row, b.grid.row), min(a.grid.last_row, b.grid.last_row)
            if top > bottom:
                continue
            x = grid.col_x(b.grid.col) - grid.fmt.gutter / 2
            items.append(Rule(x, grid.row_top(top) + grid.pitch * 0.25, x, grid.row_top(bottom + 1) - grid.pitch * 0.25, 0.4))
    return items


def separators(page: Page) -> frozenset[str]:
    """Ids of slots with another slot directly below them: their last row holds the separating rule."""
    out = set()
    for a in page.slots:
        for b in page.slots:
            if b.grid.row == a.grid.last_row + 1 and not (b.grid.last_col < a.grid.col or a.grid.last_col < b.grid.col):
                out.add(a.id)
    return frozenset(out)
