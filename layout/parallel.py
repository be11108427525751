"""Two pieces of independent work on two cores: the second in this process, the first in a forked child.

ReportLab and Pillow hold no threads of ours and a forked child inherits the fonts already parsed, so
the child starts at once.  The child reports only success or failure (its exception text); the work
itself must leave its results in files.  Where fork is unavailable, or there is one core, or the
LAYOUT_JOBS=1 environment asks for it, the two run one after the other.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
from typing import Callable

from layout.errors import LayoutError


def _cores() -> int:
    if os.environ.get("LAYOUT_JOBS", "") == "1":
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _die_with_parent() -> None:
    """Ask Linux to kill the child when the parent dies (prctl PR_SET_PDEATHSIG): a killed build must not
    leave a writer running into its abandoned stage folder."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the child finishes its files and exits on its own
        pass


def _child(first: Callable[[], None], read: int, write: int, parent: int) -> None:
    """Do `first`, send back None or the exception, and leave without running the parent's cleanup
    (its signal handlers, `finally` blocks and atexit hooks belong to the parent's build)."""
    status = 1
    try:
        os.close(read)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        _die_with_parent()
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
        try:
            first()
            payload, status = pickle.dumps(None), 0
        except BaseException as exc:  # noqa: BLE001 — every failure goes back to the parent
            try:
                payload = pickle.dumps(exc)
            except Exception:  # noqa: BLE001
                payload = pickle.dumps(LayoutError(f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
    except BaseException:  # noqa: BLE001 — a broken pipe (the parent is gone) or anything else: just leave
        status = status or 1
    finally:
        os._exit(status)


def in_parallel(first: Callable[[], None], second: Callable[[], None]) -> None:
    """Run both; raise what either raised (the child's error as the same exception type where it can)."""
    if _cores() < 2 or not hasattr(os, "fork") or sys.platform == "win32":
        first()
        second()
        return
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child never returns: whatever happens it leaves through os._exit
        _child(first, read, write, parent)
    os.close(write)
    try:
        second()
    finally:
        with os.fdopen(read, "rb") as inp:
            data = inp.read()
        _pid, code = os.waitpid(pid, 0)
    error = pickle.loads(data) if data else LayoutError("并行写文件的子进程异常退出 (the writer process died)")
    if error is not None:
        raise error
    if code != 0:
        raise LayoutError("并行写文件的子进程异常退出 (the writer process died)")
