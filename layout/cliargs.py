"""Argument types for the command line: every number finite and in range before any work starts.

argparse turns an `argparse.ArgumentTypeError` into "layout build: error:
argument --bleed: …" and exit status 2, naming the option; these types make
`--bleed nan`, `--bleed 1e9`, `--leading 0` and `--page infx370` such errors
instead of NaN page boxes, a 5.6·10⁹ pt page or a ZeroDivisionError (issue 16).
"""

from __future__ import annotations

import argparse
import math
from typing import Callable

from layout.units import parse_size


def number(text: str) -> float:
    """A finite decimal number ("nan", "inf" and "1e999" are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字 (not a number)") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"“{text}”不是普通的数字 (not a finite number)")
    return value


def number_in(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    def convert(text: str) -> float:
        value = number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value:g}{unit} 不在 {low:g}–{high:g}{unit} 之间 (out of range)")
        return value
    return convert


def int_in(low: int, high: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"“{text}”不是整数 (not an integer)") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} 不在 {low}–{high} 之间 (out of range)")
        return value
    return convert


def size_in(low: float, high: float) -> Callable[[str], float]:
    """A type size in points or a 号 name (小五), within [low, high] points."""
    def convert(text: str) -> float:
        try:
            size = parse_size(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        if not low <= size <= high:
            raise argparse.ArgumentTypeError(f"字号 {size:g} 磅不在 {low:g}–{high:g} 磅之间 (out of range)")
        return size
    return convert


def page_size(low: float, high: float) -> Callable[[str], tuple[float, float]]:
    """"260x370" (or 260×370) → (width, height) in mm, each finite and within [low, high]."""
    side = number_in(low, high, " 毫米")

    def convert(text: str) -> tuple[float, float]:
        parts = text.lower().replace("×", "x").split("x")
        if len(parts) != 2:
            raise argparse.ArgumentTypeError(f"页面尺寸“{text}”应写成 宽x高，如 260x370 (WxH in mm)")
        return side(parts[0].strip()), side(parts[1].strip())
    return convert
