"""What changed between two proof stages, article by article: added, removed, changed and moved text.

A proofreader re-reads only what changed.  Lines are the wrong unit for that:
one word added early in a paragraph re-breaks every line after it.  So each
article's text is compared sentence by sentence (sentences end at 。！？；
and their closing quotes; headline tiers, captions and each furniture line are
units of their own, and a paragraph never runs into the next), in reading order, ignoring where the
lines break:

* a sentence that is in both stages is unchanged, wherever it now sits;
* a run of sentences that differs is 改 (changed; the characters that differ
  are shown as ［旧→新］, ［删：…］, ［增：…］), 增 (added) or 删 (removed);
* a sentence removed in one place and added, unchanged, in another (in the same
  article or another) is 移 (moved), not removed and added.

Each change names where it is now (第3版 3C 第4栏第12行) and where it was.
The lines holding changed characters are what the later proof marks (修改痕迹).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from layout.editorial.stages import (
    CAPTION, FLOW, FURNITURE, HEAD, JUMP, Line, StageRecord, Story, capture, load_record, stage_path,
)

STOPS = "。！？；"
CLOSING = "”’）》」』】"
STREAMS = (HEAD, FLOW, CAPTION, FURNITURE)
MIN_MOVED = 4  # a moved sentence has at least this many characters (shorter ones recur by chance)
CONTEXT = 12  # characters kept around each change when a sentence is shortened for display
REWRITTEN = 0.35  # below this similarity a changed stretch is reported as removed + added
WHOLE_HEAD = 30  # a sentence's start up to this long is shown whole before its first change
CHANGED, ADDED, REMOVED, MOVED, NEW_STORY, GONE_STORY, JUMPED = "改", "增", "删", "移", "新稿", "撤稿", "转版"


@dataclass
class Stream:
    """One kind of text of a story (headline, body flow, captions, furniture) as one string.

    owner[i]: index into story.lines of the line holding text[i]; units:
    (start, end) of each sentence or other unit.
    """

    lines: tuple[Line, ...]
    text: str
    owner: list[int]
    units: list[tuple[int, int]]

    def unit_text(self, k: int) -> str:
        a, b = self.units[k]
        return self.text[a:b]

    def lines_of(self, start: int, end: int) -> list[int]:
        """Indices (into story.lines) of the lines holding text[start:end], in order, once each."""
        out: list[int] = []
        for i in range(max(start, 0), min(end, len(self.text))):
            if not out or out[-1] != self.owner[i]:
                if self.owner[i] not in out:
                    out.append(self.owner[i])
        return out


def stream(story: Story | None, kind: str) -> Stream:
    if story is None:
        return Stream((), "", [], [])
    parts, owner, bounds = [], [], set()
    prev: Line | None = None
    edges = _column_edges(story.lines) if kind == FLOW else {}
    for index, line in enumerate(story.lines):
        if line.kind != kind:
            continue
        text = line.text.replace(" ", "").replace("\u3000", "")
        start = len(owner)
        if prev is not None and (_boundary(prev, line) or _starts_paragraph(line, edges)):
            bounds.add(start)
        parts.append(text)
        owner.extend([index] * len(text))
        prev = line
    joined = "".join(parts)
    return Stream(story.lines, joined, owner, _units(joined, bounds))


def _column_edges(lines: tuple[Line, ...]) -> dict[tuple[int, str, int], float]:
    """The left edge of each text column: the x most lines of the column start at."""
    counts: dict[tuple[int, str, int], Counter] = defaultdict(Counter)
    for line in lines:
        if line.kind == FLOW:
            counts[(line.page, line.slot, line.col)][line.x] += 1
    return {key: max(c.items(), key=lambda kv: (kv[1], -kv[0]))[0] for key, c in counts.items()}


def _starts_paragraph(line: Line, edges: dict[tuple[int, str, int], float]) -> bool:
    """An indented, centred or right-set line begins a paragraph, a 小标题 or the 稿源: a unit starts there."""
    edge = edges.get((line.page, line.slot, line.col))
    return edge is not None and line.x - edge >= 1.5 * line.size


def _boundary(prev: Line, line: Line) -> bool:
    """Units never run across a headline tier, from one caption to another, or between furniture lines."""
    if line.kind == HEAD:
        return line.size != prev.size or line.slot != prev.slot
    if line.kind in (CAPTION, FURNITURE):
        return (line.group, line.slot, line.page) != (prev.group, prev.slot, prev.page)
    return False


def _units(text: str, bounds: set[int]) -> list[tuple[int, int]]:
    spans, start, i = [], 0, 0
    while i < len(text):
        if i in bounds and i > start:
            spans.append((start, i))
            start = i
        if text[i] in STOPS:
            j = i + 1
            while j < len(text) and (text[j] in STOPS or text[j] in CLOSING) and j not in bounds:
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class _Block:
    """One stretch of one stream where the stages differ: unit indices on each side."""

    key: str
    old: Stream
    new: Stream
    old_units: list[int]
    new_units: list[int]
    anchor: int  # position in the new stream where the stretch sits (for what was only removed)


@dataclass
class Change:
    """One change, as `layout diff` prints it and as the proof marks it.

    kind: 改 增 删 移 新稿 撤稿; key: the article; text: the new text with the
    differences marked (or the removed text); where: the place now, was: the
    place in the earlier stage; lines: the new stage's lines to mark.
    """

    kind: str
    key: str
    text: str
    where: str
    was: str = ""
    context: str = ""
    lines: tuple[Line, ...] = ()


@dataclass
class StoryDiff:
    key: str
    title: str
    slots_old: tuple[tuple[int, str], ...]
    slots_new: tuple[tuple[int, str], ...]
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class IssueDiff:
    old_stage: str
    new_stage: str
    stories: list[StoryDiff]

    @property
    def changes(self) -> list[Change]:
        return [c for s in self.stories for c in s.changes]

    def marked_lines(self) -> list[tuple[Line, str]]:
        """Every line of the new stage to mark, once, with the kind of its first change, in page order."""
        seen: dict[tuple, tuple[Line, str]] = {}
        for change in self.changes:
            for line in change.lines:
                seen.setdefault((line.page, line.y, line.x), (line, change.kind))
        return sorted(seen.values(), key=lambda lc: (lc[0].page, lc[0].col, lc[0].y, lc[0].x))


def compare(old: StageRecord, new: StageRecord) -> IssueDiff:
    """Everything that differs between two records (module docstring)."""
    blocks: list[_Block] = []
    diffs: dict[str, StoryDiff] = {}
    keys = [s.key for s in new.stories] + [s.key for s in old.stories if new.story(s.key) is None]
    for key in keys:
        a, b = old.story(key), new.story(key)
        diffs[key] = StoryDiff(key, (b or a).title, a.slots if a else (), b.slots if b else ())
        if a is None or b is None:
            diffs[key].changes.append(_whole(a, b))
            continue
        for kind in STREAMS:
            blocks.extend(_blocks(key, stream(a, kind), stream(b, kind)))
        diffs[key].notes.extend(_layout_notes(a, b, old.stage, new.stage))
        jump = _jump_lines_changed(a, b)
        if jump:
            diffs[key].changes.append(Change(JUMPED, key, jump[0], jump[1].place, lines=(jump[1],)))
    for change in _moves(blocks):
        diffs[change.key].changes.append(change)
    for block in blocks:
        diffs[block.key].changes.extend(_change(block))
    for d in diffs.values():
        d.changes.sort(key=_reading_order)
    return IssueDiff(old.stage, new.stage, [d for d in diffs.values() if d.changes or d.notes])


def _reading_order(change: Change) -> tuple:
    line = change.lines[0] if change.lines else None
    return (0, line.page, line.slot, line.col, line.y) if line else (1, 0, "", 0, 0.0)


def _blocks(key: str, a: Stream, b: Stream) -> list[_Block]:
    units_a = [a.unit_text(k) for k in range(len(a.units))]
    units_b = [b.unit_text(k) for k in range(len(b.units))]
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, units_a, units_b, autojunk=False).get_opcodes():
        if op != "equal":
            anchor = b.units[j1][0] if j1 < len(b.units) else len(b.text)
            out.append(_Block(key, a, b, list(range(i1, i2)), list(range(j1, j2)), anchor))
    return out


def _moves(blocks: list[_Block]) -> list[Change]:
    """Sentences removed in one place and added unchanged in another: moved (and taken out of their blocks).

    Sentences that moved together (one after the other before and after) are one move.
    """
    removed: dict[str, list[tuple[_Block, int]]] = defaultdict(list)
    for block in blocks:
        for k in block.old_units:
            text = block.old.unit_text(k)
            if len(text) >= MIN_MOVED:
                removed[text].append((block, k))
    pairs: list[tuple[_Block, int, _Block, int]] = []
    for block in blocks:
        for k in list(block.new_units):
            text = block.new.unit_text(k)
            if removed.get(text):
                source, j = removed[text].pop(0)
                source.old_units.remove(j)
                block.new_units.remove(k)
                pairs.append((source, j, block, k))
    groups: list[list[tuple[_Block, int, _Block, int]]] = []
    for pair in pairs:
        last = groups[-1][-1] if groups else None
        if last and last[0] is pair[0] and last[2] is pair[2] and (last[1], last[3]) == (pair[1] - 1, pair[3] - 1):
            groups[-1].append(pair)
        else:
            groups.append([pair])
    out = []
    for group in groups:
        source, target = group[0][0], group[0][2]
        a = (source.old.units[group[0][1]][0], source.old.units[group[-1][1]][1])
        b = (target.new.units[group[0][3]][0], target.new.units[group[-1][3]][1])
        old_lines = [source.old.lines[i] for i in source.old.lines_of(*a)]
        new_lines = tuple(target.new.lines[i] for i in target.new.lines_of(*b))
        was = old_lines[0].place if old_lines else ""
        if source.key != target.key:
            was = f"{source.key} {was}"
        out.append(Change(MOVED, target.key, target.new.text[b[0]:b[1]], new_lines[0].place if new_lines else "",
                          was=was, lines=new_lines))
    return out


def _change(block: _Block) -> list[Change]:
    old_text = "".join(block.old.unit_text(k) for k in block.old_units)
    new_text = "".join(block.new.unit_text(k) for k in block.new_units)
    if not old_text and not new_text:
        return []
    if old_text and new_text and SequenceMatcher(None, old_text, new_text, autojunk=False).ratio() < REWRITTEN:
        # nothing in common: what was there went, something else came
        removed = _Block(block.key, block.old, block.new, block.old_units, [], block.anchor)
        added = _Block(block.key, block.old, block.new, [], block.new_units, block.anchor)
        return _change(removed) + _change(added)
    if block.new_units:
        start = block.new.units[block.new_units[0]][0]
        end = block.new.units[block.new_units[-1]][1]
    else:
        start = end = block.anchor
    old_start = block.old.units[block.old_units[0]][0] if block.old_units else 0

    def old_place(offset: int) -> str:
        at = block.old.lines_of(old_start + offset, old_start + offset + 1)
        return block.old.lines[at[0]].place if at else ""

    was = old_place(0)
    if not old_text:
        lines = _lines(block.new, block.new.lines_of(start, end))
        before = block.new.text[max(0, start - CONTEXT):start]
        context = f"接在“{'…' if start > CONTEXT else ''}{before}”之后" if before else "在开头"
        return [Change(ADDED, block.key, f"［增：{new_text}］", lines[0].place if lines else "", context=context,
                       lines=tuple(lines))]
    if not new_text:
        at = block.new.lines_of(start, start + 1) or block.new.lines_of(start - 1, start)
        lines = _lines(block.new, at)
        after = block.new.text[start:start + CONTEXT]
        context = f"在“{after}{'…' if start + CONTEXT < len(block.new.text) else ''}”之前" if after else "在末尾"
        return [Change(REMOVED, block.key, f"［删：{old_text}］", lines[0].place if lines else "", was=was,
                       context=context, lines=tuple(lines))]
    marked, spans, first_old = _marked(old_text, new_text)
    indices: list[int] = []
    for s, e in spans:
        for i in block.new.lines_of(start + s, start + max(e, s + 1)) if s < len(new_text) else \
                block.new.lines_of(start + s - 1, start + s):
            if i not in indices:
                indices.append(i)
    lines = _lines(block.new, indices)
    where = lines[0].place if lines else ""
    was = old_place(min(first_old, len(old_text) - 1))
    return [Change(CHANGED, block.key, marked, where, was=was if was != where else "", lines=tuple(lines))]


def _lines(s: Stream, indices: list[int]) -> list[Line]:
    return [s.lines[i] for i in indices]


def _marked(old: str, new: str) -> tuple[str, list[tuple[int, int]], int]:
    """The new text with each difference marked, shortened around the changes; the changed spans of
    `new`; and where in `old` the first difference is."""
    ops = _merged(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    spans = [(j1, j2) for op, _i1, _i2, j1, j2 in ops if op != "equal"]
    first_old = next((i1 for op, i1, _i2, _j1, _j2 in ops if op != "equal"), 0)
    out = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            out.append(_shorten(new[j1:j2], first=k == 0, last=k == len(ops) - 1))
        elif op == "replace":
            out.append(f"［{old[i1:i2]}→{new[j1:j2]}］")
        elif op == "delete":
            out.append(f"［删：{old[i1:i2]}］")
        else:
            out.append(f"［增：{new[j1:j2]}］")
    return "".join(out), spans, first_old


def _merged(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Changes at most two characters apart read as one (终于清爽 → 清清爽爽, not ［删：终于］清［增：清爽］爽)."""
    out: list[tuple[str, int, int, int, int]] = []
    for op, i1, i2, j1, j2 in ops:
        if op != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-1][2] - out[-1][1] <= 2:
            out.pop()
            _op, i1, _i2, j1, _j2 = out.pop()
        elif op != "equal" and out and out[-1][0] != "equal":
            _op, i1, _i2, j1, _j2 = out.pop()
        if op != "equal":
            op = "delete" if j1 == j2 else "insert" if i1 == i2 else "replace"
        out.append((op, i1, i2, j1, j2))
    return out


