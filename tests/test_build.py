"""Whole builds of tiny issues: overset, jumps, imprint and folio checks, determinism, print PDF (issues 5, 6)."""

from __future__ import annotations

from pathlib import Path

from issuekit import NEWS, SHORT, long_text, page_yaml, write_issue
from layout.build import BuildOptions, build_issue, compose
from layout.cli import main
from layout.display import GlyphRun
from layout.preflight.issue import page_text
from layout.preflight.pdf import check_pdf

FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]


def two_pages(tmp_path: Path, inner: list[str], articles: dict[str, str]) -> Path:
    pages = [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, inner)]
    return write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, **articles})


def test_overset_is_reported_marked_and_fails_the_build(tmp_path, capsys):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 20}, article: articles/long.txt}"],
                       {"long.txt": long_text(12)})
    out = tmp_path / "out"
    assert main(["build", str(folder), "--output", str(out)]) == 1
    report = capsys.readouterr().out
    assert "超版：1 个版位" in report and "2A" in report and "超 " in report
    assert (out / "2026-12" / "2026-12-proof.pdf").exists()  # the proof shows the overset
    assert main(["build", str(folder), "--output", str(out), "--allow-overset"]) == 0
    _issue, _a, _f, layout, _findings = compose(folder)
    (slot,) = [r for r in layout.reports if r.slot == "2A"]
    assert slot.over_lines > 0 and slot.chars_set < slot.chars
    assert any(n.kind == "overset" and "超版" in n.text for n in layout.pages[1].proof)


def test_jump_writes_both_jump_lines_and_loses_nothing(tmp_path):
    pages = [page_yaml(1, ["{id: 1A, role: 头条, grid: {col: 1, span: 3, row: 13, rows: 24}, article: articles/long.txt, jump: {page: 2, slot: 2C}}",
                           "{id: 1B, grid: {col: 4, span: 2, row: 13, rows: 24}, article: articles/short.txt}"], "front", "要闻"),
             page_yaml(2, ["{id: 2C, grid: {col: 1, span: 5, row: 1, rows: 60}}"])]
    folder = write_issue(tmp_path, pages, {"long.txt": long_text(14), "short.txt": SHORT})
    _issue, _a, _f, layout, findings = compose(folder)
    reports = {r.slot: r for r in layout.reports}
    assert reports["1A"].jump_to == (2, "2C") and reports["1A"].over_lines == 0
    assert reports["2C"].jump_from == (1, "") and reports["2C"].over_lines == 0
    assert "（下转第2版）" in page_text(layout.pages[0]) and "（上接第1版）" in page_text(layout.pages[1])
    set_text = "".join(item.text for page in layout.pages for item in page.items
                       if isinstance(item, GlyphRun) and item.font == "song" and item.size == 9)
    for k in range(1, 15):  # every paragraph of the article is on a page, once
        assert set_text.count(f"第{k}段") == 1


