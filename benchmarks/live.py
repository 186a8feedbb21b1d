"""Live preview: from saving a post to its page rebuilt, under sphinx-autobuild.

``python -m benchmarks.live --size 2000`` builds each flavour (plain Sphinx,
sphinx-blogarchive) once, starts ``sphinx-autobuild`` on it (serving on
127.0.0.1, a free port, no browser), and for each change, in turn: a post's
body edited, a post added, a post re-tagged, saves the file and measures

- *page*: seconds until the changed post's HTML file is written again (the
  page a writer looks at), and
- *done*: seconds until sphinx-autobuild reports the build finished (when it
  tells the browser to reload; the generated pages and feeds are written by
  then).

Each change is timed *--runs* times (the edit and the re-tag undone and
redone, the added post removed and added again), flavours alternating.
Prints a Markdown table; the figures are wall-clock times on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import corpus
from .run import HERE, LABELS, Site, emit

if TYPE_CHECKING:
    from collections.abc import Callable

CHANGES = ("edit", "add", "retag")
#: What sphinx-autobuild prints when a build has finished (and the browser reloads).
READY = "Serving on"


class Server:
    """sphinx-autobuild on one flavour's site; its output lines, time-stamped."""

    def __init__(self, site: Site) -> None:
        self.site = site
        command = [
            sys.executable,
            "-m",
            "sphinx_autobuild",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "-q",
            "-d",
            str(site.out / "doctrees"),
            str(site.src),
            str(site.out / "html"),
        ]
        self.proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_ready(timeout=1800)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_ready(self, timeout: float) -> float:
        """The time of the next line saying a build finished."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SystemExit("sphinx-autobuild did not finish a build in time")
            stamp, line = self.lines.get(timeout=left)
            if READY in line:
                return stamp

    def settle(self) -> None:
        """Wait until builds stop coming (undoing a change may take two)."""
        self.wait_ready(timeout=600)
        while True:
            try:
                self.wait_ready(timeout=5)
            except (queue.Empty, SystemExit):
                return

    def stop(self) -> None:
        """End sphinx-autobuild (and the build it may be running)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def measure(server: Server, page: Path, change: Callable[[], object]) -> tuple[float, float]:
    """Apply *change*, return (seconds to *page* written, seconds to the build's end)."""
    while not server.lines.empty():  # forget earlier output
        server.lines.get_nowait()
    before = _mtime(page)
    start = time.perf_counter()
    change()
    written = None
    while written is None:
        if _mtime(page) != before:
            written = time.perf_counter()
        elif time.perf_counter() - start > 600:
            raise SystemExit(f"{page} was not written again")
        else:
            time.sleep(0.01)
    done = server.wait_ready(timeout=600)
    return written - start, max(done, written) - start


def run(size: int, runs: int, flavours: list[str], work: Path, seed: int) -> str:
    """Measure every flavour; return the Markdown table."""
    root = work / f"live-{size}"
    pristine = root / "corpus"
    shutil.rmtree(root, ignore_errors=True)
    corpus.generate(pristine, size, None, seed)
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    servers = {}
    for flavour in flavours:
        site = Site(root, flavour, pristine, size, None)
        site.reset()
        servers[flavour] = Server(site)
    try:
        for _ in range(runs):
            for flavour, server in servers.items():
                site = server.site
                edited = site.post(size // 2 + 1)
                retagged = site.post(size // 3 + 1)
                html = site.out / "html"
                original = {p: p.read_text(encoding="utf-8") for p in (edited, retagged)}
                newest = corpus.START + dt.timedelta(days=corpus.DAYS)
                added = site.src / "posts" / str(newest.year) / "post-added.md"
                steps = {
                    "edit": (edited, functools.partial(corpus.edit_body, edited)),
                    "add": (added, functools.partial(corpus.new_post, site.src, size)),
                    "retag": (retagged, functools.partial(corpus.retag, retagged, size)),
                }
                for change in CHANGES:
                    source, apply = steps[change]
                    page = html / source.relative_to(site.src).with_suffix(".html")
                    results.setdefault((flavour, change), []).append(measure(server, page, apply))
                # Undo, so that the next run makes the same changes.
                for path, text in original.items():
                    path.write_text(text, encoding="utf-8")
                added.unlink(missing_ok=True)
                server.settle()
    finally:
        for server in servers.values():
            server.stop()
    rows = [
        f"Live preview at N = {size} (`sphinx-autobuild`, {runs} runs, medians): seconds from "
        "saving the post to its page written, and to the build's end (the browser reloads).",
        "",
        "| change | flavour | page written s | build done s | × plain (done) |",
        "|---|---|--:|--:|--:|",
    ]
    for change in CHANGES:
        plain = results.get(("plain", change))
        for flavour in flavours:
            values = results[(flavour, change)]
            page = statistics.median(v[0] for v in values)
            done = statistics.median(v[1] for v in values)
            ratio = f"{done / statistics.median(v[1] for v in plain):.2f}" if plain else "–"
            rows.append(f"| {change} | {LABELS[flavour]} | {page:.2f} | {done:.2f} | {ratio} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--flavours", default="plain,ours")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--output", type=Path, default=None, help="write the table here too")
    args = parser.parse_args(argv)
    text = run(args.size, args.runs, args.flavours.split(","), args.work, args.seed)
    emit(text, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
