"""Furniture a reader notices (pages.md §3, issue 11 #6): 链接 boxes, 编者按 and bylines, 小标题, briefs,
captions, 稿源, proof marks, folios, page 1 and the imprint, numerals in 楷 lines.

Each test reads the composed display list of a tiny issue (or the pieces the page engine flows),
the way a 美编 would measure a proof: positions, faces and the words on the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout.build import compose
from layout.display import GlyphRun, Rule
from layout.model.articlefile import parse_article
from layout.pages.displaytext import numeral_spans, styled
from layout.pages.figures import CAPTION_LAST, caption_lines
from layout.pages.flow import Piece, fill, flow_lines
from layout.pages.pieces import article_pieces
from layout.pages.sheet import Sheet
from layout.preflight.issue import page_text
from layout.render.pdf import item_boxes, proof_labels
from layout.text import Align, Span

FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]

STORY = """【引题】冬季服务17项 覆盖全部12个居民区
【主题】梧桐新村推出冬季便民服务
【副题】居民满意度达96.4%
【署名】记者 周晓岚 通讯员 陈立
【编者按】
冬季到来，本报推出便民服务系列报道，今天介绍梧桐新村居民区的12项冬季服务，欢迎居民来信说说身边的新变化。
【导语】入冬以来，梧桐新村居民区推出17项冬季便民服务，截至12月10日已服务居民1,260人次。
【小标题】问需于民 服务清单由居民“点单”
服务清单是怎么定下来的？居民区党总支书记蒋秀英说，今年10月，居委会在各楼组发放征询单，共收回意见300余条，反映最集中的是老人吃饭难和冬季取暖难。
居委会把这些意见逐条归类，请居民代表投票，最终确定了17个服务项目，并在宣传栏公示。
【小标题】服务到家门口
每天上午，志愿者上门为独居老人送去热饭热菜，顺便看看家里的取暖器和电线是否安全。
志愿者还为行动不便的老人代买药品、代办缴费，一个月下来跑了两百多趟。
【简讯】便民信息
急救设备：社区党群服务中心、社区文化活动中心等处已配置AED，在手机地图中搜索即可找到最近的设备。
12月5日，银杏坊居民区举办邻里活动，30余户居民和社区民警一起包馄饨、话家常，现场包了一千多只馄饨。
【正文】
据悉，居民区还将根据居民的新需求，随时调整服务清单。
【链接】2026年梧桐新村冬季便民服务项目一览
■ 为老服务
1. 独居老人送餐上门服务每天两次（居委会、各楼组志愿者）
责任单位：居委会、社区卫生服务中心、各楼组
■ 安全服务
2. 冬季用电安全上门检查
【稿源】梧桐新村居民区"""

INNER = ["{id: 2A, role: 头条, grid: {col: 1, span: 3, row: 1, rows: 84}, article: articles/story.txt}"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("furniture")
    pages = [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, INNER, name="要闻·党建")]
    folder = write_issue(root, pages, {"news.txt": NEWS, "short.txt": SHORT, "story.txt": STORY})
    issue, articles, fonts, layout, findings = compose(folder)
    return issue, articles, fonts, layout, findings


def runs(layout, page: int) -> list[GlyphRun]:
    return [i for i in layout.pages[page - 1].items if isinstance(i, GlyphRun)]


def run_with(layout, page: int, text: str) -> GlyphRun:
    found = [r for r in runs(layout, page) if text in r.text]
    assert found, f"{text!r} not on page {page}"
    return found[0]


def sheet_of(tiny) -> Sheet:
    issue, _a, fonts, _l, _f = tiny
    return Sheet(issue.profile, fonts)


# --------------------------------------------------------------------------
# 【链接】


def test_link_box_has_a_reversed_tab_and_its_title_beside_it(tiny):
    _i, _a, _f, layout, _fi = tiny
    tab = run_with(layout, 2, "链接")
    assert tab.color == (0.0, 0.0, 0.0, 0.0) and tab.font == "hei"  # knocked out of the tab
    boxes = [b for b in layout.pages[1].items if type(b).__name__ == "Box" and b.fill == (0.0, 0.0, 0.0, 1.0)]
    (box,) = [b for b in boxes if b.x <= tab.x < b.x + b.w and b.y <= tab.y <= b.y + b.h]
    beside = [r for r in runs(layout, 2) if abs(r.y - tab.y) < 2 and r.x >= box.x + box.w and r.x < box.x + 135]
    assert beside and beside[0].font == "hei" and beside[0].text.startswith("2026")  # the title on the tab's row
    assert "【链接】" not in page_text(layout.pages[1])


def test_link_title_breaks_at_a_phrase(tiny):
    sheet = sheet_of(tiny)
    pieces = article_pieces(tiny[1]["2A"], sheet)
    (title,) = [p for p in pieces if p.kind == "box_title"]
    lines = flow_lines((title,), 135.0)
    texts = [fl.line.text for fl in lines]
    assert "".join(texts) == title.text and len(texts) >= 2
    assert not any(a.endswith("便") or a.endswith("冬") for a in texts[:-1])  # never 冬|季, 便|民


def test_list_items_hang_their_labels(tiny):
    """The number or run-in label hangs; every line of the item's text starts at one x."""
    _i, _a, _f, layout, _fi = tiny
    for label, head in (("1. ", "独居老人"), ("责任单位：", "居委会")):
        tag = run_with(layout, 2, label.strip())
        first = [r for r in runs(layout, 2) if abs(r.y - tag.y) < 0.01 and r.x > tag.x][0]
        assert first.text.startswith(head)
        below = [r for r in runs(layout, 2) if 0 < r.y - tag.y < 14 and abs(r.x - tag.x) < 60 and r.size == 9]
        assert below, label  # the item wraps
        runover = min(below, key=lambda r: r.x)
        shift = 4.5 if runover.text.startswith("（") else 0.0  # an opening bracket's blank is trimmed at a line start
        assert abs(runover.x + shift - first.x) < 0.01 and first.x - tag.x > 9, (label, runover.text)


