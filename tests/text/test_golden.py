"""Golden paragraphs: tricky community-news text set with the committed body face, compared line by line.

Each `golden/<case>.txt` holds original sample paragraphs, one per line, after
a header of `# key: value` lines (size in pt, measure in em, punctuation
style).  `golden/<case>.expected` holds the composed lines: per paragraph a
`¶ n` line, then one line per composed line, `<extra space per Han gap in em,
3 decimals> <the line's text>`.

    pytest tests/text --update-goldens     # rewrite the .expected files after a deliberate change

Besides the comparison, every golden paragraph must satisfy the hard rules of
typesetting.md Part 3 on its own: nothing lost, no line start/end violation,
justified lines on the measure, no 孤字.  How loose a line may get is what the
goldens record (narrow.txt and latin.txt hold known hard cases: a Latin name
or a long number that cannot move, in a narrow column).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from .textkit import EPS

from layout.text import PunctuationStyle, Settings, Span, TextStyle, set_paragraph
from layout.text.cjk import NO_LINE_END, NO_LINE_START, classify

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.txt"))
HEADER = "# composed by tests/text/test_golden.py; rewrite with: pytest tests/text --update-goldens"


def read_case(path: Path) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    paragraphs: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            key, sep, value = raw[1:].partition(":")
            if sep and key.strip().isascii():
                options[key.strip()] = value.strip()
        elif raw.strip():
            paragraphs.append(raw.strip())
    return options, paragraphs


def compose_case(path: Path, song) -> list[tuple[str, tuple]]:
    options, paragraphs = read_case(path)
    size = float(options.get("size", "9"))
    measure = float(options.get("measure", "13.48")) * size
    settings = Settings(punctuation=PunctuationStyle(options.get("punctuation", "quanjiao")))
    style = TextStyle("song", song, size)
    return [(text, set_paragraph((Span(text, style),), measure, settings)) for text in paragraphs]


def render(composed) -> str:
    out = [HEADER]
    for k, (_text, lines) in enumerate(composed, start=1):
        out.append(f"¶ {k}")
        out.extend(f"{line.gap_em:.3f} {line.text}" for line in lines)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_paragraphs(case, song, update_goldens):
    composed = compose_case(case, song)
    actual = render(composed)
    expected_path = case.with_suffix(".expected")
    if update_goldens:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), f"missing {expected_path.name}: run pytest tests/text --update-goldens"
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"{case.name} composes differently; if intended, rerun with --update-goldens and review the diff")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_paragraphs_meet_the_quality_bar(case, song):
    options, _paragraphs = read_case(case)
    measure = float(options.get("measure", "13.48")) * float(options.get("size", "9"))
    for text, lines in compose_case(case, song):
        assert [text[line.start:line.end].rstrip(" ") for line in lines] == [line.text for line in lines]
        assert lines[-1].end == len(text) and all(a.end == b.start for a, b in zip(lines, lines[1:]))
        cls = classify(text)
        for prev, line in zip(lines, lines[1:]):
            assert cls[line.start] not in NO_LINE_START, line.text
            assert cls[prev.end - 1] not in NO_LINE_END, prev.text
            assert prev.width == pytest.approx(measure, abs=EPS)
        if len(lines) > 1:
            assert sum(not c.isspace() and classify(c)[0].name in ("HAN", "DIGIT", "LATIN")
                       for c in lines[-1].text) >= 2, f"孤字: {lines[-1].text}"
