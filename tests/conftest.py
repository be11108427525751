"""Shared pytest configuration for the whole test tree (architecture.md §9).

Only generic options and fixtures belong here; each test package keeps its own
helpers next to its tests.
"""

from __future__ import annotations

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
