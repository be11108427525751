"""Errors that reach the editor: each names the file, the line or key, and what to do.

Messages are Chinese first (the editors' language), with English where it helps
a developer or a printing plant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LayoutError(Exception):
    """Base class for every error the tool reports to its user (exit status 2): bad input or an unwritable output."""


@dataclass
class InputError(LayoutError):
    """Bad input: a file, optionally a line and a key path, a message and a hint.

    key: the key path as a program names it (pages[1].slots[3].grid); place: the same in the
    editor's words (第2版 版位 2D grid), shown instead of the key when there is one.
    """

    path: Path | str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None
    place: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def where(self) -> str:
        """What the message is about, in the editor's words (or the key path)."""
        return self.place or self.key or ""

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.where:
            where += f": {self.where}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  → {self.hint}"
        return text


class InputErrors(LayoutError):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class OutputError(LayoutError):
    """The output cannot be written (read-only or full disk, --output naming a file, another build running).

    Exit status 2 like bad input: the editor can act on it, and the previous
    build is left as it was.
    """

    path: Path | str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        if self.hint:
            text += f"\n  → {self.hint}"
        return text
