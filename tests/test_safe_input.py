"""Issue 16: YAML that is valid to a parser but hostile or absurd, and numbers and paths out of range.

Each case must end in an InputError naming the file, and the line or key, never in
a traceback; the bombs must stop in well under a second.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout import model
from layout.build import load_articles
from layout.errors import InputError, InputErrors, LayoutError
from layout.model.issue import load_issue
from layout.model.profile import TEMPLATES_DIR
from layout.model.safeyaml import LIMITS
from layout.model.yamlio import parse_yaml

SLOTS = ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 40}, article: articles/a.txt}",
         "{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 40}, article: articles/b.txt}"]


def issue(tmp_path: Path, articles: dict[str, str] | None = None, slots=SLOTS) -> Path:
    return write_issue(tmp_path, [page_yaml(1, slots)], articles or {"a.txt": NEWS, "b.txt": SHORT})


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def error_of(call) -> InputError:
    with pytest.raises(LayoutError) as info:
        call()
    exc = info.value
    return exc.errors[0] if isinstance(exc, InputErrors) else exc


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def profile(tmp_path, monkeypatch) -> Path:
    """A copy of the sample profile a test may break (templates/wutong/paper.yaml)."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR / "wutong", templates / "wutong")
    shutil.copytree(TEMPLATES_DIR / "icc", templates / "icc")
    monkeypatch.setattr(model.profile, "TEMPLATES_DIR", templates)
    return templates / "wutong"


# ---------------------------------------------------------------- dates and YAML values

def test_impossible_date_names_the_line_and_key(tmp_path):
    folder = issue(tmp_path)
    text = edit(folder / "issue.yaml", "date: 2026-12-16", "date: 2026-02-30")
    err = error_of(lambda: load_issue(folder))
    assert err.path == folder / "issue.yaml" and err.key == "date" and err.line == line_of(text, "2026-02-30")
    assert "2026-02-30" in err.message and "2月" in err.hint


def test_impossible_date_in_paper_yaml(tmp_path, profile):
    folder = issue(tmp_path)
    text = edit(profile / "paper.yaml", "  free: true", "  free: true\n  price: 2026-02-30")
    err = error_of(lambda: load_issue(folder))
    assert err.path == profile / "paper.yaml" and err.line == line_of(text, "2026-02-30")
    assert err.key == "publisher.price"


@pytest.mark.parametrize("date", ["1026-12-16", "2999-12-16"])
def test_date_outside_the_years_a_paper_exists(tmp_path, date):
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", "date: 2026-12-16", f"date: {date}")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "date" and "年份" in err.message


@pytest.mark.parametrize("value", ["!custom 7", "!!python/name:os.system 7", "!!binary aGVsbG8=", "!!str 7"])
def test_tags_are_refused_with_the_line(tmp_path, value):
    folder = issue(tmp_path)
    text = edit(folder / "issue.yaml", "number: 7", f"number: {value}")
    err = error_of(lambda: load_issue(folder))
    assert "标签" in err.message and err.line == line_of(text, "number:")
    assert value.split()[0] in err.message  # the tag as written


def test_tag_on_a_mapping_is_refused(tmp_path):
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", "pages:", "pages: !!python/object:os.system")
    assert "标签" in error_of(lambda: load_issue(folder)).message


def test_deep_nesting_is_refused_without_recursion_error(tmp_path):
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", "proof_stage: 一校", "proof_stage: 一校\nextra: " + "[" * 500 + "]" * 500)
    err = error_of(lambda: load_issue(folder))
    assert "嵌套太深" in err.message and err.line is not None


def test_alias_bomb_stops_at_once(tmp_path):
    # The 300-byte bomb of issue 16: nine levels of ten aliases, 10⁹ leaves when expanded.
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 9)]
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", "paper: wutong", "paper: wutong\n" + "\n".join(bomb))
    start = time.perf_counter()
    err = error_of(lambda: load_issue(folder))
    assert time.perf_counter() - start < 1.0
    assert "别名" in err.message and err.line is not None


def test_alias_count_is_limited(tmp_path):
    many = "\n".join(f"k{i}: *a" for i in range(LIMITS.max_aliases + 1))
    err = error_of(lambda: parse_yaml("x: &a 1\n" + many + "\n", tmp_path / "f.yaml"))
    assert "别名" in err.message and "太多" in err.message


def test_recursive_alias_is_refused(tmp_path):
    err = error_of(lambda: parse_yaml("a: &a [1, *a]\n", tmp_path / "f.yaml"))
    assert "别名" in err.message and err.line == 1


def test_small_aliases_still_work(tmp_path):
    doc = parse_yaml("base: &b {col: 1, span: 2}\nother: *b\n", tmp_path / "f.yaml")
    assert doc.data["other"] == {"col": 1, "span": 2}


def test_second_document_is_refused(tmp_path):
    err = error_of(lambda: parse_yaml("a: 1\n---\nb: 2\n", tmp_path / "f.yaml"))
    assert "YAML 文档" in err.message and err.line == 2


def test_huge_issue_yaml_is_refused_before_parsing(tmp_path):
    folder = issue(tmp_path)
    path = folder / "issue.yaml"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("# " + "x" * (17 * 1024 * 1024) + "\n")
    start = time.perf_counter()
    err = error_of(lambda: load_issue(folder))
    assert time.perf_counter() - start < 1.0
    assert err.path == path and "太大" in err.message and "17.0 MB" in err.message


