"""The editorial checks as findings: in the build report and in `layout check`, as warnings.

Each finding names the page and slot, the article file and line, both forms
(what is printed and what the list says), and what to do.
"""

from __future__ import annotations

from functools import lru_cache

from pathlib import Path
from typing import Mapping

from layout.editorial.lists import Lists, load_lists
from layout.editorial.names import NEAR_NAME, NEAR_PHRASE, Hit, find_hits
from layout.editorial.printed import printed_pieces
from layout.editorial.quotes import Problem, check_pieces
from layout.model.article import Article
from layout.model.articlefile import read_text
from layout.model.issue import Issue
from layout.preflight.findings import Finding


def editorial_findings(issue: Issue, articles: Mapping[str, Article]) -> list[Finding]:
    """Names, titles, fixed formulations, quotes and brackets of every article that prints."""
    lists = load_lists(issue)
    pages = issue.slot_pages()
    findings: list[Finding] = []
    counts = {"names": 0, "quotes": 0}
    for slot_id, article in articles.items():
        hits, problems = _article_checks(article, lists)
        where = f"{slot_id} {_relative(article.path, issue.folder)}"
        page = pages.get(slot_id)
        for hit in hits:
            counts["names"] += 1
            findings.append(Finding("warning", f"editorial.{hit.kind}", _hit_message(hit), page,
                                    f"{where}:{hit.piece.line_at(hit.offset)}"))
        raw = None
        for problem in problems:
            counts["quotes"] += 1
            line = problem.piece.line_at(problem.offset)
            raw = raw if raw is not None else read_text(article.path).splitlines()
            findings.append(Finding("warning", "editorial.quotes", _quote_message(problem, raw, line), page,
                                    f"{where}:{line}"))
    findings += _summary(lists, counts)
    return findings


@lru_cache(maxsize=256)
def _article_checks(article: Article, lists: Lists) -> tuple[tuple, tuple]:
    """The name and quote findings of one article: a pure function of its text and the lists, kept
    between rebuilds of the live preview (only the edited article is read again)."""
    pieces = printed_pieces(article)
    return tuple(find_hits(pieces, lists)), tuple(check_pieces(pieces))


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def _hit_message(hit: Hit) -> str:
    if hit.kind == NEAR_NAME:
        return (f"人名疑误：“{hit.found}”与人名表的“{hit.expected}”只差一个字（{hit.source}）"
                f" → 核对原稿改成“{hit.expected}”；如确是另一个人，把“{hit.found}”写进本期 lists/names.txt")
    if hit.kind == NEAR_PHRASE:
        return (f"固定提法疑误：这里是“{hit.found}”，提法表是“{hit.expected}”（{hit.source}） → 按提法表改正")
    return (f"职务与人名表不符：这里是“{hit.found}”，人名表是“{hit.expected}”（{hit.source}）"
            f" → 核对职务，按人名表改正；如职务已变，先改人名表")


def _quote_message(problem: Problem, raw: list[str], line: int) -> str:
    text = problem.message() + " → 补上或改正这个标点"
    if 0 < line <= len(raw) and '"' in raw[line - 1]:
        text += "（原稿这一行用的是直引号\"，排版时已按前、后交替改成弯引号）"
    return text


def _summary(lists: Lists, counts: dict[str, int]) -> list[Finding]:
    out = []
    if not lists:
        out.append(Finding("info", "editorial.names", "人名表、提法表：报纸模板和本期都没有 lists/names.txt、"
                                                      "lists/phrases.txt，人名和固定提法没有核对 (no lists: not checked)"))
    elif not counts["names"]:
        out.append(Finding("info", "editorial.names", f"人名、职务、固定提法：按人名表 {len(lists.names)} 人、"
                                                      f"提法表 {len(lists.phrases)} 条核对，未发现疑误 (names checked)"))
    if not counts["quotes"]:
        out.append(Finding("info", "editorial.quotes", "引号、括号、书名号：每段都成对、方向正确 (quotes balanced)"))
    return out
