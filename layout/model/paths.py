"""Paths written by editors (article files, 【图】 images, fonts, QR codes, ICC profiles), checked before use.

A path in issue.yaml, in an article or in paper.yaml is relative to its folder
and must stay inside it (or inside one of the folders the caller allows):
``article: ../../../../../etc/hostname`` was typeset into slot 2D (issue 16).
It must also be a name the file system can take — a component over 255 bytes
raised ``OSError: File name too long`` and a NUL byte ``ValueError`` — and name
a regular file, not a folder.

`resolve_inside` answers with a `PathProblem` (a ValueError whose text is the
Chinese message), so each caller words the error with its own file, line or key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

NAME_MAX = 255  # bytes per path component (ext4, btrfs, xfs, APFS, NTFS in UTF-16 units)
PATH_MAX = 1024  # bytes for the whole relative path; real ones are under 100


class PathProblem(ValueError):
    """Why a path is refused, in Chinese, ready for an InputError message."""


class PathMissing(PathProblem):
    """The path is acceptable but nothing is there (callers keep their own 找不到… wording)."""


def check_name(text: str) -> None:
    """The path is something a file system can hold: no NUL, no over-long component or path."""
    if "\x00" in text:
        raise PathProblem("路径里有空字符 (NUL byte in path)")
    encoded = text.encode("utf-8", "surrogateescape")
    if len(encoded) > PATH_MAX:
        raise PathProblem(f"路径太长：{len(encoded)} 字节，最多 {PATH_MAX} (path too long)")
    for part in text.replace("\\", "/").split("/"):
        size = len(part.encode("utf-8", "surrogateescape"))
        if size > NAME_MAX:
            raise PathProblem(f"文件名太长：“{part[:20]}…”有 {size} 字节，最多 {NAME_MAX} (file name too long)")


def resolve_inside(relative: str, base: Path, *also: Path, what: str = "文件") -> Path:
    """`base / relative`, after checking it names an existing regular file inside base (or one of `also`).

    Symbolic links are followed before the containment check, so a link out of
    the folder is refused like ``..``.  The path returned is the unresolved
    ``base / relative`` (reports and PDFs keep the name the editor wrote).
    """
    check_name(relative)
    path = Path(base) / relative
    try:
        real = path.resolve()
        roots = [Path(b).resolve() for b in (base, *also)]
    except (OSError, RuntimeError) as exc:  # a symlink loop, or a component the system refuses
        raise PathProblem(f"路径无法解析：{exc}") from None
    if not any(real == root or root in real.parents for root in roots):
        places = "、".join(str(b) for b in (base, *also))
        raise PathProblem(f"{what}“{relative}”在允许的文件夹之外（{places}）(path outside the allowed folder)")
    try:
        is_dir, exists = real.is_dir(), real.exists()
    except OSError as exc:
        raise PathProblem(f"路径无法访问：{exc.strerror or exc}") from None
    if is_dir:
        raise PathProblem(f"“{relative}”是一个文件夹，不是{what} (a folder, not a file)")
    if not exists:
        raise PathMissing(f"找不到{what}“{relative}” (file not found)")
    if not real.is_file():
        raise PathProblem(f"“{relative}”不是普通文件 (not a regular file)")
    return path


def relative_name(path: Path, roots: Iterable[Path], fallback: str, *, resolve: bool = False) -> str:
    """`path` named from the first of `roots` that holds it (POSIX separators), else `fallback`.

    resolve: compare the resolved path with each resolved root (sees through symbolic links and
    relative names); otherwise they are compared as given.
    """
    for root in roots:
        try:
            if resolve:
                return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            continue
    return fallback