def test_list_items_never_indent_two_em_over_flush_runovers(tiny):
    sheet = sheet_of(tiny)
    items = [p for p in article_pieces(tiny[1]["2A"], sheet) if p.kind == "box_para"]
    assert items and all(p.settings.indent_em == 0.0 for p in items)


# --------------------------------------------------------------------------
# 编者按, byline


def test_editor_note_comes_before_the_byline_and_is_ruled(tiny):
    _i, articles, _f, layout, _fi = tiny
    kinds = [p.kind for p in article_pieces(articles["2A"], sheet_of(tiny))]
    assert kinds.index("note") < kinds.index("byline") < kinds.index("lead")
    label, byline = run_with(layout, 2, "编者按"), run_with(layout, 2, "周晓岚")
    title = run_with(layout, 2, "梧桐新村推出")
    assert title.y < label.y < byline.y
    rules = [r for r in layout.pages[1].items if isinstance(r, Rule) and r.y0 == r.y1 and r.x0 <= label.x < r.x1]
    assert any(r.y0 < label.y - 6 for r in rules) and any(r.y0 > label.y for r in rules)


def test_byline_takes_a_full_space_between_roles_and_names(tiny):
    _i, _a, _f, layout, _fi = tiny
    byline = run_with(layout, 2, "周晓岚")
    assert "记者\u3000周晓岚\u3000通讯员\u3000陈立" in byline.text
    k = byline.text.index("\u3000")
    assert byline.xs[k + 1] - byline.xs[k - 1] == pytest.approx(2 * byline.size, abs=0.01)


# --------------------------------------------------------------------------
# 小标题


def test_subhead_has_space_below_as_well_as_above(tiny):
    _i, _a, _f, layout, _fi = tiny
    head = run_with(layout, 2, "服务到家门口")
    column = [r for r in runs(layout, 2) if abs(r.x - head.x) < 80 and r.size == 9 and r.font == "song"]
    above = max((r for r in column if r.y < head.y), key=lambda r: r.y)
    below = min((r for r in column if r.y > head.y), key=lambda r: r.y)
    gap_above = (head.y - 0.88 * head.size) - (above.y + 0.12 * above.size)
    gap_below = (below.y - 0.88 * below.size) - (head.y + 0.12 * head.size)
    assert gap_below >= 5 and abs(gap_above - gap_below) < 0.5, (gap_above, gap_below)


