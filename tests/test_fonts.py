"""The committed fonts and layout.fonts: loading, embedding, text extraction, coverage, metrics.

Each test states a property a printing plant or a reader depends on (fonts.md
§0: "five things ReportLab gets wrong by default").
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from layout import charsets, fonts
from layout.cli import main as cli_main
from layout.errors import InputError
from layout.text.metrics import PUNCTUATION_FOR_INK
from layout.ttfcmap import _Listed, _ranges
from layout.ttfread import OnDemand

ROLES = list(fonts.DEFAULT_ROLES)
NOTO = ["song", "song_bold", "song_black", "hei", "hei_black"]

# Two 8105 characters above U+FFFF (names), Latin, full-width punctuation, the 破折号.
SAMPLE = "社区报𬀩𬭎，“邨”——《通知》ABC 123 üé ①★№"


@pytest.fixture(scope="module")
def faces() -> dict[str, fonts.FontFace]:
    return fonts.load_roles()


def draw_pdf(face: fonts.FontFace, text: str = SAMPLE) -> bytes:
    out = io.BytesIO()
    canvas = fonts.new_canvas(out, face, invariant=1)
    canvas.setFont(face.pdf_name, 12)
    canvas.drawString(50, 700, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# -- loading -----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_loads_in_reportlab(faces, role):
    from reportlab.pdfbase import pdfmetrics

    face = faces[role]
    registered = pdfmetrics.getFont(face.pdf_name)
    assert registered.face.numGlyphs == face.glyph_count > 20000
    assert face.path == (fonts.FONTS_DIR / fonts.DEFAULT_ROLES[role]).resolve()
    assert (face.metrics.ascent, face.metrics.descent) == (0.88, -0.12)
    assert face.metrics.advance("中") == 1.0
    assert face.covers("𬀩") and not face.covers("\U00030000")


def test_load_face_is_cached_per_file(faces):
    again = fonts.load_face(fonts.FONTS_DIR / "NotoSerifSC-Regular.ttf", "body")
    assert again.role == "body"
    assert again.metrics is faces["song"].metrics and again.pdf_name == faces["song"].pdf_name


def test_song_black_is_the_heavy_song_beside_the_hei(faces):
    """The second display face (标宋-like): Noto Serif SC at weight 900, the body face's repertoire."""
    font = TTFont(faces["song_black"].path, lazy=True)
    assert font["OS/2"].usWeightClass == 900 and font["name"].getDebugName(6) == "NotoSerifSC-Black"
    assert font["name"].getBestFamilyName() == "Noto Serif SC"
    assert faces["song_black"].glyph_count == faces["song"].glyph_count
    assert faces["song_black"].metrics.advances.keys() == faces["song"].metrics.advances.keys()
    # What headline setting must not assume (fonts/README.md): · is proportional, 0–9 are not tabular.
    metrics = faces["song_black"].metrics
    assert metrics.advance("·") == pytest.approx(0.34) and faces["hei"].metrics.advance("·") == 1.0
    assert metrics.advance("1") == pytest.approx(0.463) and metrics.advance("0") == pytest.approx(0.612)


def test_kai_is_renamed_as_its_licence_requires(faces):
    """OFL Reserved Font Names "霞鹜"/"LXGW": a subset must not carry them as a font name."""
    font = TTFont(faces["kai"].path, lazy=True)
    font_names = [r.toUnicode() for r in font["name"].names if r.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22, 25)]
    assert faces["kai"].family == "WenKai GB"
    assert font_names and not [n for n in font_names if "LXGW" in n or "霞鹜" in n]


# -- embedding and text extraction ----------------------------------------------


def font_dicts(pdf: pikepdf.Pdf):
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            yield obj


