"""Fixtures of the text-engine tests (helpers and the fake font live in textkit.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def song():
    """Metrics of the committed body face (Noto Serif SC subset): real advances and punctuation ink."""
    from layout.fonts import DEFAULT_ROLES, load_roles

    return load_roles({"song": DEFAULT_ROLES["song"]})["song"].metrics
