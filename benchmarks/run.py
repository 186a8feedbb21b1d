"""Run the benchmark: plain Sphinx, sphinx-blogarchive and ABlog on the same posts.

``python -m benchmarks.run --sizes 42,500 --runs 3`` (or ``nox -s bench -- ...``)
generates the corpus once per size, copies the same post files into one source
folder per flavour, and for each repetition runs every mode for every flavour
in turn (the flavours' order rotates between repetitions), so that load on a
shared machine falls on all flavours alike. It prints one Markdown table per
size and writes it to ``benchmarks/results/<date>-<N>.md``.

Measured per build: wall time (median over the runs), peak RSS (``/usr/bin/time``
``%M``: the largest process of the sphinx-build tree), documents read (counted
by a tiny probe extension on ``source-read``, in all flavours), output files
written (new or with a changed mtime, in the HTML folder) and warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import corpus, floor

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
FLAVOURS = ("plain", "ours", "ablog", "floor")
#: Posts per listing page in the ``ours`` flavour, and the floor's pages.
PER_PAGE = 10
MODES = ("full", "full-j2", "no-change", "edit", "retag", "add", "delete")
#: ``{N: [wall seconds]}`` of ``sphinx-blogarchive check`` on each corpus.
CHECK_TIMES: dict[int, list[float]] = {}
LABELS = {
    "plain": "plain Sphinx",
    "ours": "sphinx-blogarchive",
    "ablog": "ABlog",
    "floor": "floor: plain + listing documents",
}
#: Flavours built in the full modes only (the floor's listings are fixed documents).
FULL_ONLY = frozenset({"floor"})
TIME = Path("/usr/bin/time")

PROBE = '''\
"""Benchmark probe: log each document read and the serial tail; mark posts orphan (plain)."""

import os
import time

_TAIL = {}


def _tail_start(app):
    # html-collect-pages runs after the (parallel) write: what follows is serial.
    _TAIL.setdefault("start", time.perf_counter())
    return []


def _tail_end(app, exception):
    path = os.environ.get("BENCH_TAIL_LOG")
    if path and "start" in _TAIL:
        with open(path, "w", encoding="utf-8") as log:
            log.write(f"{time.perf_counter() - _TAIL['start']:.3f}\\n")


def _read(app, docname, source):
    path = os.environ.get("BENCH_READ_LOG")
    if path:  # set by the runner; a build by hand logs nothing
        with open(path, "a", encoding="utf-8") as log:
            log.write(docname + "\\n")


def _orphan(app, doctree):
    docname = app.env.docname
    if app.config.bench_orphan_posts and docname.startswith("posts/"):
        app.env.metadata[docname]["orphan"] = True


def setup(app):
    app.add_config_value("bench_orphan_posts", False, "env")
    app.connect("source-read", _read)
    app.connect("doctree-read", _orphan)
    app.connect("html-collect-pages", _tail_start, priority=1)
    app.connect("build-finished", _tail_end, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

COMMON = """\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
project = "Bench blog"
author = "Bench"
copyright = "2026, Bench"
extensions = ["myst_parser", "_bench_probe"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_title = "Bench blog"
html_show_sourcelink = False
html_baseurl = "https://bench.example.org/"
"""

CONF = {
    "plain": COMMON
    + """
bench_orphan_posts = True
html_sidebars = {"index": [], "posts/**": []}
html_theme_options = {"secondary_sidebar_items": {"posts/**": ["page-toc"]}}
""",
    # The site's configuration (docs/conf.py), with every listing paginated.
    "ours": COMMON
    + """
extensions.append("sphinx_blogarchive")
blogarchive_title = "Bench blog"
blogarchive_posts_per_page = 10
blogarchive_pagination = "stable"
blogarchive_listing_fields = ["date", "subtitle", "tags"]
html_sidebars = {"index": [], "posts/**": [], "blog/**": []}
html_theme_options = {
    "secondary_sidebar_items": {
        "index": ["blogarchive/sidebar-tags.html", "blogarchive/sidebar-years.html"],
        "posts/**": [
            "page-toc",
            "blogarchive/sidebar-recent.html",
            "blogarchive/sidebar-tags.html",
        ],
        "blog/**": ["blogarchive/sidebar-years.html", "blogarchive/sidebar-tags.html"],
    },
}
""",
    # Plain Sphinx building, besides the posts, one ordinary document for each
    # page sphinx-blogarchive generates, each a list of the same links (see
    # floor.py), with the sidebars the extension's pages have.
    "floor": COMMON
    + """
bench_orphan_posts = True
html_sidebars = {"index": [], "posts/**": [], "blog/**": []}
html_theme_options = {"secondary_sidebar_items": {"posts/**": ["page-toc"], "blog/**": []}}
""",
    # As ABlog's documentation says: posts marked by ``blogpost: true``, feeds
    # on (per tag, category and author too, like sphinx-blogarchive's), its
    # sidebars on the blog's pages, Font Awesome declared as included.
    "ablog": COMMON
    + """
extensions.append("ablog")
blog_path = "blog"
blog_title = "Bench blog"
blog_baseurl = "https://bench.example.org/"
blog_feed_archives = True
fontawesome_included = True
_ablog = [
    "ablog/postcard.html",
    "ablog/recentposts.html",
    "ablog/tagcloud.html",
    "ablog/categories.html",
    "ablog/archives.html",
]
html_sidebars = {"index": [], "posts/**": _ablog, "blog/**": _ablog, "blog": _ablog}
html_theme_options = {"secondary_sidebar_items": {"posts/**": ["page-toc"]}}
""",
}

INDEX = """\
# Bench blog

Synthetic posts for the benchmark of sphinx-blogarchive.
"""


@dataclass
class Result:
    """One build."""

    size: int
    flavour: str
    mode: str
    run: int
    wall: float
    rss_kib: int
    read: int
    written: int
    removed: int
    warnings: int
    returncode: int
    #: Seconds from ``html-collect-pages`` (the end of the parallel write) to
    #: the end of the build: generated pages, indices, feeds, serial.
    tail: float = 0.0
    #: Size in bytes of the largest HTML page under ``blog/`` (generated pages).
    largest_page: int = 0


class Site:
    """One flavour's source and output folders."""

    def __init__(self, root: Path, flavour: str, pristine: Path, n: int, tags: int | None) -> None:
        self.flavour = flavour
        self.root = root / flavour
        self.src = self.root / "src"
        self.out = self.root / "build"
        self.pristine = pristine
        self.n = n
        self.tags = tags

    def reset(self) -> None:
        """Fresh sources (the pristine posts) and no output."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.src.mkdir(parents=True)
        shutil.copytree(self.pristine / "posts", self.src / "posts")
        (self.src / "conf.py").write_text(CONF[self.flavour], encoding="utf-8")
        (self.src / "_bench_probe.py").write_text(PROBE, encoding="utf-8")
        (self.src / "index.md").write_text(INDEX, encoding="utf-8")
        if self.flavour == "floor":
            floor.write_listings(self.src, PER_PAGE)

    def post(self, number: int) -> Path:
        """The source file of post *number* (1-based, creation order)."""
        return next((self.src / "posts").glob(f"*/post-{number:05d}.md"))

    def change(self, mode: str) -> None:
        """Make the source change of *mode*."""
        if mode == "edit":
            corpus.edit_body(self.post(self.n // 2 + 1))
        elif mode == "retag":
            corpus.retag(self.post(self.n // 3 + 1), self.n, self.tags)
        elif mode == "add":
            corpus.new_post(self.src, self.n, self.tags)
        elif mode == "delete":
            self.post(self.n // 4 + 1).unlink()

    def snapshot(self) -> dict[str, int]:
        """Modification times (ns) of the HTML output's files, by relative path."""
        html = self.out / "html"
        if not html.is_dir():
            return {}
        return {
            str(path.relative_to(html)): path.stat().st_mtime_ns
            for path in html.rglob("*")
            if path.is_file()
        }

    def build(self, mode: str, run: int) -> Result:
        """Make *mode*'s change, build, measure."""
        if mode.startswith("full"):
            shutil.rmtree(self.out, ignore_errors=True)
        else:
            self.change(mode)
        before = self.snapshot()
        log = self.root / "read.log"
        log.write_text("", encoding="utf-8")
        rss = self.root / "rss.txt"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(self.out / "doctrees")]
        if mode == "full-j2":
            command += ["-j", "2"]
        command += [str(self.src), str(self.out / "html")]
        if TIME.exists():
            command = [str(TIME), "-f", "%M", "-o", str(rss), *command]
        tail_log = self.root / "tail.log"
        tail_log.unlink(missing_ok=True)
        env = {**os.environ, "BENCH_READ_LOG": str(log), "BENCH_TAIL_LOG": str(tail_log)}
        start = time.perf_counter()
        proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        after = self.snapshot()
        warnings = proc.stderr.count("WARNING")
        if proc.returncode:
            sys.stderr.write(proc.stderr[-3000:])
        (self.root / f"{mode}.stderr").write_text(proc.stderr, encoding="utf-8")
        rss_kib = 0
        if rss.exists():
            lines = rss.read_text(encoding="utf-8").split()
            rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        return Result(
            size=self.n,
            flavour=self.flavour,
            mode=mode,
            run=run,
            wall=wall,
            rss_kib=rss_kib,
            read=len(log.read_text(encoding="utf-8").split()),
            written=sum(1 for k, v in after.items() if before.get(k) != v),
            removed=sum(1 for k in before if k not in after),
            warnings=warnings,
            returncode=proc.returncode,
            tail=float(tail_log.read_text(encoding="utf-8")) if tail_log.exists() else 0.0,
            largest_page=max(
                (p.stat().st_size for p in (self.out / "html" / "blog").rglob("*.html")),
                default=0,
            ),
        )


