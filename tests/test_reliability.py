"""Issue 16 through the command line: exit codes, messages, whole builds, locks, kills, images, ICC.

Exit status: 0 done, 1 overset or failed checks, 2 bad input or an output that
cannot be written (the message names the file, line or key and the next step),
3 an internal error (details in a file the message names).  An interrupted or
failed build leaves the previous output byte for byte as it was.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

import layout.build
import layout.commands
from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout import model, outdir
from layout.build import BuildOptions, build_issue
from layout.cli import main
from layout.model.profile import TEMPLATES_DIR
from layout.preflight.pdf import check_pdf
from layout.render import color

ROOT = Path(__file__).resolve().parents[1]
FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]
PHOTO_SLOT = "{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/photo.txt}"
PHOTO_ARTICLE = NEWS.replace("【稿源】", "【图】images/photo.jpg｜宽=2栏\n【图说】改造后的楼道\n【摄影】陈立\n【稿源】")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Image cache and crash reports in tmp_path: tests never touch the user's cache."""
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache" / "images"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def photo_issue(root: Path, article: str = PHOTO_ARTICLE) -> Path:
    """issues/2026-12 under root: a front page and a page with one photo (images/photo.jpg)."""
    pages = [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, [PHOTO_SLOT])]
    return write_issue(root / "issues", pages, {"news.txt": NEWS, "short.txt": SHORT, "photo.txt": article},
                       images={"photo.jpg": (900, 600)})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".") and ("stage" in p.name or ".old-" in p.name))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


@pytest.fixture
def profile(tmp_path, monkeypatch) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR / "wutong", templates / "wutong")
    shutil.copytree(TEMPLATES_DIR / "icc", templates / "icc")
    monkeypatch.setattr(model.profile, "TEMPLATES_DIR", templates)
    return templates / "wutong"


# ---------------------------------------------------------------- exit 2: bad input names file and line or key

