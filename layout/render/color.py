"""Prepare raster images for the PDF: CMYK for print, untouched colour for proofs.

Print rules (print.md §0, §2, §3):

* CMYK JPEGs written the Adobe way (APP14 marker, inverted data) pass through
  byte for byte: ReportLab copies the DCT stream and writes
  ``/Decode [1 0 1 0 1 0 1 0]``, which is right for exactly those files.  A CMYK
  JPEG without the Adobe marker holds plain (non-inverted) data that ReportLab
  would print inverted: it is decoded and stored losslessly instead.
* RGB, palette and YCbCr images go to CMYK through the newsprint ICC profile
  with Pillow ImageCms (perceptual intent; the embedded RGB profile as the
  source, else sRGB).  Never ``Image.convert('CMYK')``: it gives 300 % TAC and
  no K (print.md §3).  The result is then clamped to the TAC limit, because the
  profile's lookup tables interpolate a few % over it (243 % measured) and JPEG
  re-encoding adds noise (templates/icc/README.md).
* Alpha (RGBA, LA, PA, palette or colour-key transparency) is flattened onto
  white first: an SMask is transparency, forbidden in PDF/X-1a.
* Grayscale goes to CMYK through the same newsprint profile as RGB, as the plant
  requires (issue 6): the profile's heavy GCR puts neutral greys mostly on the K
  plate, with dot-gain compensation a plain DeviceGray image would not get.
  Proofs keep greyscale as DeviceGray.
* EXIF orientation is applied (phone photos), so pixels are drawn upright.
* 16- and 32-bit grey (I;16 PNG/TIFF, 32-bit integer and float TIFF) is brought
  to 8 bits first, so print sees the same grey as a proof (issue 16: these
  reached the RGB → CMYK transform as 'L' and failed with "mode mismatch").
  CIELAB TIFFs are converted through ImageCms' Lab profile.
* The file is read and verified by render/imageread.py first: the pixel count
  is checked from the header before anything is decoded, and a file that cannot
  be read is named in the editor's words.

Payloads are encoded image files (``PreparedImage.data``) that
``reportlab.lib.utils.ImageReader`` reads; ``PreparedImage.reader()`` makes one.
Drawing ImageReader objects rather than paths keeps PDFs byte-identical across
directories: ReportLab then names the XObject after the pixels, not the path
(print.md §2).  Cropping is left to the caller (a clipping path), so JPEGs stay
passed through and cached payloads are reused for every crop.

Conversions are cached in process and on disk (the user's cache folder,
``$XDG_CACHE_HOME/shequbao-layout/images`` or ``~/.cache/…``, by default; never
a folder relative to wherever the command runs), keyed by sha256 of the recipe,
the source bytes and the profile.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps
from PIL import TiffImagePlugin  # noqa: F401 - registers TIFF (our lossless payloads): Image.open and save
# then find it among the plugins Pillow loads first instead of importing all ~40 of its format plugins (15 ms)
from reportlab.lib.utils import ImageReader

from layout.crash import user_cache
from layout.errors import InputError
from layout.render.imageread import _open_verified, _orientation, _read_bytes

NEWSPRINT_PROFILE = Path(__file__).resolve().parents[2] / "templates" / "icc" / "newsprint-tr002-tac240.icc"
CACHE_ENV = "LAYOUT_CACHE_DIR"  # overrides the cache folder (tests, CI, a shared machine)
# Bump when the conversion changes: it is part of the cache key.
RECIPE = b"layout-image-v1 perceptual jpeg-q95-444-verified tac-clamp"
JPEG_QUALITY = 95
# JPEG re-encoding moves each channel by a few levels: clamp this many % below the
# limit, retrying with more until the decoded JPEG is within it (else lossless).
JPEG_TAC_HEADROOMS = (3.0, 5.0, 7.0, 9.0)
GRAY_MODES = {"1", "L", "LA", "La", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
DEEP_GRAY_MODES = {"I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
RGB_MODES = {"RGB", "RGBA", "RGBa", "RGBX", "P", "PA", "YCbCr"}


@dataclass(frozen=True)
class PreparedImage:
    """An image ready for ``canvas.drawImage(prepared.reader(), ...)``.

    data: an encoded image file (JPEG passed through or re-encoded, or a
    Deflate TIFF for lossless payloads).  mode: what the PDF gets, 'CMYK'
    (DeviceCMYK), 'L' (DeviceGray) or 'RGB' (DeviceRGB, proofs only).
    width/height: pixels, upright.  source_mode: the file's Pillow mode.
    converted: an ICC colour conversion was applied.  description: one line
    for the build report.  xobject: the name ReportLab gives the image
    XObject (md5 of its decoded pixels, `xobject_name`), kept so that drawing it
    again needs no decoding (render/pdf.py draw_image).
    """

    data: bytes
    mode: str
    width: int
    height: int
    source_mode: str
    converted: bool
    description: str
    xobject: str = ""

    def reader(self) -> ImageReader:
        """A fresh ImageReader over the payload (ReportLab consumes its file pointer)."""
        return ImageReader(io.BytesIO(self.data))


_MEMO: dict[str, PreparedImage] = {}


def default_cache_dir() -> Path | None:
    """$LAYOUT_CACHE_DIR, else the user's cache folder (XDG); None (memory only) when there is no home."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return user_cache("images")