def emit(text: str, output: Path | None) -> None:
    """Print *text*, and write it to *output* too when given."""
    print(text)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


def versions() -> str:
    """Python and the benchmarked packages' versions."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()}"]
    for name in ("sphinx", "sphinx-blogarchive", "ablog", "pydata-sphinx-theme", "myst-parser"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} (not installed)")
    return ", ".join(parts)


def table(results: list[Result], flavours: list[str], modes: list[str]) -> str:
    """The Markdown table: medians, and ratios to plain and to ABlog.

    A ratio is the median of the ratios within each run (the flavours of one
    run and mode are built one after the other, under the same load), not
    the ratio of the medians.
    """

    def of(flavour: str, mode: str) -> list[Result]:
        return [r for r in results if r.flavour == flavour and r.mode == mode]

    def median(flavour: str, mode: str, attr: str) -> float:
        return float(statistics.median(getattr(r, attr) for r in of(flavour, mode)))

    def ratio(flavour: str, base: str, mode: str, attr: str) -> str:
        theirs = {r.run: getattr(r, attr) for r in of(base, mode)}
        values = [getattr(r, attr) / theirs[r.run] for r in of(flavour, mode) if theirs.get(r.run)]
        return f"{statistics.median(values):.2f}" if values else "–"

    rows = [
        "| mode | flavour | runs | wall s (median) | × plain | × ABlog | × floor | peak RSS MiB "
        "| RSS × plain | RSS × ABlog | docs read | files written | files removed | warnings "
        "| serial tail s | largest blog page kB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for mode in modes:
        for flavour in flavours:
            mine = of(flavour, mode)
            if not mine:
                continue
            rows.append(
                f"| {mode} | {LABELS[flavour]} | {len(mine)} | {median(flavour, mode, 'wall'):.2f} "
                f"| {ratio(flavour, 'plain', mode, 'wall')} "
                f"| {ratio(flavour, 'ablog', mode, 'wall')} "
                f"| {ratio(flavour, 'floor', mode, 'wall')} "
                f"| {median(flavour, mode, 'rss_kib') / 1024:.0f} "
                f"| {ratio(flavour, 'plain', mode, 'rss_kib')} "
                f"| {ratio(flavour, 'ablog', mode, 'rss_kib')} "
                f"| {median(flavour, mode, 'read'):g} | {median(flavour, mode, 'written'):g} "
                f"| {median(flavour, mode, 'removed'):g} "
                f"| {max(r.warnings for r in mine)} "
                f"| {median(flavour, mode, 'tail'):.2f} "
                f"| {median(flavour, mode, 'largest_page') / 1000:.1f} |"
            )
    return "\n".join(rows)


def time_check(pristine: Path, runs: int) -> list[float]:
    """Wall times of ``sphinx-blogarchive check`` over the corpus (no Sphinx build).

    The command validates every post's metadata with the functions a build
    uses (issue 5); its exit status is 0 for the generated corpus.
    """
    walls = []
    command = [sys.executable, "-m", "sphinx_blogarchive", "check", "--no-conf", str(pristine)]
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - started)
        if proc.returncode != 0:
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"check failed with exit status {proc.returncode}")
    return walls


def run_size(
    n: int,
    runs: int,
    flavours: list[str],
    modes: list[str],
    work: Path,
    tags: int | None,
    seed: int,
    report: Callable[[list[Result]], None],
) -> list[Result]:
    """All repetitions at one size; flavours interleaved within each mode.

    *report* is called after every build with the results so far, so that an
    interrupted run still leaves its table.
    """
    root = work / str(n)
    pristine = root / "corpus"
    shutil.rmtree(pristine, ignore_errors=True)
    corpus.generate(pristine, n, tags, seed)
    sites = {f: Site(root, f, pristine, n, tags) for f in flavours}
    results: list[Result] = []
    for run in range(runs):
        order = flavours[run % len(flavours) :] + flavours[: run % len(flavours)]
        for site in sites.values():
            site.reset()
        for mode in modes:
            for flavour in order:
                if flavour in FULL_ONLY and not mode.startswith("full"):
                    continue
                result = sites[flavour].build(mode, run)
                results.append(result)
                print(
                    f"N={n} run {run + 1}/{runs} {mode:9} {flavour:5} {result.wall:8.2f} s "
                    f"rss {result.rss_kib / 1024:6.0f} MiB read {result.read:6} "
                    f"written {result.written:6} warnings {result.warnings}"
                    + (f" EXIT {result.returncode}" if result.returncode else ""),
                    flush=True,
                )
                report(results)
    if "ours" in flavours:
        walls = time_check(pristine, runs)
        CHECK_TIMES[n] = walls
        print(f"N={n} check: median {statistics.median(walls):.2f} s over {runs} runs", flush=True)
    return results


def document(
    n: int,
    runs: int,
    flavours: list[str],
    modes: list[str],
    args: argparse.Namespace,
    started: dt.datetime,
    results: list[Result],
    *,
    partial: bool = False,
) -> str:
    """The Markdown results file of one size."""
    done = sorted({r.run for r in results})
    return "\n".join(
        [
            f"# Benchmark, N = {n} posts" + (" (partial: interrupted)" if partial else ""),
            "",
            f"{started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, {versions()}.",
            f"Runs: {len(done)} of {runs}, flavours interleaved (order rotated per run); "
            f"tags: {args.tags or corpus.default_tags(n)}; seed {args.seed}.",
            f"Command: `python -m benchmarks.run --sizes {n} --runs {runs} "
            f"--flavours {','.join(flavours)} --modes {','.join(modes)}`.",
            "",
            table(results, flavours, modes),
            "",
            *(
                [
                    f"`sphinx-blogarchive check` over the {n} posts (no build): median "
                    f"{statistics.median(CHECK_TIMES[n]):.2f} s over {len(CHECK_TIMES[n])} runs "
                    f"({statistics.median(CHECK_TIMES[n]) / n * 1000:.2f} ms a post).",
                    "",
                ]
                if CHECK_TIMES.get(n)
                else []
            ),
            "<details><summary>Every build</summary>",
            "",
            "```json",
            json.dumps([asdict(r) for r in results], indent=None).replace("}, {", "},\n {"),
            "```",
            "</details>",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="42,500", help="numbers of posts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (1 at N >= 20000)")
    parser.add_argument("--flavours", default=",".join(FLAVOURS))
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--tags", type=int, default=None, help="tag vocabulary (default ~2√N)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--no-save", action="store_true", help="print only")
    args = parser.parse_args(argv)
    flavours = [f for f in args.flavours.split(",") if f]
    modes = [m for m in args.modes.split(",") if m]
    unknown = (set(flavours) - set(FLAVOURS)) | (set(modes) - set(MODES))
    if unknown:
        parser.error(f"unknown flavour or mode: {', '.join(sorted(unknown))}")
    for n in (int(s) for s in args.sizes.split(",") if s):
        runs = 1 if n >= 20000 else args.runs
        started = dt.datetime.now(dt.UTC)
        target = args.results / f"{started:%Y-%m-%d}-{n}.md"

        def report(
            results: list[Result],
            n: int = n,
            runs: int = runs,
            started: dt.datetime = started,
            target: Path = target,
        ) -> None:
            if not args.no_save:
                text = document(n, runs, flavours, modes, args, started, results, partial=True)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")

        results = run_size(n, runs, flavours, modes, args.work, args.tags, args.seed, report)
        text = document(n, runs, flavours, modes, args, started, results)
        print(text, flush=True)
        if not args.no_save:
            target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
