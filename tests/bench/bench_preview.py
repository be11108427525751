"""Benchmark: with `layout serve` warm, how long from saving an article to its new page images reaching the browser.

    .venv/bin/python tests/bench/bench_preview.py [--edits 7]

Works on a copy of issues/2026-12 and its paper profile in a temp folder (the
repository is not touched).  For each edit it saves the article, waits for the
server's Server-Sent Event, reads /state.json until the page's hash changes,
then fetches the new thumbnail (what the page grid shows) and the full-size
PNG (what opening the page shows), exactly as the browser does.  Two cases:
an article that stays on its page, and the front-page lead that jumps to
page 3 (two pages redrawn).  Prints the median of each; the target is ≤ 1 s.
Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import queue
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_preview import edit_body, sample_copy, start_server  # noqa: E402  (the browser test's helpers)

def get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status}")
    return body


def listen(port: int, events: queue.Queue) -> None:
    """The browser's EventSource: push (arrival time, version) for every `update` event."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/events")
    response = conn.getresponse()
    while True:
        line = response.fp.readline().decode()
        if not line:
            return
        if line.startswith("data:"):
            events.put((time.perf_counter(), int(line[5:])))


def slots(folder: Path) -> dict[str, tuple[int, str]]:
    """article file → (page number, slot id), read from issue.yaml."""
    out, page = {}, 0
    for line in (folder / "issue.yaml").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\s*- no:\s*(\d+)", line):
            page = int(m.group(1))
        if m := re.search(r"id:\s*(\w+).*article:\s*([^,}\s]+)", line):
            out[m.group(2)] = (page, m.group(1))
    return out


def one_edit(port: int, events: queue.Queue, article: Path, page: int, add: bool) -> tuple[float, float, float]:
    """Seconds from the save to: the state naming the new image, the thumbnail fetched, the full PNG fetched."""
    old = {p["no"]: p["full"] for p in json.loads(get(port, "/state.json"))["pages"]}
    while not events.empty():
        events.get_nowait()
    saved = time.perf_counter()
    edit_body(article, add)
    while True:
        _arrived, _version = events.get(timeout=30)
        state = json.loads(get(port, "/state.json"))
        if state.get("error"):
            raise RuntimeError(state["error"])
        entry = next(p for p in state["pages"] if p["no"] == page)
        if entry["full"] != old[page]:
            break
    announced = time.perf_counter()
    get(port, entry["thumb"])
    thumb = time.perf_counter()
    get(port, entry["full"])
    full = time.perf_counter()
    return announced - saved, thumb - saved, full - saved


def bench(port: int, folder: Path, article_name: str, page: int, edits: int) -> list[tuple[float, float, float]]:
    events: queue.Queue = queue.Queue()
    threading.Thread(target=listen, args=(port, events), daemon=True).start()
    time.sleep(0.5)
    results = []
    for k in range(edits):
        time.sleep(1.5)  # an editor saves every few seconds at most; let background encoding finish
        results.append(one_edit(port, events, folder / article_name, page, add=k % 2 == 0))
        print(f"  edit {k + 1}: state {results[-1][0]:.2f} s, thumbnail {results[-1][1]:.2f} s, full PNG {results[-1][2]:.2f} s")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        folder, templates = sample_copy(Path(tmp))
        process, url = start_server(folder, templates)
        port = int(url.rsplit(":", 1)[1].strip("/"))
        try:
            where = slots(folder)
            lead = next(a for a, (p, _s) in where.items() if p == 1)
            single = next(a for a, (p, _s) in where.items() if p == 2)
            for label, name in (("one page", single), ("front-page lead, jumps to page 3", lead)):
                page = where[name][0]
                print(f"{label}: {name} (page {page})")
                results = bench(port, folder, name, page, args.edits)
                medians = [statistics.median(r[i] for r in results) for i in range(3)]
                print(f"  median of {len(results)}: state {medians[0]:.2f} s, thumbnail {medians[1]:.2f} s, "
                      f"full PNG {medians[2]:.2f} s (issue 17 target: thumbnail ≤ 0.3 s)")
        finally:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
