"""Reading an editor's image file: its size from the header, its pixels verified, every failure in the editor's words.

Apart from the colour conversions (render/color.py) because the build asks
these questions of every photo and QR code without converting anything (is it
there, is it an image, how many pixels for the effective ppi), and because a
file an editor drops into images/ may be anything: a renamed document, a
truncated download, a phone photo lying on its side, a decompression bomb.

* The pixel count is checked from the header before anything is decoded: a
  490 KB PNG can declare 13000 × 13000 pixels and take 4.8 GB to convert.
* The size is given upright (a phone photo's EXIF orientation applied).
* For conversion a file is decoded in full as it is opened, so a truncated or
  corrupt one fails here, naming the file, not in the PDF writer.
* Every failure is an InputError worded for the editor (图片无法读取 and why,
  图片太大 and how to shrink it), never Python's.
"""

from __future__ import annotations

import io
import os
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from PIL import Image

from layout.errors import InputError

# 50 megapixels: a 45-MP camera's full frame.  A whole 285 × 420 mm page at 300 ppi is 16.5 MP, and
# decoding plus converting holds ~25 bytes per pixel: 50 MP stays near 1.2 GB, 13000² took 4.8 GB.
MAX_PIXELS = 50_000_000
EXIF_ORIENTATION = 0x0112


_INFO: dict[tuple[str, int, int], tuple[int, int, str]] = {}  # (path, size, mtime) → what image_info read


def image_info(path: Path | str) -> tuple[int, int, str]:
    """(width px, height px, mode) of an image, upright, without decoding the pixels.

    For effective-ppi checks before drawing: Pillow reads only the header, once per file as it
    stands (a build asks for each photo two or three times, the live preview on every edit).
    """
    try:
        stat = os.stat(path)
        key = (str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = None  # reading it says why, in the editor's words
    if key in _INFO:
        return _INFO[key]
    info = _header(path)
    if key is not None:
        _INFO[key] = info
    return info


def _header(path: Path | str) -> tuple[int, int, str]:
    with _reading(path), Image.open(path) as im:
        _check_pixels(path, im)
        w, h = im.size
        if _orientation(im) in (5, 6, 7, 8):
            w, h = h, w
        return w, h, im.mode


@contextmanager
def _reading(path: Path | str) -> Iterator[None]:
    """Reading an image without Pillow's own bomb warning (our lower MAX_PIXELS answers it, in Chinese),
    every failure worded for the editor: Pillow's bomb error (over 179 MP) as ours, anything else as
    图片无法读取 (InputErrors pass as they are)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    except InputError:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_large(path, str(exc)) from None
    except Exception as exc:  # Pillow's format plugins raise many kinds (struct.error, EOFError, …) on bad files
        raise _unreadable(path, exc) from exc


def _check_pixels(path: Path | str, im: Image.Image) -> None:
    """Refuse absurd pixel counts from the header, before a byte of pixel data is decoded."""
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise _too_large(path, f"{w}×{h} 像素（{w * h / 1e6:.0f} 百万像素）")


def _too_large(path: Path | str, what: str) -> InputError:
    return InputError(
        path,
        f"图片太大：{what}，最多 {MAX_PIXELS // 1_000_000} 百万像素 (image too large)",
        hint="缩小到长边 6000 像素以内再放进 images/：报纸按 200–300 ppi 印，整版也只要约 3400×5000 像素",
    )


def _orientation(im: Image.Image) -> int:
    """EXIF orientation tag (1 = upright; 0 when absent or unreadable).

    PNG keeps EXIF in an optional chunk that may follow the pixels; asking for it
    then decodes the whole image, so a PNG without EXIF before its data is upright.
    """
    if im.format == "PNG" and "exif" not in im.info:
        return 0
    try:
        return int(im.getexif().get(EXIF_ORIENTATION, 0))
    except (OSError, ValueError, TypeError):
        return 0


def _read_bytes(path: Path | str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _open_verified(path: Path | str, source: bytes) -> Image.Image:
    """Open and fully decode the image, so truncated or corrupt files fail here, not in the PDF writer."""
    with _reading(path):
        im = Image.open(io.BytesIO(source))
    _check_pixels(path, im)
    try:
        im.load()  # outside _reading as it always was: Pillow's warnings shown, a bomb found here unreadable
    except Exception as exc:  # see _reading: any failure to decode an editor's file is "cannot read"
        raise _unreadable(path, exc) from exc
    return im


def _unreadable(path: Path | str, exc: BaseException) -> InputError:
    """“图片无法读取” and why, in the editor's words (never Python's “[Errno 2] No such file or directory”)."""
    if isinstance(exc, FileNotFoundError):
        why = "文件不在了（被移走、删掉或改了名字）"
    elif isinstance(exc, PermissionError):
        why = "没有读取这个文件的权限"
    elif isinstance(exc, IsADirectoryError):
        why = "这是一个文件夹，不是图片"
    elif isinstance(exc, Image.UnidentifiedImageError):
        why = "认不出图片格式：不是 JPEG、PNG 或 TIFF，或者只是改了扩展名"
    elif isinstance(exc, OSError) and exc.strerror:
        why = exc.strerror
    else:
        why = "文件已损坏或不完整，读不出全部像素"
    return InputError(
        path,
        f"图片无法读取：{why} (cannot read image)",
        hint="确认文件存在、未损坏，并且是 JPEG、PNG 或 TIFF；可用看图软件打开后重新另存",
    )