def _shorten(text: str, first: bool, last: bool) -> str:
    """An unchanged stretch between changes, shortened to the context around them."""
    if first and len(text) <= WHOLE_HEAD:
        return text
    keep_head = 0 if first else CONTEXT
    keep_tail = 0 if last else CONTEXT
    if len(text) <= keep_head + keep_tail + 2 or (first and last):
        return text
    head = text[:keep_head]
    tail = text[len(text) - keep_tail:] if keep_tail else ""
    return f"{head}…{tail}"


def _whole(a: Story | None, b: Story | None) -> Change:
    """A story only in one stage: new (every line to read) or withdrawn."""
    if b is not None:
        lines = tuple(ln for ln in b.lines if ln.kind != JUMP)
        text = "".join(ln.text for ln in lines if ln.kind == HEAD) or b.title
        return Change(NEW_STORY, b.key, f"《{text}》全文需通读", lines[0].place if lines else "", lines=lines)
    text = "".join(ln.text for ln in a.lines if ln.kind == HEAD) or a.title
    return Change(GONE_STORY, a.key, f"《{text}》", "", was=a.lines[0].place if a.lines else "")


def _places(slots: tuple[tuple[int, str], ...]) -> str:
    return " → ".join(f"第{p}版 {s}" for p, s in slots)