@pytest.mark.parametrize("role", ROLES)
def test_pdf_embeds_every_font(faces, role, tmp_path):
    data = draw_pdf(faces[role])
    pdf = pikepdf.open(io.BytesIO(data))
    page_fonts = [f for page in pdf.pages for f in page.Resources.get("/Font", {}).values()]
    assert page_fonts
    for font in list(font_dicts(pdf)) + page_fonts:
        assert "Helvetica" not in str(font.get("/BaseFont"))
        assert font.Subtype == "/TrueType"
        assert "/FontFile2" in font.FontDescriptor
        assert len(font.FontDescriptor.FontFile2.read_bytes()) > 1000
    if shutil.which("pdffonts"):
        path = tmp_path / "sample.pdf"
        path.write_bytes(data)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = [re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line) for line in listing.splitlines()[2:]]
        # emb, sub, uni: every font embedded, as a subset, with a ToUnicode map
        assert rows and all(row and row.groups() == ("yes", "yes", "yes") for row in rows), listing


def test_empty_page_carries_no_font(faces):
    """With the default initialFontName every page would list a non-embedded Helvetica (print.md §2)."""
    out = io.BytesIO()
    canvas = fonts.new_canvas(out, faces["song"], invariant=1)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(out.getvalue()))
    assert not list(font_dicts(pdf))


@pytest.mark.parametrize("role", ROLES)
def test_extracted_text_equals_drawn_text(faces, role, tmp_path):
    """Including U+2C029 and U+2CB4E: ReportLab's own ToUnicode would give U+2C02 (fonts.md §6.3)."""
    data = draw_pdf(faces[role])
    document = pypdfium2.PdfDocument(data)
    assert document[0].get_textpage().get_text_range() == SAMPLE
    if shutil.which("pdftotext"):
        path = tmp_path / "sample.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert text.strip() == SAMPLE


def test_to_unicode_maps_non_bmp_as_surrogate_pairs(faces):
    pdf = pikepdf.open(io.BytesIO(draw_pdf(faces["song"], "𬀩")))
    cmaps = [f.ToUnicode.read_bytes().decode("ascii") for f in font_dicts(pdf)]
    assert any("<D870DC29>" in c for c in cmaps)
    assert not any("<2C029>" in c for c in cmaps)


def test_same_pdf_twice_gives_identical_bytes(faces):
    assert draw_pdf(faces["hei"]) == draw_pdf(faces["hei"])


# -- coverage ----------------------------------------------------------------------


def test_charsets_have_their_published_sizes():
    t8105 = charsets.tongyong8105()
    assert len(t8105) == 8105 and sum(ord(c) > 0xFFFF for c in t8105) == 196
    assert t8105[:5] == tuple("一乙二十丁") and "邨" in t8105 and "頔" not in t8105
    assert (len(charsets.gb2312()), len(charsets.gb2312_han()), len(charsets.gbk_han())) == (7445, 6763, 20923)
    assert charsets.gb2312_han() <= charsets.gbk_han()
    assert "鍋" in charsets.gbk_han() and "頔" in charsets.gbk_han()


@pytest.mark.parametrize("role", ROLES)
def test_committed_fonts_cover_the_required_sets(faces, role):
    cover = fonts.coverage(faces[role])
    for name in ("tongyong8105", "gb2312", "gb2312_han", "gbk_han", "ascii", "latin1", "general_punctuation"):
        covered, total = cover[name]
        assert covered == total, name
    assert cover["tongyong8105"] == (8105, 8105)
    assert fonts.missing_required(faces[role]) == []


def test_missing_characters_reports_each_once_in_order(faces):
    text = "中文㐀\n甲\uFFFD㐀\t"  # 㐀 is Ext A: outside GBK, so outside the subsets
    assert fonts.missing_characters(text, faces["song"]) == ["㐀", "\uFFFD"]


# -- metrics -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_dash_is_continuous(faces, role):
    """ "——" must join up: each dash's ink fills its advance (fonts.md §5.4)."""
    metrics = faces[role].metrics
    for dash in "—―":
        xmin, xmax = metrics.ink[ord(dash)]
        gap = metrics.advance(dash) - (xmax - xmin)
        assert metrics.advance(dash) == 1.0 and gap <= 0.005, dash


@pytest.mark.parametrize("role", NOTO)
def test_noto_dash_is_the_full_width_rule(faces, role):
    font = TTFont(faces[role].path, lazy=True)
    glyph = font.getBestCmap()[0x2014]
    outline = font["glyf"][glyph]
    assert font["hmtx"][glyph][0] == 1000 and (outline.xMin, outline.xMax) == (0, 1000)


