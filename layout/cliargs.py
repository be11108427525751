"""Argument types for the command line: every number finite and in range before any work starts.

argparse turns an `argparse.ArgumentTypeError` into "layout build: error:
argument --bleed: …" and exit status 2, naming the option; these types make
`--bleed nan`, `--bleed 1e9`, `--leading 0` and `--page infx370` such errors
instead of NaN page boxes, a 5.6·10⁹ pt page or a ZeroDivisionError (issue 16).
"""

from __future__ import annotations

import argparse
import difflib
import math
import re
import sys
from typing import Callable

from layout.units import size_in as units_size_in
from layout.units import within


def number(text: str) -> float:
    """A finite decimal number ("nan", "inf" and "1e999" are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字 (not a number)") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"“{text}”不是普通的数字 (not a finite number)")
    return value


def _argument(parse: Callable[[str], float], check: Callable[[float], float]) -> Callable[[str], float]:
    """An argument type: parse the text, then the range check the YAML keys share (units.within);
    its ValueError becomes argparse's error, which names the option."""
    def convert(text: str) -> float:
        try:
            return check(parse(text))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return convert


def number_in(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    return _argument(number, within(low, high, unit))


def int_in(low: int, high: int) -> Callable[[str], int]:
    return _argument(_integer, within(low, high))


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数 (not an integer)") from None


def size_in(low: float, high: float) -> Callable[[str], float]:
    """A type size in points or a 号 name (小五), within [low, high] points."""
    return _argument(lambda text: text, units_size_in(low, high))


def page_size(low: float, high: float) -> Callable[[str], tuple[float, float]]:
    """"260x370" (or 260×370) → (width, height) in mm, each finite and within [low, high]."""
    side = number_in(low, high, " 毫米")

    def convert(text: str) -> tuple[float, float]:
        parts = text.lower().replace("×", "x").split("x")
        if len(parts) != 2:
            raise argparse.ArgumentTypeError(f"页面尺寸“{text}”应写成 宽x高，如 260x370 (WxH in mm)")
        return side(parts[0].strip()), side(parts[1].strip())
    return convert


# ---------------------------------------------------------------- the parser, in Chinese

class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with “用法：” instead of “usage:”."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


_USAGE_ERRORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"the following arguments are required: (.+)"), lambda m: f"缺少 {m.group(1)}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda m: f"不认识的参数：{m.group(1)}"),
    (re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.+)\)"),
     lambda m: f"“{m.group(2)}”不是可用的{'命令' if m.group(1) == 'COMMAND' else '值'}；可用：{_choices(m.group(3))}"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"{m.group(1)} 后面要写一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), lambda m: f"{m.group(1)} 后面至少要写一个值"),
    (re.compile(r"argument (\S+): expected at most one argument"), lambda m: f"{m.group(1)} 后面最多写一个值"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), lambda m: f"{m.group(1)} 后面不要写值（“{m.group(2)}”）"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), lambda m: f"{m.group(1)} 不能和 {m.group(2)} 一起用"),
    (re.compile(r"argument (\S+): invalid (\w+) value: '(.*)'"),
     lambda m: f"{m.group(1)} 的值“{m.group(3)}”不对：要写{ {'int': '整数', 'float': '数字'}.get(m.group(2), m.group(2))}"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), lambda m: f"{m.group(1)} 不明确，可能是 {m.group(2)}"),
    (re.compile(r"argument (\S+): (.+)", re.S), lambda m: f"{m.group(1)}：{m.group(2)}"),
)


def _choices(text: str) -> str:
    return "、".join(part.strip(" '\"") for part in text.split(","))


def usage_error(message: str) -> str:
    """argparse's English usage error in Chinese (our own ArgumentTypeError texts are Chinese already)."""
    for pattern, word in _USAGE_ERRORS:
        m = pattern.fullmatch(message.strip())
        if m:
            return word(m)
    return message


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: usage, help sections, errors (exit 2), and a did-you-mean
    for a mistyped command or option."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数 (arguments)"
        self._optionals.title = "选项 (options)"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明 (show this help)")

    def error(self, message: str):  # noqa: ANN201 (argparse's signature: never returns)
        if re.fullmatch(r"the following arguments are required: COMMAND", message.strip()):
            self.print_help(sys.stderr)  # `layout` alone: what it can do
            self.exit(2, f"\n{self.prog}：错误：要写一个命令，如 layout build\n")
        text = usage_error(message)
        hint = self._did_you_mean(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{text}" + (f"\n  → {hint}" if hint else "") + f"\n  （全部用法：{self.prog} -h）\n")

    def _did_you_mean(self, message: str) -> str:
        from layout.model.suggest import did_you_mean

        m = re.search(r"invalid choice: '(.*?)'", message)
        if m:
            choices = [c for a in self._actions for c in (a.choices or ()) if isinstance(a.choices, dict)]
            guess = did_you_mean(m.group(1), choices)
            return f"是不是 {guess}？" if guess else ""
        m = re.fullmatch(r"unrecognized arguments: (\S+).*", message.strip())
        if m and m.group(1).startswith("-"):
            parsers = [self] + [p for a in self._actions if isinstance(a, argparse._SubParsersAction)
                                for p in a.choices.values()]
            options = sorted({o for p in parsers for a in p._actions for o in a.option_strings if o.startswith("--")})
            close = difflib.get_close_matches(m.group(1), options, n=1, cutoff=0.75)
            guess = close[0] if close else None
            return f"是不是 {guess}？" if guess else ""
        return ""


def stage(text: str) -> str:
    """--proof: a 校次 (一校 … 清样, 初校 = 一校); 付印 is --print, not a proof stage."""
    from layout.model.issue import proof_stage

    try:
        return proof_stage(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
