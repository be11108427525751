"""Did-you-mean suggestions for unknown keys and markers."""

from __future__ import annotations

import difflib
from pathlib import Path


def did_you_mean(word: str, candidates: list[str]) -> str | None:
    """The closest candidate, or None when nothing is close enough to be a plausible typo."""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return matches[0] if matches else None


MAX_ENTRIES = 5000  # a folder with more files than this is not searched for a near name


def near_file(relative: str, base: Path) -> str | None:
    """The file an editor probably meant by a path that does not exist, as a path relative to `base`.

    The same name in another case (照片.JPG for 照片.jpg), the same name with another image or text
    extension (a.jpeg for a.jpg), else the closest name in the folder — in a folder whose name is
    itself a near miss (image/ for images/) too.  None when nothing is close.
    """
    parts = [p for p in str(relative).replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    folder = Path(base)
    for part in parts[:-1]:
        child = folder / part
        if not child.is_dir():
            guess = _closest(part, [p.name for p in _entries(folder) if p.is_dir()])
            if guess is None:
                return None
            child = folder / guess
        folder = child
    name = _closest(parts[-1], [p.name for p in _entries(folder) if p.is_file()])
    if name is None:
        return None
    return (folder / name).relative_to(base).as_posix()


def _entries(folder: Path) -> list[Path]:
    try:
        out = []
        for k, entry in enumerate(folder.iterdir()):
            if k >= MAX_ENTRIES:
                return []
            out.append(entry)
        return sorted(out)
    except OSError:
        return []


def _closest(name: str, names: list[str]) -> str | None:
    if not names:
        return None
    lower = name.lower()
    same = [n for n in names if n.lower() == lower]
    if same:
        return same[0]
    stem = Path(name).stem.lower()
    other = [n for n in names if Path(n).stem.lower() == stem]
    if other:
        return other[0]
    matches = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return matches[0] if matches else None
