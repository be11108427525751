"""Where the package's own files live (no imports beyond the standard library: anything may use it)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO / "fonts"  # the committed fonts (fonts/README.md says where each comes from)