def _layout_notes(a: Story, b: Story, old_stage: str, new_stage: str) -> list[str]:
    notes = []
    if a.slots != b.slots:
        notes.append(f"版位变了：{old_stage} {_places(a.slots)}，{new_stage} {_places(b.slots)}")
    if b.overset and b.overset != a.overset:
        notes.append(f"超版 {b.overset} 行：排不下的文字不在版面上，末尾的“删”可能就是它，先处理超版")
    return notes


def _jump_lines_changed(a: Story, b: Story) -> tuple[str, Line] | None:
    """When an article jumps, where its first slot now ends, if that moved (errors at 转版 are common)."""
    if len(a.slots) < 2 or len(b.slots) < 2:
        return None
    end_a, end_b = _first_slot_end(a), _first_slot_end(b)
    if end_a is None or end_b is None or end_a[0] == end_b[0]:
        return None
    return f"转版处变了，本版现排到“…{end_b[0]}”（原排到“…{end_a[0]}”），请核对下转、上接两处", end_b[1]


def _first_slot_end(story: Story) -> tuple[str, Line] | None:
    first = story.slots[0]
    flow = [ln for ln in story.lines if ln.kind == FLOW and (ln.page, ln.slot) == first]
    if not flow:
        return None
    tail = "".join(ln.text for ln in flow).replace(" ", "")[-CONTEXT:]
    return tail, flow[-1]


