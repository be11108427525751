"""An article's body → the pieces of its flow, each with its style (newspaper.md §6.3 rendering column).

byline "□记者 …" in 楷; 编者按 with its label in 黑 and text in 楷, between rules;
导语 in 楷; body in 宋 with a 2-em indent; 小标题 in 黑, a blank row above, kept
with two lines; 【链接】 as a boxed sidebar (title, ■ group heads, items); 稿源
as "（…）" closing the article, flush right; jump lines from the paper's templates.
"""

from __future__ import annotations

from dataclasses import replace

from layout.model.article import Article
from layout.model.profile import Profile
from layout.pages.flow import Piece
from layout.pages.sheet import Sheet
from layout.text import Align, PunctuationStyle, Settings, Span

SIDEBAR_INSET_EM = 0.75


def body_settings(profile: Profile) -> Settings:
    f = profile.format
    return Settings(indent_em=f.indent_em, punctuation=PunctuationStyle(f.punctuation),
                    autospace_em=f.latin_spacing_em, squeeze_first=f.squeeze_first)


def _flush(base: Settings, align: Align) -> Settings:
    return replace(base, align=align, indent_em=0.0)


def article_pieces(article: Article, sheet: Sheet) -> tuple[Piece, ...]:
    """Every piece of the article's flow in reading order."""
    base = body_settings(sheet.profile)
    pieces: list[Piece] = []
    if article.byline:
        text = sheet.profile.byline_ornament + article.byline
        pieces.append(Piece("byline", (Span(text, sheet.text("byline")),), _flush(base, sheet.align("byline"))))
    pieces.extend(_editor_note(article, sheet, base))
    after_box = False
    for index, block in enumerate(article.body):
        if block.kind == "sidebar":
            pieces.extend(_sidebar(block.text, block.items, sheet, base, index))
            after_box = True
            continue
        piece = _body_piece(block.kind, block.text, sheet, base, index)
        if after_box:
            piece = replace(piece, space_before=max(piece.space_before, 1))
            after_box = False
        pieces.append(piece)
    if article.source:
        settings = _flush(base, sheet.align("source"))
        pieces.append(Piece("source", (Span(f"（{article.source}）", sheet.text("source")),), settings,
                            space_before=1 if after_box else 0))
    return tuple(pieces)


def _body_piece(kind: str, text: str, sheet: Sheet, base: Settings, index: int) -> Piece:
    if kind == "subhead":
        settings = replace(_flush(base, sheet.align("subhead")), headline_space_em=1.0, min_last_chars=1)
        return Piece("subhead", (Span(text, sheet.text("subhead")),), settings, space_before=1, keep=2, block=index)
    style = "lead" if kind == "lead" else "body"
    return Piece(kind, (Span(text, sheet.text(style)),), base, block=index)


def _editor_note(article: Article, sheet: Sheet, base: Settings) -> list[Piece]:
    pieces = []
    for k, text in enumerate(article.editor_note):
        spans = (Span(text, sheet.text("editor_note")),)
        if k == 0:
            spans = (Span("编者按：", sheet.text("editor_note_label")),) + spans
        pieces.append(Piece("note", spans, base, box="note"))
    return pieces


def _sidebar(title: str, items: tuple[str, ...], sheet: Sheet, base: Settings, index: int) -> list[Piece]:
    """【链接】: a box with its title, ■ group heads and item paragraphs, inset from the column edges."""
    inset = SIDEBAR_INSET_EM * sheet.profile.format.body_size
    head = replace(_flush(base, sheet.align("sidebar_title")), headline_space_em=1.0, min_last_chars=1)
    pieces = [Piece("box_title", (Span(f"【链接】{title}" if title else "【链接】", sheet.text("sidebar_title")),),
                    head, inset=inset, box="sidebar", space_before=1, keep=2, block=index)]
    for item in items:
        if item.startswith("■"):
            settings = replace(_flush(base, sheet.align("sidebar_head")), headline_space_em=1.0, min_last_chars=1)
            pieces.append(Piece("box_head", (Span(item, sheet.text("sidebar_head")),), settings,
                                inset=inset, box="sidebar", keep=1, block=index))
        else:
            pieces.append(Piece("box_para", (Span(item, sheet.text("sidebar_body")),), base,
                                inset=inset, box="sidebar", block=index))
    return pieces


def jump_piece(text: str, sheet: Sheet, kind: str) -> Piece:
    """A jump line: “（下转第4版）” closing a slot, “（上接第1版）” opening its continuation."""
    settings = _flush(body_settings(sheet.profile), sheet.align("jump"))
    return Piece(kind, (Span(text, sheet.text("jump")),), settings)


def styled_texts(article: Article) -> list[tuple[str, str]]:
    """(style name, text) of everything of the article that gets printed, for the glyph check."""
    out = [("kicker", t) for t in article.kicker] + [("title", t) for t in article.title]
    out += [("subtitle", t) for t in article.subtitle] + [("jump_title", t) for t in article.title]
    out += [("byline", article.byline), ("source", article.source)]
    out += [("editor_note", t) for t in article.editor_note]
    for block in article.body:
        if block.kind == "sidebar":
            out.append(("sidebar_title", block.text))
            out += [("sidebar_head" if i.startswith("■") else "sidebar_body", i) for i in block.items]
        else:
            out.append(({"lead": "lead", "subhead": "subhead"}.get(block.kind, "body"), block.text))
    out += [("caption", f.caption) for f in article.figures] + [("photo", f.credit + " 摄") for f in article.figures if f.credit]
    return [(style, text) for style, text in out if text]