def prepare_image(
    path: Path | str,
    *,
    for_print: bool,
    profile: Path | None = None,
    cache_dir: Path | None = None,
    max_tac: float = 240.0,
) -> PreparedImage:
    """Prepare one image file for the print PDF (CMYK/gray) or a proof (as is, flattened).

    profile: the CMYK output profile (default: the shipped TR 002 newsprint
    profile).  cache_dir: on-disk cache (default `default_cache_dir()`, the
    user's cache folder).  max_tac: TAC limit in % that converted
    images are clamped to.  Raises InputError when the file cannot be read.
    """
    source = _read_bytes(path)
    profile_bytes = _read_profile(profile or NEWSPRINT_PROFILE) if for_print else b""
    key = _cache_key(source, profile_bytes, for_print, max_tac)
    if key in _MEMO:
        return _MEMO[key]
    folder = default_cache_dir() if cache_dir is None else Path(cache_dir)
    prepared = _load_cached(folder, key, source) if folder is not None else None
    if prepared is None or not prepared.xobject:
        prepared = prepared or _prepare_uncached(path, source, profile_bytes, for_print, max_tac)
        prepared = replace(prepared, xobject=xobject_name(prepared.data))
        if folder is not None:
            _store_cached(folder, key, prepared, passthrough=prepared.data is source)
    _MEMO[key] = prepared
    return prepared


def xobject_name(data: bytes) -> str:
    """The XObject name ReportLab's canvas.drawImage gives an ImageReader over `data` with no mask:
    the md5 of its pixels as ReportLab decodes them, followed by the mask's repr (reportlab
    pdfgen/canvas.py drawImage, lib/utils.py _digester)."""
    pixels = ImageReader(io.BytesIO(data)).getRGBData()
    return hashlib.md5(pixels + b"None", usedforsecurity=False).hexdigest()


def _prepare_uncached(
    path: Path | str, source: bytes, profile_bytes: bytes, for_print: bool, max_tac: float
) -> PreparedImage:
    """Decode, decide the route (pass through, gray, CMYK, RGB proof) and encode."""
    im = _open_verified(path, source)
    src_mode, fmt, upright = im.mode, im.format, _orientation(im) in (0, 1)
    if src_mode == "CMYK":
        return _prepare_cmyk(im, source, fmt, upright)
    if src_mode == "LAB":
        return _prepare_lab(im, profile_bytes if for_print else None, max_tac, fmt)
    if src_mode == "1" or (src_mode in GRAY_MODES and not for_print):
        # 1-bit line art (QR codes, logos) stays on the black plate: through the profile it would
        # become a four-colour black whose fine modules misregister on newsprint (print.md §1.2).
        return _prepare_gray(im, source, fmt, upright)
    if src_mode not in RGB_MODES | GRAY_MODES:
        raise InputError(
            path,
            f"图片色彩模式 {src_mode} 不受支持（unsupported image mode）",
            hint="请另存为 RGB 或 CMYK 的 JPEG/PNG/TIFF",
        )
    if not for_print:
        return _prepare_rgb_proof(im, source, fmt, upright)
    rgb = _flatten(ImageOps.exif_transpose(im), "RGB")
    src_profile, src_name = _source_profile(im)
    cmyk = _clean_paper_white(_to_cmyk(rgb, src_profile, profile_bytes))
    data = _encode_cmyk(cmyk, max_tac, lossy=fmt == "JPEG")
    desc = f"{src_mode} {fmt or '?'} → CMYK（{src_name} → 报纸 ICC，感知意图，TAC ≤ {max_tac:g}%）"
    return PreparedImage(data, "CMYK", cmyk.width, cmyk.height, src_mode, True, desc)


