"""`layout galley`: an article set continuously in columns — the galley proof (小样).

What proofreaders read before page make-up (newspaper.md §5.2 step 3): the
headline, the byline and the body in the paper's own measure and leading, so
that its line count is what the story will take on the page; the columns
filled one after another and pages added as needed, a line number every five
rows in the margin, and the character count (字数) at the top.

The paper is the one of the issue the article belongs to (…/issues/2027-01/
articles/x.txt), or `--paper`, or the project's; its body is composed by the
page engine itself (article_pieces + flow_lines), 小标题 rows and all.  With no
paper, or with explicit geometry options (--columns, --size …), the body is set
plainly in that geometry, as before, for measures that are not a paper's.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from layout import cliargs
from layout.display import GlyphRun, PageLayout
from layout.errors import InputError, OutputError
from layout.fonts import DEFAULT_ROLES, FontFace, load_face, load_roles
from layout.model.article import Article, is_group_head
from layout.model.articlefile import load_article
from layout.pages.lines import line_runs
from layout.render.pdf import write_proof
from layout.render.pdfx import DocumentInfo
from layout.text import Align, Settings, SetLine, Span, TextStyle, set_paragraph
from layout.outdir import storage_error
from layout.text.headline import set_headline
from layout.units import mm

NUMBER_EVERY = 5  # a line number in the margin every five rows, as on 版样纸
NUMBER_SIZE = 5.0
NUMBER_COLOR = (0.0, 0.0, 0.0, 0.55)
GEOMETRY_OPTIONS = ("page", "margin", "columns", "gutter", "size", "leading", "indent")


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
# what the options' argparse types make of 260x370 and 9 (mm and points), the rest as given
DEFAULTS = {"page": (260.0, 370.0), "margin": 15.0, "columns": 5, "gutter": 4.0, "size": 9.0, "leading": 15.0, "indent": 2.0}


def configure(p: argparse.ArgumentParser) -> None:
    # Every number is checked by its argparse type (cliargs): finite and in a range a galley can use.
    p.add_argument("article", type=Path, help="稿件文件（带【】标记的稿件，或每行一段的纯文本）")
    p.add_argument("-o", "--output", type=Path, help="输出 PDF（默认：稿件旁边的 <稿件名>-小样.pdf）")
    p.add_argument("--paper", metavar="NAME",
                   help="按哪份报纸的版式排（默认：稿件所在那一期的报纸；templates/ 下的文件夹名，如 wutong）")
    p.add_argument("--page", type=cliargs.page_size(50, 2000), default=None,
                   help="页面尺寸 WxH，毫米，每边 50–2000（写了这些尺寸选项就不按报纸版式排；默认 260x370）")
    p.add_argument("--margin", type=cliargs.number_in(0, 200, " 毫米"), default=None, help="四边页边距，毫米 (default 15)")
    p.add_argument("--columns", type=cliargs.int_in(1, 40), default=None, help="栏数 (default 5)")
    p.add_argument("--gutter", type=cliargs.number_in(0, 100, " 毫米"), default=None, help="栏间距，毫米 (default 4)")
    p.add_argument("--size", type=cliargs.size_in(4, 72), default=None, help="字号：磅数或号数，如 9 或 小五 (default 9)")
    p.add_argument("--leading", type=cliargs.number_in(1, 200, " 磅"), default=None,
                   help="行距（基线到基线），磅，不小于字号 (default 15)")
    p.add_argument("--indent", type=cliargs.number_in(0, 20, " 字"), default=None, help="首行缩进，字 (default 2)")
    p.add_argument("--corpus-out", type=Path, help="另存排入的正文（每行一段），供 cjkmetrics 核对")


def geometry_from_args(args: argparse.Namespace) -> GalleyGeometry:
    values = {k: getattr(args, k, None) for k in GEOMETRY_OPTIONS}
    for k, v in DEFAULTS.items():
        if values[k] is None:
            values[k] = v
    (w, h), size = values["page"], values["size"]
    if values["leading"] < size:
        raise InputError("--leading", f"行距 {values['leading']:g} 磅小于字号 {size:g} 磅，行会重叠 (leading below the type size)",
                         hint="--leading 至少等于字号，一般是字号的 1.5 倍左右")
    g = GalleyGeometry(mm(w), mm(h), mm(values["margin"]), values["columns"], mm(values["gutter"]), size,
                       values["leading"], values["indent"])
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
    """Set every paragraph in the column measure and fill columns top to bottom, left to right
    (the plain galley of any measure, no paper).

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
            if (start + k + 1) % NUMBER_EVERY == 0:
                items.extend(_number(start + k + 1, x, baseline, body))
        pages.append(PageLayout(p + 1, g.width, g.height, tuple(items)))
    return pages


