"""PageLayout → stable, rounded text: the golden format for composition tests and `build --dump`.

One line per display item, coordinates in points rounded to 0.01, glyph
positions as offsets; ordered as drawn.  Diffs of this text show exactly which
line moved (SILE's debug outputter and rinohtype's stylelog do the same job).
"""

from __future__ import annotations

from layout.display import Box, GlyphRun, PageLayout, Picture, ProofNote, Rule


def _n(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def dump_item(item) -> str:
    if isinstance(item, GlyphRun):
        xs = " ".join(_n(x) for x in item.xs)
        # condensed glyphs (digits in ½-em cells, condensed lines): index:scale of each one not at 1
        scales = " x[" + " ".join(f"{k}:{v:.3f}" for k, v in enumerate(item.scales) if v != 1.0) + "]" \
            if item.scales else ""
        return f"text {_n(item.x)} {_n(item.y)} {item.font} {item.size:g}{scales} “{item.text}” [{xs}]"
    if isinstance(item, Rule):
        return f"rule {_n(item.x0)} {_n(item.y0)} {_n(item.x1)} {_n(item.y1)} w{item.width:g}"
    if isinstance(item, Box):
        return f"box {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)} fill={item.fill} stroke={item.stroke}"
    if isinstance(item, Picture):
        crop = ",".join(f"{c:.3f}" for c in item.crop)
        return f"picture {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)} {item.path.rsplit('/', 1)[-1]} crop={crop}"
    if isinstance(item, ProofNote):
        return f"proof {item.kind} {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)} “{item.text}”"
    raise TypeError(item)


def dump_page(page: PageLayout) -> str:
    lines = [f"page {page.number} {_n(page.width)}x{_n(page.height)}"]
    lines += [dump_item(item) for item in page.items]
    lines += [dump_item(note) for note in page.proof]
    return "\n".join(lines) + "\n"
