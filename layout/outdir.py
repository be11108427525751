"""Where a build's files go, and how they get there whole.

* **Where.** ``output/`` belongs to the project folder the editor works in,
  found from the issue folder: the folder holding ``issues/`` (…/issues/2026-12
  → …/output, …/issues/xinhua/2027-01 → …/output), else the issue folder's parent.
  It used to be computed from the package's own path, so a non-editable install
  wrote into site-packages.
* **One folder per paper.** A project with one paper builds ``issues/2026-12`` into
  ``output/2026-12/``.  A project holding a second paper keeps it apart: an issue in
  ``issues/<paper>/2027-01/``, or an issue in ``issues/`` whose paper is not the
  project's default, builds into ``output/<paper>/2027-01/`` (issue 14: two papers
  with an issue of the same month both built into ``output/2020-01/``).  The default
  paper is the one every issue in ``issues/`` uses — or, once there are several, the
  paper of the first issue there (by name), so adding a second paper never moves
  the first paper's output, its stage records or its print files.
* **Whole builds.** A build writes every file into a temporary folder next to
  its output (``output/.2026-12.stage-XXXX/``), started from hard links to the
  previous build's files (so the preview or the print files of an earlier
  build stay), and swaps it in with two renames at the end.  A failure, an
  interrupt or a kill leaves the previous ``output/2026-12/`` as it was: never
  pages 01–07 of a new print run beside page 08 of the old one (issue 16).
* **One build at a time.** An advisory lock (``output/.2026-12.lock``, flock)
  serialises builds of one issue into one output folder; a second build waits
  up to `lock_wait()` seconds, then stops with "另一个排版正在进行".  The kernel
  drops the lock when its process dies, even by SIGKILL.
* **Stale files.** Whoever holds the lock removes the stage folders of killed
  builds, restores a previous build a kill caught between the two renames,
  and never carries old ``.*.tmp`` files over.

Storage problems (read-only or full disk, ``--output`` naming a file) become
`OutputError`: exit 2 with the folder and what to do, not a traceback.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from layout.errors import OutputError

# The default of every --output: identity, not equality, marks "not given" (an explicit
# `--output output` means ./output, as any other relative path would).
DEFAULT_OUTPUT = Path("output")
LOCK_WAIT_ENV = "LAYOUT_LOCK_WAIT"  # seconds a build waits for another build of the same issue
LOCK_WAIT_S = 120.0  # a 64-page print build takes about 30 s on a slow machine
STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM,
                  errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.EEXIST, errno.ELOOP}


def project_folder(issue_folder: Path) -> Path:
    """The folder an editor works in: the one holding issues/ (issues/<id> or issues/<paper>/<id>),
    else the issue folder's parent."""
    folder = Path(os.path.abspath(issue_folder))
    if folder.parent.name == ISSUES:
        return folder.parent.parent
    if folder.parent.parent.name == ISSUES:
        return folder.parent.parent.parent
    return folder.parent


ISSUES = "issues"
_PAPER_LINE = re.compile(r"^paper\s*[:：]\s*['\"]?([^'\"#\s]+)", re.M)


def paper_of(issue_folder: Path) -> str:
    """The `paper:` of an issue.yaml, read loosely ('' when there is none or the file cannot be read)."""
    try:
        text = (Path(issue_folder) / "issue.yaml").read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""
    m = _PAPER_LINE.search(text)
    return m.group(1) if m else ""


def default_paper(issues_dir: Path) -> str:
    """The project's default paper: the one all issues in issues/ use, else the first issue's (by folder name)."""
    try:
        folders = sorted(p for p in Path(issues_dir).iterdir() if (p / "issue.yaml").is_file())
    except OSError:
        return ""
    return next((p for p in map(paper_of, folders) if p), "")  # read issue.yaml only up to the first paper


def paper_folder(issue_folder: Path, paper: str) -> str:
    """The sub-folder of output/ an issue's build goes into: '' for the project's default paper, else the paper."""
    folder = Path(os.path.abspath(issue_folder))
    if folder.parent.parent.name == ISSUES and folder.parent.name != ISSUES:
        return folder.parent.name  # issues/<paper>/<id>: output/<paper>/<id>
    if folder.parent.name == ISSUES and paper and default_paper(folder.parent) not in ("", paper):
        return paper
    return ""


