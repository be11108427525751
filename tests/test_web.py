"""Issue 15 item 4: the web edition — RGB PDF with fonts embedded, no proof layer, linked jump lines, page JPEGs."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from issuekit import SHORT, long_text, page_yaml, write_issue
from layout.build import BuildOptions, build_issue
from layout.cli import main
from layout.render.web import WEB_WIDTH_PX, rgb

REPO = Path(__file__).resolve().parent.parent
PHOTO = "【主题】银杏坊举办迎新年邻里活动\n【署名】记者 黄欣怡\n居民们包馄饨、写春联，热热闹闹迎新年。\n【图】images/a.jpg｜宽=2栏\n【图说】居民在活动中写春联\n【图】images/g.png｜宽=1栏｜位置=左下\n【图说】灰度老照片\n【图】images/c.jpg｜宽=1栏｜位置=右下\n【图说】印刷厂给的CMYK图片\n【稿源】街道党群办\n"


def jump_issue(tmp_path: Path) -> Path:
    pages = [page_yaml(1, ["{id: 1A, role: 头条, grid: {col: 1, span: 3, row: 13, rows: 24}, article: articles/long.txt, jump: {page: 2, slot: 2C}}",
                           "{id: 1B, grid: {col: 4, span: 2, row: 13, rows: 24}, article: articles/short.txt}",
                           "{id: 1D, grid: {col: 1, span: 5, row: 37, rows: 46}, article: articles/photo.txt}"], "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 40}}",
                           "{id: 2C, grid: {col: 4, span: 2, row: 1, rows: 85}}"])]
    folder = write_issue(tmp_path, pages, {"long.txt": long_text(14), "short.txt": SHORT, "photo.txt": PHOTO},
                         images={"a.jpg": (1200, 800)})
    Image.new("L", (400, 300), 90).save(folder / "images" / "g.png")
    Image.new("CMYK", (400, 300), (10, 60, 80, 5)).save(folder / "images" / "c.jpg", quality=90)
    return folder


def colour_operators(pdf: pikepdf.Pdf) -> set[str]:
    ops = set()
    for page in pdf.pages:
        for _operands, op in pikepdf.parse_content_stream(page):
            ops.add(str(op))
    return ops


def test_the_web_edition_is_rgb_with_embedded_fonts_linked_jumps_and_no_proof_layer(tmp_path):
    folder = jump_issue(tmp_path)
    result = build_issue(folder, BuildOptions(web=True, output=tmp_path / "out", allow_overset=True))
    web = tmp_path / "out" / "2026-12" / "web"
    assert result.pdf == web / "2026-12.pdf"
    assert not (tmp_path / "out" / "2026-12" / "2026-12-proof.pdf").exists()
    pdf = pikepdf.open(result.pdf)
    ops = colour_operators(pdf)
    assert {"rg", "TJ"} <= ops and not ops & {"k", "K", "cs", "CS", "sc", "scn", "g", "G"}  # DeviceRGB only
    images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    # the RGB, gray and CMYK photos and the two 1-bit QR codes of the masthead: all RGB
    assert len(images) == 5 and all(im.ColorSpace == "/DeviceRGB" for im in images)
    fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"]
    assert fonts and all("/FontFile2" in f for f in fonts)
    trim = [float(v) for v in pdf.pages[0].MediaBox]
    assert trim[2] == pytest.approx(result.layout.pages[0].width)  # no notes column: not a proof
    assert "/OutputIntents" not in pdf.Root and "/GTS_PDFXVersion" not in pdf.docinfo
    links = {i + 1: [a for a in page.get("/Annots", []) if a.Subtype == "/Link"] for i, page in enumerate(pdf.pages)}
    page_objs = [p.obj.objgen for p in pdf.pages]
    (down,), (up,) = links[1], links[2]
    assert down.Dest[0].objgen == page_objs[1] and up.Dest[0].objgen == page_objs[0]
    assert list(down.Border) == [0, 0, 0]
    assert len(pdf.Root.Outlines.First.keys()) and str(pdf.Root.Outlines.First.Title) == "第1版 要闻"
    jpegs = sorted(web.glob("*.jpg"))
    assert [p.name for p in jpegs] == ["2026-12-01.jpg", "2026-12-02.jpg"]
    for path in jpegs:
        with Image.open(path) as im:
            assert im.format == "JPEG" and im.mode == "RGB" and im.width == WEB_WIDTH_PX


def page_text(path: Path, index: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


def test_the_web_edition_has_no_watermark_stamp_or_notes_column(tmp_path):
    folder = jump_issue(tmp_path)
    (folder / "articles" / "short.txt").write_text(SHORT + "\n【备注】请核对减免金额\n", encoding="utf-8")
    web = build_issue(folder, BuildOptions(web=True, output=tmp_path / "out", allow_overset=True)).pdf
    proof = build_issue(folder, BuildOptions(output=tmp_path / "out", allow_overset=True)).pdf
    proof_text, web_text = page_text(proof, 0), page_text(web, 0)
    for mark in ("校样", "非付印稿", "校样批注", "请核对减免金额", "1A 头条"):
        assert mark in proof_text and mark not in web_text
    flat = web_text.replace("\r\n", "").replace(" ", "")
    assert "（街道服务办）" in flat and "（下转第2版）" in flat


def test_the_web_edition_is_byte_identical_for_the_same_input(tmp_path):
    folder = jump_issue(tmp_path)
    outs = []
    for name in ("a", "b"):
        build_issue(folder, BuildOptions(web=True, output=tmp_path / name, allow_overset=True))
        web = tmp_path / name / "2026-12" / "web"
        outs.append({p.name: p.read_bytes() for p in sorted(web.iterdir())})
    assert outs[0] == outs[1] and len(outs[0]) == 3


def test_overset_writes_no_web_edition(tmp_path, capsys):
    pages = [page_yaml(1, ["{id: 1A, grid: {col: 1, span: 2, row: 13, rows: 12}, article: articles/long.txt}"], "front", "要闻")]
    folder = write_issue(tmp_path, pages, {"long.txt": long_text(12)})
    assert main(["build", str(folder), "--web", "--output", str(tmp_path / "out")]) == 1
    assert "网络版没有生成" in capsys.readouterr().err
    assert not (tmp_path / "out" / "2026-12" / "web").exists()


def test_screen_colours():
    assert rgb((0, 0, 0, 1)) == (0.0, 0.0, 0.0) and rgb((0, 0, 0, 0)) == (1.0, 1.0, 1.0)
    assert rgb((0, 1, 1, 0.1)) == (0.9, 0.0, 0.0)


@pytest.mark.slow
def test_the_sample_issue_web_edition(tmp_path, capsys):
    assert main(["build", str(REPO / "issues" / "2026-12"), "--web", "--output", str(tmp_path)]) == 0
    web = tmp_path / "2026-12" / "web"
    assert len(list(web.glob("2026-12-0?.jpg"))) == 8
    pdf = pikepdf.open(web / "2026-12.pdf")
    assert len(pdf.pages) == 8 and not colour_operators(pdf) & {"k", "K"}
    targets = {i + 1: [a.Dest[0].objgen for a in p.get("/Annots", [])] for i, p in enumerate(pdf.pages)}
    assert targets[1] == [pdf.pages[2].obj.objgen] and targets[3] == [pdf.pages[0].obj.objgen]  # 1A ↔ 3C
