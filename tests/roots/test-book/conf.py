# The book of the blog (blog:book): four published posts in MyST and rST, a
# draft and a scheduled post, which the book leaves out, and a plain page.
import os
from pathlib import Path

project = "Book fixture"
copyright = "2025, Fixture"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
epub_basename = "fixture"
# The book's toctree is hidden: without this, the EPUB's table of contents
# would leave it out (the reading order has the posts either way).
epub_tocscope = "includehidden"


def _record_reader(app, doctree):
    """Note each document read, and by which process (tests count the readings).

    In the doctree folder, not the output folder, where the epub builder would
    take the file for a part of the book.
    """
    with open(Path(app.doctreedir, "readers.txt"), "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {app.env.docname}\n")


def setup(app):
    app.connect("doctree-read", _record_reader)
