"""Fixtures of the text-engine tests.

The fake font with known metrics (every ideograph and full-width mark 1 em, ink
in the half GB/T 15834 puts it, Latin ½ em, space ¼ em) and the helpers that
read lines back are defined in textkit.py, so test modules can import them;
the fixtures below hand the same objects to tests that prefer fixtures.
"""

from __future__ import annotations

import pytest

from .textkit import FAKE, FAKE_STYLE


@pytest.fixture(scope="session")
def fake_metrics():
    """The fake FontMetrics (textkit.FAKE)."""
    return FAKE


@pytest.fixture(scope="session")
def fake_style():
    """The fake font at 10 pt: one em is 10 pt (textkit.FAKE_STYLE)."""
    return FAKE_STYLE


@pytest.fixture(scope="session")
def song():
    """Metrics of the committed body face (Noto Serif SC subset): real advances and punctuation ink."""
    from layout.fonts import DEFAULT_ROLES, load_roles

    return load_roles({"song": DEFAULT_ROLES["song"]})["song"].metrics
