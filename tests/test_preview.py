"""`layout preview` and `layout serve`: page PNGs, the HTML page, change detection, error display — and a real browser.

The fast tests run on a tiny four-page issue written to tmp_path, on a copy
of the paper profile (so no test touches the repository's files).  The
browser test copies the sample issue issues/2026-12, starts `layout serve`
on it, edits an article and watches the page image change in headless
Chromium (driven by Playwright for Python: a test-only dependency).
"""

from __future__ import annotations

import html.parser
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

import layout.model.profile as profile_module
from issuekit import white_areas
from layout import preview, reportview, serve
from layout.cli import main as cli_main
from layout.model.articlefile import load_article

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "issues" / "2026-12"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

NEWS = """【主题】梧桐新村完成雨污分流改造
【副题】三十二个楼道告别“返臭”烦恼
【署名】记者 周晓岚
入冬前，梧桐新村雨污分流改造工程通过验收，三十二个楼道的排水管全部完成翻新。
“以前一下雨，楼道口就冒臭味，现在终于清爽了。”家住12号楼的王阿姨说。
【稿源】街道管理办
"""
PHOTO = """【主题】社区食堂推出冬季新菜单
【图】images/canteen.jpg｜宽=2栏｜高=16行｜位置=右上
【图说】长者食堂的冬季新菜单
本周起，桂香里长者食堂推出冬季新菜单，每天供应两荤两素一汤，八十岁以上老人就餐每餐减免3元。
【稿源】街道服务办
"""
LONG = "【主题】年度工作稳步推进\n" + "\n".join(
    f"第{k}段：街道各部门围绕年度目标任务，逐项对照民生实事清单，倒排工期、挂图作战，确保各项工作按时保质完成。"
    for k in range(1, 60)) + "\n【稿源】街道办公室\n"


# --------------------------------------------------------------------------
# Fixtures: a copied paper profile and a tiny issue


def placeholder(path: Path, size: tuple[int, int] = (960, 640)) -> None:
    """A plain RGB picture standing in for a photo or QR code that is not there (yet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (150, 170, 190)).save(path)


def copy_profile(root: Path, name: str = "wutong") -> Path:
    """templates/<name> copied under root/templates, with placeholders for QR codes still missing."""
    dest = root / "templates" / name
    shutil.copytree(REPO / "templates" / name, dest)
    for line in (dest / "paper.yaml").read_text(encoding="utf-8").splitlines():
        match = re.search(r"image:\s*([^,}\s]+)", line)
        if match and not (dest / match.group(1)).exists():
            placeholder(dest / match.group(1), (300, 300))
    return root / "templates"


def page_yaml(no: int, slot: str) -> str:
    areas = "".join(f"      - {a}\n" for a in white_areas([slot]))
    return (f"  - no: {no}\n    name: 第{no}版\n    editor: 王敏\n    designer: 李想\n    template: inner\n"
            f"    slots:\n      - {slot}\n" + (f"    areas:\n{areas}" if areas else ""))


def tiny_issue(root: Path) -> Path:
    """Four inner pages: a story, a story with a photo, an overset story, a short story."""
    folder = root / "2026-12"
    articles = {"a1.txt": NEWS, "a2.txt": PHOTO, "a3.txt": LONG, "a4.txt": NEWS}
    for name, text in articles.items():
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    placeholder(folder / "images" / "canteen.jpg")
    pages = "".join(page_yaml(n, f"{{id: {n}A, role: 头条, grid: {{col: 1, span: 5, row: 1, rows: 40}}, "
                                 f"article: articles/a{n}.txt}}") for n in range(1, 5))
    head = ("paper: wutong\nnumber: 7\ndate: 2026-12-16\nnext_date: 2027-01-20\npages_count: 4\n"
            "proof_stage: 一校\npages:\n")
    (folder / "issue.yaml").write_text(head + pages, encoding="utf-8")
    return folder


@pytest.fixture
def issue(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(profile_module, "TEMPLATES_DIR", copy_profile(tmp_path))
    return tiny_issue(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`layout preview` run once through the command line, at the default 150 dpi."""
    root = tmp_path_factory.mktemp("preview")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(profile_module, "TEMPLATES_DIR", copy_profile(root))
        folder = tiny_issue(root)
        status = cli_main(["preview", str(folder), "--output", str(root / "output")])
    return status, root / "output" / "2026-12"


