"""The forked page-file writer: errors come back to the parent, and the files are the same bytes."""

from __future__ import annotations

import os

import pytest

from layout.errors import LayoutError
from layout.parallel import in_parallel


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_both_jobs_run_and_the_childs_files_are_there(tmp_path):
    in_parallel(lambda: (tmp_path / "child").write_text("c"), lambda: (tmp_path / "parent").write_text("p"))
    assert (tmp_path / "child").read_text() == "c" and (tmp_path / "parent").read_text() == "p"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_the_childs_error_is_raised_in_the_parent(tmp_path):
    def broken() -> None:
        raise LayoutError("写不进去：磁盘满了")

    with pytest.raises(LayoutError, match="磁盘满了"):
        in_parallel(broken, lambda: None)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_the_parent_error_still_waits_for_the_child(tmp_path):
    def broken() -> None:
        raise ValueError("parent")

    with pytest.raises(ValueError, match="parent"):
        in_parallel(lambda: (tmp_path / "child").write_text("c"), broken)
    assert (tmp_path / "child").read_text() == "c"  # the child had finished: nothing writes after we return


def test_one_job_at_a_time_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYOUT_JOBS", "1")
    order: list[str] = []
    in_parallel(lambda: order.append("first"), lambda: order.append("second"))
    assert order == ["first", "second"]  # in this process: the list saw both
