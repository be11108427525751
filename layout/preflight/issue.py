"""Preflight of the composed issue (before and beside the PDF checks): what editors and the
publication rules require, checked on what is actually on the pages.

- overset and underset per slot, empty slots;
- effective image resolution at placed size (print.md §1.2: < 150 ppi fails, < 200 warns);
- the imprint on page 1 complete for the publication type (newspaper.md §4.2 table);
- a folio (报眉) with 版次, 版名 and paper name on every inner page (§4.2: 版序 on every page);
- characters no font covers (缺字) anywhere on a page;
- words a 内部资料 may not use (§4.1: 本报, 记者, 刊号).
"""

from __future__ import annotations

from typing import Iterable, Mapping

from layout.display import GlyphRun, PageLayout
from layout.editorial.checks import editorial_findings
from layout.fonts import FontFace
from layout.model.article import CENTRE, Article
from layout.model.issue import Issue
from layout.model.profile import PrintSpec
from layout.pages.compose import IssueLayout
from layout.pages.pagecompose import UNDERSET_NOTE  # lines of underset that are only a note
from layout.pages.results import SlotStatus
from layout.preflight.findings import Finding
from layout.printed import PrintedText
from layout.templates import cn_date
from layout.wording import cjk_middle_dots

INTERNAL_BANNED = ("本报", "记者", "刊号")
CROP_WARN = 0.40  # a photo cut by more than this share of its area loses what it shows (a portrait's head)


def page_text(page: PageLayout) -> str:
    return "".join(item.text for item in page.items if isinstance(item, GlyphRun))


def check_layout(issue: Issue, layout: IssueLayout, fonts: Mapping[str, FontFace],
                 printed: Iterable[PrintedText], articles: Mapping[str, Article]) -> list[Finding]:
    """printed: everything the issue prints, with the file it comes from (layout.printed)."""
    findings: list[Finding] = []
    findings += _slots(layout, issue.profile.print)
    findings += figure_findings(issue, layout, articles)
    findings += [Finding("warning", "headline.side_by_side", f"{a} 与 {b} 的标题并排（撞题）：读者的视线会从一个标题滑进另一个 (side-by-side headlines)",
                         page, f"{a} {b}") for page, a, b in layout.collisions]
    findings += _imprint(issue, layout.pages[0])
    findings += _folios(issue, layout.pages)
    findings += missing_glyphs(layout.pages, fonts)
    if issue.profile.publisher.publication_type == "internal_material":
        findings += _banned_words(printed)
    findings += editorial_findings(issue, articles)  # names, titles, 固定提法, quotes (layout/editorial/)
    return findings


def _slots(layout: IssueLayout, spec: PrintSpec) -> list[Finding]:
    out = []
    stubs = [r for r in layout.reports if r.is_stub]
    if stubs:  # one line for the stubs nobody has written yet, not an underset warning each
        out.append(Finding("warning", "slot.stub", f"{len(stubs)} 个版位的稿件还没写：{'、'.join(r.slot for r in stubs)} (articles not written)",
                           stubs[0].page if len({r.page for r in stubs}) == 1 else None))
    for r in layout.reports:
        if r.is_stub:
            continue
        where = f"{r.slot} {r.article}".strip()
        status = r.status
        if status is SlotStatus.OVER:
            out.append(Finding("error", "overset", f"超版 {r.over_lines} 行，{r.chars_left} 字未排入 (overset)", r.page, where))
        elif status is SlotStatus.EMPTY:
            out.append(Finding("warning", "slot.empty", "版位空着 (empty slot)", r.page, where))
        elif status is SlotStatus.UNDER:  # a line or two nothing could take up is a note, not a problem
            severity = "info" if r.under_lines <= UNDERSET_NOTE else "warning"
            out.append(Finding(severity, "underset", f"欠 {r.under_lines} 行，可加约 {r.add_chars} 字 (underset)", r.page, where))
        for image in r.images:
            name = f"{where} {image.file}"
            grade = spec.ppi_grade(image.ppi)
            if grade == "fail":
                out.append(Finding("error", "image.resolution", f"图片实际 {spec.ppi_text(image.ppi)} ppi（< {spec.min_ppi:.0f}，不能付印）"
                                   f" → 换一张像素更多的原图，或把图缩小", r.page, name))
            elif grade == "warn":
                out.append(Finding("warning", "image.resolution", f"图片实际 {spec.ppi_text(image.ppi)} ppi（< {spec.warn_ppi:.0f}）",
                                   r.page, name))
    return out


