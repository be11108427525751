"""Preflight of written PDFs: a good PDF/X-1a page passes, and each check fails on a page made to break it.

The ink (TAC) tests need Ghostscript; they skip with a reason only when `gs` is missing (CI installs it).
"""

from __future__ import annotations

import datetime
import importlib.util
import json
from pathlib import Path

import pikepdf
import pytest
from reportlab import rl_config
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.preflight import ink as ink_module
from layout.preflight.findings import Finding, format_table, has_errors, to_json
from layout.preflight.pdf import check_pdf
from layout.render import color, pdfx
from layout.units import mm

_spec = importlib.util.spec_from_file_location("print_helpers", Path(__file__).parent / "data" / "print" / "helpers.py")
H = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(H)

SMALL = (100, 140)
REAL_FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSerifSC-Regular.ttf"
needs_gs = pytest.mark.skipif(
    ink_module.ghostscript() is None, reason="Ghostscript (gs) not installed: apt-get install ghostscript"
)


@pytest.fixture(scope="module")
def font(tmp_path_factory) -> str:
    return H.register_font(H.make_font(tmp_path_factory.mktemp("font") / "test.ttf"))


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    """A 600 × 450 px CMYK JPEG."""
    return H.cmyk_jpeg(tmp_path_factory.mktemp("img") / "photo.jpg")


def errors(findings: list[Finding], check: str | None = None) -> list[Finding]:
    return [f for f in findings if f.severity == "error" and (check is None or f.check.startswith(check))]