def test_issue_yaml_that_is_a_folder(tmp_path):
    folder = issue(tmp_path)
    (folder / "issue.yaml").unlink()
    (folder / "issue.yaml").mkdir()
    err = error_of(lambda: load_issue(folder))
    assert err.path == folder / "issue.yaml" and "文件夹" in err.message


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("old, new, key", [
    ("2A, grid:", "2A, title_size: .nan, grid:", "pages[0].slots[0].title_size"),
    ("2A, grid:", "2A, title_size: .inf, grid:", "pages[0].slots[0].title_size"),
    ("2A, grid:", "2A, title_size: 1e999pt, grid:", "pages[0].slots[0].title_size"),
    ("2A, grid:", "2A, title_size: 500, grid:", "pages[0].slots[0].title_size"),
    ("2A, grid:", "2A, title_lines: 40, grid:", "pages[0].slots[0].title_lines"),
    ("number: 7", "number: 100000000000000000000", "number"),
    ("pages_count: 1", "pages_count: 1000000", "pages_count"),
])
def test_issue_numbers_must_be_finite_and_in_range(tmp_path, old, new, key):
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", old, new)
    err = error_of(lambda: load_issue(folder))
    assert err.key == key and err.line is not None, err


@pytest.mark.parametrize("old, new, key", [
    ("line_pitch_pt: 13.0", "line_pitch_pt: .nan", "format.line_pitch_pt"),
    ("trim_mm: [285, 420]", "trim_mm: [285, .inf]", "format.trim_mm"),
    ("trim_mm: [285, 420]", "trim_mm: [285, 1e9]", "format.trim_mm"),
    ("margin_top_mm: 19", "margin_top_mm: -500", "format.margin_top_mm"),
    ("trim_mm: [285, 420]", "trim_mm: [285, 130]", "format"),  # 130 − 19 − 11 mm: 21 rows, 12 + 3 + 10 needed
    ("body_size: 小五", "body_size: .nan", "format.body_size"),
    ("indent_em: 2", "indent_em: .nan", "format.indent_em"),
    ("bleed_mm: 0", "bleed_mm: -50", "print.bleed_mm"),
    ("bleed_mm: 0", "bleed_mm: .nan", "print.bleed_mm"),
    ("max_tac: 240", "max_tac: .nan", "print.max_tac"),
    ("body:              {font: song, size: 小五", "body:              {font: song, size: .nan", "styles.body.size"),
])
def test_paper_numbers_must_be_finite_and_in_range(tmp_path, profile, old, new, key):
    folder = issue(tmp_path)
    text = (profile / "paper.yaml").read_text(encoding="utf-8")
    if old not in text:
        pytest.fail(f"sample profile changed: {old!r} not found")
    edit(profile / "paper.yaml", old, new)
    err = error_of(lambda: load_issue(folder))
    assert err.path == profile / "paper.yaml" and err.key == key and err.line is not None, err


# ---------------------------------------------------------------- paths

@pytest.mark.parametrize("article, words", [
    ("../../../../../etc/hostname", "之外"),
    ("/etc/hostname", "之外"),
    ("articles", "文件夹"),
    ("articles/" + "长" * 90 + ".txt", "太长"),
])
def test_article_paths_stay_inside_the_issue_folder(tmp_path, article, words):
    folder = issue(tmp_path, slots=[SLOTS[0], "{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 40}, article: '%s'}" % article])
    err = error_of(lambda: load_issue(folder))
    assert err.key == "pages[0].slots[1].article" and words in err.message, err


def test_symlink_out_of_the_issue_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(SHORT, encoding="utf-8")
    folder = issue(tmp_path)
    (folder / "articles" / "b.txt").unlink()
    (folder / "articles" / "b.txt").symlink_to(outside)
    assert "之外" in error_of(lambda: load_issue(folder)).message


@pytest.mark.parametrize("figure, words", [
    ("images/" + "图" * 100 + ".jpg", "太长"),
    ("../../../../../etc/hostname", "之外"),
    ("images", "文件夹"),
    ("images/none.jpg", "找不到"),
])
def test_figure_paths_name_the_article_line(tmp_path, figure, words):
    article = NEWS.replace("【稿源】", f"【图】{figure}｜宽=2栏\n【稿源】")
    folder = issue(tmp_path, {"a.txt": article, "b.txt": SHORT})
    err = error_of(lambda: load_articles(load_issue(folder)))
    assert err.path.name == "a.txt" and err.line == line_of(article, "【图】") and words in err.message, err


def test_profile_name_is_not_a_path(tmp_path):
    folder = issue(tmp_path)
    edit(folder / "issue.yaml", "paper: wutong", "paper: ../templates/wutong")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "paper" and "模板名" in err.message


def test_font_path_stays_in_the_profile_or_fonts_folder(tmp_path, profile):
    folder = issue(tmp_path)
    edit(profile / "paper.yaml", "song: NotoSerifSC-Regular.ttf", "song: ../../../../etc/hostname")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "fonts.song" and "之外" in err.message


def test_icc_profile_must_be_a_cmyk_output_profile(tmp_path, profile):
    folder = issue(tmp_path)
    (profile / "rgb.icc").write_bytes(b"\0" * 200)
    edit(profile / "paper.yaml", "bleed_mm: 0", "bleed_mm: 0\n  icc_profile: rgb.icc")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "print.icc_profile" and "ICC" in err.message
    edit(profile / "paper.yaml", "icc_profile: rgb.icc", "icc_profile: /etc/hostname")
    assert "之外" in error_of(lambda: load_issue(folder)).message
    edit(profile / "paper.yaml", "icc_profile: /etc/hostname", "icc_profile: ../icc/newsprint-tr002-tac240.icc")
    assert load_issue(folder).profile.print.icc_profile.name == "newsprint-tr002-tac240.icc"
