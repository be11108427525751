"""The headline system of a paper profile (paper.yaml `headlines:`): sizes and faces by role, decks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layout.model.yamlio import Doc, Key, as_list, as_number, as_str, check_mapping
from layout.units import size_in

STYLE_SIZE = size_in(4, 300)


@dataclass(frozen=True)
class HeadlineRule:
    """The 主题 of one role: its size range in points (the engine takes the largest that fits the slot,
    newspaper.md §3.4 号 ladder) and the style-sheet entry whose face it is set in."""

    sizes: tuple[float, float]
    style: str = "title"


@dataclass(frozen=True)
class HeadlineSystem:
    """Headline hierarchy (pages.md §2): a 主题 rule per role (and 一版头条 for page 1's lead story);
    引题 and 副题 at `deck` × the 主题 size, never wider than the 主题's widest line."""

    roles: dict[str, HeadlineRule]
    deck: tuple[float, float] = (0.5, 0.67)
    alternate: tuple[str, ...] = ()  # styles neighbouring stories alternate between (黑/宋 contrast)

    def rule(self, role: str, front: bool) -> HeadlineRule | None:
        return (self.roles.get("一版" + role) if front else None) or self.roles.get(role)


HEADLINE_KEYS = {
    "size": Key(lambda v: v, True, label="主题字号范围，如 [一号, 小初]"),
    "style": Key(as_str, False, "title", "样式表里的主题样式"),
}


def parse_headlines(doc: Doc, value: Any, legacy: dict[str, float], styles: Any) -> HeadlineSystem:
    """headlines: {角色: {size: [小, 大], style: ...}, deck: [0.5, 0.67], alternate: [title, title_song]}."""
    if not isinstance(value, dict):
        raise doc.error(("headlines",), "headlines 应是“角色: {size: [一号, 小初], style: title}”的映射")
    roles = {role: HeadlineRule((size, size)) for role, size in legacy.items()}
    deck, alternate = (0.5, 0.67), ()
    for key, item in value.items():
        key = str(key)
        if key == "deck":
            deck = _pair_of(doc, ("headlines", "deck"), item, as_number)
            if not 0.3 <= deck[0] <= deck[1] <= 1:
                raise doc.error(("headlines", "deck"), "deck 是引题、副题与主题的字号比，如 [0.5, 0.67]")
            continue
        if key == "alternate":
            try:
                alternate = tuple(as_list(as_str)(item))
            except ValueError as exc:
                raise doc.error(("headlines", "alternate"), str(exc)) from None
            for name in alternate:
                if name not in (styles or {}):
                    raise doc.error(("headlines", "alternate"), f"样式“{name}”不在 styles 里")
            continue
        d = check_mapping(doc, item, ("headlines", key), HEADLINE_KEYS)
        sizes = _pair_of(doc, ("headlines", key, "size"), d["size"] if isinstance(d["size"], list) else [d["size"]] * 2,
                         STYLE_SIZE)
        if sizes[0] > sizes[1]:
            raise doc.error(("headlines", key, "size"), "字号范围写成 [小, 大]，如 [一号, 小初]")
        if d["style"] not in (styles or {}):
            raise doc.error(("headlines", key, "style"), f"样式“{d['style']}”不在 styles 里")
        roles[key] = HeadlineRule(sizes, d["style"])
    return HeadlineSystem(roles, deck, alternate)


def _pair_of(doc: Doc, keypath: tuple, value: Any, convert) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise doc.error(keypath, "写成两个值的列表，如 [一号, 小初]")
    try:
        return convert(value[0]), convert(value[1])
    except ValueError as exc:
        raise doc.error(keypath, str(exc)) from None
