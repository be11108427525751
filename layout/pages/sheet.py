"""The style sheet of a paper resolved against its fonts: style name → TextStyle, alignment, colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from layout.display import CMYK
from layout.fonts import FontFace
from layout.model.profile import Profile, Style
from layout.text import Align, TextStyle

_ALIGN = {"left": Align.LEFT, "center": Align.CENTER, "right": Align.RIGHT}


@dataclass(frozen=True)
class Sheet:
    profile: Profile
    fonts: Mapping[str, FontFace]

    def spec(self, name: str) -> Style:
        return self.profile.styles[name]

    def text(self, name: str, size: float | None = None) -> TextStyle:
        s = self.profile.styles[name]
        return TextStyle(s.font, self.fonts[s.font].metrics, size or s.size)

    def align(self, name: str) -> Align:
        return _ALIGN[self.profile.styles[name].align]

    def color(self, name: str) -> CMYK:
        return self.profile.styles[name].color