def _prepare_cmyk(im: Image.Image, source: bytes, fmt: str | None, upright: bool) -> PreparedImage:
    """CMYK stays CMYK: Adobe JPEGs pass through; others are stored losslessly."""
    w, h = im.size
    if fmt == "JPEG" and "adobe" in im.info and upright:
        return PreparedImage(source, "CMYK", w, h, "CMYK", False, "CMYK JPEG 原样嵌入（passthrough）")
    out = ImageOps.exif_transpose(im)
    note = "CMYK 无损嵌入"
    if fmt == "JPEG" and "adobe" not in im.info:
        # Pillow decodes CMYK JPEGs as Adobe-inverted; without the marker the data is plain.
        out = Image.merge("CMYK", [ImageOps.invert(band) for band in out.split()])
        note = "CMYK JPEG（无 Adobe 标记，数据未反相）→ 无损嵌入"
    elif not upright:
        note = "CMYK 按 EXIF 方向旋转后无损嵌入"
    return PreparedImage(_encode(out, False), "CMYK", out.width, out.height, "CMYK", False, note)


def _prepare_gray(im: Image.Image, source: bytes, fmt: str | None, upright: bool) -> PreparedImage:
    """Proofs: grayscale stays DeviceGray; alpha is flattened onto white."""
    if im.mode == "L" and fmt == "JPEG" and upright:
        return PreparedImage(source, "L", im.width, im.height, "L", False, "灰度 JPEG 原样嵌入（DeviceGray）")
    out = _flatten(ImageOps.exif_transpose(im), "L")
    desc = f"{im.mode} → 灰度（DeviceGray）无损嵌入"
    return PreparedImage(_encode(out, False), "L", out.width, out.height, im.mode, False, desc)


def _prepare_rgb_proof(im: Image.Image, source: bytes, fmt: str | None, upright: bool) -> PreparedImage:
    """Proofs keep RGB (screen colour); only alpha is flattened and EXIF applied."""
    if im.mode == "RGB" and fmt == "JPEG" and upright:
        return PreparedImage(source, "RGB", im.width, im.height, "RGB", False, "RGB JPEG 原样嵌入（校样）")
    out = _flatten(ImageOps.exif_transpose(im), "RGB")
    data = _encode(out, fmt == "JPEG")
    desc = f"{im.mode} → RGB（校样，透明部分铺白）"
    return PreparedImage(data, "RGB", out.width, out.height, im.mode, False, desc)


def _prepare_lab(im: Image.Image, profile_bytes: bytes | None, max_tac: float, fmt: str | None) -> PreparedImage:
    """CIELAB (TIFF): to CMYK through the output profile for print, to sRGB for proofs (ImageCms' Lab D50)."""
    upright = ImageOps.exif_transpose(im)
    lab = ImageCms.createProfile("LAB")
    if profile_bytes is None:
        rgb = ImageCms.applyTransform(upright, ImageCms.buildTransform(lab, ImageCms.createProfile("sRGB"), "LAB", "RGB"))
        return PreparedImage(_encode(rgb, False), "RGB", rgb.width, rgb.height, "LAB", True, "Lab → RGB（校样）")
    dst = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes))
    transform = ImageCms.buildTransform(lab, dst, "LAB", "CMYK", ImageCms.Intent.PERCEPTUAL)
    cmyk = _clean_paper_white(ImageCms.applyTransform(upright, transform))
    desc = f"LAB {fmt or '?'} → CMYK（Lab → 报纸 ICC，感知意图，TAC ≤ {max_tac:g}%）"
    return PreparedImage(_encode_cmyk(cmyk, max_tac, lossy=False), "CMYK", cmyk.width, cmyk.height, "LAB", True, desc)


