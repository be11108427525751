"""The paper's jump lines (转版: “（下转第3版）”, “（上接第1版）”) recognised in set text.

The wording lives in templates/<paper>/text/jump.j2; the pattern is built from
it, so a paper that writes “（转第3版）” is recognised as well.  Used by the
stage records (jump lines are not article text) and the web edition (jump
lines become links).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from layout.errors import InputError
from layout.templates import fragment


@lru_cache(maxsize=8)
def jump_pattern(profile_folder: Path) -> re.Pattern[str] | None:
    """A pattern matching a whole jump line (spaces removed); group 1 or 2 is the page number."""
    parts = []
    for block in ("to", "from"):
        try:
            text = fragment(profile_folder, "jump", block, page="\x00")
        except InputError:
            continue
        if "\x00" in text:
            before, after = text.replace(" ", "").split("\x00", 1)
            parts.append(re.escape(before) + r"(\d+)" + re.escape(after))
    return re.compile("|".join(parts)) if parts else None


def jump_page(pattern: re.Pattern[str] | None, text: str) -> int | None:
    """The page a jump line points to, or None when `text` is not a jump line."""
    m = pattern.fullmatch(text.replace(" ", "")) if pattern is not None else None
    return int(next(g for g in m.groups() if g)) if m else None
