"""Image inputs checked before anything is composed: every 【图】, every QR code, the output ICC profile.

Each 【图】 must name a readable image inside the issue folder (model/paths.py:
``【图】../../../etc/passwd`` and a 300-byte name are refused with the article's
line), whose header Pillow can read and whose pixel count is sane
(render/imageread.py).  QR codes are checked the same way and named by their
paper.yaml key.  All problems are reported together.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from layout.errors import InputError
from layout.model.article import Article
from layout.model.issue import Issue
from layout.model.paths import PathMissing, PathProblem, resolve_inside
from layout.model.suggest import near_file
from layout.render.color import output_profile_problem
from layout.render.imageread import image_info

FIGURE_HINT = "图片路径相对于本期文件夹，如 images/photo.jpg；确认文件存在并能用看图软件打开"


def check_images(issue: Issue, articles: Mapping[str, Article]) -> list[InputError]:
    """One InputError per bad figure (article file and 【图】 line) or QR code (paper.yaml key)."""
    errors = []
    pages = issue.slot_pages()
    for slot_id, article in articles.items():
        place = f"第{pages[slot_id]}版 版位 {slot_id}" if slot_id in pages else None
        for figure in article.figures:
            try:
                path = resolve_inside(figure.path, issue.folder, what="图片")
                image_info(path)
            except PathMissing:
                guess = near_file(figure.path, issue.folder)
                hint = f"是不是 {guess}？把【图】后面的文件名改成 {guess}（大小写也要一样）" if guess else FIGURE_HINT
                errors.append(InputError(article.path, f"找不到图片文件“{figure.path}”", line=figure.line, hint=hint,
                                         place=place))
            except PathProblem as exc:
                errors.append(InputError(article.path, str(exc), line=figure.line, hint=FIGURE_HINT, place=place))
            except InputError as exc:
                reason = "图片太大" if "太大" in exc.message else "图片无法读取"
                why = exc.message.split("：", 1)[1] if exc.message.startswith(reason + "：") else exc.message
                errors.append(InputError(article.path, f"{reason}“{figure.path}”：{why}", line=figure.line,
                                         hint=exc.hint if reason == "图片太大" else FIGURE_HINT, place=place))
    profile = issue.profile
    icc = profile.print.icc_profile
    problem = output_profile_problem(icc) if icc is not None else ""
    if problem:
        errors.append(InputError(profile.folder / "paper.yaml", f"ICC 文件 {icc.name} 不能用：{problem}",
                                 key="print.icc_profile", hint="要印刷厂提供的 CMYK 输出配置文件，或去掉这一项用默认的新闻纸配置"))
    for i, qr in enumerate(profile.edition.qr_codes):
        try:
            image_info(qr.image)
        except InputError as exc:
            errors.append(InputError(profile.folder / "paper.yaml", f"二维码图片 {qr.image.name}：{exc.message}",
                                     key=f"edition.qr_codes[{i}].image", hint=exc.hint))
    return errors


@contextmanager
def figure_errors(issue: Issue, articles: Mapping[str, Article]) -> Iterator[None]:
    """An image that fails only while drawing (a truncated JPEG: its header reads, its pixels do not)
    is reported at the 【图】 line that placed it, like the images checked before composing."""
    try:
        yield
    except InputError as exc:
        pages = issue.slot_pages()
        for slot_id, article in articles.items():
            for figure in article.figures:
                if Path(exc.path) == issue.folder / figure.path:
                    why = exc.message.split("：", 1)[-1]
                    raise InputError(article.path, f"图片无法读取“{figure.path}”：{why}", line=figure.line,
                                     hint=FIGURE_HINT, place=f"第{pages.get(slot_id, '?')}版 版位 {slot_id}") from None
        raise