# --------------------------------------------------------------------------
# layout preview


def test_spread_pairs():
    assert preview.spread_pairs(8) == ((2, 3), (4, 5), (6, 7))
    assert preview.spread_pairs(4) == ((2, 3),)
    assert preview.spread_pairs(12)[-1] == (10, 11)
    assert preview.spread_pairs(2) == () and preview.spread_pairs(1) == ()


def test_preview_writes_page_pngs_at_150_dpi(built):
    """Each page PNG is the whole proof page (trim plus the notes column) at 150 dpi; spreads join trimmed pages."""
    import pypdfium2

    status, out = built
    assert status == 1  # the tiny issue has an overset story: written anyway, exit status as `layout build`'s
    assert (out / "report.txt").exists()
    pdf = pypdfium2.PdfDocument(out / "2026-12-proof.pdf")
    for n in range(1, 5):
        width, height = pdf[n - 1].get_size()
        with Image.open(out / "preview" / f"page-{n}.png") as im:
            assert im.format == "PNG" and im.mode == "RGB"
            assert abs(im.width - width * 150 / 72) <= 1 and abs(im.height - height * 150 / 72) <= 1, im.size
        with Image.open(out / "preview" / f"thumb-{n}.png") as th:
            assert 300 <= th.width <= 600
    trim_w = 285 / 25.4 * 150  # the wutong profile's 285 × 420 mm
    with Image.open(out / "preview" / "page-2.png") as page, Image.open(out / "preview" / "spread-2-3.png") as spread:
        assert abs(spread.width - 2 * trim_w) <= 2 and abs(spread.height - page.height) <= 1
    assert sorted(p.name for p in (out / "preview").glob("spread-*")) == ["spread-2-3.png"]
    assert not list((out / "preview").glob(".*.tmp"))
    pdf.close()


class _Tags(html.parser.HTMLParser):
    """Collects start tags and checks that every non-void element is closed in order."""

    VOID = {"meta", "img", "br", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}> at {self.getpos()}")


