"""An internal error (a bug, not bad input): details to a file, a short message to the editor, exit 3.

A traceback means nothing to an editor and used to exit 1, the overset code,
so scripts could not tell a crash from overset (issue 16).  The editor is told
that it is the program's fault, and where the details are: a file in the
user's cache folder (``~/.cache/shequbao-layout/crashes/``), or in the system's
temporary folder when that cannot be written.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

EXIT_INTERNAL = 3


def user_cache(kind: str) -> Path | None:
    """$XDG_CACHE_HOME/shequbao-layout/<kind>, or ~/.cache/…; None without a home (images then stay in
    memory, crash reports go to the system's temporary folder)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "shequbao-layout" / kind


def crash_dir() -> Path:
    return user_cache("crashes") or Path(tempfile.gettempdir()) / "shequbao-layout" / "crashes"


def report_crash(exc: BaseException, argv: list[str]) -> int:
    """Write the details, tell the editor in two lines, return the exit status (3)."""
    where = _write_details(exc, argv)
    summary = f"{type(exc).__name__}: {exc}"
    if len(summary) > 300:
        summary = summary[:300] + "…"
    place = f"详情写在 {where}" if where else "详情无法写入文件（见下方）"
    print(f"内部错误 (internal error)：{summary}\n"
          f"  这是排版程序的问题，不是稿件的问题。{place}；请把这个文件和本期文件夹发给维护者。", file=sys.stderr)
    if where is None:
        traceback.print_exception(exc, file=sys.stderr)
    return EXIT_INTERNAL


def _write_details(exc: BaseException, argv: list[str]) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join([
        f"layout {' '.join(argv)}\n",
        f"time {dt.datetime.now().isoformat(timespec='seconds')}  cwd {os.getcwd()}\n",
        f"python {platform.python_version()}  {platform.platform()}\n\n",
        *traceback.format_exception(exc),
    ])
    for folder in (crash_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"layout-crash-{stamp}-{os.getpid()}.txt"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
