"""Print building blocks: the newsprint ICC profile, image preparation (color.py) and PDF/X-1a writing (pdfx.py).

Everything is generated in tmp_path (font, images, PDFs); see tests/data/print/helpers.py.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageMath, ImageStat, ImageCms
from reportlab.lib.colors import CMYKColorSep, Color

from layout.errors import InputError
from layout.render import color, pdfx
from layout.render.color import NEWSPRINT_PROFILE, prepare_image
from layout.render.imageread import image_info
from layout.units import mm

_spec = importlib.util.spec_from_file_location("print_helpers", Path(__file__).parent / "data" / "print" / "helpers.py")
H = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(H)

SMALL = (100, 140)  # mm: small pages keep the tests fast


@pytest.fixture(scope="module")
def font(tmp_path_factory) -> str:
    return H.register_font(H.make_font(tmp_path_factory.mktemp("font") / "test.ttf"))


@pytest.fixture(autouse=True)
def fresh_memo():
    color._MEMO.clear()
    yield
    color._MEMO.clear()


def tac_stats(data: bytes) -> tuple[float, float]:
    """(max TAC %, max K %) of an encoded CMYK image."""
    with Image.open(io.BytesIO(data)) as im:
        assert im.mode == "CMYK"
        return color._max_tac_raw(im) * 100 / 255, im.getchannel("K").getextrema()[1] * 100 / 255


def image_xobjects(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    return [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name("/Image")]


# ---------------------------------------------------------------- ICC profile
def test_profile_is_shipped_named_and_reproducible():
    data = NEWSPRINT_PROFILE.read_bytes()
    assert data[12:20] == b"prtrCMYK" and data[20:24] == b"Lab "
    prof = ImageCms.ImageCmsProfile(io.BytesIO(data))
    assert "TR 002" in ImageCms.getProfileDescription(prof)  # licence: name TR 002 as the source
    assert "TR 002" in ImageCms.getProfileCopyright(prof)
    assert data[24:36] == bytes([0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # fixed date 2026-01-01
    readme = (NEWSPRINT_PROFILE.parent / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(data).hexdigest() in readme


# ---------------------------------------------------------------- color.py
def test_rgb_to_cmyk_keeps_tac_and_generates_black(tmp_path):
    src = H.rgb_image(tmp_path / "sat.png", size=(300, 240))
    prepared = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    assert (prepared.mode, prepared.converted, prepared.source_mode) == ("CMYK", True, "RGB")
    max_tac, max_k = tac_stats(prepared.data)
    assert max_tac <= 240.0
    assert max_k > 80  # heavy GCR: blacks are carried by K
    with Image.open(io.BytesIO(prepared.data)) as im:
        c, m, y, k = im.getpixel((10, 120))  # near-black band
    assert k > 200 and c + m + y + k <= 612
    naive = Image.open(src).convert("CMYK")  # what print.md §3 forbids: 300 % and no K
    assert color._max_tac_raw(naive) * 100 / 255 > 290 and naive.getchannel("K").getextrema() == (0, 0)


def test_rgb_jpeg_becomes_cmyk_jpeg_within_tac(tmp_path):
    src = H.rgb_image(tmp_path / "photo.jpg", size=(360, 240))
    prepared = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    assert prepared.data[:2] == b"\xff\xd8"
    with Image.open(io.BytesIO(prepared.data)) as im:
        assert im.mode == "CMYK" and "adobe" in im.info  # ReportLab's inverted /Decode fits
    assert tac_stats(prepared.data)[0] <= 240.0
    assert tac_stats(prepare_image(src, for_print=True, cache_dir=tmp_path / "c", max_tac=220).data)[0] <= 220.0


def test_embedded_rgb_profile_is_the_source(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "tagged.png"
    Image.new("RGB", (40, 30), (200, 40, 40)).save(path, icc_profile=srgb)
    tagged = prepare_image(path, for_print=True, cache_dir=tmp_path / "c")
    assert "内嵌 ICC" in tagged.description
    untagged_path = tmp_path / "plain.png"
    Image.new("RGB", (40, 30), (200, 40, 40)).save(untagged_path)
    plain = prepare_image(untagged_path, for_print=True, cache_dir=tmp_path / "c")
    assert "sRGB" in plain.description
    px = [Image.open(io.BytesIO(p.data)).getpixel((5, 5)) for p in (tagged, plain)]
    assert all(abs(a - b) <= 2 for a, b in zip(*px))


def test_cmyk_jpeg_passes_through(tmp_path):
    src = H.cmyk_jpeg(tmp_path / "cmyk.jpg", size=(120, 90))
    prepared = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    assert prepared.data == src.read_bytes() and not prepared.converted and prepared.mode == "CMYK"
    # a pass-through keeps no payload in the cache, only a note that these bytes decoded in full (and the
    # XObject name of their pixels), so the next build neither copies nor decodes them
    assert sorted(p.suffix for p in (tmp_path / "c").iterdir()) == [".json"]
    color._MEMO.clear()
    again = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    assert again == prepared and again.data == src.read_bytes()


def test_cmyk_jpeg_without_adobe_marker_is_read_as_plain_cmyk(tmp_path):
    want = Image.new("CMYK", (64, 48), (30, 120, 200, 10))
    inverted = Image.merge("CMYK", [b.point(lambda v: 255 - v) for b in want.split()])
    buf = io.BytesIO()
    inverted.save(buf, "JPEG", quality=100, subsampling=0)  # Pillow inverts again: plain values on disk
    data = _strip_app14(buf.getvalue())
    path = tmp_path / "plain-cmyk.jpg"
    path.write_bytes(data)
    prepared = prepare_image(path, for_print=True, cache_dir=tmp_path / "c")
    assert prepared.data[:4] != b"\xff\xd8\xff\xe0" and prepared.data != data
    got = Image.open(io.BytesIO(prepared.data)).getpixel((10, 10))
    assert all(abs(a - b) <= 3 for a, b in zip(got, (30, 120, 200, 10)))


def _strip_app14(jpeg: bytes) -> bytes:
    i = jpeg.index(b"\xff\xee")
    length = int.from_bytes(jpeg[i + 2 : i + 4], "big")
    return jpeg[:i] + jpeg[i + 2 + length :]


def test_alpha_is_flattened_onto_white(tmp_path):
    src = H.rgb_image(tmp_path / "rgba.png", size=(80, 60), mode="RGBA")  # top row fully transparent
    for for_print, white in ((True, (0, 0, 0, 0)), (False, (255, 255, 255))):
        prepared = prepare_image(src, for_print=for_print, cache_dir=tmp_path / "c")
        with Image.open(io.BytesIO(prepared.data)) as im:
            assert im.mode == ("CMYK" if for_print else "RGB")
            assert im.getpixel((40, 0)) == white


def test_palette_transparency_and_gray(tmp_path):
    pal = Image.new("P", (20, 20), 1)
    pal.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    pal.save(tmp_path / "p.png", transparency=1)
    prepared = prepare_image(tmp_path / "p.png", for_print=True, cache_dir=tmp_path / "c")
    assert Image.open(io.BytesIO(prepared.data)).getpixel((3, 3)) == (0, 0, 0, 0)
    Image.new("LA", (20, 20), (90, 0)).save(tmp_path / "la.png")
    gray = prepare_image(tmp_path / "la.png", for_print=False, cache_dir=tmp_path / "c")
    assert gray.mode == "L" and Image.open(io.BytesIO(gray.data)).getpixel((3, 3)) == 255
    printed = prepare_image(tmp_path / "la.png", for_print=True, cache_dir=tmp_path / "c")
    assert printed.mode == "CMYK" and printed.converted  # greyscale photos go through the newsprint profile too
    assert Image.open(io.BytesIO(printed.data)).getpixel((3, 3)) == (0, 0, 0, 0)  # transparent → paper white


def test_grayscale_photo_prints_mostly_on_black(tmp_path):
    ramp = Image.linear_gradient("L").resize((64, 64))
    ramp.save(tmp_path / "ramp.jpg", quality=95)
    printed = prepare_image(tmp_path / "ramp.jpg", for_print=True, cache_dir=tmp_path / "c")
    cmyk = Image.open(io.BytesIO(printed.data))
    c, m, y, k = (ImageStat.Stat(band).sum[0] for band in cmyk.split())
    assert k > max(c, m, y)  # heavy GCR: neutrals go to the K plate
    tac = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=cmyk.getchannel(0), m=cmyk.getchannel(1),
                                y=cmyk.getchannel(2), k=cmyk.getchannel(3))
    assert tac.getextrema()[1] <= 240 * 255 / 100 + 1


def test_unreadable_images_raise_input_error(tmp_path):
    (tmp_path / "notes.jpg").write_text("这不是图片", encoding="utf-8")
    good = H.rgb_image(tmp_path / "ok.jpg", size=(200, 150)).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(good[: len(good) // 2])
    for name in ("notes.jpg", "cut.jpg", "missing.png"):
        with pytest.raises(InputError) as err:
            prepare_image(tmp_path / name, for_print=True, cache_dir=tmp_path / "c")
        assert "图片无法读取" in str(err.value) and err.value.hint
    with pytest.raises(InputError):
        image_info(tmp_path / "notes.jpg")


def test_image_info_is_lazy_and_upright(tmp_path):
    im = Image.new("RGB", (300, 200), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    im.save(tmp_path / "phone.jpg", exif=exif.tobytes())
    assert image_info(tmp_path / "phone.jpg") == (200, 300, "RGB")
    prepared = prepare_image(tmp_path / "phone.jpg", for_print=True, cache_dir=tmp_path / "c")
    assert (prepared.width, prepared.height) == (200, 300)


def test_conversions_are_cached_in_memory_and_on_disk(tmp_path):
    src = H.rgb_image(tmp_path / "photo.jpg", size=(200, 150))
    cache = tmp_path / "cache"
    first = prepare_image(src, for_print=True, cache_dir=cache)
    assert prepare_image(src, for_print=True, cache_dir=cache) is first
    files = sorted(p.suffix for p in cache.iterdir())
    assert files == [".bin", ".json"]  # no temporary files left behind
    color._MEMO.clear()
    again = prepare_image(src, for_print=True, cache_dir=cache)
    assert again == first and again is not first
    other_profile = tmp_path / "copy.icc"
    other_profile.write_bytes(NEWSPRINT_PROFILE.read_bytes() + b"\0")  # different bytes → different key
    prepare_image(src, for_print=True, cache_dir=cache, profile=other_profile)
    assert len(list(cache.glob("*.bin"))) == 2


# ---------------------------------------------------------------- pdfx.py
def test_pdfx_document_structure(tmp_path, font):
    out = H.build(tmp_path / "x.pdf", H.good_page(None, font=font, trim_mm=SMALL), trim_mm=SMALL, pages=2)
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.3"
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001" and str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert info.Trapped == pikepdf.Name("/False") and str(info.Title) == "测试报 第1期"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20260314080000+08'00'"
        assert "/ID" in pdf.trailer
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name("/GTS_PDFX") and str(intent.OutputConditionIdentifier) == "IFRA26"
        assert "/DestOutputProfile" not in intent
        for page in pdf.pages:
            assert [round(float(v) / mm(1), 2) for v in page.obj.TrimBox] == [0, 0, *SMALL]
            assert "/ArtBox" not in page.obj and "/BleedBox" not in page.obj
            fonts = page.obj.Resources.Font
            assert all("Helvetica" not in str(f.BaseFont) for f in fonts.values())


def test_bleed_and_crop_marks(tmp_path, font):
    s = H.settings(bleed_mm=3, crop_marks=True)
    out = H.build(tmp_path / "m.pdf", H.good_page(None, font=font, trim_mm=SMALL), trim_mm=SMALL, settings_=s)
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0].obj
        boxes = {k: [round(float(v) / mm(1), 2) for v in page[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")}
        assert boxes["/MediaBox"] == [0, 0, 120, 160]
        assert boxes["/TrimBox"] == [10, 10, 110, 150] and boxes["/BleedBox"] == [7, 7, 113, 153]
        assert str(next(iter(page.Resources.ColorSpace.values()))[1]) == "/All"
        ops = pikepdf.parse_content_stream(pdf.pages[0])
        ends = [tuple(float(v) for v in o) for o, op in ops if str(op) in ("m", "l")]
        widths = [float(o[0]) for o, op in ops if str(op) == "w"]
    assert 0.25 in widths
    marks = ends[-16:]  # the marks are drawn last: 8 lines, offset 4 mm, 6 mm long
    for x, y in marks:
        inside_bleed = mm(7) < x < mm(113) and mm(7) < y < mm(153)
        assert not inside_bleed
    assert min(min(x, y) for x, y in marks) == pytest.approx(0, abs=0.01)


def test_embedded_output_profile(tmp_path, font):
    s = H.settings(icc_profile=NEWSPRINT_PROFILE, output_condition="CGATS TR 002")
    out = H.build(tmp_path / "icc.pdf", H.good_page(None, font=font, trim_mm=SMALL), trim_mm=SMALL, settings_=s)
    with pikepdf.open(out) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
        assert intent.DestOutputProfile.read_bytes() == NEWSPRINT_PROFILE.read_bytes()
        assert int(intent.DestOutputProfile.N) == 4


def test_proof_has_no_pdfx_keys(tmp_path, font):
    out = H.build(
        tmp_path / "p.pdf", H.good_page(None, font=font, trim_mm=SMALL), trim_mm=SMALL, settings_=H.settings(False)
    )
    with pikepdf.open(out) as pdf:
        assert "/GTS_PDFXVersion" not in pdf.trailer.Info and "/OutputIntents" not in pdf.Root
        assert "/TrimBox" in pdf.pages[0].obj and pdf.pdf_version == "1.3"


def test_overprint_helpers(tmp_path, font):
    def draw(c, n):
        pdfx.set_fill(c, (0, 0, 0, 1))
        c.rect(0, 0, 10, 10, stroke=0, fill=1)
        pdfx.set_fill(c, (0.2, 0, 0, 0))
        c.rect(20, 0, 10, 10, stroke=0, fill=1)
        with pytest.raises(ValueError, match="白色"):
            pdfx.set_fill(c, (0, 0, 0, 0), overprint=True)

    out = H.build(tmp_path / "op.pdf", draw, trim_mm=SMALL)
    with pikepdf.open(out) as pdf:
        states = {k: dict(v.items()) for k, v in pdf.pages[0].obj.Resources.ExtGState.items()}
        content = pdf.pages[0].obj.Contents.read_bytes().decode("latin1")
    assert {"/op": True} in states.values() and {"/OPM": 1} in states.values() and {"/op": False} in states.values()
    assert re.search(r"0 0 0 1 k.*gs.*re f.*\.2 0 0 0 k.*gs.*re f", content, re.S)


def test_enforce_print_colour():
    assert pdfx.enforce_print_colour(Color(0.25, 0.25, 0.25)).cmyk() == (0, 0, 0, 0.75)
    assert pdfx.enforce_print_colour("black").cmyk() == (0, 0, 0, 1)
    sep = CMYKColorSep(1, 1, 1, 1, spotName="All")
    assert pdfx.enforce_print_colour(sep) is sep
    with pytest.raises(ValueError, match="CMYK"):
        pdfx.enforce_print_colour(Color(1, 0, 0))


def test_transparency_is_refused_for_pdfx(tmp_path, font):
    def draw(c, n):
        c.setFillAlpha(0.5)
        c.rect(0, 0, 10, 10, stroke=0, fill=1)

    with pytest.raises(RuntimeError, match="透明"):
        H.build(tmp_path / "t.pdf", draw, trim_mm=SMALL)


def test_cmyk_jpeg_is_byte_identical_inside_the_pdf(tmp_path, font):
    src = H.cmyk_jpeg(tmp_path / "cmyk.jpg", size=(200, 150))
    prepared = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    out = H.build(tmp_path / "j.pdf", lambda c, n: c.drawImage(prepared.reader(), 0, 0, mm(40), mm(30)), trim_mm=SMALL)
    with pikepdf.open(out) as pdf:
        (image,) = image_xobjects(pdf)
        assert image.read_raw_bytes() == src.read_bytes()
        assert list(image.Filter) == [pikepdf.Name("/DCTDecode")] and image.ColorSpace == pikepdf.Name("/DeviceCMYK")
        assert [int(v) for v in image.Decode] == [1, 0] * 4


def test_rgba_photo_has_no_smask_in_pdf(tmp_path, font):
    src = H.rgb_image(tmp_path / "rgba.png", size=(120, 90), mode="RGBA")
    prepared = prepare_image(src, for_print=True, cache_dir=tmp_path / "c")
    out = H.build(
        tmp_path / "a.pdf",
        lambda c, n: c.drawImage(prepared.reader(), 0, 0, mm(40), mm(30), mask="auto"),
        trim_mm=SMALL,
    )
    with pikepdf.open(out) as pdf:
        (image,) = image_xobjects(pdf)
        assert "/SMask" not in image and image.ColorSpace == pikepdf.Name("/DeviceCMYK")


def test_output_is_byte_identical_across_runs_and_directories(tmp_path, font, monkeypatch):
    def build_in(folder: Path) -> bytes:
        folder.mkdir()
        photo = folder / "photo.jpg"
        shutil.copy(tmp_path / "photo.jpg", photo)
        color._MEMO.clear()
        return H.build_bytes(
            H.good_page(photo, font=font, trim_mm=SMALL),
            trim_mm=SMALL,
            settings_=H.settings(bleed_mm=3, crop_marks=True),
        )

    H.rgb_image(tmp_path / "photo.jpg", size=(300, 200))
    a, b = build_in(tmp_path / "a"), build_in(tmp_path / "b")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # ReportLab's clock override must not matter either
    c = build_in(tmp_path / "b" / "deeper")
    assert a == b == c
    other = H.build_bytes(H.good_page(None, font=font, trim_mm=SMALL), trim_mm=SMALL, title="另一期")
    ids = [pikepdf.open(io.BytesIO(x)).trailer.ID[0] for x in (a, other)]
    assert ids[0] != ids[1]


def test_draw_image_writes_what_reportlabs_draw_image_writes(tmp_path):
    """render/pdf.draw_image names the XObject from the cached pixel digest instead of decoding again:
    the PDF must be the same bytes as canvas.drawImage's."""
    from reportlab.pdfgen.canvas import Canvas

    from layout.render.pdf import draw_image

    photo = prepare_image(H.rgb_image(tmp_path / "photo.jpg", size=(120, 90)), for_print=False, cache_dir=tmp_path / "c")
    gray = prepare_image(H.rgb_image(tmp_path / "g.png", size=(40, 30)), for_print=True, cache_dir=tmp_path / "c")

    def pdf(draw) -> bytes:
        c = Canvas(str(tmp_path / "x.pdf"), invariant=1, pagesize=(300, 300))
        for k, image in enumerate((photo, gray, photo)):  # the third reuses the first's XObject
            draw(c, image, 10 + 50 * k, 20, 40, 30)
        c.showPage()
        return c.getpdfdata()

    assert pdf(lambda c, im, x, y, w, h: c.drawImage(im.reader(), x, y, w, h)) == pdf(draw_image)
    assert photo.xobject and photo.xobject != gray.xobject