def _number(n: int, x: float, baseline: float, body: TextStyle) -> list[GlyphRun]:
    """The line number `n`, small and grey, ending just left of the column at x."""
    style = TextStyle(body.font, body.metrics, NUMBER_SIZE)
    line = set_paragraph((Span(str(n), style),), 6 * NUMBER_SIZE, Settings(align=Align.RIGHT, indent_em=0.0,
                                                                        min_last_chars=1))[0]
    return line_runs(line, x - 6 * NUMBER_SIZE - 1.5, baseline, NUMBER_COLOR)


# ---------------------------------------------------------------- in the paper's own format

class _LazyFonts(Mapping):
    """The paper's fonts, each loaded when a style first needs it (a galley uses two or three of six)."""

    def __init__(self, paths: Mapping[str, Path]):
        self._paths, self._faces = dict(paths), {}

    def __getitem__(self, role: str) -> FontFace:
        if role not in self._faces:
            self._faces[role] = load_face(self._paths[role], role)
        return self._faces[role]

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def loaded(self) -> dict[str, FontFace]:
        return dict(self._faces)


def find_profile(article: Path, name: str | None):
    """The paper to set a galley in: --paper, else the paper of the issue holding the article
    (articles/x.txt under an issue folder), else the project's default paper, else the only paper
    there is.  None when there is none (a plain-text galley)."""
    from layout.model.profile import TEMPLATES_DIR, load_profile
    from layout.outdir import default_paper, paper_of

    if name:
        return load_profile(name)
    for issue in _issue_folders(article):
        if paper_of(issue):
            return load_profile(paper_of(issue))
    paper = default_paper(Path("issues"))
    if paper and (TEMPLATES_DIR / paper / "paper.yaml").is_file():
        return load_profile(paper)
    known = sorted(p.name for p in TEMPLATES_DIR.iterdir() if (p / "paper.yaml").is_file()) if TEMPLATES_DIR.is_dir() else []
    return load_profile(known[0]) if len(known) == 1 else None


def paper_galley(article: Article, profile, source: Path) -> tuple[list[PageLayout], dict[str, FontFace], int]:
    """The article in the paper's format: (pages, fonts used, rows of body)."""
    from layout.model.issue import Grid
    from layout.pages.flow import flow_lines
    from layout.pages.grid import PageGrid
    from layout.pages.headblock import HeadSpec, compose_headline
    from layout.pages.pieces import article_pieces
    from layout.pages.sheet import Sheet
    from layout.wording import _labels

    fmt = profile.format
    fonts = _LazyFonts(profile.fonts)
    sheet = Sheet(profile, fonts)
    grid = PageGrid(fmt, sheet.text("body").metrics.ascent)
    columns = grid.text_columns(Grid(1, fmt.columns, 1, fmt.rows), None)
    x0, width = columns[0][0], columns[-1][0] + columns[-1][1] - columns[0][0]
    items: list = []
    row = 1
    if article.title or article.kicker or article.subtitle or article.column:
        rule = profile.headlines.rule("普通", False)
        size = rule.sizes[1] if rule else sheet.spec("title").size
        spec = HeadSpec(article.kicker, article.title, article.subtitle, x0, width, row, (size, size), 3,
                        rule.style if rule else "title", profile.headlines.deck, article.column)
        head = compose_headline(spec, grid, sheet)
        items.extend(head.runs)
        row += head.rows
    pieces = article_pieces(article, sheet, _labels(profile.folder))
    lines = [(fl.line, pieces[fl.piece].inset + pieces[fl.piece].hang, pieces[fl.piece].color) if fl.line else (None, 0.0, None)
             for fl in flow_lines(pieces, fmt.column_width)]
    body_rows = len(lines)
    for figure in article.figures:  # the captions too: a proofreader reads every word that prints
        text = "　".join(t for t in (figure.caption, f"{figure.credit} 摄" if figure.credit else "") if t)
        if text:
            lines.append((None, 0.0, None))
            lines.extend((line, 0.0, sheet.color("caption")) for line in
                         set_paragraph((Span(f"［图］{text}", sheet.text("caption")),), fmt.column_width,
                                       Settings(indent_em=0.0)))
    meta = _meta_line(article, source, profile, body_rows, sheet, width)
    items.extend(line_runs(meta, x0, grid.line_baseline(row, meta), NUMBER_COLOR))
    row += 2
    number_style = sheet.text("body")
    pages: list[PageLayout] = []
    k = 0
    while True:
        for c, (x, _w) in enumerate(columns):
            for r in range(row, fmt.rows + 1):
                if k >= len(lines):
                    break
                line, dx, color = lines[k]
                k += 1
                baseline = grid.baseline(r) if line is None else grid.line_baseline(r, line)
                if line is not None:
                    items.extend(line_runs(line, x + dx, baseline, color))
                if k % NUMBER_EVERY == 0:
                    items.extend(_number(k, x, baseline, number_style))
        pages.append(PageLayout(len(pages) + 1, fmt.trim_w, fmt.trim_h, tuple(items)))
        if k >= len(lines):
            break
        items, row = [], 1
    return pages, fonts.loaded(), body_rows


