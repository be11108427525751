"""Shared pytest configuration for the whole test tree (architecture.md §9).

Only generic options and fixtures belong here; each test package keeps its own
helpers next to its tests.
"""

from __future__ import annotations

import shutil

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite golden files (tests/**/golden/*.expected) from the current output instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run should regenerate golden files rather than compare against them."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def profile_copy(tmp_path, monkeypatch):
    """A copy of the sample paper profile (templates/wutong) that a test may change."""
    from layout import model
    from layout.model.profile import TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR / "wutong", templates / "wutong")
    monkeypatch.setattr(model.profile, "TEMPLATES_DIR", templates)
    return templates / "wutong"
