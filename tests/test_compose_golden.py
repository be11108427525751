"""Composition goldens: a tiny two-page issue's display list as rounded text, and one tiny page image.

The text dump (render/textdump.py) lists every glyph run with its position:
a diff shows exactly which line moved.  Regenerate after an intended change with
`pytest tests/test_compose_golden.py --update-goldens` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout.build import BuildOptions, build_issue, compose
from layout.render.textdump import dump_page

GOLDEN = Path(__file__).parent / "golden" / "compose"

FEATURE = """【引题】冬日暖阳 邻里相助
【主题】
梧桐新村“爱心食堂”
开进楼组
【副题】志愿者每天为二十位独居老人送餐上门
【署名】记者 周晓岚 通讯员 陈立
【导语】每天10:30，梧桐新村的“爱心食堂”准时开饭。入冬以来，楼组志愿者增加了送餐路线，二十位独居老人不出门也能吃上热饭热菜。

【小标题】一份菜单 三种口味
食堂按照老人的身体情况准备了普通、少盐和软烂三种口味，每周一在楼道公告栏贴出菜单，老人可以提前一天电话预约，也可以请志愿者代为登记。
“以前自己烧饭，一顿饭要吃两天，现在每天有人送来热的，心里也热乎。”82岁的孔凤娣阿姨说。
【图】images/canteen.jpg｜宽=2栏｜位置=右上
【图说】志愿者把午餐送到老人家中
【摄影】陆天宇
【正文】
【小标题】送餐路上 多看一眼
志愿者送餐时会顺便看看老人的精神状态，发现异常及时告诉居委会。今年以来，志愿者已发现并协助处理突发情况3起。
【链接】爱心食堂怎么预约
■ 电话预约
每天9:00前拨打居委会电话。
■ 上门登记
请楼组长或志愿者代为登记。
【稿源】梧桐新村居民区"""


@pytest.fixture(scope="module")
def tiny_issue(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    front = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
             "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt, split: 3}"]
    inner = ["{id: 2A, role: 头条, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/feature.txt}"]
    pages = [page_yaml(1, front, "front", "要闻"), page_yaml(2, inner)]
    return write_issue(root, pages, {"news.txt": NEWS, "short.txt": SHORT, "feature.txt": FEATURE},
                       images={"canteen.jpg": (900, 600)})


@pytest.mark.parametrize("page", [1, 2])
def test_page_dump_matches_golden(tiny_issue, page, update_goldens):
    _issue, _a, _f, layout, _findings = compose(tiny_issue)
    text = dump_page(layout.pages[page - 1]).replace(str(tiny_issue), "ISSUE")
    golden = GOLDEN / f"tiny-p{page}.expected"
    if update_goldens or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"wrote new golden {golden.name}; rerun to compare")
    assert text == golden.read_text(encoding="utf-8")


def test_tiny_page_image_matches_golden(tiny_issue, tmp_path, update_goldens):
    """One small image golden (architecture.md §9: few and tiny): page 2 at 12 dpi in gray."""
    import pypdfium2

    result = build_issue(tiny_issue, BuildOptions(print_pdf=True, force=True, output=tmp_path))
    pdf = pypdfium2.PdfDocument(str(result.pdf))
    image = pdf[1].render(scale=12 / 72).to_pil().convert("L")
    golden = GOLDEN / "tiny-p2.png"
    if update_goldens or not golden.exists():
        image.save(golden, optimize=True)
        if not update_goldens:
            pytest.fail(f"wrote new golden {golden.name}; rerun to compare")
    expected = Image.open(golden).convert("L")
    assert image.size == expected.size
    diff = ImageStat.Stat(ImageChops.difference(image, expected)).mean[0]
    assert diff < 2.0, f"page image differs from the golden by {diff:.2f} grey levels on average"
