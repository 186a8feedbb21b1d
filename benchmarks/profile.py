"""The extension's own share of a full build, from a profile (cProfile).

``python -m benchmarks.profile --size 2000`` generates the corpus, builds the
``ours`` flavour once from scratch under :mod:`cProfile` (serially, in one
process) and prints:

- the build's total time under the profiler;
- *self*: the time spent in the frames of ``sphinx_blogarchive`` functions
  themselves (cProfile's ``tottime``) and in the functions they call
  directly (hashing, JSON, ...), the share the issue asks about;
- *inclusive*: the time from each entry into the extension from outside it
  (an event handler, a directive, a role...) to its return, callees
  included (hashing, Jinja rendering of the extension's templates, feedgen,
  YAML), without double counting calls from the extension to itself.
  What Sphinx does with the generated pages afterwards (the theme's page
  template, writing the file) is Sphinx's, not in it, as for a document;
- the functions of the extension with the most inclusive time.

The profiler slows every call, so the shares matter, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
from pathlib import Path

from . import corpus
from .run import HERE, Site, emit

PACKAGE = f"{os.sep}sphinx_blogarchive{os.sep}"
#: The layout of generated pages: it extends the theme's ``page.html``, so its
#: frame runs the theme's whole page template, as a document's page does.
LAYOUT = f"{os.sep}blogarchive{os.sep}page.html"


def _ours(func: tuple[str, int, str]) -> bool:
    return PACKAGE in func[0] and not func[0].endswith(LAYOUT)


def _template_or_jinja(func: tuple[str, int, str]) -> bool:
    return func[0].endswith(".html") or f"{os.sep}jinja2{os.sep}" in func[0]


def shares(stats: pstats.Stats) -> tuple[float, float, float, list[tuple[float, str]]]:
    """``(total, self, inclusive, top)`` seconds from *stats* (see the module's text).

    *self* is the ``tottime`` of the extension's frames plus that of the
    functions they call directly (C functions such as hashing and JSON
    encoding, library functions), for the calls made from the extension's
    frames: a lower bound. *inclusive* sums, over the extension's functions,
    the cumulative time of the calls made to them from outside the
    extension, but from Jinja (which renders the extension's templates when
    the extension asks): an upper bound.
    """
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_cc, _nc, _tt, ct, _callers) in raw.values())
    own = 0.0
    inclusive = 0.0
    top = []
    for func, (_cc, _nc, tt, ct, callers) in raw.items():
        if not _ours(func):
            own += sum(edge[2] for caller, edge in callers.items() if _ours(caller))
            continue
        own += tt
        inclusive += sum(
            edge[3]
            for caller, edge in callers.items()
            if not _ours(caller) and not _template_or_jinja(caller)
        )
        top.append((ct, f"{Path(func[0]).name}:{func[1]}({func[2]})"))
    top.sort(reverse=True)
    return total, own, inclusive, top[:25]


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--output", type=Path, default=None, help="write the report here too")
    args = parser.parse_args(argv)
    root = args.work / f"profile-{args.size}"
    pristine = root / "corpus"
    shutil.rmtree(root, ignore_errors=True)
    corpus.generate(pristine, args.size, None, args.seed)
    site = Site(root, "ours", pristine, args.size, None)
    site.reset()
    sys.path.insert(0, str(site.src))  # the probe extension
    from sphinx.cmd.build import build_main

    profile = cProfile.Profile()
    profile.enable()
    code = build_main(
        [
            "-q",
            "-b",
            "html",
            "-d",
            str(site.out / "doctrees"),
            str(site.src),
            str(site.out / "html"),
        ]
    )
    profile.disable()
    if code:
        raise SystemExit(f"the build failed ({code})")
    profile.dump_stats(root / "build.prof")  # for pstats, snakeviz...
    stats = pstats.Stats(profile)
    total, own, inclusive, top = shares(stats)
    lines = [
        f"N = {args.size}, one full build (`-j 1`) of the `ours` flavour under cProfile.",
        "",
        f"- build: {total:.1f} s under the profiler",
        f"- self time in sphinx_blogarchive frames and their direct callees: {own:.2f} s "
        f"({own / total:.1%}; a lower bound)",
        f"- inclusive time from entries into sphinx_blogarchive: {inclusive:.2f} s "
        f"({inclusive / total:.1%}; an upper bound)",
        "",
        "| inclusive s | function |",
        "|--:|---|",
        *(f"| {ct:.2f} | `{name}` |" for ct, name in top),
    ]
    text = "\n".join(lines) + "\n"
    emit(text, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