# --------------------------------------------------------------------------
# `layout diff`


def format_diff(diff: IssueDiff, title: str, new_label: str) -> str:
    out = [f"{title}  {diff.old_stage} → {new_label}"]
    if not diff.stories:
        out.append(f"没有改动：{new_label}和{diff.old_stage}排出来的文字完全一样 (no changes)")
        return "\n".join(out) + "\n"
    counts: dict[str, int] = defaultdict(int)
    for story in diff.stories:
        slots = _places(story.slots_new or story.slots_old)
        label = f"《{story.title}》" if story.title and not story.key.startswith("第") else ""
        out.append(f"{slots or story.key}{label} {story.key if not story.key.startswith('第') else ''}".rstrip())
        for note in story.notes:
            out.append(f"  {note}")
        for change in story.changes:
            counts[change.kind] += 1
            out.append(_change_line(change, diff.old_stage))
    marked = diff.marked_lines()
    summary = "、".join(f"{k} {counts[k]}" for k in (CHANGED, ADDED, REMOVED, MOVED, JUMPED, NEW_STORY, GONE_STORY)
                        if counts[k])
    out.append(f"共 {sum(counts.values())} 处（{summary}）；{new_label}校样上要重读的行：{len(marked)} 行")
    return "\n".join(out) + "\n"