def _meta_line(article: Article, source: Path, profile, rows: int, sheet, width: float) -> SetLine:
    """“栏目 … ｜正文 1 236 字（标题 12 字，图说 30 字）｜按本报版式每栏 15 字、行距 13 磅排 96 行｜x.txt”."""
    fmt = profile.format
    title = sum(len(t.replace(" ", "")) for t in (*article.kicker, *article.title, *article.subtitle))
    captions = sum(len(f.caption.replace(" ", "")) for f in article.figures)
    parts = []
    parts.append(f"正文 {article.char_count():,} 字".replace(",", " ") + f"（标题 {title} 字" +
                 (f"，图说 {captions} 字" if captions else "") + "）")
    parts.append(f"按《{profile.edition.title}》每栏 {fmt.chars_per_column} 字、行距 {fmt.line_pitch:g} 磅，正文排 {rows} 行")
    parts.append(source.name)
    for f in article.figures:
        parts.append(f"图 {f.path}")
    style = TextStyle(sheet.spec("body").font, sheet.text("body").metrics, 7.0)
    return set_paragraph((Span("｜".join(parts), style),), width, Settings(align=Align.LEFT, indent_em=0.0,
                                                                          min_last_chars=1))[0]


def default_output(article: Path) -> Path:
    """output/<issue>/galley/<article>.pdf for an article of an issue (never inside the issue folder,
    whose files are the issue's inputs); else <article>-小样.pdf beside it."""
    from layout.outdir import issue_output, paper_of

    issue = next(_issue_folders(article), None)
    if issue is not None:
        target = issue_output(issue, paper_of(issue)) / "galley" / f"{Path(article).stem}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        return target
    return Path(article).with_name(f"{Path(article).stem}-小样.pdf")


def _issue_folders(article: Path) -> Iterator[Path]:
    """The issue folders an article file may belong to: its own folder, then the one above
    (articles/x.txt), each only when it holds an issue.yaml."""
    folder = Path(article).resolve().parent
    for issue in (folder, folder.parent):
        if (issue / "issue.yaml").is_file():
            yield issue


def cli_galley(args: argparse.Namespace) -> int:
    article = load_article(args.article)
    output = args.output or default_output(args.article)
    explicit = any(getattr(args, k, None) is not None for k in GEOMETRY_OPTIONS)
    profile = None if explicit and not args.paper else find_profile(args.article, args.paper)
    paragraphs = galley_paragraphs(article)
    if profile is not None:
        pages, fonts, rows = paper_galley(article, profile, args.article)
        what = f"按《{profile.edition.title}》版式，正文 {rows} 行"
    else:
        g = geometry_from_args(args)
        roles = ("song", "hei") if any(kind == "head" for kind, _t in paragraphs) else ("song",)
        fonts = load_roles({role: DEFAULT_ROLES[role] for role in roles})
        pages = compose_galley(paragraphs, g, fonts)
        what = "没有报纸版式，按给出的尺寸"
    info = DocumentInfo(f"小样 {args.article.name}", GALLEY_DATE)
    with _storage(output):
        _writable(output)
        write_proof(pages, output, fonts, info, None)
    if args.corpus_out:
        with _storage(args.corpus_out):
            _writable(args.corpus_out)
            args.corpus_out.write_text("\n".join(t for _k, t in paragraphs) + "\n", encoding="utf-8")
    print(f"小样：{len(pages)} 页，正文 {article.char_count()} 字（{what}）→ {output}")
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