@pytest.mark.parametrize("role", ROLES)
def test_metrics_sidecar_agrees_with_the_font(faces, role):
    face = faces[role]
    sidecar = json.loads(fonts.sidecar_path(face.path).read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(face.path.read_bytes()).hexdigest()
    measured = fonts.measure_font(face.path)
    assert {k: sidecar[k] for k in measured} == measured
    for key, mark in sidecar["punctuation"].items():
        assert face.metrics.advances[int(key[2:], 16)] == pytest.approx(mark["advance"])
    # Noto's closing comma: ink in the left half, halt trims the right half (fonts.md §5.1).
    if role in NOTO:
        comma = sidecar["punctuation"]["U+FF0C"]
        assert comma["ink"][1] < 0.5 and comma["halt"] == [0.0, -0.5]
    assert set(face.metrics.ink) <= {ord(c) for c in PUNCTUATION_FOR_INK}


# -- the fast character-table reader (layout/ttfread.py) ----------------------------


def parse_both_ways(path, monkeypatch) -> tuple[object, object]:
    """The same file parsed by ReportLab with layout's fast reader, and with ReportLab's own."""
    from reportlab.pdfbase import ttfonts

    fonts._patch_reportlab()
    fast = ttfonts.TTFontFile(str(path))
    with monkeypatch.context() as m:
        m.setattr(ttfonts.TTFontFile, "extractInfo", ttfonts.TTFontFile.extractInfo.__wrapped__)
        slow = ttfonts.TTFontFile(str(path))
    return fast, slow


def same_tables(fast, slow, probes) -> None:
    """The on-demand tables answer every probe as ReportLab's do, entry by entry, and then whole."""
    for table in ("charToGlyph", "charWidths"):  # looked up first, as a build does: nothing read whole yet
        ours, theirs = getattr(fast, table), getattr(slow, table)
        assert [ours.get(c) for c in probes] == [theirs.get(c) for c in probes], table
        assert [c in ours for c in probes] == [c in theirs for c in probes], table
        assert bool(ours) == bool(theirs)
    glyphs = range(-1, slow.numGlyphs + 1)
    assert [fast.glyphPos[g] for g in glyphs] == [slow.glyphPos[g] for g in glyphs]
    assert [fast.hmetrics[g] for g in glyphs[:-1]] == [tuple(slow.hmetrics[g]) for g in glyphs[:-1]]
    with pytest.raises(IndexError):
        fast.hmetrics[slow.numGlyphs]
    for attr in ("charToGlyph", "glyphToChar", "hmetrics", "glyphPos"):
        assert list(getattr(fast, attr)) == list(getattr(slow, attr)), attr  # whole, in ReportLab's order
    for attr in ("charToGlyph", "glyphToChar", "charWidths"):  # charWidths: only ever looked up, order free
        assert getattr(fast, attr) == getattr(slow, attr), attr


def probes_for(slow) -> list[int]:
    """Every code point the face maps, its neighbours, and a spread of the planes (most are absent)."""
    mapped = set(slow.charToGlyph)
    return sorted(mapped | {c + d for c in mapped for d in (-1, 1)} | set(range(0, 0x30000, 97)) | {0x20, 0xA0})


@pytest.mark.parametrize("name", sorted(set(fonts.DEFAULT_ROLES.values())))
def test_fast_reader_gives_reportlabs_tables_for_committed_fonts(name, monkeypatch):
    fast, slow = parse_both_ways(fonts.FONTS_DIR / name, monkeypatch)
    for attr in ("name", "numGlyphs", "ascent", "descent", "bbox", "defaultWidth"):
        assert getattr(fast, attr) == getattr(slow, attr), attr
    same_tables(fast, slow, probes_for(slow))


def test_string_width_reads_the_string_in_for_reportlabs_c_code(monkeypatch):
    """ReportLab's C stringWidth looks widths up in the dict itself: the patched stringWidth reads them in first."""
    from reportlab.pdfbase import ttfonts

    path = fonts.FONTS_DIR / fonts.DEFAULT_ROLES["song"]
    fast, slow = parse_both_ways(path, monkeypatch)
    font = ttfonts.TTFont("FreshProbe", str(path))  # a fresh parse: nothing read yet
    assert isinstance(font.face.charWidths, OnDemand) and not dict.__len__(font.face.charWidths)
    text = "校样 二校 鬱A1"
    expected = sum(slow.charWidths.get(ord(ch), slow.defaultWidth) for ch in text) * 9 / 1000
    assert font.stringWidth(text, 9) == pytest.approx(expected)


def test_overlapping_cmap_ranges_are_read_whole_later_entries_winning():
    listed = _ranges([10, 12], [13, 14], lambda k, ch: 100 * k + ch, lambda: [(10, 1), (12, 2), (12, 3), (14, 4)])
    assert isinstance(listed, _Listed)
    assert [listed.glyph(c) for c in (10, 11, 12, 14, 15)] == [1, None, 3, 4, None]
    ordered = _ranges([10, 20], [12, 20], lambda k, ch: 100 * k + ch, lambda: [])
    assert [ordered.glyph(c) for c in (9, 10, 12, 13, 20, 21)] == [None, 10, 12, None, 120, None]


def test_memoised_tables_are_reportlabs_tables(faces):
    from reportlab.pdfbase import ttfonts

    fonts._patch_reportlab()
    parser = ttfonts.TTFontFile(str(faces["song"].path))
    read = ttfonts.TTFontParser.get_table.__wrapped__
    for tag in ("glyf", "loca", "head", "hmtx", "cmap"):
        first = parser.get_table(tag)
        assert first == read(parser, tag) and parser.get_table(tag) is first  # copied out once
    glyf, whole = parser.get_table("glyf"), read(parser, "glyf")  # glyf: a view of the mapped file
    assert len(glyf) == len(whole) and bytes(glyf) == whole
    for cut in (slice(0, 12), slice(1000, 1290), slice(len(whole) - 7, None), slice(-5, -1), slice(9, 3)):
        assert glyf[cut] == whole[cut] and type(glyf[cut]) is bytes
    assert glyf[5] == whole[5] and glyf[-1] == whole[-1]


def format4_font(path) -> None:
    """A BMP-only font (cmap format 4) at 2048 units/em with glyph ids out of code order."""
    order = [".notdef", "space", "C", "A", "B", "D", "E"]
    builder = FontBuilder(2048, isTTF=True)
    builder.setupGlyphOrder(order)
    # 0x41–0x45 map to glyphs 3, 4, 2, 5, 6: one segment that needs idRangeOffset or several.
    builder.setupCharacterMap({0x20: "space", 0x41: "A", 0x42: "B", 0x43: "C", 0x44: "D", 0x45: "E", 0x4E2D: "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 700))
    pen.lineTo((500, 700))
    pen.closePath()
    builder.setupGlyf({g: pen.glyph() for g in order})
    # equal trailing advances: hmtx stores fewer long metrics than glyphs
    widths = {".notdef": 1000, "space": 512, "C": 1300, "A": 1229, "B": 1100, "D": 1100, "E": 1100}
    builder.setupHorizontalMetrics({g: (w, 10) for g, w in widths.items()})
    builder.setupHorizontalHeader(ascent=1800, descent=-248)
    builder.setupNameTable({"familyName": "Four", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=1800, sTypoDescender=-248)
    builder.setupPost()
    builder.save(str(path))


def test_fast_reader_gives_reportlabs_tables_for_a_format4_font(tmp_path, monkeypatch):
    format4_font(tmp_path / "four.ttf")
    fast, slow = parse_both_ways(tmp_path / "four.ttf", monkeypatch)
    assert TTFont(tmp_path / "four.ttf")["hhea"].numberOfHMetrics < 7  # the repeated-advance tail is read
    same_tables(fast, slow, probes_for(slow))
    assert fast.charWidths[0x4E2D] == fast.charWidths[0x41] == 1229 * 1000 / 2048
    assert fast.charToGlyph[0xA0] == fast.charToGlyph[0x20]


# -- user-supplied fonts -------------------------------------------------------------


def tiny_font(path, cff: bool = False) -> None:
    """A two-glyph font (.notdef, "A") built in memory: TrueType, or CFF when cff=True."""
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({0x41: "A"})
    pen = T2CharStringPen(600, None) if cff else TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 700))
    pen.lineTo((500, 700))
    pen.closePath()
    glyph = pen.getCharString() if cff else pen.glyph()
    if cff:
        builder.setupCFF("Tiny", {"FullName": "Tiny"}, {".notdef": glyph, "A": glyph}, {})
    else:
        builder.setupGlyf({".notdef": glyph, "A": glyph})
    builder.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120)
    builder.setupPost()
    builder.save(str(path))


def test_cff_font_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "tiny.otf"
    tiny_font(path, cff=True)
    with pytest.raises(InputError) as caught:
        fonts.load_face(path)
    assert "CFF" in caught.value.message and "TrueType" in caught.value.hint
    assert "varLib.instancer" in caught.value.hint


def test_missing_font_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        fonts.load_face(tmp_path / "nothing.ttf")


def test_font_without_sidecar_is_measured_and_reported(tmp_path):
    """The slow fontTools path, and the report's verdict on a font that misses required characters."""
    tiny_font(tmp_path / "tiny.ttf")
    face = fonts.load_face(tmp_path / "tiny.ttf")
    assert face.metrics.advance("A") == 0.6 and face.covers("A") and not face.covers("中")
    report = fonts.fonts_report({"body": "tiny.ttf", "gone": "gone.ttf"}, tmp_path)
    body, gone = report["faces"]
    assert not report["ok"] and "error" in gone
    assert body["coverage"]["ascii"] == (1, 95) and "中" in body["missing_required"]


# -- `layout fonts` ----------------------------------------------------------------


def test_layout_fonts_command(capsys):
    assert cli_main(["fonts"]) == 0
    out = capsys.readouterr().out
    assert "角色 role" in out and out.count("8105/8105") == len(ROLES) and "20923/20923" in out
    assert cli_main(["fonts", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and [f["role"] for f in report["faces"]] == ROLES
    assert report["total_size"] < 80e6


def test_fonts_are_mapped_and_their_tables_are_the_files_bytes(faces):
    import mmap

    from reportlab.pdfbase import ttfonts

    fonts._patch_reportlab()
    parser = ttfonts.TTFontFile(str(faces["kai"].path))
    assert isinstance(parser._ttf_data, mmap.mmap)
    data = faces["kai"].path.read_bytes()
    for tag in ("glyf", "head", "cmap"):
        offset, length = parser.get_table_pos(tag)
        assert parser.get_table(tag) == data[offset:offset + length]


ROOT = Path(__file__).resolve().parents[1]
REPORTLAB_OWN_READING = """
import sys
from reportlab.pdfbase import ttfonts
import layout.fonts as fonts

patch = fonts._patch_reportlab


def reportlabs_own_reading():  # keep the ToUnicode fix, undo every speed-up of layout/ttfread.py
    patch()
    for owner, name in ((ttfonts.TTFontFile, "extractInfo"), (ttfonts.TTFontParser, "get_table"),
                        (ttfonts.TTFontParser, "readFile"), (ttfonts.TTFont, "stringWidth")):
        method = getattr(owner, name)
        if getattr(method, "_layout_fast", False):
            setattr(owner, name, method.__wrapped__)


fonts._patch_reportlab = reportlabs_own_reading
from layout.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_fonts_read_on_demand_write_the_bytes_reportlabs_own_reading_writes(tmp_path):
    """Issue 17: the speed-ups of layout/ttfread.py change no byte of a PDF.  A galley in the paper's
    own measure (headline, byline, body, sub-heads: five faces, subsets, widths, ToUnicode) is written
    once as the package does it and once with ReportLab reading the fonts its own way."""
    article = ROOT / "issues" / "2026-12" / "articles" / "15-niandu-huigu.txt"
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    run = [sys.executable, "-c", REPORTLAB_OWN_READING, "galley", str(article), "-o", str(theirs)]
    subprocess.run(run, check=True, capture_output=True, cwd=ROOT)
    assert cli_main(["galley", str(article), "-o", str(ours)]) == 0
    assert ours.read_bytes() == theirs.read_bytes()