def test_preview_html_lists_every_page_beside_the_report(built):
    _status, out = built
    text = (out / "preview" / "index.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    assert parser.errors == [] and parser.stack == []
    assert text.startswith("<!doctype html>")
    thumbs = [a for t, a in parser.tags if t == "img" and a.get("data-kind") == "thumb"]
    assert sorted({a["data-page"] for a in thumbs}) == ["1", "2", "3", "4"]
    for n in range(1, 5):  # each thumbnail opens the page at full size; URLs carry the content hash
        link = next(a for t, a in parser.tags if t == "a" and a.get("data-page-link") == str(n))
        assert re.fullmatch(rf"page-{n}\.png\?v=[0-9a-f]{{16}}", link["href"])
        assert (out / "preview" / link["href"].split("?")[0]).exists()
    report = text[text.index('id="report"'):]
    assert report.index("超版 overset") < report.index("各版位")  # overset first
    assert "第3版 3A" in report[:report.index("各版位")]
    assert 'data-live' not in text  # the static page has no event stream to listen to


# --------------------------------------------------------------------------
# layout serve: change detection


def test_watcher_sees_edits_new_and_deleted_files_but_not_editor_droppings(tmp_path):
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.txt"
    article.write_text("一", encoding="utf-8")
    watcher = serve.Watcher(lambda: [tmp_path])
    assert watcher.poll() == ()
    article.write_text("二", encoding="utf-8")  # same size: the mtime tells
    os.utime(article, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert watcher.poll() == (str(article),)
    for name in (".a.txt.swp", "a.txt~", ".#a.txt", ".hidden"):
        (tmp_path / "articles" / name).write_text("x", encoding="utf-8")
    assert watcher.poll() == ()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "p.jpg").write_bytes(b"jpeg")
    assert watcher.poll() == (str(tmp_path / "images" / "p.jpg"),)
    article.unlink()
    assert watcher.poll() == (str(article),)


def test_page_key_changes_with_the_display_list_stage_and_image_files(tmp_path):
    from layout.display import PageLayout, Picture, Rule

    photo = tmp_path / "p.jpg"
    placeholder(photo)
    page = PageLayout(1, 100, 100, (Rule(0, 0, 10, 10), Picture(0, 0, 10, 10, str(photo))))
    key = serve.page_key(page, "一校")
    assert serve.page_key(PageLayout(1, 100, 100, page.items), "一校") == key
    assert serve.page_key(PageLayout(1, 100, 100, page.items[1:]), "一校") != key
    assert serve.page_key(page, "二校") != key
    placeholder(photo, (900, 600))  # replaced by a different photo of another size
    assert serve.page_key(page, "一校") != key


def test_rebuild_redraws_only_the_pages_that_changed(issue):
    live = serve.LivePreview(issue, dpi=40)
    first = live.rebuild()
    assert first.error is None and [p.no for p in first.pages] == [1, 2, 3, 4]
    assert first.drawn == (1, 2, 3, 4)
    again = live.rebuild()
    assert again.drawn == () and again.pages == first.pages
    article = issue / "articles" / "a2.txt"
    article.write_text(PHOTO.replace("减免3元。", "减免3元，九十岁以上老人免费。"), encoding="utf-8")
    edited = live.rebuild([str(article)])
    assert edited.drawn == (2,)
    assert edited.pages[1].digest != first.pages[1].digest
    assert [p.digest for i, p in enumerate(edited.pages) if i != 1] == [p.digest for i, p in enumerate(first.pages) if i != 1]
    assert "articles/a2.txt" in edited.status and "重绘第2版" in edited.status
    live.close()


# --------------------------------------------------------------------------
# layout serve: errors keep the last good pages


def _break_yaml(issue: Path) -> str:
    path = issue / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 7", "number: [7"), encoding="utf-8")
    return "issue.yaml"


def _unknown_key(issue: Path) -> str:
    path = issue / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 7", "number: 7\nnumbr: 8"), encoding="utf-8")
    return "numbr"


def _gbk_article(issue: Path) -> str:
    (issue / "articles" / "a1.txt").write_bytes(NEWS.encode("gbk"))
    return "articles/a1.txt"


def _missing_image(issue: Path) -> str:
    (issue / "images" / "canteen.jpg").unlink()
    return "articles/a2.txt 第2行"


@pytest.mark.parametrize("damage", [_break_yaml, _unknown_key, _gbk_article, _missing_image])
def test_an_error_is_shown_with_file_and_line_while_the_last_good_pages_stay(issue, damage):
    live = serve.LivePreview(issue, dpi=40)
    good = live.rebuild()
    expected = damage(issue)
    bad = live.rebuild()
    assert bad.error is not None and bad.pages == good.pages and bad.report == good.report
    shown = json.loads(serve.state_json(bad))
    assert expected in shown["error_html"], shown["error_html"]
    assert shown["error"][0]["message"]
    assert [p["full"] for p in shown["pages"]] == [f"/img/{p.digest}.png" for p in good.pages]
    assert "重排失败" in shown["status"]
    page = serve.index_html(bad).decode("utf-8")
    assert 'role="alert"' in page and expected in page


def test_a_first_build_can_fail_and_the_page_still_shows(issue):
    path = issue / "issue.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("pages_count: 4", "pages_count: 5"), encoding="utf-8")
    live = serve.LivePreview(issue, dpi=40)
    bad = live.rebuild()
    assert bad.error is not None and bad.pages == () and "pages_count" in bad.error.items[0].where
    assert live.roots()[1].name == "wutong"  # the profile is watched even before a good build
    assert b"pages_count" in serve.index_html(bad)
    path.write_text(good, encoding="utf-8")
    fixed = live.rebuild([str(path)])
    assert fixed.error is None and len(fixed.pages) == 4 and fixed.version > bad.version
    live.close()


def test_error_view_names_file_line_and_hint(tmp_path):
    from layout.errors import InputError, InputErrors

    exc = InputErrors([InputError(tmp_path / "articles" / "a.txt", "缺字", line=3, hint="换字"),
                       InputError(tmp_path / "issue.yaml", "键名不对", line=5, key="pages[0].slots")])
    view = reportview.error_view(exc, [tmp_path])
    assert [(e.where, e.message, e.hint) for e in view.items] == [
        ("articles/a.txt 第3行", "缺字", "换字"), ("issue.yaml 第5行 pages[0].slots", "键名不对", None)]
    assert "内部错误" in reportview.error_view(ValueError("boom")).title


# --------------------------------------------------------------------------
# layout serve: HTTP


def _get(port: int, path: str) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def test_server_routes_on_loopback(issue):
    live = serve.LivePreview(issue, dpi=40, output=issue.parent / "output")
    state = live.rebuild()
    server = serve.PreviewServer(live, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        assert server.server_address[0] == "127.0.0.1"
        status, headers, body = _get(port, "/")
        assert status == 200 and b'data-live="1"' in body and b"/img/" in body
        status, headers, body = _get(port, "/state.json")
        assert json.loads(body)["version"] == state.version
        status, headers, body = _get(port, f"/img/{state.pages[0].digest}.png")
        assert status == 200 and body.startswith(b"\x89PNG") and "immutable" in headers["Cache-Control"]
        assert _get(port, f"/img/{state.pages[0].thumb_digest}.png")[0] == 200
        assert _get(port, "/img/0000000000000000.png")[0] == 404
        digests = "-".join(p.digest for p in state.pages[1:3])
        assert _get(port, f"/spread/{digests}.png")[2].startswith(b"\x89PNG")
        status, headers, body = _get(port, "/proof.pdf")
        assert status == 200 and body.startswith(b"%PDF")
        # the files the report names, with numbered lines (“a1.txt:3” opens /src/articles/a1.txt.html#L3) …
        status, _headers, body = _get(port, "/src/articles/a1.txt.html")
        assert status == 200 and b'id="L3"' in body and "梧桐新村".encode() in body
        linked = state.report.linked("第2版 2A a1.txt:3: 这一行没有以句末标点结束", "/src/")
        assert 'class="goto" href="#page-2" data-page="2"' in linked and 'href="/src/articles/a1.txt.html#L3"' in linked
        assert "<script>" not in state.report.linked("第2版 2A <script>", "/src/")  # editors' text is escaped
        assert _get(port, "/src/wutong/paper.yaml.html")[0] == 200
        # … and nothing outside the issue and the profile
        for bad in ("/src/../../../etc/passwd.html", "/src/%2e%2e/%2e%2e/etc/hostname.html", "/src/images/canteen.jpg.html"):
            assert _get(port, bad)[0] == 404, bad
        assert _first_event(port) == f"event: update\ndata: {state.version}"
    finally:
        serve.stop(server)


def _first_event(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type").startswith("text/event-stream")
    lines = [response.fp.readline().decode().rstrip("\n") for _ in range(2)]
    conn.close()
    return "\n".join(lines)


# --------------------------------------------------------------------------
# The real browser: edit an article, see the page image change


def sample_copy(root: Path) -> tuple[Path, Path]:
    """issues/2026-12 and its paper profile copied under root; placeholders for photos still missing."""
    if not (SAMPLE / "issue.yaml").exists():
        pytest.skip("the sample issue issues/2026-12 is not there")
    templates = copy_profile(root)
    folder = root / "issues" / "2026-12"
    shutil.copytree(SAMPLE, folder)
    for article in sorted((folder / "articles").glob("*.txt")):
        for figure in load_article(article).figures:
            if not (folder / figure.path).exists():
                placeholder(folder / figure.path)
    return folder, templates


def start_server(folder: Path, templates: Path) -> tuple[subprocess.Popen, str]:
    """`layout serve --port 0` in a child process, its templates/ pointed at the copy; returns (process, URL)."""
    launcher = ("import sys, pathlib, layout.model.profile as p; p.TEMPLATES_DIR = pathlib.Path(sys.argv[1]); "
                "from layout.cli import main; sys.exit(main(sys.argv[2:]))")
    process = subprocess.Popen([sys.executable, "-c", launcher, str(templates), "serve", str(folder), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if match:
            threading.Thread(target=process.stdout.read, daemon=True).start()  # keep draining the console
            return process, match.group(1)
    process.kill()
    pytest.fail(f"layout serve did not start: {process.stdout.read() if process.stdout else ''}")


def first_article_page(folder: Path) -> tuple[int, Path]:
    """The first page's first slot with an article: (page number, article path)."""
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    match = re.search(r"- no:\s*(\d+)(?:(?!- no:).)*?article:\s*(\S+?)[,}\s]", text, re.S)
    return int(match.group(1)), folder / match.group(2)


EXTRA = "记者在现场看到，居民们排起了长队。"


def edit_body(article: Path, add: bool = True) -> None:
    """Add a sentence to the article's first body paragraph (or take it out again), as an editor would."""
    lines = article.read_text(encoding="utf-8").splitlines()
    body = next(i for i, line in enumerate(lines) if len(line) > 40 and not line.startswith(("【", "[")))
    lines[body] = lines[body] + EXTRA if add else lines[body].replace(EXTRA, "")
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")


THUMB_LOADED = """([no, old]) => {
    const img = document.querySelector(`img[data-kind="thumb"][data-page="${no}"]`);
    return img && img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0;
}"""


@pytest.mark.browser
def test_browser_sees_the_page_change_after_an_article_is_saved(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' (Playwright for Python)")
    folder, templates = sample_copy(tmp_path)
    page_no, article = first_article_page(folder)
    process, url = start_server(folder, templates)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            selector = f'img[data-kind="thumb"][data-page="{page_no}"]'
            page.wait_for_function("s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0; }",
                                   arg=selector, timeout=10_000)
            old = page.get_attribute(selector, "src")
            edit_body(article)
            started = time.monotonic()
            page.wait_for_function(THUMB_LOADED, arg=[page_no, old], timeout=10_000)
            elapsed = time.monotonic() - started
            new = page.get_attribute(selector, "src")
            assert re.fullmatch(r"/img/[0-9a-f]{16}\.png", new) and new != old
            full = page.get_attribute(f'a[data-page-link="{page_no}"]', "href")
            assert page.request.get(url.rstrip("/") + full).headers["content-type"] == "image/png"
            assert page.inner_text("#error").strip() == ""
            print(f"page {page_no} updated in the browser {elapsed:.2f} s after the save")

            # A report entry opens its page at full size with the slot outlined (issue 14).
            page.click("#report a.goto >> nth=0")
            page.wait_for_function("() => !document.querySelector('#viewer').hidden && "
                                   "!document.querySelector('#viewer .mark').hidden", timeout=10_000)
            box = page.eval_on_selector("#viewer .mark", "m => [m.offsetWidth, m.offsetHeight]")
            assert box[0] > 50 and box[1] > 50, box

            (folder / "issue.yaml").write_text("paper: wutong\nnumber: [38\n", encoding="utf-8")  # a broken save
            page.wait_for_function("() => document.querySelector('#error').innerText.includes('issue.yaml')", timeout=10_000)
            assert page.get_attribute(selector, "src") == new  # the last good page stays visible
            # … and the error is not hidden under the open full-size viewer: it is what the editor sees there.
            on_top = page.evaluate("""() => { const r = document.querySelector('#error .error').getBoundingClientRect();
                                              const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                                              return !!e.closest('#error'); }""")
            assert on_top and page.is_visible("#viewer .failed-note")
            page.screenshot(path=str(tmp_path / "browser.png"))
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
