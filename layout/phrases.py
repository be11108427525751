"""Phrase segmentation for headline breaks: BudouX's Simplified Chinese model, at the edge.

BudouX (Google, Apache-2.0, ~15 KB model, pure Python) finds phrase
boundaries so a headline never breaks inside a word, a name or a number
(typesetting.md §1.7).  Writing a segmenter ourselves would mean training a
model; the text engine receives this function instead of importing BudouX.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _parser():
    import budoux

    return budoux.load_default_simplified_chinese_parser()


@lru_cache(maxsize=4096)
def phrases(text: str) -> tuple[str, ...]:
    """The phrases of `text`, concatenating back to it."""
    if not text:
        return ()
    return tuple(_parser().parse(text))
