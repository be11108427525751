"""An article's body → the pieces of its flow, each with its style (newspaper.md §6.3 rendering column).

In reading order (pages.md §3):
- 编者按 directly under the headline, before the byline: its label in 黑, its text in 楷,
  ruled above and below;
- the byline "□记者　周晓岚　通讯员　陈立" in 楷, a full 一字空 between roles and names;
- 导语 in 楷; body in 宋 with a 2-em indent;
- 小标题 in 黑, set like a headline and centred in a cell one row taller than its lines (white
  above and below); a two-part 小标题 ("问需于民 实事清单由居民“点单”") as a lead line in the
  `subhead_lead` style over the main line; kept with two lines of text;
- 【简讯】 items: a short label before the first "：" set as a bold run-in (`run_in`), or a ■
  hanging before an item that has none;
- 【链接】 as a tinted box: a reversed tab with the label (`sidebar_label`), the title broken at
  phrases beside it, ■ group heads, items with hanging indents (a "项目一：" or "1." label hangs,
  runovers align under the text);
- 稿源 as "（…）" flush right, right after the story's last paragraph (before a 链接 box that
  closes the story), never parted from it;
- jump lines from the paper's templates.
Digits of every 楷 line come from the paper's `numerals` face (displaytext.styled).
"""

from __future__ import annotations

import re
from dataclasses import replace

from layout.model.article import Article, is_group_head
from layout.model.profile import Profile
from layout.pages.displaytext import label_width, styled
from layout.pages.flow import Piece
from layout.pages.sheet import Sheet
from layout.pages.wording import Labels
from layout.text import Align, PunctuationStyle, Settings, Span

SIDEBAR_INSET_EM = 0.75
TAB_PAD_EM = 0.35  # white each side of the 链接 label inside its tab, in em of the label
TAB_GAP_EM = 0.5  # between the tab and the title, in em of the title
BULLET = "■"  # hangs before a brief that has no run-in label
RUN_IN_CHARS = 8  # a run-in label is at most this many characters before its "："
ITEM_MIN_LAST = 3  # 链接 items and briefs: no 2-character last line where another break exists
# a list item's own label: "1." "1、" "（1）" "①" "一、" — or a short run-in before "：" (项目一：, 责任单位：)
_NUMBER = re.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)]|[\u2460-\u2473]|[一二三四五六七八九十]{1,3}、)")
_LABEL = re.compile(r"^([^，。、；：！？“”（）《》\s]{1,%d}：)(?=\S)" % RUN_IN_CHARS)


def body_settings(profile: Profile) -> Settings:
    f = profile.format
    return Settings(indent_em=f.indent_em, punctuation=PunctuationStyle(f.punctuation),
                    autospace_em=f.latin_spacing_em, squeeze_first=f.squeeze_first)


def _flush(base: Settings, align: Align) -> Settings:
    return replace(base, align=align, indent_em=0.0)


def _display(base: Settings, align: Align) -> Settings:
    return replace(_flush(base, align), headline_space_em=1.0, min_last_chars=1)


def article_pieces(article: Article, sheet: Sheet, labels: Labels = Labels()) -> tuple[Piece, ...]:
    """Every piece of the article's flow in reading order."""
    base = body_settings(sheet.profile)
    pieces: list[Piece] = _editor_note(article, sheet, base, labels)
    if article.byline:
        byline = sheet.profile.byline_ornament + "\u3000".join(article.byline.split())
        pieces.append(Piece("byline", styled(sheet, "byline", byline), _flush(base, sheet.align("byline"))))
    body = article.body
    last_text = max((i for i, b in enumerate(body) if b.kind != "sidebar"), default=-1)
    after_box = False
    for index, block in enumerate(body):
        if block.kind == "sidebar":
            pieces.extend(_sidebar(block.text, block.items, sheet, base, index, labels))
            after_box = True
            continue
        piece = _body_piece(block.kind, block.text, sheet, base, index)
        if piece is None:
            continue
        if after_box:
            piece = replace(piece, space_before=max(piece.space_before, 1))
            after_box = False
        pieces.append(piece)
        if index == last_text and article.source:
            pieces.append(_source(article.source, sheet, base, 0))
    if article.source and last_text < 0:  # a story of boxes only: the 稿源 closes the last one
        pieces.append(_source(article.source, sheet, base, 1 if after_box else 0))
    return tuple(pieces)


def _source(source: str, sheet: Sheet, base: Settings, space: int) -> Piece:
    return Piece("source", (Span(f"（{source}）", sheet.text("source")),), _flush(base, sheet.align("source")),
                 space_before=space)


def _body_piece(kind: str, text: str, sheet: Sheet, base: Settings, index: int) -> Piece | None:
    if kind == "subhead":
        return _subhead(text, sheet, base, index)
    if kind == "brief":
        return _brief(text, sheet, base, index)
    if kind == "lead":
        return Piece("lead", styled(sheet, "lead", text), base, block=index)
    return Piece(kind, (Span(text, sheet.text("body")),), base, block=index)