@pytest.mark.parametrize("old, new, words", [
    ("date: 2026-12-16", "date: 2026-02-30", ["issue.yaml:3", "date", "2026-02-30"]),
    ("number: 7", "number: !!python/name:os.system", ["issue.yaml:2", "标签"]),
    ("number: 7", "number: !custom 7", ["issue.yaml:2", "标签"]),
    ("proof_stage: 一校", "proof_stage: 一校\nx: " + "[" * 500 + "]" * 500, ["issue.yaml:7", "嵌套太深"]),
    ("role: 头条,", "role: 头条, title_size: .nan,", ["issue.yaml", "title_size"]),
])
def test_bad_issue_yaml_exits_2_naming_file_and_line(tmp_path, capsys, old, new, words):
    folder = photo_issue(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["build", str(folder)]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert "Traceback" not in err and not (tmp_path / "output").exists()


@pytest.mark.parametrize("old, new, key", [
    ("line_pitch_pt: 13.0", "line_pitch_pt: .nan", "format.line_pitch_pt"),
    ("trim_mm: [285, 420]", "trim_mm: [285, .inf]", "format.trim_mm"),
    ("margin_top_mm: 19", "margin_top_mm: -500", "format.margin_top_mm"),
    ("body_size: 小五", "body_size: .nan", "format.body_size"),
])
def test_bad_paper_yaml_exits_2_naming_the_key(tmp_path, capsys, profile, old, new, key):
    folder = photo_issue(tmp_path)
    paper = profile / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert main(["build", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "paper.yaml:" in err and key in err


def test_issue_yaml_directory_exits_2(tmp_path, capsys):
    folder = photo_issue(tmp_path)
    (folder / "issue.yaml").unlink()
    (folder / "issue.yaml").mkdir()
    assert main(["check", str(folder)]) == 1  # check reports bad input as a failed check
    assert main(["build", str(folder)]) == 2
    assert "issue.yaml" in capsys.readouterr().err


def test_figure_path_over_255_bytes_names_the_article_line(tmp_path, capsys):
    article = PHOTO_ARTICLE.replace("images/photo.jpg", "images/" + "照" * 90 + ".jpg")
    folder = photo_issue(tmp_path, article)
    assert main(["build", str(folder)]) == 2
    err = capsys.readouterr().err
    line = article.splitlines().index(next(x for x in article.splitlines() if x.startswith("【图】"))) + 1
    assert f"photo.txt:{line}" in err and "太长" in err


@pytest.mark.parametrize("args", [["--bleed", "nan"], ["--bleed", "1e9"], ["--bleed", "-50"], ["--bleed", "inf"]])
def test_bleed_must_be_a_sane_number(tmp_path, capsys, args):
    folder = photo_issue(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["build", str(folder), "--print", "--force", *args])
    assert info.value.code == 2 and "--bleed" in capsys.readouterr().err


@pytest.mark.parametrize("args, option", [
    (["--leading", "0"], "--leading"), (["--page", "nanxnan"], "--page"), (["--page", "infx370"], "--page"),
    (["--size", "nan"], "--size"), (["--columns", "0"], "--columns"), (["--margin", "-1"], "--margin"),
])
def test_galley_numbers_must_be_sane(tmp_path, capsys, args, option):
    article = tmp_path / "a.txt"
    article.write_text(NEWS, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["galley", str(article), "-o", str(tmp_path / "g.pdf"), *args])
    assert info.value.code == 2 and option in capsys.readouterr().err


def test_galley_leading_below_the_size_and_output_folder(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(NEWS, encoding="utf-8")
    assert main(["galley", str(article), "-o", str(tmp_path / "g.pdf"), "--leading", "5"]) == 2
    assert main(["galley", str(article), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--leading" in err and str(tmp_path) in err


def test_image_pixel_count_is_refused_from_the_header(tmp_path, capsys):
    """A 13000 × 13000 PNG header with a few bytes of data: refused at once, naming the 【图】 line."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 13000, 13000, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\0" * 13001 * 4)) + chunk(b"IEND", b"")
    folder = photo_issue(tmp_path)
    (folder / "images" / "photo.jpg").unlink()
    (folder / "images" / "big.png").write_bytes(png)
    (folder / "articles" / "photo.txt").write_text(PHOTO_ARTICLE.replace("photo.jpg", "big.png"), encoding="utf-8")
    start = time.perf_counter()
    assert main(["build", str(folder), "--print", "--force"]) == 2
    assert time.perf_counter() - start < 5
    err = capsys.readouterr().err
    assert "photo.txt:" in err and "13000×13000" in err and "太大" in err


# ---------------------------------------------------------------- exit 2: the output cannot be written

def test_output_naming_a_file_exits_2(tmp_path, capsys):
    folder = photo_issue(tmp_path)
    target = tmp_path / "afile"
    target.write_text("keep me", encoding="utf-8")
    assert main(["build", str(folder), "--output", str(target)]) == 2
    assert str(target) in capsys.readouterr().err and target.read_text(encoding="utf-8") == "keep me"


def test_full_disk_exits_2_and_keeps_the_previous_build(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse big writes (EFBIG), as a full disk refuses (ENOSPC)."""
    folder = photo_issue(tmp_path)
    assert main(["build", str(folder), "--print", "--force"]) == 0
    before = snapshot(tmp_path / "output" / "2026-12")

    def limit() -> None:
        import resource
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = subprocess.run([sys.executable, "-m", "layout", "build", str(folder), "--print", "--force"], cwd=ROOT, text=True,
                          capture_output=True, preexec_fn=limit, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "输出文件夹无法写入" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(tmp_path / "output" / "2026-12") == before
    assert leftovers(tmp_path / "output") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; see test_read_only_mount")
def test_read_only_output_exits_2(tmp_path):
    folder = photo_issue(tmp_path)
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = run_cli("build", str(folder), "--output", str(out))
    finally:
        out.chmod(0o755)
    assert proc.returncode == 2 and "没有写入权限" in proc.stderr, proc.stderr


def test_read_only_mount(tmp_path, capsys):
    """As root a read-only folder needs a read-only file system: a tmpfs mounted ro (skipped where mounting is not allowed)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a read-only tmpfs")
    folder = photo_issue(tmp_path)
    out = tmp_path / "ro"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(out)], capture_output=True).returncode:
        pytest.skip("mount not permitted here")
    try:
        code = main(["build", str(folder), "--output", str(out)])
    finally:
        subprocess.run(["umount", str(out)], check=True)
    err = capsys.readouterr().err
    assert code == 2 and "只读" in err, err


# ---------------------------------------------------------------- whole builds

def test_image_failing_while_drawing_leaves_the_previous_build(tmp_path, capsys):
    folder = photo_issue(tmp_path)
    assert main(["build", str(folder)]) == 0 and main(["build", str(folder), "--print", "--force"]) == 0
    out = tmp_path / "output"
    before = snapshot(out / "2026-12")
    assert {"2026-12-proof.pdf", "print/01.pdf", "print/02.pdf", "print/2026-12.pdf"} <= set(before)
    truncate(folder / "images" / "photo.jpg")  # the header still reads: only decoding fails, while drawing page 2
    color._MEMO.clear()
    line = PHOTO_ARTICLE.splitlines().index("【图】images/photo.jpg｜宽=2栏") + 1
    for args in ([], ["--print", "--force"]):
        assert main(["build", str(folder), *args]) == 2
        assert f"photo.txt:{line}" in capsys.readouterr().err
        assert snapshot(out / "2026-12") == before and leftovers(out) == []


def test_first_build_failing_leaves_no_output_folder(tmp_path, capsys):
    folder = photo_issue(tmp_path)
    truncate(folder / "images" / "photo.jpg")
    assert main(["build", str(folder)]) == 2
    assert not (tmp_path / "output").exists()


def test_interrupted_print_keeps_every_old_page(tmp_path, monkeypatch):
    folder = photo_issue(tmp_path)
    assert main(["build", str(folder), "--print", "--force"]) == 0
    out = tmp_path / "output"
    before = snapshot(out / "2026-12")
    calls = []
    real = layout.build.write_pdf

    def interrupted(*args, **kw):
        calls.append(args[1])
        if len(calls) == 2:  # page 01 written, then Ctrl-C while page 02 is written
            raise KeyboardInterrupt
        return real(*args, **kw)

    monkeypatch.setattr(layout.build, "write_pdf", interrupted)
    (folder / "articles" / "short.txt").write_text(SHORT.replace("两荤两素", "三荤两素"), encoding="utf-8")
    assert main(["build", str(folder), "--print", "--force"]) == 130
    assert snapshot(out / "2026-12") == before and leftovers(out) == []


def test_print_build_replaces_print_files_and_keeps_the_rest(tmp_path):
    folder = photo_issue(tmp_path)
    out = tmp_path / "output" / "2026-12"
    build_issue(folder, BuildOptions())
    build_issue(folder, BuildOptions(print_pdf=True, force=True))
    (out / "print" / "09.pdf").write_bytes(b"left from a longer issue")
    (out / "preview").mkdir()
    (out / "preview" / "page-1.png").write_bytes(b"png")
    (out / ".report.txt.tmp").write_bytes(b"stale")
    proof = (out / "2026-12-proof.pdf").read_bytes()
    build_issue(folder, BuildOptions(print_pdf=True, force=True))
    assert not (out / "print" / "09.pdf").exists() and not (out / ".report.txt.tmp").exists()
    assert (out / "preview" / "page-1.png").read_bytes() == b"png" and (out / "2026-12-proof.pdf").read_bytes() == proof


def test_stale_stage_and_aside_folders_are_cleaned(tmp_path):
    folder = photo_issue(tmp_path)
    out = tmp_path / "output"
    build_issue(folder, BuildOptions())
    before = snapshot(out / "2026-12")
    # a build killed between its two renames: the previous build renamed aside, no output/2026-12
    os.rename(out / "2026-12", out / ".2026-12.old-dead01")
    (out / ".2026-12.stage-dead02").mkdir()
    (out / ".2026-12.stage-dead02" / "report.txt").write_text("half", encoding="utf-8")
    outdir.recover(out, "2026-12")
    assert snapshot(out / "2026-12") == before and leftovers(out) == []
    (out / ".2026-12.stage-dead03").mkdir()
    build_issue(folder, BuildOptions())
    assert leftovers(out) == [] and not (out / ".2026-12.lock").exists()


def _kill_mid_build(tmp_path: Path, sig: int) -> tuple[int, Path, dict[str, bytes]]:
    folder = photo_issue(tmp_path)
    out = tmp_path / "output"
    assert main(["build", str(folder), "--print", "--force"]) == 0
    before = snapshot(out / "2026-12")
    # The killed build has new text: had any of its files reached output/2026-12, the snapshot would differ.
    (folder / "articles" / "short.txt").write_text(SHORT.replace("两荤两素", "三荤两素"), encoding="utf-8")
    for _attempt in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "layout", "build", str(folder), "--print", "--force"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None and not list(out.glob(".2026-12.stage-*/print/01.pdf")):
            time.sleep(0.002)
        if proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(timeout=60)
            err = proc.stderr.read().decode("utf-8", "replace")
            proc.stderr.close()
            assert "Traceback" not in err, err
            return proc.returncode, out, before
        proc.stderr.close()
    pytest.fail("the build always finished before it could be killed")


def test_sigkill_mid_print_leaves_the_previous_build(tmp_path):
    code, out, before = _kill_mid_build(tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert snapshot(out / "2026-12") == before
    assert leftovers(out)  # the killed build's stage; the next build removes it
    assert main(["build", str(out.parent / "issues" / "2026-12"), "--print", "--force"]) == 0
    assert leftovers(out) == [] and snapshot(out / "2026-12") != before


def test_sigterm_mid_print_cleans_up_after_itself(tmp_path):
    code, out, before = _kill_mid_build(tmp_path, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert snapshot(out / "2026-12") == before and leftovers(out) == []


def test_concurrent_builds_of_one_issue_all_succeed(tmp_path):
    folder = photo_issue(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-m", "layout", "build", str(folder)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=180), p.stderr.read()) for p in procs]
    for p in procs:
        p.stderr.close()
    assert [code for code, _err in results] == [0, 0, 0], results
    assert not any("Traceback" in err for _code, err in results)
    out = tmp_path / "output"
    assert leftovers(out) == [] and sorted(p.name for p in (out / "2026-12").iterdir()) == [
        "2026-12-proof.pdf", "report.json", "report.txt", "stages"]


def test_another_build_running_is_a_clear_exit_2(tmp_path, capsys, monkeypatch):
    folder = photo_issue(tmp_path)
    out = tmp_path / "output"
    out.mkdir()
    monkeypatch.setenv("LAYOUT_LOCK_WAIT", "0")
    with outdir.build_lock(out, "2026-12"):
        assert main(["build", str(folder)]) == 2
    assert "另一个排版正在进行" in capsys.readouterr().err and not (out / "2026-12").exists()
    assert main(["build", str(folder)]) == 0


# ---------------------------------------------------------------- exit 3: internal errors

def test_internal_error_exits_3_with_a_details_file(tmp_path, capsys, monkeypatch):
    def broken(*_args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(layout.commands, "build_issue", broken)
    assert main(["build", str(photo_issue(tmp_path))]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "ZeroDivisionError" in err and "Traceback" not in err
    crash = Path(err.split("详情写在 ")[1].split("；")[0])
    assert crash.parent == tmp_path / "cache" / "shequbao-layout" / "crashes"
    assert "Traceback" in crash.read_text(encoding="utf-8") and "a bug" in crash.read_text(encoding="utf-8")


# ---------------------------------------------------------------- where files go

def test_output_belongs_to_the_project_folder_not_the_working_directory(tmp_path, monkeypatch):
    folder = photo_issue(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    color._MEMO.clear()  # converted in this process already: it would not reach the disk cache again
    assert main(["build", str(folder), "--print", "--force"]) == 0
    assert (tmp_path / "project" / "output" / "2026-12" / "print" / "2026-12.pdf").exists()
    assert list(elsewhere.iterdir()) == []  # no output/, no output/.cache here
    assert list((tmp_path / "cache" / "images").glob("*.bin"))  # the converted photo went to the cache folder
    assert outdir.output_root(Path("x/issues/2026-12")) == Path(os.path.abspath("x")) / "output"
    assert outdir.output_root(Path("x/2026-12")) == Path(os.path.abspath("x")) / "output"


def test_default_image_cache_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("LAYOUT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert color.default_cache_dir() == tmp_path / "xdg" / "shequbao-layout" / "images"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert color.default_cache_dir() == tmp_path / "home" / ".cache" / "shequbao-layout" / "images"



def test_compiled_templates_cache_never_fails_a_build(tmp_path, monkeypatch):
    """Jinja's compiled templates live in the user's cache folder: damaged entries are compiled again,
    and a cache folder that cannot be made means no cache, not an error."""
    from layout import templates

    folder = ROOT / "templates" / "wutong"
    templates._environment.cache_clear()
    first = templates.fragment(folder, "jump", "to", page=3)
    entries = list((tmp_path / "cache" / "shequbao-layout" / "templates").glob("__jinja2_*"))
    assert entries and "3" in first
    import jinja2.bccache

    for entry in entries:  # Jinja's own header, then what pickle cannot read
        entry.write_bytes(jinja2.bccache.bc_magic + b"\x80\x05garbage" + bytes(range(256)))
    templates._environment.cache_clear()
    assert templates.fragment(folder, "jump", "to", page=3) == first
    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    templates._environment.cache_clear()
    assert templates.fragment(folder, "jump", "to", page=3) == first
    templates._environment.cache_clear()


# ---------------------------------------------------------------- images for print, the ICC profile

def _deep_images(folder: Path) -> list[str]:
    ramp = Image.linear_gradient("L").resize((600, 400))
    ramp.convert("I").point(lambda v: v * 257).convert("I;16").save(folder / "images" / "grey16.png")
    ramp.convert("F").point(lambda v: v / 255).save(folder / "images" / "float32.tif")
    ramp.convert("I").point(lambda v: v * 257).save(folder / "images" / "int32.tif")
    ramp.convert("RGB").convert("LAB").save(folder / "images" / "lab.tif")
    return ["grey16.png", "float32.tif", "int32.tif", "lab.tif"]


def test_deep_grey_float_and_lab_images_print(tmp_path):
    folder = photo_issue(tmp_path)
    names = _deep_images(folder)
    figures = "".join(f"【图】images/{n}｜宽=1栏｜高=8行\n" for n in names)
    (folder / "articles" / "photo.txt").write_text(NEWS.replace("【稿源】", figures + "【稿源】"), encoding="utf-8")
    result = build_issue(folder, BuildOptions(print_pdf=True, force=True))
    errors = [f for f in check_pdf(result.pdf, standard="x1a", trim_mm=(285, 420), ink=False) if f.severity == "error"]
    assert not errors, errors
    spaces = set(pdf_images(result.pdf))
    assert spaces <= {"/DeviceCMYK", "/DeviceGray"}  # DeviceGray: the 1-bit QR codes stay on the K plate
    assert "/DeviceCMYK" in spaces
    assert sum(len(r.images) for r in result.layout.reports) == len(names)  # all four placed (equal greys share one XObject)


def pdf_images(path: Path) -> list[str]:
    """The colour space of every image XObject."""
    with pikepdf.open(path) as pdf:
        return [str(o.get("/ColorSpace")) for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]


@pytest.mark.parametrize("name", ["grey16.png", "float32.tif", "int32.tif", "lab.tif"])
def test_deep_images_keep_their_greys(tmp_path, name):
    """Mid-grey stays mid-grey in every route: same K as the 8-bit ramp, within a few levels."""
    (tmp_path / "images").mkdir()
    _deep_images(tmp_path)
    Image.linear_gradient("L").resize((600, 400)).save(tmp_path / "images" / "grey8.png")
    reference = Image.open(io.BytesIO(color.prepare_image(tmp_path / "images" / "grey8.png", for_print=True).data))
    prepared = color.prepare_image(tmp_path / "images" / name, for_print=True)
    assert prepared.mode == "CMYK"
    got = Image.open(io.BytesIO(prepared.data))
    for y in (50, 200, 350):
        assert abs(got.getpixel((300, y))[3] - reference.getpixel((300, y))[3]) <= 8, (name, y)


def test_configured_icc_profile_converts_the_photos(tmp_path, profile, monkeypatch):
    folder = photo_issue(tmp_path)
    shutil.copy(profile.parent / "icc" / "newsprint-tr002-tac240.icc", profile / "plant.icc")
    paper = profile / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("bleed_mm: 0", "bleed_mm: 0\n  icc_profile: plant.icc"),
                     encoding="utf-8")
    seen = []
    real = color.prepare_image

    def spy(path, **kw):
        seen.append(kw.get("profile"))
        return real(path, **kw)

    monkeypatch.setattr(color, "prepare_image", spy)
    build_issue(folder, BuildOptions(print_pdf=True, force=True))
    assert seen and all(p == profile / "plant.icc" for p in seen)


GS_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


@pytest.mark.skipif(not GS_CMYK.exists(), reason="needs a second CMYK profile (Ghostscript's default_cmyk.icc)")
def test_a_different_icc_profile_changes_the_photo_not_the_text(tmp_path, profile):
    folder = photo_issue(tmp_path)
    default = build_issue(folder, BuildOptions(print_pdf=True, force=True)).pdf.read_bytes()
    shutil.copy(GS_CMYK, profile / "plant.icc")
    paper = profile / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("bleed_mm: 0", "bleed_mm: 0\n  icc_profile: plant.icc"),
                     encoding="utf-8")
    pdf = build_issue(folder, BuildOptions(print_pdf=True, force=True, output=tmp_path / "b")).pdf

    def photos(data: bytes) -> list[bytes]:
        with pikepdf.open(io.BytesIO(data)) as doc:
            return [o.read_raw_bytes() for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]

    assert photos(pdf.read_bytes()) != photos(default)
    with pikepdf.open(pdf) as doc:
        intent = doc.Root.OutputIntents[0]
        assert intent.DestOutputProfile.read_bytes() == GS_CMYK.read_bytes()


# ---------------------------------------------------------------- layout check after a bad print

def test_check_reads_nan_page_boxes_as_a_failed_check(tmp_path, capsys):
    """What `--print --bleed nan` used to write: ReportLab prints NaN boxes as `[nan nan nan nan]`."""
    folder = photo_issue(tmp_path)
    bad = tmp_path / "nan.pdf"
    canvas = Canvas(str(bad), pagesize=(800, 1200))
    canvas.setTrimBox((float("nan"),) * 4)
    canvas.setBleedBox((float("nan"),) * 4)
    canvas.showPage()
    canvas.save()
    assert b"nan" in bad.read_bytes()
    assert main(["check", str(folder), "--pdf", str(bad), "--no-ink"]) == 1
    out = capsys.readouterr().out
    assert "boxes.invalid" in out and "TrimBox" in out


def test_check_flags_a_page_larger_than_pdf_allows(tmp_path):
    bad = tmp_path / "huge.pdf"
    canvas = Canvas(str(bad), pagesize=(20_000, 1200))
    canvas.setTrimBox((0, 0, 800, 1200))
    canvas.showPage()
    canvas.save()
    assert [f for f in check_pdf(bad, standard="none", ink=False) if f.check == "boxes.media" and f.severity == "error"]


# ---------------------------------------------------------------- the command line as editors run it

@pytest.mark.parametrize("edit", [
    lambda f: (f / "issue.yaml").write_text((f / "issue.yaml").read_text(encoding="utf-8").replace(
        "date: 2026-12-16", "date: 2026-02-30"), encoding="utf-8"),
    lambda f: (f / "issue.yaml").write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{k}: &a{k} [{', '.join([f'*a{k - 1}' if k > 1 else '*a'] * 10)}]\n" for k in range(1, 10)), encoding="utf-8"),
    lambda f: (f / "issue.yaml").write_text((f / "issue.yaml").read_text(encoding="utf-8").replace(
        "photo.txt}", "../../../../../../etc/hostname}"), encoding="utf-8"),
])
def test_cli_subprocess_never_shows_a_traceback(tmp_path, edit):
    folder = photo_issue(tmp_path)
    edit(folder)
    start = time.perf_counter()
    proc = run_cli("build", str(folder))
    assert time.perf_counter() - start < 30
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "issue.yaml" in proc.stderr, proc.stderr


def test_icc_profile_littlecms_cannot_use_is_exit_2_before_building(tmp_path, profile, capsys):
    """A profile whose header is right but whose tables are garbage: refused before anything is written."""
    folder = photo_issue(tmp_path)
    data = bytearray((profile.parent / "icc" / "newsprint-tr002-tac240.icc").read_bytes())
    data[200:4000] = b"\xff" * 3800
    (profile / "plant.icc").write_bytes(bytes(data))
    paper = profile / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("bleed_mm: 0", "bleed_mm: 0\n  icc_profile: plant.icc"),
                     encoding="utf-8")
    assert main(["build", str(folder), "--print", "--force"]) == 2
    err = capsys.readouterr().err
    assert "paper.yaml: print.icc_profile" in err and "plant.icc" in err
    assert not (tmp_path / "output").exists()


def test_over_long_issue_or_output_paths_exit_2(tmp_path, capsys):
    folder = photo_issue(tmp_path)
    assert main(["build", str(tmp_path / ("a" * 300))]) == 2
    assert main(["build", str(folder), "--output", str(tmp_path / ("b" * 300))]) == 2
    err = capsys.readouterr().err
    assert "a" * 50 in err and "路径太长" in err and "内部错误" not in err
