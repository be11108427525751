"""Command line: `layout build | check | diff | galley | fonts | new | plan | preview | serve`, in Chinese.

Each sub-command declares its arguments here and hands over to one function in
one module, imported lazily so that `layout fonts` does not pay for the page
engine.  Exit status: 0 success; 1 the build or check found problems (overset,
preflight failures); 2 bad input or usage, or an output that cannot be written;
3 an internal error (details written to a file, crash.py); 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from importlib import import_module
from pathlib import Path
from typing import Callable

from layout.errors import LayoutError

Arguments = Callable[[argparse.ArgumentParser], None]


def _fonts_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _galley_arguments(p: argparse.ArgumentParser) -> None:
    from layout.galley import configure

    configure(p)


def _configure(name: str, p: argparse.ArgumentParser) -> None:
    getattr(import_module("layout.commands"), name)(p)


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", nargs="?", help="上一期文件夹（默认 issues/ 里最新的一期）")
    p.add_argument("--issues", default="issues", help="各期所在的文件夹 (default issues/)")


# sub-command → (module, function, help, arguments)
COMMANDS: dict[str, tuple[str, str, str, Arguments]] = {
    "fonts": (
        "layout.fonts",
        "cli_fonts",
        "字体报告：每个字体的角色、文件、字形数和覆盖范围 (font report)",
        _fonts_arguments,
    ),
    "build": (
        "layout.commands",
        "cli_build",
        "排版：把一期稿件排成校样 PDF（--print 付印 PDF/X-1a）(build an issue)",
        lambda p: _configure("configure_build", p),
    ),
    "check": (
        "layout.commands",
        "cli_check",
        "印前检查：超版、版权信息、报眉、缺字、图片、付印 PDF (preflight)",
        lambda p: _configure("configure_check", p),
    ),
    "diff": (
        "layout.editorial.diff",
        "cli_diff",
        "改动：两个校次之间每篇稿件增、删、改、移了什么，校对只看改过的 (changes between proof stages)",
        lambda p: import_module("layout.editorial.diff").configure(p),
    ),
    "new": (
        "layout.newissue",
        "cli_new",
        "新一期：从上一期复制版面，期号加一、日期顺延、稿件清空 (start next month's issue)",
        _new_arguments,
    ),
    "galley": (
        "layout.galley",
        "cli_galley",
        "小样：把一篇稿件的正文按栏连续排出 (galley proof of one article)",
        _galley_arguments,
    ),
    "plan": (
        "layout.plancmd",
        "cli_plan",
        "自动组版：没写 grid 的版位由排版引擎摆放，显示方案、写回 issue.yaml (automatic page layout)",
        lambda p: import_module("layout.plancmd").configure(p),
    ),
    "preview": (
        "layout.preview",
        "cli_preview",
        "预览：校样每版和对开版面的 PNG，加一张带排版报告的 HTML 页 (page images + HTML preview)",
        lambda p: import_module("layout.preview").configure(p),
    ),
    "serve": (
        "layout.serve",
        "cli_serve",
        "本机预览服务：改稿保存后自动重排并刷新浏览器 (live preview on 127.0.0.1)",
        lambda p: import_module("layout.serve").configure(p),
    ),
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the invoked sub-command's arguments are declared.

    Declaring `build`'s arguments imports the whole pipeline (~0.2 s): a galley or
    `layout fonts` should not pay for it.  With no sub-command given (or --help),
    every sub-command is declared.
    """
    from layout import __version__
    from layout.cliargs import ChineseParser

    parser = ChineseParser(
        prog="layout",
        description="社区报排版工具：YAML + 稿件 → 可付印的 PDF (community-newspaper layout)",
        epilog="不写本期文件夹时，用当前文件夹下 issues/ 里最新的一期。每个命令的用法：layout 命令 -h",
    )
    parser.add_argument("--version", action="version", version=f"layout {__version__}（shequbao-layout）",
                        help="显示版本号 (show the version)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="命令 (commands)")
    args = sys.argv[1:] if argv is None else argv
    chosen = next((a for a in args if not a.startswith("-")), None)
    for name, (_module, _func, help_text, arguments) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if chosen not in COMMANDS or name == chosen:
            arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A build allocates hundreds of thousands of small objects that all live to the
    # end; CPython's default collection thresholds make it rescan them repeatedly.
    gc.set_threshold(100_000, 50, 50)
    args = build_parser(argv).parse_args(argv)
    module, func, _help, _arguments = COMMANDS[args.command]
    try:
        if getattr(args, "issue", "") is None:
            args.issue = default_issue()
        return int(getattr(import_module(module), func)(args) or 0)
    except LayoutError as exc:
        print(f"错误 (error): {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 128 + signal.SIGTERM
    except Exception as exc:  # a bug: never a traceback for the editor, never the overset code
        from layout.crash import report_crash

        return report_crash(exc, sys.argv[1:] if argv is None else argv)


def default_issue(cwd: Path | None = None) -> Path:
    """The issue a command works on when none is named: the current folder if it is an issue,
    else the newest issue in ./issues (as `layout new` starts from it).  Said on stderr."""
    from layout.errors import InputError
    from layout.newissue import latest_issue

    cwd = Path(cwd or ".")
    if (cwd / "issue.yaml").is_file():
        return cwd
    issues = cwd / "issues"
    if not issues.is_dir():
        raise InputError("issues/", "没写本期文件夹，当前文件夹里也没有 issues/ (no issue given)",
                         hint="在报纸项目的文件夹里运行，或写出本期文件夹，如 layout build issues/2026-12")
    folder = latest_issue(issues)
    print(f"（本期：{folder}，issues/ 里最新的一期；要排别的一期，写出它的文件夹）", file=sys.stderr)
    return folder


def run() -> int:
    """The `layout` script and `python -m layout`: main(), then a quick way out.

    The process ends right after: the interpreter's final garbage collection
    would walk every object still alive (fonts, composed pages) only to find
    nothing to free — ~25 ms after a galley.  gc.freeze() takes them out of its
    sight; the memory goes back to the system with the process.  Tests call
    main() directly and are not affected.
    """
    signal.signal(signal.SIGTERM, _terminated)
    code = main()
    gc.freeze()
    return code


class Terminated(BaseException):
    """SIGTERM, raised wherever the process is, so that a build in progress removes its stage (outdir.py).

    Not SystemExit: ReportLab's ImageReader re-raises whatever it catches with an
    annotated message, which turns SystemExit(143) into SystemExit("…143"), exit 1.
    A type of our own survives that and is matched by type.
    """


def _terminated(signum: int, _frame) -> None:
    raise Terminated(signum)


if __name__ == "__main__":
    raise SystemExit(run())
