"""Everything an issue prints, as (font role, text, the file it comes from), known before composition.

The glyph check (缺字) and the wording checks read this list, so they judge
what reaches paper and nothing else: the 编者按 label and the byline ornament
are in it (they print), 【备注】 notes are not (they never print).  Article text
is taken from the very pieces the page engine flows (`article_pieces`), so the
check cannot drift from what is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from layout.model.article import Article
from layout.model.issue import Issue
from layout.pages.headblock import COLUMN_MARK, column_style
from layout.pages.pieces import article_pieces
from layout.pages.sheet import Sheet
from layout.pages.wording import Labels, Wording


@dataclass(frozen=True)
class PrintedText:
    """font: the font role it is drawn in; source: the file whose words these are (article, issue.yaml,
    paper.yaml or a text template); what: the style-sheet entry, for messages; slot: the 版位 holding it."""

    font: str
    text: str
    source: Path
    what: str
    slot: str = ""


def article_texts(article: Article, sheet: Sheet, slot: str = "", labels: Labels = Labels()) -> Iterator[PrintedText]:
    """The 栏目 label, headline tiers, the body flow (byline with its ornament, 编者按 with its label, paragraphs,
    sub-heads, 链接 boxes with their tab's label, 稿源) and captions with credits."""
    styles = sheet.profile.styles

    def tier(style: str, lines: tuple[str, ...]) -> Iterator[PrintedText]:
        for line in lines:
            yield PrintedText(styles[style].font, line, article.path, style, slot)

    if article.column:  # the 栏目 label above the headline (pages/headblock.py)
        yield PrintedText(styles[column_style(sheet)].font, f"{COLUMN_MARK} {article.column}", article.path,
                          column_style(sheet), slot)
    yield from tier("kicker", article.kicker)
    yield from tier("title", article.title)
    yield from tier("jump_title", article.title)
    yield from tier("subtitle", article.subtitle)
    for piece in article_pieces(article, sheet, labels):
        for span in piece.spans:
            yield PrintedText(span.style.font, span.text, article.path, piece.kind, slot)
        if piece.kind == "box_title":
            tab = "sidebar_label" if "sidebar_label" in styles else "sidebar_head"
            yield PrintedText(styles[tab].font, labels.sidebar, article.path, tab, slot)
    for figure in article.figures:
        if figure.caption:
            yield PrintedText(styles["caption"].font, figure.caption, article.path, "caption", slot)
        if figure.credit:
            yield PrintedText(styles["photo"].font, f"{figure.credit} 摄", article.path, "photo", slot)


def furniture_texts(issue: Issue, wording: Wording) -> Iterator[PrintedText]:
    """Masthead, folios, credits, imprint and jump lines: words from issue.yaml, paper.yaml and the templates."""
    profile = issue.profile
    styles = profile.styles
    paper = profile.folder / "paper.yaml"

    def text(style: str, words: str, source: Path = paper) -> PrintedText:
        return PrintedText(styles[style].font, words, source, style)

    if wording.imprint:
        yield text("masthead", profile.edition.title)
        yield text("masthead_sub", wording.masthead.coeditor)
        yield text("imprint", wording.masthead.dateline)
        yield text("imprint", wording.masthead.licence)
        yield from (text("imprint", q.label) for q in profile.edition.qr_codes)
        yield from (text("imprint", line) for line in wording.imprint)
    for folio in wording.folios.values():
        yield text("folio_name", f"{folio.number}\u3000{folio.name}", issue.yaml)
        yield text("folio", folio.paper)
    yield from (text("credit", line, issue.yaml) for line in wording.credits.values() if line)
    yield from (text("jump", line) for line in [*wording.jump_to.values(), *wording.jump_from.values()])


def printed_texts(issue: Issue, articles: Mapping[str, Article], sheet: Sheet, wording: Wording) -> Iterator[PrintedText]:
    yield from furniture_texts(issue, wording)
    for slot, article in articles.items():
        yield from article_texts(article, sheet, slot, wording.labels)