def test_two_part_subhead_is_a_lead_line_over_a_main_line(tiny):
    _i, _a, _f, layout, _fi = tiny
    lead, main = run_with(layout, 2, "问需于民"), run_with(layout, 2, "服务清单由居民")
    assert lead.font == "kai" and main.font == "hei" and lead.y < main.y and lead.size < main.size
    assert abs(_centre(lead) - _centre(main)) < 3  # both centred in the column


def test_space_before_a_subhead_is_still_a_stretch_point(tiny):
    from layout.pages.fit import stretch_points

    pieces = article_pieces(tiny[1]["2A"], sheet_of(tiny))
    subheads = [i for i, p in enumerate(pieces) if p.kind == "subhead"]
    assert subheads and set(subheads) <= set(stretch_points(pieces))


def test_bare_subhead_marker_takes_a_lead_line_and_a_main_line():
    article = parse_article("【主题】题\n【小标题】\n问需于民\n实事清单由居民“点单”\n正文第一段很长很长很长很长很长很长很长很长。\n"
                            "【小标题】\n只有一行\n\n正文第二段。\n【小标题】\n一行\n这一段是正文，不是小标题的第二行，它以句号结束。", Path("a.txt"))
    assert [(b.kind, b.text) for b in article.body] == [
        ("subhead", "问需于民 实事清单由居民“点单”"), ("para", "正文第一段很长很长很长很长很长很长很长很长。"),
        ("subhead", "只有一行"), ("para", "正文第二段。"),
        ("subhead", "一行"), ("para", "这一段是正文，不是小标题的第二行，它以句号结束。")]


# --------------------------------------------------------------------------
# 简讯


def test_briefs_marker_makes_items():
    article = parse_article("【主题】社区简讯\n【简讯】便民信息\n急救设备：已配置AED。\n12月5日，邻里活动。\n【正文】\n正文。", Path("a.txt"))
    assert [(b.kind, b.text) for b in article.body] == [
        ("subhead", "便民信息"), ("brief", "急救设备：已配置AED。"), ("brief", "12月5日，邻里活动。"), ("para", "正文。")]


def test_brief_label_is_a_bold_run_in(tiny):
    _i, _a, _f, layout, _fi = tiny
    label = run_with(layout, 2, "急救设备：")
    assert label.text == "急救设备：" and label.font == "hei"
    rest = [r for r in runs(layout, 2) if abs(r.y - label.y) < 0.01 and r.x > label.x][0]
    assert rest.font == "song" and rest.text.startswith("社区")


def test_brief_without_a_label_hangs_a_square(tiny):
    _i, _a, fonts, layout, _fi = tiny
    square = run_with(layout, 2, "■")
    text = [r for r in runs(layout, 2) if abs(r.y - square.y) < 0.01 and r.x > square.x][0]
    assert text.text.startswith("12月5日") or text.text.startswith("12")
    runover = [r for r in runs(layout, 2) if 0 < r.y - square.y < 14 and abs(r.x - text.x) < 5]
    # The text's lines align, the ■ hangs: the cells start at one x (a digit is drawn centred in its
    # half-em cell, 字格, so the glyph of a leading 1 starts a little inside it).
    natural = fonts[text.font].metrics.advance(text.text[0]) * text.size
    first_cell = text.x - max(0.0, text.size / 2 - natural) / 2 if text.text[0].isdigit() else text.x
    assert runover and abs(runover[0].x - first_cell) < 0.01


# --------------------------------------------------------------------------
# captions


@pytest.mark.parametrize("caption", [
    "家庭医生在智慧健康小屋为老人测量血压",
    "倪宝根在“老倪修理铺”里为居民修理家电",
    "枫林苑一处加装电梯正在进行井道吊装",
    "桂香里居民区志愿者为独居老人送去“暖冬包”",
])
@pytest.mark.parametrize("width", [135.0, 279.0])
def test_caption_last_line_has_three_characters_and_breaks_between_words(tiny, caption, width):
    from layout.pages.figures import _word_ends

    lines = caption_lines(styled(sheet_of(tiny), "caption", caption), width)
    assert "".join(line.text for line in lines) == caption
    if len(lines) > 1:
        assert sum(ch.isalnum() for ch in lines[-1].text) >= CAPTION_LAST
        assert all(line.end in _word_ends(caption) for line in lines[:-1])


