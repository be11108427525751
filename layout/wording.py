"""Render every fixed wording of an issue from its paper's templates, once, before composition."""

from __future__ import annotations

import re

from layout.model.issue import Issue
from layout.pages.wording import Folio, Labels, Masthead, Wording
from layout.templates import fragment

IMPRINT_BLOCKS = ("address", "printers", "distribution")
_DOT = re.compile(r"(?<=\S)[\u00b7\u2022\u2027\u30fb\uff65](?=\S)")


def cjk_middle_dots(text: str) -> str:
    """要闻·党建 → 要闻・党建: the 间隔号 of a page name as the CJK full-width middle dot (U+30FB), not the
    Latin · (U+00B7), which most faces draw as a speck a third of an em wide (pages.md §3)."""
    return _DOT.sub("\u30fb", text)


def issue_wording(issue: Issue) -> Wording:
    folder = issue.profile.folder
    pages = range(1, issue.pages_count + 1)

    def ctx(page) -> dict:
        p = issue.profile
        return {"issue": issue, "page": page, "edition": p.edition, "publisher": p.publisher}

    jumps = pages if any(s.jump for p in issue.pages for s in p.slots) else ()
    front = next((p for p in issue.pages if p.template == "front"), None)
    return Wording(
        jump_to={n: fragment(folder, "jump", "to", page=n) for n in jumps},
        jump_from={n: fragment(folder, "jump", "from", page=n) for n in jumps},
        folios={p.no: Folio(*(cjk_middle_dots(fragment(folder, "folio", b, **ctx(p))) for b in ("number", "name", "paper")))
                for p in issue.pages},  # page 1 too: it carries its own 版次 and 版名
        credits={p.no: fragment(folder, "credits", "credits", **ctx(p)) for p in issue.pages},
        masthead=Masthead(*(fragment(folder, "masthead", b, **ctx(front)) if front else ""
                            for b in ("coeditor", "dateline", "licence"))),
        imprint=tuple(fragment(folder, "imprint", b, **ctx(front)) for b in IMPRINT_BLOCKS) if front else (),
        overset_label=lambda lines, chars: fragment(folder, "proof", "overset", lines=lines, chars=chars),
        underset_label=lambda lines, chars: fragment(folder, "proof", "underset", lines=lines, chars=chars),
        labels=_labels(folder),
    )


def _labels(folder) -> Labels:
    """The labels of templates/<paper>/text/labels.j2, or the defaults when a paper has no such file."""
    if not (folder / "text" / "labels.j2").exists():
        return Labels()
    return Labels(*(fragment(folder, "labels", b) for b in ("editor_note", "sidebar")))
