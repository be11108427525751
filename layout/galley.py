"""`layout galley`: an article's body set continuously in columns — the galley proof (小样).

What proofreaders read before page make-up: no headline, no furniture, the
body text in the paper's measure, columns filled one after another and pages
added as needed.  Any measure works, including ones that are not a whole
number of characters.
"""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from layout import cliargs
from layout.display import GlyphRun, PageLayout
from layout.errors import InputError, OutputError
from layout.fonts import DEFAULT_ROLES, load_roles
from layout.model.article import Article, is_group_head, load_article
from layout.pages.lines import line_runs
from layout.render.pdf import write_proof
from layout.render.pdfx import DocumentInfo
from layout.text import Align, Settings, SetLine, Span, TextStyle, set_paragraph
from layout.outdir import storage_error
from layout.text.headline import set_headline
from layout.units import mm


@dataclass(frozen=True)
class GalleyGeometry:
    """Page, margins, columns and type, all in points."""

    width: float
    height: float
    margin: float
    columns: int
    gutter: float
    size: float
    leading: float
    indent_em: float

    @property
    def column_width(self) -> float:
        return (self.width - 2 * self.margin - (self.columns - 1) * self.gutter) / self.columns

    @property
    def lines_per_column(self) -> int:
        return int((self.height - 2 * self.margin - self.size) // self.leading) + 1


GALLEY_DATE = dt.date(2000, 1, 1)  # a galley carries no issue date; a fixed one keeps its bytes reproducible


def configure(p: argparse.ArgumentParser) -> None:
    # Every number is checked by its argparse type (cliargs): finite and in a range a galley can use.
    p.add_argument("article", type=Path, help="稿件文件（带【】标记的稿件，或每行一段的纯文本）")
    p.add_argument("-o", "--output", type=Path, required=True, help="输出 PDF")
    p.add_argument("--page", type=cliargs.page_size(50, 2000), default="260x370",
                   help="页面尺寸 WxH，毫米，每边 50–2000 (default 260x370)")
    p.add_argument("--margin", type=cliargs.number_in(0, 200, " 毫米"), default=15.0, help="四边页边距，毫米 (default 15)")
    p.add_argument("--columns", type=cliargs.int_in(1, 40), default=5, help="栏数 (default 5)")
    p.add_argument("--gutter", type=cliargs.number_in(0, 100, " 毫米"), default=4.0, help="栏间距，毫米 (default 4)")
    p.add_argument("--size", type=cliargs.size_in(4, 72), default="9", help="字号：磅数或号数，如 9 或 小五 (default 9)")
    p.add_argument("--leading", type=cliargs.number_in(1, 200, " 磅"), default=15.0,
                   help="行距（基线到基线），磅，不小于字号 (default 15)")
    p.add_argument("--indent", type=cliargs.number_in(0, 20, " 字"), default=2.0, help="首行缩进，字 (default 2)")
    p.add_argument("--corpus-out", type=Path, help="另存排入的正文（每行一段），供 cjkmetrics 核对")


def geometry_from_args(args: argparse.Namespace) -> GalleyGeometry:
    (w, h), size = args.page, args.size
    if args.leading < size:
        raise InputError("--leading", f"行距 {args.leading:g} 磅小于字号 {size:g} 磅，行会重叠 (leading below the type size)",
                         hint="--leading 至少等于字号，一般是字号的 1.5 倍左右")
    g = GalleyGeometry(mm(w), mm(h), mm(args.margin), args.columns, mm(args.gutter), size, args.leading, args.indent)
    if g.column_width < 2 * size or g.lines_per_column < 1:
        raise InputError("galley", "版面放不下：栏太窄或页太小 (the columns are too narrow for this size)",
                         hint="减少 --columns、--margin 或 --gutter，或加大 --page")
    return g


def galley_paragraphs(article: Article) -> list[tuple[str, str]]:
    """(kind, text) of everything a galley shows, in reading order: body, subheads, sidebars, source."""
    out = [("para", t) for t in article.editor_note]
    for block in article.body:
        if block.kind == "sidebar":
            out.append(("head", block.text))
            out.extend(("head" if is_group_head(i) else "para", i) for i in block.items)
        else:
            out.append(("head" if block.kind == "subhead" else "para", block.text))
    if article.source:
        out.append(("para", f"（{article.source}）"))
    return out


SUBHEAD_FIT = 0.9  # as on pages (pages/flow.py): a sub-head breaks at a phrase rather than fill its column
KEEP_LINES = 2  # a sub-head keeps two lines of what follows in its column (clreq #handling_of_new_retros)


def compose_galley(paragraphs: list[tuple[str, str]], g: GalleyGeometry, fonts) -> list[PageLayout]:
    """Set every paragraph in the column measure and fill columns top to bottom, left to right.

    Sub-heads and box heads are set like headlines (phrase breaks: never 成果明 | 显
    or 70周 | 年, nor inside a quoted term) and never end a column: a head moves
    to the next column, rows left blank, unless it and KEEP_LINES lines of what
    follows fit below it (typesetting.md §1.5).
    """
    body = TextStyle("song", fonts["song"].metrics, g.size)
    head = TextStyle("hei", fonts["hei"].metrics, g.size, ("song", fonts["song"].metrics)) if "hei" in fonts else body
    blocks: list[tuple[bool, tuple[SetLine, ...]]] = []  # (a head, its lines)
    for kind, text in paragraphs:
        if kind == "head":
            from layout.phrases import phrases  # BudouX only when there are heads to break

            lines = set_headline((text,), head, g.column_width, phrases, Align.LEFT, fit=SUBHEAD_FIT * g.column_width,
                                 condense=True)
            blocks.append((True, lines))
        else:
            blocks.append((False, set_paragraph((Span(text, body),), g.column_width, Settings(indent_em=g.indent_em))))
    rows = g.lines_per_column
    slots: list[SetLine | None] = []  # one per grid row, column after column; None: a row left blank
    for k, (is_head, lines) in enumerate(blocks):
        if is_head and slots:
            follow = next((len(b) for h, b in blocks[k + 1:k + 2] if not h), 0)
            need = len(lines) + min(KEEP_LINES, follow)
            room = rows - len(slots) % rows
            if room < rows and need > room and need <= rows:
                slots.extend([None] * room)  # to the top of the next column
        slots.extend(lines)
    per_page = rows * g.columns
    pages = []
    for p, start in enumerate(range(0, max(len(slots), 1), per_page)):
        items: list[GlyphRun] = []
        for k, line in enumerate(slots[start : start + per_page]):
            if line is None:
                continue
            column, row = divmod(k, rows)
            x = g.margin + column * (g.column_width + g.gutter)
            baseline = g.margin + body.metrics.ascent * g.size + row * g.leading
            items.extend(line_runs(line, x, baseline))
        pages.append(PageLayout(p + 1, g.width, g.height, tuple(items)))
    return pages


def cli_galley(args: argparse.Namespace) -> int:
    g = geometry_from_args(args)
    article = load_article(args.article)
    paragraphs = galley_paragraphs(article)
    roles = ("song", "hei") if any(kind == "head" for kind, _t in paragraphs) else ("song",)
    fonts = load_roles({role: DEFAULT_ROLES[role] for role in roles})
    pages = compose_galley(paragraphs, g, fonts)
    info = DocumentInfo(f"小样 {args.article.name}", GALLEY_DATE)
    with _storage(args.output):
        _writable(args.output)
        write_proof(pages, args.output, fonts, info, None)
    if args.corpus_out:
        with _storage(args.corpus_out):
            _writable(args.corpus_out)
            args.corpus_out.write_text("\n".join(t for _k, t in paragraphs) + "\n", encoding="utf-8")
    print(f"小样：{len(pages)} 页 → {args.output}")
    return 0



def _writable(path: Path) -> None:
    """-o names a file to write: not a folder, and its folder exists (a galley writes one file, no staging)."""
    if path.is_dir():
        raise OutputError(path, "这是一个文件夹，-o 要写 PDF 文件名 (a folder, not a file)", hint="写成 -o 小样.pdf")
    if not path.parent.is_dir():
        raise OutputError(path, f"文件夹 {path.parent} 不存在 (folder not found)", hint="先建好文件夹，或写到已有的文件夹")


@contextmanager
def _storage(path: Path) -> Iterator[None]:
    """A failed write of -o or --corpus-out becomes an OutputError naming the file (exit 2)."""
    try:
        yield
    except OSError as exc:
        raise storage_error(path, exc) from exc