def test_sample_captions_never_end_on_two_characters():
    issue, _a, _f, layout, _fi = compose(Path(__file__).resolve().parent.parent / "issues" / "2026-12")
    for page in layout.pages:
        caps = [r for r in page.items if isinstance(r, GlyphRun) and r.font == "kai" and r.size == 9]
        by_row: dict[float, str] = {}
        for r in caps:
            by_row[round(r.y, 2)] = by_row.get(round(r.y, 2), "") + r.text
    # the caption setter is what the page uses: check every sample caption in its placed width
    sheet = Sheet(issue.profile, _f)
    for article in _a.values():
        for fig in article.figures:
            for width in (135.0, 279.0, 423.0):
                lines = caption_lines(styled(sheet, "caption", fig.caption), width)
                if len(lines) > 1:
                    assert sum(ch.isalnum() for ch in lines[-1].text) >= CAPTION_LAST, (fig.caption, width)


# --------------------------------------------------------------------------
# 稿源


def test_source_follows_the_last_paragraph_before_a_closing_box(tiny):
    _i, articles, _f, layout, _fi = tiny
    kinds = [p.kind for p in article_pieces(articles["2A"], sheet_of(tiny))]
    assert kinds.index("source") < kinds.index("box_title")
    source = run_with(layout, 2, "（梧桐新村居民区）")
    last = run_with(layout, 2, "随时调整服务清单")
    assert abs(source.y - last.y - 13.0) < 0.01 or abs(source.y - last.y - 26.0) < 0.01  # the next row (or one blank)
    column = lambda run: int((run.x - 48.437) // 144)  # noqa: E731  (basic column of a run)
    assert column(source) == column(last)


def test_no_column_break_before_the_source():
    """A 稿源 that would open the next column alone takes the paragraph's last lines with it."""
    from dataclasses import replace

    from test_flow import BODY, MEASURE, STYLE, column, para

    source = Piece("source", (Span("梧桐路", STYLE),), replace(BODY, indent_em=0.0, align=Align.RIGHT))
    pieces = (para(18), para(28), source)  # 2 lines, 3 lines, the source
    lines = flow_lines(pieces, MEASURE)
    placements, end = fill(lines, [column(5), column(10, 1)], pieces)
    assert end == len(lines)
    where = {lines[pl.start + k].piece: pl.frame.column for pl in placements for k in range(pl.count)
             if lines[pl.start + k].index == lines[pl.start + k].count - 1}
    assert where[2] == where[1]  # the source in the column that ends its story's last paragraph


# --------------------------------------------------------------------------
# proof marks


def test_proof_labels_cover_no_text_or_credit(tmp_path):
    """An underset slot whose photo sits at its foot with a credit: the 欠行 label finds white."""
    story = SHORT.replace("【稿源】", "【图】images/p.jpg｜宽=1栏｜位置=右下\n【图说】食堂里的冬季新菜单\n【摄影】陆天宇\n【稿源】")
    pages = [page_yaml(1, FRONT, "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 60}, article: articles/s.txt}"])]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, "s.txt": story},
                         images={"p.jpg": (900, 600)})
    _issue, _a, fonts, layout, _f = compose(folder)
    page = layout.pages[1]
    assert any(n.kind == "underset" for n in page.proof)
    face = fonts["hei"]
    labels = proof_labels(page, lambda text, size: stringWidth(text, face.pdf_name, size))
    boxes = item_boxes(page)
    assert {m.note.kind for m in labels} >= {"slot", "underset"}
    for mark in labels:
        x0, y0, x1, y1 = mark.box
        assert not [b for b in boxes if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1], mark
        assert x1 <= page.width  # found a place on the page itself


def test_sample_proof_labels_cover_nothing():
    folder = Path(__file__).resolve().parent.parent / "issues" / "2026-12"
    _issue, _a, fonts, layout, _f = compose(folder)
    face = fonts["hei"]
    for page in layout.pages:
        boxes = item_boxes(page)
        for mark in proof_labels(page, lambda text, size: stringWidth(text, face.pdf_name, size)):
            x0, y0, x1, y1 = mark.box
            assert not [b for b in boxes if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1], (page.number, mark)


