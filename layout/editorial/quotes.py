"""Quotes and brackets within a paragraph: unbalanced, crossed, or pointing the wrong way (GB/T 15834-2011 §4.8, §4.9).

The check reads the printed (normalised) text: straight quotes typed in the
source have already become curly ones, opening and closing in turn within the
paragraph, so an odd number of them shows up here as a quote left open.  A
quote typed with the wrong curly mark (”学习强国”) is kept as typed by the
normaliser and reported as misdirected.

Rules that keep correct copy quiet:

* A quotation running over several paragraphs opens each paragraph and closes
  only in the last (GB/T 15834-2011 §4.8, 引号: 引文不止一段时，每段开头用前引号，
  只在最后一段末尾用后引号): a paragraph left open is fine when the next one
  starts with the same opening mark.
* Quotes inside quotes alternate double and single (§4.8: 外面一层用双引号，
  里面一层用单引号); a double quote opened inside a double quote is a
  misdirected closing one.
* An apostrophe (’) between Latin letters, a prime after a digit, and the
  closing bracket of a list number at the start of a paragraph or clause
  (1）, 一）, a)) are not brackets.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.editorial.printed import HEADLINE_KINDS, LEAD, NOTE, PARA, SIDEBAR, Piece

PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "［": "］", "(": ")",
         "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
QUOTES = {"“": "”", "‘": "’"}
NAMES = {"“": "双引号", "‘": "单引号", "（": "括号", "(": "括号", "《": "书名号", "〈": "书名号", "【": "方头括号",
         "〔": "六角括号", "［": "方括号", "「": "直角引号", "『": "直角引号"}
_LIST_NUMBER = set("0123456789一二三四五六七八九十abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ")
_CLAUSE_START = set("，。；：、！？ \u3000")

OPEN, STRAY, MISDIRECTED, CROSSED = "open", "stray", "misdirected", "crossed"


@dataclass(frozen=True)
class Problem:
    kind: str  # OPEN: never closed; STRAY: a closing mark with nothing to close; MISDIRECTED; CROSSED
    mark: str
    offset: int
    piece: Piece

    @property
    def context(self) -> str:
        text = self.piece.text
        lo, hi = max(0, self.offset - 10), min(len(text), self.offset + 11)
        return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")

    def message(self) -> str:
        """What is wrong, in words: the marks are named, not quoted (a quote about a quote is unreadable)."""
        mark, text, i = self.mark, self.piece.text, self.offset
        name = NAMES.get(CLOSERS.get(mark, mark), "标点")
        after = _word_run(text[i + 1 : i + 5])
        before = _word_run(text[max(0, i - 4) : i][::-1])[::-1]
        here = f"“{after}”前面的" if after else (f"“{before}”后面的" if before else "")
        if self.kind == MISDIRECTED:
            right = _flip(mark)
            return f"引号方向错：{self.context}——{here}{_word(mark)}{mark}应为{_word(right)}{right}"
        if self.kind == OPEN:
            return f"{name}不成对：{self.context}——{here}{_word(mark)}{mark}没有对应的{_word(PAIRS[mark])}{PAIRS[mark]}"
        if self.kind == STRAY:
            here = f"“{before}”后面的" if before else here
            return f"{name}不成对：{self.context}——{here}{_word(mark)}{mark}前面没有对应的{_word(CLOSERS[mark])}{CLOSERS[mark]}"
        return f"{name}交叉：{self.context}——{here}{_word(mark)}{mark}还没闭合，外层就闭合了（里层要先闭合）"


def _word_run(text: str) -> str:
    """The characters up to the first punctuation mark: what a mark stands next to."""
    out = ""
    for ch in text:
        if ch in PAIRS or ch in CLOSERS or ch in _CLAUSE_START or ch in "…—":
            break
        out += ch
    return out


def _word(mark: str) -> str:
    """前引号、后括号 …: the mark's name as editors say it."""
    opening = mark in PAIRS
    kind = NAMES.get(mark if opening else CLOSERS.get(mark, mark), "标点")
    kind = {"双引号": "引号", "单引号": "单引号"}.get(kind, kind)
    return ("前" if opening else "后") + kind


def _flip(mark: str) -> str:
    return QUOTES.get(mark) or CLOSERS.get(mark, mark)