def _to_8bit(im: Image.Image) -> Image.Image:
    """16- and 32-bit grey → 8-bit 'L'; other modes unchanged.

    I;16 is scaled by 255/65535.  Mode 'I' (32-bit integer) carries no nominal
    range, so the smallest conventional full scale holding its maximum is used
    (8, 16 or 31 bits): 16-bit data stored in a 32-bit TIFF keeps its greys.
    'F' (32-bit float) is 0.0–1.0 when its maximum is at most 1, else 0–255.
    """
    if im.mode.startswith("I;16"):
        return im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if im.mode == "I":
        top = im.getextrema()[1]
        full = 255 if top <= 255 else 65535 if top <= 65535 else 2**31 - 1
        return im.point(lambda v: v * (255 / full)).convert("L")
    if im.mode == "F":
        top = im.getextrema()[1]
        return im.point(lambda v: v * (255.0 if top <= 1.0 else 1.0)).convert("L")
    return im


def _flatten(im: Image.Image, target: str) -> Image.Image:
    """Composite any transparency onto white and return an image in `target` mode ('RGB' or 'L')."""
    if im.mode in DEEP_GRAY_MODES:
        return _to_8bit(im).convert(target)
    has_alpha = im.mode in ("RGBA", "RGBa", "LA", "La", "PA") or "transparency" in im.info
    if not has_alpha:
        return im.convert(target)
    rgba = im.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert(target)


def output_profile_problem(profile: Path) -> str:
    """Why `profile` cannot convert photos to CMYK ('' when it can): LittleCMS must open it and build
    the sRGB → CMYK transform the print route uses.  Checked before a print build, not in its middle."""
    try:
        _transform(None, _read_profile(profile))
    except InputError as exc:
        return exc.message
    except (OSError, ImageCms.PyCMSError, ValueError) as exc:
        return f"LittleCMS 无法用它转换（{exc}）"
    return ""


def _source_profile(im: Image.Image) -> tuple[bytes | None, str]:
    """The embedded RGB ICC profile (bytes, description), or (None, 'sRGB')."""
    data = im.info.get("icc_profile")
    if not data:
        return None, "sRGB"
    try:
        prof = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None, "sRGB（内嵌 ICC 无法读取）"
    if prof.profile.xcolor_space.strip() != "RGB":
        return None, "sRGB（内嵌 ICC 不是 RGB）"
    name = (prof.profile.profile_description or "embedded RGB").strip()
    return data, f"内嵌 ICC “{name}”"


@lru_cache(maxsize=16)
def _transform(src_profile: bytes | None, dst_profile: bytes) -> ImageCms.ImageCmsTransform:
    """RGB → CMYK transform, perceptual intent; built once per profile pair (print.md §3)."""
    src = ImageCms.ImageCmsProfile(io.BytesIO(src_profile)) if src_profile else ImageCms.createProfile("sRGB")
    dst = ImageCms.ImageCmsProfile(io.BytesIO(dst_profile))
    return ImageCms.buildTransform(src, dst, "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL)


def _to_cmyk(rgb: Image.Image, src_profile: bytes | None, dst_profile: bytes) -> Image.Image:
    """Apply the ICC transform (never Image.convert('CMYK'), print.md §3)."""
    try:
        return ImageCms.applyTransform(rgb, _transform(src_profile, dst_profile))
    except ImageCms.PyCMSError:
        if src_profile is None:
            raise
        return ImageCms.applyTransform(rgb, _transform(None, dst_profile))


_PAPER_WHITE_LUT = ([0, 0] + list(range(2, 256))) * 4


def _clean_paper_white(cmyk: Image.Image) -> Image.Image:
    """Zero the 1/255 (0.4 %) residues the transform leaves in RGB white: paper stays unprinted."""
    return cmyk.point(_PAPER_WHITE_LUT)


def _limit_tac(cmyk: Image.Image, max_tac: float) -> Image.Image:
    """Scale C, M and Y down where C+M+Y+K exceeds max_tac %; K is kept (it carries the GCR black).

    Integer division rounds down, so every pixel ends at or below the limit.
    """
    limit = _tac_raw(max_tac)
    total = _tac_sum(cmyk)
    if total.getextrema()[1] <= limit:
        return cmyk
    c, m, y, k = cmyk.split()
    cmy = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"], c=c, m=m, y=y)
    keep = ImageMath.lambda_eval(lambda a: a["cmy"] - a["max"](a["t"] - limit, 0), cmy=cmy, t=total)
    bands = [
        ImageMath.lambda_eval(
            lambda a: a["convert"](a["x"] * a["keep"] / a["max"](a["cmy"], 1), "L"), x=band, keep=keep, cmy=cmy
        )
        for band in (c, m, y)
    ]
    return Image.merge("CMYK", (*bands, k))


def _encode_cmyk(cmyk: Image.Image, max_tac: float, lossy: bool) -> bytes:
    """Clamp to the TAC limit and encode, verifying the decoded payload stays within it.

    JPEG noise pushes clamped shadows a few % over the limit, so JPEG is tried
    with growing headroom and checked after decoding; lossless TIFF is the
    fallback and the route for sources that were not JPEGs.
    """
    if lossy:
        for headroom in JPEG_TAC_HEADROOMS:
            data = _encode(_limit_tac(cmyk, max_tac - headroom), lossy=True)
            with Image.open(io.BytesIO(data)) as check:
                if _max_tac_raw(check) <= _tac_raw(max_tac):
                    return data
    return _encode(_limit_tac(cmyk, max_tac), lossy=False)


def _tac_raw(max_tac: float) -> int:
    """A TAC limit in % as a sum of four 8-bit channel values."""
    return int(max_tac * 255 / 100)


def _tac_sum(cmyk: Image.Image) -> Image.Image:
    """Per-pixel C+M+Y+K as a mode 'I' image (0..1020), without numpy."""
    c, m, y, k = cmyk.split()
    return ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)


