"""Page furniture: the masthead and imprint of page 1, the folio line (报眉) of inner pages,
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
from layout.phrases import phrases
from layout.text import Align
from layout.text.headline import set_headline
from layout.units import mm

QR_SIZE = mm(21)


def _text(sheet: Sheet, style: str, text: str, x: float, baseline: float, width: float,
          align: Align | None = None) -> list[GlyphRun]:
    """Furniture text, set solid (no justification), aligned within `width`; when it must wrap it
    breaks at its spaces or phrase boundaries, like a headline (扫描二维码 | 关注“梧桐家园”)."""
    lines = set_headline((text,), sheet.text(style), width, phrases, align or sheet.align(style))
    runs: list[GlyphRun] = []
    size = sheet.text(style).size
    for k, line in enumerate(lines):
        runs.extend(line_runs(line, x, baseline + k * size * 1.25, sheet.color(style)))
    return runs


def front_page(issue: Issue, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """Masthead (报头), the information band, the QR codes (报眼) and the imprint at the foot."""
    fmt = issue.profile.format
    items: list[Item] = []
    band_row = fmt.masthead_rows - 2  # the last two masthead rows hold the information band
    title = sheet.text("masthead")
    qr_width = 2 * QR_SIZE + mm(6)
    name_width = grid.right - grid.left - qr_width - mm(6)
    name_base = grid.row_top(1) + (band_row - 2) * grid.pitch * 0.5 + title.size * 0.45
    items += _text(sheet, "masthead", issue.profile.edition.title, grid.left, name_base, name_width, Align.CENTER)
    items += _text(sheet, "masthead_sub", wording.masthead.coeditor, grid.left, grid.baseline(band_row - 1), name_width, Align.CENTER)
    items += _qr_codes(issue, grid, sheet, qr_width)
    y_band = grid.row_top(band_row)
    items.append(Rule(grid.left, y_band, grid.right, y_band, 1.6))
    for k, line in enumerate((wording.masthead.dateline, wording.masthead.licence)):
        items += _text(sheet, "imprint", line, grid.left, grid.baseline(band_row + k, sheet.text("imprint").size),
                       grid.right - grid.left, Align.CENTER)
    y_end = grid.row_top(fmt.masthead_rows + 1) - grid.pitch / 2
    items.append(Rule(grid.left, y_end, grid.right, y_end, 0.5))
    items += _imprint(issue, grid, sheet, wording)
    return items


def _qr_codes(issue: Issue, grid: PageGrid, sheet: Sheet, width: float) -> list[Item]:
    items: list[Item] = []
    x = grid.right - width
    top = grid.row_top(1) + grid.pitch * 0.5
    for k, qr in enumerate(issue.profile.edition.qr_codes[:2]):
        qx = x + k * (QR_SIZE + mm(6))
        items.append(Picture(qx, top, QR_SIZE, QR_SIZE, str(qr.image)))
        items += _text(sheet, "imprint", qr.label, qx - mm(2), top + QR_SIZE + sheet.text("imprint").size * 1.3,
                       QR_SIZE + mm(4), Align.CENTER)
    return items


def _imprint(issue: Issue, grid: PageGrid, sheet: Sheet, wording: Wording) -> list[Item]:
    """The imprint lines in the last rows of page 1, under a rule."""
    fmt = issue.profile.format
    first = fmt.rows - fmt.imprint_rows + 1
    y = grid.row_top(first)
    items: list[Item] = [Rule(grid.left, y, grid.right, y, 0.5)]
    size = sheet.text("imprint").size
    for k, line in enumerate(wording.imprint):
        items += _text(sheet, "imprint", line, grid.left, grid.baseline(first + k, size), grid.right - grid.left, Align.CENTER)
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
    items += _text(sheet, "folio_name", f"{words.number}\u3000{words.name}", grid.left, baseline, width, outer)
    items += _text(sheet, "folio", words.paper, grid.left, baseline, width, inner)
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