def issue_output(issue_folder: Path, paper: str, output: Path | None = DEFAULT_OUTPUT) -> Path:
    """Where a build of this issue is: output/<id>, or output/<paper>/<id> for a second paper (see above)."""
    root, name = output_place(issue_folder, paper, output)
    return root / name


def output_place(issue_folder: Path, paper: str, output: Path | None = DEFAULT_OUTPUT) -> tuple[Path, str]:
    """(folder, name): the build of an issue goes to folder/name (staged_build's arguments)."""
    root = output_root(issue_folder, output)
    sub = paper_folder(issue_folder, paper)
    return (root / sub if sub else root), Path(os.path.abspath(issue_folder)).name


def output_root(issue_folder: Path, output: Path | None = DEFAULT_OUTPUT) -> Path:
    """The output folder for an issue: `output` when the user gave one, else <project>/output."""
    if output is None or output is DEFAULT_OUTPUT:
        return project_folder(issue_folder) / "output"
    return Path(output)


@dataclass(frozen=True)
class Stage:
    """A build in progress: `folder` is written now, `final` (output/<id>) is where it ends up."""

    folder: Path
    final: Path

    def final_path(self, path: Path) -> Path:
        """Where a file written into the stage will be after the swap."""
        return self.final / Path(path).relative_to(self.folder)


@contextmanager
def staged_build(root: Path, name: str, *, fresh: tuple[str, ...] = ()) -> Iterator[Stage]:
    """Write a build of `name` into a stage folder; on success it replaces root/name whole.

    fresh: sub-folders of the previous build not to carry over, because this
    build writes them anew (``print`` for a print build: a shorter issue must
    not keep the old page 12).  On any exception, KeyboardInterrupt and
    SystemExit included, the stage is removed and root/name is untouched.
    """
    root = Path(root)
    created = _make_root(root)
    try:
        with _storage(root), build_lock(root, name):
            recover(root, name)
            stage = _make_stage(root, name)
            try:
                _carry_over(root / name, stage, fresh)
                with _storage(root):
                    yield Stage(stage, root / name)
                _swap(stage, root / name)
            except BaseException:
                _remove(stage)
                raise
    except BaseException:
        if created:
            _rmdir_if_empty(root)
        raise


@contextmanager
def build_lock(root: Path, name: str) -> Iterator[None]:
    """Hold root/.<name>.lock for the duration; wait for another holder up to lock_wait() seconds.

    The lock file is removed on release.  A waiter may have opened the old file
    meanwhile, so after locking it checks that the path still names the file it
    locked, and starts again if not (the usual unlink-safe flock pattern).
    """
    path = root / f".{name}.lock"
    deadline = time.monotonic() + lock_wait()
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _try_lock(fd)
            if locked and _same_file(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        holder = _read_holder(fd)
        os.close(fd)
        if locked:  # the file was replaced under us: lock the new one
            continue
        if time.monotonic() >= deadline:
            raise OutputError(root, f"另一个排版正在进行（{name}{holder}），这次没有排 (another build is running)",
                              hint="等它结束后再运行；同一期的两个排版不能同时写同一个输出文件夹")
        if not told:
            print(f"另一个排版正在写 {root / name}{holder}，等它结束…", file=sys.stderr)
            told = True
        time.sleep(0.1)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def lock_wait() -> float:
    """Seconds to wait for another build: $LAYOUT_LOCK_WAIT (0 = do not wait), else LOCK_WAIT_S."""
    try:
        value = float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_S))
    except ValueError:
        return LOCK_WAIT_S
    return min(max(value, 0.0), 3600.0) if value == value else LOCK_WAIT_S


def recover(root: Path, name: str) -> None:
    """Under the lock: restore a previous build a kill left renamed aside, and remove dead stages."""
    final = root / name
    # Prefix matching, not glob: an issue folder's name may hold * or [.
    entries = sorted(root.iterdir(), key=lambda p: p.lstat().st_mtime)
    olds = [p for p in entries if p.name.startswith(f".{name}.old-")]
    stages = [p for p in entries if p.name.startswith(f".{name}.stage-")]
    if olds and not os.path.lexists(final):
        os.rename(olds.pop(), final)
    for leftover in olds + stages:
        _remove(leftover)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks (some network shares): build unlocked, as before
        raise


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f"，进程 {pid}" if pid.isdigit() else ""