def _is_list_number(text: str, i: int) -> bool:
    """“1）”, “（一）” aside: a lone ）/) right after a list number at the start of the text or a clause."""
    j = i
    while j > 0 and text[j - 1] in _LIST_NUMBER:
        j -= 1
    return j < i and i - j <= 3 and (j == 0 or text[j - 1] in _CLAUSE_START)


def scan(piece: Piece) -> list[Problem]:
    """Problems of one printed piece, in text order."""
    text = piece.text
    stack: list[tuple[str, int]] = []
    crossed: list[str] = []  # openers reported as crossed: their own closer, when it comes, is not stray
    problems: list[Problem] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            if ch in QUOTES and any(m == ch for m, _ in stack):
                if _closes_later(text, i, ch):
                    # “…“…” : the earlier quote was never closed; this one opens a quotation of its own
                    at = max(k for k, (m, _) in enumerate(stack) if m == ch)
                    problems.append(Problem(OPEN, ch, stack.pop(at)[1], piece))
                    stack.append((ch, i))
                else:
                    # “读书会“ : a quote inside a quote of the same kind, never closed: a closing mark typed wrong
                    problems.append(Problem(MISDIRECTED, ch, i, piece))
                    _close(stack, ch, i, piece, problems, crossed)
            else:
                stack.append((ch, i))
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            if any(m == opener for m, _ in stack):
                _close(stack, opener, i, piece, problems, crossed)
            elif opener in crossed:
                crossed.remove(opener)
            elif ch == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalnum():
                continue  # an apostrophe (Xi’an, don’t)
            elif ch in "’”" and i and text[i - 1].isdigit():
                continue  # a prime: 5’30”
            elif ch in "）)" and _is_list_number(text, i):
                continue
            elif ch in ("”", "’") and text.find(ch, i + 1) >= 0 and _no_opener_between(text, i, ch):
                # ”学习强国” : the first of two closing marks opens the quotation
                problems.append(Problem(MISDIRECTED, ch, i, piece))
                stack.append((opener, i))
            else:
                problems.append(Problem(STRAY, ch, i, piece))
    problems.extend(Problem(OPEN, m, i, piece) for m, i in stack)
    return sorted(problems, key=lambda p: p.offset)


def _closes_later(text: str, i: int, opener: str) -> bool:
    """Is there a closing mark for the opener at i before the next opening mark of its kind?"""
    close = text.find(QUOTES[opener], i + 1)
    again = text.find(opener, i + 1)
    return close >= 0 and (again < 0 or close < again)


def _no_opener_between(text: str, i: int, closer: str) -> bool:
    j = text.find(closer, i + 1)
    return CLOSERS[closer] not in text[i + 1 : j]


def _close(stack: list[tuple[str, int]], opener: str, i: int, piece: Piece, problems: list[Problem],
           crossed: list[str]) -> None:
    """Pop down to `opener`; openers above it were crossed (closed outside their own pair)."""
    while stack:
        mark, at = stack.pop()
        if mark == opener:
            return
        problems.append(Problem(CROSSED if mark not in QUOTES else OPEN, mark, at, piece))
        if mark not in QUOTES:
            crossed.append(mark)


def check_pieces(pieces: list[Piece]) -> list[Problem]:
    """Problems of all printed pieces of one article.

    Headline tiers are checked as one text each (a 主题 may break a quotation
    over two lines); paragraphs one by one, with the multi-paragraph quotation rule.
    """
    problems: list[Problem] = []
    units = _units(pieces)
    for k, piece in enumerate(units):
        found = scan(piece)
        if found and piece.kind in (PARA, LEAD, NOTE, SIDEBAR) and k + 1 < len(units):
            following = units[k + 1]
            found = [p for p in found if not (p.kind == OPEN and p.mark in QUOTES and following.kind == piece.kind
                                               and following.text.startswith(p.mark))]
        problems.extend(found)
    return problems


def _units(pieces: list[Piece]) -> list[Piece]:
    """Headline tiers joined into one piece each (with line spans); every other piece as it is."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if last and piece.kind in HEADLINE_KINDS and last.kind == piece.kind and last.group == piece.group:
            spans = last.spans or ((0, last.line),)
            out[-1] = Piece(last.kind, last.text + piece.text, last.line, spans + ((len(last.text), piece.line),),
                            last.group)
        else:
            out.append(piece)
    return out