def warnings(findings: list[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.severity == "warning" and f.check.startswith(check)]


def small_pdf(tmp_path: Path, draw, name="t.pdf", **kw) -> Path:
    return H.build(tmp_path / name, draw, trim_mm=SMALL, **kw)


# ---------------------------------------------------------------- the good page
@needs_gs
def test_good_x1a_page_passes_every_check(tmp_path, font, photo):
    out = H.build(tmp_path / "good.pdf", H.good_page(photo, font=font))
    findings = check_pdf(out, trim_mm=(270, 390))
    assert not errors(findings), format_table(findings)
    assert not [f for f in findings if f.severity == "warning"], format_table(findings)
    checks = {f.check for f in findings}
    assert {"ink.summary", "images.summary", "fonts.summary", "ident.output_intent"} <= checks
    summary = next(f for f in findings if f.check == "images.summary")
    assert "254 ppi" in summary.message


@needs_gs
def test_good_page_with_bleed_and_marks_passes(tmp_path, font, photo):
    s = H.settings(bleed_mm=3, crop_marks=True, icc_profile=color.NEWSPRINT_PROFILE, output_condition="CGATS TR 002")
    out = H.build(tmp_path / "marks.pdf", H.good_page(photo, font=font, trim_mm=SMALL), trim_mm=SMALL, settings_=s)
    findings = check_pdf(out, trim_mm=SMALL, bleed_mm=3)
    assert not errors(findings), format_table(findings)  # the /All marks (400 %) lie outside the BleedBox
    intent = next(f for f in findings if f.check == "ident.output_intent")
    assert "prtr/CMYK" in intent.message


@pytest.mark.skipif(not REAL_FONT.exists(), reason="fonts/NotoSerifSC-Regular.ttf not committed yet")
def test_good_page_with_the_real_cjk_font(tmp_path, photo):
    name = H.register_font(REAL_FONT, "PrintTestNotoSerifSC")
    out = H.build(tmp_path / "cjk.pdf", H.good_page(photo, font=name, trim_mm=SMALL), trim_mm=SMALL, font=name)
    findings = check_pdf(out, trim_mm=SMALL, ink=False)
    assert not errors(findings), format_table(findings)


# ---------------------------------------------------------------- each check fails on a bad input
def test_rgb_image_drawn_as_is_is_an_error(tmp_path, font):
    rgb = H.rgb_image(tmp_path / "rgb.png", size=(400, 300))
    out = small_pdf(tmp_path, lambda c, n: c.drawImage(ImageReader(str(rgb)), 0, 0, mm(40), mm(30)))
    found = errors(check_pdf(out, ink=False), "colour.space")
    assert found and "DeviceRGB" in found[0].message and found[0].page == 1


def test_rgb_fill_is_an_error_but_only_a_warning_for_proofs(tmp_path, font):
    def draw(c, n):
        c._enforceColorSpace = None  # bypass the print guard, as a careless caller might
        c.setFillColorRGB(1, 0, 0)
        c.rect(0, 0, 20, 20, stroke=0, fill=1)

    out = small_pdf(tmp_path, draw)
    assert errors(check_pdf(out, ink=False), "colour.space")
    assert warnings(check_pdf(out, standard="none", ink=False), "colour.space")


def test_non_embedded_helvetica_is_an_error(tmp_path, font):
    def draw(c, n):
        c.setFont("Helvetica", 9)
        c.drawString(10, 10, "Hello")

    found = errors(check_pdf(small_pdf(tmp_path, draw), ink=False), "fonts.embedded")
    assert found and found[0].where == "Helvetica" and "initialFontName" in found[0].message


def test_fonts_and_images_inside_form_xobjects_are_checked(tmp_path, font):
    rgb = H.rgb_image(tmp_path / "rgb.png", size=(300, 300))

    def draw(c, n):
        c.beginForm("box")
        c.setFont("Times-Roman", 10)
        c.drawString(0, 0, "in a form")
        c.drawImage(ImageReader(str(rgb)), 0, 0, 72, 72)  # 300 ppi inside the form
        c.endForm()
        c.saveState()
        c.scale(2.5, 2.5)  # → 120 ppi on the page
        c.doForm("box")
        c.restoreState()

    findings = check_pdf(small_pdf(tmp_path, draw), ink=False)
    assert any(f.where == "Times-Roman" for f in errors(findings, "fonts.embedded"))
    ppi = errors(findings, "images.ppi")
    assert ppi and "120 ppi" in ppi[0].message


@needs_gs
def test_ink_over_the_limit_is_an_error(tmp_path, font):
    def draw(c, n):
        pdfx.set_fill(c, (1, 1, 1, 1))
        c.rect(mm(10), mm(10), mm(20), mm(20), stroke=0, fill=1)

    found = errors(check_pdf(small_pdf(tmp_path, draw)), "ink.tac")
    assert found and "400.0%" in found[0].message and found[0].page == 1


@needs_gs
def test_ink_check_simulates_overprint(tmp_path, font):
    def draw(c, n):
        pdfx.set_fill(c, (1, 0, 0, 0))
        c.rect(mm(10), mm(10), mm(30), mm(30), stroke=0, fill=1)
        pdfx.set_fill(c, (0, 0, 0, 1), overprint=n == 1)  # page 1 overprints, page 2 knocks out
        c.rect(mm(20), mm(20), mm(30), mm(30), stroke=0, fill=1)

    findings = check_pdf(small_pdf(tmp_path, draw, pages=2), max_tac=150, ink=True)
    assert [f.page for f in errors(findings, "ink.tac")] == [1]


def test_missing_ghostscript_is_reported_not_passed(tmp_path, font, monkeypatch):
    monkeypatch.setattr(ink_module, "ghostscript", lambda: None)
    findings = check_pdf(small_pdf(tmp_path, lambda c, n: None))
    (f,) = [f for f in findings if f.check == "ink.tac"]
    assert f.severity == "warning" and "NOT run" in f.message and "apt-get install ghostscript" in f.message


def test_low_resolution_photos(tmp_path, font, photo):
    prepared = color.prepare_image(photo, for_print=True, cache_dir=tmp_path / "c")

    def draw(c, n):
        c.drawImage(prepared.reader(), 0, 0, 600 / 120 * 72, 450 / 120 * 72)  # 120 ppi
        c.drawImage(prepared.reader(), 0, mm(100), 600 / 180 * 72, 450 / 180 * 72)  # 180 ppi

    findings = check_pdf(H.build(tmp_path / "ppi.pdf", draw), ink=False)
    (low,) = errors(findings, "images.ppi")
    (meh,) = warnings(findings, "images.ppi")
    assert "120 ppi" in low.message and low.page == 1 and "600×450px" in low.where
    assert "180 ppi" in meh.message


def test_inline_images_are_measured(tmp_path, font, monkeypatch):
    monkeypatch.setattr(rl_config, "useA85", 1)  # ReportLab's inline images need A85 (bytes bug otherwise)
    gray = tmp_path / "g.png"
    from PIL import Image

    Image.new("L", (100, 100), 128).save(gray)
    c = Canvas(str(tmp_path / "inline.pdf"), initialFontName=font)
    c.drawInlineImage(str(gray), 0, 0, 72, 72)  # 100 ppi
    c.save()
    (low,) = errors(check_pdf(tmp_path / "inline.pdf", standard="none", ink=False), "images.ppi")
    assert "100 ppi" in low.message


def test_transparency_is_an_error(tmp_path, font):
    rgba = H.rgb_image(tmp_path / "rgba.png", size=(300, 300), mode="RGBA")
    smask = small_pdf(tmp_path, lambda c, n: c.drawImage(ImageReader(str(rgba)), 0, 0, 72, 72, mask="auto"), "s.pdf")
    assert any("SMask" in f.message for f in errors(check_pdf(smask, ink=False), "transparency"))

    def alpha(c, n):
        c.setFillAlpha(0.5)
        c.rect(0, 0, 20, 20, stroke=0, fill=1)

    proof = small_pdf(tmp_path, alpha, "a.pdf", settings_=H.settings(False))  # pdfx refuses alpha itself
    findings = check_pdf(proof, ink=False)
    assert any("ca=0.5" in f.message for f in errors(findings, "transparency"))
    assert errors(findings, "file.version")  # ReportLab wrote PDF 1.4


def test_missing_trimbox_and_wrong_trim_size(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    assert errors(check_pdf(out, trim_mm=(100, 140.15), ink=False)) == []
    (size,) = errors(check_pdf(out, trim_mm=(270, 390), ink=False), "boxes.size")
    assert "100.0×140.0" in size.message
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        del pdf.pages[0].obj["/TrimBox"]
        pdf.save(out)
    (missing,) = errors(check_pdf(out, ink=False), "boxes.trim")
    assert missing.page == 1


def test_missing_bleed_and_bad_nesting(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    assert errors(check_pdf(out, bleed_mm=3, ink=False), "boxes.bleed")
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj["/ArtBox"] = pdf.pages[0].obj["/TrimBox"]
        pdf.pages[0].obj["/BleedBox"] = pikepdf.Array([10, 10, 20, 20])
        pdf.save(out)
    found = {f.check for f in errors(check_pdf(out, ink=False))}
    assert {"boxes.trim", "boxes.nesting"} <= found


def test_missing_output_intent_and_pdfx_keys(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        del pdf.Root["/OutputIntents"]
        pdf.save(out)
    assert errors(check_pdf(out, ink=False), "ident.output_intent")
    proof = small_pdf(tmp_path, lambda c, n: None, "proof.pdf", settings_=H.settings(False))
    found = {f.check for f in errors(check_pdf(proof, ink=False))}
    assert {"ident.pdfx", "ident.output_intent"} <= found
    assert not errors(check_pdf(proof, standard="none", ink=False))


def test_two_output_intents_and_a_wrong_profile(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        (intent,) = pdf.Root.OutputIntents
        rgb_profile = pdf.make_stream(b"\0" * 12 + b"mntrRGB " + b"\0" * 108)
        second = pikepdf.Dictionary(dict(intent.items()))
        second.DestOutputProfile = rgb_profile
        pdf.Root.OutputIntents = pikepdf.Array([intent, second])
        pdf.save(out)
    assert "2 个" in errors(check_pdf(out, ink=False), "ident.output_intent")[0].message


def test_encrypted_pdf_is_an_error(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user=""))
    assert errors(check_pdf(out, ink=False), "file.encryption")


def test_text_colour_checks(tmp_path, font):
    def draw(c, n):
        c.setFont(font, 12)
        c.setFillColorCMYK(0, 0, 0, 1)  # 100 K without overprint
        c.drawString(10, 10, "K")
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFillOverprint(True)
        c.setOverprintMask(1)  # white set to overprint: vanishes on press
        c.drawString(10, 30, "white")
        c.setFillOverprint(False)
        c.setFillColorCMYK(0.6, 0.4, 0, 0)
        c.setFont(font, 8)  # two inks below 10 pt
        c.drawString(10, 50, "small")
        c.setFillColor(CMYKColorSep(0, 0.8, 0.9, 0, spotName="PANTONE 185 C"))
        c.drawString(10, 70, "spot")

    findings = check_pdf(small_pdf(tmp_path, draw), ink=False)
    assert warnings(findings, "text.overprint") and warnings(findings, "text.multi_ink")
    assert errors(findings, "text.white_overprint")
    (spot,) = warnings(findings, "colour.spot")
    assert "PANTONE 185 C" in spot.message


def test_good_text_colours_raise_nothing(tmp_path, font):
    def draw(c, n):
        c.setFont(font, 9)
        pdfx.set_fill(c, (0, 0, 0, 1))
        c.drawString(10, 10, "body")
        pdfx.set_fill(c, (0, 0, 0, 0))
        c.setFont(font, 24)
        c.drawString(10, 40, "reversed")
        pdfx.set_fill(c, (0.4, 0.3, 0.3, 1))
        c.drawString(10, 80, "rich headline")

    findings = check_pdf(small_pdf(tmp_path, draw), ink=False)
    assert not [f for f in findings if f.check.startswith("text.") and f.severity != "info"], format_table(findings)


def test_wrong_pdf_version(tmp_path, font):
    out = small_pdf(tmp_path, lambda c, n: None)
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        pdf.save(out, force_version="1.6")
    assert errors(check_pdf(out, ink=False), "file.version")


def test_damaged_structure_is_an_error(tmp_path, font):
    data = small_pdf(tmp_path, lambda c, n: None).read_bytes()
    start = data.rindex(b"startxref")
    (tmp_path / "bad.pdf").write_bytes(data[:start] + b"startxref\n999\n%%EOF\n")
    (f,) = errors(check_pdf(tmp_path / "bad.pdf", ink=False), "file.structure")
    assert "damaged" in f.message


def test_unreadable_file(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    (f,) = check_pdf(tmp_path / "x.pdf")
    assert f.severity == "error" and f.check == "file.open"


@needs_gs
def test_multi_page_issue_checks_quickly(tmp_path, font, photo):
    import time

    out = H.build(tmp_path / "issue.pdf", H.good_page(photo, font=font), pages=8)
    start = time.perf_counter()
    findings = check_pdf(out, trim_mm=(270, 390))
    elapsed = time.perf_counter() - start
    assert not errors(findings), format_table(findings)
    assert elapsed < 10, f"preflight of 8 tabloid pages took {elapsed:.1f} s"


# ---------------------------------------------------------------- reporting
def test_table_and_json():
    findings = [
        Finding("info", "fonts.summary", "2 个字体对象"),
        Finding("error", "images.ppi", "图片分辨率太低：120 ppi", 3, "Im1 600×450px"),
        Finding("warning", "text.overprint", "1 处 100K 黑字没有设为叠印", 2),
    ]
    table = format_table(findings)
    lines = table.splitlines()
    assert "images.ppi" in lines[2] and "不通过 FAIL" in lines[-1]  # errors first, verdict last
    data = json.loads(to_json(findings))
    assert data["result"] == "fail" and data["counts"] == {"error": 1, "warning": 1, "info": 1}
    assert data["findings"][1] == {
        "severity": "error",
        "check": "images.ppi",
        "message": "图片分辨率太低：120 ppi",
        "page": 3,
        "where": "Im1 600×450px",
    }
    assert "图片" in to_json(findings)  # not ASCII-escaped
    assert has_errors(findings) and not has_errors(findings[:1])
    with pytest.raises(ValueError):
        Finding("fatal", "x", "y")


def test_issue_date_is_used_for_dates(tmp_path, font):
    s = H.settings()
    geom = pdfx.page_geometry(s, mm(50), mm(50))
    c = pdfx.open_canvas(
        tmp_path / "d.pdf", s, geom, pdfx.DocumentInfo("t", datetime.date(2025, 12, 31)), font_name=font
    )
    pdfx.begin_page(c, geom)
    pdfx.end_page(c, geom)
    pdfx.finish(c)
    with pikepdf.open(tmp_path / "d.pdf") as pdf:
        assert str(pdf.trailer.Info.CreationDate).startswith("D:20251231")
    assert not errors(check_pdf(tmp_path / "d.pdf", trim_mm=(50, 50), ink=False))