# --------------------------------------------------------------------------
# folios, page 1, imprint


def test_folio_number_has_no_digit_spacing_and_the_page_name_a_cjk_dot(tiny):
    _i, _a, _f, layout, findings = tiny
    folio = run_with(layout, 2, "第2版")
    k = folio.text.index("2")
    assert folio.xs[k] - folio.xs[k - 1] == pytest.approx(folio.size, abs=0.01)  # 第 is one em, no ¼-em space
    assert "要闻\u30fb党建" in folio.text and "\u00b7" not in folio.text
    assert not [f for f in findings if f.check == "folio" and f.severity == "error"]


def test_front_page_carries_its_own_number_and_name(tiny):
    _i, _a, _f, layout, _fi = tiny
    folio = run_with(layout, 1, "第1版")
    assert "要闻" in folio.text and folio.y < layout.pages[0].items[0].y + 200


def _centre(run: GlyphRun, fonts=None) -> float:
    """The middle of a run, from its first glyph's origin to the end of its last glyph's advance."""
    last = fonts[run.font].metrics.advance(run.text[-1]) if fonts else 1.0
    if run.text[-1] in "）」』”’》】，。":  # a closing mark at a line end is set ½ em: its blank is not there
        last = 0.5
    return run.x + (run.xs[-1] + last * run.size) / 2


def test_masthead_lines_and_imprint_share_one_axis(tiny):
    issue, _a, fonts, layout, _fi = tiny
    fmt = issue.profile.format
    axis = fmt.margin_side + fmt.type_width / 2
    for text in ("梧桐家园", "联合出版", "第7期", "国内统一连续出版物号", "地址：", "印刷：", "免费赠阅"):
        run = [r for r in runs(layout, 1) if text in r.text and r.size != 9][0]
        assert abs(_centre(run, fonts) - axis) < 1.0, (text, _centre(run, fonts), axis)


def test_rules_under_the_masthead_have_air_above_them(tiny):
    _i, _a, _f, layout, _fi = tiny
    sub = run_with(layout, 1, "联合出版")
    thick = min((r for r in layout.pages[0].items if isinstance(r, Rule) and r.width >= 1.5 and r.y0 > sub.y),
                key=lambda r: r.y0)
    assert thick.y0 - thick.width / 2 - (sub.y + 0.12 * sub.size) >= 4.0


def test_imprint_follows_the_periodical_form(tiny):
    _i, _a, _f, layout, _fi = tiny
    text = page_text(layout.pages[0])
    assert "主管主办：申江报业集团" in text and "出版：申江社区报社" in text  # 出版单位 apart from 主管/主办
    assert "发行：梧桐路街道各居民区免费投递" in text
    assert "021-5555 0188、400-555-0188" in text and "5555\u30000188" not in text  # each number reads as one
    phone = run_with(layout, 1, "021-5555")
    k = phone.text.index("5555 ") + 4
    assert phone.xs[k + 1] - phone.xs[k] < 0.4 * phone.size  # the space inside a number stays narrow


# --------------------------------------------------------------------------
# numerals in 楷 lines


def test_digits_of_kai_lines_come_from_the_numerals_face(tiny):
    _i, _a, _f, layout, _fi = tiny
    for text in ("17", "96.4%", "1,260"):
        digits = [r for r in runs(layout, 2) if r.text == text]
        assert digits and all(r.font == "song" for r in digits), text
    kicker = run_with(layout, 2, "冬季服务")
    assert kicker.font == "kai"


def test_numeral_spans_split_numbers_only(tiny):
    sheet = sheet_of(tiny)
    kai, song = sheet.text("lead"), sheet.text("numerals", 9.0)
    spans = numeral_spans("满意度达96.4%，共1,260人次，10:30开门", kai, song)
    assert [(s.text, s.style.font) for s in spans] == [
        ("满意度达", "kai"), ("96.4%", "song"), ("，共", "kai"), ("1,260", "song"), ("人次，", "kai"),
        ("10:30", "song"), ("开门", "kai")]
    assert numeral_spans("没有数字", kai, song) == (Span("没有数字", kai),)


