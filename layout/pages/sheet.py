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
        """The style's face at its size; CJK marks its face draws narrow come from the body face (全角)."""
        s = self.profile.styles[name]
        body = self.profile.styles["body"].font
        marks = (body, self.fonts[body].metrics) if s.font != body and body in self.fonts else None
        return TextStyle(s.font, self.fonts[s.font].metrics, size or s.size, marks)

    def align(self, name: str) -> Align:
        return _ALIGN[self.profile.styles[name].align]

    def color(self, name: str) -> CMYK:
        return self.profile.styles[name].color
