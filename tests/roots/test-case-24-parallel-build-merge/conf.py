# Source: shared/cases/24-parallel-build-merge (copied).
# Changes: this conf.py replaces conf_fragment.py;
#   option names mapped;
#   {post} role -> {blog:post};
#   feed options dropped;
#   p11 and p12 added so the root has 12 posts;
#   setup() below added (it records the reading and writing processes).
import os
from pathlib import Path

project = "Fixture blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
blogarchive_post_pattern = "posts/*"  # which documents are posts
exclude_patterns = ["_build"]


def _record_reader(app, doctree):
    """Note which process read each document (tests assert a parallel read)."""
    with open(Path(app.outdir, "readers.txt"), "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {app.env.docname}\n")


def _record_writer(app, pagename, templatename, context, doctree):
    """Note which process wrote each page (tests assert a parallel write)."""
    with open(Path(app.outdir, "writers.txt"), "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {pagename}\n")


def setup(app):
    app.connect("doctree-read", _record_reader)
    app.connect("html-page-context", _record_writer)