def test_list_item_takes_a_three_character_last_line_only_when_it_reads_well(tiny):
    """No 2-character last line where avoidable: avoided while no line spreads past ITEM_SPREAD_EM,
    kept (the engine's own 孤字 rule) when a 3-character one would leave a line gapped."""
    from dataclasses import replace

    from layout.pages.displaytext import ITEM_SPREAD_EM, _item_lines, label_width, set_item
    from layout.pages.pieces import ITEM_MIN_LAST, body_settings

    sheet = sheet_of(tiny)
    settings = replace(body_settings(sheet.profile), indent_em=0.0, min_last_chars=ITEM_MIN_LAST)
    spans = (Span("项目一：", sheet.text("run_in")), Span("定时投放点志愿者值守", sheet.text("sidebar_body")))
    hang = label_width(spans, 4, settings)
    measure = 135.0 - 2 * 6.75 - hang
    strict = _item_lines(spans, 4, hang, measure, settings, 0)
    assert max(line.gap_em for line in strict[:-1]) > ITEM_SPREAD_EM  # 定时投放点志愿 | 者值守: gapped
    chosen = set_item(spans, 4, hang, measure, settings)
    assert sum(ch.isalnum() for ch in chosen[-1].text) == 2
    assert max(line.gap_em for line in chosen[:-1]) < max(line.gap_em for line in strict[:-1])


@pytest.mark.parametrize("issue", ["2026-11", "2026-12"])
def test_sample_list_items_and_briefs_end_on_three_characters(issue):
    folder = Path(__file__).resolve().parent.parent / "issues" / issue
    loaded, articles, fonts, _layout, _f = compose(folder)
    sheet = Sheet(loaded.profile, fonts)
    for slot, article in articles.items():
        pieces = article_pieces(article, sheet)
        for fl in flow_lines(pieces, 135.0):
            if fl.line is not None and pieces[fl.piece].settings.min_last_chars > 2 and fl.count > 1 \
                    and fl.index == fl.count - 1:
                assert sum(ch.isalnum() for ch in fl.line.text) >= 3, (slot, fl.line.text)


def test_untitled_link_box_still_has_its_tab(tmp_path):
    story = "【主题】社区食堂推出冬季新菜单\n本周起，桂香里长者食堂推出冬季新菜单。\n【链接】\n① 每天供应两荤两素一汤\n【稿源】街道服务办"
    pages = [page_yaml(1, FRONT, "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 30}, article: articles/s.txt}"])]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, "s.txt": story})
    _issue, _a, _f, layout, findings = compose(folder)
    assert not [f for f in findings if f.severity == "error"]
    tab = run_with(layout, 2, "链接")
    item = run_with(layout, 2, "每天供应")
    assert tab.color == (0.0, 0.0, 0.0, 0.0) and item.y > tab.y


def test_brief_typed_with_its_own_square_gets_one(tiny):
    from layout.pages.pieces import _brief, body_settings

    sheet = sheet_of(tiny)
    piece = _brief("■ 12月5日，邻里活动。", sheet, body_settings(sheet.profile), 0)
    assert piece.text == "■ 12月5日，邻里活动。" and piece.label == 2


def test_a_headline_set_small_in_a_narrow_column_is_still_a_display_headline(tiny):
    """A 主题 of a display role that a one-column slot sets at 14 pt still staggers against its
    neighbours (pagecompose._stagger, measure): only a 转版标题 is subordinate by nature."""
    from layout.pages.grid import PageGrid
    from layout.pages.headblock import HeadSpec, compose_headline
    from layout.pages.stagger import DISPLAY_SIZE

    issue, _a, fonts, _l, _f = tiny
    sheet = sheet_of(tiny)
    grid = PageGrid(issue.profile.format, sheet.text("body").metrics.ascent)
    long_title = ("街道党工委中心组赴崇明开展参观学习和结对帮扶活动",)
    narrow = compose_headline(HeadSpec((), long_title, (), 0.0, 120.0, 1, (18.0, 22.0), 3), grid, sheet)
    assert narrow.title_size < DISPLAY_SIZE and narrow.display
    jump = compose_headline(HeadSpec((), long_title, (), 0.0, 279.0, 1, (14.0, 14.0), 3, "jump_title"), grid, sheet)
    assert not jump.display
