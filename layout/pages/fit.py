"""撑满: fit a story to its slot exactly, in whole grid rows (pages.md §1).

A 美编 never releases a story that stops short of its slot.  The natural setting
leaves some rows of slack; they are taken up, in this order of preference and
within the paper's limits (`FitLimits`, paper.yaml `fit:`):

1. white rows around the headline block: one row absorbs a line in every column;
2. photo height: one row absorbs a line in each column the photo spans; the photo
   keeps its width and the crop follows, never cutting more than `crop` of it;
3. a blank row before a 小标题 or the 稿源, after the byline or the 编者按: one
   line each.

A fit is exact when every text column of the story ends on the slot's last row
(columns of one story end on one baseline).  The search tries the fits in order
of a price that prefers headline space, then photo rows, then single spaces, and
spreads rather than piles; it verifies each candidate by filling the frames, so
the paragraph rules (no orphan, no widow, a sub-head kept with two lines) hold
in what it returns.  When no fit is exact it returns the one that takes up the
most slack, balanced, and the report says how many characters the editor can add.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from layout.model.profile import FitLimits
from layout.pages.figures import crop_loss, figure_width
from layout.pages.flow import Piece, balance, fill
from layout.text.looseness import set_paragraph_lines
from layout.pages.stagger import PLAIN
from layout.pages.headblock import title_steps
from layout.pages.slot import Fit, PageContext, SlotFlow, SlotPlan, flow_slot, frames_of, headline_at, refit

MAX_TRIALS = 600  # fits verified per slot at most: keeps a page well under a tenth of a second


def fit_slot(ctx: PageContext, plan: SlotPlan, limits: FitLimits) -> tuple[SlotPlan, SlotFlow]:
    """The best fit of the story in its slot and the body flowed into it (see the module docstring)."""
    natural = flow_slot(plan, ctx.page.no)
    if natural.continuation is not None or not plan.frames or _exact(plan, natural):
        return plan, natural
    overset = natural.end < len(plan.lines)
    search = _Search(ctx, plan, limits, stretch_points(plan.natural), overset)
    found = search.run()
    if found is None:  # the fine absorber: paragraphs set a line longer (or shorter) — 拉行 / 缩行
        found = search.repair(loose_points(plan, 1, ctx), loose_points(plan, -1, ctx))
    if found is not None:
        return found
    best = search.best
    if best is not None and (overset or best[0] < (-natural.rows_used, 0.0)):
        return best[1], best[2]  # takes up more slack than the natural setting, or ends its overset
    return plan, natural


class _Search:
    """Tries fits in rising price; remembers the fullest inexact one (balanced) as a fallback."""

    def __init__(self, ctx: PageContext, plan: SlotPlan, limits: FitLimits, stretch: tuple[int, ...], overset: bool):
        self.ctx, self.plan, self.limits, self.stretch, self.overset = ctx, plan, limits, stretch, overset
        self.heads: dict[int, object] = {}
        self.best: tuple[tuple, SlotPlan, SlotFlow] | None = None
        self.trials = 0
        self._candidates: list[tuple[tuple, Fit]] | None = None

    def candidates(self) -> list[tuple[tuple, Fit]]:
        """_candidates, built once (run and repair walk the same list; building it fills self.heads)."""
        if self._candidates is None:
            self._candidates = list(_candidates(self.ctx, self.plan, self.limits, self.stretch, self.overset, self.heads))
        return self._candidates

    def repair(self, grow: tuple[int, ...], shrink: tuple[int, ...]) -> tuple[SlotPlan, SlotFlow] | None:
        """Targeted fine fitting from the cheapest geometries (see _repair_one)."""
        limits = self.limits
        geometries = []
        for key, fit in self.candidates():
            base = Fit(fit.head_rows, fit.figure_rows, (), fit.title_step)
            if base not in [g for _k, g in geometries] and key[0] <= len(grow) + limits.spaces * len(self.stretch):
                geometries.append((key, base))
            if len(geometries) >= 24:
                break
        if self.overset and not geometries:
            geometries = [((0, 0.0), Fit())]
        for _key, base in geometries:
            found = _repair_one(self, base, grow, shrink, self.stretch, limits.spaces * len(self.stretch))
            if found is not None:
                return found
            if self.trials >= MAX_TRIALS:
                break
        return None

    def run(self) -> tuple[SlotPlan, SlotFlow] | None:
        ctx, plan = self.ctx, self.plan
        for key, fit in self.candidates():
            candidate = refit(ctx, plan, fit, self.heads[fit.title_step])
            placements, end = fill(list(candidate.lines), list(candidate.frames), candidate.pieces)
            self.trials += 1
            if end >= len(candidate.lines) and _full(candidate.frames, placements, candidate.lines):
                return candidate, SlotFlow(tuple(placements), end)
            if end >= len(candidate.lines):  # fits, but not exactly: remember the fullest, balanced
                placed = balance(list(candidate.lines), list(candidate.frames), candidate.pieces)
                if placed is not None:
                    rank = (-sum(p.count for p in placed), key[1])
                    if self.best is None or rank < self.best[0]:
                        self.best = (rank, candidate, SlotFlow(tuple(placed), len(candidate.lines)))
            if self.trials >= MAX_TRIALS:
                return None
        return None


def _repair_one(search: "_Search", base: Fit, grow: tuple[int, ...], shrink: tuple[int, ...],
                stretch: tuple[int, ...], spaces: int) -> tuple[SlotPlan, SlotFlow] | None:
    """From one geometry: fill, and where the first column ends short add a line inside it (a space at a
    stretch point, or 拉行 of a paragraph there); where every column is full and text is left, take a
    line out (缩行).  Stops when the fill is exact or nothing is left to try."""
    ctx, plan = search.ctx, search.plan
    fit, used = base, set()
    for _ in range(2 * len(plan.frames) + 6):
        candidate = refit(ctx, plan, fit, search.heads[fit.title_step])
        lines = candidate.lines
        placements, end = fill(list(lines), list(candidate.frames), candidate.pieces)
        search.trials += 1
        if end >= len(lines) and _full(candidate.frames, placements, lines):
            return candidate, SlotFlow(tuple(placements), end)
        by_frame = {p.frame: p for p in placements}
        short = next((f for f in candidate.frames if f not in by_frame or by_frame[f].count < f.rows
                      or lines[by_frame[f].start + by_frame[f].count - 1].line is None), None)
        if short is None or end < len(lines):  # text left over (a column may end short by a paragraph rule)
            index = next((i for i in shrink if ("loose", i) not in used), None)
            if index is None:
                return None
            used.add(("loose", index))
            fit = replace(fit, loose=tuple(sorted(fit.loose + ((index, -1),))))
            continue
        placed = by_frame.get(short)
        upto = placed.start + placed.count if placed else 0
        frames_before = [p for p in placements if p.start < upto]
        first_line = {}
        for k, fl in enumerate(lines):
            first_line.setdefault(fl.piece, k)
        unit = None
        for pl in reversed(frames_before):  # inside the short column first, then the ones before it
            lo, hi = pl.start, pl.start + pl.count
            unit = next((("space", i) for i in stretch if lo <= first_line.get(i, -1) < hi and ("space", i) not in used
                         and spaces > 0), None) or \
                next((("loose", i) for i in grow if ("loose", i) not in used
                      and any(lines[k].piece == i for k in range(lo, hi))), None)
            if unit:
                break
        if unit is None:
            return None
        used.add(unit)
        if unit[0] == "space":
            spaces -= 1
            fit = replace(fit, spaces=tuple(sorted(fit.spaces + ((unit[1], 1),))))
        else:
            fit = replace(fit, loose=tuple(sorted(fit.loose + ((unit[1], 1),))))
        if search.trials >= MAX_TRIALS:
            return None
    return None


def loose_points(plan: SlotPlan, extra: int, ctx: PageContext, most: int = 40) -> tuple[int, ...]:
    """Paragraphs that can be set one line longer (extra = +1) or shorter (−1) within the limits, the
    likeliest first: for 拉行 those whose last line is nearly full, for 缩行 those whose last line is short."""
    measure = plan.area.columns[0][1]
    last_share = {}
    for fl in plan.natural_lines:
        if fl.line is not None and fl.index == fl.count - 1 and fl.count >= 2:
            last_share[fl.piece] = fl.line.width / measure
    order = sorted(last_share, key=lambda i: (-last_share[i] if extra > 0 else last_share[i], i))
    out = []
    for index in order:
        piece = plan.natural[index]
        if piece.kind not in ("para", "lead", "box_para") or piece.box == "note":
            continue
        if set_paragraph_lines(piece.spans, piece.measure(measure), piece.settings, extra) is not None:
            out.append(index)
            if len(out) >= most:
                break
    return tuple(out)


def _exact(plan: SlotPlan, flowed: SlotFlow) -> bool:
    return flowed.end >= len(plan.lines) and _full(plan.frames, flowed.placements, plan.lines)


def _full(frames, placements, lines) -> bool:
    """Every frame filled to its last row, and with a line of text there (a blank row at a column's foot
    is a hole all the same)."""
    used = {p.frame: p for p in placements}
    return all(f in used and used[f].count == f.rows and lines[used[f].start + f.rows - 1].line is not None
               for f in frames)


def stretch_points(pieces: tuple[Piece, ...]) -> tuple[int, ...]:
    """Indices of pieces before which a blank row may go, most natural first: before a 小标题, before
    the 稿源, after a 链接 box, after the byline, after the 编者按, before a head inside a 链接 box."""
    subheads = [i for i, p in enumerate(pieces) if p.kind == "subhead" and i > 0]
    source = [i for i, p in enumerate(pieces) if p.kind == "source" and i > 0]
    after_box = [i for i in range(1, len(pieces)) if pieces[i - 1].box == "sidebar" and not pieces[i].box]
    after_byline = [i for i in range(1, len(pieces)) if pieces[i - 1].kind == "byline"]
    after_note = [i for i in range(1, len(pieces)) if pieces[i - 1].kind == "note" and pieces[i].kind != "note"]
    # a head inside a 链接 box parts its items as a 小标题 parts the story (not the first, under the box title)
    box_heads = [i for i in range(1, len(pieces)) if pieces[i].kind == "box_head" and pieces[i - 1].kind != "box_title"]
    seen: list[int] = []
    for i in subheads + source + after_box + after_byline + after_note + box_heads:
        if i not in seen:
            seen.append(i)
    return tuple(seen)


def _figure_ranges(ctx: PageContext, plan: SlotPlan, limits: FitLimits) -> list[range]:
    """Rows each photo may gain or lose: within `figure_rows`, at least three rows of picture, and a
    crop no worse than `crop` (or than the editor's own 高=, if that already crops more)."""
    ranges = []
    for k, placed in enumerate(plan.figures):
        _first, _count, _x, width = figure_width(placed.figure, plan.area)
        pixels = placed.pixels
        base = placed.picture_rows - (plan.fit.figure_rows[k] if k < len(plan.fit.figure_rows) else 0)
        allowed = max(limits.crop, crop_loss(pixels, width, base, ctx.grid) + 1e-9)
        deltas = [d for d in range(-limits.figure_rows, limits.figure_rows + 1)
                  if base + d >= 3 and crop_loss(pixels, width, base + d, ctx.grid) <= allowed]
        ranges.append(range(min(deltas), max(deltas) + 1) if deltas else range(0, 1))
    return ranges


def _candidates(ctx: PageContext, plan: SlotPlan, limits: FitLimits, stretch: tuple[int, ...], overset: bool,
                heads: dict):
    """((slack left, price), Fit) in rising order: every headline padding × photo heights under which
    the text still fits, single spaces taking up the rest, with a few ways of placing them (拉行/缩行
    are the repair's, not the search's).  Fills `heads`: title step → its unpadded headline."""
    lines = len(plan.lines)
    blanks = sum(1 for fl in plan.lines if fl.line is None)
    ranges = _figure_ranges(ctx, plan, limits)
    if len(ranges) > 2:  # many photos: the two largest vary, the rest keep their height
        order = sorted(range(len(ranges)), key=lambda k: -plan.figures[k].columns * plan.figures[k].rows)
        ranges = [r if k in order[:2] else range(0, 1) for k, r in enumerate(ranges)]
    options = []
    room = limits.spaces * len(stretch)
    spanning = ctx.forms.get(plan.slot.id, PLAIN).head_span is not None  # its height is the neighbour's top
    steps = range(len(title_steps(plan.spec))) if overset and plan.spec is not None and not spanning else range(1)
    for step in steps:
        heads[step] = headline_at(ctx, plan, step)
        for head in range(0, 1 if spanning else limits.head_rows + 1):
            for deltas in itertools.product(*ranges):
                fit = Fit(head, tuple(deltas), (), step)
                frames = frames_of(ctx, plan, fit, heads[step])
                slack = sum(f.rows for f in frames) - lines
                base = head ** 2 + 1.5 * sum(d * d for d in deltas) + 4.0 * step
                if slack < 0:
                    continue  # the text no longer fits
                # a blank row that lands at a column break vanishes: up to one per break may need making up
                for lost in range(0, min(blanks, len(frames) - 1) + 1):
                    need = slack + lost
                    spaces = min(need, room)
                    price = base + 2.0 * spaces + 0.5 * lost
                    options.append(((need - spaces, price), head, tuple(deltas), spaces, step))
    options.sort()
    for key, head, deltas, spaces, step in options:
        for chosen in _space_choices(stretch, spaces, limits.spaces):
            yield key, Fit(head, deltas, chosen, step)


def _space_choices(stretch: tuple[int, ...], count: int, per_point: int):
    """A few ways of spreading `count` blank rows over the stretch points: the first points first, then
    windows further along (a space that lands at a column top is lost, so alternatives matter)."""
    if count == 0:
        yield ()
        return
    points = len(stretch)
    seen = set()
    for start in range(0, max(1, points - count + 1)):
        window = stretch[start:start + count]
        if len(window) == count:
            choice = tuple(sorted((i, 1) for i in window))
            if choice not in seen:
                seen.add(choice)
                yield choice
    if per_point > 1 and count <= per_point * points:
        rows = [0] * points
        for k in range(count):
            rows[k % points] += 1
        choice = tuple(sorted((stretch[i], r) for i, r in enumerate(rows) if r))
        if choice not in seen:
            yield choice