def test_underset_columns_are_balanced(tmp_path):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    _issue, _a, _f, layout, _ = compose(folder)
    runs = [i for i in layout.pages[1].items if isinstance(i, GlyphRun) and i.font == "song" and i.size == 9]
    by_column: dict[int, int] = {}
    for run in runs:
        by_column.setdefault(round(run.x // 144), 0)
        by_column[round(run.x // 144)] += 1
    counts = [by_column[k] for k in sorted(by_column)]
    assert len(counts) == 3 and max(counts) - min(counts[:-1]) <= 1


def test_missing_imprint_item_is_an_error(tmp_path, profile_copy):
    imprint = profile_copy / "text" / "imprint.j2"
    imprint.write_text(imprint.read_text(encoding="utf-8").replace("{% block printers %}印刷：", "{% block printers %}{#").replace(
        "{% endfor %}{% endblock %}", "{% endfor %}#}{% endblock %}", 1), encoding="utf-8")
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    _issue, _a, _f, _layout, findings = compose(folder)
    errors = [f for f in findings if f.check == "imprint" and f.severity == "error"]
    assert errors and "印刷单位" in errors[0].message


def test_missing_folio_is_an_error(tmp_path, profile_copy):
    folio = profile_copy / "text" / "folio.j2"
    folio.write_text(folio.read_text(encoding="utf-8").replace("{% block number %}第{{ page.no }}版{% endblock %}",
                                                               "{% block number %}{% endblock %}"), encoding="utf-8")
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    _issue, _a, _f, _layout, findings = compose(folder)
    errors = [f for f in findings if f.check == "folio" and f.severity == "error"]
    assert errors and errors[0].page == 2 and "版次" in errors[0].message


def test_complete_issue_passes_imprint_and_folio_checks(tmp_path):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    _issue, _a, _f, _layout, findings = compose(folder)
    assert not [f for f in findings if f.severity == "error"]
    assert {f.check for f in findings if f.severity == "info"} >= {"imprint", "folio"}


def test_print_pdf_is_x1a_and_byte_identical(tmp_path, monkeypatch):
    article = NEWS.replace("【稿源】", "【图】images/photo.jpg｜宽=2栏\n【图说】改造后的楼道\n【摄影】陈立\n【稿源】")
    pages = [page_yaml(1, FRONT, "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/photo.txt}"])]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, "photo.txt": article},
                         images={"photo.jpg": (1200, 800)})
    first = build_issue(folder, BuildOptions(print_pdf=True, force=True, output=tmp_path / "a"))
    monkeypatch.setenv("LAYOUT_JOBS", "1")  # page files written in this process, not a forked child
    second = build_issue(folder, BuildOptions(print_pdf=True, force=True, output=tmp_path / "b"))
    assert [p.read_bytes() for p in sorted(first.pdf.parent.glob("*.pdf"))] == [
        p.read_bytes() for p in sorted(second.pdf.parent.glob("*.pdf"))]
    findings = check_pdf(first.pdf, standard="x1a", trim_mm=(285, 420), ink=False)
    assert not [f for f in findings if f.severity == "error"], [f for f in findings if f.severity == "error"]
    assert any(f.check == "ident.output_intent" for f in findings)


def test_internal_material_imprint_and_banned_words(tmp_path, profile_copy):
    """A 内部资料 (准印证) gets its own imprint and may not call itself 本报 or use 记者 (newspaper.md §4.1)."""
    paper = profile_copy / "paper.yaml"
    text = paper.read_text(encoding="utf-8").replace("publication_type: cn_newspaper", "publication_type: internal_material")
    text = text.replace("  cn: CN31-0921", "  permit_no: 沪内资准字（2026）第0921号\n  recipients: 辖区居民\n  print_run: 12000份")
    paper.write_text(text, encoding="utf-8")
    clean = {"news.txt": NEWS.replace("【署名】记者 周晓岚", "【署名】通讯员 周晓岚")}
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4), **clean})
    _issue, _a, _f, layout, findings = compose(folder)
    assert not [f for f in findings if f.severity == "error"], [f for f in findings if f.severity == "error"]
    front = page_text(layout.pages[0])
    assert "内部资料，免费交流" in front and "沪内资准字（2026）第0921号" in front and "CN31" not in front
    (folder / "articles" / "long.txt").write_text(long_text(4).replace("第1段", "本报讯 第1段"), encoding="utf-8")
    _issue, _a, _f, _layout, findings = compose(folder)
    assert [f for f in findings if f.check == "internal.wording" and "本报" in f.message]


def test_proofs_are_byte_identical_and_print_has_one_file_per_page(tmp_path):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    first = build_issue(folder, BuildOptions(output=tmp_path / "a")).pdf.read_bytes()
    second = build_issue(folder, BuildOptions(output=tmp_path / "b")).pdf.read_bytes()
    assert first == second
    printed = build_issue(folder, BuildOptions(print_pdf=True, force=True, output=tmp_path / "c"))
    assert sorted(p.name for p in printed.pdf.parent.glob("*.pdf")) == ["01.pdf", "02.pdf", "2026-12.pdf"]