def _change_line(change: Change, old_stage: str) -> str:
    if change.kind == GONE_STORY:
        return f"  {change.kind} {old_stage}在 {change.was}：{change.text}"
    where = change.where or change.was
    text = f"  {change.kind} {where}：{change.text}"
    extra = []
    if change.context:
        extra.append(change.context)
    if change.was and change.was != change.where:
        extra.append(f"{old_stage}在 {change.was}")
    if extra:
        text += "（" + "；".join(extra) + "）"
    return text


def configure(p: argparse.ArgumentParser) -> None:
    from layout.build import OUTPUT_DIR

    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2026-12（不写：issues/ 里最新的一期）")
    p.add_argument("--from", dest="from_stage", required=True, metavar="STAGE", help="和哪一校比，如 一校")
    p.add_argument("--to", dest="to_stage", metavar="STAGE",
                   help="比到哪一校，如 二校（默认：现在的稿子，按当前文件重新排一遍，不写文件）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认 output/），各校的记录在 <期>/stages/")


def cli_diff(args: argparse.Namespace) -> int:
    """`layout diff ISSUE --from 一校 [--to 二校]`: per article and slot, what changed; always exits 0."""
    from layout.build import compose
    from layout.model.issue import load_issue
    from layout.outdir import issue_output

    folder = issue_output(args.issue, load_issue(args.issue).profile.name, args.output)
    old = load_record(folder, args.from_stage)
    if args.to_stage:
        new = load_record(folder, args.to_stage)
        label = args.to_stage
        issue = load_issue(args.issue)
    else:
        issue, _articles, _fonts, layout, _findings = compose(args.issue)
        new = capture(issue, layout, issue.proof_stage)
        label = "现稿"
    title = f"《{issue.profile.edition.title}》第{issue.number}期 改动"
    print(format_diff(compare(old, new), title, label), end="")
    print(f"（{args.from_stage}的记录：{stage_path(folder, args.from_stage)}）")
    return 0