def figure_findings(issue: Issue, layout: IssueLayout, articles: Mapping[str, Article]) -> list[Finding]:
    """Photos placed otherwise than asked: narrower than 宽=N栏 (the slot has fewer columns), or cut by more
    than CROP_WARN to fill their box (never silently: issue 14), each with the way out."""
    from layout.display import Picture
    from layout.pages.grid import PageGrid

    grid = PageGrid(issue.profile.format)
    pitch, size = grid.pitch, issue.profile.format.body_size
    out = []
    for page, drawn in zip(layout.planned or issue.pages, layout.pages):
        pictures = [item for item in drawn.items if isinstance(item, Picture)]
        for slot in page.slots:
            article = articles.get(slot.id)
            if article is None or slot.grid is None:
                continue
            columns = len(grid.text_columns(slot.grid, slot.split))
            for figure in article.figures:
                where = f"{slot.id} {article.path.name}:{figure.line}"
                if figure.width_cols and figure.width_cols > columns:
                    out.append(Finding("warning", "image.width",
                                       f"图片要 {figure.width_cols} 栏宽，版位 {slot.id} 只有 {columns} 栏，按 {columns} 栏排了"
                                       f" → 改成 宽={columns}栏，或把版位 {slot.id} 加宽", page.no, where))
                path = str(issue.folder / figure.path)
                placed = next((p for p in pictures if p.path == path and _inside(p, grid.rect(slot.grid))), None)
                if placed is None:
                    continue
                x0, y0, x1, y1 = placed.crop
                cut = 1 - (x1 - x0) * (y1 - y0)
                if cut <= CROP_WARN or figure.focus != CENTRE:
                    continue  # (with 裁=… the editor has chosen what the crop keeps)
                if y1 - y0 < 1:  # the top and bottom were cut: the box is too flat for the photo
                    rows = round((placed.h / (y1 - y0) + pitch - size) / pitch)  # its whole height at this width
                    now = round((placed.h + pitch - size) / pitch)
                    way = (f"加 ｜裁=上 保留照片上部（人像的头），或 ｜裁=下；或把照片加高约 {rows - now} 行（高=）、"
                           f"或换一张横一些的照片")
                    side = "上下"
                else:
                    way = "加 ｜裁=左 或 ｜裁=右 保留要紧的一边；或把照片加宽（宽=N栏）、减低（高=），或换一张竖一些的照片"
                    side = "左右"
                out.append(Finding("warning", "image.crop",
                                   f"图片 {figure.path} 为了填满它的位置，{side}裁掉了 {cut:.0%}（超过 {CROP_WARN:.0%}）"
                                   f" → {way}", page.no, where))
    return out


def _inside(picture, rect: tuple[float, float, float, float]) -> bool:
    x, y, w, h = rect
    cx, cy = picture.x + picture.w / 2, picture.y + picture.h / 2
    return x - 1 <= cx <= x + w + 1 and y - 1 <= cy <= y + h + 1


def imprint_items(issue: Issue) -> dict[str, list[str]]:
    """Each required imprint item → the strings that must appear on page 1 (newspaper.md §4.2)."""
    pub, ed = issue.profile.publisher, issue.profile.edition
    items = {
        "报名": [ed.title],
        "出版日期": [cn_date(issue.date)],
        "总期号": [f"第{issue.number}期"],
        "主管主办": [pub.supervisor_and_sponsor],
        "印刷单位": [p.name for p in pub.printers] + [p.address for p in pub.printers],
    }
    if pub.publication_type == "cn_newspaper":
        items.update({
            "版数": [f"本期{issue.pages_count}版"],
            "国内统一连续出版物号": [pub.cn] if pub.cn else ["CN"],
            "地址": [pub.address],
            "电话": list(pub.hotlines),
            "定价/免费赠阅": ["免费赠阅"] if pub.free else [pub.price or "定价"],
            "下期出版": [f"下期出版：{cn_date(issue.next_date)}"],
        })
    else:
        items.update({
            "准印证号": [pub.permit_no] if pub.permit_no else ["准印证"],
            "内部资料，免费交流": ["内部资料，免费交流"],
            "发送对象": [pub.recipients] if pub.recipients else ["发送对象"],
            "印数": [pub.print_run] if pub.print_run else ["印数"],
        })
    if not pub.printers:
        items["印刷单位"] = ["印刷："]
    return items


def _imprint(issue: Issue, front: PageLayout) -> list[Finding]:
    text = page_text(front)
    missing = [name for name, needles in imprint_items(issue).items() if not all(n and n in text for n in needles)]
    if missing:
        return [Finding("error", "imprint", "第1版版权信息不全，缺：" + "、".join(missing) + " (imprint incomplete)", 1)]
    return [Finding("info", "imprint", "报头/版权信息齐全 (imprint complete)", 1)]


def _folios(issue: Issue, pages: tuple[PageLayout, ...]) -> list[Finding]:
    out = []
    for spec, page in zip(issue.pages, pages):
        if spec.template == "front":
            continue
        text = page_text(page)
        need = {"版次": f"第{spec.no}版", "版名": cjk_middle_dots(spec.name), "报名": issue.profile.edition.title}
        missing = [k for k, v in need.items() if v not in text]
        if missing:
            out.append(Finding("error", "folio", "报眉缺：" + "、".join(missing) + " (folio incomplete)", spec.no))
    if not out:
        out.append(Finding("info", "folio", f"报眉：第2–{len(pages)}版版序、版名、报名齐全 (folios complete)"))
    return out


def missing_glyphs(pages: tuple[PageLayout, ...], fonts: Mapping[str, FontFace]) -> list[Finding]:
    """Characters drawn in a font that has no glyph for them (ReportLab would draw .notdef silently)."""
    out = []
    for page in pages:
        seen: set[tuple[str, str]] = set()
        for item in page.items:
            if isinstance(item, GlyphRun):
                face = fonts[item.font]
                for ch in face.metrics.lacks(item.text):
                    if not ch.isspace() and (ch, item.font) not in seen:
                        seen.add((ch, item.font))
                        out.append(Finding("error", "glyph.missing",
                                           f"缺字：“{ch}”(U+{ord(ch):04X}) 在 {face.path.name} 中没有字形", page.number))
    return out


def _banned_words(printed: Iterable[PrintedText]) -> list[Finding]:
    """Words a 内部资料 may not print (§4.1); 【备注】 notes never print, so they are not read."""
    out, seen = [], set()
    for text in printed:
        for word in INTERNAL_BANNED:
            if word in text.text and (word, text.source) not in seen:
                seen.add((word, text.source))
                out.append(Finding("error", "internal.wording", f"内部资料不得使用“{word}” (banned in 内部资料)", None,
                                   f"{text.slot} {text.source.name}".strip()))
    return out
