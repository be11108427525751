"""PDF colour spaces, resolved and judged for PDF/X-1a (print.md §1.1): the preflight's colour vocabulary.

`resolve_space` classifies a colour-space operand or a /ColorSpace entry,
following resource names, Indexed bases and Separation/DeviceN alternates;
`space_allowed_x1a` says whether PDF/X-1a:2001 allows it (CMYK, grey, and
spot colours whose alternate is one of those).
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

PROCESS_INKS = {"Cyan", "Magenta", "Yellow", "Black", "All", "None"}
SPACE_ABBR = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}


@dataclass(frozen=True)
class Space:
    """A resolved colour space: family ('DeviceCMYK', 'Separation', 'ICCBased', …), components, ink names."""

    family: str
    n: int
    inks: tuple[str, ...] = ()
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.family


GRAY = Space("DeviceGray", 1)
RGB = Space("DeviceRGB", 3)
CMYK_SPACE = Space("DeviceCMYK", 4)
DEVICE = {"/DeviceGray": GRAY, "/DeviceRGB": RGB, "/DeviceCMYK": CMYK_SPACE, "/Pattern": Space("Pattern", 0)}
X1A_FAMILIES = {"DeviceGray", "DeviceCMYK", "Separation", "DeviceN", "Pattern"}


def resolve_space(obj: object, resources: pikepdf.Object | None, depth: int = 0) -> Space:
    """Classify a colour space operand or /ColorSpace entry, following resource names and Indexed bases."""
    if depth > 6 or obj is None:
        return Space("unknown", 0)
    if isinstance(obj, pikepdf.Name):
        key = SPACE_ABBR.get(str(obj), str(obj))
        if key in DEVICE:
            return DEVICE[key]
        named = lookup(resources, "/ColorSpace", key)
        return resolve_space(named, resources, depth + 1) if named is not None else Space("unknown", 0, (), key)
    if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
        return Space("unknown", 0)
    family = SPACE_ABBR.get(str(obj[0]), str(obj[0]))[1:]
    if family == "ICCBased":
        n = int(obj[1].get("/N", 0))
        return Space("ICCBased", n, (), f"ICCBased({ {1: 'Gray', 3: 'RGB', 4: 'CMYK'}.get(n, n) })")
    if family == "Separation":
        alt = resolve_space(obj[2], resources, depth + 1)
        ink = str(obj[1])[1:]
        return Space("Separation", 1, (ink,), f"Separation({ink}→{alt.name})")
    if family == "DeviceN":
        inks = tuple(str(x)[1:] for x in obj[1])
        alt = resolve_space(obj[2], resources, depth + 1)
        return Space("DeviceN", len(inks), inks, f"DeviceN({','.join(inks)}→{alt.name})")
    if family == "Indexed":
        base = resolve_space(obj[1], resources, depth + 1)
        return Space("Indexed", 1, base.inks, f"Indexed({base.name})")
    return Space(family, {"CalRGB": 3, "Lab": 3, "CalGray": 1}.get(family, 0))


def space_allowed_x1a(space: Space) -> bool:
    """PDF/X-1a: DeviceCMYK, DeviceGray, Separation/DeviceN (with such alternates), Indexed over those."""
    if space.family == "Indexed":
        base = space.label[len("Indexed(") : -1]
        return base in X1A_FAMILIES or base.startswith(("Separation(", "DeviceN("))
    if space.family in ("Separation", "DeviceN"):
        return space.label.endswith(("→DeviceCMYK)", "→DeviceGray)"))
    return space.family in X1A_FAMILIES


def lookup(resources, category: str, name) -> pikepdf.Object | None:
    """resources[category][name], or None when any level is missing."""
    if resources is None:
        return None
    table = resources.get(category)
    return None if table is None else table.get(str(name))