def _subhead(text: str, sheet: Sheet, base: Settings, index: int) -> Piece | None:
    """A 小标题: one line (or two, broken at a phrase), or a lead line and a main line when the
    source gives two parts (a space between them) and the paper has a `subhead_lead` style."""
    text = text.strip()
    if not text:
        return None
    settings = _display(base, sheet.align("subhead"))
    lead, _space, main = text.partition(" ")
    if main and "subhead_lead" in sheet.profile.styles:
        spans = styled(sheet, "subhead_lead", lead) + styled(sheet, "subhead", main.strip())
        return Piece("subhead", spans, settings, keep=2, block=index, breaks=(len(lead),))
    return Piece("subhead", styled(sheet, "subhead", text), settings, keep=2, block=index)


def _brief(text: str, sheet: Sheet, base: Settings, index: int) -> Piece:
    """A 【简讯】 item: “急救设备：…” with its label as a bold run-in; without a label, a ■ hangs."""
    body = sheet.text("body")
    run_in = _style_or(sheet, "run_in", "editor_note_label")
    label = _LABEL.match(text)
    if label:
        spans = (Span(label.group(1), sheet.text(run_in)), Span(text[label.end():], body))
        return Piece("para", spans, replace(base, min_last_chars=ITEM_MIN_LAST), block=index)
    spans = (Span(BULLET + " ", sheet.text(run_in)), Span(text.lstrip(BULLET + " \u3000"), body))  # one ■, ours
    return _hanging("para", spans, 2, base, index)


def _hanging(kind: str, spans: tuple[Span, ...], label_chars: int, base: Settings, index: int,
             inset: float = 0.0, box: str = "") -> Piece:
    """A paragraph whose first `label_chars` characters (its label) hang: every line of its text
    starts the label's width in, the label set solid before the first."""
    settings = replace(base, indent_em=0.0, min_last_chars=ITEM_MIN_LAST)
    hang = label_width(spans, label_chars, settings)
    return Piece(kind, spans, settings, inset=inset, box=box, block=index, hang=hang, label=label_chars)


def _style_or(sheet: Sheet, name: str, fallback: str) -> str:
    return name if name in sheet.profile.styles else fallback


def _editor_note(article: Article, sheet: Sheet, base: Settings, labels: Labels) -> list[Piece]:
    pieces = []
    for k, text in enumerate(article.editor_note):
        spans = styled(sheet, "editor_note", text)
        if k == 0:
            spans = (Span(labels.editor_note, sheet.text("editor_note_label")),) + spans
        pieces.append(Piece("note", spans, base, box="note"))
    return pieces


def tab_style(sheet: Sheet) -> str:
    """The style of the reversed tab that carries the 链接 label: the paper's `sidebar_label`, else its box heads'."""
    return _style_or(sheet, "sidebar_label", "sidebar_head")


def tab_width(sheet: Sheet, label: str) -> float:
    """Width of the reversed tab that carries the 链接 label."""
    style = sheet.text(tab_style(sheet))
    return (len(label) + 2 * TAB_PAD_EM) * style.size


def _sidebar(title: str, items: tuple[str, ...], sheet: Sheet, base: Settings, index: int,
             labels: Labels) -> list[Piece]:
    """【链接】: a box with its tab and title, ■ group heads and items, inset from the column edges."""
    inset = SIDEBAR_INSET_EM * sheet.profile.format.body_size
    hang = tab_width(sheet, labels.sidebar) + TAB_GAP_EM * sheet.text("sidebar_title").size - inset  # the tab sits in the box's corner
    pieces = [Piece("box_title", styled(sheet, "sidebar_title", title.strip() or "\u3000"),
                    _display(base, sheet.align("sidebar_title")), inset=inset, box="sidebar", space_before=1,
                    keep=2, block=index, hang=hang)]
    for item in items:
        if is_group_head(item):
            head = item[0] + item[1:].strip()
            pieces.append(Piece("box_head", styled(sheet, "sidebar_head", head), _display(base, Align.LEFT),
                                inset=inset, box="sidebar", keep=1, block=index))
        else:
            pieces.append(_item(item, sheet, base, inset, index))
    return pieces


def _item(item: str, sheet: Sheet, base: Settings, inset: float, index: int) -> Piece:
    """A 链接 item: its number or run-in label hangs; an item without one is set flush (no 2-em
    first line over flush runovers)."""
    body = sheet.text("sidebar_body")
    number, label = _NUMBER.match(item), _LABEL.match(item)
    if number:  # "1." hangs with a word space after it
        spans = (Span(item[:number.end()] + " ", body), Span(item[number.end():].lstrip(), body))
        return _hanging("box_para", spans, number.end() + 1, base, index, inset, "sidebar")
    if label:
        run_in = _style_or(sheet, "run_in", "sidebar_head")
        spans = (Span(label.group(1), sheet.text(run_in)), Span(item[label.end():], body))
        return _hanging("box_para", spans, label.end(), base, index, inset, "sidebar")
    settings = replace(base, indent_em=0.0, min_last_chars=ITEM_MIN_LAST)
    return Piece("box_para", (Span(item, body),), settings, inset=inset, box="sidebar", block=index)


def jump_piece(text: str, sheet: Sheet, kind: str) -> Piece:
    """A jump line: “（下转第4版）” closing a slot, “（上接第1版）” opening its continuation."""
    settings = _flush(body_settings(sheet.profile), sheet.align("jump"))
    return Piece(kind, (Span(text, sheet.text("jump")),), settings)
