"""Judging the content scan: which observations are errors, warnings or facts, and how they are worded.

The rules (print.md §0, §1.2, §5.1): under PDF/X-1a a colour space outside
CMYK, grey and spot is an error, a spot ink a warning (newsprint prints four
colours); any transparency is an error; 100 K text should overprint (warning),
white must not (error with OPM 1, where it vanishes on press); text under
10 pt in two or more inks risks misregistration (warning); RGB or
registration-colour text is an error; images under `min_ppi` fail, under
`warn_ppi` warn (1-bit line art: 150/300).  For proofs (`strict` False) the
colour and transparency errors are downgraded.
"""

from __future__ import annotations

from collections import Counter

from layout.preflight.colourspace import PROCESS_INKS, space_allowed_x1a
from layout.preflight.content import ContentScan
from layout.preflight.findings import Finding

USAGE = {"fill": "填充色", "stroke": "描边色", "text": "文字", "image": "图片", "shading": "渐变"}
# Per page, text findings come in this order (the order the checker has always printed them in).
NOT_OVERPRINTING, SMALL_MULTI_INK = "not-overprinting", "small-multi-ink"
_TEXT_ORDER = {NOT_OVERPRINTING: 0, "RGB": 1, SMALL_MULTI_INK: 2, "registration": 3}


def content_findings(scan: ContentScan, strict: bool, min_ppi: float, warn_ppi: float) -> list[Finding]:
    """Findings from the content walk: unparsable streams, colour, transparency, text, images."""
    out = [Finding("warning", "content.parse", f"内容流无法解析：{msg}", page) for page, msg in scan.unparsed[:3]]
    out += colour_findings(scan, strict)
    out += transparency_findings(scan, strict)
    out += text_findings(scan)
    out += image_findings(scan, min_ppi, warn_ppi)
    return out


def colour_findings(scan: ContentScan, strict: bool) -> list[Finding]:
    """Non-X-1a spaces per page and usage (error for x1a); spot inks (warning; newsprint is CMYK only)."""
    bad = {space.name: space for space in scan.bad_spaces}
    out = []
    for use in scan.spaces:
        space = bad.get(use.label)
        if space is not None and not space_allowed_x1a(space):
            out.append(
                Finding(
                    "error" if strict else "warning",
                    "colour.space",
                    f"{USAGE[use.usage]}使用 {use.label} ×{use.count}（PDF/X-1a 只允许 CMYK、灰度和专色）",
                    use.page,
                    use.label,
                )
            )
    spots = sorted({ink for s in bad.values() for ink in s.inks} - PROCESS_INKS)
    if spots:
        out.append(Finding("warning", "colour.spot", f"使用了专色 {', '.join(spots)}：报纸只印四色，请转为 CMYK"))
    used = sorted({use.label for use in scan.spaces})
    out.append(Finding("info", "colour.summary", "色彩空间：" + (", ".join(used) or "无")))
    return out


def transparency_findings(scan: ContentScan, strict: bool) -> list[Finding]:
    seen, out = set(), []
    for use in scan.transparency:
        if use in seen:
            continue
        seen.add(use)
        out.append(
            Finding(
                "error" if strict else "info", "transparency", f"透明度：{use.what}（PDF/X-1a 不允许透明）", use.page, use.where
            )
        )
    return out


def text_findings(scan: ContentScan) -> list[Finding]:
    """100 K text must overprint (warning), white must not (error with OPM 1), small multi-ink text (warning)."""
    rows = [(c.page, NOT_OVERPRINTING, c.count) for c in scan.text_not_overprinting]
    rows += [(c.page, SMALL_MULTI_INK, c.count) for c in scan.small_multi_ink]
    rows += [(t.page, t.colour, t.count) for t in scan.text if t.colour in ("RGB", "registration")]
    out = []
    for page, kind, count in sorted(rows, key=lambda r: (r[0], _TEXT_ORDER[r[1]])):
        if kind == NOT_OVERPRINTING:
            out.append(
                Finding("warning", "text.overprint", f"{count} 处 100K 黑字没有设为叠印（套印不准会露白边）", page)
            )
        elif kind == SMALL_MULTI_INK:
            out.append(
                Finding("warning", "text.multi_ink", f"{count} 处小于 10 pt 的文字用了两种以上油墨（套印风险）", page)
            )
        else:
            out.append(Finding("error", "text.colour", f"{count} 处文字颜色为 {kind}（不能用于印刷文字）", page))
    for white in scan.white_overprint:
        out.append(
            Finding(
                "error" if white.opm == 1 else "warning",
                "text.white_overprint",
                f"{white.count} 处白色对象设为叠印（OPM {white.opm}）：印刷时会消失",
                white.page,
            )
        )
    kinds: Counter[str] = Counter()
    for t in scan.text:
        kinds[t.colour] += t.count
    out.append(
        Finding(
            "info",
            "text.summary",
            "文字颜色：" + (", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())) or "无文字"),
        )
    )
    return out


def image_findings(scan: ContentScan, min_ppi: float, warn_ppi: float) -> list[Finding]:
    """Effective ppi per placement: < min_ppi error, < warn_ppi warning; 1-bit line art 150/300 (print.md §0)."""
    out = []
    for im in scan.images:
        low, ok = (min_ppi, warn_ppi) if im.bits > 1 else (150.0, 300.0)
        where = f"{im.name} {im.px_w}×{im.px_h}px"
        placed = f"{im.w_mm:g}×{im.h_mm:g} mm，有效分辨率 {im.ppi:.0f} ppi"
        if im.ppi < low:
            out.append(Finding("error", "images.ppi", f"图片分辨率太低：{placed}（至少 {low:g}）", im.page, where))
        elif im.ppi < ok:
            out.append(Finding("warning", "images.ppi", f"图片分辨率偏低：{placed}（建议 ≥ {ok:g}）", im.page, where))
    if scan.images:
        lowest = min(scan.images, key=lambda p: p.ppi)
        out.append(
            Finding(
                "info",
                "images.summary",
                f"{len(scan.images)} 处图片，最低 {lowest.ppi:.0f} ppi",
                lowest.page,
                lowest.name,
            )
        )
    else:
        out.append(Finding("info", "images.summary", "没有图片"))
    return out
