"""`layout serve ISSUE`: start the live preview on 127.0.0.1 and rebuild whenever a file is saved."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from layout import cliargs
from layout.build import OUTPUT_DIR
from layout.errors import InputError, LayoutError
from layout.preview import DEFAULT_DPI, dpi_argument
from layout.reportview import ErrorView
from layout.serve.live import LivePreview
from layout.serve.server import PreviewServer
from layout.serve.watch import Watcher

POLL_SECONDS = 0.1


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2026-12（不写：issues/ 里最新的一期）")
    p.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 = 任选空闲端口）")
    p.add_argument("--dpi", type=dpi_argument, default=DEFAULT_DPI, help=f"图片分辨率（默认 {DEFAULT_DPI} dpi）")
    p.add_argument("--proof", metavar="STAGE", type=cliargs.stage, help="校次，如 三校（默认取 issue.yaml 的 proof_stage）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="“校样 PDF”链接写到的输出文件夹（默认 output/）")


def cli_serve(args: argparse.Namespace) -> int:
    folder = Path(args.issue)
    if not folder.is_dir():  # a broken issue.yaml is fine (the editor is about to fix it); no folder is not
        raise InputError(folder, "找不到这一期的文件夹 (issue folder not found)", hint="写 issues/2026-12 这样的路径")
    live = LivePreview(folder, args.dpi, args.proof, args.output)
    watcher = Watcher(live.roots)
    state = live.rebuild()
    try:
        server = PreviewServer(live, args.port)
    except OSError as exc:
        raise LayoutError(f"端口 {args.port} 用不了（{exc.strerror}）：换一个，如 --port 0 (port unavailable)") from None
    print(f"预览服务 (preview server): {server.url}", flush=True)
    print(state.status if state.error is None else f"{state.status}\n" + _error_text(state.error), flush=True)
    print("改稿保存后自动重排；按 Ctrl-C 停止 (Ctrl-C to stop)", flush=True)
    thread = threading.Thread(target=watch, args=(live, watcher, server), daemon=True)
    thread.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
    return 0


def watch(live: LivePreview, watcher: Watcher, server: PreviewServer) -> None:
    """The rebuild loop: poll, rebuild on change, report to the console."""
    while not server.stopping.wait(POLL_SECONDS):
        changed = watcher.poll()
        if not changed:
            continue
        server.previous = live.state
        state = live.rebuild(changed)
        print(state.status if state.error is None else f"{state.status}\n" + _error_text(state.error), flush=True)


def stop(server: PreviewServer) -> None:
    server.stopping.set()
    server.live.close()
    server.server_close()


def _error_text(error: ErrorView) -> str:
    return "\n".join(f"  错误: {e.where} {e.message}" + (f"\n    → {e.hint}" if e.hint else "") for e in error.items)
