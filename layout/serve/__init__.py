"""`layout serve`: a live preview on 127.0.0.1 that rebuilds when an issue or paper-profile file is saved.

    Watcher (polls mtimes) ─▶ LivePreview.rebuild ─▶ compose (warm: fonts, set_paragraph cache)
                                                   ─▶ pages whose display list changed
                                                   ─▶ one PDF of just those pages ─▶ PNGs
                                                   ─▶ new LiveState ─▶ SSE "update" ─▶ live.js swaps images

Why the standard library: one editor on one machine needs a handful of GET
routes and one event stream; http.server + threading does that with nothing
to install, and Server-Sent Events are plain text over a kept-open response.
Why polling: an issue is ~50 files, a stat of all of them every 0.2 s costs
well under a millisecond, and it works the same everywhere (no inotify
dependency, no editor-specific rename tricks to handle).

A failed rebuild (broken YAML, unknown key, GBK article, missing image…)
publishes the error with the last good page images, so the editor keeps
seeing the pages while fixing the file.
"""

from __future__ import annotations

from layout.serve.cli import cli_serve, configure, stop, watch
from layout.serve.live import LivePreview, LiveState, RenderedPage, page_key
from layout.serve.server import Handler, PreviewServer, find_image, index_html, state_json
from layout.serve.watch import Watcher, changes, snapshot

__all__ = [
    "Handler", "LivePreview", "LiveState", "PreviewServer", "RenderedPage", "Watcher", "changes", "cli_serve",
    "configure", "find_image", "index_html", "page_key", "snapshot", "state_json", "stop", "watch",
]
