"""Did-you-mean suggestions for unknown keys and markers."""

from __future__ import annotations

import difflib


def did_you_mean(word: str, candidates: list[str]) -> str | None:
    """The closest candidate, or None when nothing is close enough to be a plausible typo."""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return matches[0] if matches else None
