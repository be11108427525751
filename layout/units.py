"""Units: millimetres, points and the Chinese 号 sizes; the only place units are converted.

号 values follow the Word/WPS table editors know (newspaper.md §3.4):
初号 42 … 小五 9 … 八号 5 pt.
"""

from __future__ import annotations

import math

MM = 72 / 25.4  # points per millimetre

HAO_SIZES: dict[str, float] = {
    "大特号": 63.0,
    "特号": 54.0,
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5.0,
}


def mm(value: float) -> float:
    """Millimetres → points."""
    return value * MM


def to_mm(points: float) -> float:
    """Points → millimetres."""
    return points / MM


def parse_size(value: object) -> float:
    """A type size given as points (9, "9", "9pt") or as a 号 name ("小五") → points.

    Raises ValueError with a message that lists the accepted 号 names, and for
    sizes that are not finite (YAML .nan and .inf, "1e999pt"): a NaN size
    compares false with every limit and silently drops all text set in it.
    """
    if isinstance(value, bool):
        raise ValueError(f"字号 {value!r} 不是数字也不是号数")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"字号必须是大于 0 的数字，现在是 {value}")
        return float(value)
    text = str(value).strip()
    if text in HAO_SIZES:
        return HAO_SIZES[text]
    number = text[:-2] if text.lower().endswith("pt") else text
    try:
        size = float(number)
    except ValueError:
        names = "、".join(HAO_SIZES)
        raise ValueError(f"字号 {text!r} 无法识别：请写磅数（如 9 或 9pt）或号数（{names}）") from None
    if not math.isfinite(size) or size <= 0:
        raise ValueError(f"字号必须是大于 0 的数字，现在是 {text}")
    return size


def within(low: float, high: float, unit: str = "", what: str = ""):
    """The range check of every limited number (issue.yaml, paper.yaml and the command line alike):
    the value itself when low ≤ value ≤ high, else a ValueError saying the range and the value."""
    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"{what}应在 {_plain(low)}–{_plain(high)}{unit} 之间 (out of range)，"
                             f"现在是 {_plain(value)}{unit}")
        return value
    return check


def _plain(number: float) -> str:
    return str(number) if isinstance(number, int) else f"{number:g}"


def size_in(low: float, high: float):
    """parse_size limited to [low, high] points: the range a style, body or headline can sensibly take."""
    check = within(low, high, " 磅", "字号")
    return lambda value: check(parse_size(value))