def _max_tac_raw(cmyk: Image.Image) -> int:
    return int(_tac_sum(cmyk).getextrema()[1])


def _encode(im: Image.Image, lossy: bool) -> bytes:
    """JPEG (q95, no chroma subsampling) for photos that were JPEGs; else Deflate TIFF (lossless)."""
    buf = io.BytesIO()
    if lossy:
        im.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    else:
        im.save(buf, "TIFF", compression="tiff_adobe_deflate")
    return buf.getvalue()


def _read_profile(profile: Path) -> bytes:
    try:
        return Path(profile).read_bytes()
    except OSError as exc:
        raise InputError(
            profile,
            f"ICC 配置文件无法读取（cannot read ICC profile）：{exc}",
            hint="检查 print.icc_profile 设置，或运行 templates/icc/build_icc.sh",
        ) from exc


def _cache_key(source: bytes, profile: bytes, for_print: bool, max_tac: float) -> str:
    h = hashlib.sha256(RECIPE)
    h.update(b"print" if for_print else b"proof")
    h.update(f"tac={max_tac:g}".encode())
    h.update(hashlib.sha256(source).digest())
    h.update(hashlib.sha256(profile).digest())
    return h.hexdigest()


def _load_cached(folder: Path, key: str, source: bytes) -> PreparedImage | None:
    """The cached PreparedImage, or None when absent or unreadable (the cache is only an optimisation).

    A file passed through as it is has no payload entry: its metadata says that these very bytes
    (the key holds their sha256) were decoded in full once, so they are not decoded again."""
    meta_path, data_path = folder / f"{key}.json", folder / f"{key}.bin"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.pop("passthrough", False) is True:
            meta.pop("sha256", None)
            return PreparedImage(data=source, **meta)
        data = data_path.read_bytes()
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if hashlib.sha256(data).hexdigest() != meta.pop("sha256", None):
        return None
    try:
        return PreparedImage(data=data, **meta)
    except TypeError:
        return None


def _store_cached(folder: Path, key: str, prepared: PreparedImage, passthrough: bool = False) -> None:
    """Write payload, then metadata (its presence marks a complete entry), each atomically; a file
    passed through gets the metadata only (the source is its payload)."""
    meta = asdict(prepared)
    del meta["data"]
    meta["sha256"] = hashlib.sha256(prepared.data).hexdigest()
    if passthrough:
        meta["passthrough"] = True
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not passthrough:
            _write_atomic(folder / f"{key}.bin", prepared.data)
        _write_atomic(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only or full disk must not stop the build


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