def _make_root(root: Path) -> bool:
    """Create the output folder if needed; True when this call created it."""
    with _storage(root):
        if root.exists() and not root.is_dir():
            raise OutputError(root, "输出位置是一个文件，不是文件夹 (--output names a file)",
                              hint="--output 写一个文件夹，如 output/；或者把这个文件移走")
        if root.is_dir():
            return False
        root.mkdir(parents=True)
    return True


def _make_stage(root: Path, name: str) -> Path:
    """A new, uniquely named stage folder.  os.mkdir rather than tempfile.mkdtemp: the folder becomes
    output/<id> and must get the user's usual permissions (umask), not mkdtemp's owner-only 0700."""
    while True:
        stage = root / f".{name}.stage-{secrets.token_hex(6)}"
        try:
            stage.mkdir()
            return stage
        except FileExistsError:
            continue


def _carry_over(previous: Path, stage: Path, fresh: tuple[str, ...]) -> None:
    """Start the stage from the previous build's files: hard links (no copying), else copies."""
    if not previous.is_dir():
        return

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n.startswith(".") and n.endswith(".tmp")}
        if Path(folder) == previous:
            skip |= set(fresh) & set(names)
        return skip

    shutil.copytree(previous, stage, symlinks=True, ignore=ignore, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(src: str, dst: str) -> None:
    # A hard link is safe: every writer replaces files by rename, so the previous build's inode never changes.
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap(stage: Path, final: Path) -> None:
    """Put the stage in final's place: rename the old build aside, rename the stage in, remove the old one."""
    aside = None
    if os.path.lexists(final):
        aside = final.with_name(f".{final.name}.old-{stage.name.rsplit('-', 1)[-1]}")
        os.rename(final, aside)
    os.rename(stage, final)
    if aside is not None:
        _remove(aside)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _rmdir_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


@contextmanager
def _storage(root: Path) -> Iterator[None]:
    """Turn a storage failure while writing under root into an OutputError naming the folder."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        names = [n for n in (exc.filename, exc.filename2) if n]
        inside = any(_under(n, root) for n in names)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or (inside and exc.errno in STORAGE_ERRNOS):
            raise storage_error(root, exc) from exc
        raise


def storage_error(root: Path, exc: OSError) -> OutputError:
    """An OutputError for a failed write, saying what the editor can do about it."""
    reason = {
        errno.ENOSPC: ("磁盘已满 (no space left)", "腾出磁盘空间，或用 --output 写到别的磁盘"),
        errno.EDQUOT: ("超出磁盘配额 (quota exceeded)", "腾出空间，或用 --output 写到别的文件夹"),
        errno.EFBIG: ("文件超过了允许的大小 (file too large)", "腾出空间或放宽文件大小限制，或用 --output 写到别的磁盘"),
        errno.EROFS: ("磁盘是只读的 (read-only file system)", "用 --output 写到可写的文件夹"),
        errno.EACCES: ("没有写入权限 (permission denied)", "用 --output 写到自己的文件夹，或改文件夹权限"),
        errno.EPERM: ("没有写入权限 (operation not permitted)", "用 --output 写到自己的文件夹，或改文件夹权限"),
        errno.ENOTDIR: ("路径中有一段是文件，不是文件夹 (not a directory)", "--output 写一个文件夹"),
        errno.ENAMETOOLONG: ("路径太长 (file name too long)", "--output 写一个短一些的文件夹路径"),
    }.get(exc.errno, (f"写入失败：{exc.strerror or exc}", "检查输出文件夹，或用 --output 写到别的文件夹"))
    return OutputError(root, f"输出文件夹无法写入：{reason[0]}；上一次的排版结果没有被改动", hint=reason[1])


def _under(name: str | bytes, root: Path) -> bool:
    try:
        path = Path(os.fsdecode(name)).absolute()
        return path == root.absolute() or root.absolute() in path.parents
    except (TypeError, ValueError):
        return False
