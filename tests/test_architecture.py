"""Third-party libraries stay at the edges (architecture.md §8.6), checked by scanning imports.

The text and page engines are pure: no ReportLab, no YAML, no Pillow.  ReportLab
lives in the drawing layer and in font registration; each other library in the
one module that needs it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "layout"

# library → where it may be imported (paths relative to layout/, a trailing "/" means a whole package)
ALLOWED = {
    "reportlab": ("fonts.py", "render/"),
    "fontTools": ("fonts.py",),
    "yaml": ("model/yamlio.py", "model/safeyaml.py"),
    "jinja2": ("templates.py", "preview.py", "serve/"),
    "PIL": ("render/color.py", "render/imageread.py", "render/web.py", "preflight/", "preview.py", "serve/"),
    "pikepdf": ("preflight/",),
    "pypdfium2": ("preview.py", "serve/", "render/web.py"),
    "budoux": ("phrases.py",),
}
PURE = ("text/", "pages/")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules() -> list[tuple[str, set[str]]]:
    return [(p.relative_to(PACKAGE).as_posix(), imports(p)) for p in sorted(PACKAGE.rglob("*.py"))]


def _allowed(rel: str, places: tuple[str, ...]) -> bool:
    return any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in places)


@pytest.mark.parametrize("library", sorted(ALLOWED))
def test_library_is_confined(library):
    offenders = [rel for rel, names in modules() if library in names and not _allowed(rel, ALLOWED[library])]
    assert not offenders, f"{library} imported outside {ALLOWED[library]}: {offenders}"


def test_text_and_page_engines_import_no_third_party_library():
    for rel, names in modules():
        if rel.startswith(PURE):
            assert not names & set(ALLOWED), f"{rel} imports {names & set(ALLOWED)}"


def test_text_engine_does_not_depend_on_pages_model_or_render():
    for rel, names in modules():
        if rel.startswith("text/"):
            tree_imports = _layout_imports(PACKAGE / rel)
            assert not {m for m in tree_imports if m.split(".")[1] in ("pages", "model", "render", "build")}, rel


def _layout_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("layout."):
            out.add(node.module)
    return out
