"""Preflight findings: one frozen record per observation, a table for people and JSON for machines.

Severities follow the plant-side preflight (print.md §5.1): an 'error' means the
PDF is not print-ready, a 'warning' needs a human look, an 'info' is a fact
worth showing (e.g. a check that could not run, which must never read as a pass).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")
_LABELS = {"error": "错误 ERROR", "warning": "警告 WARN", "info": "信息 INFO"}


@dataclass(frozen=True)
class Finding:
    """One preflight observation.

    severity: 'error' | 'warning' | 'info'.  check: short id such as
    'fonts.embedded'.  message: Chinese, English in parentheses where it helps
    a plant or a developer.  page: 1-based page number, None for the whole
    file.  where: the object concerned (font or image name, box name...).
    """

    severity: str
    check: str
    message: str
    page: int | None = None
    where: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error: the PDF must not go to the plant."""
    return any(f.severity == "error" for f in findings)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable within a severity (check order)."""
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def format_table(findings: list[Finding]) -> str:
    """A plain-text table (severity, check, page, where, message) plus a one-line verdict."""
    rows = [("级别", "检查 check", "页", "对象 where", "说明 message")]
    rows += [
        (_LABELS[f.severity], f.check, "" if f.page is None else str(f.page), f.where, f.message)
        for f in sort_findings(findings)
    ]
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    lines.insert(1, "-" * (sum(widths) + 8 + 12))
    lines.append("")
    lines.append(_verdict(findings))
    return "\n".join(lines)


def to_json(findings: list[Finding]) -> str:
    """JSON: {"result": "pass"|"fail", "counts": {...}, "findings": [...]} (UTF-8, not ASCII-escaped)."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    payload = {
        "result": "fail" if has_errors(findings) else "pass",
        "counts": counts,
        "findings": [asdict(f) for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def _verdict(findings: list[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    state = "不通过 FAIL" if n["error"] else "通过 PASS"
    return f"结果 {state}：{n['error']} 个错误，{n['warning']} 个警告，{n['info']} 条信息"


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
