"""The lists editors keep: officials' names with their titles, and fixed formulations (固定提法).

Two places, both optional:

    templates/<paper>/lists/names.txt     the paper's list (changes when a leader changes)
    templates/<paper>/lists/phrases.txt
    issues/<YYYY-MM>/lists/names.txt      this issue only: a visiting official, a new title
    issues/<YYYY-MM>/lists/phrases.txt    this month's campaign

names.txt: one person a line, the name, then optionally the title as it must
print (several titles separated by 、):

    沈立群 街道党工委书记
    顾文涛 街道党工委副书记、办事处主任
    周晓岚 记者

phrases.txt: one formulation a line, exactly as it must print:

    梧桐路街道党工委
    社区事务受理服务中心

Lines starting with # are comments.  A name in the issue's list replaces the
same name in the paper's (a new title this month); every listed name and
phrase counts as correct, so listing a real person whose name is one character
off a leader's stops the warning about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from layout.errors import InputError
from layout.model.articlefile import read_text
from layout.model.issue import Issue
from layout.text.cjk import is_han

NAMES, PHRASES = "names.txt", "phrases.txt"
MIN_PHRASE = 4
_NAME_MARK = "·"  # 间隔号 in names of ethnic minorities and foreigners


@dataclass(frozen=True)
class Name:
    name: str
    title: str  # "" when the list gives none
    path: Path
    line: int

    @property
    def titles(self) -> tuple[str, ...]:
        """The title's parts: “街道党工委副书记、办事处主任” → two parts."""
        return tuple(t for t in re.split(r"[、，,/；;]", self.title) if t)


@dataclass(frozen=True)
class Phrase:
    text: str
    path: Path
    line: int


@dataclass(frozen=True)
class Lists:
    names: tuple[Name, ...] = ()
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names or self.phrases)


def list_files(issue: Issue, filename: str) -> list[Path]:
    """The paper's list, then the issue's, those that exist."""
    return [p for p in (issue.profile.folder / "lists" / filename, issue.folder / "lists" / filename) if p.is_file()]


def load_lists(issue: Issue) -> Lists:
    names: dict[str, Name] = {}
    for path in list_files(issue, NAMES):
        for entry in read_names(path):
            names[entry.name] = entry  # the issue's list comes last and wins
    phrases: dict[str, Phrase] = {}
    for path in list_files(issue, PHRASES):
        for entry in read_phrases(path):
            phrases.setdefault(entry.text, entry)
    return Lists(tuple(names.values()), tuple(phrases.values()))


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        line = raw.strip().strip("\u3000")
        if line and not line.startswith(("#", "＃")):
            out.append((number, line))
    return out


def read_names(path: Path) -> list[Name]:
    out = []
    for number, line in _lines(path):
        parts = line.replace("\u3000", " ").split(None, 1)
        name, title = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
        if not (2 <= len(name.replace(_NAME_MARK, "")) <= 6 and all(is_han(ch) or ch == _NAME_MARK for ch in name)):
            raise InputError(path, f"“{name}”不像人名：人名表每行先写姓名（2–6个汉字），再空一格写职务", line=number,
                             hint="例如：沈立群 街道党工委书记；固定提法请写进 phrases.txt")
        out.append(Name(name, title, path, number))
    return out


def read_phrases(path: Path) -> list[Phrase]:
    out = []
    for number, line in _lines(path):
        text = line.replace(" ", "")
        if len(text) < MIN_PHRASE:
            raise InputError(path, f"固定提法“{text}”太短：至少{MIN_PHRASE}个字，短词的近似写法太多，无法核对", line=number,
                             hint="写出完整的提法，如“梧桐路街道党工委”；人名请写进 names.txt")
        out.append(Phrase(text, path, number))
    return out
